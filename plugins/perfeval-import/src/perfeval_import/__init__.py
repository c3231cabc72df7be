"""perfeval-import, layer 1: readers that turn workbooks, Word documents, PDFs and
tab-separated text into one neutral structure — a `Document` of rectangular cell grids
(`Table`) and text lines — for the form recognition that builds evaluations on top of it.

Importing the package is cheap: the readers (and python-calamine, lxml, pdfplumber) are imported
on first use. The package registers with perfeval through the ``perfeval`` entry-point group;
it defines no hooks yet.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
    from .read import SUFFIXES, read
    from .read_docx import read_docx
    from .read_pdf import read_pdf
    from .read_text import parse_text, read_text
    from .read_xlsx import read_xlsx

_LAZY = {"SUFFIXES": "read", "read": "read", "read_docx": "read_docx", "read_pdf": "read_pdf",
         "parse_text": "read_text", "read_text": "read_text", "read_xlsx": "read_xlsx"}


def __getattr__(name: str) -> Any:
    """The readers, imported on first use (perfeval imports every plugin at start-up)."""
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "SUFFIXES", "Cell", "CellFlag", "Document", "Location", "ReadError", "Span", "Table",
    "TextLine", "amount_unit", "is_placeholder", "magnitude", "normalize_line", "normalize_text", "number_text",
    "parse_number", "parse_text", "percent_text", "placeholder_row", "read", "read_docx",
    "read_pdf", "read_text", "read_xlsx", "recover_code", "split_comparator", "split_points",
]
