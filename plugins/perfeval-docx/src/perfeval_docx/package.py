"""Writing the package byte for byte the same each time.

The members are written in a fixed order (content types, package relationships, then each part
and its relationships in the order the relationships reach them), every one stamped with the
layout's date, into memory first so that the bytes do not depend on whether the target stream
can seek.
"""

from __future__ import annotations

import datetime
import functools
import io
import zipfile
from typing import BinaryIO

from perfeval_core import Layout

from . import template
from .text import clean

#: The earliest and latest times a zip member can carry.
_ZIP_FIRST = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)
_ZIP_LAST = datetime.datetime(2107, 12, 31, 23, 59, 58, tzinfo=datetime.UTC)
#: What a document whose scorecard is incomplete says in its properties.
DRAFT_STATUS = "草稿"


@functools.cache
def _fixed_parts(evaluation: bool) -> dict[str, bytes]:
    """The parts that do not depend on the document: styles, settings, fonts, footer … (and
    the relationships and content types of the part holding the evaluation, with
    ``evaluation``)."""
    parts = list(template.PARTS)
    if evaluation:
        parts.append(("/customXml/itemProps1.xml", template.CUSTOM_PROPS_TYPE))
    return {
        "word/_rels/document.xml.rels": template.document_rels_xml(evaluation=evaluation).encode(
            "utf-8"
        ),
        "word/styles.xml": template.styles_xml().encode("utf-8"),
        "word/settings.xml": template.settings_xml().encode("utf-8"),
        "word/fontTable.xml": template.font_table_xml().encode("utf-8"),
        "word/footer1.xml": template.footer_xml().encode("utf-8"),
        "docProps/app.xml": template.app_xml().encode("utf-8"),
        "[Content_Types].xml": template.content_types_xml(parts).encode("utf-8"),
        "_rels/.rels": template.package_rels_xml().encode("utf-8"),
        "customXml/itemProps1.xml": template.evaluation_props_xml().encode("utf-8"),
        "customXml/_rels/item1.xml.rels": template.evaluation_rels_xml().encode("utf-8"),
    }


def zip_time(date: datetime.datetime) -> tuple[int, int, int, int, int, int]:
    """``date`` as a zip member's time (UTC, kept within what a zip can hold)."""
    when = min(max(date.astimezone(datetime.UTC), _ZIP_FIRST), _ZIP_LAST)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def save(layout: Layout, body: str, section: str, stream: BinaryIO) -> None:
    """Write the package of a document with ``body`` and last section ``section``; the
    evaluation the layout was made from goes into a custom XML part (not shown or printed)."""
    fixed = _fixed_parts(bool(layout.evaluation))
    stamp = layout.date.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    core = template.core_xml(
        clean(layout.title)[:255],  # core properties hold at most 255 characters
        clean(layout.author)[:255] or "perfeval",
        clean(layout.subject)[:255],
        stamp,
        None if layout.complete else DRAFT_STATUS,
    )
    members: tuple[tuple[str, bytes], ...] = (
        ("[Content_Types].xml", fixed["[Content_Types].xml"]),
        ("_rels/.rels", fixed["_rels/.rels"]),
        ("word/document.xml", template.document_xml(body, section).encode("utf-8")),
        ("word/_rels/document.xml.rels", fixed["word/_rels/document.xml.rels"]),
        ("word/styles.xml", fixed["word/styles.xml"]),
        ("word/settings.xml", fixed["word/settings.xml"]),
        ("word/fontTable.xml", fixed["word/fontTable.xml"]),
        ("word/footer1.xml", fixed["word/footer1.xml"]),
        ("docProps/core.xml", core.encode("utf-8")),
        ("docProps/app.xml", fixed["docProps/app.xml"]),
    )
    if layout.evaluation:
        members += (
            ("customXml/item1.xml", template.evaluation_xml(layout.evaluation).encode("utf-8")),
            ("customXml/_rels/item1.xml.rels", fixed["customXml/_rels/item1.xml.rels"]),
            ("customXml/itemProps1.xml", fixed["customXml/itemProps1.xml"]),
        )
    when = zip_time(layout.date)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    stream.write(buffer.getvalue())
