"""The 评分表 as a grid of cells, before any Word markup: which text goes where, what spans what.

The seed's table has eight columns — 一级指标, 二级指标, 三级指标, 年初指标值, 实际完成值, 分值,
得分,
评分依据 — under two header rows, one row per leaf (三级指标), the 一级 and 二级 cells merged down
over their leaves, and a 总计 row. Trees of other depths are laid out in the same columns:

* deeper than three levels: the names below the 二级 are joined into the 三级 column with " › ";
* a leaf directly under a 一级: its name spans the 二级 and 三级 columns;
* a leaf (or an empty group) at the top: its name spans all three indicator columns.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal, NamedTuple

from perfeval_core import GroupScore, LeafScore, Scorecard

from .text import clean, number

Merge = Literal["restart", "continue"] | None
Align = Literal["center", "left"]

HEADINGS = ("评价指标", "年初指标值", "实际完成值", "分值", "得分", "评分依据")
LEVEL_HEADINGS = ("一级指标", "二级指标", "三级指标")
TOTAL = "总计"
JOIN = " › "


class Cell(NamedTuple):
    """One table cell: its text, the grid columns it spans and its part in a vertical merge.

    Only the first cell of a vertical merge (``merge == "restart"``) carries text; the cells it
    covers (``"continue"``) are empty.
    """

    text: str = ""
    span: int = 1
    merge: Merge = None
    align: Align = "center"


class Row(NamedTuple):
    """A table row; ``header`` rows repeat on every page; a ``keep_with_next`` row stays on the
    page of what follows the table (the 总计 row and the grade line)."""

    cells: tuple[Cell, ...]
    header: bool = False
    keep_with_next: bool = False


class Entry(NamedTuple):
    """A table line of the tree: the indicators from the 一级 down, and their positions."""

    names: tuple[str, ...]
    position: tuple[int, ...]
    node: GroupScore | LeafScore


def header_rows() -> list[Row]:
    """The two header rows: 评价指标 over the three levels; the value columns merged down."""
    first = [Cell(HEADINGS[0], span=3)] + [Cell(h, merge="restart") for h in HEADINGS[1:]]
    second = [Cell(h) for h in LEVEL_HEADINGS] + [Cell(merge="continue")] * (len(HEADINGS) - 1)
    return [Row(tuple(first), header=True), Row(tuple(second), header=True)]


def entries(card: Scorecard) -> list[Entry]:
    """One entry per leaf in document order (and one per group left without any leaf)."""

    def walk(
        node: GroupScore | LeafScore, names: tuple[str, ...], index: tuple[int, ...]
    ) -> Iterator[Entry]:
        names = (*names, clean(node.indicator.name).strip())
        if isinstance(node, GroupScore) and node.children:
            for i, child in enumerate(node.children):
                yield from walk(child, names, (*index, i))
        else:
            yield Entry(names, index, node)

    return [e for i, level in enumerate(card.levels) for e in walk(level, (), (i,))]


def body_rows(card: Scorecard) -> list[Row]:
    """The leaf rows, 一级 and 二级 merged down over consecutive rows of the same indicator."""
    found = entries(card)
    # identity of the merged cell in each of the first two columns (None: a cell of its own)
    keys = [
        (
            e.position[:1] if len(e.names) >= 2 else None,
            e.position[:2] if len(e.names) >= 3 else None,
        )
        for e in found
    ]
    rows = []
    for n, entry in enumerate(found):
        names = entry.names
        leaf: Align = "left" if isinstance(entry.node, LeafScore) else "center"  # leaves: left
        if len(names) == 1:
            cells = [Cell(names[0], span=3, align=leaf)]
        elif len(names) == 2:
            cells = [_merged(names[0], keys, n, 0), Cell(names[1], span=2, align=leaf)]
        else:
            cells = [
                _merged(names[0], keys, n, 0),
                _merged(names[1], keys, n, 1),
                Cell(JOIN.join(names[2:]), align="left"),
            ]
        cells.extend(_values(entry.node))
        rows.append(Row(tuple(cells)))
    return rows


def total_row(card: Scorecard) -> Row:
    """总计: the points of the table (card.max) and the total scored (card.total)."""
    return Row(
        (Cell(TOTAL, span=5), Cell(number(card.max)), Cell(number(card.total)), Cell()),
        keep_with_next=True,
    )


def grade_line(card: Scorecard) -> str:
    """The line below the table: ``评价等级：优``."""
    return f"评价等级：{clean(card.grade_label)}"


def rows(card: Scorecard) -> list[Row]:
    """The whole table: header rows, leaf rows, 总计."""
    return [*header_rows(), *body_rows(card), total_row(card)]


def _merged(text: str, keys: Sequence[tuple[object, object]], n: int, column: int) -> Cell:
    key = keys[n][column]
    if key is None:
        return Cell(text)
    first = n == 0 or keys[n - 1][column] != key
    alone = first and (n + 1 == len(keys) or keys[n + 1][column] != key)
    if alone:
        return Cell(text)
    return Cell(text, merge="restart") if first else Cell(merge="continue")


def _values(node: GroupScore | LeafScore) -> list[Cell]:
    ind = node.indicator
    leaf = node if isinstance(node, LeafScore) else None
    target = clean(leaf.target_text).strip() if leaf else ""
    actual = clean(leaf.actual_text).strip() if leaf else ""
    return [
        Cell(target),
        Cell(actual),
        Cell(number(node.weight)),
        Cell(number(node.score)),
        Cell(clean(ind.basis).strip(), align="left"),
    ]
