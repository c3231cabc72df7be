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
    required: tuple[str, ...] | None = None


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
    #: The id of the form (表样) its evaluations are exported in by default (docs/forms.md).
    form: str | None = None
    indicators: tuple[IndicatorSpec, ...] = ()


@attrs.frozen
class ProjectSpec:
    """The project's facts: 填报单位, 项目名称, 项目实施年度, start and end month."""

    name: str
    unit: str | None = None
    year: int | None = None
    start: str | None = None
    end: str | None = None
    #: 主管部门: the department the project comes under.
    department: str | None = None
    #: 实施单位: the unit carrying the project out (beside 填报单位, the unit filling the form in).
    implementer: str | None = None
    #: 项目实施内容 (四川: 项目实施内容及过程概述): what was done, in a few sentences.
    content: str | None = None
    #: 项目编码: the project's code in the budget system, as written (digits kept as text).
    code: str | None = None


@attrs.frozen
class BudgetRowSpec:
    """One source of the money (a 其中 row of the budget block): its three figures."""

    initial: Amount | None = None  # 年初预算数
    adjusted: Amount | None = None  # 全年预算数 / 调整后预算数
    executed: Amount | None = None  # 全年执行数 / 预算执行数


@attrs.frozen
class BudgetSourcesSpec:
    """The budget by source of the money; the total row (年度资金总额) is their sum."""

    fiscal: BudgetRowSpec | None = None  # 当年财政拨款 (四川: 财政资金)
    carryover: BudgetRowSpec | None = None  # 上年结转资金
    special_account: BudgetRowSpec | None = None  # 财政专户管理资金
    own: BudgetRowSpec | None = None  # 单位资金
    other: BudgetRowSpec | None = None  # 其他资金


@attrs.frozen
class BudgetSpec:
    """Budget figures (预算资金) from which formula leaves compute.

    ``initial``, ``adjusted`` and ``executed`` are the total row (年度资金总额); ``sources`` the
    rows of its parts; ``fiscal``, ``carryover`` and ``other`` the older shorthand for a part's
    全年预算数.
    """

    unit: str = "万元"
    initial: Amount | None = None
    adjusted: Amount | None = None
    received: Amount | None = None
    executed: Amount | None = None
    fiscal: Amount | None = None
    carryover: Amount | None = None
    other: Amount | None = None
    #: Why the execution rate is low (四川: 原因, required below 90 %).
    reason: str | None = None
    sources: BudgetSourcesSpec | None = None


@attrs.frozen
class GoalSpec:
    """年度总体目标: the goal set for the year and what was achieved."""

    target: str | None = None  # 预期目标 (四川: 项目年度目标)
    actual: str | None = None  # 实际完成情况 (四川: 年度目标完成情况)


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
    #: The form (表样) to export in, overriding the framework's (an id, or a .toml path).
    form: str | None = None
    goal: GoalSpec | None = None
    budget: BudgetSpec | None = None
    narrative: NarrativeSpec | None = None
    indicators: tuple[IndicatorSpec, ...] = ()
