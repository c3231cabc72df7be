"""The 评分表 as rows and merged ranges, independent of any spreadsheet library.

One row per leaf (三级指标), in document order. A group (一级, 二级 …) covers the rows of its
leaves: its cell is merged vertically over them. A leaf that sits higher than the deepest level
(a leaf directly under a 一级 in a three-level table) spans the indicator columns to its right,
so the indicator columns always end with the scored indicator. A group without any leaf (an
empty 产出指标, say) gets a row of its own with its points and score.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from perfeval_core import GroupScore, LeafScore, Scorecard


@dataclass(frozen=True, slots=True)
class Row:
    """One table row: the indicator named at column ``level`` (0 = 一级), its values."""

    level: int
    name: str
    target: str
    actual: str
    weight: Decimal
    score: Decimal | None
    basis: str
    leaf: LeafScore | None


@dataclass(frozen=True, slots=True)
class Span:
    """A group's cell: column ``level``, rows ``first``..``last`` (indices into the rows)."""

    level: int
    first: int
    last: int
    name: str


@dataclass(frozen=True, slots=True)
class Table:
    depth: int
    rows: tuple[Row, ...]
    spans: tuple[Span, ...]


def build_table(card: Scorecard) -> Table:
    rows: list[Row] = []
    spans: list[Span] = []

    def walk(node: GroupScore | LeafScore, level: int) -> None:
        if isinstance(node, LeafScore):
            ind = node.indicator
            rows.append(
                Row(
                    level,
                    ind.name,
                    node.target_text,
                    node.actual_text,
                    node.weight,
                    node.score,
                    ind.basis or "",
                    node,
                )
            )
            return
        first = len(rows)
        for child in node.children:
            walk(child, level + 1)
        if len(rows) == first:  # a group with nothing to score below it
            rows.append(Row(level, node.name, "", "", node.weight, node.score, "", None))
        else:
            spans.append(Span(level, first, len(rows) - 1, node.name))

    for top in card.levels:
        walk(top, 0)
    depth = max((r.level + 1 for r in rows), default=1)
    spans.sort(key=lambda s: (-s.level, s.first))  # deepest first: heights settle inside-out
    return Table(depth, tuple(rows), tuple(spans))
