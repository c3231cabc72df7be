"""The neutral model every reader produces: a document of rectangular cell grids and text lines.

A `Table` is a grid after merges are resolved: every grid position has a `Cell`, and a cell that
belongs to a merged range carries that range as its `Span`. The cell keeps what the file stores
at its position (`raw`), so a later layer can tell a value written only in the top-left cell of
a merge from one repeated in every cell, and both from labels repeated on every row by an export
that flattened the merges (no span at all).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple


def column_letters(col: int) -> str:
    """Spreadsheet column name of a 0-based column: 0 → "A", 27 → "AB"."""
    name = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        name = chr(65 + rest) + name
    return name


class Location(NamedTuple):
    """Where something sits in its source file, in that format's own terms (a named tuple:
    readers make one per row and cell, and a tuple is the cheapest immutable value).

    Workbook cell: `sheet`, `row`, `col` (0-based, shown as A1). docx: `table` (1-based, in
    document order), `row`, `col` (grid column), and `line`, the 1-based position of the table
    or paragraph among the body's blocks. PDF: `page`, `line` (1-based, top to bottom, a table
    row counting as one line), plus `table`/`row`/`col` for a table cell. Text file: `line`
    (1-based line of the file), `col` (0-based cell), `page` when the text has form feeds.
    """

    sheet: str | None = None
    table: int | None = None
    page: int | None = None
    line: int | None = None
    row: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            if self.row is None or self.col is None:
                return f"sheet {self.sheet!r}"
            sheet = (
                self.sheet
                if self.sheet.isidentifier()
                else "'" + self.sheet.replace("'", "''") + "'"
            )
            return f"{sheet}!{column_letters(self.col)}{self.row + 1}"
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.row is not None and self.table is not None:
            parts.append(f"row {self.row + 1}")
        if self.line is not None and (self.table is None or self.page is not None):
            parts.append(f"line {self.line}")
        if self.col is not None:
            parts.append(f"column {self.col + 1}")
        return ", ".join(parts) or "?"


class Span(NamedTuple):
    """A merged range in grid coordinates: top-left cell and size (rows × cols, more than one
    cell)."""

    top: int
    left: int
    rows: int
    cols: int

    @property
    def bottom(self) -> int:
        """Last row of the range (inclusive)."""
        return self.top + self.rows - 1

    @property
    def right(self) -> int:
        """Last column of the range (inclusive)."""
        return self.left + self.cols - 1

    def covers(self, row: int, col: int) -> bool:
        """True when the grid position lies inside the range."""
        return self.top <= row < self.top + self.rows and self.left <= col < self.left + self.cols


IMPRECISE_FROM = 1e15  # a float keeps 15 significant decimal digits for sure


class CellFlag(enum.IntFlag):
    """What a reader had to interpret to give a cell its text."""

    NONE = 0
    PERCENT = enum.auto()
    """A number shown as a percentage by its number format: raw 0.95, text "95%"."""
    IMPRECISE = enum.auto()
    """A number with more digits than a float keeps (a project code stored as a number): the
    text gives the digits the float still has, the rest as zeros."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One grid position: normalised `text`, the `raw` value stored there (None: nothing is
    stored at this position, e.g. the covered part of a Word merge), where it came from, and
    the merged range it belongs to (None when not merged)."""

    text: str
    raw: object
    location: Location
    row: int
    col: int
    span: Span | None = None
    flags: CellFlag = CellFlag.NONE

    @property
    def is_origin(self) -> bool:
        """True for the top-left cell of a merge, and for every unmerged cell."""
        return self.span is None or (self.span.top == self.row and self.span.left == self.col)

    @property
    def is_number(self) -> bool:
        """True when the file stores a number here (not text that looks like one)."""
        return isinstance(self.raw, int | float) and not isinstance(self.raw, bool)


@dataclass(frozen=True, slots=True)
class Table:
    """A rectangular grid: a worksheet, a Word table, a (possibly multi-page) PDF table, or a
    run of tab-separated lines.

    The grid is kept compact — `texts` and `raws` row by row, the merged ranges in `spans`, the
    location of each row's first cell in `row_locations` — and `cells` (or `cell(r, c)`) makes
    the `Cell` objects on first use, so a layer that scans texts for labels pays for no more.
    `spans_known` is False where the format cannot say what is merged (tab-separated text,
    .ods): there a blank cell may be the continuation of the cell above.
    """

    name: str
    hidden: bool
    texts: tuple[tuple[str, ...], ...]
    raws: tuple[tuple[object, ...], ...]
    origin: Location
    row_locations: tuple[Location, ...]
    spans: tuple[Span, ...] = ()
    spans_known: bool = True
    percent: frozenset[tuple[int, int]] = frozenset()
    """Grid positions of numbers shown as percentages by their number format."""
    _cells: list[tuple[tuple[Cell, ...], ...]] = field(
        default_factory=list, init=False, repr=False, compare=False
    )

    @property
    def height(self) -> int:
        return len(self.texts)

    @property
    def width(self) -> int:
        return len(self.texts[0]) if self.texts else 0

    @property
    def cells(self) -> tuple[tuple[Cell, ...], ...]:
        """Every grid position as a `Cell`, row by row (made once, on first use)."""
        if not self._cells:
            cover = self._cover()
            self._cells.append(
                tuple(
                    tuple(self._cell(r, c, cover.get((r, c))) for c in range(len(row)))
                    for r, row in enumerate(self.texts)
                )
            )
        return self._cells[0]

    def cell(self, row: int, col: int) -> Cell:
        """The cell at a grid position (0-based)."""
        if self._cells:
            return self._cells[0][row][col]
        if not (0 <= row < self.height and 0 <= col < self.width):
            raise IndexError(f"no cell ({row}, {col}) in a {self.height}×{self.width} table")
        span = next((s for s in self.spans if s.covers(row, col)), None)
        return self._cell(row, col, span)

    def _cover(self) -> dict[tuple[int, int], Span]:
        cover = {}
        for span in self.spans:
            for r in range(span.top, span.top + span.rows):
                for c in range(span.left, span.left + span.cols):
                    cover[(r, c)] = span
        return cover

    def _cell(self, row: int, col: int, span: Span | None) -> Cell:
        raw = self.raws[row][col]
        flags = CellFlag.NONE
        if (row, col) in self.percent:
            flags = CellFlag.PERCENT
        elif type(raw) is float and abs(raw) >= IMPRECISE_FROM:
            flags = CellFlag.IMPRECISE
        place = self.row_locations[row]
        location = Location._make((*place[:5], (place.col or 0) + col))
        return Cell(self.texts[row][col], raw, location, row, col, span, flags)


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line of text outside any table: a Word paragraph, a PDF text line, a text-file line.
    `text` is `normalize_line(raw)`: fields separated by wide gaps stay apart, tab-separated."""

    text: str
    raw: str
    location: Location


