"""Numbers as a narrative writes them: ``22``, ``２２`` or ``二十二``."""

from __future__ import annotations

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
#: A number as the narrative's patterns match it: digits (ASCII or full-width) or numerals.
NUMBER = r"[0-9０-９]+|[零〇一二两三四五六七八九十百]+"


def parse_number(text: str) -> int | None:
    """The whole number written as ``text``, or None when it is not one."""
    text = text.translate({0xFF10 + i: str(i) for i in range(10)})
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current
