"""How wide a table's columns are and how tall its rows come out, in twips, for the table font.

A CJK character of 五号 is 10.5 pt wide (210 twips) in every CJK face; Latin letters and digits
are counted a little over half of that, so that an estimate errs on the side of one line more.
Widths: each column fits its headings on one line and its body text within the bounds of its
kind (``style.KIND_CHARS``); names and free text share what is left of the page. Heights: the
lines each cell wraps to at its width, times the fixed line of the table text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from perfeval_core import Table

from . import style

_TOKENS = re.compile(r"[!-~]+|.", re.S)
_NARROW = 0.55  # a Latin letter or digit, in CJK character widths


@functools.lru_cache(maxsize=4096)
def _char(ch: str) -> float:
    if ch < "\u0080":
        return _NARROW
    return 1.0 if unicodedata.east_asian_width(ch) in "WFA" else _NARROW


@functools.lru_cache(maxsize=8192)
def chars(text: str) -> float:
    """The width of the longest line of ``text``, in CJK characters."""
    return max((sum(_char(c) for c in line) for line in text.split("\n")), default=0.0)


@functools.lru_cache(maxsize=16384)
def lines(text: str, width: int) -> int:
    """How many lines ``text`` wraps to in a cell ``width`` twips wide (margins included)."""
    usable = max((width - 2 * style.CELL_MARGIN) / style.CHAR, 1.0)
    count = 0
    for para in text.split("\n"):
        count += 1
        x = 0.0
        for token in _TOKENS.findall(para):
            w = sum(_char(c) for c in token)
            if x + w <= usable:
                x += w
            elif x > 0 and w <= usable:
                count += 1
                x = w
            else:
                for c in token:
                    cw = _char(c)
                    if x + cw > usable and x > 0:
                        count += 1
                        x = cw
                    else:
                        x += cw
    return count


def _twips(characters: float) -> int:
    return round(characters * style.CHAR) + 2 * style.CELL_MARGIN + 20


def widths(table: Table, starts: list[list[int]], text_width: int) -> list[int]:
    """The width of each grid column, in twips, adding up to ``text_width`` when a column
    takes what is left (names, free text), else to no more than it."""
    n = len(table.columns)
    heads = [0.0] * n
    body = [0.0] * n
    for r, row in enumerate(table.rows):
        for cell, column in zip(row.cells, starts[r], strict=True):
            if cell.colspan != 1:
                continue
            need = chars(cell.text)
            if (row.header or cell.style == "head") and not cell.repeat:
                heads[column] = max(heads[column], min(need, style.HEAD_CHARS))
            else:
                body[column] = max(body[column], need)
    natural = []
    for c, col in enumerate(table.columns):
        low, high = style.KIND_CHARS[col.kind]
        body_need = 0.0 if col.kind in style.FLEXIBLE else min(body[c], high)
        natural.append(_twips(max(heads[c], low, body_need)))
    room = text_width - sum(natural)
    flexible = [c for c, col in enumerate(table.columns) if col.kind in style.FLEXIBLE]
    if room >= 0 and flexible:
        wants = {
            c: _twips(min(body[c], style.KIND_CHARS[table.columns[c].kind][1])) for c in flexible
        }
        _fill(natural, flexible, wants, room, table)
        natural[flexible[0]] += text_width - sum(natural)
        return natural
    if room < 0:  # too wide for the page: the widest columns give up room first
        natural = _narrowed(natural, table, text_width)
    return natural


def _fill(
    widths: list[int], flexible: list[int], wants: dict[int, int], room: int, table: Table
) -> None:
    """Share ``room`` out over the ``flexible`` columns by their kind's share (names twice
    what free text gets), none beyond what its text needs on one line while another still
    wants more; what is left goes to all of them by share."""
    hungry = [c for c in flexible if wants[c] > widths[c]]
    while room > 0 and hungry:
        shares = {c: style.FLEXIBLE[table.columns[c].kind] for c in hungry}
        unit = room / sum(shares.values())
        given = 0
        for c in hungry:
            add = min(int(unit * shares[c]), wants[c] - widths[c])
            widths[c] += add
            given += add
        room -= given
        hungry = [c for c in hungry if wants[c] > widths[c]]
        if given == 0:
            break
    if room > 0:
        shares = {c: style.FLEXIBLE[table.columns[c].kind] for c in flexible}
        unit = room / sum(shares.values())
        for c in flexible:
            widths[c] += int(unit * shares[c])


def _narrowed(widths: list[int], table: Table, text_width: int) -> list[int]:
    """``widths`` cut down to ``text_width``: every column gives up the same share of what it
    has above the narrowest it can be (``style.KIND_FLOOR``)."""
    floors = [_twips(style.KIND_FLOOR[col.kind]) for col in table.columns]
    spare = [max(w - f, 0) for w, f in zip(widths, floors, strict=True)]
    excess = sum(widths) - text_width
    if sum(spare) <= excess:  # not even the floors fit: scale everything
        return [int(w * text_width / sum(widths)) for w in widths]
    cut = excess / sum(spare)
    return [w - int(-(-s * cut // 1)) for w, s in zip(widths, spare, strict=True)]


def row_heights(table: Table, starts: list[list[int]], columns: Sequence[int]) -> list[int]:
    """Each row's height in twips: its tallest cell, a merged cell's lines shared out over the
    rows it covers."""
    heights = [0] * len(table.rows)
    merged: list[tuple[int, int, int]] = []  # (first row, rows, height needed)
    for r, row in enumerate(table.rows):
        tallest = 1
        for cell, column in zip(row.cells, starts[r], strict=True):
            width = sum(columns[column : column + cell.colspan])
            need = lines(cell.text, width) if cell.text else 1
            if cell.rowspan == 1:
                tallest = max(tallest, need)
            else:
                merged.append((r, cell.rowspan, need * style.LINE_TABLE + style.ROW_PADDING))
        heights[r] = tallest * style.LINE_TABLE + style.ROW_PADDING
    for first, count, need in merged:
        have = sum(heights[first : first + count])
        if need > have:
            extra = -(-(need - have) // count)
            for r in range(first, first + count):
                heights[r] += extra
    return heights
