"""E1xx: arithmetic and the shape of the table — weights, scores, totals, bands, empty groups."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .._model.numbers import format_number as _fmt
from .._model.scoring import Scorecard
from .base import CheckSet, Severity
from .leaves import outside_band
from .shared import shared

CHECKS = CheckSet()
Found = Iterator[tuple[tuple[str, ...], str]]


@CHECKS.add(
    "E101",
    "weights-add-up",
    Severity.ERROR,
    "a group's stated weight differs from the sum of its children's weights",
    label="下级分值合计不符",
)
def _weights_add_up(card: Scorecard) -> Found:
    for group in shared(card).groups:
        stated = group.indicator.stated_weight
        if stated is None or not group.children:
            continue
        total = sum([c.weight for c in group.children], Decimal(0))
        if stated != total:
            yield group.path, f"weight {_fmt(stated)} but its indicators add up to {_fmt(total)}"


@CHECKS.add(
    "E102",
    "total-weight",
    Severity.ERROR,
    "the 一级 weights do not add up to the framework's total (normally 100)",
    label="一级分值合计不符",
)
def _total_weight(card: Scorecard) -> Found:
    expected = card.evaluation.framework.total
    if card.max != expected:
        yield (
            (),
            (
                f"the indicators are worth {_fmt(card.max)} points, the framework's total is "
                f"{_fmt(expected)}"
            ),
        )


@CHECKS.add(
    "E103",
    "score-in-range",
    Severity.ERROR,
    "a score below 0 or above the leaf's weight",
    label="得分超出分值",
)
def _score_in_range(card: Scorecard) -> Found:
    for leaf in card.leaves:
        if leaf.score is not None and not 0 <= leaf.score <= leaf.weight:
            yield leaf.path, f"score {_fmt(leaf.score)} is outside 0..{_fmt(leaf.weight)}"


@CHECKS.add(
    "E104",
    "stated-total",
    Severity.ERROR,
    "the total stated on the form differs from the sum of the scores",
    label="总分与得分合计不符",
)
def _stated_total(card: Scorecard) -> Found:
    stated = card.evaluation.spec.stated_total
    if stated is not None and stated != card.total:
        yield (
            (),
            (f"the form states a total of {_fmt(stated)}, the scores add up to {_fmt(card.total)}"),
        )


@CHECKS.add(
    "E105",
    "missing-score",
    Severity.ERROR,
    "a leaf has no score: none recorded and its rule cannot compute one",
    label="缺少得分",
)
def _missing_score(card: Scorecard) -> Found:
    for leaf in card.leaves:
        if leaf.score is None:
            yield leaf.path, f"no score ({leaf.why_unscored})"


@CHECKS.add(
    "E106",
    "band-range",
    Severity.ERROR,
    "a recorded score outside the band its rule allows (定性 bands)",
    label="得分超出评分档次",
)
def _band_range(card: Scorecard) -> Found:
    for leaf in card.leaves:
        if outside_band(leaf):
            low, high = leaf.result.low, leaf.result.high
            top = "" if high == leaf.weight else " (top excluded)"
            yield (
                leaf.path,
                (
                    f"score {_fmt(leaf.indicator.score)} is outside the band "
                    f"{_fmt(low)}–{_fmt(high)}{top} ({leaf.result.note})"
                ),
            )


@CHECKS.add("E107", "empty-group", Severity.ERROR, "a group with no indicators", label="指标组为空")
def _empty_group(card: Scorecard) -> Found:
    for group in shared(card).groups:
        if not group.children:
            yield group.path, "has no indicators; add them or drop the group"
