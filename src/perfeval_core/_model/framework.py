"""Frameworks (指标体系) as resolved: the tree with everything inherited, settings and policy."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs

from .._errors import InputError
from .rules import Settings
from .spec import SettingsSpec
from .tree import Indicator

#: The points of a whole table when a framework states no ``total``.
DEFAULT_TOTAL = Decimal(100)


@attrs.frozen
class Framework:
    """A resolved framework: its tree with everything it inherits, its settings and policy."""

    id: str
    title: str
    description: str
    source: str
    total: Decimal
    policy: str
    settings: Settings
    indicators: tuple[Indicator, ...]
    path: Path | None = None
    lineage: tuple[str, ...] = ()
    #: The id of its default form (表样), inherited from the framework it extends.
    form: str | None = None
    #: The files of the lineage, this framework's first (for telling when one has changed).
    files: tuple[Path, ...] = attrs.field(default=(), eq=False, repr=False)


def merge_settings(base: Settings, spec: SettingsSpec | None, file: str) -> Settings:
    """``base`` with what ``spec`` sets; a value out of its range is an error naming the key."""
    if spec is None:
        return base
    changes = {k: v for k, v in attrs.asdict(spec, recurse=False).items() if v is not None}
    if "reverse" in changes and changes["reverse"] not in ("ratio", "linear"):
        raise InputError(
            f"unknown 反向 variant {changes['reverse']!r}",
            file=file,
            where="settings › reverse",
            hint='use "ratio" or "linear"',
            names=("settings", "reverse"),
        )
    if "places" in changes and not 0 <= changes["places"] <= 6:
        raise InputError(
            "places must be between 0 and 6",
            file=file,
            where="settings › places",
            names=("settings", "places"),
        )
    if "overachievement" in changes and changes["overachievement"] <= 100:
        raise InputError(
            "overachievement is a percentage above 100 (e.g. 130)",
            file=file,
            where="settings › overachievement",
            names=("settings", "overachievement"),
        )
    return attrs.evolve(base, **changes)
