"""4xx: values — a target and an actual that cannot be compared, missing values, bounds written
as actuals, targets changed from the framework, answers a 定性 leaf does not know, units read
from the other value."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .._model.numbers import format_number as _fmt
from .._model.scoring import Scorecard
from .._model.tree import iter_leaves
from .._model.values import Value, ValueKind, parse_value
from .base import CheckSet, Severity
from .leaves import present, values_text

CHECKS = CheckSet()
Found = Iterator[tuple[tuple[str, ...], str]]


def _incomparable(target: Value, actual: Value) -> str | None:
    if target.kind is ValueKind.NUMBER and actual.kind is ValueKind.NUMBER:
        if target.base_unit != actual.base_unit:  # the units as written: 万元, not 元
            units = (target.unit or "no unit", actual.unit or "no unit")
            return f"different units ({units[0]} against {units[1]})"
        return None
    if target.kind is actual.kind:
        return None
    kinds = {
        ValueKind.NUMBER: "a number",
        ValueKind.SCHEDULE: "序时 (on schedule)",
        ValueKind.WORD: "a word",
    }
    return f"{kinds[actual.kind]} against {kinds[target.kind]}"


@CHECKS.add(
    "W401",
    "incomparable-values",
    Severity.WARNING,
    "the target and the actual cannot be compared (different units; 序时 against 100%; "
    "a word against a number)",
    label="指标值与完成值无法比较",
)
def _incomparable_values(card: Scorecard) -> Found:
    for leaf in card.leaves:
        t, a = leaf.target, leaf.actual
        if leaf.score is None or not (present(t) and present(a)):
            continue
        why = _incomparable(t, a)
        if why and leaf.rule.resolve(leaf.target).uses_target():
            verdict = (
                "the rule cannot check it, so the score of record stands unchecked"
                if leaf.result.score is None
                else f"the rule gives {_fmt(leaf.result.score)} without comparing them"
            )
            yield leaf.path, f"actual {a} cannot be compared with target {t}: {why}; {verdict}"


@CHECKS.add(
    "W402",
    "unit-scale",
    Severity.WARNING,
    "the target and the actual are in the same unit at different scales (万元 against 元)",
    label="计量单位量级不一致",
)
def _unit_scale(card: Scorecard) -> Found:
    for leaf in card.leaves:
        t, a = leaf.target, leaf.actual
        if (
            t is None
            or a is None
            or t.kind is not ValueKind.NUMBER
            or a.kind is not ValueKind.NUMBER
            or t.base_unit != a.base_unit
            or t.scale == a.scale
        ):
            continue
        assert t.number is not None and a.magnitude is not None  # numbers
        yield (
            leaf.path,
            (
                f"target {t} is in {t.unit or 'no unit'}, actual {a} in "
                f"{a.unit or 'no unit'}: compared as {_fmt(t.number)}{t.unit} against "
                f"{_fmt(a.magnitude.scaleb(-t.scale))}{t.unit}; check the unit is the one meant"
            ),
        )


@CHECKS.add(
    "W403",
    "missing-target",
    Severity.WARNING,
    "a leaf whose rule compares with a target has none (年初指标值)",
    label="缺少指标值",
)
def _missing_target(card: Scorecard) -> Found:
    for leaf in card.leaves:
        if leaf.rule.uses_target() and not present(leaf.target):
            yield (
                leaf.path,
                ('no target (年初指标值): nothing to check the actual against; add target = "…"'),
            )


@CHECKS.add(
    "W404",
    "missing-actual",
    Severity.WARNING,
    "a leaf has a score but no actual value (实际完成值)",
    label="缺少实际完成值",
)
def _missing_actual(card: Scorecard) -> Found:
    for leaf in card.leaves:
        if leaf.score is None or present(leaf.actual) or leaf.result.actual is not None:
            continue
        if not leaf.rule.resolve(leaf.target).uses_actual():
            continue  # scored by hand (手工, 专家): a 得分表 has no 实际完成值 to give
        yield (
            leaf.path,
            (f'score {_fmt(leaf.score)} but no actual value (实际完成值); add actual = "…"'),
        )


@CHECKS.add(
    "I405",
    "actual-is-bound",
    Severity.INFO,
    "the actual is written as a bound (>95%), not as the value achieved",
    label="完成值以区间表述",
)
def _actual_is_bound(card: Scorecard) -> Found:
    for leaf in card.leaves:
        a = leaf.actual
        if a is not None and a.kind is ValueKind.NUMBER and a.comparator not in (None, "="):
            yield (
                leaf.path,
                (
                    f"actual {a} is a bound, not the value achieved (e.g. the survey's "
                    "result); write the measured value"
                ),
            )


@CHECKS.add(
    "I406",
    "target-changed",
    Severity.INFO,
    "the evaluation changes a target the framework sets",
    label="指标值与指标体系不同",
)
def _target_changed(card: Scorecard) -> Found:
    framework = {path: leaf for path, leaf in _framework_leaves(card)}
    for leaf in card.leaves:
        base = framework.get(leaf.path)
        target = leaf.indicator.target
        if base is None or base.target is None or target is None or target == base.target:
            continue
        if parse_value(base.target) != parse_value(target):
            yield (
                leaf.path,
                (
                    f"target {leaf.indicator.target} where the framework "
                    f"{card.evaluation.framework.id} sets {base.target}"
                ),
            )


def _framework_leaves(card: Scorecard) -> Iterator[tuple[tuple[str, ...], Any]]:
    return iter_leaves(card.evaluation.framework.indicators)


_GRADES = frozenset({"达成", "部分达成", "未达成"})


@CHECKS.add(
    "W407",
    "unknown-answer",
    Severity.WARNING,
    "a 定性 leaf's actual is not an answer it accepts (达成 / 部分达成 / 未达成, the framework's "
    "wordings)",
    label="定性完成值无法识别",
)
def _unknown_answer(card: Scorecard) -> Found:
    settings = card.evaluation.framework.settings
    for leaf in card.leaves:
        a = leaf.actual
        if leaf.score is None or not present(a) or leaf.result.note in _GRADES:
            continue  # no score (E105 says why), or an answer the rule graded
        accepted = leaf.rule.resolve(leaf.target).answers(settings)
        if accepted is None:
            continue
        if a.kind is ValueKind.WORD and settings.answer_grade(a.word or "") is not None:
            continue
        yield (
            leaf.path,
            (
                f"actual {a} is not an answer a 定性 leaf accepts, so its band is not checked; "
                f"write one of: {'、'.join(accepted)} (a framework adds its own wordings "
                "with settings.met, settings.not_met or settings.equivalents)"
            ),
        )


@CHECKS.add(
    "I408",
    "unit-inferred",
    Severity.INFO,
    "a number written without a unit is read in the unit of the other value (≥50个 against 50)",
    label="单位按另一值推定",
)
def _unit_inferred(card: Scorecard) -> Found:
    for leaf in card.leaves:
        inferred = leaf.inferred_unit
        if inferred is None or not leaf.rule.resolve(leaf.target).uses_target():
            continue
        which, unit = inferred
        other = "actual" if which == "target" else "target"
        written = leaf.indicator.target if which == "target" else leaf.indicator.actual
        read = leaf.target if which == "target" else leaf.actual
        yield (
            leaf.path,
            (
                f"{which} {written} has no unit: read in the {other}'s unit {unit}, as {read} "
                f"({values_text(leaf)}); write the unit if another was meant"
            ),
        )
