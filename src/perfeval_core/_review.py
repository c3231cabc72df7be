"""Frameworks under review: a framework described as plain data (``perfeval framework show``)
and checked for what does not add up (``perfeval framework check``).

:func:`describe_framework` gives the resolved tree — inheritance applied — with the weights
(stated and summed), each leaf's target and rule (``auto`` as it resolves for the target), the
settings, the grading policy, and the lineage with the document each framework follows.
:func:`check_framework` reports weights that do not add up at any level or against ``total``,
leaves without points, invalid rules and an unknown policy, as :class:`~perfeval_core.Finding`.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ._checks.base import Finding, Severity
from ._errors import PerfevalError
from ._io.documents import load_document
from ._loading.frameworks import find, load_framework
from ._loading.rulebook import build_rule
from ._model.framework import Framework
from ._model.numbers import format_number as fmt
from ._model.rules import Rule, Settings, describe
from ._model.scoring import target_value
from ._model.spec import FrameworkSpec
from ._model.tree import Indicator, iter_leaves
from ._model.values import ValueKind
from ._plugins.host import registry_or_default
from ._plugins.registry import Registry


def load(ref: str, registry: Registry | None = None) -> Framework:
    """A framework by id (on the search path) or by file."""
    if ref.endswith(".toml") or "/" in ref or "\\" in ref:
        return load_framework(Path(ref), registry=registry)
    return load_framework(ref, registry=registry)


def lineage(framework: Framework, registry: Registry | None = None) -> list[dict[str, Any]]:
    """The frameworks this one extends, root first, each with its own title, source and file."""
    chain: list[dict[str, Any]] = []
    current: Framework | None = framework
    while current is not None:
        spec = None
        if current.path is not None:
            spec, _ = load_document(current.path, FrameworkSpec)
        chain.append(
            {
                "id": current.id,
                "title": current.title,
                "source": spec.source if spec is not None else current.source,
                "path": _path(current),
            }
        )
        if spec is None or spec.extends is None:
            break
        assert current.path is not None  # a spec was read from it
        parent = find(
            spec.extends, relative_to=current.path.parent, file=str(current.path), registry=registry
        )
        current = load_framework(parent, registry=registry)
    return chain[::-1]


def _path(framework: Framework) -> str | None:
    return str(framework.path) if framework.path is not None else None


def describe_framework(framework: Framework, *, registry: Registry | None = None) -> dict[str, Any]:
    """Everything ``framework show --json`` prints, as plain data."""
    registry = registry_or_default(registry)
    policy: dict[str, Any] = {"id": framework.policy}
    try:
        p = registry.policy(framework.policy)
    except Exception as exc:  # shown, and reported by `framework check`
        policy["error"] = str(exc).splitlines()[0]
    else:
        policy.update(
            title=p.title,
            source=p.source,
            grades=p.describe(),
            thresholds=[
                {"min": t.min, "label": t.label}
                for t in sorted(p.thresholds, key=lambda t: t.min, reverse=True)
            ],
            places=p.places,
            undemonstrated=p.undemonstrated,
        )
    roots = [_node(ind, (), framework.settings, registry) for ind in framework.indicators]
    return {
        "id": framework.id,
        "title": framework.title,
        "description": framework.description,
        "source": framework.source,
        "file": _path(framework),
        "lineage": lineage(framework, registry),
        "total": framework.total,
        "weights": {
            "total": framework.total,
            "sum": sum((ind.weight for ind in framework.indicators), Decimal(0)),
            "open": [n["name"] for n in roots if n.get("open")],
        },
        "policy": policy,
        "settings": _settings(framework.settings),
        "review": attrs.asdict(framework.review),
        "indicators": roots,
    }


def _settings(settings: Settings) -> dict[str, Any]:
    return {
        "places": settings.places,
        "rounding": settings.rounding,
        "reverse": settings.reverse,
        "overachievement": settings.overachievement,
        "equivalents": [list(g) for g in settings.equivalents],
        "met": list(settings.met),
        "not_met": list(settings.not_met),
        "qualitative_bands": list(settings.qualitative_bands),
        "reallocate": settings.reallocate,
    }


def _node(
    ind: Indicator, parent: tuple[str, ...], settings: Settings, registry: Registry
) -> dict[str, Any]:
    path = (*parent, ind.name)
    data: dict[str, Any] = {"name": ind.name, "weight": ind.weight}
    if ind.is_group:
        children = [_node(c, path, settings, registry) for c in ind.children]
        data["stated_weight"] = ind.stated_weight
        data["sum"] = sum((c.weight for c in ind.children), Decimal(0))
        data["open"] = _is_open(ind)
        if _optional(ind):
            data["optional"] = True
        if ind.description:
            data["description"] = ind.description
        if ind.not_applicable:
            data["not_applicable"] = True
        data["children"] = children
        return data
    for key in ("target", "unit", "comparator", "description"):
        value = getattr(ind, key)
        if value is not None:
            data[key] = value
    if ind.not_applicable:
        data["not_applicable"] = True
    data["rule"] = _rule_data(ind, path, settings, registry)
    return data


def _is_open(ind: Indicator) -> bool:
    """A slot: a group with no leaf below it, filled by each evaluation."""
    return ind.is_group and all(_is_open(c) for c in ind.children)


def _optional(ind: Indicator) -> bool:
    """Optional items (可选项): a group whose leaves the framework all marks not applicable,
    for each evaluation to pick from (``not_applicable = false``)."""
    return bool(ind.children) and all(
        c.not_applicable or (c.is_group and _optional(c)) for c in ind.children
    )


def _counted(ind: Indicator) -> Decimal:
    """What an indicator brings to its group's sum: its weight; for optional items the points
    they share (the group's stated weight) — an optional leaf alone brings none."""
    if ind.not_applicable and not ind.is_group:
        return Decimal(0)
    if ind.is_group and _optional(ind):
        return ind.stated_weight or Decimal(0)
    return ind.weight


def _rule_data(
    ind: Indicator, path: tuple[str, ...], settings: Settings, registry: Registry
) -> dict[str, Any]:
    data: dict[str, Any] = {"written": ind.rule if ind.rule is not None else "auto"}
    try:
        rule = build_rule(ind.rule_spec, path, registry)
    except PerfevalError as exc:
        data["error"] = exc.message
        return data
    effective = rule.resolve(target_value(ind))
    resolved = describe(effective)
    if resolved["kind"] == "lower" and "variant" not in resolved:
        resolved["variant"] = settings.reverse
    data["resolved"] = resolved
    data["text"] = rule_text(effective, settings, auto=rule.picks)
    return data


def rule_text(rule: Rule, settings: Settings, *, auto: bool = False) -> str:
    """``正向 (higher)``, ``反向 (lower, ratio)``, ``公式 (ratio executed / adjusted)`` …"""
    return ("auto → " if auto else "") + f"{rule.label} ({rule.detail(settings)})"


#: Codes of the framework findings: F1xx errors, F2xx warnings, F3xx information.
FRAMEWORK_CODES = {
    "F101": "a group's stated weight differs from the sum of its indicators",
    "F102": "the 一级 weights do not add up to the framework's total",
    "F103": "a leaf worth 0 points or less",
    "F104": "an invalid scoring rule",
    "F105": "an unknown grading policy",
    "F201": "a numeric rule on a target that is not a number",
    "F301": "a slot (group without leaves) that each evaluation fills",
    "F302": "a leaf without a target, scored by hand",
    "F303": "optional items (可选项) each evaluation picks from",
}


def check_framework(framework: Framework, *, registry: Registry | None = None) -> list[Finding]:
    """Findings on a loaded framework (codes in :data:`FRAMEWORK_CODES`)."""
    registry = registry_or_default(registry)
    findings: list[Finding] = []
    file = str(framework.path) if framework.path is not None else None

    def add(code: str, path: tuple[str, ...], message: str) -> None:
        severity = {"1": Severity.ERROR, "2": Severity.WARNING, "3": Severity.INFO}[code[1]]
        findings.append(Finding(code, severity, message, tuple(path), file))

    def walk(ind: Indicator, parent: tuple[str, ...]) -> None:
        path = (*parent, ind.name)
        if not ind.is_group:
            return
        stated = ind.stated_weight
        if _optional(ind):
            add(
                "F303",
                path,
                "optional items (可选项): each evaluation picks those that apply with "
                "not_applicable = false"
                + (f"; they share {fmt(stated)} points" if stated is not None else ""),
            )
            return
        for child in ind.children:
            walk(child, path)
        total = sum((_counted(c) for c in ind.children), Decimal(0))
        if _is_open(ind):
            if parent == () or not _is_open_parent(framework, parent):
                add(
                    "F301",
                    path,
                    "set per project: each evaluation adds its indicators"
                    + (f" worth {fmt(stated)} points" if stated is not None else ""),
                )
            return
        if stated is None:
            return
        open_children = [c.name for c in ind.children if _is_open(c) and c.stated_weight is None]
        if total == stated:
            return
        if open_children and total < stated:
            add(
                "F301",
                path,
                f"indicators here add up to {fmt(total)} of {fmt(stated)}; "
                f"{', '.join(open_children)} bring the other {fmt(stated - total)} per project",
            )
        else:
            add("F101", path, f"weight {fmt(stated)} but its indicators add up to {fmt(total)}")

    for root in framework.indicators:
        walk(root, ())

    roots_sum = sum((r.weight for r in framework.indicators), Decimal(0))
    open_roots = [r.name for r in framework.indicators if _is_open(r) and r.stated_weight is None]
    if roots_sum != framework.total:
        if open_roots and roots_sum < framework.total:
            add(
                "F301",
                (),
                f"the 一级 weights add up to {fmt(roots_sum)}; "
                f"{', '.join(open_roots)} bring the other {fmt(framework.total - roots_sum)} "
                f"of the total {fmt(framework.total)} per project",
            )
        else:
            add(
                "F102",
                (),
                f"the 一级 weights add up to {fmt(roots_sum)}, the total is {fmt(framework.total)}",
            )

    for path, leaf in iter_leaves(framework.indicators):
        if leaf.weight <= 0:
            add("F103", path, f"a leaf worth {fmt(leaf.weight)} points: give it a weight > 0")
        try:
            rule = build_rule(leaf.rule_spec, path, registry)
        except PerfevalError as exc:
            add(
                "F104",
                path,
                f"invalid rule: {exc.message}" + (f" ({exc.hint})" if exc.hint else ""),
            )
            continue
        target = target_value(leaf)
        if rule.picks:
            if target is None or target.kind is ValueKind.NONE:
                add("F302", path, "no target: scored by hand (手工) unless the evaluation sets one")
            continue
        if rule.compares_numbers() and target is not None and target.kind is not ValueKind.NUMBER:
            add(
                "F201",
                path,
                f"rule {rule.kind} compares numbers, but the target "
                f"{leaf.target!r} is not a number",
            )

    try:
        registry.policy(framework.policy)
    except PerfevalError as exc:
        add("F105", ("policy",), exc.message + (f" ({exc.hint})" if exc.hint else ""))
    return findings


def _is_open_parent(framework: Framework, parent: tuple[str, ...]) -> bool:
    """True when the group at ``parent`` is itself open (report only the outermost slot)."""
    nodes = framework.indicators
    node = None
    for name in parent:
        node = next((n for n in nodes if n.name == name), None)
        if node is None:
            return False
        nodes = node.children
    return node is not None and _is_open(node)


__all__ = ["FRAMEWORK_CODES", "check_framework", "describe_framework", "load", "rule_text"]
