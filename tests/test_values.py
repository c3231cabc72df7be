"""Tests for perfeval_core.values: parsing values as written (domain.md §4)."""

import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

try:
    from perfeval_core import values as _values  # noqa: F401
except ImportError:  # running from a checkout without an installed package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from perfeval_core import Value, ValueKind, format_value, parse_value
from perfeval_core._model.values import QUALITATIVE_GRADES, comparable, grade_of

N, NUM, S, W = ValueKind.NONE, ValueKind.NUMBER, ValueKind.SCHEDULE, ValueKind.WORD
D = Decimal

# text -> (kind, comparator, number, unit, magnitude, base_unit)
NUMBERS = {
    "100%": (NUM, None, D("100"), "%", D("100"), "%"),
    ">95%": (NUM, ">", D("95"), "%", D("95"), "%"),
    "95%": (NUM, None, D("95"), "%", D("95"), "%"),
    "98%": (NUM, None, D("98"), "%", D("98"), "%"),
    "300 人次": (NUM, None, D("300"), "人次", D("300"), "人次"),
    "300 人 次": (NUM, None, D("300"), "人次", D("300"), "人次"),
    "330 人 次": (NUM, None, D("330"), "人次", D("330"), "人次"),
    "8 次": (NUM, None, D("8"), "次", D("8"), "次"),
    "10 次": (NUM, None, D("10"), "次", D("10"), "次"),
    ">2万": (NUM, ">", D("2"), "万", D("20000"), ""),
    "2.3万": (NUM, None, D("2.3"), "万", D("23000"), ""),
    "≤90万元": (NUM, "<=", D("90"), "万元", D("900000"), "元"),
    "≥50个": (NUM, ">=", D("50"), "个", D("50"), "个"),
    "≥100百分比": (NUM, ">=", D("100"), "百分比", D("100"), "%"),
    "＞95%": (NUM, ">", D("95"), "%", D("95"), "%"),
    "＝0": (NUM, "=", D("0"), "", D("0"), ""),
    "≥ 300 人次": (NUM, ">=", D("300"), "人次", D("300"), "人次"),
    ">=90%": (NUM, ">=", D("90"), "%", D("90"), "%"),
    "<= 5": (NUM, "<=", D("5"), "", D("5"), ""),
    "＜3天": (NUM, "<", D("3"), "天", D("3"), "天"),
    "≧1": (NUM, ">=", D("1"), "", D("1"), ""),
    "≦1": (NUM, "<=", D("1"), "", D("1"), ""),
    "=100%": (NUM, "=", D("100"), "%", D("100"), "%"),
    "不低于95%": (NUM, ">=", D("95"), "%", D("95"), "%"),
    "不少于 3 次": (NUM, ">=", D("3"), "次", D("3"), "次"),
    "不超过90万元": (NUM, "<=", D("90"), "万元", D("900000"), "元"),
    "不高于5%": (NUM, "<=", D("5"), "%", D("5"), "%"),
    "不多于2个": (NUM, "<=", D("2"), "个", D("2"), "个"),
    "大于90%": (NUM, ">", D("90"), "%", D("90"), "%"),
    "高于90%": (NUM, ">", D("90"), "%", D("90"), "%"),
    "超过1000人": (NUM, ">", D("1000"), "人", D("1000"), "人"),
    "小于5%": (NUM, "<", D("5"), "%", D("5"), "%"),
    "低于5%": (NUM, "<", D("5"), "%", D("5"), "%"),
    "95%以上": (NUM, ">=", D("95"), "%", D("95"), "%"),
    "95% 以上": (NUM, ">=", D("95"), "%", D("95"), "%"),
    "5%以下": (NUM, "<=", D("5"), "%", D("5"), "%"),
    "3天以内": (NUM, "<=", D("3"), "天", D("3"), "天"),
    "≥95%以上": (NUM, ">=", D("95"), "%", D("95"), "%"),
    "2,000": (NUM, None, D("2000"), "", D("2000"), ""),
    "1,234,567.89元": (NUM, None, D("1234567.89"), "元", D("1234567.89"), "元"),
    "-5%": (NUM, None, D("-5"), "%", D("-5"), "%"),
    "+5%": (NUM, None, D("5"), "%", D("5"), "%"),
    "1.5亿元": (NUM, None, D("1.5"), "亿元", D("150000000"), "元"),
    "3千元": (NUM, None, D("3"), "千元", D("3000"), "元"),
    "2万人次": (NUM, None, D("2"), "万人次", D("20000"), "人次"),
    "5千克": (NUM, None, D("5"), "千克", D("5"), "千克"),
    "2千米": (NUM, None, D("2"), "千米", D("2"), "千米"),
    "0.05万元": (NUM, None, D("0.05"), "万元", D("500"), "元"),
    "0.5%": (NUM, None, D("0.5"), "%", D("0.5"), "%"),
    "100": (NUM, None, D("100"), "", D("100"), ""),
    "１００％": (NUM, None, D("100"), "％", D("100"), "%"),
    "2个百分点": (NUM, None, D("2"), "个百分点", D("2"), "个百分点"),
    "100%完成": (NUM, None, D("100"), "%完成", D("100"), "%完成"),
    # a unit glossed with itself in brackets (河北 成安's 单位 column) is that unit
    "98%(百分比)": (NUM, None, D("98"), "%(百分比)", D("98"), "%"),
    "3人（人）": (NUM, None, D("3"), "人（人）", D("3"), "人"),
    "5万元(元)": (NUM, None, D("5"), "万元(元)", D("50000"), "元(元)"),  # not the same unit
    # 云南's small equals sign and others
    "﹦72890元": (NUM, "=", D("72890"), "元", D("72890"), "元"),
    "﹥5%": (NUM, ">", D("5"), "%", D("5"), "%"),
}

