"""A blank evaluation for a framework: every leaf listed with an empty actual, ready to fill in."""

from __future__ import annotations

from ._io.tomlwriter import dumps
from ._loading.rulebook import build_rule
from ._model.framework import Framework
from ._model.spec import EvaluationSpec, IndicatorSpec, NarrativeSpec, ProjectSpec, SectionSpec
from ._model.tree import Indicator, iter_leaves
from ._plugins.host import registry_or_default
from ._plugins.registry import Registry

SECTIONS = ("一、项目概况", "二、评价情况", "三、项目绩效", "四、存在问题", "五、整改措施")

HEADER = """\
# A blank evaluation for framework {id} ({title}).
# Fill in [project] (and add year = 2025, the 项目实施年度), the narrative, and for every leaf
# its actual value (实际完成值) and score (得分); add a basis (评分依据) wherever points are
# deducted. Groups without leaves take the project's own indicators, e.g.
#   [[indicators.children]]
#   name = "数量指标"
#   children = [ {{ name = "培训人数", target = "≥300人次", weight = 6, actual = "330人次" }} ]
# (a leaf without score gets its rule's score; write score = … to record your own)
# Then: perfeval check THIS_FILE   (docs/formats.md lists every key)

"""


BUDGET = """\
[budget]                 # the figures the formula leaves (预算执行率 …) are computed from
unit = "万元"
initial = 0              # 年初预算数
adjusted = 0             # 全年预算数 (调整后预算数)
received = 0             # 实际到位资金
executed = 0             # 全年执行数
"""


def blank_spec(framework: Framework, registry: Registry | None = None) -> EvaluationSpec:
    """The blank evaluation as a spec: project placeholders, five sections, every leaf with an
    empty actual (formula leaves, computed from the budget figures, have none to fill in)."""
    return EvaluationSpec(
        framework=framework.id,
        project=ProjectSpec(name="", unit="", year=None, start="", end=""),
        narrative=NarrativeSpec(sections=tuple(SectionSpec(h) for h in SECTIONS)),
        indicators=tuple(
            _blank(i, (), registry_or_default(registry)) for i in framework.indicators
        ),
    )


def _blank(ind: Indicator, parent: tuple[str, ...], registry: Registry) -> IndicatorSpec:
    path = (*parent, ind.name)
    if ind.is_group:
        return IndicatorSpec(
            ind.name, children=tuple(_blank(c, path, registry) for c in ind.children)
        )
    return IndicatorSpec(ind.name, actual=None if _is_formula(ind, path, registry) else "")


def _is_formula(leaf: Indicator, path: tuple[str, ...], registry: Registry) -> bool:
    return build_rule(leaf.rule, path, registry).computes_actual


def blank_evaluation(framework: Framework, registry: Registry | None = None) -> str:
    """TOML text of :func:`blank_spec` with a comment header explaining what to fill in, and a
    ``[budget]`` table to fill in when the framework has formula leaves."""
    registry = registry_or_default(registry)
    text = dumps(blank_spec(framework, registry))
    if any(_is_formula(leaf, path, registry) for path, leaf in iter_leaves(framework.indicators)):
        text = text.replace("\n[[indicators]]", "\n" + BUDGET + "\n[[indicators]]", 1)
    return HEADER.format(id=framework.id, title=framework.title) + text
