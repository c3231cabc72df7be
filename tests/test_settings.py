"""Scoring settings a framework chooses, end to end from TOML: 反向 variants, places,
over-achievement, equivalent wordings; budget formulas; not-applicable leaves rescaled."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from perfeval_core import (
    InputError,
    load_evaluation,
    loads_evaluation,
    loads_framework,
    run_checks,
    score,
)
from perfeval_core._cli import main

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT / "examples" / "national"


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


def one_leaf_framework(settings: str = "", leaf: str = "") -> str:
    """A framework of one 一级 (100 points): 成本 (leaf 单位成本 ≤ 500元, 50) and 数量 (50)."""
    return f"""\
total = 100
{settings}
[[indicators]]
name = "产出指标"
children = [
  {{ name = "单位成本", weight = 50, target = "≤500元"{leaf} }},
  {{ name = "完成数量", weight = 50, target = "≥100个" }},
]
"""


def evaluate(framework: str, cost: str, count: str = "100个", extra: str = "") -> dict:
    text = f"""\
framework = "{framework}"
[project]
name = "测试项目"
unit = "测试单位"
year = 2025
[[indicators]]
name = "产出指标"
children = [
  {{ name = "单位成本", actual = "{cost}"{extra} }},
  {{ name = "完成数量", actual = "{count}" }},
]
"""
    card = score(loads_evaluation(text))
    return {leaf.path[-1]: leaf for leaf in card.leaves} | {"card": card}


# -- 反向 variants ---------------------------------------------------------------------------


def test_reverse_ratio_is_the_default(folder):
    folder.write("t-ratio", one_leaf_framework())
    leaf = evaluate("t-ratio", "625元")["单位成本"]
    assert leaf.rule.kind == "auto" and leaf.score == D("40.00")  # 50 × 500 / 625


def test_reverse_linear_from_settings(folder):
    folder.write("t-linear", one_leaf_framework('[settings]\nreverse = "linear"'))
    by = evaluate("t-linear", "625元")
    assert by["单位成本"].score == D("37.50")  # 50 × (1 − (625 − 500) / 500) = 50 × 0.75
    assert evaluate("t-linear", "1000元")["单位成本"].score == D(0)  # B = 2A: nothing left
    assert evaluate("t-linear", "480元")["单位成本"].score == D(50)  # B ≤ A: full


def test_a_leaf_chooses_its_variant_over_the_setting(folder):
    folder.write(
        "t-leaf",
        one_leaf_framework(
            '[settings]\nreverse = "linear"', ', rule = { kind = "反向", variant = "ratio" }'
        ),
    )
    assert evaluate("t-leaf", "625元")["单位成本"].score == D("40.00")


def test_a_county_overrides_the_variant_of_its_base(folder):
    folder.write("t-base", one_leaf_framework())
    folder.write("t-county", 'extends = "t-base"\n[settings]\nreverse = "linear"\n')
    assert evaluate("t-base", "625元")["单位成本"].score == D("40.00")
    assert evaluate("t-county", "625元")["单位成本"].score == D("37.50")


def test_reverse_leaf_of_each_variant_in_the_shipped_examples():
    ratio = {
        leaf.path[-1]: leaf
        for leaf in score(load_evaluation(NATIONAL / "cz-2020-10-self.toml")).leaves
    }["人均培训成本"]
    assert (ratio.rule.kind, ratio.score) == ("auto", D("9.60"))  # 10 × 600 / 625
    assert ratio.result.note == "10 × 600 / 625"


# -- places, over-achievement ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("places", "expected"), [(0, "47"), (1, "46.9"), (2, "46.88"), (3, "46.875")]
)
def test_places(folder, places, expected):
    folder.write(f"t-places{places}", one_leaf_framework(f"[settings]\nplaces = {places}"))
    # 50 × 93.75 / 100 = 46.875, rounded half up to `places` decimals
    assert evaluate(f"t-places{places}", "500元", "93.75个")["完成数量"].score == D(expected)


def test_overachievement_threshold(folder):
    folder.write("t-over", one_leaf_framework())
    folder.write("t-over150", one_leaf_framework("[settings]\noverachievement = 150"))
    by = evaluate("t-over", "500元", "140个")
    assert by["完成数量"].result.rate == D(140)
    assert [f.code for f in run_checks(by["card"], select=["W304"])] == ["W304"]  # ≥ 130 %
    by = evaluate("t-over150", "500元", "140个")
    assert run_checks(by["card"], select=["W304"]) == []  # below this framework's 150 %
    assert by["card"].evaluation.framework.settings.overachievement == 150


@pytest.mark.parametrize(
    ("settings", "where", "message"),
    [
        ('reverse = "sideways"', "settings › reverse", "unknown 反向 variant"),
        ("places = 9", "settings › places", "places must be between 0 and 6"),
        ("overachievement = 90", "settings › overachievement", "above 100"),
        ('equivalents = "按时"', None, "expected a list"),
        ("speed = 1", None, "unknown key 'speed'"),
    ],
)
def test_bad_settings(settings, where, message):
    with pytest.raises(InputError) as caught:
        loads_framework(f'id = "t-bad"\n[settings]\n{settings}\n', file="t-bad.toml")
    assert message in str(caught.value)
    if where:
        assert caught.value.where == where


def test_settings_are_inherited_key_by_key(folder):
    folder.write(
        "t-b",
        '[settings]\nplaces = 1\nreverse = "linear"\nequivalents = [["按时完成", "按期完成"]]\n',
    )
    folder.write("t-c", 'extends = "t-b"\n[settings]\nplaces = 3\n')
    folder.write("t-d", 'extends = "t-c"\n[settings]\nequivalents = [["是", "已完成"]]\n')
    from perfeval_core import load_framework

    c, d = load_framework("t-c").settings, load_framework("t-d").settings
    assert (c.places, c.reverse, c.equivalents) == (3, "linear", (("按时完成", "按期完成"),))
    # a list of wordings adds to the inherited one
    assert (d.places, d.reverse, d.equivalents) == (
        3,
        "linear",
        (("按时完成", "按期完成"), ("是", "已完成")),
    )


# -- accepted wordings ---------------------------------------------------------------------------

WORDS = """\
total = 20
{settings}
[[indicators]]
name = "产出指标"
children = [
  {{ name = "完成及时性", weight = 10, target = "按期完成" }},
  {{ name = "社会效益", weight = 10, target = "达成年度指标" }},
]
"""


def words(ident: str, on_time: str, effect: str) -> dict:
    card = score(
        loads_evaluation(f"""\
