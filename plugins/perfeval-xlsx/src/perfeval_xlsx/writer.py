"""Drawing a layout as a workbook with XlsxWriter: a sheet per part a workbook holds (the form's
parts and the reviewer's worksheets; a narrative is prose and stays in the Word document).

On a sheet, paragraphs are rows merged across the table's width, the table follows with its
merged cells. Every text goes through ``write_string`` (and the workbook refuses to turn strings
into formulas, links or numbers), so a name or a 评分依据 starting with ``=``, ``+``, ``-`` or
``@`` stays text. Numbers are written with ``write_number`` from their exact Decimal. Row heights
are estimated from the wrapped text, because LibreOffice does not fit them when it opens the
file. A table longer than a page is given its page breaks here, so that a merged 一级 cell split
by one shows its name again on the next page. The output is byte-identical for the same layout:
XlsxWriter's zip entries carry a fixed time and the document properties the layout's date.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from perfeval_core import Cell, Layout, Paragraph, Part, Table

from .text import (
    INDENT,
    PADDING,
    cell_text,
    count_lines,
    number,
    row_height,
    text_width,
)

BODY_FONT, BODY_SIZE = "宋体", 11
INFO_FONT, INFO_SIZE = "仿宋", 12
TITLE_FONT, TITLE_SIZE = "黑体", 18

#: Column widths (Excel character units) by what a column holds, bounded; the content decides
#: inside. Numbers have a fixed width; free text is given room for a sentence or two when a
#: row has some (else it is left narrow, for handwriting).
_KIND_WIDTH = {
    "side": (6.0, 9.0),
    "label": (8.0, 15.0),
    "name": (16.0, 36.0),
    "value": (10.5, 16.0),
    "short": (4.0, 8.0),
}
_NUMBER_WIDTH = 6.5
_TEXT_WIDTH, _TEXT_EMPTY_WIDTH = 20.0, 12.0
#: A worksheet (the 计分明细) is read on screen, filtered and printed landscape: its paths and
#: notes get more room.
_WORKSHEET_WIDTH = {**_KIND_WIDTH, "name": (16.0, 56.0)}
_WORKSHEET_TEXT_WIDTH = 24.0

_A4 = 9
#: A4 in points, and the margins set below (inches), for the page breaks.
_PAGE = (595.28, 841.89)
_MARGINS = (0.5, 0.5, 0.6, 0.7)  # left, right, top, bottom
#: Share of a page the page breaks fill (LibreOffice's metrics differ a little from Excel's).
_PAGE_FILL = 0.95
#: The height of a page header or footer band, in points, as LibreOffice reserves it.
_BAND = 30.0
#: The pixels of one unit of column width, for the print scale (the widest of the programs').
_DIGIT_PIXELS = 8
#: What a workbook whose scorecard is incomplete says in its properties.
DRAFT_STATUS = "草稿"


def workbook_options() -> dict[str, Any]:
    """XlsxWriter's options, made afresh for every workbook.

    XlsxWriter writes into the ``default_format_properties`` it is given, and a second workbook
    given the same dict would tie its default font to the theme's (``<scheme val="minor"/>``,
    i.e. Calibri in Excel). The default font is 宋体 like the table: column widths are counted
    in the default font's digits, and with 宋体 a CJK character is about 1.7 (LibreOffice) to
    1.85 (Excel) units wide; with Calibri it would be 1.5 in one and 2.1 in the other, and no
    estimate would suit both. ``in_memory`` builds the parts in memory instead of one temporary
    file each (2–3× faster for a workbook this small).
    """
    return {
        "in_memory": True,
        "default_format_properties": {"font_name": BODY_FONT, "font_size": BODY_SIZE},
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }


def drawn(layout: Layout) -> list[Part]:
    """The parts a workbook holds: forms and worksheets (a narrative is for documents)."""
    from . import ROLES

    return [p for p in layout.parts if p.role in ROLES]


def write_workbook(layout: Layout, stream: BinaryIO) -> None:
    """Write ``layout`` as a workbook to ``stream``."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(stream, workbook_options())
    created = layout.date.astimezone(datetime.UTC).replace(tzinfo=None)
    properties: dict[str, Any] = {
        "title": layout.title,
        "subject": layout.subject,
        "author": layout.author,
        "created": created,
    }
    if not layout.complete:
        properties["status"] = DRAFT_STATUS
    workbook.set_properties(properties)
    formats = _Formats(workbook)
    for part in drawn(layout):
        _Sheet(workbook.add_worksheet(part.name), part, formats).draw()
    if layout.evaluation:
        write_evaluation_sheet(workbook, layout.evaluation)
    workbook.close()


