"""Local rules as parameters a framework sets: units read from the other value, comparator
columns, the wordings of a target reached, 定性 bands, where not-applicable points go, budget
formulas and their rounding, and the review rules of provinces (docs/scoring.md, "Settings";
docs/checks.md, 6xx). Expected numbers are worked out by hand beside each case; the cases
marked "scoring.md" are the page's worked examples."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfeval_core import (
    BudgetSpec,
    InputError,
    RuleContext,
    Settings,
    load_framework,
    loads_evaluation,
    loads_framework,
    parse_value,
    run_checks,
    score,
)
from perfeval_core._model.rules import Expect, Qualitative, Ratio

D = Decimal


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A framework folder on the search path; ``folder.write(id, text)`` adds one."""
    monkeypatch.setenv("PERFEVAL_FRAMEWORK_PATH", str(tmp_path))

    class Folder:
        path = tmp_path

        @staticmethod
        def write(ident: str, text: str) -> None:
            (tmp_path / f"{ident}.toml").write_text(f'id = "{ident}"\n' + text, "utf-8")

    return Folder


def one_leaf(folder, leaf: str, settings: str = "", review: str = "", weight: int = 10):
    """The leaf ``leaf`` (an inline table without name and weight) alone in framework t-one."""
    folder.write(
        "t-one",
        f'total = {weight}\n{settings}\n{review}\n[[indicators]]\nname = "产出指标"\n'
        f'children = [ {{ name = "指标", weight = {weight}, {leaf} }} ]\n',
    )


def card_of(fields: str, framework: str = "t-one", budget: str = ""):
    return score(
        loads_evaluation(
            f'framework = "{framework}"\n[project]\nname = "测试"\nunit = "单位"\nyear = 2025\n'
            f'{budget}\n[[indicators]]\nname = "产出指标"\n'
            f'children = [ {{ name = "指标", {fields} }} ]\n'
        )
    )


def leaf_of(folder, leaf: str, fields: str, **kw):
    one_leaf(folder, leaf, **kw)
    card = card_of(fields)
    return card.leaves[0], [f.code for f in run_checks(card)]


# -- a number without a unit --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "actual", "expected", "read_as"),
    [
        ("≥50个", "50", "10", "50个"),  # 50 个 of ≥ 50 个: full   (scoring.md)
        ("≥50个", "45", "9.00", "45个"),  # 10 × 45 / 50
        ("≤90万元", "90", "10", "90万元"),  # 900000 元 at ≤ 900000 元: full   (scoring.md)
        ("≤90万元", "95", "9.47", "95万元"),  # 反向 10 × 90 / 95 = 9.473… → 9.47
        ("≥100百分比", "100", "10", "100百分比"),
    ],
)
def test_a_bare_actual_is_read_in_the_targets_unit(folder, target, actual, expected, read_as):
    leaf, codes = leaf_of(folder, f'target = "{target}"', f'actual = "{actual}"')
    assert leaf.score == D(expected)
    assert str(leaf.actual) == read_as
    assert leaf.actual_text == actual  # documents show it as written
    assert "I408" in codes and "W401" not in codes


def test_a_bare_target_is_read_in_the_actuals_unit(folder):
    # 廊坊 writes percentages as bare 100: against 98 % it is 100 %: 10 × 98 / 100 = 9.80
    leaf, _ = leaf_of(folder, 'target = "100"', 'actual = "98%"')
    assert (str(leaf.target), leaf.score) == ("100%", D("9.80"))
    [finding] = [f for f in run_checks(card_of('actual = "98%"')) if f.code == "I408"]
    assert finding.message == (
        "target 100 has no unit: read in the actual's unit %, as 100% (target 100, actual "
        "98%); write the unit if another was meant"
    )


def test_units_that_differ_are_named_as_written(folder):
    leaf, codes = leaf_of(folder, 'target = "90万元"', 'actual = "300人次", score = 10')
    assert leaf.result.score is None and "W401" in codes
    [finding] = [
        f for f in run_checks(card_of('actual = "300人次", score = 10')) if f.code == "W401"
    ]
    assert "different units (万元 against 人次)" in finding.message  # not 元


