"""Real published tables, transcribed in /work/notes/filled-tables.md (sources there), built as
files in their own layout with openpyxl and python-docx — the cells, merges, labels and
oddities as the published copies have them. What an excerpt cuts off is left out, and said so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl


def _sheet(path: Path, title: str, rows: list[list[Any]], merges: list[str]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for r, line in enumerate(rows, start=1):
        for c, value in enumerate(line, start=1):
            if value != "":
                ws.cell(r, c, value)
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path


def anhui_entrusted(folder: Path) -> Path:
    """安徽 池州 贵池区 棠溪镇, 2022, 委托业务项目 (filled-tables.md §1): the national form with
    the 一级 points in their labels (产出指标(50分)), a total row of zeros over a funded
    sub-row (本年财政拨款), the empty 经济效益指标 slot after 可持续影响指标. The 满意度 rows
    are cut off in the excerpt and left out here."""
    rows: list[list[Any]] = [
        ["附件:项目支出绩效自评表"],
        ["(2022年度)"],
        ["项目名称", "委托业务项目"],
        [
            "主管部门",
            "219-池州市贵池区棠溪镇人民政府",
            "",
            "",
            "实施单位",
            "219001-池州市贵池区棠溪镇人民政府",
        ],
        ["项目资金(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额:", 0, 0, 0, 10, 0, 0],
        ["", "其中:本年财政拨款", 90, 89.974, 89.974],
        ["", "上年结转资金"],
        ["", "其他资金"],
        ["年度总体目标", "预期目标", "", "", "实际完成情况"],
        [
            "",
            (
                "本项目共申请预算资金90万元。其中:30万元用于基建工程项目预算编制;30万元用于基建"
                "工程项目审计;30万元用于基建工程项目设计、规划、测绘。"
            ),
            "",
            "",
            (
                "本项目共完成预算资金89.97万元。其中:30万元用于基建工程项目预算编制;30万元用于基建"
                "工程项目审计;29.99万元用于基建工程项目设计、规划、测绘。"
            ),
        ],
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        ["", "产出指标(50分)", "数量指标", "基建工程委托业务项目数量", "≥50个", 50, 8, 8],
        ["", "", "质量指标", "委托业务报告合格率", "≥100百分比", 100, 8, 8],
        ["", "", "", "经费支出合规性", "严格执行相关制度规定", "达成预期指标", 8, 8],
        ["", "", "时效指标", "提交报告及时性", "在项目计划完成时间内完成", "达成预期指标", 8, 8],
        ["", "", "成本指标", "项目总成本", "≤90万元", 90, 8, 8],
        ["", "", "", "单项业务成本", "符合相关规定", "达成预期指标", 10, 10],
        [
            "",
            "效益指标(30分)",
            "社会效益指标",
            "对维护基建市场公平的影响程度",
            "效果明显",
            "达成预期指标",
            10,
            10,
        ],
        ["", "", "生态效益指标", "对控制基建项目成本影响程度", "效果明显", "达成预期指标", 10, 10],
        [
            "",
            "",
            "可持续影响指标",
            "对推动基建项目“四项制度”健全和落实的持续性影响",
            "效果明显",
            "达成预期指标",
            10,
            10,
        ],
        ["", "", "经济效益指标"],
    ]
    merges = [
        "A1:I1",
        "A2:I2",
        "B3:I3",
        "B4:D4",
        "F4:I4",
        "A5:B5",
        "A6:A9",
        "A10:A11",
        "B10:D10",
        "E10:I10",
        "B11:D11",
        "E11:I11",
        "A12:A22",
        "B13:B18",
        "C14:C15",
        "C17:C18",
        "B19:B22",
    ]
    return _sheet(folder / "安徽-委托业务项目.xlsx", "自评表", rows, merges)


def yunnan_lijiang(folder: Path) -> Path:
    """云南 丽江 古城区, 2020, 卫片执法补助经费 (filled-tables.md §3): 绩效指标 over the three
    levels and 年度指标值 over 指标性质 | 指标值 | 度量单位 (two header rows), ﹦ and ≥, the block
    in 万元 and an indicator in 元, every target met yet points deducted. The last score is cut
    off in the excerpt: left empty."""
    rows: list[list[Any]] = [
        ["2020年度项目支出绩效自评表"],
        ["项目名称", "2020年省级自然资源卫片执法补助经费支出绩效自评表"],
        ["主管部门", "丽江市自然资源和规划局", "", "", "", "实施单位", "丽江市古城区自然资源局"],
        ["项目资金 (万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", 7.29, 7.29, 7.29, 10.00, "100%", 10.00],
        ["", "其中:当年财政拨款", 7.29, 7.29, 7.29, "", "100%"],
        ["", "上年结转资金"],
        ["", "其他资金"],
        ["年度总体目标", "预期目标", "", "", "", "实际完成情况"],
        ["", "自然资源卫片执法补助经费", "", "", "", "自然资源卫片执法补助经费"],
        [
            "绩效指标",
            "",
            "",
            "年度指标值",
            "",
            "",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
        ["产出指标", "数量指标", "卫片执法补助经费", "﹦", 72890, "元", 72890, 10.00, 9.00],
        ["", "质量指标", "项目验收合格率", "﹦", 100, "%", 100, 20, 19],
        ["", "时效指标", "项目完成及时率", "﹦", 100, "%", 100, 20.00, 19.00],
        ["效益指标", "社会效益指标", "违法行为责停率", "≥", 95, "%", 95, 30.00, 27.00],
        ["满意度指标", "服务对象满意度指标", "满意度", "≥", 95, "%", 95, 10.00],
    ]
    merges = [
        "A1:J1",
        "B2:J2",
        "B3:E3",
        "G3:J3",
        "A4:B4",
        "H4:J4",
        "A5:A8",
        "H5:J5",
        "A9:A10",
        "B9:E9",
        "F9:J9",
        "B10:E10",
        "F10:J10",
        "A11:C11",
        "D11:F11",
        "G11:G12",
        "H11:H12",
        "I11:I12",
        "J11:J12",
        "A13:A15",
    ]
    return _sheet(folder / "云南-卫片执法.xlsx", "自评表", rows, merges)


def hebei_langfang(folder: Path) -> Path:
    """河北 廊坊 食品工程学校, 2019, 暖通改造 (filled-tables.md §4) as a Word table: the
    template's 指标1 / 指标2 / …… rows kept, names written into them (指标1工程资金金额), 0 in the
    reason column for "none", the empty 生态效益指标 slot, 效益指标 named again after a page
    break. The 满意度 row's 指标2 and the total are cut off in the excerpt: left out."""
    import docx

    leaves: list[tuple[str, str, str, str, str, str, str, str]] = [
        (
            "产出指标",
            "数量指标",
            "指标1工程资金金额",
            "43.2",
            "37.24",
            "10",
            "9",
            "已完工,剩余3%尾款未付,且最高限价低于预算金额。提高预算准确度。",
        ),
        ("", "", "指标2", "", "", "", "", ""),
        ("", "", "……", "", "", "", "", ""),
        ("", "质量指标", "指标1工程完工率", "100", "100", "10", "10", ""),
        ("", "", "指标2工程验收合格率", "100", "100", "10", "10", ""),
        ("", "", "……", "", "", "", "", ""),
        ("", "时效指标", "指标1项目完成及时率", "100", "100", "10", "10", ""),
        ("", "", "指标2", "", "", "", "", ""),
        ("", "成本指标", "指标1成本控制率", "100", "100", "10", "10", ""),
        ("", "", "指标2", "", "", "", "", ""),
        ("效益指标", "经济效益指标", "指标1安全率", "100", "100", "10", "10", "0"),
        ("", "", "指标2", "", "", "", "", ""),
        ("", "社会效益指标", "指标1学校发展能力", "100", "100", "10", "10", "0"),
        ("", "", "指标2", "", "", "", "", ""),
        ("", "生态效益指标", "指标1", "", "", "", "", ""),
        ("", "", "指标2", "", "", "", "", ""),
        ("效益指标", "可持续影响指标", "指标1长期使用性", "100", "100", "10", "10", ""),
        ("", "", "指标2", "", "", "", "", ""),
        ("满意度指标", "服务对象满意度指标", "指标1学生满意度", "100", "100", "10", "10", "0"),
    ]
    document = docx.Document()
    document.add_paragraph("附件1")
    document.add_paragraph("项目支出绩效自评表")
    document.add_paragraph("(2019年度)")
    head = [
        ["项目名称", "办公宿舍楼、食堂及餐厅暖通改造经费"],
        ["主管部门", "廊坊市发改委", "实施单位", "廊坊市食品工程学校"],
    ]
    budget = [
        ["项目资金(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "43.2", "43.2", "37.24", "10", "86%", "9"],
        ["", "其中:当年财政拨款", "43.2", "43.2", "37.24", "", "", ""],
        ["", "上年结转资金", "", "", "", "", "", ""],
        ["", "其他资金", "", "", "", "", "", ""],
        ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""],
        ["", "43.2", "", "", "37.24", "", "", ""],
    ]
    grid_head = [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    rows = 2 + len(budget) + 1 + len(leaves)
    table = document.add_table(rows=rows, cols=9)
    table.style = "Table Grid"
    table.cell(0, 0).merge(table.cell(0, 1)).text = head[0][0]
    table.cell(0, 2).merge(table.cell(0, 8)).text = head[0][1]
    table.cell(1, 0).merge(table.cell(1, 1)).text = head[1][0]
    table.cell(1, 2).merge(table.cell(1, 4)).text = head[1][1]
    table.cell(1, 5).text = head[1][2]
    table.cell(1, 6).merge(table.cell(1, 8)).text = head[1][3]
    top = 2
    table.cell(top, 0).merge(table.cell(top + 4, 0)).text = budget[0][0]
    for i, line in enumerate(budget[:5]):
        for j, value in enumerate(line[1:], start=1):
            if value:
                table.cell(top + i, j).text = value
    table.cell(top + 5, 0).merge(table.cell(top + 6, 0)).text = "年度总体目标"
    table.cell(top + 5, 1).merge(table.cell(top + 5, 4)).text = "预期目标"
    table.cell(top + 5, 5).merge(table.cell(top + 5, 8)).text = "实际完成情况"
    table.cell(top + 6, 1).merge(table.cell(top + 6, 4)).text = "43.2"
    table.cell(top + 6, 5).merge(table.cell(top + 6, 8)).text = "37.24"
    grid = top + len(budget)
    for j, text in enumerate(grid_head, start=1):
        table.cell(grid, j).text = text
    table.cell(grid, 0).merge(table.cell(rows - 1, 0)).text = "绩效指标"
    first = grid + 1
    # merges of 一级 / 二级 down their rows, as Word writes them
    spans1 = [(0, 9), (10, 15), (16, 17), (18, 18)]
    spans2 = [(0, 2), (3, 5), (6, 7), (8, 9), (10, 11), (12, 13), (14, 15), (16, 17), (18, 18)]
    for a, b in spans1:
        cell = table.cell(first + a, 1)
        if b > a:
            cell = cell.merge(table.cell(first + b, 1))
        cell.text = leaves[a][0]
    for a, b in spans2:
        cell = table.cell(first + a, 2)
        if b > a:
            cell = cell.merge(table.cell(first + b, 2))
        cell.text = leaves[a][1]
    for i, leaf in enumerate(leaves):
        for j, value in enumerate(leaf[2:], start=3):
            if value:
                table.cell(first + i, j).text = value
    path = folder / "河北-暖通改造.docx"
    document.save(str(path))
    return path


def sichuan_daying(folder: Path) -> Path:
    """四川 大英县 司法局, 2023 (filled-tables.md §5): the head of the 安可替代 table (5b: the
    project, 项目基本情况, 预算执行情况(10分) with the form's own note in the 原因 cell, 0.00 年初
    预算, / in the sub-rows) with the indicator block of the table the page shows before it
    (5a: one leaf carrying all 90 points, 完成 for a numeric target, 合计, 评价结论, the
    signatures) — the excerpt has no complete grid of one table."""
    note = (
        "1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内);2.年中发生"
        "预算调整的(追加或调减),应单独说明理由;3.其他资金包括:社会投入资金、银行贷款."
    )
    rows: list[list[Any]] = [
        ["部门预算项目支出绩效自评表(2023年度)"],
        ["项目名称", "51092324T000010263357-2023年全县安可替代补助资金项目"],
        ["主管部门", "大英县司法局部门", "", "", "", "实施单位", "", "大英县司法局"],
        [
            "项目基本情况",
            "1.项目年度目标完成情况",
            "",
            "项目年度目标",
            "",
            "",
            "",
            "年度目标完成情况",
        ],
        ["", "", "", "根据要求购买安可设备,并完成项目资金支付。", "", "", "", "完成"],
        ["", "2.项目实施内容及过程概述", "", "2023年购买13台安可电脑,并于12月前完成资金支付。"],
        [
            "预算执行情况(10分)",
            "年度预算数(万元)",
            "年初预算",
            "调整后预算数",
            "预算执行数",
            "预算执行率",
            "权重",
            "得分",
            "原因",
        ],
        ["", "总额", "0.00", "3.36", "3.36", "100.00%", "10", "10", note],
        ["", "其中:财政资金", "0.00", "3.36", "3.36", "100.00%", "/", "/"],
        ["", "财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"],
        ["", "单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"],
        ["", "其他资金", "", "", "", "", "/", "/"],
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
        ["", "产出指标", "经济成本指标", "成本控制数", "≤", "30", "万元", "完成", "90", "90"],
        ["合计", "", "", "", "", "", "", "", "100"],
        ["评价结论", "根据财政局资金下达的管理办法,将资金支付给项目施工方。"],
        ["存在问题", "无"],
        ["改进措施", "无"],
        ["项目负责人:查小兵", "", "", "", "", "财务负责人:唐勇"],
    ]
    merges = [
        "A1:K1",
        "B2:K2",
        "B3:E3",
        "F3:G3",
        "H3:K3",
        "A4:A6",
        "B4:C5",
        "D4:G4",
        "H4:K4",
        "D5:G5",
        "H5:K5",
        "B6:C6",
        "D6:K6",
        "A7:A12",
        "I7:K7",
        "I8:K12",
        "A13:A14",
        "A15:H15",
        "B16:K16",
        "B17:K17",
        "B18:K18",
        "A19:E19",
        "F19:K19",
    ]
    return _sheet(folder / "四川-安可替代.xlsx", "自评表", rows, merges)


def bayannur(folder: Path) -> Path:
    """内蒙古 巴彦淖尔, 2024, 自然资源业务支出 (filled-tables.md §7): 指标性质 (正向) and 指标方向
    (大于等于 / 小于等于 / 等于) before the values, 计量单位 after them, —— in the sub-rows' 分值
    and 得分, no 上年结转资金 row, names written into the template's 指标1: / 指标2:. The 一级
    column is blank in the excerpt: 产出指标 written here; the rows after the 质量指标 and the
    total are cut off."""
    rows: list[list[Any]] = [
        ["项目支出绩效自评表 (2024年度)"],
        ["项目名称", "内蒙古自治区巴彦淖尔市自然资源局甘其毛都口岸分局自然资源业务支出项目"],
        [
            "主管部门",
            "内蒙古自治区巴彦淖尔市自然资源局(部门)",
            "",
            "",
            "",
            "实施单位",
            "内蒙古自治区巴彦淖尔市自然资源局甘其毛都口岸分局",
        ],
        [
            "项目资金 (万元)",
            "",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率(%)",
            "得分",
        ],
        ["", "年度资金总额", 0, 2.38, 2.38, 10, 100, 10],
        ["", "其中:财政拨款", 0, 0.58, 0.58, "——", 100, "——"],
        ["", "其他资金", 0, 1.8, 1.8, "——", 0, "——"],
        ["年度总体目标", "预期目标", "", "", "", "实际完成情况"],
        [
            "",
            (
                "目标1:通过开展自然调查,全面查清全市资源利用状况,实现资源信息的社会化服务,实现资源宏观"
                "调控及资源管理的需要."
            ),
            "",
            "",
            "",
            (
                "负责编制辖区内国土空间规划并监督实施,落实辖区内自然资源调查监测评价工作;推动自然资源领域"
                "科技发展。"
            ),
        ],
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标方向",
            "年度指标值",
            "实际完成值",
            "计量单位",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        ["", "产出指标", "数量指标", "指标1:租车次数(次)", "正向", "大于等于", 1, 1, "次", 8, 8],
        ["", "", "", "指标2:宣传美工制作个数(个)", "正向", "小于等于", 1, 1, "个", 7, 7],
        ["", "", "质量指标", "指标1:租车达标率", "正向", "等于", 100, 100, "%", 8, 8],
        ["", "", "", "指标2:宣传合格率", "正向", "等于", 100, 100, "%", 7, 7],
    ]
    merges = [
        "A1:L1",
        "B2:L2",
        "B3:E3",
        "G3:L3",
        "A4:B4",
        "A5:A7",
        "A8:A9",
        "B8:E8",
        "F8:L8",
        "B9:E9",
        "F9:L9",
        "A10:A14",
        "B11:B14",
        "C11:C12",
        "C13:C14",
    ]
    return _sheet(folder / "内蒙古-自然资源.xlsx", "自评表", rows, merges)
