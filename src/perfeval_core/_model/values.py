"""Target and actual values as they are written (指标值), parsed exactly.

``parse_value`` turns a cell such as ``"≥300 人次"``, ``"2.3万"``, ``"序时"`` or ``"充分"`` into a
frozen :class:`Value`; ``format_value`` gives the source text back unchanged
(``format_value(parse_value(s)) == s.strip()`` for every ``str``).  Numbers are ``Decimal``,
never ``float``.

Grammar of a NUMBER (after stripping)::

    [comparator] [spaces] [sign] digits[,ddd...][.digits] [spaces] [unit] [[spaces] suffix]

* comparator: ``≥ ≤ > < = ＝ ＞ ＜ ≧ ≦ ﹦ ﹥ ﹤ ═ >= <=`` (and full-width pairs such as ``＞＝``)
  and the words 不低于 不少于 不小于 大于等于 大于或等于 至少 (>=), 不高于 不超过 不多于 不大于
  小于等于 小于或等于 至多 (<=), 大于 高于 超过 多于 (>), 小于 低于 少于 (<), 等于 (=);
* sign: ``+ - − －``; digits: ASCII or full-width;
* unit: the rest of the text; it may contain spaces (PDF wrapping, ``"300 人 次"``) but no digit,
  no comparator character, none of ``, ， ; ； 。 ! ！ ? ？ 、`` and must not start with ``.``;
  otherwise the whole text is a WORD.  So ``"100%完成"`` is a NUMBER with unit ``"%完成"``;
* suffix: 以上 / 及以上 (>=), 以下 / 及以下 / 以内 (<=).  A suffix that contradicts a leading
  comparator makes the text a WORD; one that agrees is kept.

Multipliers at the start of a unit: 十万 百万 千万 万亿 万 亿 千.  千 is *not* a multiplier when it
begins a unit of measure: 千克 千米 千瓦(时) 千帕 千伏 千焦 千卡 千兆 千赫 (so ``"5千克"`` has
magnitude 5 and base unit 千克), while ``"千元"``/``"千人次"`` are 10^3 × 元/人次.  百 alone is
never a multiplier (百分比 means %, 百分点 is its own unit).  %, ％ and 百分比 all have base
unit ``"%"``; so has a unit glossed with itself in brackets, ``%(百分比)``.

Equality of values is semantic: spelling (``"2,000"`` vs ``"2000"``, ``"≥"`` vs ``"不低于"``,
spacing, which placeholder) lives in private fields excluded from ``==`` and ``hash`` but used by
``format_value``.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

__all__ = [
    "CANONICAL_COMPARATORS",
    "COMPARATOR_FORMS",
    "QUALITATIVE",
    "QUALITATIVE_GRADES",
    "Value",
    "ValueKind",
    "comparable",
    "compact",
    "format_value",
    "grade_of",
    "parse_comparator",
    "parse_value",
]


class ValueKind(enum.StrEnum):
    """What a written value is."""

    NONE = "none"  # placeholder meaning "none": empty, /, —, -, *, 无 …
    NUMBER = "number"  # a number with optional comparator and unit
    SCHEDULE = "schedule"  # 序时 / 序时进度: on schedule, not a number
    WORD = "word"  # any other text (充分, 是, 按时完成 …)


# ---------------------------------------------------------------------------------------------
# Tables

_PREFIX_CMP: dict[str, str] = {
    "≥": ">=", "≧": ">=", ">=": ">=", "＞＝": ">=", "＞=": ">=", ">＝": ">=", "﹥＝": ">=",
    "不低于": ">=", "不少于": ">=", "不小于": ">=", "大于等于": ">=", "大于或等于": ">=",
    "至少": ">=",
    "≤": "<=", "≦": "<=", "<=": "<=", "＜＝": "<=", "＜=": "<=", "<＝": "<=", "﹤＝": "<=",
    "不高于": "<=", "不超过": "<=", "不多于": "<=", "不大于": "<=", "小于等于": "<=",
    "小于或等于": "<=", "至多": "<=",
    ">": ">", "＞": ">", "﹥": ">", "大于": ">", "高于": ">", "超过": ">", "多于": ">",
    "<": "<", "＜": "<", "﹤": "<", "小于": "<", "低于": "<", "少于": "<",
    "=": "=", "＝": "=", "﹦": "=", "═": "=", "等于": "=",
}  # fmt: skip
_SUFFIX_CMP: dict[str, str] = {
    "以上": ">=", "及以上": ">=", "以下": "<=", "及以下": "<=", "以内": "<=",
}  # fmt: skip
#: How a normalised comparator is written back: ``">="`` → ``"≥"``.
CANONICAL_COMPARATORS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}

_NONE_WORDS = frozenset({"无", "无。"})
_NONE_CHARS = frozenset("/／*＊-－—–―‐")  # any non-empty run of these alone is a placeholder
_SCHEDULE_WORDS = ("按序时进度", "序时进度", "序时")

_MULTIPLIERS = {"十万": 5, "百万": 6, "千万": 7, "万亿": 12, "万": 4, "亿": 8, "千": 3}
_NOT_MULTIPLIED = ("千克", "千米", "千瓦", "千帕", "千伏", "千焦", "千卡", "千兆", "千赫")
_PERCENT = frozenset({"%", "％", "百分比"})

QUALITATIVE_GRADES: dict[str, str] = {
    "达成年度指标": "达成",
    "部分达成年度指标并具有一定效果": "部分达成",
    "未达成年度指标且效果较差": "未达成",
    "达成": "达成",
    "部分达成": "部分达成",
    "未达成": "未达成",
}


#: What a comparator column (指标性质 / 计算符号) says of a qualitative leaf: it has no comparator.
QUALITATIVE = "定性"
_QUALITATIVE_FORMS = ("定性", "定性指标")
#: Every spelling a comparator column may hold, for messages: the symbols first, then the words.
COMPARATOR_FORMS = (*_PREFIX_CMP, *_QUALITATIVE_FORMS)


def parse_comparator(text: str) -> str | None:
    """A comparator column as written, normalised: ``>= <= > < =``, :data:`QUALITATIVE` for
    定性 (定性指标), ``""`` for a blank cell; None when the text is none of these (``abc``).

    Spaces are ignored: ``"> ="``, ``" ≥ "`` and ``"大于 等于"`` are comparators too.
    """
    s = compact(text)
    if not s:
        return ""
    if s in _QUALITATIVE_FORMS:
        return QUALITATIVE
    return _PREFIX_CMP.get(s)


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DIGIT = "[0-9０-９]"
_NUMBER_RE = re.compile(
    rf"(?P<cmp>{_alt(_PREFIX_CMP)})?(?P<sp>\s*)"
    rf"(?P<num>[+\-−－]?(?:{_DIGIT}{{1,3}}(?:,{_DIGIT}{{3}})+|{_DIGIT}+)(?:\.{_DIGIT}+)?)"
    rf"(?P<gap>\s*)(?P<unit>\D*?)(?P<suf>\s*(?:{_alt(_SUFFIX_CMP)}))?",
    re.S,
)
_SCHEDULE_RE = re.compile(
    rf"(?P<cmp>{_alt(_PREFIX_CMP)})?(?P<sp>\s*)(?P<word>{_alt(_SCHEDULE_WORDS)})", re.S
)
_BAD_UNIT_RE = re.compile(r"[≥≤<>=＝＞＜≧≦﹦﹥﹤═,，;；。!！?？、]|^\.")
_WS_RE = re.compile(r"\s+")
_MULT_RE = re.compile(_alt(_MULTIPLIERS))
_NUM_TRANS = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "−": "-", "－": "-", ",": None}
)


def compact(s: str) -> str:
    """``s`` without any whitespace (a PDF's wrapping: ``"300 人 次"``)."""
    return _WS_RE.sub("", s)


def _to_decimal(num_text: str) -> Decimal:
    return Decimal(num_text.translate(_NUM_TRANS))


_GLOSS_RE = re.compile(r"(.+?)[(（](.+)[)）]")


@functools.lru_cache(maxsize=1024)
def _split_unit(unit: str) -> tuple[int, str]:
    """(power of ten, base unit) for a compact unit. A unit glossed in brackets with the same
    unit (``%(百分比)``, 河北's 单位 column) is that unit."""
    if (m := _GLOSS_RE.fullmatch(unit)) and _split_unit(m[1]) == _split_unit(m[2]):
        return _split_unit(m[1])
    if unit.startswith(_NOT_MULTIPLIED):
        power, rest = 0, unit
    elif m := _MULT_RE.match(unit):
        power, rest = _MULTIPLIERS[m.group()], unit[m.end() :]
    else:
        power, rest = 0, unit
    return power, ("%" if rest in _PERCENT else rest)


# ---------------------------------------------------------------------------------------------
# Value


def _private(default: Any = None) -> Any:
    return attrs.field(default=default, eq=False, repr=False, kw_only=True)


@attrs.frozen
class Value:
    """A parsed value.  ``comparator`` is normalised to ``>= <= > < =``; ``number`` is the number
    as written; ``unit`` is the unit as written with inner spaces removed; ``word`` holds the text
    of WORD and SCHEDULE values.  Private fields keep the source spelling for ``format_value``."""

    kind: ValueKind
    comparator: str | None = None
    number: Decimal | None = None
    unit: str = ""
    word: str | None = None
    _cmp_text: str | None = _private()  # leading comparator as written, with following spaces
    _num_text: str | None = _private()  # number as written ("2,000", "－5")
    _gap: str = _private("")  # spaces between number and unit
    _unit_text: str | None = _private()  # unit as written ("人 次")
    _suffix: str | None = _private()  # trailing 以上/以下… with preceding spaces
    _text: str | None = _private()  # placeholder text for NONE

    @property
    def magnitude(self) -> Decimal | None:
        """The number with the unit's multiplier applied, exactly ("2.3万" → 23000)."""
        if self.kind is not ValueKind.NUMBER or self.number is None:
            return None
        power = _split_unit(self.unit)[0]
        if not power:
            return self.number
        sign, digits, exp = self.number.as_tuple()
        if not isinstance(exp, int):  # NaN / Infinity
            return self.number
        exp += power
        if exp > 0:
            digits, exp = digits + (0,) * exp, 0
        return Decimal((sign, digits, exp))

    @property
    def scale(self) -> int:
        """The power of ten of the unit's multiplier ("万元" → 4, "元" → 0)."""
        return _split_unit(self.unit)[0]

    @property
    def base_unit(self) -> str:
        """The unit without multiplier ("万元" → "元", "万" → "", "百分比" → "%")."""
        return _split_unit(self.unit)[1]

    def __str__(self) -> str:
        return format_value(self)


def _leading(comparator: str | None, cmp_text: str | None, suffix: str | None) -> str:
    if cmp_text is not None and _PREFIX_CMP.get(cmp_text.rstrip()) == comparator:
        return cmp_text
    if comparator is None or (
        suffix is not None and _SUFFIX_CMP.get(suffix.lstrip()) == comparator
    ):
        return ""
    return CANONICAL_COMPARATORS.get(comparator, comparator)


def format_value(value: Value) -> str:
    """The text of ``value``: the source spelling when it still matches, else a canonical form."""
    kind = value.kind
    if kind is ValueKind.NONE:
        return value._text or ""
    if kind is ValueKind.WORD:
        return value.word or ""
    if kind is ValueKind.SCHEDULE:
        return _leading(value.comparator, value._cmp_text, None) + (value.word or "")
    number = value.number
    if (
        value._num_text is not None
        and number is not None
        and _to_decimal(value._num_text) == number
    ):
        num = value._num_text
    else:
        num = "" if number is None else format(number, "f")
    unit = value._unit_text
    if unit is None or compact(unit) != value.unit:
        unit = value.unit
    suffix = value._suffix
    if suffix is not None and _SUFFIX_CMP.get(suffix.lstrip()) != value.comparator:
        suffix = None
    return (
        _leading(value.comparator, value._cmp_text, suffix)
        + num
        + value._gap
        + unit
        + (suffix or "")
    )


@functools.lru_cache(maxsize=4096)
def parse_value(text: str) -> Value:
    """Parse a value as written.  Never raises for a ``str``; surrounding whitespace is ignored."""
    s = text.strip()
    if not s or s in _NONE_WORDS or set(s) <= _NONE_CHARS:
        return Value(ValueKind.NONE, text=s)
    if m := _NUMBER_RE.fullmatch(s):
        cmp_sp, suf, unit_text = m["cmp"], m["suf"], m["unit"]
        comparator = _PREFIX_CMP[cmp_sp] if cmp_sp else None
        ok = not _BAD_UNIT_RE.search(unit_text)
        if suf:
            suf_cmp = _SUFFIX_CMP[suf.lstrip()]
            ok = ok and comparator in (None, suf_cmp)
            comparator = suf_cmp
        if ok:
            return Value(
                ValueKind.NUMBER,
                comparator=comparator,
                number=_to_decimal(m["num"]),
                unit=compact(unit_text),
                cmp_text=(cmp_sp + m["sp"]) if cmp_sp else None,
                num_text=m["num"],
                gap=m["gap"],
                unit_text=unit_text,
                suffix=suf,
            )
    if m := _SCHEDULE_RE.fullmatch(s):
        cmp_sp = m["cmp"]
        return Value(
            ValueKind.SCHEDULE,
            comparator=_PREFIX_CMP[cmp_sp] if cmp_sp else None,
            word=m["word"],
            cmp_text=(cmp_sp + m["sp"]) if cmp_sp else None,
        )
    return Value(ValueKind.WORD, word=s)


def comparable(a: Value, b: Value) -> bool:
    """True when both are NUMBERs with the same base unit (so their magnitudes compare)."""
    return a.kind is ValueKind.NUMBER and b.kind is ValueKind.NUMBER and a.base_unit == b.base_unit


def grade_of(value: Value) -> str | None:
    """The national qualitative grade of a value — "达成", "部分达成" or "未达成" — or None
    (inner spaces ignored)."""
    if value.kind is not ValueKind.WORD or value.word is None:
        return None
    return _grade_of_word(value.word)


@functools.lru_cache(maxsize=1024)
def _grade_of_word(word: str) -> str | None:
    return QUALITATIVE_GRADES.get(compact(word))