def test_a_unit_column_is_not_an_inference(folder):
    # 度量单位 in its own column: both values take it; nothing is assumed
    leaf, codes = leaf_of(folder, 'target = "95", unit = "%"', 'actual = "97"')
    assert (str(leaf.actual), leaf.score) == ("97%", D(10)) and "I408" not in codes


# -- the comparator column ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comparator", "rule"),
    [
        ("≥", "higher"),
        ("＞＝", "higher"),
        ("大于等于", "higher"),
        ("> =", "higher"),
        ("≦", "lower"),
        ("不超过", "lower"),
        ("﹦", "equal"),  # 云南 丽江: U+FE66
        ("＝", "equal"),
        ("等于", "equal"),
        ("", "higher"),  # a blank cell: none
    ],
)
def test_comparator_spellings(folder, comparator, rule):
    leaf, _ = leaf_of(
        folder, f'comparator = "{comparator}", target = "95", unit = "%"', 'actual = "96"'
    )
    assert leaf.rule.resolve(leaf.target).kind == rule


def test_comparator_qualitative_scores_the_leaf_qualitative(folder):
    # 指标性质 定性: the leaf is scored 定性 — 完成 is a target reached (达成), full points
    leaf, codes = leaf_of(folder, 'comparator = "定性", target = "有效提升"', 'actual = "完成"')
    assert (leaf.rule.kind, leaf.score, leaf.result.note) == ("qualitative", D(10), "达成")
    assert codes == []
    leaf, _ = leaf_of(folder, 'comparator = "定性指标", target = "有效提升"', 'actual = "部分达成"')
    assert (leaf.result.low, leaf.result.high, leaf.score) == (D(6), D(8), None)


@pytest.mark.parametrize(
    ("comparator", "hint"),
    [
        ("abc", "write ≥ ≤ > < ="),
        ("正向", 'rule = "正向"'),  # 巴彦淖尔's 指标性质 column: a direction, not a comparator
        ("≥≥", "write ≥ ≤ > < ="),
    ],
)
def test_a_bad_comparator_is_an_error_with_a_hint(comparator, hint):
    with pytest.raises(InputError) as caught:
        loads_framework(
            f'id = "t-bad"\n[[indicators]]\nname = "产出指标"\n'
            f'children = [ {{ name = "指标", weight = 10, target = "95", comparator = "{comparator}" }} ]\n',
            file="t-bad.toml",
        )
    error = caught.value
    assert error.where == "产出指标 › 指标 › comparator" and error.line == 4
    assert f"comparator {comparator!r} is not a comparator" in error.message
    assert hint in (error.hint or "")


# -- wordings of a target reached -----------------------------------------------------------------


@pytest.mark.parametrize(
    "answer", ["达成预期指标", "达成年度指标", "已完成", "完成", "是", "按时完成", "效果明显"]
)
def test_the_national_wordings_reach_a_word_target(answer):
    r = Expect().score(parse_value("严格执行相关制度规定"), parse_value(answer), RuleContext(D(8)))
    assert (r.score, r.met) == (D(8), True)


def test_a_negative_target_is_reached_only_by_itself():
    ctx = RuleContext(D(5))
    # 是否超出预算: target 否. 是 is one of the answers of a target reached, but not of this one
    assert Expect().score(parse_value("否"), parse_value("是"), ctx).score == D(0)
    assert Expect().score(parse_value("否"), parse_value("完成"), ctx).score == D(0)
    assert Expect().score(parse_value("否"), parse_value("否"), ctx).score == D(5)
    # and 未完成 never reaches a target
    assert Expect().score(parse_value("按时"), parse_value("未完成"), ctx).score == D(0)


def test_a_graded_answer_on_a_word_target_is_scored_in_its_band():
    # the national answer for a qualitative target, 部分达成…: 60 % to <80 % of 10, by hand
    r = Expect().score(
        parse_value("效果明显"), parse_value("部分达成年度指标并具有一定效果"), RuleContext(D(10))
    )
    assert (r.score, r.low, r.high, r.note) == (None, D(6), D(8), "部分达成")


