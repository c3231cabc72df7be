"""Findings placed at their rows: under the row of the leaf they are about, or under the last
row of the group (一级, 二级) they are about, inside the spans of the indicators above it.

Works on any table of :class:`~perfeval_html.table.Row` whose rows carry the indicator path they
show and whose name cells carry the path they name; the spans of the cells the inserted rows sit
inside are lengthened, so the table stays a grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from perfeval_core import Finding

from .table import Row


class Notes(NamedTuple):
    """A row of findings about the indicator ``path``, from grid column ``start`` to the end.
    ``findings`` are ``(number, finding)``, numbered in the order the page lists them."""

    findings: tuple[tuple[int, Finding], ...]
    start: int
    colspan: int
    path: tuple[str, ...]


class _Placed(NamedTuple):
    row: int  # the row the cell starts in
    cell: int  # its index in that row's cells
    start: int  # first grid column
    end: int  # grid column after it
    last: int  # the last row it covers


def place(
    rows: Sequence[Row], findings: Sequence[Finding], columns: int
) -> tuple[list[Row | Notes], list[tuple[int, Finding]]]:
    """The table with a :class:`Notes` row after the rows findings are about, and the findings
    that belong to no row (about the whole evaluation, or an indicator not in the table).
    Findings are numbered from 1 in their given order."""
    numbered = list(enumerate(findings, start=1))
    last_row: dict[tuple[str, ...], int] = {}
    for r, row in enumerate(rows):
        if row.path:
            for k in range(1, len(row.path) + 1):
                last_row[row.path[:k]] = r
    after: dict[int, dict[tuple[str, ...], list[tuple[int, Finding]]]] = {}
    unplaced = []
    for n, finding in numbered:
        at = last_row.get(tuple(finding.path)) if finding.path else None
        if at is None:
            unplaced.append((n, finding))
        else:
            after.setdefault(at, {}).setdefault(tuple(finding.path), []).append((n, finding))
    if not after:
        return list(rows), unplaced

    covering = _covering(rows, columns, set(after))
    extra: dict[tuple[int, int], int] = {}
    notes: dict[int, list[Notes]] = {}
    for r, by_path in after.items():
        for path in sorted(by_path, key=len, reverse=True):  # the leaf's first, then its groups'
            inside = [
                c
                for c in covering[r]
                if c.last > r or _is_ancestor(rows[c.row].cells[c.cell].path, path)
            ]
            for c in inside:
                extra[c.row, c.cell] = extra.get((c.row, c.cell), 0) + 1
            start = max((c.end for c in inside), default=0)
            notes.setdefault(r, []).append(
                Notes(tuple(by_path[path]), start, columns - start, path)
            )

    lengthened = {r for r, _ in extra}
    out: list[Row | Notes] = []
    for r, row in enumerate(rows):
        if r in lengthened:
            cells = tuple(
                cell._replace(rowspan=cell.rowspan + extra.get((r, i), 0))
                for i, cell in enumerate(row.cells)
            )
            row = row._replace(cells=cells)
        out.append(row)
        if r in notes:
            out.extend(notes[r])
    return out, unplaced


def _is_ancestor(named: tuple[str, ...] | None, path: tuple[str, ...]) -> bool:
    return named is not None and len(named) < len(path) and path[: len(named)] == named


def _covering(rows: Sequence[Row], columns: int, wanted: set[int]) -> dict[int, list[_Placed]]:
    """For each row in ``wanted``, the cells that cover it and may be lengthened: those
    spanning down into it or below it, and its own that name an indicator. Columns are counted
    past the cells spanning down from rows above."""
    covering: dict[int, list[_Placed]] = {}
    busy_until = [-1] * columns  # per column, the last row a cell spanning down covers
    spanning: list[_Placed] = []  # cells of rows above that reach further down
    last = max(wanted)
    for r, row in enumerate(rows):
        if r > last:
            break
        mine = None
        if r in wanted:
            spanning = [c for c in spanning if c.last >= r]
            mine = covering[r] = list(spanning)
        col = 0
        for i, cell in enumerate(row.cells):
            while col < columns and busy_until[col] >= r:
                col += 1
            end = min(col + cell.colspan, columns)
            # only cells that name an indicator or span down can be lengthened
            if cell.rowspan > 1 or (mine is not None and cell.path is not None):
                placed = _Placed(r, i, col, end, r + cell.rowspan - 1)
                if mine is not None:
                    mine.append(placed)
                if cell.rowspan > 1:
                    spanning.append(placed)
                    for k in range(col, end):
                        busy_until[k] = placed.last
            col = end
    return covering
