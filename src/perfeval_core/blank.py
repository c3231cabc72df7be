"""A blank evaluation for a framework: every leaf listed with an empty actual, ready to fill in."""

from __future__ import annotations

from .framework import Framework
from .spec import EvaluationSpec, IndicatorSpec, NarrativeSpec, ProjectSpec, SectionSpec
from .tomlio import dumps
from .tree import Indicator

SECTIONS = ("一、项目概况", "二、评价情况", "三、项目绩效", "四、存在问题", "五、整改措施")

HEADER = """\
# A blank evaluation for framework {id} ({title}).
# Fill in [project], the narrative, and for every leaf its actual value (实际完成值) and score
# (得分); add a basis (评分依据) wherever points are deducted. Groups without leaves take the
# project's own indicators, e.g.
#   [[indicators.children]]
#   name = "数量指标"
#   children = [ {{ name = "培训人数", target = "≥300人次", weight = 6, actual = "", score = 0 }} ]
# Then: perfeval check THIS_FILE   (docs/formats.md lists every key)

"""


def blank_spec(framework: Framework) -> EvaluationSpec:
    """The blank evaluation as a spec: project placeholders, five sections, every leaf."""
    return EvaluationSpec(
        framework=framework.id,
        project=ProjectSpec(name="", unit="", year=None, start="", end=""),
        narrative=NarrativeSpec(sections=tuple(SectionSpec(h) for h in SECTIONS)),
        indicators=tuple(_blank(i) for i in framework.indicators))


def _blank(ind: Indicator) -> IndicatorSpec:
    if ind.is_group:
        return IndicatorSpec(ind.name, children=tuple(_blank(c) for c in ind.children))
    return IndicatorSpec(ind.name, actual="")


def blank_evaluation(framework: Framework) -> str:
    """TOML text of :func:`blank_spec` with a comment header explaining what to fill in."""
    return HEADER.format(id=framework.id, title=framework.title) + dumps(blank_spec(framework))