def test_a_framework_adds_and_drops_wordings(folder):
    folder.write("t-base", '[settings]\nmet = ["全部完成"]\nequivalents = [["按时", "及时"]]\n')
    folder.write(
        "t-county",
        'extends = "t-base"\n[settings]\nmet = ["圆满完成"]\nequivalents = [["已建立", "建立"]]\n'
        '[settings.drop]\nmet = ["是"]\nequivalents = ["及时"]\n',
    )
    base, county = load_framework("t-base").settings, load_framework("t-county").settings
    assert base.met[-1] == "全部完成" and "是" in base.met  # added to the national list
    assert county.met[-2:] == ("全部完成", "圆满完成") and "是" not in county.met
    # 及时 dropped: its group is left with one word, which is no group
    assert county.equivalents == (("已建立", "建立"),)
    assert county.reaches("圆满完成", "合规") and not county.reaches("是", "合规")


def test_dropping_a_wording_that_is_not_there_is_an_error(folder):
    folder.write("t-drop", '[settings.drop]\nmet = ["完成了"]\n')
    with pytest.raises(InputError) as caught:
        load_framework("t-drop")
    error = caught.value
    assert error.where == "settings › drop › met" and error.line == 3
    assert "drop '完成了', which is not among the inherited met" in error.message
    assert "达成预期指标" in (error.hint or "")


def test_unknown_answer_of_a_qualitative_leaf(folder):
    fields = 'actual = "基本完成", score = 9, basis = "部分任务延至次年"'
    leaf, codes = leaf_of(folder, 'target = "达成年度指标"', fields)
    assert codes == ["W407"]
    # the framework's own wording: accepted, as 达成 (band 8 to 10: 9 is in it)
    leaf, codes = leaf_of(
        folder, 'target = "达成年度指标"', fields, settings='[settings]\nmet = ["基本完成"]'
    )
    assert (codes, leaf.result.note) == ([], "达成")


# -- 定性 bands -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bands", "answer", "score", "codes"),
    [
        # national: 部分达成 6 to <8 of 10
        ("", "部分达成", "6", []),
        ("", "部分达成", "5.99", ["E106"]),
        ("", "部分达成", "8", ["E106"]),  # the top is excluded
        # 湖北 [80, 50]: 部分达成 5 to <8, 未达成 0 to <5   (scoring.md)
        ("qualitative_bands = [80, 50]", "部分达成", "5", []),
        ("qualitative_bands = [80, 50]", "部分达成", "4.99", ["E106"]),
        ("qualitative_bands = [80, 50]", "部分达成", "7.99", []),
        ("qualitative_bands = [80, 50]", "未达成", "4.99", []),
        ("qualitative_bands = [80, 50]", "未达成", "5", ["E106"]),
        ("qualitative_bands = [80, 50]", "达成", "8", []),
    ],
)
def test_qualitative_bands_per_framework(folder, bands, answer, score, codes):
    settings = f"[settings]\n{bands}" if bands else ""
    _, found = leaf_of(
        folder,
        'target = "达成年度指标"',
        f'actual = "{answer}", score = {score}, basis = "依据"',
        settings=settings,
    )
    assert found == codes


@pytest.mark.parametrize("bands", ["[80]", "[50, 80]", "[80, 0]", "[110, 50]", "[80, 80]"])
def test_bad_qualitative_bands(bands):
    with pytest.raises(InputError) as caught:
        loads_framework(f'id = "t-b"\n[settings]\nqualitative_bands = {bands}\n', file="t-b.toml")
    assert caught.value.where == "settings › qualitative_bands"


def test_qualitative_rule_takes_its_bands_from_the_settings():
    hubei = Settings(qualitative_bands=(D(80), D(50)))
    r = Qualitative().score(None, parse_value("未达成"), RuleContext(D(20), hubei))
    assert (r.low, r.high) == (D(0), D(10))  # 0 to <50 % of 20


# -- where not-applicable points go --------------------------------------------------------------

OPTIONAL = """\
total = 100
[settings]
reallocate = "{mode}"
[[indicators]]
name = "共性指标"
weight = 30
children = [ {{ name = "决策", weight = 30, rule = "手工" }} ]
[[indicators]]
name = "特性指标"
weight = 70
[[indicators.children]]
name = "项目绩效"
weight = 20
children = [ {{ name = "完成数量", weight = 20, rule = "手工" }} ]
[[indicators.children]]
name = "项目效益"
weight = 50
[[indicators.children.children]]
name = "可选项"
weight = 40
children = [
  {{ name = "经济效益", weight = 10, rule = "手工" }},
  {{ name = "社会效益", weight = 10, rule = "手工" }},
  {{ name = "生态效益", weight = 10, rule = "手工" }},
  {{ name = "可持续效益", weight = 10, rule = "手工" }},
]
[[indicators.children.children]]
name = "满意度"
children = [ {{ name = "服务对象满意度", weight = 10, rule = "手工" }} ]
"""

