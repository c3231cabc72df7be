"""The grade distribution (等级分布) as an inline SVG bar chart: readable without JavaScript,
each bar as long as its count (the longest is the largest count), its count written beside it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

#: Bar colours, best grade first (each at least 3:1 against white).
COLOURS = ("#137333", "#1a5fb4", "#9a5b00", "#b3261e", "#5f6368", "#6a3d9a")
LABEL_WIDTH = 64
BAR_WIDTH = 360
ROW_HEIGHT = 30
BAR_HEIGHT = 20
TEXT_WIDTH = 150


class Bar(NamedTuple):
    label: str
    projects: int
    width: Decimal  # in SVG units
    y: int
    share: str  # of all projects, in %, one place
    colour: str
    link: str | None


class Chart(NamedTuple):
    bars: tuple[Bar, ...]
    width: int
    height: int
    description: str


def chart(grades: Sequence[tuple[str, int]], links: Sequence[str | None]) -> Chart:
    """Bars for ``(grade, count)`` in order, each linking to ``links[i]`` (None: no link)."""
    total = sum(n for _, n in grades)
    largest = max((n for _, n in grades), default=0)
    bars = []
    for i, ((label, n), link) in enumerate(zip(grades, links, strict=True)):
        width = _round(Decimal(n * BAR_WIDTH) / largest, "0.01") if largest else Decimal(0)
        share = _round(Decimal(n * 100) / total, "0.1") if total else Decimal(0)
        bars.append(
            Bar(label, n, width, 4 + i * ROW_HEIGHT, f"{share}", COLOURS[i % len(COLOURS)], link)
        )
    description = "，".join(f"{b.label} {b.projects} 项" for b in bars)
    return Chart(
        tuple(bars), LABEL_WIDTH + BAR_WIDTH + TEXT_WIDTH, 8 + len(bars) * ROW_HEIGHT, description
    )


def _round(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)
