"""The 评分表 of every seed document: rows, values, merges, header rows, widths, 总计, grade."""

from __future__ import annotations

import re

import pytest
from docx_testkit import (
    SEED_TEXT,
    W,
    block_order,
    cell_at,
    grid,
    paragraphs,
    table,
    tables,
    vertical_spans,
    whole_grid,
)

from perfeval_core import GroupScore
from perfeval_docx import style

NUMBERS = [f"{i:02d}" for i in range(1, 14)]


def _body_rows(data: bytes):
    rows = whole_grid(data)
    assert rows[-1][0].text == "总计"
    return rows[2:-1]


@pytest.mark.parametrize("number", NUMBERS)
def test_every_leaf_in_order_with_weight_and_score(number, cards, documents):
    card, rows = cards[number], _body_rows(documents[number])
    assert len(rows) == len(card.leaves)
    for row, leaf in zip(rows, card.leaves, strict=True):
        values = [cell_at(row, col).text for col in range(2, 8)]  # 三级 … 评分依据
        assert values[0] == leaf.indicator.name
        assert values[1] == (leaf.indicator.target or "")
        assert values[2] == (leaf.indicator.actual or "")
        assert values[3] == format(leaf.weight, "f")
        assert values[4] == format(leaf.score, "f")
        assert values[5] == (leaf.indicator.basis or "")


def test_numbers_are_written_exactly(documents):
    rows = _body_rows(documents["01"])
    weights = [cell_at(r, 5).text for r in rows]
    assert weights[:3] == ["2", "2", "2"]
    assert not any("." in w for w in weights)  # 2, not 2.0


def test_totals_match_the_seed_text(cards, documents):
    """总计 rows of the published tables (in the seed text) equal the documents' 总计 rows."""
    stated = re.findall(r"^总计\t+(\S+)\t(\S+)", SEED_TEXT.read_text("utf-8"), re.M)
    assert len(stated) == 13
    for number, (weight, total) in zip(NUMBERS, stated, strict=True):
        last = whole_grid(documents[number])[-1]
        assert last[0].text == "总计" and last[0].span == 5
        assert [c.text for c in last[1:]] == [weight, total, ""]
        assert format(cards[number].max, "f") == weight
        assert format(cards[number].total, "f") == total


def test_header_rows_as_the_seed_lays_them_out(documents):
    rows = grid(table(documents["01"]))
    first, second = rows[0], rows[1]
    assert [(c.text, c.span, c.merge) for c in first] == [
        ("评价指标", 3, None),
        ("年初指标值", 1, "restart"),
        ("实际完成值", 1, "restart"),
        ("分值", 1, "restart"),
        ("得分", 1, "restart"),
        ("评分依据", 1, "restart"),
    ]
    assert [(c.text, c.merge) for c in second] == [
        ("一级指标", None),
        ("二级指标", None),
        ("三级指标", None),
    ] + [("", "continue")] * 5


def test_header_rows_repeat_and_no_row_splits(documents):
    """Each page table starts with the two header rows; no row splits across pages."""
    for data in documents.values():
        for tbl in tables(data):
            trs = tbl.findall(f"{W}tr")
            headers = [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in trs]
            assert headers == [True, True] + [False] * (len(trs) - 2)
            assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in trs)


def test_a_group_split_by_a_page_break_shows_its_name_on_the_next_page(documents, cards):
    """Seed 02's table runs onto a second page inside 效益指标: the page table there starts
    with the header rows and 效益指标 again (a vertical merge shows its text on its first
    page only)."""
    found = tables(documents["02"])
    assert len(found) == 2
    second = grid(found[1])
    assert [c.text for c in second[1][:3]] == ["一级指标", "二级指标", "三级指标"]
    assert second[2][0].text == "效益指标"
    whole = [c.text for r in whole_grid(documents["02"])[2:-1] for c in r[:1] if c.text]
    assert whole == ["决策指标", "过程指标", "产出指标", "效益指标", "满意度指标"]


