"""The Word reader: merges walked from the XML, several tables, paragraphs, nested tables."""

from __future__ import annotations

from pathlib import Path

import fixtures
import pytest

from perfeval_import import Document, Location, Span, Table, TextLine, read, read_docx


@pytest.fixture(scope="module")
def document(folder: Path) -> Document:
    return read(fixtures.two_projects_docx(folder))


def test_two_project_tables_and_a_nested_one(document: Document) -> None:
    assert [t.name for t in document.tables] == [
        "table 1",
        "table 2 (in table 1, row 9, column 8)",
        "table 3",
    ]
    assert document.notes == ("a table nested in table 1, row 9, column 8 is read as table 2",)
    assert document.tables[1].texts == (("计划", "实际"),)
    assert document.tables[0].texts[8][7] == "部分学员继续深造，下年加强就业跟踪"


def test_grid_spans_and_what_is_stored_where(document: Document) -> None:
    table = document.tables[0]
    assert (table.height, table.width) == (12, 8)
    assert set(table.spans) == {
        Span(0, 0, 1, 2),
        Span(0, 2, 1, 6),
        Span(2, 0, 5, 1),
        Span(2, 1, 2, 1),
        Span(7, 0, 3, 1),
        Span(11, 0, 1, 5),
    }
    assert [list(row) for row in table.texts[:4]] == [
        ["项目名称", "", "职业技能提升培训项目", "", "", "", "", ""],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        ["产出指标", "数量指标", "培训人数", "≥500人次", "526人次", "10", "10", ""],
        ["", "", "开展技能竞赛次数", "≥8次", "10", "10", "10", ""],
    ]
    assert table.cell(1, 7).raw == "偏差原因分析\n及改进措施"
    assert list(table.texts[11]) == ["总分", "", "", "", "", "100", "98.75", ""]
    # a w:gridSpan covers positions that have no w:tc: nothing is stored there
    assert (table.cell(0, 1).raw, table.cell(0, 1).span) == (None, Span(0, 0, 1, 2))
    # a w:vMerge continuation is a w:tc of its own, empty
    continued = table.cell(3, 0)
    assert (continued.raw, continued.span, continued.is_origin) == ("", Span(2, 0, 5, 1), False)
    assert continued.location == Location(table=1, row=3, col=0)
    assert str(continued.location) == "table 1, row 4, column 1"
    assert table.origin == Location(table=1, line=5)


def test_paragraph_fields_and_reading_order(document: Document) -> None:
    assert [(line.location.line, line.text) for line in document.text] == [
        (1, "项目支出绩效自评表"),
        (2, "（2024年度）"),
        (3, "项目名称：职业技能提升培训项目"),
        (4, "主管部门：某市人力资源和社会保障局\t实施单位：某市职业技能鉴定指导中心"),
        (7, "项目支出绩效自评表"),
        (8, "（2024年度）"),
        (9, "项目名称：就业见习补贴项目"),
        (10, "主管部门：某市人力资源和社会保障局\t实施单位：某市职业技能鉴定指导中心"),
    ]
    assert (
        document.text[3].raw
        == "主管部门：某市人力资源和社会保障局\u3000\u3000实施单位：某市职业技能鉴定指导中心"
    )
    kinds = ["T" if isinstance(block, Table) else block.text[:4] for block in document.blocks()]
    assert kinds == [
        "项目支出",
        "（202",
        "项目名称",
        "主管部门",
        "T",
        "T",
        "项目支出",
        "（202",
        "项目名称",
        "主管部门",
        "T",
    ]
    assert isinstance(document.blocks()[0], TextLine)


def test_word_markup_the_fixture_builder_does_not_write(folder: Path) -> None:
    """Content controls around rows and cells, w:gridBefore, legacy w:hMerge, Symbol-font
    comparators, tracked deletions, a field code, and a vMerge spanning two grid columns."""
    import docx

    document = docx.Document()
    document.add_paragraph("x")
    path = folder / "markup.docx"
    document.save(str(path))
    body = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        "<w:sdt><w:sdtContent><w:tr>"
        '<w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr>'
        "<w:p><w:r><w:t>产出</w:t></w:r><w:r><w:br/><w:t>指标</w:t></w:r></w:p></w:tc>"
        '<w:sdt><w:sdtContent><w:tc><w:p><w:r><w:sym w:font="Symbol" w:char="F0B3"/>'
        "<w:t>95%</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt>"
        "</w:tr></w:sdtContent></w:sdt>"
        '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc>'
        "<w:tc><w:p><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:r>"
        "<w:instrText>PAGE</w:instrText></w:r><w:r><w:t>新</w:t></w:r></w:p></w:tc></w:tr>"
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        '<w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>合并</w:t></w:r></w:p>'
        "</w:tc><w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"
    )
    xml = fixtures.zip_member(path, "word/document.xml").decode()
    xml = xml.replace("<w:body>", "<w:body>" + body, 1)
    _rewrite(path, "word/document.xml", xml.encode())
    [table] = read_docx(path).tables
    assert [list(row) for row in table.texts] == [
        ["产出指标", "", "≥95%"],
        ["", "", "新"],
        ["", "合并", ""],
    ]
    assert table.cell(0, 0).raw == "产出\n指标"
    assert set(table.spans) == {Span(0, 0, 2, 2), Span(2, 1, 1, 2)}
    assert table.cell(1, 1).span == Span(0, 0, 2, 2)


def _rewrite(path: Path, member: str, data: bytes) -> None:
    import zipfile

    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in items:
            target.writestr(info, data if info.filename == member else content)