OPTIONAL_EVALUATION = """\
framework = "t-optional"
[project]
name = "测试"
[[indicators]]
name = "特性指标"
[[indicators.children]]
name = "项目效益"
[[indicators.children.children]]
name = "可选项"
children = [
  { name = "生态效益", not_applicable = true },
  { name = "可持续效益", not_applicable = true },
]
"""


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        # the 20 points of 生态 and 可持续 go to the rest of 特性指标 (70): its leaves
        # 20 + 10 + 10 + 10 = 50 are scaled by 70 / 50: 28, 14, 14, 14   (scoring.md)
        (
            "level1",
            {
                "完成数量": "28.00",
                "经济效益": "14.00",
                "社会效益": "14.00",
                "服务对象满意度": "14.00",
            },
        ),
        # to the rest of 项目效益 (50): 经济, 社会, 满意度 10 each, × 50 / 30 = 16.666…: 16.66
        # each by largest remainder, and the 0.02 left to the first two: 16.67, 16.67, 16.66
        (
            "level2",
            {"完成数量": "20", "经济效益": "16.67", "社会效益": "16.67", "服务对象满意度": "16.66"},
        ),
        # to the rest of 可选项, the nearest group with a stated weight (40): 20 and 20
        (
            "stated",
            {"完成数量": "20", "经济效益": "20.00", "社会效益": "20.00", "服务对象满意度": "10"},
        ),
    ],
)
def test_where_not_applicable_points_go(folder, mode, expected):
    folder.write("t-optional", OPTIONAL.format(mode=mode))
    card = score(loads_evaluation(OPTIONAL_EVALUATION))
    weights = {leaf.path[-1]: leaf.weight for leaf in card.leaves if leaf.path[-1] != "决策"}
    assert weights == {name: D(w) for name, w in expected.items()}
    assert card.max == D(100) and {lv.weight for lv in card.levels} == {D(30), D(70)}


def test_stated_reallocation_goes_up_when_a_whole_pool_drops(folder):
    folder.write("t-optional", OPTIONAL.format(mode="stated"))
    text = OPTIONAL_EVALUATION.replace(
        '  { name = "可持续效益", not_applicable = true },',
        '  { name = "可持续效益", not_applicable = true },\n'
        '  { name = "经济效益", not_applicable = true },\n'
        '  { name = "社会效益", not_applicable = true },',
    )
    # no 可选项 applies: its 40 go to the rest of 项目效益 (50): 服务对象满意度 10 → 50
    card = score(loads_evaluation(text))
    assert {leaf.path[-1]: leaf.weight for leaf in card.leaves}["服务对象满意度"] == D(50)


def test_unknown_reallocation():
    with pytest.raises(InputError) as caught:
        loads_framework('id = "t-r"\n[settings]\nreallocate = "parent"\n', file="t-r.toml")
    assert caught.value.where == "settings › reallocate" and '"stated"' in (caught.value.hint or "")


# -- budget execution: weight × rate, rounded as a place rounds ----------------------------------


def ratio(executed: str, adjusted: str, weight: str, **params) -> Decimal | None:
    rule = Ratio("executed", "adjusted", **params)
    budget = BudgetSpec(adjusted=D(adjusted), executed=D(executed))
    return rule.score(parse_value("100%"), None, RuleContext(D(weight), budget=budget)).score


def test_execution_is_weight_times_rate():
    assert ratio("37.24", "43.2", "20") == D("17.24")  # 湖北: 20 × 86.20 % = 17.24
    assert ratio("76", "100", "10") == D("7.60")  # 重庆 部门整体: 10 × 76 % = 7.6   (scoring.md)
    assert ratio("110", "100", "10") == D(10)  # over 100 %: the weight, no more