OTHERS = {
    # placeholders meaning none
    "": (N, None),
    "/": (N, None),
    "—": (N, None),
    "——": (N, None),
    "-": (N, None),
    "－": (N, None),
    "*": (N, None),
    "无": (N, None),
    "无。": (N, None),
    # schedule
    "序时": (S, "序时"),
    "序时进度": (S, "序时进度"),
    "≥序时进度": (S, "序时进度"),
    # words (domain.md §4 and seed)
    "充分": (W, "充分"),
    "规范": (W, "规范"),
    "合理": (W, "合理"),
    "明确": (W, "明确"),
    "科学": (W, "科学"),
    "健全": (W, "健全"),
    "有效": (W, "有效"),
    "合规": (W, "合规"),
    "合法": (W, "合法"),
    "是": (W, "是"),
    "否": (W, "否"),
    "按时完成": (W, "按时完成"),
    "按期": (W, "按期"),
    "兑现": (W, "兑现"),
    "按期 兑现": (W, "按期 兑现"),
    "按期兑现": (W, "按期兑现"),
    "达成预期指标": (W, "达成预期指标"),
    "效果明显": (W, "效果明显"),
    "达成年度指标": (W, "达成年度指标"),
    "部分达成年度指标并具有一定效果": (W, "部分达成年度指标并具有一定效果"),
    "未达成年度指标且效果较差": (W, "未达成年度指标且效果较差"),
    "达成": (W, "达成"),
    "部分达成": (W, "部分达成"),
    "未达成": (W, "未达成"),
    # not numbers
    "不适用": (W, "不适用"),
    "(2024)": (W, "(2024)"),
    "90~100": (W, "90~100"),
    "12,3456": (W, "12,3456"),
    "2024年12月底前完成3项": (W, "2024年12月底前完成3项"),
    ">95%以下": (W, ">95%以下"),  # contradictory comparators
    "≥": (W, "≥"),
    "不低于": (W, "不低于"),
    "1e5": (W, "1e5"),
    ".5": (W, ".5"),
    "100.": (W, "100."),
    "5,": (W, "5,"),
    "- 5": (W, "- 5"),
}


@pytest.mark.parametrize("text", list(NUMBERS))
def test_numbers(text):
    kind, cmp, number, unit, magnitude, base = NUMBERS[text]
    v = parse_value(text)
    assert v.kind is kind
    assert v.comparator == cmp
    assert type(v.number) is Decimal and v.number == number
    assert v.unit == unit
    assert type(v.magnitude) is Decimal and v.magnitude == magnitude
    assert v.base_unit == base
    assert v.word is None
    assert format_value(v) == text == str(v)


