"""E108: the budget block — the total row (年度资金总额) against the sum of its parts."""

from __future__ import annotations

from collections.abc import Iterator

from .._model.budget import budget_problems
from .._model.scoring import Scorecard
from .base import CheckSet, Severity

CHECKS = CheckSet()
Found = Iterator[tuple[tuple[str, ...], str]]


@CHECKS.add(
    "E108",
    "budget-parts",
    Severity.ERROR,
    "a figure of the budget's total row (年度资金总额) differs from the sum of its parts, "
    "or is missing while its parts are given",
    label="资金合计不符",
)
def _budget_parts(card: Scorecard) -> Found:
    for problem in budget_problems(card.evaluation.spec.budget):
        yield (), f"budget: {problem}"
