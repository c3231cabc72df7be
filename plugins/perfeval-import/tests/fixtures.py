"""Small files in the style of real system exports and clerks' copies, built directly with
openpyxl, xlwt, python-docx and reportlab (never through perfeval's exporters).

Each `*_xlsx`/`*_docx`/`*_pdf` function writes one file into a folder and returns its path; the
layouts follow the national 项目支出绩效自评表 (财预〔2020〕10号 附件2), the 四川 variant
(510000_0013zp), a 云南-style grid with the comparator and unit in their own columns, and the
绩效目标申报表.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

# -- content -----------------------------------------------------------------------------------


@dataclass
class Leaf:
    level1: str
    level2: str
    name: str
    target: Any
    actual: Any
    points: Any
    score: Any
    reason: str = ""


NATIONAL_LEAVES = [
    Leaf("产出指标", "数量指标", "培训人数", "≥500人次", "526人次", 10, 10),
    Leaf("产出指标", "数量指标", "开展技能竞赛次数", "≥8次", "10", 10, 10),
    Leaf("产出指标", "质量指标", "培训合格率", "≥95%", "97.2%", 10, 10),
    Leaf("产出指标", "时效指标", "培训按期完成率", "100%", "100%", 10, 10),
    Leaf("产出指标", "成本指标", "人均培训成本", "≤1200元", "1150元", 10, 10),
    Leaf("效益指标", "经济效益指标", "", "", "", "", ""),
    Leaf(
        "效益指标",
        "社会效益指标",
        "参培人员就业率",
        "≥80%",
        "76%",
        15,
        14.25,
        "部分学员继续深造，下年加强就业跟踪",
    ),
    Leaf("效益指标", "可持续影响指标", "培训机制长效运行", "有效", "有效", 15, 15),
    Leaf("满意度指标", "服务对象满意度指标", "参培学员满意度", "≥90%", "96%", 10, 10),
]


@dataclass
class Project:
    name: str
    department: str = "某市人力资源和社会保障局"
    unit: str = "某市职业技能鉴定指导中心"
    budget: list[list[Any]] = field(
        default_factory=lambda: [
            # label, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分
            ["年度资金总额", 120, 150, 142.5, 10, "95%", 9.5],
            ["其中：当年财政拨款", 100, 130, 125, "—", "—", "—"],
            ["上年结转资金", 20, 20, 17.5, "—", "—", "—"],
            ["其他资金", 0, 0, 0, "—", "—", "—"],
        ]
    )
    goal: str = "完成全年职业技能培训500人次，培训合格率不低于95%。"
    outcome: str = "全年培训526人次，合格率97.2%，学员满意度96%。"
    leaves: list[Leaf] = field(default_factory=lambda: list(NATIONAL_LEAVES))
    total: Any = 98.75


GRID_HEADER = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
]
BUDGET_HEADER = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]


def groups(values: list[str]) -> list[tuple[int, int]]:
    """(first, last) index of each run of equal values."""
    runs: list[tuple[int, int]] = []
    for i, value in enumerate(values):
        if runs and values[runs[-1][0]] == value:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


# -- the national form on a worksheet ----------------------------------------------------------

MERGED = "merged"  # value only in the top-left cell of each merged range
REPEATED = "repeated"  # merged ranges, the value written into every cell of the range
FLATTENED = "flattened"  # no merges at all, labels repeated on every row


def write_national(
    ws: Worksheet,
    project: Project,
    top: int = 1,
    style: str = MERGED,
    repeat_header_after: int | None = None,
) -> int:
    """Write the national 自评表 for `project` from row `top` (1-based) in columns A–I; return
    the next free row. `repeat_header_after` repeats the grid header after that many leaves,
    as a form continued on a second page."""

    def put(
        row: int, col: int, value: Any, to_row: int | None = None, to_col: int | None = None
    ) -> None:
        to_row, to_col = to_row or row, to_col or col
        if style == MERGED or (to_row, to_col) == (row, col):
            ws.cell(row, col, value)
            if (to_row, to_col) != (row, col):
                ws.merge_cells(start_row=row, start_column=col, end_row=to_row, end_column=to_col)
            return
        for r in range(row, to_row + 1):
            for c in range(col, to_col + 1):
                ws.cell(r, c, value)
        if style == REPEATED:
            ws.merged_cells.add(f"{_a1(row, col)}:{_a1(to_row, to_col)}")

    r = top
    put(r, 1, "项目支出绩效自评表", to_col=9)
    put(r + 1, 1, "（2024年度）", to_col=9)
    put(r + 2, 1, "项目名称", to_col=2)
    put(r + 2, 3, project.name, to_col=9)
    put(r + 3, 1, "主管部门", to_col=2)
    put(r + 3, 3, project.department, to_col=5)
    put(r + 3, 6, "实施单位")
    put(r + 3, 7, project.unit, to_col=9)
    r += 4
    put(r, 1, "项目资金（万元）", to_row=r + len(project.budget), to_col=2)
    for j, head in enumerate(BUDGET_HEADER):
        put(r, 4 + j, head)
    for i, line in enumerate(project.budget, start=1):
        for j, value in enumerate(line):
            put(r + i, 3 + j, value)
    r += len(project.budget) + 1
    put(r, 1, "年度总体目标", to_row=r + 1)
    put(r, 2, "预期目标", to_col=5)
    put(r, 6, "实际完成情况", to_col=9)
    put(r + 1, 2, project.goal, to_col=5)
    put(r + 1, 6, project.outcome, to_col=9)
    r += 2
    leaves = project.leaves
    chunks = (
        [leaves]
        if repeat_header_after is None
        else [leaves[:repeat_header_after], leaves[repeat_header_after:]]
    )
    first_grid_row = r
    for chunk in chunks:
        for j, head in enumerate(GRID_HEADER):
            put(r, 2 + j, head)
        r += 1
        for first, last in groups([leaf.level1 for leaf in chunk]):
            put(r + first, 2, chunk[first].level1, to_row=r + last)
            for f2, l2 in groups([leaf.level2 for leaf in chunk[first : last + 1]]):
                put(r + first + f2, 3, chunk[first + f2].level2, to_row=r + first + l2)
        for i, leaf in enumerate(chunk):
            for j, value in enumerate(
                [leaf.name, leaf.target, leaf.actual, leaf.points, leaf.score, leaf.reason]
            ):
                put(r + i, 4 + j, value)
        r += len(chunk)
    put(first_grid_row, 1, "绩效指标", to_row=r - 1)
    put(r, 1, "总分", to_col=6)
    put(r, 7, 100)
    put(r, 8, project.total)
    return r + 1


def _a1(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}"


def _save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def _workbook(title: str) -> tuple[openpyxl.Workbook, Worksheet]:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    return wb, ws


# -- workbook fixtures, one per trait ----------------------------------------------------------

TRAINING = Project("职业技能提升培训项目")


def national_xlsx(folder: Path, style: str = MERGED, name: str = "national.xlsx") -> Path:
    """The national form, merged ranges with the value in the top-left only (or `style`)."""
    wb, ws = _workbook("自评表")
    write_national(ws, TRAINING, style=style)
    return _save(wb, folder / name)


def repeated_xlsx(folder: Path) -> Path:
    """The same merged ranges, the value repeated in every cell of each range."""
    return national_xlsx(folder, REPEATED, "repeated.xlsx")


def flattened_xlsx(folder: Path) -> Path:
    """No merges: 一级/二级 labels repeated on every row, as a flattening export writes them."""
    return national_xlsx(folder, FLATTENED, "flattened.xlsx")


def continued_xlsx(folder: Path) -> Path:
    """The grid continued on a second page: the header row repeated after five leaves."""
    wb, ws = _workbook("自评表")
    write_national(ws, TRAINING, repeat_header_after=5)
    return _save(wb, folder / "continued.xlsx")


def two_projects_xlsx(folder: Path) -> Path:
    """Two projects' forms on one sheet, one blank row between them."""
    wb, ws = _workbook("自评表")
    next_row = write_national(ws, TRAINING)
    write_national(ws, Project("就业见习补贴项目", total=99), top=next_row + 1)
    return _save(wb, folder / "two-projects.xlsx")


