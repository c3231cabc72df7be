"""The TOML documents as attrs classes: what a framework or an evaluation file says, key by key.

These classes mirror docs/formats.md exactly. Merging (an evaluation over its framework) happens
in :mod:`.tree`; reading and writing in the ``_io`` package.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NewType

import attrs

RuleSpec = str | dict[str, Any]
#: Points and money (weights, scores, totals, budget figures): a Decimal that is never negative.
Amount = NewType("Amount", Decimal)


@attrs.frozen
class IndicatorSpec:
    """One indicator (指标) as written: a group when it has ``children``, else a leaf."""

    name: str
    weight: Amount | None = None
    children: tuple[IndicatorSpec, ...] | None = None
    target: str | None = None
    unit: str | None = None
    comparator: str | None = None
    rule: RuleSpec | None = None
    description: str | None = None
    actual: str | None = None
    score: Amount | None = None
    basis: str | None = None
    drop: bool = False
    replaces: str | None = None
    before: str | None = None
    #: true: the indicator does not apply; false: it does (an optional item a framework marks
    #: not applicable, picked by the evaluation); not written: as inherited
    not_applicable: bool | None = None


@attrs.frozen
class SettingsDropSpec:
    """``[settings.drop]``: inherited wordings this framework does not accept."""

    equivalents: tuple[str, ...] | None = None
    met: tuple[str, ...] | None = None
    not_met: tuple[str, ...] | None = None


@attrs.frozen
class SettingsSpec:
    """Scoring settings a framework chooses (see docs/scoring.md)."""

    places: int | None = None
    rounding: str | None = None
    reverse: str | None = None
    overachievement: Decimal | None = None
    equivalents: tuple[tuple[str, ...], ...] | None = None
    met: tuple[str, ...] | None = None
    not_met: tuple[str, ...] | None = None
    qualitative_bands: tuple[Decimal, ...] | None = None
    reallocate: str | None = None
    drop: SettingsDropSpec | None = None


@attrs.frozen
class ReviewSpec:
    """Review rules of a province a framework switches on (see docs/checks.md, W601–E604)."""

    reason_below: Decimal | None = None
    reason_max_chars: int | None = None
    flag_at: Decimal | None = None
    flag_off_target: bool | None = None
    cost_cap: Amount | None = None
    cost_group: str | None = None


@attrs.frozen
class FrameworkSpec:
    """A framework file (frameworks/*.toml)."""

    id: str
    title: str = ""
    description: str = ""
    source: str = ""
    extends: str | None = None
    total: Amount | None = None
    policy: str | None = None
    settings: SettingsSpec | None = None
    review: ReviewSpec | None = None
    indicators: tuple[IndicatorSpec, ...] = ()


@attrs.frozen
class ProjectSpec:
    """The project's facts: 填报单位, 项目名称, 项目实施年度, start and end month."""

    name: str
    unit: str | None = None
    year: int | None = None
    start: str | None = None
    end: str | None = None


@attrs.frozen
class BudgetSpec:
    """Budget figures (预算资金) from which formula leaves compute."""

    unit: str = "万元"
    initial: Amount | None = None
    adjusted: Amount | None = None
    received: Amount | None = None
    executed: Amount | None = None
    fiscal: Amount | None = None
    carryover: Amount | None = None
    other: Amount | None = None


@attrs.frozen
class SectionSpec:
    """A narrative section: heading, text (paragraphs split by blank lines), sub-sections."""

    heading: str
    text: str = ""
    sections: tuple[SectionSpec, ...] = ()


@attrs.frozen
class NarrativeSpec:
    """The narrative: 情况表 (five sections) or 自评报告 (the long report with its own title)."""

    form: str = "情况表"
    title: str = ""
    sections: tuple[SectionSpec, ...] = ()


@attrs.frozen
class EvaluationSpec:
    """An evaluation file: one project, one year, on one framework."""

    framework: str
    project: ProjectSpec
    stated_total: Amount | None = None
    ignore: tuple[str, ...] = ()
    budget: BudgetSpec | None = None
    narrative: NarrativeSpec | None = None
    indicators: tuple[IndicatorSpec, ...] = ()
