"""The scoring engine: an evaluation in, a scorecard out — exact, deterministic, summed up.

Each leaf gets its rule's result beside the score of record (the recorded 得分 when the report
gives one, else the rule's score). Group scores are sums of their children; the total is the sum
of the 一级; the grade comes from the framework's policy (or one named by the caller).
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from typing import Any

import attrs

from .evaluation import Evaluation
from .grading import Grade, GradingPolicy
from .rules import ZERO, Rule, RuleContext, RuleResult, quantize
from .tree import Indicator
from .values import Value, ValueKind, parse_value


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
        eq=False, repr=False)
    actual: Value | None = attrs.field(
        default=attrs.Factory(lambda self: actual_value(self.indicator), takes_self=True),
        eq=False, repr=False)

    @property
    def recorded(self) -> bool:
        """True when the score of record is the one the report states."""
        return self.indicator.score is not None


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
    combined = parse_value(f"{prefix}{text.strip()}{suffix}")  # type: ignore[union-attr]
    return combined if combined.kind is ValueKind.NUMBER else value


def score(evaluation: Evaluation, policy: GradingPolicy | None = None) -> Scorecard:
    """Score ``evaluation``; ``policy`` overrides the framework's grading policy.

    Not-applicable indicators (``not_applicable = true``) are left out and their points spread
    over the rest of their 一级 (see :func:`_rescale`); a recorded score is rescaled with the
    weight it was given against.
    """
    settings = evaluation.framework.settings
    budget = evaluation.spec.budget
    rule_for = evaluation.rule_for
    weights = _rescale(evaluation.indicators, settings.places)
    leaves: list[LeafScore] = []

    def leaf_score(ind: Indicator, path: tuple[str, ...]) -> LeafScore:
        weight = ind.weight
        rule = rule_for(ind, path)
        target, actual = target_value(ind), actual_value(ind)
        result = rule.score(target, actual, RuleContext(weight, settings, budget))
        recorded = ind.score
        leaf = LeafScore(path, ind, rule, weight,
                         recorded if recorded is not None else result.score, result,
                         target, actual)
        leaves.append(leaf)
        return leaf

    def walk(ind: Indicator, parent: tuple[str, ...]) -> GroupScore | LeafScore:
        path = (*parent, ind.name)
        new = weights.get(path) if weights is not None else None
        if not ind.is_group:
            if new is not None and new != ind.weight:
                ind = _reweighted_leaf(ind, new, settings.places)
            return leaf_score(ind, path)
        children = tuple([walk(c, path) for c in ind.children] if weights is None else
                         [walk(c, path) for c in ind.children if (*path, c.name) in weights])
        total = _sum_scores(children)
        if new is None or new == ind.weight:
            return GroupScore(path, ind, ind.weight, total, children)
        return GroupScore(path, _reweighted_group(ind, new), new, total, children)

    levels = tuple([walk(ind, ()) for ind in evaluation.indicators
                    if weights is None or (ind.name,) in weights])
    total = _sum_scores(levels)
    maximum = sum([lv.weight for lv in levels], ZERO)
    complete = all(leaf.score is not None for leaf in leaves)
    chosen = policy or evaluation.policy
    return Scorecard(evaluation, levels, tuple(leaves), total, maximum,
                     chosen.grade(total, complete=complete), complete)


def _sum_scores(nodes: tuple[GroupScore | LeafScore, ...]) -> Decimal:
    """The sum of the scores of ``nodes`` (a missing score counts 0), exactly."""
    total = ZERO
    for node in nodes:
        total += node.score or ZERO
    return total


# -- not applicable -----------------------------------------------------------------------------

def _rescale(roots: tuple[Indicator, ...], places: int) -> dict[tuple[str, ...], Decimal] | None:
    """The weight of every indicator that stays, by path, when some do not apply (else None).

    A not-applicable indicator is dropped, and so is a group all of whose leaves are dropped.
    The points of what is dropped go to the rest of its 一级: every remaining leaf of that 一级
    is scaled by the same factor, so the 一级 keeps its weight. When a whole 一级 is dropped, the
    other 一级 are scaled up to the points of the whole table in the same way. Weights are
    rounded to ``places`` decimals by largest remainder (ties to the earlier), so they still add
    up exactly; a group's weight is the sum of its remaining children.
    """
    if not any(_has_na(r) for r in roots):
        return None
    out: dict[tuple[str, ...], Decimal] = {}
    kept = [r for r in roots if _kept(r)]
    if len(kept) < len(roots):
        full = sum((r.weight for r in roots), ZERO)
        amounts = _allocate(full, [r.weight for r in kept], places)
    else:
        amounts = [r.weight for r in kept]
    for root, amount in zip(kept, amounts, strict=True):
        leaves = _applicable_leaves(root, ())
        if amount == root.weight and not _has_na(root) or not leaves:
            _keep(root, (), out)
            continue
        for (path, _), weight in zip(leaves, _allocate(amount, [leaf.weight for _, leaf in leaves],
                                                       places), strict=True):
            out[path] = weight
            for i in range(1, len(path)):
                out[path[:i]] = out.get(path[:i], ZERO) + weight
        for path in _empty_groups(root, ()):  # slots left empty: the checks report them
            for i in range(1, len(path) + 1):
                out.setdefault(path[:i], ZERO)
    return out


def _keep(ind: Indicator, parent: tuple[str, ...], out: dict[tuple[str, ...], Decimal]) -> None:
    """``ind`` and everything below it at their own weights."""
    path = (*parent, ind.name)
    out[path] = ind.weight
    for child in ind.children:
        _keep(child, path, out)


def _has_na(ind: Indicator) -> bool:
    if ind.not_applicable:
        return True
    for child in ind.children:
        if _has_na(child):
            return True
    return False


def _kept(ind: Indicator) -> bool:
    """False when the indicator does not apply, or is a group whose leaves all do not apply."""
    if ind.not_applicable:
        return False
    if not ind.is_group or not ind.children:
        return True
    return any(_kept(c) for c in ind.children)


def _applicable_leaves(ind: Indicator, parent: tuple[str, ...]
                       ) -> list[tuple[tuple[str, ...], Indicator]]:
    path = (*parent, ind.name)
    if not _kept(ind):
        return []
    if not ind.is_group:
        return [(path, ind)]
    return [hit for c in ind.children for hit in _applicable_leaves(c, path)]


def _empty_groups(ind: Indicator, parent: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Paths of groups with no children at all (slots left empty) below ``ind``."""
    path = (*parent, ind.name)
    if not ind.is_group or not _kept(ind):
        return []
    if not ind.children:
        return [path]
    return [hit for c in ind.children for hit in _empty_groups(c, path)]


