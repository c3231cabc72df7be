"""Real tables from other provinces (/work/notes/filled-tables.md transcribes them with their
sources): the shipped frameworks and examples that follow them, and the tables scored and
checked as they were published.

Every expected number is worked out by hand in the comment beside it. Where a published table
is incomplete (cut off in the copy, or a blank template), the test says what it completes.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfeval_core import load_evaluation, loads_evaluation, run_checks, score

D = Decimal
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def leaves(card) -> dict:
    return {leaf.path[-1]: leaf for leaf in card.leaves}


def levels(card) -> dict:
    return {level.indicator.name: level.score for level in card.levels}


def findings(card) -> list[tuple[str, str]]:
    return [(f.code, f.path[-1] if f.path else "") for f in run_checks(card)]


def evaluate(text: str, folder: Path | None = None):
    return score(loads_evaluation(text, file="t-eval.toml", base_dir=folder))


# -- the shipped examples, by hand ------------------------------------------------------------


def test_sichuan_2023_example_qingshen():
    card = score(load_evaluation(EXAMPLES / "sichuan-2023" / "青神-工资性支出.toml"))
    by = leaves(card)
    # 预算执行率 = 预算执行数 / 调整后预算数 = 251.89 / 251.89 = 100.00 %: full, 10
    assert (by["预算执行率"].result.actual, by["预算执行率"].score) == ("100.00%", D(10))
    # 指标性质 = / 指标值 100 / 度量单位 %, 完成值 100: met, full
    assert by["发放(缴纳)覆盖率"].score == D(60) and by["发放(缴纳)覆盖率"].rule.kind == "auto"
    assert by["发放(缴纳)覆盖率"].target_text == "=100%"
    assert by["足额保障率(参保率)"].score == D(30)
    assert levels(card) == {"预算执行情况": D(10), "产出指标": D(60), "效益指标": D(30)}
    assert (card.total, card.grade.label) == (D(100), "优")  # 10 + 60 + 30
    assert findings(card) == []


def test_hubei_example():
    card = score(load_evaluation(EXAMPLES / "hubei" / "学生资助.toml"))
    by = leaves(card)
    # 执行率 = 816 / 850 = 96.00 %; 20 × 96.00 / 100 = 19.20
    assert (by["预算执行率"].result.actual, by["预算执行率"].score) == ("96.00%", D("19.20"))
    assert by["国家助学金人数"].score == D("7.60")  # 8 × 2280 / 2400
    assert by["困难生完成学业率"].score == D("9.90")  # 10 × 97 / 98 = 9.897… → 9.90
    # 部分达成预期指标并具有一定效果 is 湖北's 部分达成: its band is 50 % to <80 % of 10
    r = by["资助育人长效机制"].result
    assert (r.low, r.high, r.note, by["资助育人长效机制"].score) == (D(5), D(8), "部分达成", D(7))
    # 8 + 7.60 + 8 + 8 + 8 = 39.60; 10 + 9.90 + 7 = 26.90
    assert levels(card) == {
        "预算执行情况": D("19.20"),
        "产出指标": D("39.60"),
        "效益指标": D("26.90"),
        "满意度指标": D(10),
    }
    assert (card.total, card.grade.label) == (D("95.70"), "优")  # 19.20 + 39.60 + 26.90 + 10
    assert findings(card) == []


def test_sichuan_2017_example_with_optional_items():
    card = score(load_evaluation(EXAMPLES / "sichuan-2017" / "农村人居环境整治.toml"))
    by = leaves(card)
    # the two 可选项 picked, 20 each; the other four do not apply and are not in the table
    assert [p[-1] for p in (leaf.path for leaf in card.leaves) if "可选项" in p[-1]] == [
        "经济效益(可选项)",
        "社会效益(可选项)",
    ]
    assert by["经济效益(可选项)"].weight == D(20) and by["社会效益(可选项)"].score == D(20)
    # four levels: 共性指标 › 项目决策 › 科学决策 › 必要性(政策依据)
    assert by["必要性(政策依据)"].path == ("共性指标", "项目决策", "科学决策", "必要性(政策依据)")
    # 共性 5 + 5 + 5 + 5 + 3 + 4 + 2 = 29; 特性 5 + 4 + 5 + 5 + 20 + 20 + 10 = 69
    assert levels(card) == {"共性指标": D(29), "特性指标": D(69)}
    assert (card.total, card.max, card.grade.label) == (D(98), D(100), "优")
    assert findings(card) == []


# -- 安徽 池州 2022 委托业务项目 on the national form (filled-tables.md §1) ---------------------

ANHUI = """\
framework = "cz-2020-10-self"