framework = "{ident}"
[project]
name = "测试项目"
[[indicators]]
name = "产出指标"
children = [
  {{ name = "完成及时性", actual = "{on_time}" }},
  {{ name = "社会效益", actual = "{effect}" }},
]
""")
    )
    return {leaf.path[-1]: leaf.score for leaf in card.leaves}


def test_equivalents(folder):
    folder.write("t-plain", WORDS.format(settings=""))
    folder.write(
        "t-words",
        WORDS.format(
            settings='[settings]\nequivalents = [["按时完成", "按期完成"'
            '], ["达成年度指标", "全面完成"]]'
        ),
    )
    # 按时完成 is an answer of the default settings.met (a target reached); 全面完成 is not
    assert words("t-plain", "按时完成", "全面完成") == {"完成及时性": 10, "社会效益": None}
    assert words("t-plain", "提前完成", "全面完成") == {"完成及时性": 0, "社会效益": None}
    assert words("t-words", "按时完成", "全面完成") == {"完成及时性": 10, "社会效益": 10}
    assert words("t-words", "按期完成", "达成") == {"完成及时性": 10, "社会效益": 10}
    assert words("t-words", "延期完成", "全面完成") == {"完成及时性": 0, "社会效益": 10}


def test_equivalents_of_the_shipped_self_form():
    leaf = {
        leaf.path[-1]: leaf
        for leaf in score(load_evaluation(NATIONAL / "cz-2020-10-self.toml")).leaves
    }["培训完成及时性"]
    assert (leaf.indicator.target, leaf.indicator.actual, leaf.score) == (
        "按期完成",
        "按时完成",
        D(10),
    )


# -- budget figures -------------------------------------------------------------------------------


def budget_card(budget: str, leaf: str = "", framework: str = "cz-2020-10-self"):
    return score(
        loads_evaluation(f"""\
