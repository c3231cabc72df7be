"""A blank evaluation for a framework: the project facts, every leaf of the framework with an
empty actual and, as comments, what a person filling it in needs to see — each leaf's points,
target and rule, the points each group's indicators share, and where the project's own
indicators go.

The blank is written as TOML a person edits: a slot (a group the framework leaves to the
project) gets no ``children`` key, so its leaves can be added either as a list
(``children = [ … ]``, shown commented out) or as ``[[indicators.children.children]]`` tables.
No narrative sections are written: their headings belong to the form a place prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import BinaryIO

import attrs

from ._io.tomlwriter import literal
from ._loading.rulebook import build_rule
from ._model.framework import Framework
from ._model.numbers import format_number
from ._model.rules import Rule
from ._model.scoring import target_value
from ._model.spec import EvaluationSpec, IndicatorSpec, ProjectSpec
from ._model.tree import Indicator, iter_leaves
from ._plugins.host import registry_or_default
from ._plugins.registry import Registry


@attrs.frozen
class BlankWriter:
    """A format of the blank evaluation (``perfeval new --format NAME``): ``write(framework,
    stream, ref)`` writes the blank for ``framework`` to a binary stream; ``ref`` is what the
    blank names in ``framework = …`` (the id, or the path of the framework's file)."""

    name: str
    suffix: str
    write: Callable[[Framework, BinaryIO, str], None]
    description: str = ""


def write_toml(framework: Framework, stream: BinaryIO, ref: str) -> None:
    """The built-in blank: TOML with a comment beside every leaf (:func:`blank_evaluation`)."""
    stream.write(blank_evaluation(framework, ref=ref).encode("utf-8"))


HEADER = """\
# A blank evaluation for framework {id} ({title}).
# Fill in [project], and for every leaf its actual value (实际完成值) and, where the form
# states one, its score (得分; a leaf without one gets its rule's score); add a basis
# (评分依据) wherever points are deducted. Each leaf's points, target and rule are in the
# comment beside it; a group the framework leaves to the project says how many points its
# indicators share: add them there (uncomment the example), or drop = true the group.
# Then: perfeval check THIS_FILE   (docs/formats.md lists every key)
"""

PROJECT = """\
[project]
unit = ""                # 填报单位
name = ""                # 项目名称
# year = 2025            # 项目实施年度: a number, without quotes
start = ""               # 开始时间, e.g. "2025-01"
end = ""                 # 完成时间, e.g. "2025-12"
"""

BUDGET = """\
[budget]                 # the figures the formula leaves ({formulas}) are computed from
unit = "万元"
initial = 0              # 年初预算数
adjusted = 0             # 全年预算数 (调整后预算数)
received = 0             # 实际到位资金
executed = 0             # 全年执行数 (预算执行数)
"""


def blank_spec(framework: Framework, registry: Registry | None = None) -> EvaluationSpec:
    """The blank evaluation as a spec (what :func:`blank_evaluation` writes, without its
    comments): empty project facts and every leaf of the framework, with an empty actual where
    one is to be filled in."""
    registry = registry_or_default(registry)

    def blank(ind: Indicator, parent: tuple[str, ...]) -> IndicatorSpec:
        path = (*parent, ind.name)
        if ind.is_group:
            return IndicatorSpec(ind.name, children=tuple(blank(c, path) for c in ind.children))
        rule = build_rule(ind.rule_spec, path, registry)
        return IndicatorSpec(ind.name, actual="" if _takes_actual(ind, rule) else None)

    return EvaluationSpec(
        framework=framework.id,
        project=ProjectSpec(name="", unit="", start="", end=""),
        indicators=tuple(blank(i, ()) for i in framework.indicators),
    )


def blank_evaluation(
    framework: Framework, registry: Registry | None = None, *, ref: str | None = None
) -> str:
    """TOML text of a blank evaluation on ``framework``; ``ref`` is what ``framework = …``
    names (the framework's id by default, or the path of its file next to the blank)."""
    registry = registry_or_default(registry)
    rules = {
        path: build_rule(leaf.rule_spec, path, registry)
        for path, leaf in iter_leaves(framework.indicators)
    }
    parts = [
        HEADER.format(id=framework.id, title=framework.title),
        f"\nframework = {literal(ref or framework.id)}\n\n",
        PROJECT,
    ]
    formulas = [path[-1] for path, rule in rules.items() if rule.computes_actual]
    if formulas:
        parts.append("\n" + BUDGET.format(formulas=", ".join(dict.fromkeys(formulas))))
    parts.append(_open_points(framework))
    for ind in framework.indicators:
        parts.append("\n" + "".join(_group(ind, (), "indicators", rules, framework)))
    return "".join(parts)


def _open_points(framework: Framework) -> str:
    """A comment on the points the 一级 the framework leaves open share, when there are any:
    ``# … 产出指标、效益指标、满意度指标 share the other 70 of the 100 points``."""
    open_roots = [
        r.name for r in framework.indicators if r.stated_weight is None and not _leaves(r)
    ]
    fixed = sum((r.weight for r in framework.indicators), Decimal(0))
    if not open_roots or fixed >= framework.total:
        return ""
    return (
        f"\n# The framework fixes {format_number(fixed)} of its {format_number(framework.total)}"
        f" points; the project's indicators under {'、'.join(open_roots)} share the other "
        f"{format_number(framework.total - fixed)}.\n"
    )


def _leaves(ind: Indicator) -> list[Indicator]:
    return [leaf for _, leaf in ind.leaves()]


def _group(
    ind: Indicator,
    parent: tuple[str, ...],
    table: str,
    rules: dict[tuple[str, ...], Rule],
    framework: Framework,
) -> Iterator[str]:
    path = (*parent, ind.name)
    yield f"[[{table}]]\n"
    yield _beside(f"name = {literal(ind.name)}", _group_note(ind))
    if not ind.children:
        yield from _slot_example()
        return
    if all(not c.is_group for c in ind.children):
        yield "children = [\n"
        for leaf in ind.children:
            rule = rules[(*path, leaf.name)]
            row = (
                {"name": leaf.name, "actual": ""}
                if _takes_actual(leaf, rule)
                else {"name": leaf.name}
            )
            yield _beside(f"  {literal(row)},", _leaf_note(leaf, rule, framework))
        yield "]\n"
        return
    for child in ind.children:
        yield "\n"
        if child.is_group:
            yield from _group(child, path, f"{table}.children", rules, framework)
        else:  # a leaf beside groups: a table of its own
            rule = rules[(*path, child.name)]
            yield f"[[{table}.children]]\n"
            yield _beside(f"name = {literal(child.name)}", _leaf_note(child, rule, framework))
            if _takes_actual(child, rule):
                yield 'actual = ""\n'


def _group_note(ind: Indicator) -> str:
    """``50 分`` and, for a group without leaves, what the project adds there."""
    leaves = _leaves(ind)
    if ind.stated_weight is None and not leaves:
        return "set per project: add its indicators, or drop = true"
    points = f"{format_number(ind.weight)} 分"
    if leaves and all(leaf.not_applicable for leaf in leaves):
        return f"{points}: the optional items (可选项) picked share them"
    fixed = sum((leaf.weight for leaf in leaves), Decimal(0))
    if ind.stated_weight is not None and fixed < ind.weight:
        left = format_number(ind.weight - fixed)
        return f"{points}: the project's indicators here share {left}"
    return points


def _takes_actual(leaf: Indicator, rule: Rule) -> bool:
    """Is there an actual to fill in: not for a formula leaf (from [budget]) nor for one scored
    by hand (its score is what is filled in)."""
    return not rule.computes_actual and rule.resolve(target_value(leaf)).uses_actual()


def _leaf_note(leaf: Indicator, rule: Rule, framework: Framework) -> str:
    """``2 分 · 指标值 充分 · 是否`` — what the leaf is worth, its target and its rule."""
    parts = [f"{format_number(leaf.weight)} 分"]
    target = target_value(leaf)
    if leaf.target:
        parts.append(f"指标值 {target if target is not None else leaf.target}")
    effective = rule.resolve(target)
    if rule.computes_actual:
        parts.append(f"{rule.label} {rule.detail(framework.settings)}, from [budget]")
    elif not effective.uses_actual():
        parts.append(f"{effective.label}: record score = …")
    else:
        parts.append(effective.label)
    if leaf.not_applicable:
        parts.append("可选项: applies only with not_applicable = false")
    return " · ".join(parts)


def _slot_example() -> Iterator[str]:
    yield "# children = [\n"
    yield '#   { name = "…", target = "…", weight = …, actual = "" },\n'
    yield "# ]\n"


def _beside(line: str, note: str) -> str:
    """``line`` with ``# note`` beside it."""
    return f"{line}  # {note}\n"