@dataclass(frozen=True, slots=True)
class Document:
    """What a reader found in one file. `notes` says what it handled that a user may want to
    know (nested tables, pages without a text layer, number formats it could not see)."""

    source: str
    tables: tuple[Table, ...]
    text: tuple[TextLine, ...] = ()
    notes: tuple[str, ...] = ()

    def blocks(self) -> list[Table | TextLine]:
        """Tables and text lines in reading order (page, then line; workbooks: sheet order)."""

        def key(item: Table | TextLine) -> tuple[int, int]:
            where = item.origin if isinstance(item, Table) else item.location
            return (where.page or 0, where.line or 0)

        items: list[Table | TextLine] = [*self.tables, *self.text]
        return sorted(items, key=key)  # stable: sheets keep their order

    def __iter__(self) -> Iterator[Table]:
        return iter(self.tables)


def build_table(
    name: str,
    rows: Sequence[Sequence[tuple[str, object]]],
    spans: Sequence[Span],
    row_locations: Sequence[Location],
    *,
    origin: Location,
    hidden: bool = False,
    spans_known: bool = True,
) -> Table:
    """A `Table` from (text, raw) pairs per row, padded to a rectangle with empty cells (raw
    None: nothing stored there); `row_locations` gives where each row's first cell is (rows
    added to cover a span repeat the last one)."""
    width = max([len(row) for row in rows] + [span.left + span.cols for span in spans] + [0])
    height = max([len(rows)] + [span.top + span.rows for span in spans])
    empty: tuple[str, object] = ("", None)
    texts, raws = [], []
    for r in range(height):
        source = list(rows[r]) if r < len(rows) else []
        source.extend([empty] * (width - len(source)))
        texts.append(tuple(text for text, _ in source))
        raws.append(tuple(raw for _, raw in source))
    places = list(row_locations[:height])
    places.extend([places[-1] if places else origin] * (height - len(places)))
    return Table(
        name,
        hidden,
        tuple(texts),
        tuple(raws),
        origin,
        tuple(places),
        tuple(span for span in spans if span.rows * span.cols > 1),
        spans_known,
    )
