"""Hypothesis strategies shared by the tests.

* values as written: :func:`numbers_as_written`, :func:`words`, :func:`placeholders`,
  :func:`values_as_written`;
* rule specs as a file writes them: :func:`rule_specs`;
* leaves and indicator trees of depth 1–4 whose weights add up: :func:`leaves`, :func:`trees`;
* whole evaluations as TOML text on a generated framework: :func:`evaluations`, written to a
  folder and loaded with :func:`load_case`.

Import with ``from strategies import …`` after putting this folder on ``sys.path`` (the suite
runs with ``--import-mode=importlib``).
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import tomli_w
from hypothesis import strategies as st

from perfeval_core._model.grading import BUILTIN_POLICIES
from perfeval_core._model.rules import BUDGET_FIGURES

D = Decimal

# -- values as written -----------------------------------------------------------------------------

COMPARATORS = (
    "",
    "",
    "",
    "≥",
    "≤",
    ">",
    "<",
    "=",
    "＞",
    "＜",
    "＝",
    ">=",
    "<=",
    "不低于",
    "不超过",
)
UNITS = ("%", "%", "人次", "次", "天", "个", "万元", "元", "万人次", "百分比", "")
WORDS = (
    "充分",
    "规范",
    "合理",
    "明确",
    "科学",
    "健全",
    "有效",
    "合规",
    "合法",
    "是",
    "否",
    "按时完成",
    "按期",
    "兑现",
    "按期兑现",
    "达成预期指标",
    "效果明显",
)
GRADES = (
    "达成年度指标",
    "部分达成年度指标并具有一定效果",
    "未达成年度指标且效果较差",
    "达成",
    "部分达成",
    "未达成",
)
SCHEDULES = ("序时", "序时进度", "按序时进度")
PLACEHOLDERS = ("", "/", "—", "-", "*", "无")


def amounts(
    min_value: int = 0, max_value: int = 1000, places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Exact decimals with at most ``places`` decimals (as a form writes them)."""
    return st.decimals(
        min_value=min_value,
        max_value=max_value,
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


def _text(number: Decimal) -> str:
    text = format(number, "f")
    return "0" if text in ("-0", "-0.0", "-0.00") else text


_AMOUNT = amounts()
_SPACE = st.sampled_from(("", "", " "))
_UNIT = st.sampled_from(UNITS)
_ACTUAL_COMPARATORS = ("", "", "", ">", "<")


def _number(draw: st.DrawFn, unit: str, comparators: tuple[str, ...]) -> str:
    comparator = comparators[draw(st.integers(0, len(comparators) - 1))]
    return f"{comparator}{_text(draw(_AMOUNT))}{draw(_SPACE)}{unit}"


@st.composite
def numbers_as_written(
    draw: st.DrawFn, units: tuple[str, ...] = UNITS, comparators: tuple[str, ...] = COMPARATORS
) -> str:
    """``"≥300 人次"``, ``"98%"``, ``"2.3万元"`` … (non-negative, up to 2 decimals)."""
    return _number(draw, units[draw(st.integers(0, len(units) - 1))], comparators)


def words() -> st.SearchStrategy[str]:
    """Qualitative answers and grades as written."""
    return st.sampled_from(WORDS + GRADES)


def placeholders() -> st.SearchStrategy[str]:
    """Cells that mean "none"."""
    return st.sampled_from(PLACEHOLDERS)


def values_as_written() -> st.SearchStrategy[str]:
    """Any value as a form writes it: a number, a word, 序时, or a placeholder."""
    return _VALUES


_VALUES = st.one_of(numbers_as_written(), words(), st.sampled_from(SCHEDULES), placeholders())
_KIND = st.sampled_from(("number", "number", "number", "word", "grade", "other"))
_NOT_A_NUMBER = st.sampled_from(SCHEDULES + PLACEHOLDERS + ("充分",))
_WORD = st.sampled_from(WORDS)
_WORD_OR_NONE = st.sampled_from(WORDS + PLACEHOLDERS)
_GRADE = st.sampled_from(GRADES)
_GRADE_OR_WORD = st.sampled_from(GRADES + WORDS[:2])


@st.composite
def target_and_actual(draw: st.DrawFn) -> tuple[str, str]:
    """A target and an actual that usually go together (same unit, same kind of word)."""
    kind = draw(_KIND)
    if kind == "number":
        unit = draw(_UNIT)
        target = _number(draw, unit, COMPARATORS)
        if draw(st.integers(0, 5)) == 0:
            return target, draw(_NOT_A_NUMBER)
        if draw(st.integers(0, 9)) == 0:  # now and then another unit: cannot be compared
            unit = draw(_UNIT)
        return target, _number(draw, unit, _ACTUAL_COMPARATORS)
    if kind == "word":
        return draw(_WORD), draw(_WORD_OR_NONE)
    if kind == "grade":
        return draw(_GRADE), draw(_GRADE_OR_WORD)
    return draw(_VALUES), draw(_VALUES)


# -- rules -----------------------------------------------------------------------------------------

RULE_NAMES = (
    "auto",
    "自动",
    "higher",
    "正向",
    "lower",
    "反向",
    "equal",
    "等于",
    "qualitative",
    "定性",
    "expect",
    "是否",
    "定性匹配",
    "deduction",
    "扣分",
    "manual",
    "手工",
    "专家",
)


@st.composite
def band_tables(draw: st.DrawFn) -> list[dict[str, Decimal]]:
    rows = draw(
        st.lists(
            st.tuples(amounts(0, 150, 1), amounts(0, 1, 2)),
            min_size=1,
            max_size=4,
            unique_by=lambda r: r[0],
        )
    )
    return [{"min": m, "share": s} for m, s in rows]


def rule_specs() -> st.SearchStrategy[str | dict[str, Any] | None]:
    """A leaf's ``rule`` as a file writes it: absent, a name or alias, or a table."""
    return _RULE_SPECS


_RULE_SPECS = st.one_of(
    st.none(),
    st.sampled_from(RULE_NAMES),
    st.builds(
        lambda k, v: {"kind": k, "variant": v},
        st.sampled_from(("lower", "反向")),
        st.sampled_from(("ratio", "linear")),
    ),
    st.builds(lambda w: {"kind": "expect", "expected": w}, st.sampled_from(WORDS)),
    st.builds(
        lambda k, b, of: {"kind": k, "bands": b, "of": of},
        st.sampled_from(("bands", "区间")),
        band_tables(),
        st.sampled_from(("rate", "actual")),
    ),
    st.builds(lambda p: {"kind": "扣分", "per": p}, amounts(1, 5, 1) | st.just(D("0.5"))),
    st.builds(
        lambda k, n, d: {"kind": k, "numerator": n, "denominator": d},
        st.sampled_from(("ratio", "公式")),
        st.sampled_from(BUDGET_FIGURES),
        st.sampled_from(BUDGET_FIGURES),
    ),
)


# -- leaves and trees ------------------------------------------------------------------------------

LEAF_NAMES = (
    "立项依据充分性",
    "资金到位率",
    "预算执行率",
    "案件结案率",
    "培训人次",
    "按时完成率",
    "成本节约率",
    "是否超出预算",
    "社会效益",
    "群众满意度",
    "结案率",
    "覆盖率",
)
GROUP_NAMES = (
    "决策指标",
    "过程指标",
    "产出指标",
    "效益指标",
    "满意度指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "社会效益指标",
    "项目立项",
    "资金管理",
)


@attrs.frozen
class Leaf:
    """A generated leaf: what the framework says and what the evaluation adds."""

    name: str
    weight: Decimal
    target: str
    rule: str | dict[str, Any] | None
    actual: str
    score: Decimal | None
    basis: str | None
    not_applicable: bool


@attrs.frozen
class Group:
    name: str
    children: tuple[Group | Leaf, ...]
    state_weight: bool

    @property
    def weight(self) -> Decimal:
        return sum((c.weight for c in self.children), D(0))


Node = Group | Leaf


def weights() -> st.SearchStrategy[Decimal]:
    """Points of a leaf: 0.5 to 20 in steps of 0.5, sometimes finer (2.4, 3.25)."""
    return _WEIGHTS


_WEIGHTS = st.one_of(
    st.integers(1, 40).map(lambda n: D(n) / 2), st.integers(1, 1000).map(lambda n: D(n) / 100)
)
_BASIS = st.sampled_from((None, "", "按评分标准扣分"))
_TARGET_AND_ACTUAL = target_and_actual()


@st.composite
def leaves(draw: st.DrawFn, name: str = "指标") -> Leaf:
    """One leaf with its target, rule, actual and (sometimes) a score of record ≤ its weight."""
    weight = draw(_WEIGHTS)
    target, actual = draw(_TARGET_AND_ACTUAL)
    recorded = None
    if draw(st.integers(0, 2)) == 0:  # as a form writes it: two decimals, 0..weight
        recorded = min((weight * draw(st.integers(0, 100)) / 100).quantize(D("0.01")), weight)
    return Leaf(
        name=name,
        weight=weight,
        target=target,
        rule=draw(_RULE_SPECS),
        actual=actual,
        score=recorded,
        basis=draw(_BASIS),
        not_applicable=draw(st.integers(0, 9)) == 0,
    )


@st.composite
def _nodes(draw: st.DrawFn, depth: int) -> tuple[Node, ...]:
    """Siblings ``depth`` levels deep: 1–4 leaves at the bottom, 1–3 groups above."""
    if depth == 1:
        start = draw(st.integers(0, len(LEAF_NAMES) - 4))
        return tuple(
            draw(leaves(name)) for name in LEAF_NAMES[start : start + draw(st.integers(1, 4))]
        )
    start = draw(st.integers(0, len(GROUP_NAMES) - 3))
    out: list[Node] = []
    for name in GROUP_NAMES[start : start + draw(st.integers(1, 3))]:
        if draw(st.integers(0, 9)) == 0:  # now and then a leaf higher up
            out.append(draw(leaves(name)))
        else:
            out.append(Group(name, draw(_NODES[depth - 1]), draw(st.booleans())))
    return tuple(out)


_NODES = {d: _nodes(d) for d in range(1, 5)}


@st.composite
def trees(draw: st.DrawFn, min_depth: int = 1, max_depth: int = 4) -> tuple[Node, ...]:
    """An indicator tree of ``min_depth``–``max_depth`` levels; group weights are the sums of
    their children (stated or left out), the table's total is the sum of the 一级."""
    return draw(_NODES[draw(st.integers(min_depth, max_depth))])


# -- whole evaluations -----------------------------------------------------------------------------


@attrs.frozen
class Case:
    """A generated framework and an evaluation on it, both as TOML text."""

    framework_id: str
    framework_text: str
    evaluation_text: str
    tree: tuple[Node, ...]


def _framework_node(node: Node) -> dict[str, Any]:
    if isinstance(node, Leaf):
        data: dict[str, Any] = {"name": node.name, "weight": node.weight, "target": node.target}
        if node.rule is not None:
            data["rule"] = node.rule
        return data
    data = {"name": node.name}
    if node.state_weight:
        data["weight"] = node.weight
    data["children"] = [_framework_node(c) for c in node.children]
    return data


def _evaluation_node(node: Node) -> dict[str, Any]:
    if isinstance(node, Leaf):
        data: dict[str, Any] = {"name": node.name, "actual": node.actual}
        if node.score is not None:
            data["score"] = node.score
        if node.basis is not None:
            data["basis"] = node.basis
        if node.not_applicable:
            data["not_applicable"] = True
        return data
    return {"name": node.name, "children": [_evaluation_node(c) for c in node.children]}


_FIGURE = amounts(0, 500, 2)


@st.composite
def budgets(draw: st.DrawFn) -> dict[str, Any] | None:
    """Budget figures, some missing, some 0; None for no [budget] table."""
    if not draw(st.booleans()):
        return None
    return {f: draw(_FIGURE) for f in BUDGET_FIGURES if draw(st.integers(0, 3))}


_TREES = trees()
_REVERSE = st.sampled_from(("ratio", "linear"))
_POLICY = st.sampled_from([p.id for p in BUILTIN_POLICIES])
_BUDGETS = budgets()


@st.composite
def evaluations(draw: st.DrawFn) -> Case:
    """A framework (settings, policy, tree) and an evaluation of it (actuals, scores of record,
    not-applicable leaves, budget figures), as TOML texts."""
    tree = draw(_TREES)
    settings: dict[str, Any] = {"places": draw(st.integers(0, 4)), "reverse": draw(_REVERSE)}
    if draw(st.booleans()):
        settings["equivalents"] = [["按时完成", "按期", "按期兑现"], ["达成年度指标", "效果明显"]]
    body: dict[str, Any] = {
        "title": "生成的指标体系",
        "total": sum((n.weight for n in tree), D(0)),
        "policy": draw(_POLICY),
        "settings": settings,
        "indicators": [_framework_node(n) for n in tree],
    }
    digest = hashlib.sha1(tomli_w.dumps(body).encode()).hexdigest()[:16]
    framework_id = f"gen-{digest}"
    framework_text = tomli_w.dumps({"id": framework_id, **body})
    evaluation: dict[str, Any] = {
        "framework": f"{framework_id}.toml",
        "project": {"name": "生成的项目", "unit": "某单位", "year": 2024},
    }
    budget = draw(_BUDGETS)
    if budget is not None:
        evaluation["budget"] = budget
    evaluation["indicators"] = [_evaluation_node(n) for n in tree]
    return Case(framework_id, framework_text, tomli_w.dumps(evaluation), tree)


def load_case(case: Case, folder: Path) -> Any:
    """Write the case's framework into ``folder`` and load its evaluation from there."""
    from perfeval_core import loads_evaluation

    path = folder / f"{case.framework_id}.toml"
    if not path.exists():
        path.write_text(case.framework_text, "utf-8")
    return loads_evaluation(case.evaluation_text, file="generated.toml", base_dir=folder)