#: The very hidden sheet that holds the evaluation a workbook was made from, and what its
#: first cell says (perfeval import reads the workbook back from it; docs/import.md).
EVALUATION_SHEET = "_perfeval"
EVALUATION_MARK = "perfeval-evaluation/1"
#: The TOML is cut into cells of at most this many characters (a cell holds 32,767).
_CHUNK = 8000


def write_evaluation_sheet(workbook: Any, toml: str) -> None:
    """The evaluation as TOML in a very hidden sheet: A1 the mark, A2… the text in pieces.
    Not shown, not printed, and kept by Excel and WPS when the workbook is saved again."""
    sheet = workbook.add_worksheet(EVALUATION_SHEET)
    sheet.write_string(0, 0, EVALUATION_MARK)
    for i in range(0, len(toml), _CHUNK):
        sheet.write_string(1 + i // _CHUNK, 0, toml[i : i + _CHUNK])
    sheet.very_hidden()


# font_scheme "none": XlsxWriter would tie a font named like the default one to the theme
# (<scheme val="minor"/>), and Excel would then show the theme's font instead of 宋体
_PLAIN: dict[str, Any] = {"font_scheme": "none"}
_BASE: dict[str, Any] = {
    **_PLAIN,
    "font_name": BODY_FONT,
    "font_size": BODY_SIZE,
    "valign": "vcenter",
    "text_wrap": True,
}
_CELL: dict[str, Any] = {**_BASE, "border": 1}
_INFO: dict[str, Any] = {
    **_PLAIN,
    "font_name": INFO_FONT,
    "font_size": INFO_SIZE,
    "valign": "vcenter",
}
_SPECS: dict[str, dict[str, Any]] = {
    "title": {
        **_PLAIN,
        "font_name": TITLE_FONT,
        "font_size": TITLE_SIZE,
        "bold": True,
        "align": "center",
        "valign": "vcenter",
    },
    "year": {**_INFO, "align": "center"},
    "info": {**_INFO, "align": "left", "text_wrap": True},
    "note": {**_INFO, "align": "right", "text_wrap": True},
    "draft": {**_INFO, "align": "center", "bold": True, "font_color": "#C00000"},
    "head": {**_CELL, "bold": True, "align": "center", "bg_color": "#F2F2F2"},
    "center": {**_CELL, "align": "center"},  # group names, values, numbers
    "left": {**_CELL, "align": "left", "indent": 1},  # leaf names, 评分依据, paths, notes
    "right": {**_CELL, "align": "right"},
    "total": {**_CELL, "bold": True, "align": "center"},
    "grade": {**_CELL, "bold": True, "align": "left", "indent": 1},
    "percent": {**_CELL, "align": "center", "num_format": "0.00%"},
    # rows a reviewer should look at (the score of record is not the rule's): shaded
    "left_diff": {**_CELL, "align": "left", "indent": 1, "bg_color": "#FFF2CC"},
    "center_diff": {**_CELL, "align": "center", "bg_color": "#FFF2CC"},
}


class _Formats:
    """The cell formats, made when first used (so that their order follows the sheets')."""

    def __init__(self, workbook: Any) -> None:
        self._workbook = workbook
        self._made: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        found = self._made.get(name)
        if found is None:
            found = self._made[name] = self._workbook.add_format(_SPECS[name])
        return found


#: How each paragraph style is drawn: its format, font size, whether it is bordered (a line
#: of the table, such as the grade), and whether its height follows its text.
_PARAGRAPHS: dict[str, tuple[str, float, bool]] = {
    "title": ("title", TITLE_SIZE, False),
    "subtitle": ("year", INFO_SIZE, False),
    "draft": ("draft", INFO_SIZE, False),
    "field": ("info", INFO_SIZE, False),
    "note": ("note", INFO_SIZE, False),
    "label": ("info", INFO_SIZE, False),
    "heading1": ("info", INFO_SIZE, False),
    "heading2": ("info", INFO_SIZE, False),
    "heading3": ("info", INFO_SIZE, False),
    "body": ("info", INFO_SIZE, False),
    "grade": ("grade", BODY_SIZE, True),
}


class _Sheet:
    """One part drawn on one worksheet."""

    def __init__(self, ws: Any, part: Part, formats: _Formats) -> None:
        self.ws, self.part, self.f = ws, part, formats
        tables = [b for b in part.blocks if isinstance(b, Table)]
        self.table = tables[0] if tables else None
        self.origins, self.starts = self.table.grid() if self.table is not None else ([], [])
        self.table_rows = self.table.rows if self.table is not None else ()
        self.widths = self._widths() if self.table is not None else [60.0]
        self.last_col = len(self.widths) - 1
        self.full_width = sum(self.widths)
        self.row = 0
        self.heights: list[float] = []  # of the rows written so far
        self.scale: float | None = None  # the print scale, when the sheet has page breaks
        self.formats: dict[tuple[object, ...], Any] = {}  # by what decides a cell's format

    # -- widths --------------------------------------------------------------------------------

    def _widths(self) -> list[float]:
        table = self.table
        assert table is not None
        longest = [0.0] * len(table.columns)
        heads = [0.0] * len(table.columns)
        texts = [False] * len(table.columns)
        for r, row in enumerate(table.rows):
            for cell, column in zip(row.cells, self.starts[r], strict=True):
                if cell.colspan != 1:
                    continue
                width = _one_line_width(cell.text)
                if cell.align == "left":
                    width += INDENT
                if width > longest[column]:
                    longest[column] = width
                if row.header or cell.style == "head":
                    heads[column] = max(heads[column], _one_line_width(cell.text))
                elif cell.text:
                    texts[column] = True
        worksheet = self.part.role == "worksheet"
        bounds = _WORKSHEET_WIDTH if worksheet else _KIND_WIDTH
        text = _WORKSHEET_TEXT_WIDTH if worksheet else _TEXT_WIDTH
        out = []
        for c, col in enumerate(table.columns):
            if col.kind == "number":  # wide enough for its heading (规则得分)
                out.append(max(_NUMBER_WIDTH, min(heads[c], _KIND_WIDTH["label"][0])))
            elif col.kind == "text":
                out.append(text if texts[c] else _TEXT_EMPTY_WIDTH)
            else:
                low, high = bounds[col.kind]
                out.append(min(max(low, longest[c]), high))
        return out

    # -- drawing -------------------------------------------------------------------------------

    def draw(self) -> None:
        for c, width in enumerate(self.widths):
            self.ws.set_column(c, c, width)
        header: tuple[int, int] | None = None
        table_rows = (0, 0)
        for i, block in enumerate(self.part.blocks):
            if isinstance(block, Paragraph):
                self._paragraph(block)
                continue
            first = self.row
            after = _following(self.part.blocks[i + 1 :])
            header = self._table(block, after)
            table_rows = (first, self.row - 1)
        self._print_setup(header, table_rows)

    def _paragraph(self, block: Paragraph) -> None:
        name, size, bordered = _PARAGRAPHS.get(block.style, _PARAGRAPHS["body"])
        fmt = self.f[name]
        text = cell_text(block.text)
        _merge(self.ws, self.row, 0, self.row, self.last_col, text, fmt, padded=bordered)
        if block.style == "title":
            height = row_height(1, TITLE_SIZE, 10)
        elif block.style in ("subtitle", "draft"):
            height = row_height(1, INFO_SIZE)
        else:
            room = self.full_width - (INDENT if bordered else 0.0)
            height = row_height(count_lines(text, room, size), size)
        self.ws.set_row(self.row, height)
        self.heights.append(height)
        self.row += 1

    def _table(self, table: Table, after: float) -> tuple[int, int] | None:
        first = self.row
        heights = self._heights(table)
        breaks = self._page_breaks(table, heights, after)
        cells: list[_Placed] = []
        if not breaks:  # one page: the cells as the layout has them
            starts = self.starts
            cells = [
                (r, c, cell.colspan, cell.rowspan, cell.text, cell)
                for r, row in enumerate(table.rows)
                for cell, c in zip(row.cells, starts[r], strict=True)
            ]
        firsts = [0, *breaks]
        ends = [*breaks, len(table.rows)]
        for start, end in zip(firsts, ends, strict=True) if breaks else ():
            rows = list(range(start, end))  # the print titles repeat the header rows
            for r, line in zip(rows, table.slots(rows, self.origins), strict=True):
                cells.extend(
                    (r, s.column, s.colspan, s.rowspan, s.text, s.cell) for s in line if s.first
                )
        for placed in _in_write_order(table, cells):
            self._cell(first, placed)
        for r, height in enumerate(heights):
            self.ws.set_row(first + r, height)
        self.heights.extend(heights)
        if breaks:
            self.ws.set_h_pagebreaks([first + b for b in breaks])
            self.scale = self._scale()
        self.row = first + len(table.rows)
        header = [r for r, row in enumerate(table.rows) if row.header]
        if not header:
            return None
        run = [header[0]]
        while run[-1] + 1 in header:
            run.append(run[-1] + 1)
        return first + run[0], first + run[-1]

    def _cell(self, first: int, placed: _Placed) -> None:
        """Write one cell (a merge, blanks and all) at its place on the sheet."""
        r, column, colspan, rowspan, text, cell = placed
        row = self.table_rows[r]
        key = (row.header, row.highlight, cell.style, cell.align, cell.format, cell.number is None)
        fmt = self.formats.get(key)
        if fmt is None:
            fmt = self.formats[key] = self.f[_format_name(row.header, row.highlight, cell)]
        ws = self.ws
        r0 = first + r
        if colspan == 1 and rowspan == 1:
            number = cell.number
            if number is not None and text:
                if cell.format == "percent":
                    ws.write_number(r0, column, float(number / 100), fmt)
                else:
                    _write_number(ws, r0, column, number, fmt)
            elif text:
                ws.write_string(r0, column, cell_text(text), fmt)
            else:
                ws.write_blank(r0, column, None, fmt)
        else:
            _merge(ws, r0, column, r0 + rowspan - 1, column + colspan - 1, cell_text(text), fmt)

    def _heights(self, table: Table) -> list[float]:
        """Each row's height: its tallest cell; a merged cell's lines shared out over its rows
        (the deepest level first, as a group covers the rows of the groups inside it)."""
        edges = [0.0]
        for w in self.widths:
            edges.append(edges[-1] + w)
        heights: list[float] = []
        merged: list[tuple[int, int, int, float]] = []  # (column, first row, rows, need)
        for r, row in enumerate(table.rows):
            lines = 1
            for cell, column in zip(row.cells, self.starts[r], strict=True):
                if cell.number is not None or not cell.text:  # a number: one line
                    need = 1
                else:
                    width = edges[column + cell.colspan] - edges[column]
                    if cell.align == "left":
                        width -= INDENT
                    need = count_lines(cell.text, width)
                if cell.rowspan == 1:
                    lines = max(lines, need)
                else:
                    merged.append((column, r, cell.rowspan, row_height(need)))
            heights.append(row_height(lines))
        for _, first, count, needed in sorted(merged, key=lambda m: (-m[0], m[1])):
            have = sum(heights[first : first + count])
            if needed > have:
                extra = (needed - have) / count
                for i in range(first, first + count):
                    heights[i] = round(heights[i] + extra, 1)
        return heights

    # -- printing ------------------------------------------------------------------------------

    def _page_size(self) -> tuple[float, float]:
        width, height = _PAGE
        if self.part.orientation == "landscape":
            width, height = height, width
        left, right, top, bottom = _MARGINS
        # LibreOffice keeps the page footer (and a header) out of the printed rows' room
        bands = _BAND * (2 if self.part.header else 1)
        return width - (left + right) * 72, height - (top + bottom) * 72 - bands

    def _scale(self, digit: float = _DIGIT_PIXELS, fill: float = _PAGE_FILL) -> float:
        """The print scale that fits the sheet's width on the page (fit to one page wide),
        counting a column unit as ``digit`` pixels (宋体's digit is about 8 in LibreOffice,
        Excel counts 7), and keeping ``fill`` of the page."""
        room, _ = self._page_size()
        pixels = sum(int(w * digit + 0.5) + 5 for w in self.widths)
        return min(1.0, room / (pixels * 0.75)) * fill

    def _page_breaks(self, table: Table, heights: list[float], after: float) -> list[int]:
        if not any(c.repeat and c.rowspan > 1 for row in table.rows for c in row.cells):
            return []  # no merged name a break could cut: the program breaks the pages
        _, room = self._page_size()
        above = sum(self.heights)
        if above + sum(heights) + after <= room / self._scale(fill=1.0):
            return []  # one page: fitted to it, no breaks
        capacity = room / self._scale() * _PAGE_FILL
        padded = list(heights)
        padded[-1] += after
        return table.page_breaks(padded, capacity - above, capacity)

    def _print_setup(self, header: tuple[int, int] | None, table_rows: tuple[int, int]) -> None:
        ws = self.ws
        ws.set_paper(_A4)
        if self.part.orientation == "landscape":
            ws.set_landscape()
        else:
            ws.set_portrait()
        if self.scale is None:
            ws.fit_to_pages(1, 0)
        else:  # Excel ignores manual page breaks on a sheet fitted to pages
            ws.set_print_scale(max(10, int(self.scale * 100)))
        if header is not None:
            ws.repeat_rows(*header)
        if self.part.role == "worksheet" and self.table is not None:
            ws.autofilter(table_rows[0], 0, table_rows[1], self.last_col)
        ws.center_horizontally()
        left, right, top, bottom = _MARGINS
        ws.set_margins(left=left, right=right, top=top, bottom=bottom)
        if self.part.header:
            ws.set_header("&C" + _header_text(self.part.header))
        ws.set_footer("&C第 &P 页，共 &N 页")
        if header is not None and header[0] == table_rows[0] and header[1] - header[0] < 8:
            ws.freeze_panes(header[1] + 1, 0)
        if self.part.role != "worksheet":
            ws.print_area(0, 0, self.row - 1, self.last_col)


#: A cell as written: its row in the table, column, spans, the text to show, the cell.
_Placed = tuple[int, int, int, int, str, Cell]


def _format_name(header: bool, highlight: bool, cell: Cell) -> str:
    """The name of the format a cell is written in."""
    if header or cell.style == "head":
        return "head"
    if cell.style == "total":
        return "total"
    if cell.format == "percent" and cell.number is not None:
        return "percent"
    name = "left" if cell.align == "left" else "right" if cell.align == "right" else "center"
    return name + "_diff" if highlight and name != "right" else name


def _header_text(text: str) -> str:
    """A page header's text: ``&`` doubled (XlsxWriter's codes), within Excel's 255 limit."""
    return text.replace("&", "&&")[:240]


def _following(blocks: Sequence[Paragraph | Table]) -> float:
    """The height of the paragraphs right after a table, which stay with its last row."""
    total = 0.0
    for block in blocks:
        if not isinstance(block, Paragraph):
            break
        total += row_height(1)
    return total


def _in_write_order(table: Table, cells: list[_Placed]) -> list[_Placed]:
    """The cells in the order they are written (it fixes the order of the workbook's shared
    strings and formats): run by run of rows alike (the header, the rows of one block); within
    one, the cells of single rows row by row, then the merged ones — a heading's by row and
    column, a group's after its rows, the deepest level first."""
    groups = _groups(table)
    out: list[_Placed] = []
    plain: list[_Placed] = []
    merged: list[_Placed] = []
    current = -1
    for placed in cells:  # in row order already
        group = groups[placed[0]]
        if group != current:
            out.extend(plain)
            out.extend(_merged_order(table, merged))
            plain, merged, current = [], [], group
        if placed[3] == 1 and not placed[5].repeat:
            plain.append(placed)
        else:
            merged.append(placed)
    out.extend(plain)
    out.extend(_merged_order(table, merged))
    return out


def _merged_order(table: Table, merged: list[_Placed]) -> list[_Placed]:
    if not merged or table.rows[merged[0][0]].header:
        return merged
    return sorted(merged, key=lambda p: (-p[1], p[0]))


def _groups(table: Table) -> list[int]:
    """For each row, the first row of its run: consecutive rows alike in header and block."""
    out: list[int] = []
    previous = None
    for r, row in enumerate(table.rows):
        key = (row.header, row.block)
        out.append(out[-1] if key == previous else r)
        previous = key
    return out


def _one_line_width(text: str) -> float:
    """The column width at which ``text`` fits on one line (with a little to spare)."""
    return text_width(text) + PADDING + 0.1


def _merge(
    ws: Any, r0: int, c0: int, r1: int, c1: int, text: str, fmt: Any, *, padded: bool = True
) -> None:
    """Merge a range (a single cell is just written) and put ``text`` in it as a string.

    Does what ``merge_range`` does, minus its overlap bookkeeping (the layout never overlaps)
    and its type dispatch: the text goes in with ``write_string``, the other cells get the
    format as blanks (so that borders are drawn all round) unless ``padded`` is False, and the
    range is recorded as a real ``<mergeCell>``.
    """
    ws.write_string(r0, c0, text, fmt)
    if r0 == r1 and c0 == c1:
        return
    if padded:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if r != r0 or c != c0:
                    ws.write_blank(r, c, None, fmt)
    merges = getattr(ws, "merge", None)
    if isinstance(merges, list):  # what merge_range appends to, in every XlsxWriter since 0.x
        merges.append([r0, c0, r1, c1])
    else:  # pragma: no cover - should a future XlsxWriter keep it elsewhere
        ws.merge_range(r0, c0, r1, c1, text, fmt)


def _text(ws: Any, row: int, col: int, text: str, fmt: Any) -> None:
    """A string cell, or a formatted blank for an empty text (no empty shared string)."""
    if text:
        ws.write_string(row, col, text, fmt)
    else:
        ws.write_blank(row, col, None, fmt)


def _write_number(ws: Any, row: int, col: int, value: Decimal | None, fmt: Any) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
        return
    cell = number(value)
    if isinstance(cell, float):
        ws.write_number(row, col, cell, fmt)
    else:
        ws.write_string(row, col, cell, fmt)
