"""The fill-in workbook (``perfeval new --format xlsx``), filled in with openpyxl as a clerk
fills it in with Excel or WPS — typing into the white cells, choosing from the lists, using the
empty rows under a group for the project's own indicators — and imported back: the evaluation
scores as worked out by hand below, and equals the evaluation written by hand in TOML."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
from perfeval_core import from_spec, loads_evaluation, score
from perfeval_core._cli import main

from perfeval_import import import_file

HEADER = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "计量单位",
    "分值",
    "实际完成值",
)


def _blank(tmp_path: Path, framework: str) -> Path:
    target = tmp_path / f"{framework}.xlsx"
    assert main(["new", "--framework", framework, "--format", "xlsx", "-o", str(target)]) == 0
    return target


def _column(sheet, label: str) -> int:
    return next(c.column for c in sheet[1] if c.value == label)


def _fill_project(workbook, facts: dict[str, object]) -> None:
    sheet = workbook["项目信息"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in facts:
            row[1].value = facts[row[0].value]


def _fill_leaf(sheet, name: str, **values: object) -> None:
    """The clerk's entries on a framework's own row (its 三级指标 name is printed)."""
    row = next(r for r in sheet.iter_rows(min_row=2) if r[2].value == name)
    for label, value in values.items():
        sheet.cell(row[0].row, _column(sheet, label)).value = value


def _add_leaf(sheet, level1: str, level2: str | None, entries: dict[str, object]) -> None:
    """A project's own indicator, typed into the first empty row offered under ``level1`` (and
    ``level2`` when the framework names it)."""
    name_col = _column(sheet, "三级指标")
    for row in sheet.iter_rows(min_row=2):
        if row[0].value != level1 or row[name_col - 1].value:
            continue
        if level2 is not None and row[1].value not in (None, "", level2):
            continue
        for label, value in entries.items():
            sheet.cell(row[0].row, _column(sheet, label)).value = value
        return
    raise AssertionError(f"no empty row under {level1} {level2}")


def _leaves(card):
    return [
        (
            leaf.path,
            leaf.weight,
            leaf.score,
            "".join(leaf.target_text.split()),
            "".join(leaf.actual_text.split()),
        )
        for leaf in card.leaves
    ]


RUGAO_BY_HAND = """
framework = "rugao-2024"

[project]
unit = "如皋市人力资源和社会保障局"
name = "职业技能评价"
year = 2024
start = "2024-01"
end = "2024-12"

[[indicators]]
name = "决策指标"

[[indicators.children]]
name = "项目立项"
children = [
  { name = "立项依据充分性", actual = "充分" },
  { name = "立项程序规范性", actual = "规范" },
]

[[indicators.children]]
name = "绩效目标"
children = [
  { name = "绩效目标合理性", actual = "合理" },
  { name = "绩效指标明确性", actual = "明确" },
]

[[indicators.children]]
name = "资金投入"
children = [
  { name = "预算编制科学性", actual = "科学" },
  { name = "资金分配合理性", actual = "合理" },
]

[[indicators]]
name = "过程指标"

[[indicators.children]]
name = "资金管理"
children = [
  { name = "资金到位率", actual = "100%" },
  { name = "预算执行率", actual = "98%" },
  { name = "资金使用合规性", actual = "合规" },
]

[[indicators.children]]
name = "组织实施"
children = [
  { name = "管理制度及安全性", actual = "健全" },
  { name = "制度执行有效性", actual = "有效", score = 5, basis = "个别制度执行记录不全" },
]

[[indicators]]
name = "产出指标"

[[indicators.children]]
name = "数量指标"
children = [
  { name = "评价人数", target = "≥300人次", actual = "320人次", weight = 20 },
]

[[indicators.children]]
name = "质量指标"
children = [
  { name = "证书发放准确率", target = "=100%", actual = "100%", weight = 15 },
]

[[indicators]]
name = "效益指标"

[[indicators.children]]
name = "社会效益指标"
children = [
  { name = "持证人员就业率", target = "≥80%", actual = "76%", weight = 25 },
]

[[indicators]]
name = "满意度指标"