@pytest.mark.parametrize("text", list(OTHERS))
def test_others(text):
    kind, word = OTHERS[text]
    v = parse_value(text)
    assert v.kind is kind
    assert v.word == word
    assert v.number is None and v.magnitude is None
    assert v.unit == ""
    assert format_value(v) == text == str(v)
    if kind is not S:
        assert v.comparator is None


def test_schedule_comparator():
    assert parse_value("序时").comparator is None
    assert parse_value("≥ 序时进度").comparator == ">="


def test_whitespace_stripped():
    v = parse_value("  ≥ 90 %\t\n")
    assert (v.kind, v.comparator, v.number, v.unit) == (NUM, ">=", D("90"), "%")
    assert str(v) == "≥ 90 %"
    assert parse_value(" \u3000 ").kind is N


def test_magnitude_exact():
    assert parse_value("2.3万").magnitude == Decimal("23000")
    assert str(parse_value("2.3万").magnitude) == "23000"
    assert parse_value("0.0001亿元").magnitude == Decimal("10000")
    big = "123456789012345678901234567890.123456789"
    exact = Decimal("12345678901234567890123456789012345678.9")  # more than 28 digits
    assert parse_value(big + "亿").magnitude == exact


def test_number_keeps_spelling():
    v = parse_value("2,000")
    assert v.number == Decimal("2000")
    assert str(v) == "2,000"
    assert str(parse_value("100.00%")) == "100.00%"


def test_semantic_equality():
    assert parse_value("≥90%") == parse_value("不低于 90 %") == parse_value("90%以上")
    assert hash(parse_value("2,000")) == hash(parse_value("2000"))
    assert parse_value("/") == parse_value("—")
    assert parse_value("90%") != parse_value(">90%")


def test_comparable():
    assert comparable(parse_value("90万元"), parse_value("100元"))
    assert not comparable(parse_value("序时"), parse_value("100%"))
    assert comparable(parse_value("≥100百分比"), parse_value("98%"))
    assert comparable(parse_value("2万"), parse_value("20000"))
    assert comparable(parse_value("300 人 次"), parse_value("≥300人次"))
    assert not comparable(parse_value("300人次"), parse_value("300"))
    assert not comparable(parse_value("5千克"), parse_value("5克"))
    assert not comparable(parse_value("是"), parse_value("是"))
    assert not comparable(parse_value("/"), parse_value("100%"))


def test_grades():
    assert grade_of(parse_value("达成年度指标")) == "达成"
    assert grade_of(parse_value("部分达成年度指标并具有一定效果")) == "部分达成"
    assert grade_of(parse_value("未达成年度指标且效果较差")) == "未达成"
    assert grade_of(parse_value("达成 年度 指标")) == "达成"  # PDF wrapping
    for short in ("达成", "部分达成", "未达成"):
        assert grade_of(parse_value(short)) == short
        assert QUALITATIVE_GRADES[short] == short
    assert grade_of(parse_value("达成预期指标")) is None
    assert grade_of(parse_value("100%")) is None
    assert grade_of(parse_value("")) is None
    assert set(QUALITATIVE_GRADES.values()) == {"达成", "部分达成", "未达成"}


def test_constructed_and_evolved_values_format_canonically():
    assert str(Value(NUM, comparator=">=", number=D("90"), unit="%")) == "≥90%"
    assert str(Value(NUM, number=D("2.3E+4"))) == "23000"
    assert str(Value(W, word="是")) == "是"
    assert str(Value(N)) == ""
    assert str(Value(S, comparator=">=", word="序时")) == "≥序时"
    v = parse_value("不低于 2,000 人 次")
    assert str(attrs.evolve(v, comparator="<")) == "<2,000 人 次"
    assert str(attrs.evolve(v, number=D("3000"))) == "不低于 3000 人 次"
    assert str(attrs.evolve(v, unit="人")) == "不低于 2,000 人"
    assert str(attrs.evolve(parse_value("95%以上"), comparator="<=")) == "≤95%"
    assert str(attrs.evolve(parse_value("95%以上"), comparator=None)) == "95%"


def test_seed_values_round_trip():
    seed = Path(__file__).parent / "data" / "seed-rugao-2024.txt"
    if not seed.exists():
        pytest.skip("seed not present")
    kinds = set()
    for line in seed.read_text(encoding="utf-8").splitlines():
        for cell in line.split("\t"):
            v = parse_value(cell)
            kinds.add(v.kind)
            assert format_value(v) == cell.strip()
    assert kinds == set(ValueKind)