def per_sheet_xlsx(folder: Path) -> Path:
    """Three projects, one sheet each, and a hidden sheet of notes (填表说明)."""
    wb, ws = _workbook("培训项目")
    write_national(ws, TRAINING)
    write_national(wb.create_sheet("见习补贴"), Project("就业见习补贴项目", total=99))
    write_national(wb.create_sheet("创业补贴"), Project("创业担保贷款贴息项目", total=97))
    notes = wb.create_sheet("填表说明")
    notes["A1"] = "填表说明：1.金额单位为万元；2.定性指标填写达成年度指标等。"
    notes.sheet_state = "hidden"
    return _save(wb, folder / "per-sheet.xlsx")


def sichuan_xlsx(folder: Path) -> Path:
    """The 四川 form: 预算执行情况(10分) and 绩效指标(90分), 一级 labels with their points,
    指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析."""
    wb, ws = _workbook("510000_0013zp")
    rows: list[list[Any]] = [
        ["部门预算项目支出绩效自评表"],
        ["项目名称", "农村公路养护补助"],
        ["项目年度目标", "", "", "", "年度目标完成情况"],
        ["完成农村公路养护1200公里", "", "", "", "完成养护1260公里"],
        [
            "预算执行情况(10分)",
            "",
            "年初预算",
            "调整后预算数",
            "预算执行数",
            "预算执行率",
            "权重",
            "得分",
            "原因",
        ],
        ["", "总额", 500, 480, 470, 0.9792, 10, 9.79, ""],
        ["", "财政资金", 500, 480, 470, "/", "/", "/", "/"],
        [
            "绩效指标(90分)",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "完成值",
            "权重",
            "得分",
            "未完成原因分析",
        ],
        ["", "产出指标(50分)", "数量指标", "养护里程", "≥", 1200, "公里", 1260, 25, 25, ""],
        ["", "", "质量指标", "路况优良率", "≥", 85, "%", 88, 25, 25, ""],
        [
            "",
            "效益指标（30分）",
            "社会效益指标",
            "群众出行条件改善",
            "定性",
            "明显改善",
            "",
            "明显改善",
            30,
            30,
            "",
        ],
        [
            "",
            "满意度指标(10分)",
            "服务对象满意度指标",
            "沿线群众满意度",
            "≥",
            90,
            "%",
            95,
            10,
            10,
            "",
        ],
        ["合计", "", "", "", "", "", "", "", 100, 99.79, ""],
    ]
    # The 四川 sheet has 11 columns: a side label column, then the grid.
    for r, line in enumerate(rows, start=1):
        for c, value in enumerate(line, start=1):
            if value != "":
                ws.cell(r, c, value)
    ws["F6"].number_format = "0.00%"
    for rng in (
        "A1:K1",
        "B2:K2",
        "A3:D3",
        "E3:K3",
        "A4:D4",
        "E4:K4",
        "A5:B5",
        "A6:A7",
        "A8:A12",
        "B9:B10",
        "A13:H13",
    ):
        ws.merge_cells(rng)
    return _save(wb, folder / "sichuan.xlsx")


