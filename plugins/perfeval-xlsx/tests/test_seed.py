"""The 13 seed evaluations (examples/rugao-2024) exported and read back."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from openpyxl.utils import get_column_letter
from xlsx_testutil import (
    FIRST_LEAF_ROW,
    HEAD1,
    HEAD2,
    NAME_ROW,
    SEED_FILES,
    TITLE_ROW,
    UNIT_ROW,
    YEAR_ROW,
    export_bytes,
    open_xlsx,
    part,
    values,
)

from perfeval_core import LeafScore

IDS = [p.stem[:2] for p in SEED_FILES]

# the seed's 评分表 totals, in file order (domain.md §7)
STATED_TOTALS = [98, 99, 97, 99, 98, 99, 98, 98, 98, 99, 98, 99, 96]


def pairs(seed_cards, seed_exports):
    return list(zip(seed_cards, seed_exports, strict=True))


@pytest.fixture(params=range(13), ids=IDS)
def seed(request, seed_cards, seed_exports):
    return seed_cards[request.param], seed_exports[request.param]


def test_thirteen_seed_evaluations_totals(seed_cards):
    assert [int(c.total) for c in seed_cards] == STATED_TOTALS
    assert all(c.max == 100 for c in seed_cards)


def test_title_block(seed):
    card, data = seed
    rows = values(data)
    project = card.evaluation.project
    assert rows[TITLE_ROW][0] == "项目支出绩效自我评价评分表"
    assert rows[YEAR_ROW][0] == "(2024年)"
    assert rows[UNIT_ROW][0] == "填报单位：如皋市人力资源和社会保障局"
    assert rows[NAME_ROW][0] == f"项目名称：{project.name}"
    assert rows[HEAD1][:8] == [
        "评价指标",
        "",
        "",
        "年初指标值",
        "实际完成值",
        "分值",
        "得分",
        "评分依据",
    ]
    assert rows[HEAD2][:3] == ["一级指标", "二级指标", "三级指标"]


def test_every_leaf_in_order_with_weight_and_score(seed):
    card, data = seed
    rows = values(data)
    body = rows[FIRST_LEAF_ROW : FIRST_LEAF_ROW + len(card.leaves)]
    assert len(body) == len(card.leaves)
    for row, leaf in zip(body, card.leaves, strict=True):
        ind = leaf.indicator
        assert len(leaf.path) == 3
        assert row[2] == ind.name
        assert row[3] == (ind.target or "")
        assert row[4] == (ind.actual or "")
        assert isinstance(row[5], float) and Decimal(repr(row[5])) == leaf.weight
        assert isinstance(row[6], float) and Decimal(repr(row[6])) == leaf.score
        assert row[7] == ""


def test_group_names_on_the_first_row_of_their_block(seed):
    card, data = seed
    rows = values(data)
    r = FIRST_LEAF_ROW
    for top in card.levels:
        assert rows[r][0] == top.name
        for mid in top.children:
            assert rows[r][1] == mid.name
            r += len(mid.children)
    # merged-away cells read back empty
    assert rows[FIRST_LEAF_ROW + 1][0] == ""


def test_numbers_are_numeric_cells(seed):
    card, data = seed
    ws = open_xlsx(data)["评分表"]
    for i in range(len(card.leaves)):
        r = FIRST_LEAF_ROW + 1 + i  # openpyxl rows are 1-based
        for col in ("F", "G"):
            cell = ws[f"{col}{r}"]
            assert cell.data_type == "n", (cell.coordinate, cell.value)
            assert isinstance(cell.value, (int, float))
        for col in ("A", "B", "C", "D", "E"):  # texts (or merged-away / empty cells)
            value = ws[f"{col}{r}"].value
            assert value is None or isinstance(value, str), (col, r, value)
    assert "<f>" not in part(data, "xl/worksheets/sheet1.xml")


def expected_merges(card) -> set[str]:
    """A range for every 一级 / 二级 with more than one leaf (1-based rows as Excel writes them)."""
    merges = set()
    r = FIRST_LEAF_ROW + 1

    def walk(node, col, start):
        if isinstance(node, LeafScore):
            return start + 1
        end = start
        for child in node.children:
            end = walk(child, col + 1, end)
        if end - start > 1:
            letter = get_column_letter(col + 1)
            merges.add(f"{letter}{start}:{letter}{end - 1}")
        return end

    for top in card.levels:
        r = walk(top, 0, r)
    return merges


def test_merged_ranges_for_first_and_second_levels(seed):
    card, data = seed
    ws = open_xlsx(data)["评分表"]
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert "A7:A12" in merged  # 决策指标 over its 6 leaves
    assert "A13:A17" in merged  # 过程指标 over its 5 leaves
    assert {"B7:B8", "B9:B10", "B11:B12", "B13:B15", "B16:B17"} <= merged  # 项目立项 …
    assert expected_merges(card) <= merged
    # the header: 评价指标 across, the others down over both header rows
    assert {"A5:C5", "D5:D6", "E5:E6", "F5:F6", "G5:G6", "H5:H6"} <= merged
    assert {"A1:H1", "A2:H2", "A3:H3", "A4:H4"} <= merged


def test_decision_level_spans_six_rows(seed_cards, seed_exports):
    for _card, data in pairs(seed_cards, seed_exports):
        ws = open_xlsx(data)["评分表"]
        top = ws.merged_cells.ranges
        rng = next(m for m in top if m.min_col == 1 and m.min_row == 7)
        assert (rng.min_row, rng.max_row) == (7, 12)
        assert ws["A7"].value == "决策指标"


def test_total_and_grade_rows(seed):
    card, data = seed
    rows = values(data)
    total = rows[FIRST_LEAF_ROW + len(card.leaves)]
    assert total[0] == "总计"
    assert total[5] == float(card.max) == 100.0
    assert total[6] == float(card.total)
    assert Decimal(repr(total[6])) == card.total
    grade = rows[FIRST_LEAF_ROW + len(card.leaves) + 1]
    assert grade[0] == "评价等级：优"
    assert len(rows) == FIRST_LEAF_ROW + len(card.leaves) + 2


def test_total_row_equals_sum_of_scores(seed):
    card, data = seed
    rows = values(data)
    body = rows[FIRST_LEAF_ROW : FIRST_LEAF_ROW + len(card.leaves)]
    total = rows[FIRST_LEAF_ROW + len(card.leaves)]
    assert sum(r[6] for r in body) == total[6]
    assert sum(r[5] for r in body) == total[5]


def test_print_setup(seed):
    card, data = seed
    ws = open_xlsx(data)["评分表"]
    assert ws.print_title_rows.replace("$", "") == "5:6"  # the two header rows on every page
    setup = ws.page_setup
    assert int(setup.paperSize) == 9  # A4
    assert setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # fitToWidth="1" is the default, so XlsxWriter leaves it out: one page wide, any height
    assert int(setup.fitToWidth or 1) == 1 and int(setup.fitToHeight) == 0
    assert '<pageSetup paperSize="9" fitToHeight="0"' in part(data, "xl/worksheets/sheet1.xml")
    assert ws.print_options.horizontalCentered
    assert 0.3 <= ws.page_margins.left <= 1.0 and 0.3 <= ws.page_margins.right <= 1.0
    last = FIRST_LEAF_ROW + len(card.leaves) + 2
    assert str(ws.print_area).replace("'", "") == f"评分表!$A$1:$H${last}"


def test_formats_fonts_borders_and_widths(seed):
    card, data = seed
    ws = open_xlsx(data)["评分表"]
    title = ws["A1"]
    assert title.font.name == "黑体" and title.font.b and title.font.sz > 11
    assert ws["A3"].font.name == "仿宋"
    leaf = ws["C7"]
    assert leaf.font.name == "宋体"
    assert leaf.alignment.wrap_text and leaf.alignment.vertical == "center"
    total_row = FIRST_LEAF_ROW + len(card.leaves) + 1
    for coord in ("A7", "C7", "H7", "F5", "A5", "B6", f"F{total_row}", f"H{total_row}"):
        border = ws[coord].border
        assert border.left.style == "thin" and border.bottom.style == "thin", coord
    # merged-away cells carry the format too (openpyxl rewrites their borders when reading, so
    # look at the file): Excel draws a merged cell's border from every cell along its edge
    sheet = part(data, "xl/worksheets/sheet1.xml")
    style = re.search(r'<c r="A7" s="(\d+)"', sheet).group(1)
    for coord in ("A8", "A9", "A12"):
        assert f'<c r="{coord}" s="{style}"/>' in sheet
    # fonts stay as named: none is tied to the theme's font (which Excel would show instead)
    assert "<scheme" not in part(data, "xl/styles.xml")
    widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, 9)]
    assert all(w and w > 5 for w in widths)
    assert widths[2] == max(widths)  # 三级指标 is the widest


def test_row_heights_follow_the_wrapped_text(seed_cards, seed_exports):
    card, data = seed_cards[0], seed_exports[0]  # 01: two long 效益 leaf names
    ws = open_xlsx(data)["评分表"]
    heights = {i: ws.row_dimensions[FIRST_LEAF_ROW + 1 + i].height for i in range(len(card.leaves))}
    assert all(h for h in heights.values())
    short = heights[0]  # 立项依据充分性
    long_name = next(i for i, leaf in enumerate(card.leaves) if len(leaf.indicator.name) > 30)
    assert heights[long_name] >= 1.6 * short  # two lines or more
    assert ws.row_dimensions[1].height > short  # the title row


#: The rule names a document shows (the rules' Chinese names), and their auto-picked forms.
RULE_NAMES = {"正向", "反向", "等于", "定性", "是否", "区间", "扣分", "公式", "手工"}


def test_detail_sheet(seed):
    card, data = seed
    rows = values(data, "计分明细")
    assert rows[0] == [
        "指标",
        "年初指标值",
        "实际完成值",
        "分值",
        "得分",
        "规则得分",
        "评分规则",
        "说明",
    ]
    assert len(rows) == 1 + len(card.leaves)
    for row, leaf in zip(rows[1:], card.leaves, strict=True):
        assert row[0] == " › ".join(leaf.path)
        assert row[1] == (leaf.indicator.target or "")
        assert row[3] == float(leaf.weight) and row[4] == float(leaf.score)
        if leaf.result.score is None:
            assert row[5] == ""
        else:
            assert row[5] == float(leaf.result.score)
        # the rule in Chinese: 正向, or 正向（自动） when auto picked it
        assert row[6].removesuffix("（自动）") in RULE_NAMES, row[6]
        # the note in Chinese too: no English word left in it
        assert not re.search(r"[A-Za-z]{2,}", row[7]), row[7]
    ws = open_xlsx(data)["计分明细"]
    assert ws.print_title_rows.replace("$", "") == "1:1"
    assert ws.page_setup.orientation == "landscape"
    # the title and the project on every printed page
    assert ws.oddHeader.center.text == "项目支出绩效计分明细　" + card.evaluation.project.name


def test_detail_sheet_in_chinese(seed_cards, seed_exports):
    rows = values(seed_exports[0], "计分明细")[1:]
    assert {r[6] for r in rows} == {"是否（自动）", "正向（自动）"}
    # 03 劳动监察: 资金到位率 序时 cannot be compared with 100%; no rule score, the note says why
    row = next(r for r in values(seed_exports[2], "计分明细")[1:] if r[0].endswith("资金到位率"))
    assert row[2] == "序时" and row[4] == 3.0 and row[5] == ""
    assert row[7] == "实际完成值“序时”与指标值“100%”无法比较（单位不同或不是数值），由评价人评分"


def test_document_properties(seed):
    """The date is the end of the project's month or year (2024-12 for all 13), not 2000."""
    card, data = seed
    core = part(data, "docProps/core.xml")
    assert f"<dc:title>{card.evaluation.project.name}</dc:title>" in core
    assert "<dc:creator>如皋市人力资源和社会保障局</dc:creator>" in core
    assert "<dc:subject>项目支出绩效自我评价</dc:subject>" in core
    assert "2024-12-31T00:00:00Z" in core and "2000-01-01" not in core


def test_same_scorecard_same_bytes(seed_cards, seed_exports):
    for card, data in pairs(seed_cards, seed_exports):
        assert export_bytes(card) == data


def test_sheet_names(seed_exports):
    wb = open_xlsx(seed_exports[0])
    assert wb.sheetnames == ["评分表", "计分明细", "_perfeval"]
    # the last holds the evaluation for perfeval import, out of sight
    assert [wb[n].sheet_state for n in wb.sheetnames] == ["visible", "visible", "veryHidden"]
