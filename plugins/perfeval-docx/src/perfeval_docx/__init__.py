"""perfeval-docx: the Word renderer of perfeval.

``perfeval export --format docx`` lays each evaluation out on its form (the core's layout engine:
``perfeval_core.build_layout``) and draws the layout as a Word document: each part on a page of
its own, paragraphs in the house styles, tables with their merged cells, set in the fonts and
margins of GB/T 9704. A new form needs nothing here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

from perfeval_core import Exporter, collector_paused, hookimpl

if TYPE_CHECKING:
    from perfeval_core import Layout, Scorecard


DESCRIPTION = "Word: the evaluation's form (情况表, 自评表, 评分表 …), GB/T 9704 fonts and margins"


def write(card: Scorecard, stream: BinaryIO) -> None:
    """Write ``card`` on its own form as a .docx document to ``stream`` (deterministic bytes)."""
    from perfeval_core import build_layout

    with collector_paused():
        draw(build_layout(card, roles=ROLES), stream)


def draw(layout: Layout, stream: BinaryIO) -> None:
    """Draw ``layout`` as a .docx document to the binary ``stream`` (deterministic bytes)."""
    from .document import write as write_document

    with collector_paused():
        write_document(layout, stream)


#: The roles of the parts this renderer draws.
ROLES = ("form", "narrative")


EXPORTER = Exporter("docx", ".docx", write, DESCRIPTION, draw=draw)


@hookimpl
def perfeval_register_exporters(register: Callable[[Any], None]) -> None:
    register(EXPORTER)


__all__ = ["DESCRIPTION", "EXPORTER", "draw", "write"]