def yunnan_xlsx(folder: Path) -> Path:
    """A 云南-style grid: comparator (指标性质 ≧ ═ ≦ ＞ ＜ ﹦, a word, blank for 定性), value and
    unit in their own columns; full-width digits; line breaks and spaces inside cells."""
    wb, ws = _workbook("绩效自评")
    rows: list[list[Any]] = [
        [
            "一级\n指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因\n分析及改进措施",
        ],
        ["产出指标", "数量指标", "新建村级便民服务点", "≧", "１２", "个", "１２", 10, 10, ""],
        ["产出指标", "质量指标", "验收合格率", "═", "１００", "%", "１００％", 10, 10, ""],
        ["产出指标", "成本指标", "单点建设成本", "≦", 8, "万元", 7.6, 10, 10, ""],
        ["产出指标", "时效指标", "完工时间", "＜", 12, "月", 11, 10, 10, ""],
        ["效益指标", "社会效益指 标", "服务群众人次", "＞", "3000", "人次", "3250", 15, 15, ""],
        ["效益指标", "可持续影响指标", "OA system uptime", "﹦", 99.9, "%", 99.95, 15, 15, ""],
        [
            "效益指标",
            "可持续影响指标",
            "便民服务机制",
            "",
            "长效运行",
            "",
            "长效运行",
            10,
            9,
            "个别服务点\n人员不足",
        ],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "大于等于", 90, "%", 93, 10, 10, ""],
    ]
    for r, line in enumerate(rows, start=1):
        for c, value in enumerate(line, start=1):
            ws.cell(r, c, value)
    return _save(wb, folder / "yunnan.xlsx")


