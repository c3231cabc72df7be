"""The normalisation helpers: examples from real forms, and properties."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from perfeval_import import (
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

# Text with the characters real cells mix: CJK, full-width forms, comparator variants, spaces
# and breaks of every kind, zero-width and control characters.
CELL_CHARS = st.sampled_from(
    list(
        "效益指标产出一级（）：，。…"
        "０１９ＡＺａ％＞＜＝．"
        "≧≦═﹦≥≤=<>-−"
        "abc 09.%"
        "\u3000\u00a0\u200b\ufeff\t\n\r\x0b\x00"
    )
)
CELL_TEXT = st.text(CELL_CHARS, max_size=40) | st.text(max_size=40)


@given(CELL_TEXT)
@example("效益指 标")
@example(">\u200b=")
@example("中\u3000 ＡＢ")
@example(">==")
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(CELL_TEXT)
def test_normalize_text_leaves_no_breaks_or_edge_spaces(text: str) -> None:
    result = normalize_text(text)
    assert "\n" not in result and "\t" not in result and "  " not in result
    assert result == result.strip()


@given(CELL_TEXT)
@example("主管部门：某局\u3000\u3000实施单位：某中心")
def test_normalize_line_is_idempotent(text: str) -> None:
    once = normalize_line(text)
    assert normalize_line(once) == once


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("效益指 标", "效益指标"),
        ("一级\n指标", "一级指标"),
        ("偏差原因\r\n分析及改进措施", "偏差原因分析及改进措施"),
        ("OA  system\nuptime", "OA system uptime"),
        ("300 人 次", "300 人次"),
        ("≥５００人次", "≥500人次"),
        ("１００％", "100%"),
        ("ＡＢＣ ｘｙｚ", "ABC xyz"),
        ("≧95%", "≥95%"),
        ("≦1200元", "≤1200元"),
        ("═", "="),
        ("﹦", "="),
        ("＝", "="),
        ("＞95%", ">95%"),
        ("＜5%", "<5%"),
        ("＞＝90", "≥90"),
        (">=90", "≥90"),
        ("<=10", "≤10"),
        ("≯5%", "≤5%"),
        ("−3", "-3"),
        ("\u200b分\u3000值\ufeff", "分值"),
        ("产出指标（50分）", "产出指标（50分）"),  # Chinese punctuation kept as written
    ],
)
def test_normalize_text_examples(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_normalize_line_keeps_fields_apart() -> None:
    assert (
        normalize_line("主管部门：某市人社局\u3000\u3000实施单位：某中心")
        == "主管部门：某市人社局\t实施单位：某中心"
    )
    assert normalize_line("项目名称：职业 技能培训") == "项目名称：职业技能培训"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (100.0, "100"),
        (9.5, "9.5"),
        (0.1 + 0.2, "0.3"),
        (1e-05, "0.00001"),
        (-0.0, "0"),
        (4.403062313915e20, "440306231391500000000"),
        (123456789012345.0, "123456789012345"),
        (2024, "2024"),
        (142.5, "142.5"),
    ],
)
def test_number_text(value: float, expected: str) -> None:
    assert number_text(value) == expected


@given(st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1))
def test_integers_as_floats_come_back_exactly(value: int) -> None:
    assert number_text(float(value)) == str(value)
    assert parse_number(number_text(float(value))) == value


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e14, max_value=1e14))
def test_number_text_is_the_float_to_15_digits(value: float) -> None:
    text = number_text(value)
    assert "e" not in text.lower()
    assert math.isclose(float(text), value, rel_tol=1e-14, abs_tol=1e-300)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.95, "95%"),
        (1, "100%"),
        (1.0, "100%"),
        (0.955, "95.5%"),
        (0.9792, "97.92%"),
        (0, "0%"),
    ],
)
def test_percent_text_is_exact(value: float, expected: str) -> None:
    assert percent_text(value) == expected


def test_recover_code_flags_lost_digits() -> None:
    assert recover_code(4.403062313915e20) == ("440306231391500000000", False)
    assert recover_code(510000.0) == ("510000", True)
    assert recover_code(" 440306231391500012345 ") == ("440306231391500012345", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10", Decimal(10)),
        ("１０", Decimal(10)),
        (" 9.5 ", Decimal("9.5")),
        ("1,234,567.5", Decimal("1234567.5")),
        ("95%", Decimal("0.95")),
        ("１００％", Decimal(1)),
        ("-3", Decimal(-3)),
        ("≥50个", None),
        ("充分", None),
        ("", None),
        ("1,23", None),
        ("—", None),
        ("%", None),
        (".5", Decimal("0.5")),
    ],
)
def test_parse_number(text: str, expected: Decimal | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("≧95%", ("≥", "95%")),
        ("≦", ("≤", "")),
        ("═", ("=", "")),
        ("﹦", ("=", "")),
        ("＞", (">", "")),
        ("＜12", ("<", "12")),
        ("≥ 50个", ("≥", "50个")),
        ("大于等于", ("≥", "")),
        ("不低于95%", ("≥", "95%")),
        ("不超过1200元", ("≤", "1200元")),
        ("低于5%", ("<", "5%")),
        ("95%以上", ("≥", "95%")),
        ("5%以内", ("≤", "5%")),
        ("等于100%", ("=", "100%")),
        ("充分", (None, "充分")),
        ("超过预算", (None, "超过预算")),
        ("以上", (None, "以上")),
        ("", (None, "")),
    ],
)
def test_split_comparator(text: str, expected: tuple[str | None, str]) -> None:
    assert split_comparator(text) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("产出指标(50分)", ("产出指标", Decimal(50))),
        ("预算执行情况（10分）", ("预算执行情况", Decimal(10))),
        ("绩效指标(90分)", ("绩效指标", Decimal(90))),
        ("效益指标（ 30 分 ）", ("效益指标", Decimal(30))),
        ("产出指标（权重50%）", ("产出指标", Decimal(50))),
        ("满意度指标【分值：10】", ("满意度指标", Decimal(10))),
        ("成本指标(7.5分)", ("成本指标", Decimal("7.5"))),
        ("绩效指标", ("绩效指标", None)),
        ("完成率(95%)", ("完成率(95%)", None)),
        ("满意度达90分", ("满意度达90分", None)),
        ("(10分)", ("(10分)", None)),
    ],
)
def test_split_points(label: str, expected: tuple[str, Decimal | None]) -> None:
    assert split_points(label) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", True),
        ("指标1", True),
        ("指标2：", True),
        ("指标 3:", True),
        ("……", True),
        ("…", True),
        ("...", True),
        ("xxx", True),
        ("  ", True),
        ("培训人数", False),
        ("—", False),
        ("/", False),
        ("无", False),
        ("指标值", False),
    ],
)
def test_is_placeholder(text: str, expected: bool) -> None:
    assert is_placeholder(text) is expected


def test_placeholder_row() -> None:
    assert placeholder_row(["", "指标1：", "", ""])
    assert placeholder_row(("", "", ""))
    assert not placeholder_row(["产出指标", "指标1：", "", ""])


def test_amount_unit_and_magnitude() -> None:
    assert amount_unit("项目资金（万元）") == "万元"
    assert amount_unit("金额(元)") == "元"
    assert amount_unit("单位：万元") == "万元"
    assert amount_unit("年度资金总额") is None
    assert magnitude(Decimal(1250000)) == 6
    assert magnitude(125) == 2
    assert magnitude(0.5) == -1
    assert magnitude(0) is None
