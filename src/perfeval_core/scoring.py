"""The scoring engine: an evaluation in, a scorecard out — exact, deterministic, summed up.

Each leaf gets its rule's result beside the score of record (the recorded 得分 when the report
gives one, else the rule's score). Group scores are sums of their children; the total is the sum
of the 一级; the grade comes from the framework's policy (or one named by the caller).
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from .evaluation import Evaluation
from .grading import Grade, GradingPolicy
from .rules import ZERO, Rule, RuleContext, RuleResult, quantize
from .tree import Indicator, iter_leaves
from .values import Value, parse_value


@attrs.frozen
class LeafScore:
    """One scored leaf (三级指标): where it is, what it is worth, what it got and why."""

    path: tuple[str, ...]
    indicator: Indicator
    rule: Rule
    weight: Decimal
    score: Decimal | None
    result: RuleResult

    @property
    def recorded(self) -> bool:
        """True when the score of record is the one the report states."""
        return self.indicator.score is not None

    @property
    def target(self) -> Value | None:
        return _value(self.indicator.target)

    @property
    def actual(self) -> Value | None:
        return _value(self.indicator.actual)


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


def _value(text: str | None) -> Value | None:
    return parse_value(text) if text is not None else None


def score(evaluation: Evaluation, policy: GradingPolicy | None = None) -> Scorecard:
    """Score ``evaluation``; ``policy`` overrides the framework's grading policy."""
    framework = evaluation.framework
    scale = _rescale(evaluation.indicators)
    leaves: list[LeafScore] = []

    def walk(ind: Indicator, parent: tuple[str, ...]) -> GroupScore | LeafScore:
        path = (*parent, ind.name)
        if not ind.is_group:
            weight = ind.weight if scale == 1 else quantize(ind.weight * scale,
                                                               framework.settings.places)
            leaf = _score_leaf(evaluation, ind, path, weight)
            leaves.append(leaf)
            return leaf
        children = tuple(walk(c, path) for c in ind.children if not c.not_applicable)
        total = sum((c.score or ZERO for c in children), ZERO)
        weight = sum((c.weight for c in children), ZERO) if scale != 1 else ind.weight
        return GroupScore(path, ind, weight, total, children)

    levels = tuple(walk(ind, ()) for ind in evaluation.indicators if not ind.not_applicable)
    total = sum((lv.score or ZERO for lv in levels), ZERO)
    maximum = sum((lv.weight for lv in levels), ZERO)
    complete = all(leaf.score is not None for leaf in leaves)
    chosen = policy or evaluation.policy
    return Scorecard(evaluation, levels, tuple(leaves), total, maximum,
                     chosen.grade(total, complete=complete), complete)


def _score_leaf(evaluation: Evaluation, ind: Indicator, path: tuple[str, ...],
                weight: Decimal) -> LeafScore:
    rule = evaluation.rule_for(ind, path)
    ctx = RuleContext(weight, evaluation.framework.settings, evaluation.spec.budget)
    result = rule.score(_value(ind.target), _value(ind.actual), ctx)
    recorded = ind.score
    return LeafScore(path, ind, rule, weight, recorded if recorded is not None else result.score,
                     result)


def _rescale(roots: tuple[Indicator, ...]) -> Decimal:
    """Factor that spreads the weight of not-applicable leaves over the rest (1 when none)."""
    full = sum((r.weight for r in roots), ZERO)
    dropped = sum((leaf.weight for _, leaf in iter_leaves(roots) if leaf.not_applicable), ZERO)
    dropped += sum((r.weight for r in roots if r.not_applicable and r.is_group), ZERO)
    if not dropped or dropped >= full:
        return Decimal(1)
    return full / (full - dropped)
