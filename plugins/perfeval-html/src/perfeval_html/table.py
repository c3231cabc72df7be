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

import functools
from decimal import Decimal
from typing import Literal, NamedTuple, TypeGuard

from perfeval_core import GroupScore, LeafScore, Scorecard, format_number

Align = Literal["left", "center"]
#: What a cell holds: the page styles and finds cells by it (the score cell, the names).
Role = Literal["heading", "name", "target", "actual", "weight", "score", "basis", "total"]
Kind = Literal["head", "body", "total"]

#: The number of grid columns.
COLUMNS = 8
#: What each column holds, for its width (``col.c-level`` … in site.css).
COLUMN_KINDS = ("level", "level", "leaf", "value", "value", "number", "number", "basis")
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


def title(card: Scorecard) -> str:
    """The table's title, as the form heads it: 项目支出绩效自我评价评分表（2024年）."""
    year = card.evaluation.project.year
    return f"项目支出绩效自我评价评分表{f'（{year}年）' if year else ''}"


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


def _body(card: Scorecard) -> list[Row]:
    """One row per leaf in document order (and one per group left without any leaf); the 一级
    and 二级 cells start on the first row of their indicator and span its rows."""
    out: list[Row] = []
    for level in card.levels:
        if not _branches(level):
            alone = (_name(level.path, colspan=3, align=_align(level)), *_values(level))
            out.append(Row(alone, "body", level.path))
            continue
        parts = [(child, _rows(child) if _branches(child) else None) for child in level.children]
        top: Cell | None = _name(
            level.path[:1], rowspan=sum(len(rows) if rows else 1 for _, rows in parts)
        )
        for child, rows in parts:
            if rows is None:  # a leaf directly under the 一级: over 二级 and 三级
                cells = [top] if top else []
                cells.append(_name(child.path, colspan=2, align=_align(child)))
                out.append(Row((*cells, *_values(child)), "body", child.path))
                top = None
                continue
            middle: Cell | None = _name(child.path[:2], rowspan=len(rows))
            for node in rows:
                cells = [c for c in (top, middle) if c is not None]
                cells.append(_name(node.path, text=JOIN.join(node.path[2:]), align="left"))
                out.append(Row((*cells, *_values(node)), "body", node.path))
                top = middle = None
    return out


def _branches(node: GroupScore | LeafScore) -> TypeGuard[GroupScore]:
    """True for a group with children (it gets a cell over its rows)."""
    return isinstance(node, GroupScore) and bool(node.children)


def _rows(node: GroupScore | LeafScore) -> list[GroupScore | LeafScore]:
    """The nodes under ``node`` that get a row: leaves, and groups without children."""
    if not _branches(node):
        return [node]
    return [row for child in node.children for row in _rows(child)]


def _align(node: GroupScore | LeafScore) -> Align:
    return "left" if isinstance(node, LeafScore) else "center"


def _name(
    path: tuple[str, ...],
    *,
    text: str | None = None,
    rowspan: int = 1,
    colspan: int = 1,
    align: Align = "center",
) -> Cell:
    """The cell naming the indicator at ``path`` (its name, or ``text``)."""
    name = (path[-1] if text is None else text).strip()
    return Cell(name, colspan, rowspan, "name", True, "row", align, None, path)


#: Numbers as shown (``format_number``), remembered: a batch has few distinct weights and scores.
_shown = functools.lru_cache(maxsize=1024)(format_number)


def _values(node: GroupScore | LeafScore) -> tuple[Cell, ...]:
    leaf = node if isinstance(node, LeafScore) else None
    score = node.score
    return (
        Cell(leaf.target_text.strip() if leaf else "", 1, 1, "target"),
        Cell(leaf.actual_text.strip() if leaf else "", 1, 1, "actual"),
        Cell(_shown(node.weight), 1, 1, "weight", False, None, "center", node.weight),
        Cell(
            _shown(score) if score is not None else "",
            1,
            1,
            "score",
            False,
            None,
            "center",
            score,
        ),
        Cell((node.indicator.basis or "").strip(), 1, 1, "basis", False, None, "left"),
    )


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
