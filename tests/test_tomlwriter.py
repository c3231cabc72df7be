"""The TOML writer's own formatting of scalars gives exactly what tomli-w gives."""

from __future__ import annotations

from decimal import Decimal

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from perfeval_core._io.tomlwriter import literal


def _tomli_w(value: object) -> str:
    return tomli_w.dumps({"v": value})[len("v = ") : -1]


EDGES = [
    "",
    "职业技能提升培训",
    'a "quoted" word',
    "back\\slash",
    "tab\there",
    "two\nlines",
    "cr\r\nlf",
    "\x00\x08\x0b\x1f\x7f",
    "\u2028 \ufeff 😀",
    True,
    False,
    0,
    -17,
    10**30,
    Decimal("1"),
    Decimal("1.50"),
    Decimal("-0"),
    Decimal("1E+3"),
    Decimal("2.5e-7"),
    Decimal("NaN"),
    Decimal("Infinity"),
    Decimal("-Infinity"),
    1.5,
    ["a", 2, Decimal("3.0")],
]


def test_every_edge_case_is_written_as_tomli_w_writes_it():
    for value in EDGES:
        assert literal(value) == _tomli_w(value), value


@given(st.text() | st.integers() | st.booleans() | st.decimals(allow_nan=True))
def test_any_scalar_is_written_as_tomli_w_writes_it(value):
    assert literal(value) == _tomli_w(value)


def test_a_table_is_written_inline():
    assert literal({"name": "甲", "weight": Decimal("2")}) == '{ name = "甲", weight = 2.0 }'