framework = "{framework}"
[project]
name = "预算测试"
unit = "测试单位"
year = 2025
[budget]
{budget}
[[indicators]]
name = "预算执行"
children = [ {{ name = "预算执行率"{leaf} }} ]
""")
    )


def test_budget_execution_computed_from_the_figures():
    card = budget_card("adjusted = 180\nexecuted = 171\nreceived = 150")
    [leaf] = [lf for lf in card.leaves if lf.path[-1] == "预算执行率"]
    assert (leaf.result.actual, leaf.score, leaf.recorded) == ("95.00%", D("9.50"), False)
    assert leaf.result.note == "10 × 95.00 / 100"
    # the figures above the budget give full points, never more
    card = budget_card("adjusted = 100\nexecuted = 104")
    assert card.leaves[0].score == 10 and card.leaves[0].result.met


def test_budget_execution_denominator_is_the_frameworks():
    figures = "adjusted = 200\nreceived = 160\nexecuted = 152"
    self_form = budget_card(figures).leaves[0]
    assert (self_form.result.actual, self_form.score) == ("76.00%", D("7.60"))  # 152 / 200
    # a county re-declares the leaf's rule: executed / received = 152 / 160 = 95 %
    county = budget_card(
        figures, ', rule = { kind = "ratio", numerator = "executed", denominator = "received" }'
    ).leaves[0]
    assert (county.result.actual, county.score) == ("95.00%", D("9.50"))


def test_department_budget_leaves():
    card = score(load_evaluation(NATIONAL / "cz-2020-10-department.toml"))
    by = {leaf.path[-1]: leaf for leaf in card.leaves}
    assert (by["资金到位率"].result.actual, by["资金到位率"].score) == ("93.75%", D("3.75"))
    assert (by["预算执行率"].result.actual, by["预算执行率"].score) == ("98.00%", D("3.92"))


def test_a_missing_figure_gives_a_clear_note(tmp_path, capsys):
    card = budget_card("adjusted = 180")
    leaf = card.leaves[0]
    assert (leaf.score, leaf.result.note) == (None, "budget figure 'executed' is missing")
    assert not card.complete
    no_budget = budget_card("").leaves[0]  # an empty [budget]
    assert no_budget.result.note == "budget figure 'executed' is missing"
    # perfeval check reports it as a leaf without a score
    path = tmp_path / "e.toml"
    path.write_text(
        (NATIONAL / "cz-2020-10-self.toml")
        .read_text("utf-8")
        .replace("executed = 171     # 全年执行数\n", ""),
        "utf-8",
    )
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert (
        "error[E105] 预算执行 › 预算执行率: no score (budget figure 'executed' is missing)" in out
    )


def test_a_recorded_score_stands_beside_the_formula():
    leaf = budget_card("adjusted = 100\nexecuted = 90", ", score = 8").leaves[0]
    assert (leaf.score, leaf.result.score, leaf.recorded) == (D(8), D("9.00"), True)


# -- numbers in their own columns; a zero target ----------------------------------------------------


def test_comparator_and_unit_columns(folder):
    folder.write(
        "t-cols",
        """\
[[indicators]]
name = "产出指标"
children = [
  { name = "单位成本", weight = 50, target = "500", comparator = "≤", unit = "元" },
  { name = "培训人数", weight = 50, target = "300", comparator = "≥", unit = "人次" },
]
""",
    )
    card = score(
        loads_evaluation("""\
framework = "t-cols"
[project]
name = "列"
[[indicators]]
name = "产出指标"
children = [
  { name = "单位成本", actual = "625" },
  { name = "培训人数", actual = "330" },
]
""")
    )
    cost, people = card.leaves
    assert (str(cost.target), cost.result.note, cost.score) == (
        "≤500元",
        "50 × 500 / 625",
        D("40.00"),
    )
    assert (str(people.target), str(people.actual), people.score) == ("≥300人次", "330人次", 50)


def test_cost_saving_rate_below_a_zero_target_scores_nothing():
    card = score(load_evaluation(NATIONAL / "cz-2020-10-department.toml"))
    leaf = {lf.path[-1]: lf for lf in card.leaves}["成本节约率"]
    assert (leaf.indicator.target, leaf.indicator.actual) == ("≥0%", "-3%")
    assert (leaf.score, leaf.result.met) == (D(0), False)


# -- not applicable ---------------------------------------------------------------------------


def test_not_applicable_in_the_department_example(capsys):
    path = NATIONAL / "cz-2020-10-department.toml"
    card = score(load_evaluation(path))
    benefit = card.levels[3]
    assert (benefit.name, benefit.weight, benefit.score) == ("效益", 30, D("29.40"))
    [group] = benefit.children
    assert [(c.path[-1], c.weight) for c in group.children] == [
        ("经济效益", 6),
        ("社会效益", 12),
        ("可持续影响", 6),
        ("服务对象满意度", 6),
    ]
    assert group.children[-1].result.note.endswith("× 81 / 90")
    assert card.max == 100
    # no spurious findings: the groups still add up to their stated weights and to 100
    assert main(["check", "--json", str(path)]) == 0
    [data] = json.loads(capsys.readouterr().out)
    assert not [f for f in data["findings"] if f["code"] in ("E101", "E102", "E107")]


SCALE = """\
total = 100
[[indicators]]
name = "决策指标"
weight = 12
children = [
  { name = "甲", weight = 4, target = "充分" },
  { name = "乙", weight = 4, target = "规范" },
  { name = "丙", weight = 4, target = "合理" },
]
[[indicators]]
name = "产出指标"
weight = 88
children = [
  { name = "丁", weight = 44, target = "100%" },
  { name = "戊", weight = 44, target = "100%" },
]
"""


def scale_card(**extra: str):
    leaves = {
        "甲": 'actual = "充分"',
        "乙": 'actual = "规范"',
        "丙": 'actual = "合理"',
        "丁": 'actual = "100%"',
        "戊": 'actual = "90%"',
    }
    rows = {k: "{ name = " + f'"{k}", {v}{extra.get(k, "")}' + " }" for k, v in leaves.items()}
    text = f"""\
