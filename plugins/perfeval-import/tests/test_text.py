"""The tab-separated text reader, and the seed: 13 published 如皋 reports read to 13 tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfeval_import import Document, Location, parse_text, read

SEED_TEXT = Path(__file__).resolve().parents[3] / "tests" / "data" / "seed-rugao-2024.txt"
TOTALS = ["98", "99", "97", "99", "98", "99", "98", "98", "98", "99", "98", "99", "96"]


@pytest.fixture(scope="module")
def seed() -> Document:
    return read(SEED_TEXT)


def test_seed_reads_to_13_score_tables(seed: Document) -> None:
    assert len(seed.tables) == 13
    for table in seed.tables:
        assert table.width == 8 and not table.spans_known and table.spans == ()
        assert table.texts[0][0] == "评价指标" and table.texts[1][:3] == (
            "一级指标",
            "二级指标",
            "三级指标",
        )
        assert table.texts[-1][0] == "总计" and table.texts[-1][5] == "100"
    assert [table.texts[-1][6] for table in seed.tables] == TOTALS
    assert [table.height for table in seed.tables] == [
        25,
        25,
        24,
        22,
        24,
        25,
        23,
        23,
        23,
        24,
        23,
        22,
        24,
    ]


def test_seed_cells_are_faithful(seed: Document) -> None:
    first, second = seed.tables[0], seed.tables[1]
    assert first.origin == Location(line=47)
    assert list(first.texts[2]) == [
        "决策指标",
        "项目立项",
        "立项依据充分性",
        "充分",
        "充分",
        "2",
        "2",
        "",
    ]
    assert list(first.texts[3]) == ["", "", "立项程序规范性", "规范", "规范", "2", "2", ""]
    # wrapped labels are joined, the raw text keeps the artefact
    assert second.texts[0][3] == "年初指标值" and second.cells[0][3].raw == "年初指 标值"
    assert second.texts[13][3:5] == ("300 人次", "330 人次")
    # the row the extraction shifted into the wrong column stays as it is
    shifted = second.texts[22]
    assert list(shifted) == [
        "可持续发展指标",
        ("持续开展该项活动，有利于营造企业重视技能人才的良好氛围，推动经济可持续发展。"),
        "是",
        "是",
        "6",
        "6",
        "",
        "",
    ]
    assert second.cell(22, 1).location == Location(line=139, col=1)
    assert str(second.cell(22, 1).location) == "line 139, column 2"


def test_seed_text_lines(seed: Document) -> None:
    assert seed.text[0].text == "项目支出绩效自我评价情况表"
    assert seed.text[0].location == Location(line=3)
    titles = [line for line in seed.text if line.text == "项目支出绩效自我评价评分表"]
    assert len(titles) == 13  # one before each score table
    assert all(
        title.location.line < table.origin.line  # type: ignore[operator]
        for title, table in zip(titles, seed.tables, strict=True)
    )
    assert all("\t" not in line.raw for line in seed.text)


def test_rows_are_padded_blank_lines_skipped_and_pages_counted() -> None:
    document = parse_text("标题\n一\t二\n\n三\n\f四\t五\t六\n尾\n")
    first, second = document.tables
    assert first.texts == (("一", "二"),)
    assert second.texts == (("四", "五", "六"),)
    assert second.cell(0, 2).location == Location(page=2, line=5, col=2)
    assert [(line.text, line.location) for line in document.text] == [
        ("标题", Location(page=1, line=1)),
        ("三", Location(page=1, line=4)),
        ("尾", Location(page=2, line=6)),
    ]
    padded = parse_text("a\tb\tc\nd\n").tables[0]
    assert padded.texts == (("a", "b", "c"),)
    ragged = parse_text("a\tb\tc\nd\te\n").tables[0]
    assert ragged.texts == (("a", "b", "c"), ("d", "e", "")) and ragged.cell(1, 2).raw is None


def test_encodings(folder: Path) -> None:
    text = "项目名称：培训\n一级指标\t分值\n"
    for name, data, note in (
        ("utf8.txt", text.encode("utf-8"), ()),
        ("bom.txt", text.encode("utf-8-sig"), ()),
        ("utf16.txt", text.encode("utf-16"), ()),
        ("gbk.txt", text.encode("gb18030"), ("decoded as GB18030 (not UTF-8)",)),
    ):
        path = folder / name
        path.write_bytes(data)
        document = read(path)
        assert document.tables[0].texts == (("一级指标", "分值"),), name
        assert document.notes == note
