"""The fill-in workbook (``perfeval new --format xlsx``): a framework's evaluation as a workbook a
clerk fills in with Excel or WPS, and ``perfeval import`` reads back.

One sheet per block — 项目信息, 年度目标, 项目资金, 绩效指标 — after a sheet of instructions
(填表说明). Labels and what the framework fixes (its indicators' names, targets, weights) are
locked and grey; the cells to fill in are white. Drop-down lists offer the 定性 answers, 是 / 否
and the comparators; a sheet protection without a password keeps the labels in place (a clerk
may still insert rows). The labels are the forms' own words (年初预算数, 三级指标 …), so the
general recogniser reads the workbook back; a very hidden sheet names the framework it was
made for, so nothing needs guessing. Filling it in and importing it equals writing the TOML by
hand.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, BinaryIO

from perfeval_core import (
    EvaluationSpec,
    Framework,
    Indicator,
    ProjectSpec,
    Rule,
    format_number,
    from_spec,
    target_value,
)

from .payload import FILL_IN_MARK, SHEET

#: Empty rows offered under a group where the project adds its own indicators.
SLOT_ROWS = 5
#: The comparators the 指标性质 column offers.
COMPARATORS = ["≥", "≤", "=", ">", "<", "定性"]
#: What the actual of a leaf computed from the budget figures says in the workbook.
COMPUTED = "（由项目资金计算）"
#: The workbook's date (fixed: the same framework gives the same bytes).
_EPOCH = datetime.datetime(2000, 1, 1)
#: The sheets, in order.
SHEETS = ("填表说明", "项目信息", "年度目标", "项目资金", "绩效指标")
#: 项目信息: the label of each fact, the TOML key, and a note.
PROJECT_ROWS = (
    ("填报单位", "unit", ""),
    ("项目名称", "name", "必填"),
    ("项目编码", "code", "预算管理一体化系统的项目编码，按文本填写"),
    ("项目实施年度", "year", "四位数字，如 2025"),
    ("项目实施开始时间(年/月)", "start", "如 2025-01"),
    ("项目实施完成时间(年/月)", "end", "如 2025-12"),
    ("主管部门", "department", ""),
    ("实施单位", "implementer", ""),
    ("项目实施内容", "content", "简述项目实施的内容"),
)


def name_cell() -> str:
    """Where the fill-in workbook takes the project's name (项目信息!B3)."""
    row = 2 + [key for _, key, _ in PROJECT_ROWS].index("name")
    return f"{SHEETS[1]}!B{row}"


#: 项目资金: the rows (the total, then the sources of the money) and the columns.
BUDGET_ROWS = (
    ("年度资金总额", "total"),
    ("其中：当年财政拨款", "fiscal"),
    ("上年结转资金", "carryover"),
    ("财政专户管理资金", "special_account"),
    ("单位资金", "own"),
    ("其他资金", "other"),
)
BUDGET_COLUMNS = (
    ("年初预算数", "initial"),
    ("全年预算数", "adjusted"),
    ("实际到位资金", "received"),
    ("全年执行数", "executed"),
)
INSTRUCTIONS = (
    (
        "本工作簿由 perfeval 按指标体系“{title}”（{id}）生成，用 Excel 或 WPS 填写后，"
        "用 perfeval import 本文件 -o 输出文件夹 导入，即得到该项目的评价文件（TOML）。"
    ),
    "1. 灰色单元格是表头和指标体系规定的内容，已锁定，不能修改；白色单元格是填写处。",
    "2. 在“项目信息”表填写项目的基本情况；项目实施年度填四位数字，开始、完成时间按 2025-01 的格式填写。",
    "3. 在“年度目标”表填写年初设定的预期目标和年度实际完成情况。",
    (
        "4. 在“项目资金”表先选择金额单位（万元或元），再填写各项资金的年初预算数、全年预算数、"
        "实际到位资金和全年执行数；预算执行率低于要求时在“原因”栏说明。"
    ),
    (
        "5. 在“绩效指标”表逐项填写实际完成值；定性指标和是否类指标请从下拉列表中选择。"
        "得分可以不填，由指标的评分规则计算；填写的得分与规则不同或有扣分时，请在“评分依据”栏写明理由。"
    ),
    (
        "6. 指标体系留给项目设置的指标（一级、二级已给出的空行），请填写三级指标名称、指标性质、"
        "指标值、计量单位和分值，再填实际完成值；不用的空行保持空白即可。行不够时可以插入行。"
    ),
    "7. 请不要修改表头、删除或重命名工作表。",
)


