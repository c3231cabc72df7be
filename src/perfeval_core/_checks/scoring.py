"""W3xx: scoring — deductions without a 评分依据, and scores of record against the rule's verdict.

W301, W302, W303 and W305 report at most one finding per leaf, by a fixed precedence (see
:func:`.leaves.scoring_verdict`), and nothing about a leaf whose score is already an error (E103,
E106) or whose score a 评分依据 explains.
"""

from __future__ import annotations

from collections.abc import Iterator

from .._model.numbers import format_number as _fmt
from .._model.rules import quantize
from .._model.scoring import LeafScore, Scorecard
from .base import CheckSet, Severity
from .leaves import has_basis, values_text
from .shared import shared

CHECKS = CheckSet()
Found = Iterator[tuple[tuple[str, ...], str]]


@CHECKS.add(
    "W301",
    "deduction-without-basis",
    Severity.WARNING,
    "points deducted and no 评分依据 says why",
    label="扣分无依据",
)
def _deduction_without_basis(card: Scorecard) -> Found:
    for leaf in _verdicts(card, "W301"):
        yield (
            leaf.path,
            (
                f"{_fmt(leaf.indicator.score)} of {_fmt(leaf.weight)} points and no "
                f'评分依据 ({values_text(leaf)}); add basis = "…" saying why'
            ),
        )


@CHECKS.add(
    "W302",
    "met-but-deducted",
    Severity.WARNING,
    "the target is met, yet points are deducted without a 评分依据",
    label="已达标仍扣分",
)
def _met_but_deducted(card: Scorecard) -> Found:
    for leaf in _verdicts(card, "W302"):
        yield (
            leaf.path,
            (
                f"target met ({values_text(leaf)}) yet {_fmt(leaf.indicator.score)} "
                f"of {_fmt(leaf.weight)} points, and no 评分依据 says why"
            ),
        )


@CHECKS.add(
    "W303",
    "missed-but-full",
    Severity.WARNING,
    "the target is missed, yet full points are recorded without a 评分依据",
    label="未达标仍得满分",
)
def _missed_but_full(card: Scorecard) -> Found:
    for leaf in _verdicts(card, "W303"):
        rule = (
            f"; the rule gives {_fmt(leaf.result.score)}" if leaf.result.score is not None else ""
        )
        yield (
            leaf.path,
            (
                f"target missed ({values_text(leaf)}) yet full points "
                f"({_fmt(leaf.weight)}){rule}, and no 评分依据 says why"
            ),
        )


@CHECKS.add(
    "W304",
    "overachievement",
    Severity.WARNING,
    "the actual is at or beyond the over-achievement threshold (default 130 % of the target) "
    "and no 评分依据 explains it",
    label="超额完成未说明",
)
def _overachievement(card: Scorecard) -> Found:
    threshold = card.evaluation.framework.settings.overachievement
    for leaf in card.leaves:
        rate = leaf.result.rate
        if rate is not None and rate >= threshold and not has_basis(leaf):
            yield (
                leaf.path,
                (
                    f"the actual is {_fmt(quantize(rate, 2))} % of the target "
                    f"({values_text(leaf)}), at or beyond {_fmt(threshold)} %: was "
                    "the target set too low? add a 评分依据"
                ),
            )


@CHECKS.add(
    "W305",
    "score-differs-from-rule",
    Severity.WARNING,
    "the score of record differs from the rule's score and no 评分依据 says why",
    label="得分与评分规则不符",
)
def _differs_from_rule(card: Scorecard) -> Found:
    for leaf in _verdicts(card, "W305"):
        yield (
            leaf.path,
            (
                f"score {_fmt(leaf.indicator.score)} but the rule gives "
                f"{_fmt(leaf.result.score)} ({leaf.result.note or values_text(leaf)}), "
                "and no 评分依据 says why"
            ),
        )


def _verdicts(card: Scorecard, code: str) -> list[LeafScore]:
    return shared(card).verdicts.get(code, [])
