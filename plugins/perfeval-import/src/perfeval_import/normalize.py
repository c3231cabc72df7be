"""Pure helpers that turn cell contents as people and systems write them into comparable text.

`normalize_text` is what every reader applies to a cell's text; the other helpers read the
conventions a later layer needs: numbers written as text, floats that stand for digit strings,
comparators as glyphs or words, points inside labels, template placeholders, units of amounts.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

__all__ = [
    "amount_unit",
    "is_placeholder",
    "magnitude",
    "normalize_line",
    "normalize_text",
    "number_text",
    "parse_number",
    "percent_text",
    "placeholder_row",
    "recover_code",
    "split_comparator",
    "split_points",
]

# -- normalize_text ----------------------------------------------------------------------------

_TABLE: dict[int, str | None] = {}
# Full-width digits, letters and the symbols used in values → ASCII. Chinese prose punctuation
# (，。：；！？（）【】 etc.) is left as written.
for _code in range(0xFF10, 0xFF1A):
    _TABLE[_code] = chr(_code - 0xFEE0)
for _code in (*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)):
    _TABLE[_code] = chr(_code - 0xFEE0)
for _char in "％＋－．／＝＞＜～＃＊＆＠＿＾｜＇＂＄":
    _TABLE[ord(_char)] = chr(ord(_char) - 0xFEE0)
_TABLE.update(
    {
        # comparator glyph variants
        0x2267: "≥",
        0x2266: "≤",
        0x2A7E: "≥",
        0x2A7D: "≤",
        0x226F: "≤",
        0x226E: "≥",  # ≧ ≦ ⩾ ⩽ ≯ ≮
        0x2550: "=",
        0xFE66: "=",
        0xFE65: ">",
        0xFE64: "<",  # ═ ﹦ ﹥ ﹤
        0x2212: "-",
        0xFE6A: "%",
        0xFE63: "-",  # − ﹪ ﹣
    }
)
for _code in (0x00A0, 0x3000, 0x202F, 0x205F, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x0085):
    _TABLE[_code] = " "
for _code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x007F):
    _TABLE[_code] = None
for _code in range(0x20):
    _TABLE[_code] = " "

# Ideographs and CJK punctuation: whitespace between two of them is a layout artefact.
_CJK = (
    r"\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\ufe30-\ufe4f\uff01-\uffef\U00020000-\U0002fa1f"
)
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
_PAIRS = re.compile(r">=|<=")


def normalize_text(text: str) -> str:
    """The comparable form of a cell's text (idempotent).

    Full-width digits, letters and value symbols become ASCII; ≧ ≦ ═ ﹦ ＞ ＜ ＞＝ and the like
    become ≥ ≤ = > <; zero-width characters go; line breaks, tabs and runs of spaces become one
    space, and disappear between two CJK characters ("效益指 标", "一级\\n指标").
    """
    text = text.translate(_TABLE)
    text = _CJK_GAP.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    if ">=" in text or "<=" in text:
        text = _PAIRS.sub(lambda m: "≥" if m.group() == ">=" else "≤", text)
    return text


_FIELD_GAP = re.compile(r"\t|[ \u3000\u00a0]{2,}")


def normalize_line(text: str) -> str:
    """A line of prose or fields ("主管部门：某局　　实施单位：某中心"): the parts between wide gaps
    (a tab, two or more spaces) normalised one by one and joined by a tab, so fields written
    side by side stay apart where `normalize_text` would run them together (idempotent)."""
    parts = (normalize_text(part) for part in _FIELD_GAP.split(text))
    return "\t".join(part for part in parts if part)


# -- numbers -----------------------------------------------------------------------------------

_EXACT_INT = 10**15  # a float keeps 15 significant decimal digits for sure


def number_text(value: float) -> str:
    """A stored number as the text a person sees: integers without ".0", at most 15 significant
    digits (as Excel shows them), never in exponent notation (4.403062313915e+20 →
    "440306231391500000000")."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < _EXACT_INT:
        return str(int(value))
    return _plain(Decimal(format(value, ".15g")))