def declaration_xlsx(folder: Path) -> Path:
    """A 绩效目标申报表: a project code stored as a float, the budget in 元 under a 万元 label,
    template placeholder rows (指标1：, ……) and empty slots; targets and weights, no actuals."""
    wb, ws = _workbook("绩效目标申报表")
    rows: list[list[Any]] = [
        ["项目支出绩效目标申报表"],
        ["项目名称", "城乡居民基本医疗保险补助", "", "项目编码", 4.403062313915e20],
        ["项目资金（万元）", "年度资金总额", 1250000],
        ["", "其中：财政拨款", 1000000],
        ["", "其他资金", 250000],
        ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
        ["产出指标", "数量指标", "参保人数", "≥35万人", 20],
        ["", "", "指标1：", "", ""],
        ["", "", "指标2：", "", ""],
        ["", "质量指标", "……", "", ""],
        ["", "时效指标", "", "", ""],
        ["效益指标", "社会效益指标", "群众医疗负担减轻", "有效减轻", 30],
        ["", "", "…", "", ""],
        ["满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", 10],
    ]
    for r, line in enumerate(rows, start=1):
        for c, value in enumerate(line, start=1):
            if value != "":
                ws.cell(r, c, value)
    for rng in ("A1:E1", "B2:C2", "A3:A5", "A7:A11", "B7:B9", "A12:A13", "B12:B13"):
        ws.merge_cells(rng)
    return _save(wb, folder / "declaration.xlsx")


def typed_xlsx(folder: Path) -> Path:
    """A clerk's copy: numbers stored as text ('10', '９５'), text stored as numbers (a target
    of 100 typed as a number, a year as a number), and percentages as 0.95 under % formats."""
    wb, ws = _workbook("自评表")
    rows: list[list[Any]] = [
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["预算执行率", 1, 0.95, "10", "9.5"],
        ["培训合格率", 0.95, 0.972, "１０", 10],
        ["培训人数", 500, "526", 10, "10"],
        [2024, "年度", "", "", ""],
        ["计算误差", 0.1 + 0.2, 1e-05, 0.5, ""],
    ]
    for r, line in enumerate(rows, start=1):
        for c, value in enumerate(line, start=1):
            if value != "":
                ws.cell(r, c, value)
    for ref, fmt in (
        ("B2", "0%"),
        ("C2", "0.00%"),
        ("B3", "0%"),
        ("C3", '0.0"%"'),
        ("C6", "#,##0.00"),
    ):
        ws[ref].number_format = fmt
    return _save(wb, folder / "typed.xlsx")


