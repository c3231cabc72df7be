"""The scoring engine: an evaluation in, a scorecard out — exact, deterministic, summed up.

Each leaf gets its rule's result beside the score of record (the recorded 得分 when the report
gives one, else the rule's score). Group scores are sums of their children; the total is the sum
of the 一级; the grade comes from the framework's policy (or one named by the caller) — when
every leaf has a score: an incomplete evaluation has no grade.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from .._errors import PerfevalError
from .applicability import reallocate, reweighted_group, reweighted_leaf
from .evaluation import Evaluation
from .grading import INCOMPLETE, Grade, GradingPolicy
from .numbers import format_number
from .rules import ZERO, Rule, RuleContext, RuleResult
from .tree import Indicator, show_path
from .values import (
    CANONICAL_COMPARATORS,
    QUALITATIVE,
    Value,
    ValueKind,
    format_value,
    parse_comparator,
    parse_value,
)


@attrs.frozen
class LeafScore:
    """One scored leaf (三级指标): where it is, what it is worth, what it got and why.

    ``target`` and ``actual`` are the leaf's values as :func:`target_value` and
    :func:`actual_value` give them, parsed once when the leaf is scored.
    """

    path: tuple[str, ...]
    indicator: Indicator
    rule: Rule
    weight: Decimal
    score: Decimal | None
    result: RuleResult
    target: Value | None = attrs.field(
        default=attrs.Factory(lambda self: target_value(self.indicator), takes_self=True),
        eq=False,
        repr=False,
    )
    actual: Value | None = attrs.field(
        default=attrs.Factory(lambda self: actual_value(self.indicator), takes_self=True),
        eq=False,
        repr=False,
    )
    #: ``(which, unit)`` when the target or the actual is a bare number read in the other's
    #: unit (:func:`inferred_unit`), else None.
    inferred_unit: tuple[str, str] | None = attrs.field(
        default=attrs.Factory(lambda self: inferred_unit(self.indicator), takes_self=True),
        eq=False,
        repr=False,
    )

    @property
    def recorded(self) -> bool:
        """True when the score of record is the one the report states."""
        return self.indicator.score is not None

    @property
    def why_unscored(self) -> str:
        """Why the leaf has no score of record, for messages: the rule's note, and the range a
        recorded score must fall in when the rule gives one (定性 部分达成: 6–8)."""
        why = self.result.note or "the rule computes none"
        low, high = self.result.low, self.result.high
        if low is None or high is None:
            return why
        top = "" if high == self.weight else ", top excluded"
        return f"{why}: record a score from {format_number(low)} to {format_number(high)}{top}"

    @property
    def target_text(self) -> str:
        """The target as every document shows it: as written, with the comparator and unit
        columns (指标性质, 度量单位) folded in when the leaf has them (``≥300人次``)."""
        ind = self.indicator
        if ind.target is None:
            return ""
        if (ind.comparator or ind.unit) and self.target is not None:
            return format_value(self.target)
        return ind.target

    @property
    def actual_text(self) -> str:
        """The actual as every document shows it: as written (with the unit column folded in),
        or the value the rule computed (预算执行率 ``95.00%``), or empty."""
        ind = self.indicator
        if ind.actual is None:
            return self.result.actual or ""
        if ind.unit and self.actual is not None:
            return format_value(self.actual)
        return ind.actual


@attrs.frozen
class GroupScore:
    """A group (一级, 二级 …) with the sum of its children's scores."""

    path: tuple[str, ...]
    indicator: Indicator
    weight: Decimal
    score: Decimal
    children: tuple[GroupScore | LeafScore, ...]

    @property
    def name(self) -> str:
        return self.indicator.name


@attrs.frozen
class Scorecard:
    """The scored evaluation: every leaf, every group, the total, its maximum and the grade.

    An evaluation is ``complete`` when every leaf has a score (recorded or computed). One that
    is not has no final grade: ``grade`` is None, :attr:`unscored` lists the leaves without a
    score and :attr:`grade_label` is what a document writes instead of a grade (未完成, or the
    policy's own label such as 结果未体现). ``policy`` is the policy that grades (or would).
    """

    evaluation: Evaluation
    levels: tuple[GroupScore | LeafScore, ...]
    leaves: tuple[LeafScore, ...]
    total: Decimal
    max: Decimal
    grade: Grade | None
    complete: bool
    policy: GradingPolicy
    #: Facts derived from the scorecard once and shared by their users (the checks).
    memo: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    @property
    def unscored(self) -> tuple[LeafScore, ...]:
        """The leaves without a score: none recorded and none their rule can compute."""
        return tuple(leaf for leaf in self.leaves if leaf.score is None)

    @property
    def grade_label(self) -> str:
        """The grade as documents show it: its label, or for an incomplete evaluation the
        policy's ``undemonstrated`` label, else 未完成."""
        if self.grade is not None:
            return self.grade.label
        return self.policy.undemonstrated or INCOMPLETE


def target_value(ind: Indicator) -> Value | None:
    """The leaf's target as a value, with the comparator and unit columns (指标性质 / 计算符号,
    计量单位) folded in when the target itself writes neither: ``≥`` + ``300`` + ``人次``.

    A bare number (``100``) whose actual writes a unit (``98%``) is read in that unit
    (:func:`inferred_unit`)."""
    return leaf_values(ind)[0]