def percent_text(value: float) -> str:
    """A number shown under a percent format, exactly (not rounded to the format's
    decimals): 0.95 → "95%", 0.955 → "95.5%", 1 → "100%"."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value}%"
    return _plain(Decimal(number_text(value)) * 100) + "%"


def _plain(number: Decimal) -> str:
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def recover_code(value: float | str) -> tuple[str, bool]:
    """The digit string a code stored as a number stood for, and whether it is exact.

    A float keeps about 15 significant digits: `4.403062313915e+20` gives
    ("440306231391500000000", False) — the last digits are unknown and shown as zeros. Leading
    zeros a number cannot hold are lost too; a text code comes back as it is (True).
    """
    if isinstance(value, str):
        return normalize_text(value), True
    if isinstance(value, int):
        return str(value), True
    if not math.isfinite(value):
        return str(value), False
    exact = value.is_integer() and abs(value) < _EXACT_INT
    return number_text(value), exact


_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?")


def parse_number(text: str) -> Decimal | None:
    """A number written as text ("１２３.５", "1,234", " 95% ", "-3"), or None.

    A trailing % divides by 100 ("95%" → 0.95), so the result compares with the number a
    workbook stores under a percent format. Units and comparators are not numbers: "≥50个"
    gives None (split them off first).
    """
    text = normalize_text(text).replace(" ", "")
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    if not text or not any(ch.isdigit() for ch in text) or not _NUMBER.fullmatch(text):
        return None
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None
    return number / 100 if percent else number


def magnitude(number: Decimal | float) -> int | None:
    """The decimal order of magnitude (1250000 → 6, 125 → 2, 0.5 → -1; 0 → None), so a later
    layer can tell 元-sized amounts under a 万元 label."""
    number = Decimal(str(number)) if not isinstance(number, Decimal) else number
    if not number.is_finite() or number == 0:
        return None
    return number.adjusted()


_UNIT = re.compile(
    r"[(（]\s*(?:单位\s*[:：]\s*)?(亿元|万元|千元|元)\s*[)）]|单位\s*[:：]\s*(亿元|万元|千元|元)"
)


def amount_unit(label: str) -> str | None:
    """The money unit a label states: "项目资金（万元）" → "万元", "单位：元" → "元"."""
    found = _UNIT.search(normalize_text(label))
    return (found.group(1) or found.group(2)) if found else None


# -- comparators -------------------------------------------------------------------------------

_PREFIX_WORDS = [
    ("大于或等于", "≥"),
    ("大于等于", "≥"),
    ("不低于", "≥"),
    ("不少于", "≥"),
    ("不小于", "≥"),
    ("至少", "≥"),
    ("小于或等于", "≤"),
    ("小于等于", "≤"),
    ("不高于", "≤"),
    ("不超过", "≤"),
    ("不多于", "≤"),
    ("不大于", "≤"),
    ("至多", "≤"),
    ("最多", "≤"),
    ("大于", ">"),
    ("高于", ">"),
    ("多于", ">"),
    ("超过", ">"),
    ("小于", "<"),
    ("低于", "<"),
    ("少于", "<"),
    ("等于", "="),
]
_SUFFIX_WORDS = [("及以上", "≥"), ("以上", "≥"), ("及以下", "≤"), ("以下", "≤"), ("以内", "≤")]
_SYMBOLS = "≥≤=><"
_NUMERIC_START = re.compile(r"[+-]?\.?\d")


def split_comparator(text: str) -> tuple[str | None, str]:
    """Split a leading comparator off a value: "≧95%" → ("≥", "95%"), "不低于95%" → ("≥",
    "95%"), "95%以上" → ("≥", "95%"), "大于等于" → ("≥", ""), "充分" → (None, "充分").

    Glyph variants map to ≥ ≤ = > <. Word forms count only before a number or alone (so "超过
    预算" stays text), and "以上"/"以下"/"以内" only after a number (inclusive, as in law).
    """
    text = normalize_text(text)
    if text[:1] and text[0] in _SYMBOLS:
        return text[0], text[1:].lstrip()
    for word, symbol in _PREFIX_WORDS:
        if text.startswith(word):
            rest = text[len(word) :].lstrip()
            if not rest or _NUMERIC_START.match(rest):
                return symbol, rest
    for word, symbol in _SUFFIX_WORDS:
        if text.endswith(word):
            rest = text[: -len(word)].rstrip()
            if rest and _NUMERIC_START.match(rest):
                return symbol, rest
    return None, text


# -- labels ------------------------------------------------------------------------------------

_POINTS_BRACKETED = re.compile(
    r"(?P<name>.*?)\s*[(（\[【]\s*(?:分值|满分|计)?\s*[:：]?\s*(?P<points>\d+(?:\.\d+)?)\s*分\s*[)）\]】]"
    r"|(?P<name2>.*?)\s*[(（\[【]\s*(?:分值|权重|满分)\s*[:：]?\s*(?P<points2>\d+(?:\.\d+)?)\s*[分%]?"
    r"\s*[)）\]】]"
)


def split_points(label: str) -> tuple[str, Decimal | None]:
    """The name and the points a label carries: "产出指标(50分)" → ("产出指标", 50),
    "预算执行情况（10分）" → ("预算执行情况", 10), "产出指标（权重50%）" → ("产出指标", 50),
    "绩效指标" → ("绩效指标", None). A number in brackets without 分 or 分值/权重 is not points
    ("完成率(95%)"), and
    neither is a number outside brackets ("达90分" may be a target)."""
    text = normalize_text(label)
    found = _POINTS_BRACKETED.fullmatch(text)
    if found:
        name = found.group("name") if found.group("name") is not None else found.group("name2")
        points = found.group("points") or found.group("points2")
        if name:
            return name, Decimal(points)
    return text, None


_PLACEHOLDER = re.compile(
    r"[…．.。·•、\-—_~]*[…．.。·•]{2,}[…．.。·•\-—_~]*|…|(?:三级)?指标\s*\d{1,2}\s*[:：]?|[xX×*]{2,}"
)


def is_placeholder(text: str) -> bool:
    """True for template filler where a name should be: "", "指标1", "指标2：", "……", "…", "…"."""
    text = normalize_text(text)
    return not text or _PLACEHOLDER.fullmatch(text) is not None


def placeholder_row(texts: list[str] | tuple[str, ...]) -> bool:
    """True when every cell of the row is empty or template filler (an empty indicator slot)."""
    return all(is_placeholder(text) for text in texts)


# -- values as written -------------------------------------------------------------------------
# Names and values keep the characters they were written with (full-width digits, （）), only
# the layout's artefacts go: the gaps a PDF extraction puts between two CJK characters, line
# breaks inside a cell, invisible characters.

# Ideographs, CJK punctuation and full-width forms, as the report-text importer always read them.
_GAP_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_GAP = re.compile(rf"(?<=[{_GAP_CJK}])\s+(?=[{_GAP_CJK}])")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_BREAK = re.compile(r"[ \t\u3000]*(?:\r\n|\r|\n)[ \t\u3000]*")


def repair(text: str) -> str:
    """``text`` without the spaces a PDF extractor puts between two CJK characters ("效益指
    标"), stripped."""
    text = text.strip()
    if " " not in text and "\u3000" not in text and "\t" not in text and "\xa0" not in text:
        return text
    return _GAP.sub("", text)


def name_text(raw: object, text: str) -> str:
    """An indicator name or a short value as written: line breaks inside the cell joined (no
    space between two CJK characters, one between other words), invisible characters and the
    gaps between CJK characters removed; a number as it is shown (``text``)."""
    if type(raw) is not str:
        return text
    if raw.isprintable() and raw == text:
        return repair(raw)  # the common case: nothing to join, nothing invisible
    value = _INVISIBLE.sub("", raw)
    if "\n" in value or "\r" in value:
        value = _BREAK.sub("\n", value.strip())
        value = _GAP.sub("", value).replace("\n", " ")
    return repair(value)


def free_text(raw: object, text: str, *, extracted: bool) -> str:
    """Free text (a 评分依据, a goal, a narrative paragraph) as written: line breaks kept (as
    ``\\n``), the ends stripped; for text a PDF extraction gave (``extracted``), the gaps
    between CJK characters removed too."""
    if not isinstance(raw, str):
        return text
    value = _INVISIBLE.sub("", raw).replace("\r\n", "\n").replace("\r", "\n").strip()
    if extracted:
        value = "\n".join(repair(line) for line in value.split("\n"))
    return value
