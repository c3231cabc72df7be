"""Drawing a layout as a Word document: its parts in order, each on a new page (a new section
when its orientation differs), paragraphs in the house styles, tables paginated.

The body is written as WordprocessingML text and spliced into the template's document part in
one go — no document object, no element moved between trees — so the time grows with the
number of rows, linearly.
"""

from __future__ import annotations

from typing import BinaryIO

from perfeval_core import Layout, Paragraph, Part, Table

from . import measure, style
from .package import save
from .table import tables_xml
from .template import section_xml
from .wml import paragraph

#: The layout's paragraph styles as Word styles and fonts (alignment, when the style's own is
#: not meant).
PARAGRAPHS: dict[str, tuple[str, style.Font, str | None]] = {
    "title": ("Title", style.TITLE, None),
    "subtitle": ("Subtitle", style.BODY, None),
    "field": ("FormField", style.BODY, None),
    "label": ("FormLabel", style.HEADING_1, None),
    "heading1": ("Heading1", style.HEADING_1, None),
    "heading2": ("Heading2", style.HEADING_2, None),
    "heading3": ("Heading3", style.HEADING_3, None),
    "body": ("BodyText", style.BODY, None),
    "grade": ("GradeLine", style.BODY, None),
    "note": ("FormField", style.NOTE, "right"),
    "draft": ("Subtitle", style.DRAFT, None),
}
#: Roughly how much height (twips) each paragraph style takes, for the first page's room.
_HEIGHTS = {
    "title": 760,
    "subtitle": 800,
    "field": style.LINE_EXACT,
    "label": style.LINE_EXACT + 360,
    "grade": style.LINE_EXACT + 120,
    "note": style.LINE_EXACT,
    "draft": style.LINE_EXACT + 240,
}


def drawn(layout: Layout) -> list[Part]:
    """The parts a document holds: forms and narratives (a worksheet is for spreadsheets)."""
    from . import ROLES

    return [p for p in layout.parts if p.role in ROLES]


def write(layout: Layout, stream: BinaryIO) -> None:
    """Write ``layout`` as a .docx to the binary ``stream``; the same layout, the same bytes."""
    parts = drawn(layout)
    body: list[str] = []
    for n, part in enumerate(parts):
        body.extend(_part(part, new_page=n > 0 and parts[n - 1].orientation == part.orientation))
        following = parts[n + 1] if n + 1 < len(parts) else None
        if following is not None and following.orientation != part.orientation:
            body.append(f"<w:p><w:pPr>{section_xml(part.orientation)}</w:pPr></w:p>")
    last = parts[-1].orientation if parts else "portrait"
    save(layout, "".join(body), section_xml(last), stream)


def _part(part: Part, *, new_page: bool) -> list[str]:
    landscape = part.orientation == "landscape"
    width = style.LANDSCAPE_TEXT_WIDTH if landscape else style.TEXT_WIDTH
    page = (
        style.PAGE_WIDTH - style.LANDSCAPE_MARGINS[0] - style.LANDSCAPE_MARGINS[1]
        if landscape
        else style.PAGE_HEIGHT - style.MARGIN_TOP - style.MARGIN_BOTTOM
    )
    out: list[str] = []
    used = 0  # height taken on the current page, for the first page of a table
    pending_break = new_page
    for i, block in enumerate(part.blocks):
        if isinstance(block, Paragraph):
            pstyle, font, align = PARAGRAPHS.get(block.style, PARAGRAPHS["body"])
            out.append(
                paragraph(
                    block.text,
                    pstyle,
                    font,
                    align=block.align or align,
                    page_break_before=pending_break,
                )
            )
            pending_break = False
            used += _paragraph_height(block, width)
            continue
        if pending_break:
            out.append(paragraph("", "TableText", style.TABLE, page_break_before=True))
            pending_break = False
        after = sum(
            _paragraph_height(b, width) for b in _following_paragraphs(part.blocks[i + 1 :])
        )
        tables, last = tables_xml(block, width, max(page - used, 0), page, after)
        out.extend(tables)
        used = last
    return out


def _following_paragraphs(blocks: tuple[Paragraph | Table, ...]) -> list[Paragraph]:
    """The paragraphs right after a table (the grade line), which stay with its last rows."""
    out: list[Paragraph] = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            break
        out.append(block)
    return out


def _paragraph_height(block: Paragraph, width: int) -> int:
    if block.style in _HEIGHTS:
        base = _HEIGHTS[block.style]
        return base * max(
            1, measure.lines(block.text, width * 210 // 320) if block.style == "field" else 1
        )
    per_line = width // 320  # 三号: 16 pt = 320 twips a character
    count = max(1, -(-int(measure.chars(block.text)) // max(per_line, 1)))
    return count * style.LINE_EXACT