def write_fill_in(framework: Framework, stream: BinaryIO, ref: str) -> None:
    """Write the fill-in workbook for ``framework`` to ``stream``; ``ref`` is what the
    workbook names as its framework (an id, or the framework file's path)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        stream,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_format_properties": {"font_name": "宋体", "font_size": 11},
        },
    )
    workbook.set_properties(
        {
            "title": f"绩效自评填报表：{framework.title}",
            "subject": framework.id,
            "author": "perfeval",
            "created": _EPOCH,
        }
    )
    formats = _formats(workbook)
    _instructions(workbook.add_worksheet(SHEETS[0]), framework, formats)
    _project(workbook.add_worksheet(SHEETS[1]), formats)
    _goal(workbook.add_worksheet(SHEETS[2]), formats)
    _budget(workbook.add_worksheet(SHEETS[3]), formats)
    _indicators(workbook.add_worksheet(SHEETS[4]), framework, formats)
    for sheet in workbook.worksheets():
        _page(sheet)
    hidden = workbook.add_worksheet(SHEET)
    hidden.write_string(0, 0, FILL_IN_MARK)
    hidden.write_string(1, 0, ref)
    hidden.very_hidden()
    workbook.close()


def _formats(workbook: Any) -> dict[str, Any]:
    base = {
        "font_name": "宋体",
        "font_size": 11,
        "border": 1,
        "valign": "vcenter",
        "text_wrap": True,
        "font_scheme": "none",
    }
    return {
        "title": workbook.add_format(
            {"font_name": "黑体", "font_size": 16, "bold": True, "font_scheme": "none"}
        ),
        "text": workbook.add_format(
            {
                "font_name": "宋体",
                "font_size": 11,
                "text_wrap": True,
                "valign": "top",
                "font_scheme": "none",
            }
        ),
        "head": workbook.add_format(
            {**base, "bold": True, "align": "center", "bg_color": "#D9D9D9"}
        ),
        "label": workbook.add_format({**base, "bg_color": "#EDEDED"}),
        "fixed": workbook.add_format({**base, "bg_color": "#EDEDED"}),
        "fixed_number": workbook.add_format({**base, "bg_color": "#EDEDED", "align": "center"}),
        "note": workbook.add_format(
            {**base, "bg_color": "#EDEDED", "font_color": "#595959", "font_size": 9}
        ),
        "input": workbook.add_format({**base, "locked": False}),
        "input_text": workbook.add_format({**base, "locked": False, "num_format": "@"}),
        "input_number": workbook.add_format({**base, "locked": False, "align": "center"}),
    }


def _page(sheet: Any) -> None:
    """Printed on A4 landscape, as wide as one page (a clerk prints the sheet to check it)."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)


def _protect(sheet: Any) -> None:
    sheet.protect(
        "",
        {
            "insert_rows": True,
            "format_columns": True,
            "format_rows": True,
            "select_locked_cells": True,
            "select_unlocked_cells": True,
        },
    )


