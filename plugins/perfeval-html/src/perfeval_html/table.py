"""The 评分表 as rows of cells: the only module that knows how a scorecard becomes a table.

Everything else on the project page — findings at their rows, the rule's score beside the score
of record, the row anchors — works on what this module returns: rows of cells with their spans,
each row with the indicator path it shows, each name cell with the indicator it names. The
columns are those of the Word and Excel 评分表 (the seed's form): 一级指标, 二级指标,
三级指标, 年初指标值, 实际完成值, 分值, 得分, 评分依据, under two header rows, the 一级 and 二级
cells spanning their leaves' rows, and a 总计 row. Trees of other depths use the same columns:
names below the 二级 are joined into the 三级 column (``培训 › 培训人次``); a leaf directly
under a 一级 spans the 二级 and 三级 columns; a leaf (or an empty group) at the top spans all
three.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Literal, NamedTuple

from perfeval_core import GroupScore, LeafScore, Scorecard, format_number

Align = Literal["left", "center"]
#: What a cell holds: the page styles and finds cells by it (the score cell, the names).
Role = Literal["heading", "name", "target", "actual", "weight", "score", "basis", "total"]
Kind = Literal["head", "body", "total"]

#: The number of grid columns.
COLUMNS = 8
LEVEL_HEADINGS = ("一级指标", "二级指标", "三级指标")
JOIN = " › "


class Cell(NamedTuple):
    """One table cell as drawn: text, spans, whether it is a header cell (and its scope),
    alignment, its role, the exact number it shows (weights, scores) and, for a name cell,
    the indicator it names."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    role: Role = "heading"
    header: bool = False
    scope: Literal["col", "row"] | None = None
    align: Align = "center"
    number: Decimal | None = None
    path: tuple[str, ...] | None = None


class Row(NamedTuple):
    """A table row: the cells that start in it (a cell spanning down from above is not
    repeated), its kind, and the indicator it shows (a leaf, or a group without leaves)."""

    cells: tuple[Cell, ...]
    kind: Kind = "body"
    path: tuple[str, ...] | None = None


def rows(card: Scorecard) -> list[Row]:
    """The whole table: the two header rows, one row per leaf, the 总计 row."""
    return [*_header(), *_body(card), _total(card)]


def _header() -> list[Row]:
    def col(text: str, *, colspan: int = 1, rowspan: int = 1) -> Cell:
        return Cell(text, colspan, rowspan, header=True, scope="col")

    first = (
        col("评价指标", colspan=3),
        col("年初指标值", rowspan=2),
        col("实际完成值", rowspan=2),
        col("分值", rowspan=2),
        col("得分", rowspan=2),
        col("评分依据", rowspan=2),
    )
    second = tuple(col(h) for h in LEVEL_HEADINGS)
    return [Row(first, "head"), Row(second, "head")]


def _entries(card: Scorecard) -> list[tuple[tuple[str, ...], GroupScore | LeafScore]]:
    """One entry per leaf in document order (and one per group left without any leaf)."""

    def walk(
        node: GroupScore | LeafScore,
    ) -> Iterator[tuple[tuple[str, ...], GroupScore | LeafScore]]:
        if isinstance(node, GroupScore) and node.children:
            for child in node.children:
                yield from walk(child)
        else:
            yield node.path, node

    return [e for level in card.levels for e in walk(level)]


def _span(entries: list[tuple[tuple[str, ...], GroupScore | LeafScore]], n: int, depth: int) -> int:
    """How many consecutive entries from ``n`` share the first ``depth`` names (and go deeper)."""
    prefix = entries[n][0][:depth]
    count = 0
    for path, _ in entries[n:]:
        if len(path) <= depth or path[:depth] != prefix:
            break
        count += 1
    return count


def _body(card: Scorecard) -> list[Row]:
    entries = _entries(card)
    out = []
    for n, (path, node) in enumerate(entries):
        leaf_align: Align = "left" if isinstance(node, LeafScore) else "center"
        cells: list[Cell] = []
        # the 一级 and 二级 cells start on the first row of their indicator and span its rows
        for depth in (1, 2):
            if len(path) <= depth:
                break
            first = n == 0 or entries[n - 1][0][:depth] != path[:depth]
            if first:
                cells.append(_name(path[depth - 1], path[:depth], rowspan=_span(entries, n, depth)))
        if len(path) == 1:
            cells.append(_name(path[0], path, colspan=3, align=leaf_align))
        elif len(path) == 2:
            cells.append(_name(path[1], path, colspan=2, align=leaf_align))
        else:
            cells.append(_name(JOIN.join(path[2:]), path, align="left"))
        cells.extend(_values(node))
        out.append(Row(tuple(cells), "body", path))
    return out


def _name(
    text: str, path: tuple[str, ...], *, rowspan: int = 1, colspan: int = 1, align: Align = "center"
) -> Cell:
    return Cell(
        text.strip(),
        colspan=colspan,
        rowspan=rowspan,
        role="name",
        header=True,
        scope="row",
        align=align,
        path=path,
    )


def _values(node: GroupScore | LeafScore) -> list[Cell]:
    leaf = node if isinstance(node, LeafScore) else None
    return [
        Cell(leaf.target_text.strip() if leaf else "", role="target"),
        Cell(leaf.actual_text.strip() if leaf else "", role="actual"),
        Cell(format_number(node.weight), role="weight", number=node.weight),
        Cell(
            format_number(node.score) if node.score is not None else "",
            role="score",
            number=node.score,
        ),
        Cell((node.indicator.basis or "").strip(), role="basis", align="left"),
    ]


def _total(card: Scorecard) -> Row:
    """总计: the points of the table (card.max) and the total scored (card.total)."""
    return Row(
        (
            Cell("总计", colspan=5, role="total", header=True, scope="row"),
            Cell(format_number(card.max), role="weight", number=card.max),
            Cell(format_number(card.total), role="score", number=card.total),
            Cell(role="basis"),
        ),
        "total",
    )
