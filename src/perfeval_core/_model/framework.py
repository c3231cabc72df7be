"""Frameworks (指标体系) as resolved: the tree with everything inherited, settings and policy."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from .._errors import InputError
from .review import ReviewRules
from .rules import REALLOCATIONS, ROUNDINGS, Settings
from .spec import SettingsDropSpec, SettingsSpec
from .tree import Indicator

#: The points of a whole table when a framework states no ``total``.
DEFAULT_TOTAL = Decimal(100)


@attrs.frozen
class Framework:
    """A resolved framework: its tree with everything it inherits, its scoring settings, its
    review rules and its grading policy."""

    id: str
    title: str
    description: str
    source: str
    total: Decimal
    policy: str
    settings: Settings
    indicators: tuple[Indicator, ...]
    review: ReviewRules = attrs.Factory(ReviewRules)
    path: Path | None = None
    lineage: tuple[str, ...] = ()
    #: The id of its default form (表样), inherited from the framework it extends.
    form: str | None = None
    #: The files of the lineage, this framework's first (for telling when one has changed).
    files: tuple[Path, ...] = attrs.field(default=(), eq=False, repr=False)


#: Settings that hold lists of wordings: a framework's list adds to the inherited one.
LIST_SETTINGS = ("equivalents", "met", "not_met")


def merge_settings(base: Settings, spec: SettingsSpec | None, file: str) -> Settings:
    """``base`` with what ``spec`` sets; a value out of its range is an error naming the key.

    A value replaces the inherited one, but for the lists of wordings (:data:`LIST_SETTINGS`):
    what a framework lists is added to what it inherits, and ``[settings.drop]`` removes
    inherited wordings.
    """
    if spec is None:
        return base
    changes = {
        k: v
        for k, v in attrs.asdict(spec, recurse=False).items()
        if v is not None and k not in (*LIST_SETTINGS, "drop")
    }

    def error(key: str, message: str, hint: str | None = None) -> InputError:
        return InputError(
            message, file=file, where=f"settings › {key}", hint=hint, names=("settings", key)
        )

    if "reverse" in changes and changes["reverse"] not in ("ratio", "linear"):
        raise error(
            "reverse", f"unknown 反向 variant {changes['reverse']!r}", 'use "ratio" or "linear"'
        )
    if "places" in changes and not 0 <= changes["places"] <= 6:
        raise error("places", "places must be between 0 and 6")
    if "rounding" in changes and changes["rounding"] not in ROUNDINGS:
        raise error(
            "rounding",
            f"unknown rounding {changes['rounding']!r}",
            'use "half-up" (the default: 8.625 → 8.63) or "down" (9.91 → 9 at places = 0)',
        )
    if "overachievement" in changes and changes["overachievement"] <= 100:
        raise error("overachievement", "overachievement is a percentage above 100 (e.g. 130)")
    if "reallocate" in changes and changes["reallocate"] not in REALLOCATIONS:
        raise error(
            "reallocate",
            f"unknown reallocation {changes['reallocate']!r}",
            'use "level1" (the rest of the 一级), "level2" (the rest of the 二级) or '
            '"stated" (the rest of the nearest group whose weight is stated)',
        )
    if "qualitative_bands" in changes:
        bands = changes["qualitative_bands"]
        if len(bands) != 2 or not 0 < bands[1] < bands[0] <= 100:
            raise error(
                "qualitative_bands",
                "qualitative_bands is two percentages: where 达成 and 部分达成 start",
                "e.g. qualitative_bands = [80, 60] (national: 达成 80–100 %, 部分达成 60–<80 %) "
                "or [80, 50] (湖北)",
            )
        changes["qualitative_bands"] = (bands[0], bands[1])
    merged = attrs.evolve(base, **changes)
    for key in LIST_SETTINGS:
        added = getattr(spec, key)
        if added:
            inherited = getattr(merged, key)
            merged = attrs.evolve(
                merged, **{key: inherited + tuple(x for x in added if x not in inherited)}
            )
    if spec.drop is not None:
        merged = _drop_wordings(merged, spec.drop, file)
    return merged


def _drop_wordings(settings: Settings, drop: SettingsDropSpec, file: str) -> Settings:
    """``settings`` without the wordings ``[settings.drop]`` lists; a wording that is not there
    is an error (a typo would otherwise drop nothing)."""
    changes: dict[str, Any] = {}
    for key in LIST_SETTINGS:
        words = getattr(drop, key)
        if not words:
            continue
        current = getattr(settings, key)
        known = {w for g in current for w in g} if key == "equivalents" else set(current)
        for word in words:
            if word not in known:
                shown = "、".join(sorted(known)) or "none"
                raise InputError(
                    f"drop {word!r}, which is not among the inherited {key}",
                    file=file,
                    where=f"settings › drop › {key}",
                    hint=f"{key} here: {shown}",
                    names=("settings", "drop", key),
                )
        if key == "equivalents":
            groups = (tuple(w for w in g if w not in words) for g in current)
            changes[key] = tuple(g for g in groups if len(g) > 1)
        else:
            changes[key] = tuple(w for w in current if w not in words)
    return attrs.evolve(settings, **changes)
