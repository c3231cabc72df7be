"""The scoring engine: an evaluation in, a scorecard out — exact, deterministic, summed up.

Each leaf gets its rule's result beside the score of record (the recorded 得分 when the report
gives one, else the rule's score). Group scores are sums of their children; the total is the sum
of the 一级; the grade comes from the framework's policy (or one named by the caller).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from .._errors import PerfevalError
from .applicability import reallocate, reweighted_group, reweighted_leaf
from .evaluation import Evaluation
from .grading import Grade, GradingPolicy
from .rules import ZERO, Rule, RuleContext, RuleResult
from .tree import Indicator, show_path
from .values import Value, ValueKind, format_value, parse_value


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

    @property
    def recorded(self) -> bool:
        """True when the score of record is the one the report states."""
        return self.indicator.score is not None

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
    """The scored evaluation: every leaf, every group, the total, its maximum and the grade."""

    evaluation: Evaluation
    levels: tuple[GroupScore | LeafScore, ...]
    leaves: tuple[LeafScore, ...]
    total: Decimal
    max: Decimal
    grade: Grade
    complete: bool
    #: Facts derived from the scorecard once and shared by their users (the checks).
    memo: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)


def target_value(ind: Indicator) -> Value | None:
    """The leaf's target as a value, with the comparator and unit columns (指标性质 / 计算符号,
    计量单位) folded in when the target itself writes neither: ``≥`` + ``300`` + ``人次``."""
    return _with_columns(ind.target, ind.comparator, ind.unit)


def actual_value(ind: Indicator) -> Value | None:
    """The leaf's actual as a value, with the unit column folded in when it writes none."""
    return _with_columns(ind.actual, None, ind.unit)


def _with_columns(text: str | None, comparator: str | None, unit: str | None) -> Value | None:
    if text is None:
        return None
    value = parse_value(text)
    if not (comparator or unit) or value.kind is not ValueKind.NUMBER:
        return value
    prefix = comparator if comparator and value.comparator is None else ""
    suffix = unit if unit and not value.unit else ""
    if not (prefix or suffix):
        return value
    combined = parse_value(f"{prefix}{text.strip()}{suffix}")
    return combined if combined.kind is ValueKind.NUMBER else value


def score(evaluation: Evaluation, policy: GradingPolicy | None = None) -> Scorecard:
    """Score ``evaluation``; ``policy`` overrides the framework's grading policy.

    Not-applicable indicators (``not_applicable = true``) are left out and their points spread
    over the rest of their 一级 (see :func:`.applicability.reallocate`); a recorded score is
    rescaled with the weight it was given against.
    """
    settings = evaluation.framework.settings
    budget = evaluation.spec.budget
    rule_for = evaluation.rule_for
    weights = reallocate(evaluation.indicators, settings.places)
    leaves: list[LeafScore] = []
    file = str(evaluation.path) if evaluation.path else None

    def leaf_score(ind: Indicator, path: tuple[str, ...]) -> LeafScore:
        weight = ind.weight
        rule = rule_for(ind, path)
        target, actual = target_value(ind), actual_value(ind)
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
        chosen.grade(total, complete=complete),
        complete,
    )


def _sum_scores(nodes: tuple[GroupScore | LeafScore, ...]) -> Decimal:
    """The sum of the scores of ``nodes`` (a missing score counts 0), exactly."""
    total = ZERO
    for node in nodes:
        total += node.score or ZERO
    return total