def _instructions(sheet: Any, framework: Framework, f: dict[str, Any]) -> None:
    sheet.set_column(0, 0, 100)
    sheet.write_string(0, 0, "项目支出绩效自评填报说明", f["title"])
    for i, line in enumerate(INSTRUCTIONS, start=2):
        sheet.write_string(i, 0, line.format(title=framework.title, id=framework.id), f["text"])
        sheet.set_row(i, 15 * (1 + len(line) // 52))
    sheet.activate()
    _protect(sheet)


def _project(sheet: Any, f: dict[str, Any]) -> None:
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 2, 36)
    sheet.write_row(0, 0, ["项目", "内容", "说明"], f["head"])
    for r, (label, key, note) in enumerate(PROJECT_ROWS, start=1):
        sheet.write_string(r, 0, label, f["label"])
        sheet.write_blank(r, 1, None, f["input_text"] if key != "year" else f["input_number"])
        sheet.write_string(r, 2, note, f["note"])
        if key == "year":
            sheet.data_validation(
                r,
                1,
                r,
                1,
                {
                    "validate": "integer",
                    "criteria": "between",
                    "minimum": 1949,
                    "maximum": 2100,
                    "error_title": "项目实施年度",
                    "error_message": "请填写四位数字的年份，如 2025",
                },
            )
        if key == "content":
            sheet.set_row(r, 60)
    _protect(sheet)


def _goal(sheet: Any, f: dict[str, Any]) -> None:
    sheet.set_column(0, 1, 60)
    sheet.write_row(0, 0, ["预期目标", "实际完成情况"], f["head"])
    sheet.write_blank(1, 0, None, f["input_text"])
    sheet.write_blank(1, 1, None, f["input_text"])
    sheet.set_row(1, 150)
    _protect(sheet)


def _budget(sheet: Any, f: dict[str, Any]) -> None:
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, len(BUDGET_COLUMNS), 14)
    sheet.set_column(len(BUDGET_COLUMNS) + 1, len(BUDGET_COLUMNS) + 1, 40)
    sheet.write_string(0, 0, "金额单位", f["label"])
    sheet.write_string(0, 1, "万元", f["input"])
    sheet.data_validation(
        0,
        1,
        0,
        1,
        {
            "validate": "list",
            "source": ["万元", "元"],
            "error_title": "金额单位",
            "error_message": "请选择 万元 或 元",
        },
    )
    sheet.write_row(2, 0, ["资金来源", *(label for label, _ in BUDGET_COLUMNS), "原因"], f["head"])
    for r, (label, source) in enumerate(BUDGET_ROWS, start=3):
        sheet.write_string(r, 0, label, f["label"])
        for c, (_, key) in enumerate(BUDGET_COLUMNS, start=1):
            only_total = key == "received" and source != "total"  # 实际到位资金: the total's
            sheet.write_blank(r, c, None, f["fixed"] if only_total else f["input_number"])
        reason = len(BUDGET_COLUMNS) + 1
        if source == "total":
            sheet.write_blank(r, reason, None, f["input_text"])
        else:
            sheet.write_blank(r, reason, None, f["fixed"])
    last = 3 + len(BUDGET_ROWS) - 1
    sheet.data_validation(
        3,
        1,
        last,
        len(BUDGET_COLUMNS),
        {
            "validate": "decimal",
            "criteria": ">=",
            "value": 0,
            "error_title": "金额",
            "error_message": "请填写不小于 0 的数字（按所选金额单位）",
        },
    )
    _protect(sheet)


def _indicators(sheet: Any, framework: Framework, f: dict[str, Any]) -> None:
    rules = from_spec(
        EvaluationSpec(framework=framework.id, project=ProjectSpec(name="-")), registry=None
    ).rules
    depth = max((len(path) for path in _leaf_paths(framework.indicators)), default=3)
    depth = max(depth, 3)
    level_names = ["一级指标", "二级指标", "三级指标", "四级指标"][:depth]
    head = [
        *level_names,
        "指标性质",
        "指标值",
        "计量单位",
        "分值",
        "实际完成值",
        "得分",
        "评分依据",
        "评分方法",
    ]
    widths = [18] * (depth - 1) + [30, 8, 14, 8, 7, 16, 7, 30, 44]  # 1.9 a Chinese character
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    sheet.write_row(0, 0, head, f["head"])
    sheet.freeze_panes(1, depth)
    col = {
        name: depth + i
        for i, name in enumerate(
            ("comparator", "target", "unit", "weight", "actual", "score", "basis", "note")
        )
    }
    r = 1
    for path, kind, leaf in _rows(framework.indicators):
        names = list(path)
        if kind == "leaf":
            assert leaf is not None
            rule = rules[path]
            for c, name in enumerate(names[:-1]):
                sheet.write_string(r, c, name, f["fixed"])
            for c in range(len(names) - 1, depth - 1):
                sheet.write_blank(r, c, None, f["fixed"])  # a leaf above the last level
            sheet.write_string(r, depth - 1, names[-1], f["fixed"])
            _leaf(sheet, r, col, leaf, rule, framework, f)
        else:
            for c in range(depth):
                if c < len(names):
                    sheet.write_string(r, c, names[c], f["fixed"])
                else:
                    sheet.write_blank(r, c, None, f["input_text"])
            for name in ("comparator", "target", "unit", "actual", "basis"):
                sheet.write_blank(r, col[name], None, f["input_text"])
            sheet.write_blank(r, col["weight"], None, f["input_number"])
            sheet.write_blank(r, col["score"], None, f["input_number"])
            sheet.write_string(
                r, col["note"], "项目自设指标：填名称、指标性质、指标值、分值", f["note"]
            )
            sheet.data_validation(
                r,
                col["comparator"],
                r,
                col["comparator"],
                {
                    "validate": "list",
                    "source": COMPARATORS,
                    "error_title": "指标性质",
                    "error_message": "请选择 ≥ ≤ = > < 或 定性",
                },
            )
        r += 1
    sheet.data_validation(
        1,
        col["weight"],
        max(r - 1, 1),
        col["score"],
        {
            "validate": "decimal",
            "criteria": ">=",
            "value": 0,
            "error_title": "分值 / 得分",
            "error_message": "请填写不小于 0 的数字",
        },
    )
    sheet.autofilter(0, 0, max(r - 1, 1), len(head) - 1)
    _protect(sheet)


