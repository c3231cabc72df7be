"""6xx: review rules of provinces — what a framework's ``[review]`` switches on (see
:class:`~perfeval_core._model.review.ReviewRules`): a reason for a low computed rate and its
length (四川), scores flagged for a manual review (河北 / 天津), the 成本 cap without a 成本
indicator of the project's own (山西). With no ``[review]`` none of them reports anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .._model.numbers import format_number as _fmt
from .._model.rules import quantize
from .._model.scoring import GroupScore, LeafScore, Scorecard
from .._model.tree import iter_leaves
from .._model.values import ValueKind, compact, comparable, parse_value
from .base import CheckSet, Severity
from .leaves import has_basis, present, values_text
from .shared import shared

CHECKS = CheckSet()
Found = Iterator[tuple[tuple[str, ...], str]]


def _computed_rate(leaf: LeafScore) -> Decimal | None:
    """The percentage a 公式 leaf computed where higher is better (预算执行率 86.2 %), else None
    — a rate scored against a ``≤`` target (结余率 ≤5%) is low when all is well."""
    if not leaf.rule.computes_actual or leaf.result.actual is None:
        return None
    target = leaf.target
    if target is not None and target.comparator in ("<=", "<"):
        return None
    value = parse_value(leaf.result.actual)
    return value.magnitude if value.base_unit == "%" else None


@CHECKS.add(
    "W601",
    "rate-without-reason",
    Severity.WARNING,
    "a computed rate (预算执行率 …) below review.reason_below and no reason (basis) given; a "
    "rate with a ≤ target (结余率 ≤5%) is not concerned",
    label="执行率偏低未说明原因",
)
def _rate_without_reason(card: Scorecard) -> Found:
    below = card.evaluation.framework.review.reason_below
    if below is None:
        return
    limit = card.evaluation.framework.review.reason_max_chars
    at_most = f" of at most {limit} characters" if limit is not None else ""
    for leaf in card.leaves:
        rate = _computed_rate(leaf)
        if rate is not None and rate < below and not has_basis(leaf):
            yield (
                leaf.path,
                (
                    f"{leaf.result.actual} is below {_fmt(below)} %: the framework "
                    f"{card.evaluation.framework.id} requires a reason{at_most}; "
                    'add basis = "…" saying why'
                ),
            )


@CHECKS.add(
    "W602",
    "reason-too-long",
    Severity.WARNING,
    "the reason (basis) of a computed rate is longer than review.reason_max_chars",
    label="原因说明过长",
)
def _reason_too_long(card: Scorecard) -> Found:
    limit = card.evaluation.framework.review.reason_max_chars
    if limit is None:
        return
    for leaf in card.leaves:
        basis = leaf.indicator.basis
        if not leaf.rule.computes_actual or basis is None:
            continue
        length = len(compact(basis))
        if length > limit:
            yield (
                leaf.path,
                (
                    f"the reason is {length} characters, more than the {limit} the framework "
                    f"{card.evaluation.framework.id} allows; shorten it"
                ),
            )


@CHECKS.add(
    "I603",
    "score-for-review",
    Severity.INFO,
    "a score flagged for a manual review: an actual at or above review.flag_at % of its "
    "target, or off its target (review.flag_off_target)",
    label="得分需人工复核",
)
def _score_for_review(card: Scorecard) -> Found:
    review = card.evaluation.framework.review
    if review.flag_at is None and not review.flag_off_target:
        return
    for leaf in card.leaves:
        rate = leaf.result.rate
        if review.flag_at is not None and rate is not None and rate >= review.flag_at:
            yield (
                leaf.path,
                (
                    f"the actual is {_fmt(quantize(rate, 2))} % of the target "
                    f"({values_text(leaf)}), at or above {_fmt(review.flag_at)} %: "
                    "review the score by hand"
                ),
            )
        elif review.flag_off_target and (why := _off_target(leaf)) is not None:
            yield leaf.path, f"{why} ({values_text(leaf)}): review the score by hand"


def _off_target(leaf: LeafScore) -> str | None:
    """Why a 反向 or 等于 leaf is off its target, or None."""
    t, a = leaf.target, leaf.actual
    if not (present(t) and present(a)) or not comparable(t, a):
        return None
    assert t.magnitude is not None and a.magnitude is not None  # comparable numbers
    direction = leaf.rule.resolve(t).direction
    if direction == "lower" and a.magnitude > t.magnitude:
        return "a 反向 actual above its target"
    if direction == "equal" and a.magnitude != t.magnitude:
        return "an 等于 actual off its target"
    return None


@CHECKS.add(
    "E604",
    "cost-cap",
    Severity.ERROR,
    "no 成本 indicator of the project's own, and the 成本 group scores above review.cost_cap",
    label="成本指标缺失或得分超限",
)
def _cost_cap(card: Scorecard) -> Found:
    review = card.evaluation.framework.review
    cap = review.cost_cap
    if cap is None:
        return
    framework = {
        path: leaf.target for path, leaf in iter_leaves(card.evaluation.framework.indicators)
    }
    capped: list[tuple[str, ...]] = []
    for group in shared(card).groups:
        if not group.name.strip().startswith(review.cost_group):
            continue
        if any(group.path[: len(c)] == c for c in capped):
            continue  # inside a 成本 group already reported on
        capped.append(group.path)
        if group.score <= cap or any(_own(leaf, framework) for leaf in _leaves(group)):
            continue
        yield (
            group.path,
            (
                f"scores {_fmt(group.score)} with no {review.cost_group} indicator of the "
                f"project's own (each is the framework's, or has no target): at most "
                f"{_fmt(cap)} under the framework {card.evaluation.framework.id}"
            ),
        )


def _leaves(group: GroupScore) -> Iterator[LeafScore]:
    for child in group.children:
        if isinstance(child, GroupScore):
            yield from _leaves(child)
        else:
            yield child


def _own(leaf: LeafScore, framework: dict[tuple[str, ...], str | None]) -> bool:
    """Did the evaluation fill in this leaf: a target that is not the framework's own?"""
    target = leaf.target
    if target is None or target.kind is ValueKind.NONE:
        return False
    if leaf.path not in framework:
        return True
    base = framework[leaf.path]
    return base is None or parse_value(base) != parse_value(leaf.indicator.target or "")
