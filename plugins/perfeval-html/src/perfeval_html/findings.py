"""Findings placed at their rows in the tables of a layout: under the row of the leaf they are
about, or under the last row of the group (一级, 二级) they are about, inside the cells of the
indicators above it and of the block's side label.

Works on any :class:`perfeval_core.Table` whose rows carry the indicator path they show and
whose name cells carry the path they name (as the core's layout engine makes them). A row of
findings starts at the grid column of the indicator's own name (or, for a row without one such
as the budget block's total row, at the first cell that ends there) and runs to the table's
right edge; the cells to its left are lengthened over it, so the table stays a grid. When a cell
to its right reaches further down (四川's 原因, merged down the budget block), the findings go
under the last row that cell covers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from perfeval_core import Finding, Table

#: A finding with its number on the page (findings are numbered in the order the page lists them).
Numbered = tuple[int, Finding]


class Notes(NamedTuple):
    """A row of findings about the indicator ``path``, from grid column ``start`` to the end."""

    findings: tuple[Numbered, ...]
    start: int
    colspan: int
    path: tuple[str, ...]


class Placement(NamedTuple):
    """Where the findings of one table go: the rows of findings drawn after each row (by its
    index), the rows a cell (by its row and its index there) is lengthened by, and the rows
    with such a cell."""

    after: dict[int, list[Notes]]
    longer: dict[tuple[int, int], int]
    rows: frozenset[int] = frozenset()


def shown(table: Table) -> set[tuple[str, ...]]:
    """Every indicator path a row of ``table`` shows, and every group above one."""
    return {row.path[:k] for row in table.rows if row.path for k in range(1, len(row.path) + 1)}


def place(table: Table, findings: Sequence[Numbered]) -> Placement:
    """Where ``findings`` (each about an indicator ``table`` shows, see :func:`shown`) go."""
    rows = table.rows
    width = len(table.columns)
    last_row: dict[tuple[str, ...], int] = {}
    for r, row in enumerate(rows):
        if row.path:
            for k in range(1, len(row.path) + 1):
                last_row[row.path[:k]] = r
    by_path: dict[tuple[str, ...], list[Numbered]] = {}
    for item in findings:
        by_path.setdefault(tuple(item[1].path), []).append(item)
    if not by_path:
        return Placement({}, {}, frozenset())
    covers = _covering(table, {last_row[path] for path in by_path})

    def covering(r: int) -> list[_Placed]:
        if r not in covers:  # a row below cells reaching further down (rare)
            covers.update(_covering(table, {r}))
        return covers[r]

    placed: dict[int, list[Notes]] = {}
    for path, items in by_path.items():
        r = last_row[path]
        cells = covering(r)
        start = min(
            (
                c.start
                for c in cells
                if (named := rows[c.row].cells[c.cell].path) is not None
                and named[: len(path)] == path
            ),
            default=None,
        )
        if start is None:  # no cell names it here: from the first cell that ends in this row
            start = next((c.start for c in cells if c.last == r), 0)
        while True:  # under the last row of any cell to the right that reaches further down
            further = max((c.last for c in cells if c.start >= start), default=r)
            if further <= r:
                break
            r = further
            cells = covering(r)
        placed.setdefault(r, []).append(Notes(tuple(items), start, width - start, path))

    longer: dict[tuple[int, int], int] = {}
    for r, notes in placed.items():
        # the deepest first: the cells lengthened for a row of findings are then also
        # lengthened for the rows above it
        notes.sort(key=lambda n: (-n.start, -len(n.path), n.findings[0][0]))
        cells = covering(r)
        for note in notes:
            for c in cells:
                if c.start < note.start:
                    key = (c.row, c.cell)
                    longer[key] = longer.get(key, 0) + 1
    return Placement(placed, longer, frozenset(r for r, _ in longer))


class _Placed(NamedTuple):
    """A cell covering a row: the row it starts in, its index there, its first grid column and
    the last row it covers."""

    row: int
    cell: int
    start: int
    last: int


def _covering(table: Table, wanted: set[int]) -> dict[int, list[_Placed]]:
    """For each row in ``wanted``, the cells covering it, left to right: those spanning down
    into it from above and its own (one pass down to the last row wanted)."""
    out: dict[int, list[_Placed]] = {}
    width = len(table.columns)
    busy_until = [-1] * width  # per grid column, the last row a cell from above covers
    spanning: list[_Placed] = []  # the cells seen so far that cover more than their row
    last = max(wanted)
    for r, row in enumerate(table.rows):
        if r > last:
            break
        mine = r in wanted
        here: list[_Placed] = []
        col = 0
        for i, cell in enumerate(row.cells):
            while col < width and busy_until[col] >= r:
                col += 1
            if cell.rowspan > 1:
                placed = _Placed(r, i, col, r + cell.rowspan - 1)
                spanning.append(placed)
                for k in range(col, min(col + cell.colspan, width)):
                    busy_until[k] = placed.last
                if mine:
                    here.append(placed)
            elif mine:
                here.append(_Placed(r, i, col, r))
            col += cell.colspan
        if mine:
            above = [c for c in spanning if c.row < r and c.last >= r]
            out[r] = sorted([*above, *here], key=lambda c: c.start)
    return out