[[indicators.children]]
name = "满意度指标"
children = [
  { name = "参评人员满意度", target = "≥90%", actual = "95%", weight = 10 },
]
"""


def test_the_rugao_workbook_filled_in_scores_as_worked_out_by_hand(tmp_path):
    """By hand: 决策 6 leaves met = 12; 过程 资金到位率 3, 预算执行率 3 × 98 / 100 = 2.94,
    合规 4, 健全 2, 制度执行有效性 recorded 5 of 6 = 16.94; 产出 评价人数 320 ≥ 300 → 20,
    证书发放准确率 100% = 100% → 15; 效益 持证人员就业率 25 × 76 / 80 = 23.75; 满意度 95% ≥ 90%
    → 10. Total 12 + 16.94 + 35 + 23.75 + 10 = 97.69, 优."""
    path = _blank(tmp_path, "rugao-2024")
    workbook = openpyxl.load_workbook(path)
    _fill_project(
        workbook,
        {
            "填报单位": "如皋市人力资源和社会保障局",
            "项目名称": "职业技能评价",
            "项目实施年度": 2024,
            "项目实施开始时间(年/月)": "2024-01",
            "项目实施完成时间(年/月)": "2024-12",
        },
    )
    sheet = workbook["绩效指标"]
    for name, actual in (
        ("立项依据充分性", "充分"),
        ("立项程序规范性", "规范"),
        ("绩效目标合理性", "合理"),
        ("绩效指标明确性", "明确"),
        ("预算编制科学性", "科学"),
        ("资金分配合理性", "合理"),
        ("资金到位率", "100%"),
        ("预算执行率", 0.98),  # typed as 98%: Excel stores 0.98 with a % format
        ("资金使用合规性", "合规"),
        ("管理制度及安全性", "健全"),
    ):
        _fill_leaf(sheet, name, 实际完成值=actual)
        if name == "预算执行率":
            cell = next(r for r in sheet.iter_rows(min_row=2) if r[2].value == name)
            sheet.cell(cell[0].row, _column(sheet, "实际完成值")).number_format = "0%"
    _fill_leaf(sheet, "制度执行有效性", 实际完成值="有效", 得分=5, 评分依据="个别制度执行记录不全")
    _add_leaf(
        sheet,
        "产出指标",
        None,
        {"二级指标": "数量指标", "三级指标": "评价人数", "指标性质": "≥", "指标值": 300,
         "计量单位": "人次", "分值": 20, "实际完成值": 320},
    )  # fmt: skip
    _add_leaf(
        sheet,
        "产出指标",
        None,
        {"二级指标": "质量指标", "三级指标": "证书发放准确率", "指标性质": "=", "指标值": 100,
         "计量单位": "%", "分值": 15, "实际完成值": 100},
    )  # fmt: skip
    _add_leaf(
        sheet,
        "效益指标",
        None,
        {"二级指标": "社会效益指标", "三级指标": "持证人员就业率", "指标性质": "≥", "指标值": 80,
         "计量单位": "%", "分值": 25, "实际完成值": 76},
    )  # fmt: skip
    _add_leaf(
        sheet,
        "满意度指标",
        None,
        {"二级指标": "满意度指标", "三级指标": "参评人员满意度", "指标性质": "≥", "指标值": 90,
         "计量单位": "%", "分值": 10, "实际完成值": 95},
    )  # fmt: skip
    filled = tmp_path / "filled.xlsx"
    workbook.save(filled)

    [imported] = import_file(filled).evaluations
    assert imported.kind == "填报表"
    assert imported.spec.framework == "rugao-2024"
    card = score(from_spec(imported.spec))
    assert card.total == Decimal("97.69") and card.grade_label == "优"
    by_hand = score(loads_evaluation(RUGAO_BY_HAND))
    assert by_hand.total == Decimal("97.69")
    assert _leaves(card) == _leaves(by_hand)
    assert imported.spec.project == by_hand.evaluation.spec.project
    scores = {leaf.path[-1]: leaf.score for leaf in card.leaves}
    assert scores["预算执行率"] == Decimal("2.94") and scores["持证人员就业率"] == Decimal("23.75")


NATIONAL_BY_HAND = """
framework = "cz-2020-10-self"

[project]
name = "职业技能提升培训"
year = 2024
department = "示例县人力资源和社会保障局"
implementer = "示例县职业技能培训指导中心"

[goal]
target = "培训 300 人次以上，合格率不低于 95%。"
actual = "培训 320 人次，合格率 96%。"

[budget]
unit = "万元"
initial = 200
adjusted = 180
received = 180
executed = 171
reason = "部分实训项目延至次年开班。"

[budget.sources.fiscal]
initial = 200
adjusted = 180
executed = 171

[[indicators]]
name = "产出指标"

[[indicators.children]]
name = "数量指标"
children = [
  { name = "培训人数", target = "≥300人次", actual = "320人次", weight = 20 },
]

[[indicators.children]]
name = "质量指标"
children = [
  { name = "培训合格率", target = "≥95%", actual = "96%", weight = 15 },
]

[[indicators.children]]
name = "时效指标"
children = [
  { name = "培训按期完成率", target = "≥100%", actual = "100%", weight = 15 },
]

[[indicators.children]]
name = "成本指标"
drop = true

[[indicators]]
name = "效益指标"

[[indicators.children]]
name = "经济效益指标"
drop = true

[[indicators.children]]
name = "社会效益指标"
children = [
  { name = "培训带动就业作用", comparator = "定性", target = "明显", actual = "部分达成年度指标并具有一定效果", weight = 15, score = 10, basis = "部分学员尚未就业" },
]

