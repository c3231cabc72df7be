"""Text and number helpers for the workbook: Excel's limits, width estimates, exact numbers.

Nothing here imports xlsxwriter, so these functions are cheap to import and to test.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

#: Excel's limit on the text of one cell, in UTF-16 code units.
MAX_CELL_CHARS = 32767

#: Width, in Excel column units, of one character at 11 pt: CJK (and full-width punctuation)
#: ≈ 1.9 units, Latin letters and digits ≈ 1.05 (measured in LibreOffice with Noto CJK).
WIDE, NARROW = 1.9, 1.05

#: Line height as a multiple of the font size: Noto CJK (what 宋体 becomes on LibreOffice)
#: sets lines 1.45 em apart; SimSun in Excel is a little tighter, so this errs on the roomy side.
LINE_FACTOR = 1.45

_TOKENS = re.compile(r"[!-~]+|.", re.S)


def utf16_len(text: str) -> int:
    """Length as Excel counts it (characters outside the BMP count twice)."""
    return len(text.encode("utf-16-le")) // 2


def truncation_marker(original: str) -> str:
    return f"……〔内容过长已截断：原文 {utf16_len(original)} 字符，单元格上限 {MAX_CELL_CHARS}〕"


def cell_text(text: str) -> str:
    """``text`` as it can go into one cell: over Excel's limit it is cut and says so at the end.

    XlsxWriter would cut it silently (and only return -2); here the reader sees a marker giving
    the original length.
    """
    if len(text) <= MAX_CELL_CHARS // 2 or utf16_len(text) <= MAX_CELL_CHARS:
        return text
    marker = truncation_marker(text)
    room = MAX_CELL_CHARS - utf16_len(marker)
    head = text.encode("utf-16-le")[: room * 2]
    # do not split a surrogate pair
    cut = head.decode("utf-16-le", errors="ignore")
    return cut + marker


@lru_cache(maxsize=1024)
def number(value: Decimal | int) -> float | str:
    """The cell value of a Decimal: a float when Excel's double shows it exactly, else its text.

    Weights and scores (2, 9, 2.5, 33.33) are always exact to 15 significant digits; a value that
    is not (more digits than a double keeps, NaN, infinity) is written as its exact text rather
    than silently changed.
    """
    if isinstance(value, int):
        if abs(value) < 2**53:
            return float(value)
        return str(value)
    if not value.is_finite():
        return str(value)
    as_float = float(value)
    if Decimal(repr(as_float)) == value:
        return as_float
    return format(value, "f")


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> float:
    if ch < "\u0080":
        return NARROW
    return WIDE if unicodedata.east_asian_width(ch) in "WFA" else NARROW


@lru_cache(maxsize=8192)
def text_width(text: str, size: float = 11.0) -> float:
    """The width of ``text`` on one line, in column units, without the cell's padding."""
    return sum(_char_width(c) for c in text) * size / 11.0


#: Room a cell keeps around its text, in column units.
PADDING = 0.8
#: Room taken by one level of indent (left-aligned cells keep their text off the border):
#: Excel indents by about one character, LibreOffice a little less.
INDENT = 1.5


@lru_cache(maxsize=8192)
def count_lines(text: str, width: float, size: float = 11.0) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide at ``size`` pt.

    Greedy: CJK breaks anywhere, a run of ASCII letters/digits/punctuation stays whole when it
    fits on a line; explicit newlines start new lines. Errs on the side of one line too many.
    """
    scale = size / 11.0
    usable = max(width - PADDING, 1.0)
    lines = 0
    for para in text.split("\n"):
        lines += 1
        x = 0.0
        for token in _TOKENS.findall(para):
            w = (
                sum(_char_width(c) for c in token) * scale
                if len(token) > 1
                else _char_width(token) * scale
            )
            if x + w <= usable:
                x += w
                continue
            if x > 0 and w <= usable:  # the token moves to the next line whole
                lines += 1
                x = w
                continue
            for c in token:  # longer than a line (or the first on it): break anywhere
                cw = _char_width(c) * scale
                if x + cw > usable and x > 0:
                    lines += 1
                    x = cw
                else:
                    x += cw
    return lines


def row_height(lines: int, size: float = 11.0, padding: float = 5.0) -> float:
    """Row height in points for ``lines`` lines of ``size`` pt text."""
    return round(lines * size * LINE_FACTOR + padding, 1)


_NUMERALS = "一二三四五六七八九十"


def level_label(level: int) -> str:
    """一级指标, 二级指标 … for level 1, 2 …"""
    if level <= 10:
        numeral = _NUMERALS[level - 1]
    elif level < 20:
        numeral = "十" + _NUMERALS[level - 11]
    else:
        numeral = str(level)
    return f"{numeral}级指标"
