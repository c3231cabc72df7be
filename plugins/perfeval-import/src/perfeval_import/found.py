"""What the recogniser finds in a document, before it is mapped onto a framework: per project,
the header fields, the budget block, the indicator rows, the total and the narrative — each
value with the place it was read from (a :class:`~.grid.Location`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from perfeval_core import ImportFinding

from .grid import Location


@dataclass(slots=True)
class Value:
    """A value read from the source: its text (cleaned for what it is), where it was, and what
    the file stores there."""

    text: str
    location: Location
    raw: object = None


@dataclass(slots=True)
class Row:
    """A row of the indicator grid: the names from the 一级 down (``names``; the last is the
    leaf's, unless ``slot``), and the values of the row by field (``target``, ``actual``,
    ``weight`` …). A ``slot`` is a group named with no indicator under it (an empty 二级)."""

    names: list[Value]
    values: dict[str, Value]
    location: Location
    slot: bool = False
    points: list[Decimal | None] = field(default_factory=list)  # per name: 产出指标（50分）


@dataclass(slots=True)
class Budget:
    """The budget block: the money unit, and per row (``total``, ``fiscal`` …) its figures by
    field (``initial``, ``adjusted``, ``executed``, ``rate``, ``points``, ``score``)."""

    location: Location
    unit: Value | None = None
    lines: dict[str, dict[str, Value]] = field(default_factory=dict)
    reason: Value | None = None
    columns: tuple[str, ...] = ()


@dataclass(slots=True)
class Section:
    """A narrative section: heading, paragraphs, sub-sections."""

    heading: Value
    paragraphs: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


@dataclass
class Found:
    """One project as found in a document."""

    start: Location
    source: str
    fields: dict[str, Value] = field(default_factory=dict)
    budget: Budget | None = None
    columns: tuple[str, ...] = ()  # the grid's fields, in column order
    rows: list[Row] = field(default_factory=list)
    total: Value | None = None
    max: Value | None = None
    narrative: str | None = None  # 情况表 or 自评报告
    title: Value | None = None
    report_title: Value | None = None  # a 自评报告's own title
    sections: list[Section] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)  # compact labels seen: for the form choice
    titles: list[str] = field(default_factory=list)  # the kinds of the titles seen
    findings: list[ImportFinding] = field(default_factory=list)
    grid_done: bool = False
    in_narrative: bool = False  # reading a narrative part (情况表 / 自评报告)

    @property
    def empty(self) -> bool:
        return not (self.fields or self.budget or self.rows or self.sections or self.title)

    @property
    def has_grid(self) -> bool:
        return bool(self.columns)

    def note(self, message: str, location: Location | None = None, kind: str = "note") -> None:
        self.findings.append(ImportFinding(message, str(location) if location else "", kind))

    @property
    def declaration(self) -> bool:
        """A 绩效目标申报表: targets and weights, no actual and no score column."""
        if any(t in ("申报表", "目标表") for t in self.titles):
            return True
        return self.has_grid and "actual" not in self.columns and "score" not in self.columns
