"""The 评分表 page: title, year, 填报单位 and 项目名称, the table, and the grade below it."""

from __future__ import annotations

from perfeval_core import Scorecard

from . import layout, style
from .narrative import year_line
from .table import table_xml
from .text import clean
from .wml import paragraph

SHEET_TITLE = "项目支出绩效自我评价评分表"


def scoresheet_xml(card: Scorecard, *, new_page: bool) -> list[str]:
    """The 评分表's paragraphs and table; ``new_page`` starts it on a page of its own."""
    project = card.evaluation.project
    out = [paragraph(SHEET_TITLE, "Title", style.TITLE, page_break_before=new_page)]
    year = year_line(project.year, "年")
    if year:
        out.append(paragraph(year, "Subtitle", style.BODY))
    if project.unit:
        out.append(paragraph(f"填报单位：{clean(project.unit)}", "FormField", style.BODY))
    out.append(paragraph(f"项目名称：{clean(project.name)}", "FormField", style.BODY))
    out.append(table_xml(layout.rows(card)))
    out.append(paragraph(layout.grade_line(card), "GradeLine", style.BODY))
    return out