[[indicators.children]]
name = "生态效益指标"
drop = true

[[indicators.children]]
name = "可持续影响指标"
children = [
  { name = "培训长效机制", comparator = "定性", target = "健全", actual = "达成年度指标", weight = 15, score = 15 },
]

[[indicators]]
name = "满意度指标"

[[indicators.children]]
name = "服务对象满意度指标"
children = [
  { name = "参训学员满意度", target = "≥90%", actual = "93%", weight = 10 },
]
"""


def test_the_national_workbook_filled_in_scores_as_worked_out_by_hand(tmp_path):
    """By hand: 预算执行率 = 171 / 180 = 95% → 10 × 0.95 = 9.5; 产出 20 + 15 + 15 = 50 (each
    met); 效益 培训带动就业作用 部分达成, recorded 10 (inside 60–<80 % of 15), 培训长效机制
    达成, recorded 15 = 25; 满意度 93% ≥ 90% → 10. Total 9.5 + 50 + 25 + 10 = 94.5, 优."""
    path = _blank(tmp_path, "cz-2020-10-self")
    workbook = openpyxl.load_workbook(path)
    _fill_project(
        workbook,
        {
            "项目名称": "职业技能提升培训",
            "项目实施年度": 2024,
            "主管部门": "示例县人力资源和社会保障局",
            "实施单位": "示例县职业技能培训指导中心",
        },
    )
    goal = workbook["年度目标"]
    goal["A2"] = "培训 300 人次以上，合格率不低于 95%。"
    goal["B2"] = "培训 320 人次，合格率 96%。"
    budget = workbook["项目资金"]
    assert budget["B1"].value == "万元"
    for row in budget.iter_rows(min_row=4):
        if row[0].value in ("年度资金总额", "其中：当年财政拨款"):
            row[1].value, row[2].value, row[4].value = 200, 180, 171
            if row[0].value == "年度资金总额":
                row[3].value = 180
                row[5].value = "部分实训项目延至次年开班。"
    sheet = workbook["绩效指标"]
    for level2, entries in (
        ("数量指标", {"三级指标": "培训人数", "指标性质": "≥", "指标值": 300, "计量单位": "人次",
                      "分值": 20, "实际完成值": 320}),
        ("质量指标", {"三级指标": "培训合格率", "指标性质": "≥", "指标值": 95, "计量单位": "%",
                      "分值": 15, "实际完成值": 96}),
        ("时效指标", {"三级指标": "培训按期完成率", "指标性质": "≥", "指标值": 100,
                      "计量单位": "%", "分值": 15, "实际完成值": 100}),
    ):  # fmt: skip
        _add_leaf(sheet, "产出指标", level2, entries)
    _add_leaf(
        sheet,
        "效益指标",
        "社会效益指标",
        {"三级指标": "培训带动就业作用", "指标性质": "定性", "指标值": "明显", "分值": 15,
         "实际完成值": "部分达成年度指标并具有一定效果", "得分": 10,
         "评分依据": "部分学员尚未就业"},
    )  # fmt: skip
    _add_leaf(
        sheet,
        "效益指标",
        "可持续影响指标",
        {"三级指标": "培训长效机制", "指标性质": "定性", "指标值": "健全", "分值": 15,
         "实际完成值": "达成年度指标", "得分": 15},
    )  # fmt: skip
    _add_leaf(
        sheet,
        "满意度指标",
        "服务对象满意度指标",
        {"三级指标": "参训学员满意度", "指标性质": "≥", "指标值": 90, "计量单位": "%",
         "分值": 10, "实际完成值": 93},
    )  # fmt: skip
    filled = tmp_path / "filled.xlsx"
    workbook.save(filled)

    [imported] = import_file(filled).evaluations
    assert imported.kind == "填报表"
    card = score(from_spec(imported.spec))
    assert card.total == Decimal("94.5") and card.grade_label == "优"
    by_hand = score(loads_evaluation(NATIONAL_BY_HAND))
    assert by_hand.total == Decimal("94.5")
    assert _leaves(card) == _leaves(by_hand)
    spec, hand = imported.spec, by_hand.evaluation.spec
    assert (spec.project, spec.goal, spec.budget) == (hand.project, hand.goal, hand.budget)


def test_a_workbook_without_a_project_name_is_one_error_naming_the_cell(tmp_path, capsys):
    """Nothing filled in: no 项目名称 — one error naming the file and the cell, nothing written,
    exit 2."""
    path = _blank(tmp_path, "cz-2020-10-self")
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["import", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[:2] == [
        (
            f"perfeval: error: {path}: the fill-in workbook names no project: 项目名称 on the "
            "项目信息 sheet is empty"
        ),
        "  hint: type the project's name in 项目信息!B3 and import the workbook again",
    ]
    assert not out.exists()