def _leaf(
    sheet: Any,
    r: int,
    col: dict[str, int],
    leaf: Indicator,
    rule: Rule,
    framework: Framework,
    f: dict[str, Any],
) -> None:
    sheet.write_string(r, col["comparator"], leaf.comparator or "", f["fixed"])
    sheet.write_string(r, col["target"], leaf.target or "", f["fixed"])
    sheet.write_string(r, col["unit"], leaf.unit or "", f["fixed"])
    if leaf.not_applicable:
        sheet.write_string(r, col["weight"], "不适用", f["input_number"])
    else:
        sheet.write_number(r, col["weight"], float(leaf.weight), f["fixed_number"])
    effective = rule.resolve(target_value(leaf))
    if rule.computes_actual:
        sheet.write_string(r, col["actual"], COMPUTED, f["fixed"])
    else:
        sheet.write_blank(r, col["actual"], None, f["input_text"])
        answers = _answers(effective, leaf, framework)
        if answers:
            sheet.data_validation(
                r,
                col["actual"],
                r,
                col["actual"],
                {
                    "validate": "list",
                    "source": answers,
                    "error_type": "warning",
                    "error_title": "实际完成值",
                    "error_message": "建议从下拉列表中选择",
                },
            )
    sheet.write_blank(r, col["score"], None, f["input_number"])
    sheet.write_blank(r, col["basis"], None, f["input_text"])
    note = f"{format_number(leaf.weight)} 分 · {effective.label}"
    if rule.computes_actual:
        note += " · 由项目资金计算"
    elif not effective.uses_actual():
        note += " · 请填写得分"
    if leaf.not_applicable:
        note += " · 可选项：适用时填写分值"
    sheet.write_string(r, col["note"], note, f["note"])


def _answers(rule: Rule, leaf: Indicator, framework: Framework) -> list[str]:
    """The drop-down of a leaf's actual: the 定性 answers, or 是 / 否."""
    answers = rule.answers(framework.settings)
    if answers:
        return list(answers)[:6]
    if rule.kind == "expect":
        target = (leaf.target or "").strip()
        if target in ("是", "否"):
            return ["是", "否"]
        if target:
            return [target, *list(framework.settings.answers())[1:3]]
    return []


def _leaf_paths(
    nodes: tuple[Indicator, ...], parent: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    for node in nodes:
        path = (*parent, node.name)
        if node.is_group and node.children:
            yield from _leaf_paths(node.children, path)
        else:
            yield path if not node.is_group else (*path, "")


def _rows(
    nodes: tuple[Indicator, ...], parent: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], str, Indicator | None]]:
    """The rows of 绩效指标: a leaf of the framework, or an empty row under a group where the
    project adds its own (a group without indicators, or one whose weight its leaves do not
    fill)."""
    for node in nodes:
        path = (*parent, node.name)
        if not node.is_group:
            yield path, "leaf", node
            continue
        yield from _rows(node.children, path)
        leaves = [leaf for _, leaf in node.leaves()]
        fixed = sum((leaf.weight for leaf in leaves), Decimal(0))
        open_slot = not node.children or (
            node.stated_weight is not None
            and fixed < node.stated_weight
            and all(not c.is_group for c in node.children)
        )
        if open_slot:
            for _ in range(SLOT_ROWS):
                yield path, "slot", None
