"""Writing one scorecard as the Word document a unit hands in: the narrative (情况表 or 自评报告),
then, on a page of its own, the 评分表."""

from __future__ import annotations

import datetime as dt
import io
from typing import BinaryIO

import docx
from docx.oxml import parse_xml
from docx.table import Table

from perfeval_core import Scorecard

from .narrative import narrative_xml
from .package import FIXED_TIME, save
from .scoresheet import scoresheet_xml
from .template import template_bytes
from .text import clean
from .wml import W_NS

CREATED = dt.datetime(*FIXED_TIME, tzinfo=dt.UTC)
SUBJECT = "项目支出绩效自我评价"


def write(card: Scorecard, stream: BinaryIO) -> None:
    """Write ``card`` as a .docx to the binary ``stream``; the same card gives the same bytes."""
    document = docx.Document(io.BytesIO(template_bytes()))
    narrative = narrative_xml(card)
    content = [*narrative, *scoresheet_xml(card, new_page=bool(narrative))]
    fragment = parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(content)}</w:body>')
    body = document.element.body
    section = body.sectPr
    for element in list(fragment):
        section.addprevious(element)
    for tbl in body.iterchildren(f"{{{W_NS}}}tbl"):
        Table(tbl, document._body).autofit = False  # w:tblLayout fixed: keep the grid's widths
    _properties(document, card)
    save(document, stream)


def _properties(document: docx.document.Document, card: Scorecard) -> None:
    project = card.evaluation.project
    props = document.core_properties
    props.title = clean(project.name)[:255]  # core properties hold at most 255 characters
    props.author = clean(project.unit)[:255] or "perfeval"
    props.last_modified_by = props.author
    props.subject = SUBJECT
    props.language = "zh-CN"
    props.revision = 1
    props.created = CREATED
    props.modified = CREATED