framework = "t-scale"
[project]
name = "测试"
unit = "测试单位"
year = 2025
[[indicators]]
name = "决策指标"
children = [ {rows["甲"]}, {rows["乙"]}, {rows["丙"]} ]
[[indicators]]
name = "产出指标"
children = [ {rows["丁"]}, {rows["戊"]} ]
"""
    return score(loads_evaluation(text))


def test_not_applicable_leaf_rescales_its_yiji_and_checks_stay_clean(folder):
    folder.write("t-scale", SCALE)
    card = scale_card(乙=", not_applicable = true")
    by = {leaf.path[-1]: leaf for leaf in card.leaves}
    # 乙's 4 points go to 甲 and 丙: 12 / 8 = 1.5 → 6 each; 产出指标 untouched
    assert [(n, by[n].weight, by[n].score) for n in by] == [
        ("甲", 6, 6),
        ("丙", 6, 6),
        ("丁", 44, 44),
        ("戊", 44, D("39.60")),
    ]
    assert [(lv.weight, lv.score) for lv in card.levels] == [(12, 12), (88, D("39.60") + 44)]
    assert (card.total, card.max) == (D("95.60"), 100)
    assert [f.code for f in run_checks(card) if f.severity == "error"] == []


def test_not_applicable_rounding_adds_up_exactly(folder):
    folder.write("t-scale", SCALE)
    card = scale_card(丁=", not_applicable = true", 甲=", not_applicable = true")
    by = {leaf.path[-1]: leaf for leaf in card.leaves}
    # 决策: 12 over 乙 and 丙 (4 + 4) → 6 + 6; 产出: 88 over 戊 alone → 88
    assert (by["乙"].weight, by["丙"].weight, by["戊"].weight) == (6, 6, 88)
    assert by["戊"].score == D("79.20")  # 88 × 90 / 100
    assert card.max == 100 and card.total == D("91.20")


def test_not_applicable_whole_yiji(folder):
    folder.write("t-scale", SCALE)
    card = scale_card(丁=", not_applicable = true", 戊=", not_applicable = true")
    # 产出指标 is gone; 决策指标 takes the whole 100: three leaves of 4 → 33.34 + 33.33 + 33.33
    assert [lv.indicator.name for lv in card.levels] == ["决策指标"]
    assert [leaf.weight for leaf in card.leaves] == [D("33.34"), D("33.33"), D("33.33")]
    assert (card.total, card.max) == (D(100), D(100))
    assert [f.code for f in run_checks(card) if f.severity == "error"] == []


def test_not_applicable_rescales_a_recorded_score(folder):
    folder.write("t-scale", SCALE)
    card = scale_card(乙=", not_applicable = true", 甲=', score = 3, basis = "一项依据不足"')
    by = {leaf.path[-1]: leaf for leaf in card.leaves}
    assert (by["甲"].weight, by["甲"].score) == (6, D("4.50"))  # 3 of 4 → 4.50 of 6


def test_rugao_examples_unchanged_by_a_not_applicable_elsewhere():
    """No leaf not applicable: nothing is rescaled (the 13 如皋 totals stay as published)."""
    totals = [
        score(load_evaluation(p)).total
        for p in sorted((ROOT / "examples" / "rugao-2024").glob("*.toml"))
    ]
    assert totals == [98, 99, 97, 99, 98, 99, 98, 98, 98, 99, 98, 99, 96]