def national_xls(folder: Path) -> Path:
    """The national form's top block as a legacy .xls (BIFF8) with merged cells, as 一体化
    systems export it."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("自评表")
    sheet.write_merge(0, 0, 0, 8, "项目支出绩效自评表")
    sheet.write_merge(1, 1, 0, 1, "项目名称")
    sheet.write_merge(1, 1, 2, 8, TRAINING.name)
    sheet.write_merge(2, 4, 0, 0, "产出指标")
    sheet.write(2, 1, "数量指标")
    sheet.write(2, 2, "培训人数")
    sheet.write(2, 3, 526)
    percent = xlwt.easyxf(num_format_str="0%")
    sheet.write(3, 3, 0.95, percent)
    hidden = book.add_sheet("说明")
    hidden.write(0, 0, "说明")
    hidden.visibility = 1
    path = folder / "national.xls"
    book.save(str(path))
    return path


def big_workbook(path: Path, sheets: int = 300, percent: bool = True) -> Path:
    """A workbook of `sheets` national forms, one project a sheet (for the benchmark); with
    `percent`, each sheet's 执行率 holds 0.95 under a "0.00%" format."""
    wb = openpyxl.Workbook(write_only=False)
    first = wb.active
    assert first is not None
    wb.remove(first)
    for i in range(sheets):
        ws = wb.create_sheet(f"项目{i + 1:03d}")
        project = Project(f"{TRAINING.name}（第{i + 1}批）")
        write_national(ws, project)
        if percent:
            ws["H6"] = 0.95
            ws["H6"].number_format = "0.00%"
    return _save(wb, path)


# -- broken workbooks --------------------------------------------------------------------------


def encrypted_xlsx(folder: Path) -> Path:
    """The national form protected with a password (Office encryption)."""
    import msoffcrypto.format.ooxml

    plain = national_xlsx(folder, name="plain-for-encryption.xlsx")
    target = folder / "encrypted.xlsx"
    with plain.open("rb") as source, target.open("wb") as sink:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("123456", sink)
    plain.unlink()
    return target


