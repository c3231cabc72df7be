"""``perfeval framework show ID|FILE`` and ``perfeval framework check ID|FILE``.

``show`` prints one framework as perfeval resolves it — inheritance applied — with the weights
(stated and summed), each leaf's target and rule (``auto`` as it resolves for the target),
the settings, the grading policy, and the lineage with the document each framework follows.
``check`` loads a framework (a file that cannot be loaded is exit 2) and reports what does not
add up: weights at every level and against ``total``, leaves without points, invalid rules, an
unknown policy (exit 1 on any error).
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .common import fmt

if TYPE_CHECKING:
    from ..framework import Framework
    from ..rules import Rule, Settings
    from ..tree import Indicator


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = sub.add_parser("show", help="the resolved tree with weights, rules, settings, sources",
                          description="Show a framework with inheritance applied.")
    show.add_argument("framework", metavar="ID|FILE", help="framework id or .toml file")
    show.add_argument("--json", action="store_true", help="print as JSON")
    check = sub.add_parser("check", help="check weights, rules and policy; exit 1 on an error",
                           description="Check a framework file: weights add up at every level "
                                       "and to the total, every leaf has points, rules and "
                                       "policy are valid.")
    check.add_argument("framework", metavar="ID|FILE", help="framework id or .toml file")
    check.add_argument("--json", action="store_true", help="print findings as JSON")


def run(args: argparse.Namespace) -> int:
    framework = load(args.framework)
    if args.action == "show":
        data = describe_framework(framework)
        if args.json:
            from ..jsonout import dumps

            sys.stdout.write(dumps(data) + "\n")
        else:
            print_framework(data)
        return 0
    findings = check_framework(framework)
    if args.json:
        from ..jsonout import dumps

        sys.stdout.write(dumps({"framework": framework.id, "file": _path(framework),
                                "findings": findings}) + "\n")
    else:
        print(f"{_path(framework) or framework.id}  {framework.id}")
        for f in findings:
            where = f" {' › '.join(f['path'])}:" if f["path"] else ""
            print(f"  {f['severity']}:{where} {f['message']}")
        if not findings:
            print("  no findings")
    return 1 if any(f["severity"] == "error" for f in findings) else 0


# -- loading ----------------------------------------------------------------------------------

def load(ref: str) -> Framework:
    """A framework by id (on the search path) or by file."""
    from pathlib import Path

    from ..framework import load_framework

    if ref.endswith(".toml") or "/" in ref or "\\" in ref:
        return load_framework(Path(ref))
    return load_framework(ref)


def lineage(framework: Framework) -> list[dict[str, Any]]:
    """The frameworks this one extends, root first, each with its own title, source and file."""
    from ..framework import find, load_framework
    from ..spec import FrameworkSpec
    from ..tomlio import load_document

    chain: list[dict[str, Any]] = []
    current: Framework | None = framework
    while current is not None:
        spec = None
        if current.path is not None:
            spec, _ = load_document(current.path, FrameworkSpec)
        chain.append({"id": current.id, "title": current.title,
                      "source": spec.source if spec is not None else current.source,
                      "path": _path(current)})
        if spec is None or spec.extends is None:
            break
        parent = find(spec.extends, relative_to=current.path.parent,  # type: ignore[union-attr]
                      file=str(current.path))
        current = load_framework(parent)
    return chain[::-1]


def _path(framework: Framework) -> str | None:
    return str(framework.path) if framework.path is not None else None


# -- show -------------------------------------------------------------------------------------

def describe_framework(framework: Framework) -> dict[str, Any]:
    """Everything ``framework show --json`` prints, as plain data."""
    from ..plugins import get_registry

    policy: dict[str, Any] = {"id": framework.policy}
    try:
        p = get_registry().policy(framework.policy)
    except Exception as exc:  # shown, and reported by `framework check`
        policy["error"] = str(exc).splitlines()[0]
    else:
        policy.update(title=p.title, source=p.source, grades=p.describe(),
                      thresholds=[{"min": t.min, "label": t.label} for t in
                                  sorted(p.thresholds, key=lambda t: t.min, reverse=True)],
                      places=p.places, undemonstrated=p.undemonstrated)
    roots = [_node(ind, (), framework.settings) for ind in framework.indicators]
    return {
        "id": framework.id,
        "title": framework.title,
        "description": framework.description,
        "source": framework.source,
        "file": _path(framework),
        "lineage": lineage(framework),
        "total": framework.total,
        "weights": {"total": framework.total,
                    "sum": sum((ind.weight for ind in framework.indicators), Decimal(0)),
                    "open": [n["name"] for n in roots if n.get("open")]},
        "policy": policy,
        "settings": _settings(framework.settings),
        "indicators": roots,
    }


def _settings(settings: Settings) -> dict[str, Any]:
    return {"places": settings.places, "reverse": settings.reverse,
            "overachievement": settings.overachievement,
            "equivalents": [list(g) for g in settings.equivalents]}


def _node(ind: Indicator, parent: tuple[str, ...], settings: Settings) -> dict[str, Any]:
    path = (*parent, ind.name)
    data: dict[str, Any] = {"name": ind.name, "weight": ind.weight}
    if ind.is_group:
        children = [_node(c, path, settings) for c in ind.children]
        data["stated_weight"] = ind.stated_weight
        data["sum"] = sum((c.weight for c in ind.children), Decimal(0))
        data["open"] = _is_open(ind)
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
    data["rule"] = _rule_data(ind, path, settings)
    return data


def _is_open(ind: Indicator) -> bool:
    """A slot: a group with no leaf below it, filled by each evaluation."""
    return ind.is_group and all(_is_open(c) for c in ind.children)


def _rule_data(ind: Indicator, path: tuple[str, ...], settings: Settings) -> dict[str, Any]:
    from ..errors import PerfevalError
    from ..evaluation import build_rule
    from ..rules import Auto, describe

    data: dict[str, Any] = {"written": ind.rule if ind.rule is not None else "auto"}
    try:
        rule = build_rule(ind.rule, path)
    except PerfevalError as exc:
        data["error"] = exc.message
        return data
    effective = Auto.pick(_target(ind)) if isinstance(rule, Auto) else rule
    resolved = describe(effective)
    if resolved["kind"] == "lower" and "variant" not in resolved:
        resolved["variant"] = settings.reverse
    data["resolved"] = resolved
    data["text"] = rule_text(effective, settings, auto=isinstance(rule, Auto))
    return data


def _target(ind: Indicator) -> Any:
    from ..scoring import target_value

    return target_value(ind)


def rule_text(rule: Rule, settings: Settings, *, auto: bool = False) -> str:
    """``正向 (higher)``, ``反向 (lower, ratio)``, ``公式 (ratio executed / adjusted)`` …"""
    from ..rules import Lower, Ratio, describe

    label = rule.aliases[0] if rule.aliases else rule.kind
    params = {k: v for k, v in describe(rule).items() if k != "kind"}
    if isinstance(rule, Lower):
        detail = f"{rule.kind}, {rule.variant or settings.reverse}"
    elif isinstance(rule, Ratio):
        detail = f"{rule.kind} {rule.numerator} / {rule.denominator}"
    elif params:
        detail = f"{rule.kind} " + ", ".join(f"{k}={_short(v)}" for k, v in params.items())
    else:
        detail = rule.kind
    return ("auto → " if auto else "") + f"{label} ({detail})"


def _short(value: Any) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(_short(v) for v in value) + "]"
    if hasattr(value, "__attrs_attrs__"):
        return "{" + ", ".join(f"{a.name}={fmt(getattr(value, a.name))}"
                               for a in value.__attrs_attrs__) + "}"
    return fmt(value)


def print_framework(data: dict[str, Any]) -> None:
    """The text form of :func:`describe_framework`."""
    print(f"{data['id']}  {data['title']}")
    if data["description"]:
        print(f"  {data['description']}")
    if data["file"]:
        print(f"  file: {data['file']}")
    print("  lineage:")
    for item in data["lineage"]:
        print(f"    {item['id']}  依据: {item['source'] or '(as its base)'}")
    w = data["weights"]
    state = "adds up" if w["sum"] == w["total"] else (
        f"open: {', '.join(w['open'])} set per project" if w["open"]
        else "does NOT add up")
    print(f"  total: {fmt(w['total'])}  (一级 sum {fmt(w['sum'])}, {state})")
    p = data["policy"]
    if "error" in p:
        print(f"  policy: {p['id']}  ERROR: {p['error']}")
    else:
        extra = f"; 结果缺失时: {p['undemonstrated']}" if p["undemonstrated"] else ""
        print(f"  policy: {p['id']}  {p['title']}  ({p['grades']}{extra})")
    s = data["settings"]
    eq = "; ".join("=".join(g) for g in s["equivalents"]) or "none"
    print(f"  settings: places {s['places']}, 反向 variant {s['reverse']}, "
          f"overachievement {fmt(s['overachievement'])}%, equivalents {eq}")
    print()
    for node in data["indicators"]:
        _print_node(node, 1)


def _print_node(node: dict[str, Any], depth: int) -> None:
    indent = "  " * depth
    if "children" in node:
        stated = node["stated_weight"]
        if node["open"]:
            note = "set per project" + (f", {fmt(stated)} points" if stated is not None else "")
        elif stated is not None and stated != node["sum"]:
            note = f"stated {fmt(stated)}, indicators add up to {fmt(node['sum'])}"
        elif stated is not None:
            note = f"stated {fmt(stated)} = sum"
        else:
            note = "sum of its indicators"
        print(f"{indent}{node['name']}  {fmt(node['weight'])}  ({note})")
        for child in node["children"]:
            _print_node(child, depth + 1)
        return
    target = node.get("target")
    if target is not None and node.get("comparator"):
        target = f"[{node['comparator']}] {target}"
    if target is not None and node.get("unit"):
        target = f"{target} [{node['unit']}]"
    rule = node["rule"]
    rule_text_ = rule.get("text") or f"INVALID: {rule.get('error')}"
    na = "  (not applicable)" if node.get("not_applicable") else ""
    print(f"{indent}{node['name']}  {fmt(node['weight'])}  目标 {target or '—'}  "
          f"规则 {rule_text_}{na}")


# -- check ------------------------------------------------------------------------------------

def check_framework(framework: Framework) -> list[dict[str, Any]]:
    """Findings (severity, path, message) on a loaded framework."""
    from ..errors import PerfevalError
    from ..evaluation import build_rule
    from ..plugins import get_registry
    from ..rules import Auto, Bands, Equal, Higher, Lower
    from ..tree import iter_leaves
    from ..values import ValueKind

    findings: list[dict[str, Any]] = []

    def add(severity: str, path: tuple[str, ...], message: str) -> None:
        findings.append({"severity": severity, "path": list(path), "message": message})

    def walk(ind: Indicator, parent: tuple[str, ...]) -> None:
        path = (*parent, ind.name)
        if not ind.is_group:
            return
        for child in ind.children:
            walk(child, path)
        total = sum((c.weight for c in ind.children), Decimal(0))
        stated = ind.stated_weight
        if _is_open(ind):
            if parent == () or not _is_open_parent(framework, parent):
                add("info", path, "set per project: each evaluation adds its indicators"
                    + (f" worth {fmt(stated)} points" if stated is not None else ""))
            return
        if stated is None:
            return
        open_children = [c.name for c in ind.children if _is_open(c) and c.stated_weight is None]
        if total == stated:
            return
        if open_children and total < stated:
            add("info", path, f"indicators here add up to {fmt(total)} of {fmt(stated)}; "
                f"{', '.join(open_children)} bring the other {fmt(stated - total)} per project")
        else:
            add("error", path, f"weight {fmt(stated)} but its indicators add up to {fmt(total)}")

    for root in framework.indicators:
        walk(root, ())

    roots_sum = sum((r.weight for r in framework.indicators), Decimal(0))
    open_roots = [r.name for r in framework.indicators if _is_open(r) and r.stated_weight is None]
    if roots_sum != framework.total:
        if open_roots and roots_sum < framework.total:
            add("info", (), f"the 一级 weights add up to {fmt(roots_sum)}; "
                f"{', '.join(open_roots)} bring the other {fmt(framework.total - roots_sum)} "
                f"of the total {fmt(framework.total)} per project")
        else:
            add("error", (), f"the 一级 weights add up to {fmt(roots_sum)}, "
                f"the total is {fmt(framework.total)}")

    for path, leaf in iter_leaves(framework.indicators):
        if leaf.weight <= 0:
            add("error", path, f"a leaf worth {fmt(leaf.weight)} points: give it a weight > 0")
        try:
            rule = build_rule(leaf.rule, path)
        except PerfevalError as exc:
            add("error", path, f"invalid rule: {exc.message}"
                + (f" ({exc.hint})" if exc.hint else ""))
            continue
        target = _target(leaf)
        if isinstance(rule, Auto):
            if target is None or target.kind is ValueKind.NONE:
                add("info", path, "no target: scored by hand (手工) unless the evaluation sets one")
            continue
        numeric = isinstance(rule, Higher | Lower | Equal) or (
            isinstance(rule, Bands) and rule.of == "rate")
        if numeric and target is not None and target.kind is not ValueKind.NUMBER:
            add("warning", path, f"rule {rule.kind} compares numbers, but the target "
                f"{leaf.target!r} is not a number")

    try:
        get_registry().policy(framework.policy)
    except PerfevalError as exc:
        add("error", ("policy",), exc.message + (f" ({exc.hint})" if exc.hint else ""))
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
