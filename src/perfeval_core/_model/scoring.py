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

from .evaluation import Evaluation
from .grading import INCOMPLETE, Grade, GradingPolicy
from .leafvalues import actual_value, inferred_unit, leaf_values, target_value
from .numbers import format_number
from .plan import Plan, plan_of, run, score_rule
from .rules import ZERO, Rule, RuleContext, RuleResult
from .tree import Indicator
from .values import Value, format_value


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


#: Every node in the plan's order, the levels, the leaves (:meth:`Scorecard.nodes`).
Built = tuple[
    list["GroupScore | LeafScore"], tuple["GroupScore | LeafScore", ...], tuple["LeafScore", ...]
]


@attrs.frozen(eq=False)
class Scorecard:
    """The scored evaluation: every leaf, every group, the total, its maximum and the grade.

    An evaluation is ``complete`` when every leaf has a score (recorded or computed). One that
    is not has no final grade: ``grade`` is None, :attr:`unscored` lists the leaves without a
    score and :attr:`grade_label` is what a document writes instead of a grade (未完成, or the
    policy's own label such as 结果未体现). ``policy`` is the policy that grades (or would).

    ``levels`` and ``leaves`` are built from the scoring plan when first read (``score()``
    works out the numbers without them); they are the same objects on every read.
    """

    evaluation: Evaluation
    total: Decimal
    max: Decimal
    grade: Grade | None
    complete: bool
    policy: GradingPolicy
    #: The plan and its scores (:func:`.plan.run`), from which ``levels`` and ``leaves`` come.
    _run: tuple[Plan, list[Decimal | None]] = attrs.field(alias="run", repr=False)
    #: Facts derived from the scorecard once and shared by their users (the checks).
    memo: dict[str, Any] = attrs.field(factory=dict, init=False, repr=False)

    @property
    def levels(self) -> tuple[GroupScore | LeafScore, ...]:
        """A :class:`GroupScore` (or a :class:`LeafScore`) per 一级, nested."""
        return self.nodes()[1]

    @property
    def leaves(self) -> tuple[LeafScore, ...]:
        """A :class:`LeafScore` per applicable leaf, in document order."""
        return self.nodes()[2]

    def nodes(self) -> Built:
        """Every node in document order (groups before their children, as the plan numbers
        them), the levels and the leaves — built once, on first use."""
        built = self.memo.get("nodes")
        if built is None:
            built = self.memo["nodes"] = _build(*self._run)
        return built

    @property
    def plan(self) -> Plan:
        """The scoring plan the scorecard was worked out with."""
        return self._run[0]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scorecard):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.evaluation, self.total, self.max, self.grade, self.complete))

    def _key(self) -> tuple[Any, ...]:
        return (
            self.evaluation,
            self.levels,
            self.leaves,
            self.total,
            self.max,
            self.grade,
            self.complete,
            self.policy,
        )

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


def score(evaluation: Evaluation, policy: GradingPolicy | None = None) -> Scorecard:
    """Score ``evaluation``; ``policy`` overrides the framework's grading policy.

    Not-applicable indicators (``not_applicable = true``) are left out and their points spread
    over the rest of their 一级 (see :func:`.applicability.reallocate`); a recorded score is
    rescaled with the weight it was given against. The evaluation's scoring plan
    (:mod:`.plan`) is built on its first scoring and kept.
    """
    plan = plan_of(evaluation)
    scores = run(plan)
    total = ZERO
    for i in plan.levels:
        total += scores[i] or ZERO
    complete = all([scores[i] is not None for i in plan.unrecorded])
    chosen = policy or evaluation.policy
    return Scorecard(
        evaluation,
        total,
        plan.maximum,
        chosen.grade(total) if complete else None,
        complete,
        chosen,
        (plan, scores),
    )


def _build(plan: Plan, scores: list[Decimal | None]) -> Built:
    """The result objects of a plan's scores: each leaf with its rule's :class:`RuleResult`
    (the rule object's own, note and all), each group with its children."""
    nodes: list[Any] = [None] * len(plan.paths)
    settings, budget = plan.settings, plan.budget
    leaves = []
    for i, (rule, target, actual, inferred), decided in zip(
        plan.leaves, plan.leaf_data, plan.results, strict=True
    ):
        weight = plan.weights[i]
        result = decided or score_rule(
            plan, i, rule, target, actual, RuleContext(weight, settings, budget)
        )
        leaf = LeafScore(
            plan.paths[i],
            plan.indicators[i],
            rule,
            weight,
            scores[i],
            result,
            target,
            actual,
            inferred,
        )
        nodes[i] = leaf
        leaves.append(leaf)
    for g, kids in plan.post:
        score_ = scores[g]
        assert score_ is not None  # a group's score is a sum
        nodes[g] = GroupScore(
            plan.paths[g],
            plan.indicators[g],
            plan.weights[g],
            score_,
            tuple([nodes[k] for k in kids]),
        )
    return nodes, tuple([nodes[i] for i in plan.levels]), tuple(leaves)


__all__ = [
    "GroupScore",
    "LeafScore",
    "Scorecard",
    "actual_value",
    "inferred_unit",
    "leaf_values",
    "score",
    "target_value",
]