def corrupt_xlsx(folder: Path) -> Path:
    """The national form cut off half-way (a download that broke)."""
    data = national_xlsx(folder, name="whole.xlsx").read_bytes()
    target = folder / "corrupt.xlsx"
    target.write_bytes(data[: len(data) // 2])
    return target


def html_as_xls(folder: Path) -> Path:
    """An HTML table saved with an .xls name, as some web systems export "Excel"."""
    target = folder / "export.xls"
    target.write_text(
        "<html><head><meta charset='utf-8'></head><body><table>"
        "<tr><td>项目名称</td><td>职业技能提升培训项目</td></tr></table></body></html>",
        encoding="utf-8",
    )
    return target


# -- Word --------------------------------------------------------------------------------------


def _grid_table(document: Any, project: Project) -> Any:
    """The national form's 绩效指标 grid as a Word table, merges written as w:vMerge and
    w:gridSpan the way Word writes them (value in the first cell only)."""
    leaves = project.leaves
    table = document.add_table(rows=3 + len(leaves), cols=8)
    table.style = "Table Grid"
    table.cell(0, 0).merge(table.cell(0, 1)).text = "项目名称"
    table.cell(0, 2).merge(table.cell(0, 7)).text = project.name
    for j, head in enumerate(GRID_HEADER):
        table.cell(1, j).text = head
    for first, last in groups([leaf.level1 for leaf in leaves]):
        top = table.cell(2 + first, 0)
        if last > first:
            top = top.merge(table.cell(2 + last, 0))
        top.text = leaves[first].level1
        for f2, l2 in groups([leaf.level2 for leaf in leaves[first : last + 1]]):
            cell = table.cell(2 + first + f2, 1)
            if l2 > f2:
                cell = cell.merge(table.cell(2 + first + l2, 1))
            cell.text = leaves[first + f2].level2
    for i, leaf in enumerate(leaves):
        for j, value in enumerate(
            [leaf.name, leaf.target, leaf.actual, leaf.points, leaf.score, leaf.reason], start=2
        ):
            table.cell(2 + i, j).text = "" if value == "" else str(value)
    last = 2 + len(leaves)
    table.cell(last, 0).merge(table.cell(last, 4)).text = "总分"
    table.cell(last, 5).text = "100"
    table.cell(last, 6).text = str(project.total)
    return table


def two_projects_docx(folder: Path) -> Path:
    """Two projects in one document: title and 项目名称/主管部门/实施单位 written as paragraphs,
    then each project's grid table; a line break inside a cell and a nested table in a
    reason cell (a clerk pasted a table)."""
    import docx

    document = docx.Document()
    for project in (TRAINING, Project("就业见习补贴项目", total=99)):
        document.add_paragraph("项目支出绩效自评表")
        document.add_paragraph("（2024年度）")
        document.add_paragraph(f"项目名称：{project.name}")
        document.add_paragraph(f"主管部门：{project.department}　　实施单位：{project.unit}")
        table = _grid_table(document, project)
        document.add_paragraph("")
    first = document.tables[0]
    first.cell(1, 7).text = "偏差原因分析\n及改进措施"
    nested = first.cell(8, 7).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "计划"
    nested.cell(0, 1).text = "实际"
    del table
    path = folder / "two-projects.docx"
    document.save(str(path))
    return path


def no_table_docx(folder: Path) -> Path:
    """A 自评报告 written as prose only."""
    import docx

    document = docx.Document()
    document.add_paragraph("项目支出绩效自评报告")
    document.add_paragraph("一、项目概况")
    path = folder / "prose.docx"
    document.save(str(path))
    return path


def doc_as_docx(folder: Path) -> Path:
    """A Word 97-2003 file (an OLE compound file) given a .docx name."""
    target = folder / "old.docx"
    target.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504)
    return target


def zip_member(path: Path, member: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member)


# -- PDF ---------------------------------------------------------------------------------------

UP, LEFT = "^", "<"  # in the PDF rows: this position is covered by the cell above / to the left

PDF_ROWS: list[list[str]] = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "培训人数", "≥500人次", "526人次", "10", "10"],
    [UP, UP, "开展技能竞赛次数", "≥8次", "10次", "10", "10"],
    [UP, "质量指标", "培训合格率", "≥95%", "97.2%", "10", "10"],
    ["效益指标", "社会效益指标", "参培人员就业率", "≥80%", "76%", "15", "14.25"],
]
PDF_SECOND_PAGE: list[list[str]] = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["满意度指标", "服务对象满意度指标", "参培学员满意度", "≥90%", "96%", "10", "10"],
    ["总分", LEFT, LEFT, LEFT, LEFT, "100", "98.75"],
]