[project]
unit = "池州市贵池区棠溪镇人民政府"
name = "委托业务项目"
year = 2022

[budget]
initial = 90
adjusted = {adjusted}
executed = {executed}
fiscal = 89.974

[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [
  {{ name = "基建工程委托业务项目数量", target = "≥50个", actual = "50", weight = 8, score = 8 }},
]
[[indicators.children]]
name = "质量指标"
children = [
  {{ name = "委托业务报告合格率", target = "≥100百分比", actual = "100", weight = 8, score = 8 }},
  {{ name = "经费支出合规性", target = "严格执行相关制度规定", actual = "达成预期指标", weight = 8, score = 8 }},
]
[[indicators.children]]
name = "时效指标"
children = [
  {{ name = "提交报告及时性", target = "在项目计划完成时间内完成", actual = "达成预期指标", weight = 8, score = 8 }},
]
[[indicators.children]]
name = "成本指标"
children = [
  {{ name = "项目总成本", target = "≤90万元", actual = "90", weight = 8, score = 8 }},
  {{ name = "单项业务成本", target = "符合相关规定", actual = "达成预期指标", weight = 10, score = 10 }},
]

[[indicators]]
name = "效益指标"
[[indicators.children]]
name = "经济效益指标"
drop = true
[[indicators.children]]
name = "社会效益指标"
children = [
  {{ name = "对维护基建市场公平的影响程度", target = "效果明显", actual = "达成预期指标", weight = 10, score = 10 }},
]
[[indicators.children]]
name = "生态效益指标"
children = [
  {{ name = "对控制基建项目成本影响程度", target = "效果明显", actual = "达成预期指标", weight = 10, score = 10 }},
]
[[indicators.children]]
name = "可持续影响指标"
children = [
  {{ name = "对推动基建项目“四项制度”健全和落实的持续性影响", target = "效果明显", actual = "达成预期指标", weight = 10, score = 10 }},
]

[[indicators]]
name = "满意度指标"
[[indicators.children]]
name = "服务对象满意度指标"
drop = true
[[indicators.children]]
name = "满意度指标"
children = [
  {{ name = "公众满意度", target = "≥90%", actual = "95%", weight = 10, score = 10 }},
]
"""


def test_anhui_table_checks_without_noise():
    # completed: the budget as its only funded row gives it (the published total row is all 0,
    # see below); the 满意度 row is cut off in the copy (公众满…): ≥90 %, 95 %, 10 of 10 here
    card = evaluate(ANHUI.format(adjusted="89.974", executed="89.974"))
    by = leaves(card)
    # a bare actual is read in the target's unit: 50 → 50个, 100 → 100百分比, 90 → 90万元
    assert by["基建工程委托业务项目数量"].result.met is True
    assert by["委托业务报告合格率"].result.met is True
    assert by["项目总成本"].actual.magnitude == D(900000)  # 90万元 = 900000 元, at ≤ 90万元
    # the national wording for a qualitative target reached
    assert all(by[n].result.met for n in ("经费支出合规性", "提交报告及时性", "单项业务成本"))
    # 89.974 / 89.974 = 100 %: 10; 产出 8 × 5 + 10 = 50; 效益 30; 满意度 10
    assert levels(card) == {
        "预算执行": D(10),
        "产出指标": D(50),
        "效益指标": D(30),
        "满意度指标": D(10),
    }
    assert card.total == D(100)
    # no W303 (missed yet full) and no W401 (incomparable): only the units it assumed
    assert findings(card) == [
        ("I408", "基建工程委托业务项目数量"),
        ("I408", "委托业务报告合格率"),
        ("I408", "项目总成本"),
    ]


def test_anhui_published_total_row_of_zeros_is_found():
    # the published 年度资金总额 row is 0 / 0 / 0 though 本年财政拨款 is 90 / 89.974 / 89.974
    card = evaluate(ANHUI.format(adjusted="0", executed="0"))
    assert ("E105", "预算执行率") in findings(card)
    assert not card.complete and card.grade is None


# -- 云南 丽江 2020: 指标性质 ﹦ / ≥ and 度量单位 in their own columns (filled-tables.md §3) ------

LIJIANG = """\
framework = "cz-2020-10-self"

[project]
unit = "丽江市古城区自然资源局"
name = "2020年省级自然资源卫片执法补助经费"
year = 2020

[budget]
initial = 7.29
adjusted = 7.29
executed = 7.29

[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [
  { name = "卫片执法补助经费", comparator = "﹦", target = "72890", unit = "元", actual = "72890", weight = 10, score = 9 },
]
[[indicators.children]]
name = "质量指标"
children = [
  { name = "项目验收合格率", comparator = "﹦", target = "100", unit = "%", actual = "100", weight = 20, score = 19 },
]
[[indicators.children]]
name = "时效指标"
children = [
  { name = "项目完成及时率", comparator = "﹦", target = "100", unit = "%", actual = "100", weight = 20, score = 19 },
]
[[indicators.children]]
name = "成本指标"
drop = true

[[indicators]]
name = "效益指标"
[[indicators.children]]
name = "社会效益指标"
children = [
  { name = "违法行为责停率", comparator = "≥", target = "95", unit = "%", actual = "95", weight = 30, score = 27 },
]
[[indicators.children]]
name = "经济效益指标"
drop = true
[[indicators.children]]
name = "生态效益指标"
drop = true
[[indicators.children]]
name = "可持续影响指标"
drop = true

[[indicators]]
name = "满意度指标"
[[indicators.children]]
name = "服务对象满意度指标"
children = [
  { name = "满意度", comparator = "≥", target = "95", unit = "%", actual = "95", weight = 10 },
]
"""


def test_lijiang_deductions_without_reasons_are_found():
    # completed: the 满意度 score is cut off in the copy; the rule's (95 ≥ 95: 10) stands here
    card = evaluate(LIJIANG)
    by = leaves(card)
    assert by["卫片执法补助经费"].rule.resolve(by["卫片执法补助经费"].target).kind == "equal"
    assert by["卫片执法补助经费"].target_text == "=72890元"  # ﹦ (U+FE66) is =
    # 10 + (9 + 19 + 19) + 27 + 10 = 94
    assert card.total == D(94)
    # every target met, yet 1, 1, 1 and 3 points deducted with the reason column empty
    assert findings(card) == [
        ("W302", "卫片执法补助经费"),
        ("W302", "项目验收合格率"),
        ("W302", "项目完成及时率"),
        ("W302", "违法行为责停率"),
    ]


# -- 河北 廊坊 2019: 8.62 written as 9 (filled-tables.md §4) --------------------------------------


LANGFANG = """\
framework = "{framework}"

[project]
unit = "廊坊市食品工程学校"
name = "办公宿舍楼、食堂及餐厅暖通改造经费"
year = 2019

[budget]
initial = 43.2
adjusted = 43.2
executed = 37.24

[[indicators]]
name = "预算执行"
children = [ {{ name = "预算执行率", score = 9 }} ]
"""


def test_langfang_execution_rounded_to_a_whole_point(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFEVAL_FRAMEWORK_PATH", str(tmp_path))
    # 37.24 / 43.2 = 86.20 %; 10 × 86.20 / 100 = 8.62 at two decimals: the table's 9 differs
    card = evaluate(LANGFANG.format(framework="cz-2020-10-self"))
    leaf = leaves(card)["预算执行率"]
    assert (leaf.result.actual, leaf.result.score) == ("86.20%", D("8.62"))
    assert ("W305", "预算执行率") in findings(card)
    # a framework whose execution points are whole (places = 0, half up): 8.62 → 9, as printed
    (tmp_path / "hebei-whole.toml").write_text(
        'id = "hebei-whole"\nextends = "cz-2020-10-self"\n[[indicators]]\nname = "预算执行"\n'
        'children = [ { name = "预算执行率", rule = { kind = "公式", numerator = '
        '"executed", denominator = "adjusted", places = 0 } } ]\n',
        "utf-8",
    )
    card = evaluate(LANGFANG.format(framework="hebei-whole"))
    assert leaves(card)["预算执行率"].result.score == D(9)
    assert ("W305", "预算执行率") not in findings(card)


# -- 四川 (dyrmt.com): four leaves of 22.5 and a 结余率 formula (filled-tables.md §5c) ----------

SICHUAN_22_5 = """\
framework = "sichuan-2023-self"

[project]
unit = "（原表未载）"
name = "（原表未载）"
year = 2023

[budget]
adjusted = 200
executed = {executed}

[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [
  {{ name = "足额保障率", comparator = "=", target = "100", unit = "%", actual = "100", weight = 22.5 }},
  {{ name = "科目调整次数", comparator = "≤", target = "10", unit = "次", actual = "3", weight = 22.5 }},
]
[[indicators.children]]
name = "时效指标"
children = [
  {{ name = "按时发放率", comparator = "=", target = "100", unit = "%", actual = "100", weight = 22.5 }},
]
[[indicators]]
name = "效益指标"
[[indicators.children]]
name = "经济效益指标"
children = [
  {{ name = "结余率(计算方法为:结余数/预算数)", comparator = "≤", target = "5", unit = "%", weight = 22.5, rule = {{ kind = "公式", numerator = "adjusted - executed", denominator = "adjusted" }} }},
]
[[indicators]]
name = "满意度指标"
drop = true
"""


@pytest.mark.parametrize(
    ("executed", "balance", "points", "execution", "total"),
    [
        # 结余率 = (200 − 193) / 200 = 3.50 % ≤ 5 %: full 22.5; 执行率 96.50 % → 9.65
        ("193", "3.50%", "22.5", "9.65", "99.65"),
        # (200 − 185) / 200 = 7.50 %, above 5 %: 反向 22.5 × 5 / 7.5 = 15.00; 执行率 92.50 % → 9.25
        ("185", "7.50%", "15.00", "9.25", "91.75"),
    ],
)
def test_balance_rate_formula_of_a_difference(executed, balance, points, execution, total):
    # completed: the copy gives the indicators and weights only; budget and 完成值 are the test's
    card = evaluate(SICHUAN_22_5.format(executed=executed))
    by = leaves(card)
    leaf = by["结余率(计算方法为:结余数/预算数)"]
    assert (leaf.result.actual, leaf.score) == (balance, D(points))
    assert by["预算执行率"].score == D(execution)
    assert card.total == D(total)  # execution + 22.5 × 3 + the 结余率 points
    # a 结余率 is low when all is well: the 四川 reason rule (below 90 %) is not about it
    assert findings(card) == []


# -- 四川's review rule: a 预算执行率 below 90 % needs a reason of at most 100 字 ---------------

SICHUAN_RATE = """\
framework = "sichuan-2023-self"

[project]
unit = "示例县司法局"
name = "示例项目"
year = 2023

[budget]
adjusted = 100
executed = {executed}

[[indicators]]
name = "预算执行情况"
children = [ {{ name = "预算执行率"{basis} }} ]

[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [
  {{ name = "购置设备数量", comparator = "≥", target = "13", unit = "台", actual = "13", weight = 60 }},
]
[[indicators]]
name = "效益指标"
[[indicators.children]]
name = "社会效益指标"
children = [
  {{ name = "群众满意度", comparator = "≥", target = "90", unit = "%", actual = "95", weight = 30 }},
]
[[indicators]]
name = "满意度指标"
drop = true
"""


def rate_codes(executed: str, basis: str = "") -> list[str]:
    extra = f', basis = "{basis}"' if basis else ""
    card = evaluate(SICHUAN_RATE.format(executed=executed, basis=extra))
    return [code for code, _ in findings(card)]


def test_sichuan_low_execution_without_reason():
    # 79 / 100 = 79.00 % < 90 %: W601; 10 × 79 / 100 = 7.90 points either way
    card = evaluate(SICHUAN_RATE.format(executed="79", basis=""))
    [finding] = run_checks(card)
    assert (finding.code, finding.path) == ("W601", ("预算执行情况", "预算执行率"))
    assert finding.message == (
        "79.00% is below 90 %: the framework sichuan-2023-self requires a reason of at most "
        '100 characters; add basis = "…" saying why'
    )
    assert leaves(card)["预算执行率"].score == D("7.90")
    # at the boundary: 90.00 % is not below 90; 89.99 % is
    assert rate_codes("90") == []
    assert rate_codes("89.99") == ["W601"]
    # a reason silences it — but not one of punctuation or invisible characters
    assert rate_codes("79", "部分设备年底到货，尾款次年支付") == []
    assert rate_codes("79", "。") == ["W601"]
    assert rate_codes("79", "\u200b") == ["W601"]


def test_sichuan_reason_at_most_100_characters():
    assert rate_codes("79", "因" * 100) == []  # exactly 100: allowed
    assert rate_codes("79", "因" * 101) == ["W602"]
    assert rate_codes("79", "因 " * 100) == []  # spaces are not counted


# -- 2018 部门整体 deduction bands, on the published figures (filled-tables.md §8) --------------

DEPARTMENT = """\
id = "dept-2018"
total = 32
[[indicators]]
name = "投入"
[[indicators.children]]
name = "预算配置"
children = [
  { name = "在职人员控制率", weight = 8, target = "≤100%", rule = { kind = "按档扣分", per = 0.5 } },
  { name = "三公经费变动率", weight = 8, target = "≤0%", rule = { kind = "按档扣分", per = 0.8 } },
]
[[indicators]]
name = "过程"
[[indicators.children]]
name = "预算执行"
children = [
  { name = "预算完成率", weight = 8, target = "100%", rule = { kind = "按档扣分", per = 2, step = 5 } },
  { name = "预算控制率", weight = 8, rule = { kind = "区间", of = "actual", bands = [
    { max = 0, share = 1 }, { max = 10, share = 0.75 }, { max = 20, share = 0.5 }, { max = 30, share = 0.25 },
  ] } },
]
"""

DEPARTMENT_EVALUATION = """\
framework = "dept-2018.toml"
[project]
unit = "（原表未载）"
name = "部门整体支出"
year = 2018
[[indicators]]
name = "投入"
[[indicators.children]]
name = "预算配置"
children = [
  {{ name = "在职人员控制率", actual = "{staff}" }},
  {{ name = "三公经费变动率", actual = "{three}" }},
]
[[indicators]]
name = "过程"
[[indicators.children]]
name = "预算执行"
children = [
  {{ name = "预算完成率", actual = "{done}" }},
  {{ name = "预算控制率", actual = "{control}" }},
]
"""


def department(tmp_path, staff="95.10%", three="98.31%", done="99.27%", control="39.94%"):
    (tmp_path / "dept-2018.toml").write_text(DEPARTMENT, "utf-8")
    text = DEPARTMENT_EVALUATION.format(staff=staff, three=three, done=done, control=control)
    return leaves(evaluate(text, tmp_path))


def test_department_deduction_bands_on_the_published_table(tmp_path):
    # the published figures: 136 / 143 = 95.10 %; (63.46 − 32) / 32 = 98.31 %;
    # 2690.62 / 2710.42 = 99.27 %; 767.86 / 1922.76 = 39.94 %  → published 8, 0, 8, (cut off)
    by = department(tmp_path)
    assert by["在职人员控制率"].score == D(8)  # ≤ 100 %: full
    assert by["三公经费变动率"].score == D("0.00")  # 98 whole points over × 0.8 = 78.4 > 8
    assert by["预算完成率"].score == D(8)  # 0.73 short: no whole 5 % step, full (as published)
    assert by["预算控制率"].score == D(0)  # 39.94 % > 30 %: 不得分
    assert by["预算控制率"].result.note == "39.94 above every band"


@pytest.mark.parametrize(
    ("staff", "expected"),
    [
        ("100%", "8"),  # at the standard: full
        ("101%", "7.50"),  # one point over: −0.5
        ("101.9%", "7.50"),  # still one whole point
        ("116%", "0.00"),  # 16 × 0.5 = 8: 扣完为止
        ("120%", "0.00"),  # never below 0
    ],
)
def test_deduction_per_point_over(tmp_path, staff, expected):
    assert department(tmp_path, staff=staff)["在职人员控制率"].score == D(expected)


@pytest.mark.parametrize(
    ("done", "expected"),
    [("95.01%", "8"), ("95%", "6.00"), ("90.5%", "6.00"), ("90%", "4.00"), ("60%", "0.00")],
)
def test_deduction_per_five_percent_short(tmp_path, done, expected):
    # 每低于5%扣2分: 4.99 short keeps 8; 5 short −2; 9.5 short still one step; 10 short −4
    assert department(tmp_path, done=done)["预算完成率"].score == D(expected)


@pytest.mark.parametrize(
    ("control", "expected"),
    [("0%", "8"), ("5%", "6.00"), ("10%", "6.00"), ("10.01%", "4.00"), ("30%", "2.00")],
)
def test_control_rate_bands_with_inclusive_tops(tmp_path, control, expected):
    # =0 → 8; 0–10 %(含) → 6; 10–20 %(含) → 4; 20–30 %(含) → 2
    assert department(tmp_path, control=control)["预算控制率"].score == D(expected)


def test_partial_steps_count_part_steps(tmp_path):
    # scoring.md: with partial = true, 99.27 % is 0.73 short: 8 − 0.73 / 5 × 2 = 7.708 → 7.71
    (tmp_path / "dept-2018.toml").write_text(
        DEPARTMENT.replace("per = 2, step = 5", "per = 2, step = 5, partial = true"), "utf-8"
    )
    text = DEPARTMENT_EVALUATION.format(
        staff="95.10%", three="98.31%", done="99.27%", control="39.94%"
    )
    assert leaves(evaluate(text, tmp_path))["预算完成率"].score == D("7.71")


# -- 河北 成安 2020: 符号 >= and 单位 %(百分比) in their own columns (filled-tables.md §6) -----------

CHENGAN = """\
framework = "cz-2020-10-self"

[project]
unit = "成安县民政局"
name = "19名百岁老人高龄津贴"
year = 2020

[budget]
adjusted = 6.84
received = 6.84
executed = 6.84

[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "质量指标"
children = [
  {{ name = "符合条件申报对象覆盖率", comparator = ">=", target = "98", unit = "%(百分比)", actual = "100%", weight = 25, score = {a} }},
]
[[indicators.children]]
name = "时效指标"
children = [
  {{ name = "完成率", comparator = ">=", target = "99", unit = "%(百分比)", actual = "100%", weight = 25, score = {b} }},
]
[[indicators.children]]
name = "数量指标"
drop = true
[[indicators.children]]
name = "成本指标"
drop = true

[[indicators]]
name = "效益指标"
[[indicators.children]]
name = "社会效益指标"
children = [
  {{ name = "补贴发放率", comparator = ">=", target = "75", unit = "%(百分比)", actual = "100%", weight = 30, score = {c} }},
]
[[indicators.children]]
name = "经济效益指标"
drop = true
[[indicators.children]]
name = "生态效益指标"
drop = true
[[indicators.children]]
name = "可持续影响指标"
drop = true

[[indicators]]
name = "满意度指标"
[[indicators.children]]
name = "服务对象满意度指标"
children = [
  {{ name = "服务对象满意度", comparator = ">=", target = "95", unit = "%(百分比)", actual = "100%", weight = 10, score = {d} }},
]
"""


def test_chengan_units_glossed_in_brackets_compare():
    # the 单项指标得分 column (25, 25, 30, 10): every target met, full; 6.84 / 6.84 → 10
    card = evaluate(CHENGAN.format(a=25, b=25, c=30, d=10))
    leaf = leaves(card)["符合条件申报对象覆盖率"]
    assert str(leaf.target) == "≥98%(百分比)" and leaf.result.met is True  # %(百分比) is %
    # 100 % of a 75 % target is 133.33 % of it: the reviewer's question whether it was set too low
    assert (card.total, findings(card)) == (D(100), [("W304", "补贴发放率")])


def test_chengan_converted_scores_are_found():
    # the table's 折算得分 column (得分 × 权重占比: 6.25, 6.25, 9.00, 1.00 = 22.5 of 90 points for
    # targets all met) entered as the scores: every one is a deduction nobody explained
    card = evaluate(CHENGAN.format(a="6.25", b="6.25", c="9.00", d="1.00"))
    assert card.total == D("32.50")  # 10 + 22.5
    assert findings(card) == [
        ("W302", "符合条件申报对象覆盖率"),
        ("W302", "完成率"),
        ("W302", "补贴发放率"),
        ("W304", "补贴发放率"),
        ("W302", "服务对象满意度"),
    ]


def test_a_framework_names_the_level1_it_requires():
    """四川's form sets 满意度指标 only where a project has one (review.required = 产出, 效益): a
    table without 满意度 gets no W202; one without 效益 still does."""
    card = evaluate(SICHUAN_RATE.format(executed="95", basis=""))
    assert card.evaluation.framework.review.required == ("产出", "效益")
    assert "W202" not in [code for code, _ in findings(card)]
    table = SICHUAN_RATE.format(executed="95", basis="")
    start = table.index('[[indicators]]\nname = "效益指标"')
    end = table.index('[[indicators]]\nname = "满意度指标"')
    no_effect = table[:start] + '[[indicators]]\nname = "效益指标"\ndrop = true\n' + table[end:]
    no_effect = no_effect.replace('actual = "13", weight = 60', 'actual = "13", weight = 90')
    codes = [code for code, _ in findings(evaluate(no_effect))]
    assert codes.count("W202") == 1