def test_execution_rounded_to_whole_points():
    # 廊坊: 10 × 86.20 % = 8.62 → 9 at places = 0, half up
    assert ratio("37.24", "43.2", "10", places=0) == D(9)
    # some counties round down: 10 × 99.10 % = 9.91 → 9   (scoring.md)
    assert ratio("99.1", "100", "10", places=0, rounding="down") == D(9)
    assert ratio("99.99", "100", "10", places=0, rounding="down") == D(9)
    assert ratio("99.99", "100", "10", places=0) == D(10)  # half up: 9.999 → 10
    # full points stay the weight: 2.5 at 100 %, rounded down at places 0, is 2.5
    assert ratio("100", "100", "2.5", places=0, rounding="down") == D("2.5")


def test_rounding_setting_and_its_errors(folder):
    folder.write(
        "t-down",
        'total = 10\n[settings]\nrounding = "down"\n[[indicators]]\nname = "产出"\n'
        'children = [ { name = "完成率", weight = 10, target = "100%" } ]\n',
    )
    card = score(
        loads_evaluation(
            'framework = "t-down"\n[project]\nname = "x"\n[[indicators]]\nname = "产出"\n'
            'children = [ { name = "完成率", actual = "98.76%" } ]\n'
        )
    )
    assert card.leaves[0].score == D("9.87")  # 10 × 98.76 / 100 = 9.876, down: 9.87
    with pytest.raises(InputError) as caught:
        loads_framework('id = "t-x"\n[settings]\nrounding = "up"\n', file="t-x.toml")
    assert caught.value.where == "settings › rounding"


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("spent", "'spent' is not a budget figure"),
        ("adjusted executed", "is not a sum or difference of budget figures"),
        ("adjusted -", "is not a sum or difference of budget figures"),
    ],
)
def test_a_bad_formula_is_an_error_naming_the_leaf(folder, formula, message):
    with pytest.raises(InputError) as caught:
        leaf_of(
            folder,
            f'rule = {{ kind = "公式", numerator = "{formula}", denominator = "adjusted" }}',
            'basis = ""',
        )
    assert caught.value.where == "产出指标 › 指标 › rule" and message in caught.value.message


def test_a_formula_over_budget_parts():
    # 资金到位率 of the fiscal part: fiscal + other / adjusted = (80 + 15) / 100 = 95.00 %
    rule = Ratio("fiscal + other", "adjusted")
    budget = BudgetSpec(adjusted=D(100), fiscal=D(80), other=D(15))
    r = rule.score(parse_value("100%"), None, RuleContext(D(4), budget=budget))
    assert (r.actual, r.score) == ("95.00%", D("3.80"))  # 4 × 95 / 100
    r = rule.score(parse_value("100%"), None, RuleContext(D(4), budget=BudgetSpec(adjusted=D(1))))
    assert (r.score, r.note) == (None, "budget figure 'fiscal' is missing")


# -- review rules: 河北 / 天津 flags, 山西 成本 cap ---------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "flagged"), [("119人", False), ("120人", True), ("150人", True)]
)
def test_flag_at_120_percent(folder, actual, flagged):
    _, codes = leaf_of(
        folder, 'target = "≥100人"', f'actual = "{actual}"', review="[review]\nflag_at = 120"
    )
    assert ("I603" in codes) == flagged


@pytest.mark.parametrize(
    ("target", "actual", "flagged"),
    [
        ("≤90万元", "95万元", True),  # 反向 above its target
        ("≤90万元", "90万元", False),
        ("=100%", "95%", True),  # 等于 off its target
        ("=100%", "105%", True),
        ("=100%", "100%", False),
        ("≥100%", "95%", False),  # 正向 below: the rule deducts, nothing to flag
    ],
)
def test_flag_off_target(folder, target, actual, flagged):
    _, codes = leaf_of(
        folder,
        f'target = "{target}"',
        f'actual = "{actual}"',
        review="[review]\nflag_off_target = true",
    )
    assert ("I603" in codes) == flagged


SHANXI = """\
extends = "cz-2020-10-self"
[review]
cost_cap = 5
[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "成本指标"
children = [ { name = "成本控制", weight = 10, target = "控制在预算范围内" } ]
"""