def text_pdf(folder: Path) -> Path:
    """A PDF with a text layer (as printed from Word): title and 项目名称 lines, a ruled grid
    with merged cells (None: covered by the cell above or to the left), continued on page 2
    with the header row repeated, and the page number at the foot of each page."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = folder / "selfeval.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape(A4), invariant=True)
    widths = [80, 100, 130, 90, 90, 50, 50]
    for page, (rows, head) in enumerate(((PDF_ROWS, True), (PDF_SECOND_PAGE, False)), start=1):
        pdf.setFont("STSong-Light", 14)
        y = 540
        if head:
            pdf.drawString(60, y, "项目支出绩效自评表")
            pdf.setFont("STSong-Light", 10)
            pdf.drawString(60, y - 24, f"项目名称：{TRAINING.name}")
            y -= 50
        pdf.setFont("STSong-Light", 9)
        _pdf_grid(pdf, rows, widths, 60, y, 24)
        pdf.setFont("STSong-Light", 9)
        pdf.drawString(400, 30, f"- {page} -")
        pdf.showPage()
    pdf.save()
    return path


def _pdf_grid(
    pdf: Any, rows: list[list[str]], widths: list[int], x0: float, y0: float, height: float
) -> None:
    """Draw `rows` as a ruled grid from the top-left (x0, y0), leaving out the rulings
    between a cell and the positions marked UP (below it) or LEFT (right of it)."""
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    pdf.setLineWidth(0.8)
    for r, row in enumerate(rows):
        y_top, y_bottom = y0 - r * height, y0 - (r + 1) * height
        for c, text in enumerate(row):
            if text != LEFT:
                pdf.line(xs[c], y_top, xs[c], y_bottom)  # left ruling
            if text != UP:
                pdf.line(xs[c], y_top, xs[c + 1], y_top)  # top ruling
            if text not in (UP, LEFT):
                pdf.drawString(xs[c] + 3, y_top - height / 2 - 3, text)
        pdf.line(xs[-1], y_top, xs[-1], y_bottom)
    pdf.line(xs[0], y0 - len(rows) * height, xs[-1], y0 - len(rows) * height)


def image_pdf(folder: Path) -> Path:
    """A scanned form: one page holding only an image, no text layer."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("L", (200, 100), 255)
    for x in range(20, 180):
        picture.putpixel((x, 50), 0)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    path = folder / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    pdf.drawImage(ImageReader(buffer), 50, 500, width=400, height=200)
    pdf.showPage()
    pdf.save()
    return path


# -- clerks' copies of the national form -------------------------------------------------------


def typed_national_xlsx(folder: Path) -> Path:
    """The national form as a clerk typed it: weights and scores typed as text ('10', '１０',
    '9.5'), a target typed as a number (100 for 100), an actual 0.972 under a "0.0%" format and
    one 0.76 under "0%", the year a number (2024), line breaks inside a name and a reason."""
    leaves = [
        Leaf("产出指标", "数量指标", "培训人数", "≥500人次", "526人次", "10", "１０"),
        Leaf("产出指标", "数量指标", "开展技能竞赛次数", "≥8次", 10, 10, "10"),
        Leaf("产出指标", "质量指标", "培训\n合格率", "≥95%", 0.972, 10, 10),
        Leaf("产出指标", "时效指标", "培训按期完成率", 100, 100, "10", "10"),
        Leaf("产出指标", "成本指标", "人均培训成本", "≤1200元", "1150元", 10, 10),
        Leaf("效益指标", "经济效益指标", "", "", "", "", ""),
        Leaf(
            "效益指标",
            "社会效益指标",
            "参培人员就业率",
            "≥80%",
            0.76,
            "15",
            "14.25",
            "部分学员继续深造，\n下年加强就业跟踪",
        ),
        Leaf("效益指标", "可持续影响指标", "培训机制长效运行", "有效", "有效", 15, 15),
        Leaf("满意度指标", "服务对象满意度指标", "参培学员满意度", "≥90%", "96%", 10, 10),
    ]
    wb, ws = _workbook("自评表")
    write_national(ws, Project("职业技能提升培训项目", leaves=leaves))
    ws["A2"] = 2024  # the year line typed as a number
    for row in ws.iter_rows(min_row=13, max_row=30):
        for cell in row:
            if cell.value == 0.972:
                cell.number_format = "0.0%"
            elif cell.value == 0.76:
                cell.number_format = "0%"
    return _save(wb, folder / "typed-national.xlsx")


def not_a_form_xlsx(folder: Path) -> Path:
    """A workbook that is no 自评表: a list of staff."""
    wb, ws = _workbook("人员名单")
    for r, line in enumerate([["姓名", "岗位", "电话"], ["张三", "科员", "123"]], start=1):
        for c, value in enumerate(line, start=1):
            ws.cell(r, c, value)
    return _save(wb, folder / "staff.xlsx")
