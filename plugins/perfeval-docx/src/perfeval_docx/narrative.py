"""The narrative part: the 项目支出绩效自我评价情况表 (title, year, header fields, the five numbered
sections) or the 自评报告 (its own title, headings on two or more levels)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from perfeval_core import Scorecard

from . import style
from .text import clean, paragraphs
from .wml import paragraph

FORM_TITLE = "项目支出绩效自我评价情况表"
SELF_ASSESSMENT = "项目自我评价情况"
REPORT = "自评报告"

_HEADINGS = (
    ("Heading1", style.HEADING_1),
    ("Heading2", style.HEADING_2),
    ("Heading3", style.HEADING_3),
)


def narrative_xml(card: Scorecard) -> list[str]:
    """The paragraphs of the narrative, or none when the evaluation has no narrative."""
    narrative = card.evaluation.spec.narrative
    if narrative is None:
        return []
    if narrative.form == REPORT:
        return _report(card, narrative)
    return _form(card, narrative)


def header_fields(project: Any) -> list[str]:
    """填报单位, 项目名称, 项目实施年度 and the start and end months, as the form writes them;
    a field the project does not state is left out."""
    fields = []
    if project.unit:
        fields.append(f"填报单位：{clean(project.unit)}")
    fields.append(f"项目名称：{clean(project.name)}")
    if project.year is not None:
        fields.append(f"项目实施年度：{project.year}年")
    if project.start:
        fields.append(f"项目实施开始时间(年/月):{month(project.start)}")
    if project.end:
        fields.append(f"项目实施完成时间(年/月):{month(project.end)}")
    return fields


def month(text: str) -> str:
    """``2024-01`` as the form writes it: ``2024/01``."""
    return clean(text).strip().replace("-", "/")


def year_line(year: int | None, suffix: str = "") -> str | None:
    """``(2024)`` under the title (``(2024年)`` on the 评分表); None without a year."""
    return None if year is None else f"({year}{suffix})"


def _form(card: Scorecard, narrative: Any) -> list[str]:
    project = card.evaluation.project
    out = [paragraph(FORM_TITLE, "Title", style.TITLE)]
    year = year_line(project.year)
    if year:
        out.append(paragraph(year, "Subtitle", style.BODY))
    out.extend(paragraph(f, "FormField", style.BODY) for f in header_fields(project))
    out.append(paragraph(SELF_ASSESSMENT, "FormLabel", style.HEADING_1))
    out.extend(_sections(narrative.sections, 0))
    return out


def _report(card: Scorecard, narrative: Any) -> list[str]:
    project = card.evaluation.project
    title = clean(narrative.title).strip()
    if not title:
        year = f"{project.year}年" if project.year is not None else ""
        title = f"{year}{clean(project.name)}项目支出绩效自评报告"
    return [paragraph(title, "Title", style.TITLE), *_sections(narrative.sections, 0)]


def _sections(sections: Iterable[Any], depth: int) -> Iterator[str]:
    pstyle, font = _HEADINGS[min(depth, len(_HEADINGS) - 1)]
    for section in sections:
        heading = clean(section.heading).strip()
        if heading:
            yield paragraph(heading, pstyle, font)
        for text in paragraphs(section.text):
            yield paragraph(text, "BodyText", style.BODY)
        yield from _sections(section.sections, depth + 1)
