"""The workbook reader, one trait of real exports per test: the grid read from each fixture."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import fixtures
import pytest

from perfeval_import import (
    CellFlag,
    Document,
    Location,
    Span,
    amount_unit,
    magnitude,
    parse_number,
    placeholder_row,
    read,
    recover_code,
    split_comparator,
    split_points,
)

# The national form (fixtures.write_national) on a sheet from A1: its merged ranges.
NATIONAL_SPANS = {
    Span(0, 0, 1, 9),
    Span(1, 0, 1, 9),  # title, (2024年度)
    Span(2, 0, 1, 2),
    Span(2, 2, 1, 7),  # 项目名称 | name
    Span(3, 0, 1, 2),
    Span(3, 2, 1, 3),
    Span(3, 6, 1, 3),  # 主管部门 | … | 实施单位 | …
    Span(4, 0, 5, 2),  # 项目资金（万元）
    Span(9, 0, 2, 1),
    Span(9, 1, 1, 4),
    Span(9, 5, 1, 4),  # 年度总体目标 | 预期目标 | 实际…
    Span(10, 1, 1, 4),
    Span(10, 5, 1, 4),
    Span(11, 0, 10, 1),  # 绩效指标 down the side
    Span(12, 1, 5, 1),
    Span(12, 2, 2, 1),  # 产出指标, 数量指标
    Span(17, 1, 3, 1),  # 效益指标
    Span(21, 0, 1, 6),  # 总分
}
HEADER = ["绩效指标", *fixtures.GRID_HEADER]
FIRST_LEAVES = [
    ["产出指标", "数量指标", "培训人数", "≥500人次", "526人次", "10", "10", ""],
    ["产出指标", "数量指标", "开展技能竞赛次数", "≥8次", "10", "10", "10", ""],
    ["产出指标", "质量指标", "培训合格率", "≥95%", "97.2%", "10", "10", ""],
]


@pytest.fixture(scope="module")
def national(folder: Path) -> Document:
    return read(fixtures.national_xlsx(folder))


def test_merged_value_only_in_the_top_left(national: Document) -> None:
    [table] = national.tables
    assert (table.name, table.hidden, table.height, table.width) == ("自评表", False, 22, 9)
    assert table.origin == Location(sheet="自评表", row=0, col=0)
    assert set(table.spans) == NATIONAL_SPANS
    assert table.texts[0] == ("项目支出绩效自评表",) + ("",) * 8
    assert list(table.texts[5]) == [
        "",
        "",
        "年度资金总额",
        "120",
        "150",
        "142.5",
        "10",
        "95%",
        "9.5",
    ]
    assert list(table.texts[11]) == HEADER
    assert [list(row[1:]) for row in table.texts[12:15]] == [
        ["产出指标", "数量指标", *FIRST_LEAVES[0][2:]],
        ["", "", *FIRST_LEAVES[1][2:]],
        ["", "质量指标", *FIRST_LEAVES[2][2:]],
    ]
    assert list(table.texts[17][1:4]) == ["效益指标", "经济效益指标", ""]  # an empty 二级 slot
    assert list(table.texts[21]) == ["总分", "", "", "", "", "", "100", "98.75", ""]
    side = table.cell(12, 1)
    assert side.span == Span(12, 1, 5, 1) and side.is_origin and side.raw == "产出指标"
    covered = table.cell(13, 1)
    assert covered.span == Span(12, 1, 5, 1) and not covered.is_origin
    assert (covered.text, covered.raw) == ("", "")
    assert str(covered.location) == "自评表!B14"
    assert table.cell(13, 4).raw == "≥8次" and table.cell(13, 6).raw == 10.0
    assert table.cell(13, 6).is_number and not table.cell(13, 4).is_number


def test_merged_value_repeated_in_every_cell(folder: Path, national: Document) -> None:
    [table] = read(fixtures.repeated_xlsx(folder)).tables
    assert set(table.spans) == NATIONAL_SPANS
    for span in table.spans:
        origin = table.texts[span.top][span.left]
        assert origin
        assert all(
            table.texts[r][c] == origin
            for r in range(span.top, span.bottom + 1)
            for c in range(span.left, span.right + 1)
        )
    assert [list(row[1:]) for row in table.texts[12:15]] == FIRST_LEAVES
    assert table.cell(13, 1).raw == "产出指标" and not table.cell(13, 1).is_origin
    # the grid is the same as the top-left-only file once merges are filled
    top_left_only = national.tables[0]
    assert table.height == top_left_only.height and table.width == top_left_only.width


def test_flattened_merges_repeat_labels_without_spans(folder: Path) -> None:
    flattened = read(fixtures.flattened_xlsx(folder)).tables[0]
    repeated = read(fixtures.repeated_xlsx(folder)).tables[0]
    assert flattened.spans == ()
    assert flattened.texts == repeated.texts
    assert all(cell.span is None and cell.is_origin for row in flattened.cells for cell in row)


def test_table_continued_with_repeated_header(folder: Path) -> None:
    [table] = read(fixtures.continued_xlsx(folder)).tables
    headers = [r for r, row in enumerate(table.texts) if list(row[1:]) == fixtures.GRID_HEADER]
    assert headers == [11, 17]
    assert Span(12, 1, 5, 1) in table.spans  # 产出指标 ends at the break
    assert list(table.texts[18][1:4]) == ["效益指标", "经济效益指标", ""]
    assert Span(18, 1, 3, 1) in table.spans
    assert Span(11, 0, 11, 1) in table.spans  # 绩效指标 down both parts
    assert list(table.texts[22][:1]) == ["总分"]


def test_two_projects_on_one_sheet(folder: Path) -> None:
    [table] = read(fixtures.two_projects_xlsx(folder)).tables
    titles = [r for r, row in enumerate(table.texts) if row[0] == "项目支出绩效自评表"]
    assert titles == [0, 23]
    assert table.texts[22] == ("",) * 9
    assert table.texts[25][2] == "就业见习补贴项目"
    assert Span(23 + 12, 1, 5, 1) in table.spans
    assert str(table.cell(25, 2).location) == "自评表!C26"


def test_one_project_per_sheet_and_a_hidden_notes_sheet(folder: Path) -> None:
    document = read(fixtures.per_sheet_xlsx(folder))
    assert [(t.name, t.hidden) for t in document.tables] == [
        ("培训项目", False),
        ("见习补贴", False),
        ("创业补贴", False),
        ("填表说明", True),
    ]
    assert [t.texts[2][2] for t in document.tables[:3]] == [
        "职业技能提升培训项目",
        "就业见习补贴项目",
        "创业担保贷款贴息项目",
    ]
    assert document.tables[3].texts == (
        ("填表说明：1.金额单位为万元；2.定性指标填写达成年度指标等。",),
    )
    assert document.notes == ()


def test_sichuan_points_in_labels_and_percent_format(folder: Path) -> None:
    [table] = read(fixtures.sichuan_xlsx(folder)).tables
    assert (table.height, table.width) == (13, 11)
    assert [split_points(table.texts[r][c]) for r, c in ((4, 0), (7, 0), (8, 1), (10, 1))] == [
        ("预算执行情况", Decimal(10)),
        ("绩效指标", Decimal(90)),
        ("产出指标", Decimal(50)),
        ("效益指标", Decimal(30)),
    ]
    assert list(table.texts[7][1:]) == [
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
    ]
    rate = table.cell(5, 5)
    assert (rate.text, rate.raw, rate.flags) == ("97.92%", 0.9792, CellFlag.PERCENT)
    assert table.percent == frozenset({(5, 5)})
    assert list(table.texts[6][5:9]) == ["/", "/", "/", "/"]
    assert {Span(7, 0, 5, 1), Span(8, 1, 2, 1), Span(12, 0, 1, 8)} <= set(table.spans)


def test_yunnan_comparator_and_unit_columns(folder: Path) -> None:
    [table] = read(fixtures.yunnan_xlsx(folder)).tables
    assert list(table.texts[0]) == [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    assert table.cell(0, 0).raw == "一级\n指标"
    assert [row[3] for row in table.texts[1:]] == ["≥", "=", "≤", "<", ">", "=", "", "大于等于"]
    assert [split_comparator(row[3])[0] for row in table.texts[1:]] == [
        "≥",
        "=",
        "≤",
        "<",
        ">",
        "=",
        None,
        "≥",
    ]
    assert [row[4] for row in table.texts[1:4]] == ["12", "100", "8"]
    assert table.cell(1, 4).raw == "１２"
    assert table.texts[2][6] == "100%" and table.cell(2, 6).raw == "１００％"
    assert table.texts[5][1] == "社会效益指标"  # "社会效益指 标"
    assert table.texts[6][2] == "OA system uptime"
    assert table.texts[7][9] == "个别服务点人员不足"
    assert [row[5] for row in table.texts[1:]] == ["个", "%", "万元", "月", "人次", "%", "", "%"]


def test_declaration_code_amounts_and_placeholders(folder: Path) -> None:
    [table] = read(fixtures.declaration_xlsx(folder)).tables
    code = table.cell(1, 4)
    assert code.raw == 4.403062313915e20
    assert (code.text, code.flags) == ("440306231391500000000", CellFlag.IMPRECISE)
    assert recover_code(code.raw) == ("440306231391500000000", False)
    assert amount_unit(table.texts[2][0]) == "万元"
    total = parse_number(table.texts[2][2])
    assert total == 1250000 and magnitude(total) == 6  # 元-sized under a 万元 label
    assert [r for r in range(6, 14) if placeholder_row(table.texts[r][2:])] == [7, 8, 9, 10, 12]
    assert table.texts[9][1] == "质量指标" and table.texts[9][2] == "……"
    assert Span(6, 0, 5, 1) in table.spans


def test_numbers_as_text_text_as_numbers_and_percent_formats(folder: Path) -> None:
    [table] = read(fixtures.typed_xlsx(folder)).tables
    assert [list(row) for row in table.texts] == [
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["预算执行率", "100%", "95%", "10", "9.5"],
        ["培训合格率", "95%", "0.972", "10", "10"],
        ["培训人数", "500", "526", "10", "10"],
        ["2024", "年度", "", "", ""],
        ["计算误差", "0.3", "0.00001", "0.5", ""],
    ]
    assert table.percent == frozenset({(1, 1), (1, 2), (2, 1)})
    assert table.cell(1, 1).raw == 1.0 and table.cell(1, 1).flags == CellFlag.PERCENT
    assert table.cell(2, 2).flags == CellFlag.NONE  # '0.0"%"': a literal % sign, not ×100
    assert table.cell(1, 3).raw == "10" and not table.cell(1, 3).is_number
    assert table.cell(3, 1).raw == 500.0 and table.cell(3, 1).is_number
    assert table.cell(2, 3).raw == "１０" and parse_number(table.texts[2][3]) == 10
    assert table.cell(4, 0).raw == 2024.0


def test_legacy_xls_with_merges_and_a_hidden_sheet(folder: Path) -> None:
    document = read(fixtures.national_xls(folder))
    sheet, notes = document.tables
    assert (sheet.name, sheet.hidden, notes.name, notes.hidden) == ("自评表", False, "说明", True)
    assert set(sheet.spans) == {
        Span(0, 0, 1, 9),
        Span(1, 0, 1, 2),
        Span(1, 2, 1, 7),
        Span(2, 0, 3, 1),
    }
    assert list(sheet.texts[2][:4]) == ["产出指标", "数量指标", "培训人数", "526"]
    assert sheet.texts[3][3] == "0.95"  # .xls number formats are not read: said in the notes
    assert any(".xls" in note for note in document.notes)


def test_cells_are_made_once_and_agree_with_texts(national: Document) -> None:
    table = national.tables[0]
    assert table.cells is table.cells
    assert [[cell.text for cell in row] for row in table.cells] == [
        list(row) for row in table.texts
    ]
    assert table.cell(13, 1) == table.cells[13][1]
    with pytest.raises(IndexError):
        table.cell(22, 0)
