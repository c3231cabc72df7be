"""The Layout: a form filled in with one scorecard, as plain data that any renderer draws.

A :class:`Layout` is what a document shows, before any file format: its :class:`Part` s (a page
group in a document, a sheet in a workbook), each a sequence of :class:`Paragraph` s and
:class:`Table` s; a table is a grid of :class:`Column` s and :class:`Row` s of :class:`Cell` s
with their spans. The text of every cell is final (numbers written by ``format_number``, a
leaf's target and actual by ``LeafScore.target_text`` / ``actual_text``); a numeric cell also
carries the exact number behind it. Renderers decide widths, fonts and where pages break,
within what the layout allows (``keep_with_next``, ``repeat``). Paragraphs, rows, cells and
slots are plain attrs classes (not frozen: a layout of 4,000 rows makes tens of thousands of
them, and frozen ones cost twice as much to make); treat them as values.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal, cast

import attrs

Align = Literal["left", "center", "right"]
#: A paragraph's style: title, subtitle (the year line), field (a header field), label (a
#: form's heading), heading1–3 (the narrative's headings), body, grade (the line under a
#: table), note (small print: 报表编号), draft (the mark of an incomplete scorecard).
ParagraphStyle = Literal[
    "title",
    "subtitle",
    "field",
    "label",
    "heading1",
    "heading2",
    "heading3",
    "body",
    "grade",
    "note",
    "draft",
]
#: A cell's style: head (a column heading or a label of the form), body, total (the total row).
CellStyle = Literal["head", "body", "total"]
#: How a numeric cell's number is written: as ``format_number`` writes it, or a percentage
#: (the number is in percent: 95.00 means 95.00 %).
NumberFormat = Literal["number", "percent"]
#: What a column holds, for the renderer's widths: the side labels of a form's blocks (绩效指标
#: down the left: narrow, may wrap), labels (group names: short, may wrap), names of
#: indicators (wide), values (targets, actuals, amounts), short (comparators, units), numbers
#: (points), text (free text: 评分依据, reasons).
ColumnKind = Literal["side", "label", "name", "value", "short", "number", "text"]
#: Where a part goes: a form (every renderer draws it), a narrative (prose: word processors
#: draw it, spreadsheets leave it out), a worksheet (a working table for reviewers:
#: spreadsheets draw it, documents leave it out).
PartRole = Literal["form", "narrative", "worksheet"]
Orientation = Literal["portrait", "landscape"]


@attrs.define
class Paragraph:
    """A paragraph of text in a style; ``align`` overrides the style's alignment."""

    text: str
    style: ParagraphStyle = "body"
    align: Align | None = None


@attrs.define
class Cell:
    """One cell: its text, the grid columns (``colspan``) and rows (``rowspan``) it covers.

    A cell is listed in the row where it starts; positions it covers in later rows are not
    listed again. ``number`` is the exact number a numeric cell shows (``text`` is how it is
    shown), in ``format``. ``repeat``: when a page break falls inside the rows a merged cell
    covers, its text is shown again on the next page (the 一级 and 二级 names of the grid).
    ``field`` is what the cell shows, as the form's column names it (``score``, ``weight``,
    ``target``, ``actual``, ``basis``, …; in a budget block ``initial``, ``executed``, ``rate``,
    ``points``, …; ``levels`` for an indicator's name), empty for labels, headings and header
    fields; ``path`` is the indicator a name cell names (a group's merged cell, a leaf's own).
    """

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: Align = "center"
    style: CellStyle = "body"
    number: Decimal | None = None
    format: NumberFormat | None = None
    repeat: bool = False
    field: str = ""
    path: tuple[str, ...] | None = None


@attrs.define
class Row:
    """A row of cells. ``header`` rows repeat at the top of every page the table continues on;
    ``keep_with_next`` keeps the row on the page of the next one (the last indicator with the
    total, the total with what follows); ``path`` is the indicator the row shows (a leaf's or an
    empty group's path; on a budget block's total row, the leaf whose points and score it shows,
    预算执行率), ``block`` the kind of form block it comes from; ``highlight`` marks a
    row a reviewer should look at (a score of record that differs from its rule's)."""

    cells: tuple[Cell, ...]
    header: bool = False
    keep_with_next: bool = False
    path: tuple[str, ...] | None = None
    block: str = ""
    highlight: bool = False


@attrs.frozen
class Column:
    """A grid column: what it holds (its ``kind``), for the renderer's widths."""

    kind: ColumnKind = "value"


@attrs.define
class Slot:
    """A run of grid positions as a renderer draws it on one page (see :meth:`Table.slots`).

    On the ``first`` row of a run the renderer draws ``cell`` over ``colspan`` columns and
    ``rowspan`` rows with ``text``; on the rows below (``first`` False) the run continues. A cell
    split by a page break starts a new run on the next page, with its text again when it is
    ``repeat`` (else empty).
    """

    column: int
    colspan: int
    rowspan: int
    first: bool
    text: str
    cell: Cell


