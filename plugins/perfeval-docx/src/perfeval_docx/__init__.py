"""perfeval-docx: the Word exporter of perfeval.

``perfeval export --format docx`` writes, per project, the document a 如皋 unit hands in: the
项目支出绩效自我评价情况表 (or the long 自评报告), then on its own page the
项目支出绩效自我评价评分表
with its merged three-level indicator table, set in the fonts and margins of GB/T 9704.

python-docx is imported only when a document is written, so loading the plugin stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

from perfeval_core import Exporter, hookimpl

if TYPE_CHECKING:
    from perfeval_core import Scorecard


DESCRIPTION = (
    "Word: 项目支出绩效自我评价情况表 / 自评报告 and its 评分表 (GB/T 9704 fonts and margins)"
)


def write(card: Scorecard, stream: BinaryIO) -> None:
    """Write ``card`` as a .docx document to the binary ``stream`` (deterministic bytes)."""
    from .document import write as write_document

    write_document(card, stream)


EXPORTER = Exporter("docx", ".docx", write, DESCRIPTION)


@hookimpl
def perfeval_register_exporters(register: Callable[[Any], None]) -> None:
    register(EXPORTER)


__all__ = ["DESCRIPTION", "EXPORTER", "write"]