def actual_value(ind: Indicator) -> Value | None:
    """The leaf's actual as a value, with the unit column folded in when it writes none.

    A bare number (``50``) against a target that writes a unit (``≥50个``, ``≤90万元``) is read
    in the target's unit, multiplier and all (``50个``, ``90万元``): real tables leave the unit
    out of the actual (:func:`inferred_unit`)."""
    return leaf_values(ind)[1]


def inferred_unit(ind: Indicator) -> tuple[str, str] | None:
    """``(which, unit)`` when the leaf's target or actual is a bare number read in the other's
    unit (``("actual", "个")`` for ``≥50个`` against ``50``), else None."""
    return leaf_values(ind)[2]


def leaf_values(ind: Indicator) -> tuple[Value | None, Value | None, tuple[str, str] | None]:
    """The leaf's target and actual as :func:`target_value` and :func:`actual_value` give them,
    and :func:`inferred_unit`, worked out together (each value parsed once)."""
    target = _with_columns(ind.target, ind.comparator, ind.unit)
    actual = _with_columns(ind.actual, None, ind.unit)
    if (
        target is None
        or actual is None
        or target.kind is not ValueKind.NUMBER
        or actual.kind is not ValueKind.NUMBER
        or bool(target.unit) == bool(actual.unit)
    ):
        return target, actual, None
    if target.unit:
        return target, _in_unit(actual, target.unit), ("actual", target.unit)
    return _in_unit(target, actual.unit), actual, ("target", actual.unit)


def _in_unit(value: Value, unit: str) -> Value:
    """A bare number ``value`` read in ``unit`` (``50`` in 个: ``50个``)."""
    combined = parse_value(f"{format_value(value)}{unit}")
    return combined if combined.kind is ValueKind.NUMBER else value


def _with_columns(text: str | None, comparator: str | None, unit: str | None) -> Value | None:
    if text is None:
        return None
    value = parse_value(text)
    if comparator is None and unit is None:
        return value
    symbol = _column_comparator(comparator)
    if not (symbol or unit) or value.kind is not ValueKind.NUMBER:
        return value
    prefix = symbol if symbol and value.comparator is None else ""
    suffix = unit if unit and not value.unit else ""
    if not (prefix or suffix):
        return value
    combined = parse_value(f"{prefix}{text.strip()}{suffix}")
    return combined if combined.kind is ValueKind.NUMBER else value


def _column_comparator(text: str | None) -> str:
    """The comparator column as a symbol to put before the number ("" for none or 定性)."""
    if text is None:
        return ""
    found = parse_comparator(text)
    return "" if found in (None, "", QUALITATIVE) else CANONICAL_COMPARATORS[found]


def score(evaluation: Evaluation, policy: GradingPolicy | None = None) -> Scorecard:
    """Score ``evaluation``; ``policy`` overrides the framework's grading policy.

    Not-applicable indicators (``not_applicable = true``) are left out and their points spread
    over the rest of their 一级 (see :func:`.applicability.reallocate`); a recorded score is
    rescaled with the weight it was given against.
    """
    settings = evaluation.framework.settings
    budget = evaluation.spec.budget
    rule_for = evaluation.rule_for
    weights = reallocate(evaluation.indicators, settings.places, settings.reallocate)
    leaves: list[LeafScore] = []
    file = str(evaluation.path) if evaluation.path else None

    def leaf_score(ind: Indicator, path: tuple[str, ...]) -> LeafScore:
        weight = ind.weight
        rule = rule_for(ind, path)
        target, actual, inferred = leaf_values(ind)
        try:
            result = rule.score(target, actual, RuleContext(weight, settings, budget))
        except PerfevalError:
            raise
        except Exception as exc:  # a plugin's rule must not take the others down with it
            raise evaluation.registry.failure(
                "rule", rule.kind, exc, file=file, where=show_path(path)
            ) from exc
        recorded = ind.score
        leaf = LeafScore(
            path,
            ind,
            rule,
            weight,
            recorded if recorded is not None else result.score,
            result,
            target,
            actual,
            inferred,
        )
        leaves.append(leaf)
        return leaf

    def walk(ind: Indicator, parent: tuple[str, ...]) -> GroupScore | LeafScore:
        path = (*parent, ind.name)
        new = weights.get(path) if weights is not None else None
        if not ind.is_group:
            if new is not None and new != ind.weight:
                ind = reweighted_leaf(ind, new, settings.places)
            return leaf_score(ind, path)
        children = tuple(
            [walk(c, path) for c in ind.children]
            if weights is None
            else [walk(c, path) for c in ind.children if (*path, c.name) in weights]
        )
        total = _sum_scores(children)
        if new is None or new == ind.weight:
            return GroupScore(path, ind, ind.weight, total, children)
        return GroupScore(path, reweighted_group(ind, new), new, total, children)

    levels = tuple(
        [
            walk(ind, ())
            for ind in evaluation.indicators
            if weights is None or (ind.name,) in weights
        ]
    )
    total = _sum_scores(levels)
    maximum = sum([lv.weight for lv in levels], ZERO)
    complete = all(leaf.score is not None for leaf in leaves)
    chosen = policy or evaluation.policy
    return Scorecard(
        evaluation,
        levels,
        tuple(leaves),
        total,
        maximum,
        chosen.grade(total) if complete else None,
        complete,
        chosen,
    )


def _sum_scores(nodes: tuple[GroupScore | LeafScore, ...]) -> Decimal:
    """The sum of the scores of ``nodes`` (a missing score counts 0), exactly."""
    total = ZERO
    for node in nodes:
        total += node.score or ZERO
    return total
