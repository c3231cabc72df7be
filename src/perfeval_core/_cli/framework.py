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
from typing import Any

from .._errors import exit_code
from .._model.numbers import format_number as fmt
from .common import STDIO


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = sub.add_parser(
        "show",
        help="the resolved tree with weights, rules, settings, sources",
        description="Show a framework with inheritance applied.",
    )
    show.add_argument(
        "framework", metavar="ID|FILE", help="framework id, .toml file, or - for standard input"
    )
    show.add_argument("--json", action="store_true", help="print as JSON")
    check = sub.add_parser(
        "check",
        help="check weights, rules and policy; exit 1 on an error",
        description="Check a framework file: weights add up at every level "
        "and to the total, every leaf has points, rules and "
        "policy are valid.",
    )
    check.add_argument(
        "framework", metavar="ID|FILE", help="framework id, .toml file, or - for standard input"
    )
    check.add_argument("--json", action="store_true", help="print findings as JSON")


def run(args: argparse.Namespace) -> int:
    from .._review import check_framework, describe_framework, load

    if args.framework == STDIO:
        from .._io.reading import STDIN_NAME, read_stream
        from .._loading.frameworks import loads_framework

        framework = loads_framework(read_stream(sys.stdin.buffer), file=STDIN_NAME)
    else:
        framework = load(args.framework)
    if args.action == "show":
        data = describe_framework(framework)
        if args.json:
            from .._io.jsonwriter import dumps

            sys.stdout.write(dumps(data) + "\n")
        else:
            print_framework(data)
        return 0
    from .._checks.base import has_errors

    findings = check_framework(framework)
    path = str(framework.path) if framework.path is not None else None
    if args.json:
        from .._io.jsonwriter import dumps

        sys.stdout.write(
            dumps(
                {
                    "framework": framework.id,
                    "file": path,
                    "findings": [f.as_dict() for f in findings],
                }
            )
            + "\n"
        )
    else:
        print(f"{path or framework.id}  {framework.id}")
        for finding in findings:
            print(f"  {finding}")
        if not findings:
            print("  no findings")
    return exit_code(failed=False, errors=has_errors(findings))


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
    state = (
        "adds up"
        if w["sum"] == w["total"]
        else (f"open: {', '.join(w['open'])} set per project" if w["open"] else "does NOT add up")
    )
    print(f"  total: {fmt(w['total'])}  (一级 sum {fmt(w['sum'])}, {state})")
    p = data["policy"]
    if "error" in p:
        print(f"  policy: {p['id']}  ERROR: {p['error']}")
    else:
        extra = f"; 结果缺失时: {p['undemonstrated']}" if p["undemonstrated"] else ""
        print(f"  policy: {p['id']}  {p['title']}  ({p['grades']}{extra})")
    s = data["settings"]
    eq = "; ".join("=".join(g) for g in s["equivalents"]) or "none"
    bands = "/".join(fmt(b) for b in s["qualitative_bands"])
    print(
        f"  settings: places {s['places']} ({s['rounding']}), 反向 variant {s['reverse']}, "
        f"overachievement {fmt(s['overachievement'])}%, 定性 bands {bands}%, "
        f"not applicable → {s['reallocate']}, equivalents {eq}"
    )
    print(f"  met: {'、'.join(s['met']) or 'none'}; not met: {'、'.join(s['not_met']) or 'none'}")
    rules = {k: v for k, v in data["review"].items() if v not in (None, False)}
    if "cost_cap" not in rules:
        rules.pop("cost_group", None)  # the group's name only matters with a cap
    if rules:
        print("  review: " + ", ".join(f"{k} {v}" for k, v in rules.items()))
    print()
    for node in data["indicators"]:
        _print_node(node, 1)


def _print_node(node: dict[str, Any], depth: int) -> None:
    indent = "  " * depth
    if "children" in node:
        stated = node["stated_weight"]
        if node["open"]:
            note = "set per project" + (f", {fmt(stated)} points" if stated is not None else "")
        elif node.get("optional"):
            note = "optional items (可选项): those picked share " + (
                fmt(stated) if stated is not None else "their points"
            )
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
    print(
        f"{indent}{node['name']}  {fmt(node['weight'])}  目标 {target or '—'}  "
        f"规则 {rule_text_}{na}"
    )
