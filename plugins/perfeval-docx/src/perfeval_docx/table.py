"""The 评分表 grid as a Word table (``w:tbl``), merges written as markup.

Vertical merges are ``w:vMerge`` on the cells themselves (``restart`` on the first, a bare
``w:vMerge`` — "continue" — on those below) rather than python-docx's ``cell.merge``, which
costs milliseconds per merge. Every row has ``w:cantSplit``; header rows ``w:tblHeader`` so they
repeat on each page. The grid's column widths and each cell's width are both written: WPS and
LibreOffice size the columns from the grid, Word from the cells.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import style
from .layout import Row
from .wml import paragraph

_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def table_xml(rows: Sequence[Row], columns: Sequence[int] = style.COLUMNS) -> str:
    """The ``w:tbl`` element for ``rows`` on a grid of ``columns`` (twips), without namespace
    declarations (the caller wraps it)."""
    border = f'w:val="single" w:sz="{style.BORDER}" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} {border}/>" for side in _SIDES)
    margin = f'w:w="{style.CELL_MARGIN}" w:type="dxa"'
    out = [
        "<w:tbl><w:tblPr>",
        '<w:tblStyle w:val="TableGrid"/>',
        f'<w:tblW w:w="{sum(columns)}" w:type="dxa"/>',
        '<w:tblInd w:w="0" w:type="dxa"/>',
        f"<w:tblBorders>{borders}</w:tblBorders>",
        f'<w:tblCellMar><w:top w:w="{style.CELL_MARGIN_TOP}" w:type="dxa"/><w:left {margin}/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right {margin}/></w:tblCellMar>',
        '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>',
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in columns),
        "</w:tblGrid>",
    ]
    for row in rows:
        out.append(_row(row, columns))
    out.append("</w:tbl>")
    return "".join(out)


def _row(row: Row, columns: Sequence[int]) -> str:
    font, pstyle = (style.TABLE_HEAD, "TableHeading") if row.header else (style.TABLE, "TableText")
    out = ["<w:tr><w:trPr><w:cantSplit/>", "<w:tblHeader/>" if row.header else "", "</w:trPr>"]
    col = 0
    for cell in row.cells:
        width = sum(columns[col : col + cell.span])
        col += cell.span
        span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
        merge = (
            '<w:vMerge w:val="restart"/>'
            if cell.merge == "restart"
            else "<w:vMerge/>"
            if cell.merge == "continue"
            else ""
        )
        text = "" if cell.merge == "continue" else cell.text
        content = paragraph(text, pstyle, font, align=cell.align, keep_next=row.keep_with_next)
        out.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}'
            f'<w:vAlign w:val="center"/></w:tcPr>{content}</w:tc>'
        )
    if col != len(columns):
        raise ValueError(f"row spans {col} grid columns, the table has {len(columns)}")
    out.append("</w:tr>")
    return "".join(out)
