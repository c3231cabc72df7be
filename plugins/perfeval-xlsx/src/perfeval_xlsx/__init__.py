"""perfeval-xlsx: the 项目支出绩效自我评价评分表 as an Excel workbook.

Registers the ``xlsx`` exporter with perfeval (``perfeval export --format xlsx``). XlsxWriter is
imported only when a workbook is written, so loading the plugin costs next to nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

from perfeval_core import hookimpl

if TYPE_CHECKING:
    from perfeval_core import BatchResult, Scorecard, SummarySink


def write(card: Scorecard, stream: BinaryIO) -> None:
    """Write ``card`` as an .xlsx workbook (sheets 评分表 and 计分明细) to ``stream``."""
    from .writer import write_workbook

    write_workbook(card, stream)


@hookimpl
def perfeval_register_exporters(register: Callable[[Any], None]) -> None:
    from perfeval_core import Exporter

    register(
        Exporter(
            "xlsx",
            ".xlsx",
            write,
            "Excel 评分表 (merged 一级/二级 cells, print-ready A4) and a 计分明细 sheet",
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
    "perfeval_register_exporters",
    "perfeval_register_summaries",
    "start_summary",
    "write",
    "write_summary",
]