def shanxi(cost: str) -> list[str]:
    card = score(
        loads_evaluation(
            'framework = "t-shanxi"\n[project]\nname = "x"\nunit = "u"\nyear = 2024\n'
            "[budget]\nadjusted = 10\nexecuted = 10\n"
            '[[indicators]]\nname = "产出指标"\n'
            '[[indicators.children]]\nname = "数量指标"\n'
            'children = [ { name = "完成数量", target = "≥10个", actual = "10个", weight = 40 } ]\n'
            '[[indicators.children]]\nname = "质量指标"\ndrop = true\n'
            '[[indicators.children]]\nname = "时效指标"\ndrop = true\n'
            f'[[indicators.children]]\nname = "成本指标"\nchildren = [ {cost} ]\n'
            '[[indicators]]\nname = "效益指标"\n'
            '[[indicators.children]]\nname = "社会效益指标"\n'
            'children = [ { name = "效果", target = "达成年度指标", actual = "达成年度指标", weight = 30 } ]\n'
            '[[indicators.children]]\nname = "经济效益指标"\ndrop = true\n'
            '[[indicators.children]]\nname = "生态效益指标"\ndrop = true\n'
            '[[indicators.children]]\nname = "可持续影响指标"\ndrop = true\n'
            '[[indicators]]\nname = "满意度指标"\n'
            '[[indicators.children]]\nname = "服务对象满意度指标"\n'
            'children = [ { name = "满意度", target = "≥90%", actual = "95%", weight = 10 } ]\n'
        )
    )
    return [f.code for f in run_checks(card)]


def test_shanxi_cost_cap(folder):
    folder.write("t-shanxi", SHANXI)
    # the framework's default 成本 indicator, unchanged: at most 5 of its 10
    assert shanxi(
        '{ name = "成本控制", actual = "控制在预算范围内", score = 8, basis = "超支" }'
    ) == ["E604"]
    assert (
        shanxi('{ name = "成本控制", actual = "控制在预算范围内", score = 5, basis = "超支" }')
        == []
    )
    # the project's own 成本 indicator (its target): no cap (I406 notes the target changed)
    assert shanxi('{ name = "成本控制", target = "≤85万元", actual = "80万元" }') == ["I406"]
    assert (
        shanxi(
            '{ name = "人均成本", target = "≤600元", actual = "580元", weight = 10 }, '
            '{ name = "成本控制", drop = true }'
        )
        == []
    )


@pytest.mark.parametrize(
    ("review", "where"),
    [
        ("reason_below = 0", "review › reason_below"),
        ("reason_below = 120", "review › reason_below"),
        ("reason_max_chars = 0", "review › reason_max_chars"),
        ("flag_at = 100", "review › flag_at"),
        ('cost_group = " "', "review › cost_group"),
    ],
)
def test_bad_review_rules(review, where):
    with pytest.raises(InputError) as caught:
        loads_framework(f'id = "t-r"\n[review]\n{review}\n', file="t-r.toml")
    assert (caught.value.where, caught.value.line) == (where, 3)


def test_review_rules_are_inherited_key_by_key(folder):
    folder.write("t-a", "[review]\nreason_below = 90\nreason_max_chars = 100\n")
    folder.write("t-b", 'extends = "t-a"\n[review]\nreason_below = 85\n')
    rules = load_framework("t-b").review
    assert (rules.reason_below, rules.reason_max_chars, rules.flag_at) == (D(85), 100, None)


# -- a basis that explains nothing ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("basis", "explained"),
    [
        ("\u200b", False),
        (".", False),
        ("。", False),
        ("/", False),
        ("—", False),
        (" ", False),
        ("见说明", True),
        ("1", True),
    ],
)
def test_a_basis_of_punctuation_is_no_explanation(folder, basis, explained):
    _, codes = leaf_of(folder, 'target = "是"', f'actual = "是", score = 9, basis = "{basis}"')
    assert ("W302" not in codes) == explained


def test_the_settings_documented_are_the_settings():
    documented = Path(__file__).resolve().parents[1] / "docs" / "scoring.md"
    text = documented.read_text("utf-8")
    for key in (
        "places",
        "rounding",
        "reverse",
        "overachievement",
        "equivalents",
        "met",
        "not_met",
        "qualitative_bands",
        "reallocate",
    ):
        assert f"| `{key}` |" in text, key