# --------------------------------------------------------------------------------- hypothesis

_ALPHABET = list(
    "0123456789０１２３,.+-−－ \t\n\u3000%％万亿千百元人次个天≥≤><=＝＞＜≧≦以上下内及不低于高超过序时进度/—*无是否e"
)


def _assert_round_trip(s):
    v = parse_value(s)
    assert isinstance(v.kind, ValueKind)
    assert format_value(v) == s.strip()
    assert parse_value(format_value(v)) == v
    if v.kind is NUM:
        assert isinstance(v.number, Decimal) and isinstance(v.magnitude, Decimal)
        assert not any(c.isspace() for c in v.unit)
    comparable(v, v)
    grade_of(v)


@given(st.text())
def test_round_trip_arbitrary_text(s):
    _assert_round_trip(s)


@given(st.text(alphabet=_ALPHABET, max_size=12))
def test_round_trip_value_like_text(s):
    _assert_round_trip(s)


_PREFIXES = {
    "": None, "≥": ">=", "≤": "<=", ">": ">", "<": "<", "=": "=", "＝": "=", "＞": ">", "＜": "<",
    "≧": ">=", "≦": "<=", ">=": ">=", "<=": "<=", "不低于": ">=", "不少于": ">=", "不高于": "<=",
    "不超过": "<=", "不多于": "<=", "大于": ">", "高于": ">", "超过": ">", "小于": "<", "低于": "<",
}  # fmt: skip
_SUFFIXES = {"": None, "以上": ">=", "以下": "<=", "以内": "<="}
# written unit -> (compact unit, power of ten, base unit)
_UNITS = {
    "": ("", 0, ""), "%": ("%", 0, "%"), "百分比": ("百分比", 0, "%"), "人次": ("人次", 0, "人次"),
    "人 次": ("人次", 0, "人次"), "次": ("次", 0, "次"), "个": ("个", 0, "个"), "万": ("万", 4, ""),
    "万元": ("万元", 4, "元"), "万 元": ("万元", 4, "元"), "亿元": ("亿元", 8, "元"),
    "千元": ("千元", 3, "元"), "元": ("元", 0, "元"), "千克": ("千克", 0, "千克"),
    "万人次": ("万人次", 4, "人次"), "天": ("天", 0, "天"),
}  # fmt: skip
_spaces = st.sampled_from(["", " ", "  ", "\u3000"])


@st.composite
def numeric_strings(draw):
    prefix = draw(st.sampled_from(sorted(_PREFIXES)))
    suffix = draw(st.sampled_from(sorted(_SUFFIXES)))
    if prefix and suffix and _PREFIXES[prefix] != _SUFFIXES[suffix]:
        suffix = ""
    sign = draw(st.sampled_from(["", "-", "+"]))
    integer = draw(st.integers(min_value=0, max_value=10**12))
    grouped = draw(st.booleans())
    int_text = f"{integer:,}" if grouped else str(integer)
    frac = draw(st.one_of(st.just(""), st.from_regex(r"\A[0-9]{1,4}\Z")))
    num_text = sign + int_text + ("." + frac if frac else "")
    unit = draw(st.sampled_from(sorted(_UNITS)))
    gap = draw(_spaces) if unit or suffix else ""
    sp1 = draw(_spaces) if prefix else ""
    sp2 = draw(_spaces) if suffix else ""
    text = prefix + sp1 + num_text + gap + unit + sp2 + suffix
    expected_number = Decimal(sign + str(integer) + ("." + frac if frac else ""))
    return text, _PREFIXES[prefix] or _SUFFIXES[suffix], expected_number, unit


@given(numeric_strings(), _spaces, _spaces)
def test_round_trip_numeric(case, lead, trail):
    text, comparator, number, unit_text = case
    v = parse_value(lead + text + trail)
    unit, power, base = _UNITS[unit_text]
    assert v.kind is NUM
    assert v.comparator == comparator
    assert v.number == number
    assert v.unit == unit
    assert v.base_unit == base
    assert v.magnitude == number * 10**power
    assert format_value(v) == text
    assert str(parse_value(text)) == text