@attrs.frozen
class Table:
    """A grid: its columns and its rows; every row's cells, with those covering it from rows
    above, fill the grid exactly."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def origins(self) -> list[list[tuple[int, int]]]:
        """For every row and grid column, the cell covering it: (its row, its index there).

        Raises ValueError when a row's cells do not fill the grid exactly.
        """
        return self.grid()[0]

    def grid(self) -> tuple[list[list[tuple[int, int]]], list[list[int]]]:
        """The grid worked out once: :meth:`origins`, and for every row the grid column each of
        its cells starts at."""
        width = len(self.columns)
        pending: dict[int, list[tuple[int, int] | None]] = {}  # rows covered from above
        origins: list[list[tuple[int, int]]] = []
        starts: list[list[int]] = []
        for r, row in enumerate(self.rows):
            line = pending.pop(r, None) or [None] * width
            here: list[int] = []
            column = 0
            for i, cell in enumerate(row.cells):
                while column < width and line[column] is not None:
                    column += 1
                end = column + cell.colspan
                if end > width:
                    raise ValueError(f"row {r} runs past the table's {width} columns")
                origin = (r, i)
                for c in range(column, end):
                    if line[c] is not None:
                        raise ValueError(f"row {r}: a cell overlaps one from a row above")
                    line[c] = origin
                for k in range(1, cell.rowspan):
                    below = pending.get(r + k)
                    if below is None:
                        below = pending[r + k] = [None] * width
                    for c in range(column, end):
                        below[c] = origin
                here.append(column)
                column = end
            if None in line:
                raise ValueError(f"row {r} leaves grid columns empty")
            origins.append(cast(list[tuple[int, int]], line))  # no None left: checked above
            starts.append(here)
        return origins, starts

    def slots(
        self, rows: Sequence[int], origins: list[list[tuple[int, int]]] | None = None
    ) -> list[list[Slot]]:
        """The slots of ``rows`` (indices, in the order drawn on one page: repeated header rows,
        then the page's rows): a merge runs only over consecutive rows of the sequence."""
        grid = origins if origins is not None else self.origins()
        out: list[list[Slot]] = []
        width = len(self.columns)
        for k, r in enumerate(rows):
            here = grid[r]
            above = grid[rows[k - 1]] if k else None
            line: list[Slot] = []
            c = 0
            while c < width:
                origin = here[c]
                colspan = 1
                while c + colspan < width and here[c + colspan] == origin:
                    colspan += 1
                cell = self.rows[origin[0]].cells[origin[1]]
                if above is not None and above[c] == origin:
                    line.append(Slot(c, colspan, 0, False, "", cell))
                else:
                    run = 1
                    while k + run < len(rows) and grid[rows[k + run]][c] == origin:
                        run += 1
                    own = origin[0] == r
                    text = cell.text if own or cell.repeat else ""
                    line.append(Slot(c, colspan, run, True, text, cell))
                c += colspan
            out.append(line)
        return out

    def header_rows(self, before: int) -> list[int]:
        """The header rows to repeat above row ``before`` on a new page: the nearest run of
        header rows above it, when ``before`` belongs to the same block."""
        return self._header_runs()[before] if before < len(self.rows) else []

    def _header_runs(self) -> list[list[int]]:
        """:meth:`header_rows` of every row, worked out in one pass."""
        out: list[list[int]] = []
        run: list[int] = []
        previous_header = False
        for r, row in enumerate(self.rows):
            if row.header and not previous_header:
                run = []
            out.append(run if run and row.block == self.rows[run[0]].block else [])
            if row.header:
                run = [*run, r]
            previous_header = row.header
        return out

    def pages(self, breaks: Sequence[int]) -> list[list[int]]:
        """The rows of each page for ``breaks`` (from :meth:`page_breaks`): on every page after
        the first, the header rows to repeat, then the page's own rows."""
        runs = self._header_runs()
        starts = [0, *breaks]
        ends = [*breaks, len(self.rows)]
        return [
            [*(runs[start] if n else ()), *range(start, end)]
            for n, (start, end) in enumerate(zip(starts, ends, strict=True))
        ]

    def page_breaks(self, heights: Sequence[float], first: float, later: float) -> list[int]:
        """The rows that start a new page, for rows of ``heights`` on pages with room ``first``
        (the first page) and ``later``: a page is filled as far as it goes, then broken before
        the last row that may start one (not after a header row nor a ``keep_with_next`` row),
        the repeated header rows counting on every later page."""
        n = len(self.rows)
        runs = self._header_runs()
        breaks: list[int] = []
        start, used, room = 0, 0.0, first
        r = 0
        while r < n:
            if r == start or used + heights[r] <= room:
                used += heights[r]
                r += 1
                continue
            b = r
            while b > start + 1 and (self.rows[b - 1].keep_with_next or self.rows[b - 1].header):
                b -= 1
            if self.rows[b - 1].keep_with_next or self.rows[b - 1].header:
                b = r  # a chain longer than a page: break where it overflows
            breaks.append(b)
            start, room = b, later
            used = sum(heights[h] for h in runs[b])
            r = b
        return breaks


Block = Paragraph | Table


@attrs.frozen
class Part:
    """A page group of the document (a sheet of a workbook): a new page in a document, with its
    orientation; ``header`` is printed at the top of every page (title and project)."""

    name: str
    role: PartRole
    blocks: tuple[Block, ...]
    orientation: Orientation = "portrait"
    header: str = ""


@attrs.frozen
class Layout:
    """One scorecard laid out on one form: the parts to draw and the document's properties.

    ``date`` is the document's date (created and modified): ``SOURCE_DATE_EPOCH`` when set,
    else the end of the project's month or year, so the same input gives the same bytes.
    ``complete`` is False when a leaf has no score; the layout then carries a 草稿 mark.
    ``evaluation`` is the evaluation the layout was made from, as TOML (``build_layout`` fills
    it in): a renderer stores it where the printed page does not show it, so that ``perfeval
    import`` reads the document back to the same evaluation (docs/import.md).
    """

    form: str
    title: str
    subject: str
    author: str
    date: datetime.datetime
    complete: bool
    parts: tuple[Part, ...]
    evaluation: str = ""

    def tables(self, role: PartRole | None = None) -> list[Table]:
        """Every table, in order (of the parts with ``role`` only, when given)."""
        return [
            b
            for p in self.parts
            if role is None or p.role == role
            for b in p.blocks
            if isinstance(b, Table)
        ]
