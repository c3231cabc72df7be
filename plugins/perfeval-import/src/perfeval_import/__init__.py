"""perfeval-import: ``perfeval import`` of the tables people already have — workbooks, Word
documents, PDFs with a text layer, report text — and the fill-in workbook of ``perfeval new
--format xlsx``.

Two layers: the readers turn a file into one neutral structure, a `Document` of rectangular
cell grids (`Table`) and text lines; the recogniser finds the forms' blocks in it by their
labels (the same form files that lay documents out for export) and maps each project's rows
onto a framework (`import_file`, `import_document`). The package registers its reader and its
blank format through perfeval's hooks (entry-point group ``perfeval``). Importing it is cheap:
the readers (and python-calamine, lxml, pdfplumber, XlsxWriter) are imported on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from perfeval_core import BlankWriter, Reader, hookimpl

from .errors import ReadError
from .grid import Cell, CellFlag, Document, Location, Span, Table, TextLine
from .normalize import (
    amount_unit,
    is_placeholder,
    magnitude,
    normalize_line,
    normalize_text,
    number_text,
    parse_number,
    percent_text,
    placeholder_row,
    recover_code,
    split_comparator,
    split_points,
)

if TYPE_CHECKING:
    from perfeval_core import Framework, ImportResult, Registry

    from .fillin import write_fill_in
    from .importer import import_document, import_file
    from .read import SUFFIXES, read
    from .read_docx import read_docx
    from .read_pdf import read_pdf
    from .read_text import parse_text, read_text
    from .read_xlsx import read_xlsx

_LAZY = {
    "SUFFIXES": "read",
    "read": "read",
    "read_docx": "read_docx",
    "read_pdf": "read_pdf",
    "parse_text": "read_text",
    "read_text": "read_text",
    "read_xlsx": "read_xlsx",
    "import_file": "importer",
    "import_document": "importer",
    "write_fill_in": "fillin",
}


def __getattr__(name: str) -> Any:
    """The readers, imported on first use (perfeval imports every plugin at start-up)."""
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: The file suffixes the reader takes (the readers' own list: workbooks, Word, PDF, text).
READ_SUFFIXES = (
    ".xlsx",
    ".xlsm",
    ".xltx",
    ".xltm",
    ".xls",
    ".xlsb",
    ".ods",
    ".docx",
    ".docm",
    ".dotx",
    ".pdf",
    ".txt",
    ".tsv",
    ".text",
)


def _read(
    path: Path,
    *,
    framework: str | None = None,
    form: str | None = None,
    registry: Registry | None = None,
) -> ImportResult:
    from .importer import import_file

    return import_file(path, framework=framework, form=form, registry=registry)


def _write_blank(framework: Framework, stream: BinaryIO, ref: str) -> None:
    from .fillin import write_fill_in

    write_fill_in(framework, stream, ref)


@hookimpl
def perfeval_register_readers(register: Callable[[Reader], None]) -> None:
    register(
        Reader(
            "tables",
            READ_SUFFIXES,
            _read,
            "自评表 / 申报表 from workbooks (.xlsx .xls .ods), Word (.docx), PDF, text",
        )
    )


@hookimpl
def perfeval_register_blanks(register: Callable[[BlankWriter], None]) -> None:
    register(
        BlankWriter(
            "xlsx",
            ".xlsx",
            _write_blank,
            "a workbook to fill in with Excel or WPS (perfeval import reads it back)",
        )
    )


__all__ = [
    "READ_SUFFIXES",
    "SUFFIXES",
    "Cell",
    "CellFlag",
    "Document",
    "Location",
    "ReadError",
    "Span",
    "Table",
    "TextLine",
    "amount_unit",
    "import_document",
    "import_file",
    "is_placeholder",
    "magnitude",
    "normalize_line",
    "normalize_text",
    "number_text",
    "parse_number",
    "parse_text",
    "percent_text",
    "perfeval_register_blanks",
    "perfeval_register_readers",
    "placeholder_row",
    "read",
    "read_docx",
    "read_pdf",
    "read_text",
    "read_xlsx",
    "recover_code",
    "split_comparator",
    "split_points",
    "write_fill_in",
]
