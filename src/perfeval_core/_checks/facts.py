"""2xx: the project's facts and the structure of the table — required facts, required 一级,
duplicate leaves."""

from __future__ import annotations

from collections.abc import Iterator

from .._model.scoring import Scorecard
from .._model.tree import show_path
from .base import CheckSet, Severity

CHECKS = CheckSet()
Found = Iterator[tuple[tuple[str, ...], str]]


@CHECKS.add(
    "E201",
    "required-facts",
    Severity.ERROR,
    "a required project fact (填报单位, 项目名称, 项目实施年度) is missing",
    label="缺少项目基本信息",
)
def _required_facts(card: Scorecard) -> Found:
    project = card.evaluation.project
    for key, label in (("unit", "填报单位"), ("name", "项目名称"), ("year", "项目实施年度")):
        value = getattr(project, key)
        if value is None or (isinstance(value, str) and not value.strip()):
            yield (), f"project.{key} ({label}) is missing"


#: The 一级 indicators a self-evaluation must have (财预〔2020〕10号 自评表: 产出, 效益, 满意度),
#: matched by the start of the 一级 name (产出指标, 效益指标, 满意度指标 …).
REQUIRED_LEVEL1: tuple[str, ...] = ("产出", "效益", "满意度")


def required_level1(card: Scorecard) -> tuple[str, ...]:
    """The 一级 an evaluation must have: the framework's ``review.required`` when it sets them;
    else those of :data:`REQUIRED_LEVEL1` that its framework has (a framework that sets 一级
    decides what its form holds: the 10号 department framework has no 满意度 一级), or all of
    them when the framework sets no 一级 at all."""
    required = card.evaluation.framework.review.required
    if required is not None:
        return required
    names = [i.name.strip() for i in card.evaluation.framework.indicators]
    if not names:
        return REQUIRED_LEVEL1
    return tuple(p for p in REQUIRED_LEVEL1 if any(n.startswith(p) for n in names))


@CHECKS.add(
    "W202",
    "required-level1",
    Severity.WARNING,
    "a required 一级 indicator (产出, 效益, 满意度) is missing",
    label="缺少必备一级指标",
)
def _required_level1(card: Scorecard) -> Found:
    names = [lv.indicator.name.strip() for lv in card.levels]
    for prefix in required_level1(card):
        if not any(n.startswith(prefix) for n in names):
            yield (
                (),
                (
                    f"no 一级 indicator for {prefix} (a self-evaluation has 产出, 效益 and "
                    f"满意度); the 一级 are: {'、'.join(names) or 'none'}"
                ),
            )


@CHECKS.add(
    "W203",
    "duplicate-leaf",
    Severity.WARNING,
    "the same leaf (三级指标) name appears twice in the table",
    label="三级指标重复",
)
def _duplicate_leaf(card: Scorecard) -> Found:
    first: dict[str, tuple[str, ...]] = {}
    for leaf in card.leaves:
        name = leaf.indicator.name.strip()
        if name in first:
            yield (
                leaf.path,
                (
                    f"the same indicator appears at {show_path(first[name])}; "
                    "rename one or remove the duplicate"
                ),
            )
        else:
            first[name] = leaf.path