def _allocate(amount: Decimal, parts: list[Decimal], places: int) -> list[Decimal]:
    """``amount`` split in proportion to ``parts``, rounded to ``places`` decimals by largest
    remainder (ties to the earlier part) so that the shares add up to ``amount`` exactly.

    When ``amount`` itself has more decimals than ``places`` (0.51 points at places = 0), the
    shares keep as many decimals as ``amount`` has, or they could not add up to it."""
    total = sum(parts, ZERO)
    if not parts or total <= 0:
        return list(parts)
    places = max(places, -min(0, int(amount.normalize().as_tuple().exponent)))
    unit = Decimal(1).scaleb(-places)
    exact = [amount * p / total for p in parts]
    shares = [e.quantize(unit, rounding=ROUND_FLOOR) for e in exact]
    left = int(((amount - sum(shares, ZERO)) / unit).to_integral_value(rounding=ROUND_HALF_UP))
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:max(0, left)]:
        shares[i] += unit
    return shares


def _reweighted_leaf(ind: Indicator, weight: Decimal, places: int) -> Indicator:
    """The leaf at its rescaled weight; a recorded score is scaled with it (it was given
    against the weight the file states)."""
    score = ind.score
    if score is not None and ind.weight:
        score = weight if score == ind.weight else quantize(score * weight / ind.weight, places)
    return attrs.evolve(ind, weight=weight, stated_weight=weight, score=score)


def _reweighted_group(ind: Indicator, weight: Decimal) -> Indicator:
    """The group at its rescaled weight: a stated weight that matched its children follows."""
    children_sum = sum((c.weight for c in ind.children), ZERO)
    stated = ind.stated_weight
    if stated is not None and stated == children_sum:
        stated = weight
    return attrs.evolve(ind, weight=weight, stated_weight=stated)
