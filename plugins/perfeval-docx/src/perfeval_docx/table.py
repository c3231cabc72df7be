"""A layout's table as Word tables (``w:tbl``): one per page, merges written as markup.

Word and LibreOffice show the text of a vertically merged cell only at the top of its first
part, so a 一级 name whose rows run onto the next page would be missing there. The table is
therefore paginated here (row heights estimated from the fixed table line, see ``measure``):
each page's rows become a table of their own, the header rows repeated above them, a merged
cell split where the page ends and its text shown again on the next page; a one-point
paragraph with ``w:pageBreakBefore`` separates the page tables.

Vertical merges are ``w:vMerge`` on the cells themselves (``restart`` on the first, a bare
``w:vMerge`` — "continue" — on those below). Every row has ``w:cantSplit``; header rows
``w:tblHeader`` (should a page run longer than estimated, they still repeat). The grid's column
widths and each cell's width are both written: WPS and LibreOffice size the columns from the
grid, Word from the cells.
"""

from __future__ import annotations

from collections.abc import Sequence

from perfeval_core import Row, Slot, Table

from . import measure, style
from .wml import paragraph

_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
#: The paragraph that starts a page table on a new page: one point high.
PAGE_BREAK = (
    '<w:p><w:pPr><w:pStyle w:val="TableText"/><w:pageBreakBefore/>'
    '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr></w:p>'
)


def tables_xml(
    table: Table, text_width: int, first_room: int, room: int, after: int = 0
) -> tuple[list[str], int]:
    """The page tables of ``table``: the ``w:tbl`` elements (with the page-break paragraphs
    between them), and the height the last page's rows take, in twips.

    ``first_room`` is what is left of the first page, ``room`` a whole page's text height;
    ``after`` the height of the paragraphs that follow the table and stay with its last row.
    """
    origins, cell_columns = table.grid()
    columns = measure.widths(table, cell_columns, text_width)
    heights = measure.row_heights(table, cell_columns, columns)
    if heights:
        heights[-1] += after
    breaks = table.page_breaks(heights, first_room * style.PAGE_FILL, room * style.PAGE_FILL)
    pages = table.pages(breaks)
    out: list[str] = []
    last_height = 0
    for page, rows in enumerate(pages):
        if page:
            out.append(PAGE_BREAK)
        out.append(_tbl(table, rows, table.slots(rows, origins), columns))
        last_height = sum(heights[r] for r in rows) - (after if page == len(pages) - 1 else 0)
    return out, last_height


def _tbl(table: Table, rows: list[int], slots: list[list[Slot]], columns: Sequence[int]) -> str:
    border = f'w:val="single" w:sz="{style.BORDER}" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} {border}/>" for side in _SIDES)
    margin = f'w:w="{style.CELL_MARGIN}" w:type="dxa"'
    out = [
        "<w:tbl><w:tblPr>",
        '<w:tblStyle w:val="TableGrid"/>',
        f'<w:tblW w:w="{sum(columns)}" w:type="dxa"/>',
        '<w:tblInd w:w="0" w:type="dxa"/>',
        f"<w:tblBorders>{borders}</w:tblBorders>",
        '<w:tblLayout w:type="fixed"/>',
        (
            f'<w:tblCellMar><w:top w:w="{style.CELL_MARGIN_TOP}" w:type="dxa"/><w:left {margin}/>'
            f'<w:bottom w:w="0" w:type="dxa"/><w:right {margin}/></w:tblCellMar>'
        ),
        (
            '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        ),
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in columns),
        "</w:tblGrid>",
    ]
    for r, line in zip(rows, slots, strict=True):
        out.append(_row(table.rows[r], line, columns))
    out.append("</w:tbl>")
    return "".join(out)


def _row(row: Row, line: list[Slot], columns: Sequence[int]) -> str:
    out = ["<w:tr><w:trPr><w:cantSplit/>", "<w:tblHeader/>" if row.header else "", "</w:trPr>"]
    for slot in line:
        head = row.header or (slot.first and slot.cell.style == "head")
        font, pstyle = (style.TABLE_HEAD, "TableHeading") if head else (style.TABLE, "TableText")
        width = sum(columns[slot.column : slot.column + slot.colspan])
        span = f'<w:gridSpan w:val="{slot.colspan}"/>' if slot.colspan > 1 else ""
        if not slot.first:
            merge, text, align = "<w:vMerge/>", "", "center"
        else:
            merge = '<w:vMerge w:val="restart"/>' if slot.rowspan > 1 else ""
            text, align = slot.text, slot.cell.align
        content = paragraph(text, pstyle, font, align=align, keep_next=row.keep_with_next)
        out.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}'
            f'<w:vAlign w:val="center"/></w:tcPr>{content}</w:tc>'
        )
    out.append("</w:tr>")
    return "".join(out)