def test_vmerge_spans_of_decision_and_project_approval(documents):
    rows = _body_rows(documents["01"])
    first_level = vertical_spans(rows, 0)
    second_level = vertical_spans(rows, 1)
    assert first_level == [
        ("决策指标", 6),
        ("过程指标", 5),
        ("产出指标", 6),
        ("效益指标", 3),
        ("满意度指标", 2),
    ]
    assert second_level[:5] == [
        ("项目立项", 2),
        ("绩效目标", 2),
        ("资金投入", 2),
        ("资金管理", 3),
        ("组织实施", 2),
    ]
    # a 二级 of a single leaf is a plain cell, not a merge
    quality = [r for r in rows if cell_at(r, 1) is not None and cell_at(r, 1).text == "质量指标"]
    assert len(quality) == 1 and cell_at(quality[0], 1).merge is None


@pytest.mark.parametrize("number", NUMBERS)
def test_merges_follow_the_tree(number, cards, documents):
    """Every 一级 and 二级 with n leaves spans n rows; text only in the first cell."""
    rows = _body_rows(documents[number])
    card = cards[number]
    expected_1 = [(g.name, len(_leaves(g))) for g in card.levels if len(_leaves(g)) > 1]
    expected_2 = [
        (c.name, len(_leaves(c)))
        for g in card.levels
        for c in g.children
        if isinstance(c, GroupScore) and len(_leaves(c)) > 1
    ]
    assert vertical_spans(rows, 0) == expected_1
    assert vertical_spans(rows, 1) == expected_2
    for row in rows:
        for cell in row:
            if cell.merge == "continue":
                assert cell.text == ""


def _leaves(node):
    if isinstance(node, GroupScore):
        return [leaf for child in node.children for leaf in _leaves(child)]
    return [node]


def test_widths_grid_and_cells(documents):
    tbl = table(documents["01"])
    cols = [int(g.get(f"{W}w")) for g in tbl.findall(f"{W}tblGrid/{W}gridCol")]
    assert sum(cols) == style.TEXT_WIDTH
    # every heading on one line: its characters and the cell's margins fit the column
    for heading, column in (("年初指标值", 3), ("实际完成值", 4), ("一级指标", 0), ("分值", 5)):
        assert cols[column] >= len(heading) * style.CHAR + 2 * style.CELL_MARGIN, heading
    assert cols[2] == max(cols)  # the 三级 names take what is left
    assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"  # autofit off
    for row in grid(tbl):
        assert sum(c.span for c in row) == len(cols)
        for cell in row:
            assert cell.width == sum(cols[cell.column : cell.column + cell.span])


def test_cells_are_centred_vertically_and_bordered(documents):
    tbl = table(documents["01"])
    tcs = tbl.findall(f"{W}tr/{W}tc")
    assert all(tc.find(f"{W}tcPr/{W}vAlign").get(f"{W}val") == "center" for tc in tcs)
    borders = tbl.find(f"{W}tblPr/{W}tblBorders")
    sides = {b.tag.removeprefix(W): b.get(f"{W}val") for b in borders}
    assert sides == dict.fromkeys(
        ("top", "left", "bottom", "right", "insideH", "insideV"), "single"
    )
    assert tbl.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") == "TableGrid"


def test_sheet_heading_lines_and_grade(cards, documents):
    blocks = block_order(documents["01"])
    at = blocks.index("项目支出绩效自我评价评分表")
    assert blocks[at : at + 6] == [
        "项目支出绩效自我评价评分表",
        "(2024年)",
        "填报单位：如皋市人力资源和社会保障局",
        "项目名称：新录用事业人员培训及事业人员嘉奖证书",
        "<table>",
        "评价等级：优",
    ]
    assert blocks[-1] == "评价等级：优"


def test_sheet_starts_on_a_new_page(documents):
    for number, data in documents.items():
        paras = paragraphs(data)
        titles = [p for p in paras if p.text == "项目支出绩效自我评价评分表"]
        assert len(titles) == 1, number
        title = titles[0]
        assert title.element.find(f"{W}pPr/{W}pageBreakBefore") is not None
        assert paras.index(title) > 0  # the narrative comes first


def test_total_row_stays_with_the_grade_line_and_the_last_leaf(documents):
    """No page holds the 总计 row alone: the last leaf keeps with it, it with the grade."""
    for data in documents.values():
        trs = tables(data)[-1].findall(f"{W}tr")
        for tr in trs[-2:]:
            assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p"))
        assert all(p.find(f"{W}pPr/{W}keepNext") is None for p in trs[-3].iter(f"{W}p"))
