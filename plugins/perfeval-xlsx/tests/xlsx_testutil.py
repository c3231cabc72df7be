"""Helpers for the tests: where the seed is, the sheet layout, reading an export back."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

import perfeval_core
import perfeval_xlsx

#: the repository root: plugins/perfeval-xlsx/tests/xlsx_testutil.py → four levels up
ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples" / "rugao-2024"
SEED_FILES = sorted(EXAMPLES.glob("*.toml"))

# layout of sheet 评分表 (0-based rows, as calamine returns them)
TITLE_ROW, YEAR_ROW, UNIT_ROW, NAME_ROW, HEAD1, HEAD2 = range(6)
FIRST_LEAF_ROW = 6


def export_bytes(card: perfeval_core.Scorecard) -> bytes:
    buffer = io.BytesIO()
    perfeval_xlsx.write(card, buffer)
    return buffer.getvalue()


def values(data: bytes, sheet: str = "评分表") -> list[list[object]]:
    """The cell values of one sheet (python-calamine: numbers as floats, merged-away cells '')."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def open_xlsx(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")
