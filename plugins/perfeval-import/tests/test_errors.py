"""Every unreadable input raises one ReadError naming the file, what is wrong, what to do."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import fixtures
import pytest

from perfeval_import import ReadError, read, read_docx, read_pdf, read_text, read_xlsx


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return build


CASES = [
    (fixtures.encrypted_xlsx, "protected by a password", "password"),
    (fixtures.corrupt_xlsx, "cannot read the workbook", "damaged"),
    (fixtures.html_as_xls, "web page (HTML)", "save it as .xlsx"),
    (
        _write(
            "xml2003.xls",
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:'
            b'office:spreadsheet"></Workbook>',
        ),
        "XML Spreadsheet 2003",
        ".xlsx",
    ),
    (fixtures.no_table_docx, "no tables", "Word table"),
    (fixtures.doc_as_docx, "Word 97-2003 .doc", "save it as .docx"),
    (_write("broken.docx", b"PK\x03\x04 broken"), "damaged zip", "save it again"),
    (fixtures.image_pdf, "no text layer", "OCR"),
    (_write("fake.pdf", b"this is not a pdf"), "not a PDF", "original"),
    (_write("table.csv", b"a,b\n"), "cannot read .csv files", ".txt"),
    (_write("notes.foo", b"x"), "cannot read .foo files", ".xlsx"),
    (_write("README", b"x"), "files without a suffix", ".xlsx"),
    (_write("empty.xlsx", b""), "the file is empty", "again"),
    (_write("binary.txt", b"\x00\x01\x02"), "not a text file", ".txt"),
]


@pytest.mark.parametrize(
    ("build", "message", "hint"),
    CASES,
    ids=[case[0].__name__ if case[0].__name__ != "build" else case[1] for case in CASES],
)
def test_unreadable_input(
    folder: Path, build: Callable[[Path], Path], message: str, hint: str
) -> None:
    path = build(folder)
    with pytest.raises(ReadError) as caught:
        read(path)
    error = caught.value
    assert error.file == str(path)
    assert message in error.message
    assert hint in error.hint
    assert str(error) == f"{path}: {error.message}\n  hint: {error.hint}"
    assert isinstance(error, ValueError)


def test_encrypted_docx(folder: Path) -> None:
    import msoffcrypto.format.ooxml

    plain = fixtures.no_table_docx(folder)
    locked = folder / "locked.docx"
    with plain.open("rb") as source, locked.open("wb") as sink:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("123456", sink)
    with pytest.raises(ReadError, match="password"):
        read(locked)


def test_readers_called_directly_say_the_same(folder: Path) -> None:
    with pytest.raises(ReadError, match="password"):
        read_xlsx(fixtures.encrypted_xlsx(folder))
    with pytest.raises(ReadError, match="cannot read the workbook"):
        read_xlsx(fixtures.corrupt_xlsx(folder))
    with pytest.raises(ReadError, match="no tables"):
        read_docx(fixtures.no_table_docx(folder))
    with pytest.raises(ReadError, match="no such file"):
        read_pdf(folder / "missing.pdf")
    with pytest.raises(ReadError, match="cannot open"):
        read_text(folder / "missing.txt")
    with pytest.raises(ReadError, match="no such file"):
        read(folder / "missing.xlsx")


def test_error_pickles() -> None:
    error = ReadError("a.xlsx", "broken", "fix it")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.file, copy.message, copy.hint) == ("a.xlsx", "broken", "fix it")
