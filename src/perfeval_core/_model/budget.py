"""The budget as a matrix (项目资金 / 预算执行情况): a row per source of the money, a column per
figure, the total row (年度资金总额) beside the sum of its parts.

An evaluation states the total row in ``[budget]`` (``initial``, ``adjusted``, ``executed``) and
its parts in ``[budget.sources]``; the older ``budget.fiscal`` / ``carryover`` / ``other`` give a
part's 全年预算数 only. Nothing here repairs a total that differs from its parts: the check E108
reports it, and a form shows each figure as stated.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from .numbers import format_number
from .rules import HUNDRED, quantize
from .spec import BudgetRowSpec, BudgetSpec

#: The sources of the money, in the order the forms list them.
SOURCES = ("fiscal", "carryover", "special_account", "own", "other")
#: The figures of each row.
FIGURES = ("initial", "adjusted", "executed")
#: What each figure and source is called on the national form (for messages).
FIGURE_LABELS = {"initial": "年初预算数", "adjusted": "全年预算数", "executed": "全年执行数"}
SOURCE_LABELS = {
    "total": "年度资金总额",
    "fiscal": "当年财政拨款",
    "carryover": "上年结转资金",
    "special_account": "财政专户管理资金",
    "own": "单位资金",
    "other": "其他资金",
}
#: The sources the older scalar keys of ``[budget]`` stand for (their 全年预算数).
_SHORTHAND = ("fiscal", "carryover", "other")


@attrs.frozen
class BudgetLine:
    """One row of the budget block: ``total`` or a source, with its figures as stated."""

    source: str
    initial: Decimal | None = None
    adjusted: Decimal | None = None
    executed: Decimal | None = None

    def figure(self, name: str) -> Decimal | None:
        """The figure ``name`` (initial, adjusted, executed) of this row."""
        value: Decimal | None = getattr(self, name)
        return value

    @property
    def stated(self) -> bool:
        """True when the row states any figure."""
        return any(self.figure(f) is not None for f in FIGURES)

    @property
    def rate(self) -> Decimal | None:
        """执行率 = 全年执行数 / 全年预算数 × 100, to two decimals (None without both, or on a
        budget of 0)."""
        if self.executed is None or self.adjusted is None or self.adjusted == 0:
            return None
        return quantize(self.executed * HUNDRED / self.adjusted, 2)


def budget_lines(budget: BudgetSpec | None) -> dict[str, BudgetLine]:
    """The total row and every source row, by source (``total`` first), as stated."""
    if budget is None:
        return {source: BudgetLine(source) for source in ("total", *SOURCES)}
    lines = {"total": BudgetLine("total", budget.initial, budget.adjusted, budget.executed)}
    rows = budget.sources
    for source in SOURCES:
        row: BudgetRowSpec | None = getattr(rows, source) if rows is not None else None
        if row is not None:
            lines[source] = BudgetLine(source, row.initial, row.adjusted, row.executed)
        elif source in _SHORTHAND and getattr(budget, source) is not None:
            lines[source] = BudgetLine(source, adjusted=getattr(budget, source))
        else:
            lines[source] = BudgetLine(source)
    return lines


def budget_problems(budget: BudgetSpec | None) -> list[str]:
    """Where the total row and its parts disagree, one sentence each (check E108).

    For each figure a part states, the total must state it too and equal the sum of the parts
    that state it; a part given both ways (``budget.fiscal`` and ``budget.sources.fiscal``) must
    give the same 全年预算数.
    """
    if budget is None:
        return []
    lines = budget_lines(budget)
    problems = []
    for figure in FIGURES:
        parts = [(s, lines[s].figure(figure)) for s in SOURCES]
        stated = [(s, v) for s, v in parts if v is not None]
        if not stated:
            continue
        summed = sum((v for _, v in stated), Decimal(0))
        shown = " + ".join(f"{SOURCE_LABELS[s]} {_num(v)}" for s, v in stated)
        total = lines["total"].figure(figure)
        label = f"年度资金总额 {FIGURE_LABELS[figure]} (budget.{figure})"
        if total is None:
            problems.append(f"{label} is not stated; its parts add up to {_num(summed)} ({shown})")
        elif total != summed:
            problems.append(
                f"{label} is {_num(total)} but its parts add up to {_num(summed)} ({shown})"
            )
    if budget.sources is not None:
        for source in _SHORTHAND:
            short, row = getattr(budget, source), getattr(budget.sources, source)
            if short is not None and row is not None and row.adjusted != short:
                problems.append(
                    f"{SOURCE_LABELS[source]}: budget.{source} is {_num(short)} but "
                    f"budget.sources.{source}.adjusted is {_num(row.adjusted)}"
                )
    return problems


def _num(value: Decimal | None) -> str:
    return format_number(value)
