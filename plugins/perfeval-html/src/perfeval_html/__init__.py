"""perfeval-html: a batch as a static review site (``perfeval report DIR -o SITE``).

One page per project — its 评分表 with each finding at its row, the rule's score beside the score
of record where they differ, the budget block and the narrative — and an index: totals, the grade
distribution as an inline SVG chart, per-unit averages, the findings by code, and every project
in sortable, filterable, paginated lists. Chinese first, no external resources, opens from
``file://``; the same batch gives the same bytes.

Jinja2 is imported only when a page is written, so loading the plugin costs next to nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from perfeval_core import hookimpl

if TYPE_CHECKING:
    from perfeval_core import BatchResult, Finding, PageLinks, ReportFolder, Scorecard

DESCRIPTION = (
    "static review site: each project's 评分表 with its findings at their rows, and an index "
    "(grade chart, unit averages, findings by code, every project)"
)


def render_page(card: Scorecard, findings: Sequence[Finding]) -> bytes:
    """One project's page (UTF-8 HTML), to be completed by :func:`finish_page`."""
    from .project import page

    return page(card, findings)


def finish_page(data: bytes, links: PageLinks) -> bytes:
    """The page with its link to the exported document, if any."""
    from .project import finish_page as finish

    return finish(data, links)


def write_index(result: BatchResult, folder: ReportFolder) -> str:
    """The index, the list pages and the assets; returns the file to open first."""
    from .index import write_index as write

    return write(result, folder)


@hookimpl
def perfeval_register_reports(register: Callable[[Any], None]) -> None:
    from perfeval_core import Report

    register(Report("html", ".html", render_page, write_index, finish_page, DESCRIPTION))


__all__ = [
    "DESCRIPTION",
    "finish_page",
    "perfeval_register_reports",
    "render_page",
    "write_index",
]
