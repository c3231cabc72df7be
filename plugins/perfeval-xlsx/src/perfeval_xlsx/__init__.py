"""perfeval-xlsx: the Excel renderer of perfeval.

Registers the ``xlsx`` exporter with perfeval (``perfeval export --format xlsx``): each
evaluation laid out on its form (``perfeval_core.build_layout``) and drawn as a workbook, a sheet
per part (the form's 评分表 / 自评表 and the reviewer's 计分明细). XlsxWriter is imported only
when a workbook is written, so loading the plugin costs next to nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

from perfeval_core import collector_paused, hookimpl

if TYPE_CHECKING:
    from perfeval_core import BatchResult, Layout, Scorecard, SummarySink


def write(card: Scorecard, stream: BinaryIO) -> None:
    """Write ``card`` on its own form as an .xlsx workbook to ``stream``."""
    from perfeval_core import build_layout

    with collector_paused():
        draw(build_layout(card, roles=ROLES), stream)


def draw(layout: Layout, stream: BinaryIO) -> None:
    """Draw ``layout`` as an .xlsx workbook to ``stream`` (a sheet per form or worksheet part)."""
    from .writer import write_workbook

    with collector_paused():
        write_workbook(layout, stream)


#: The roles of the parts this renderer draws.
ROLES = ("form", "worksheet")


@hookimpl
def perfeval_register_exporters(register: Callable[[Any], None]) -> None:
    from perfeval_core import Exporter

    register(
        Exporter(
            "xlsx",
            ".xlsx",
            write,
            "Excel: the evaluation's form (merged 一级/二级 cells, print-ready A4) and a 计分明细 "
            "sheet",
            draw=draw,
        )
    )


def write_summary(result: BatchResult, stream: BinaryIO) -> None:
    """Write a batch's roll-up as the summary workbook (项目汇总, 等级分布, 单位平均)."""
    from .summary import write_summary as write_workbook

    write_workbook(result, stream)


def start_summary(stream: BinaryIO) -> SummarySink:
    """Begin the summary workbook of a batch, written to ``stream`` as the batch runs."""
    from .summary import WorkbookSummary

    return WorkbookSummary(stream)


@hookimpl
def perfeval_register_summaries(register: Callable[[Any], None]) -> None:
    from perfeval_core import SummaryWriter

    register(
        SummaryWriter(
            "xlsx",
            ".xlsx",
            write_summary,
            "Excel 汇总表: 项目汇总, 等级分布 with its chart, 单位平均",
            start=start_summary,
        )
    )


__all__ = [
    "draw",
    "perfeval_register_exporters",
    "perfeval_register_summaries",
    "start_summary",
    "write",
    "write_summary",
]
