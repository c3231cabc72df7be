"""The PDF reader: ruled tables with merged cells, a table going on over a page, text lines."""

from __future__ import annotations

from pathlib import Path

import fixtures
import pytest

from perfeval_import import Document, Location, ReadError, Span, read


@pytest.fixture(scope="module")
def document(folder: Path) -> Document:
    return read(fixtures.text_pdf(folder))


def test_table_over_two_pages_is_one_table(document: Document) -> None:
    [table] = document.tables
    assert table.name == "table 1 (pages 1-2)"
    assert document.notes == ()
    expected = [
        [None if text in (fixtures.UP, fixtures.LEFT) else text for text in row]
        for row in fixtures.PDF_ROWS + fixtures.PDF_SECOND_PAGE
    ]
    assert [list(row) for row in table.texts] == [[text or "" for text in row] for row in expected]
    assert set(table.spans) == {Span(1, 0, 3, 1), Span(1, 1, 2, 1), Span(7, 0, 1, 5)}


def test_covered_positions_carry_the_span_and_nothing_stored(document: Document) -> None:
    table = document.tables[0]
    covered = table.cell(2, 0)
    assert (covered.text, covered.raw, covered.span) == ("", None, Span(1, 0, 3, 1))
    assert table.cell(1, 0).raw == "产出指标" and table.cell(1, 0).is_origin
    assert table.cell(7, 3).span == Span(7, 0, 1, 5)


def test_page_and_line_locations(document: Document) -> None:
    table = document.tables[0]
    assert table.origin == Location(page=1, line=3, table=1)
    assert table.cell(0, 0).location == Location(page=1, line=3, table=1, row=0, col=0)
    assert table.cell(4, 2).location == Location(page=1, line=7, table=1, row=4, col=2)
    assert table.cell(6, 1).location == Location(page=2, line=2, table=1, row=6, col=1)
    assert str(table.cell(6, 1).location) == "page 2, table 1, row 7, line 2, column 2"
    assert [(line.location.page, line.location.line, line.text) for line in document.text] == [
        (1, 1, "项目支出绩效自评表"),
        (1, 2, "项目名称：职业技能提升培训项目"),
        (1, 8, "- 1 -"),
        (2, 4, "- 2 -"),
    ]


def test_image_only_pdf_is_an_error(folder: Path) -> None:
    path = fixtures.image_pdf(folder)
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.file == str(path)
    assert "no text layer" in caught.value.message
    assert "OCR" in caught.value.hint


def test_password_protected_pdf_is_an_error(folder: Path) -> None:
    from reportlab.pdfgen import canvas

    path = folder / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt="secret")
    pdf.drawString(100, 700, "x")
    pdf.save()
    with pytest.raises(ReadError, match="password"):
        read(path)
