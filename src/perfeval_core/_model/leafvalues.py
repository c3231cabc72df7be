"""A leaf's target and actual as values: the comparator and unit columns folded in, and a bare
number read in the other's unit — worked out once per leaf (docs/model.md, LeafScore)."""

from __future__ import annotations

from .tree import Indicator
from .values import (
    CANONICAL_COMPARATORS,
    QUALITATIVE,
    Value,
    ValueKind,
    format_value,
    parse_comparator,
    parse_value,
)


def target_value(ind: Indicator) -> Value | None:
    """The leaf's target as a value, with the comparator and unit columns (指标性质 / 计算符号,
    计量单位) folded in when the target itself writes neither: ``≥`` + ``300`` + ``人次``.

    A bare number (``100``) whose actual writes a unit (``98%``) is read in that unit
    (:func:`inferred_unit`)."""
    return leaf_values(ind)[0]


def actual_value(ind: Indicator) -> Value | None:
    """The leaf's actual as a value, with the unit column folded in when it writes none.

    A bare number (``50``) against a target that writes a unit (``≥50个``, ``≤90万元``) is read
    in the target's unit, multiplier and all (``50个``, ``90万元``): real tables leave the unit
    out of the actual (:func:`inferred_unit`)."""
    return leaf_values(ind)[1]


def inferred_unit(ind: Indicator) -> tuple[str, str] | None:
    """``(which, unit)`` when the leaf's target or actual is a bare number read in the other's
    unit (``("actual", "个")`` for ``≥50个`` against ``50``), else None."""
    return leaf_values(ind)[2]


def leaf_values(ind: Indicator) -> tuple[Value | None, Value | None, tuple[str, str] | None]:
    """The leaf's target and actual as :func:`target_value` and :func:`actual_value` give them,
    and :func:`inferred_unit`, worked out together (each value parsed once)."""
    target = _with_columns(ind.target, ind.comparator, ind.unit)
    actual = _with_columns(ind.actual, None, ind.unit)
    if (
        target is None
        or actual is None
        or target.kind is not ValueKind.NUMBER
        or actual.kind is not ValueKind.NUMBER
        or bool(target.unit) == bool(actual.unit)
    ):
        return target, actual, None
    if target.unit:
        return target, _in_unit(actual, target.unit), ("actual", target.unit)
    return _in_unit(target, actual.unit), actual, ("target", actual.unit)


def _in_unit(value: Value, unit: str) -> Value:
    """A bare number ``value`` read in ``unit`` (``50`` in 个: ``50个``)."""
    combined = parse_value(f"{format_value(value)}{unit}")
    return combined if combined.kind is ValueKind.NUMBER else value


def _with_columns(text: str | None, comparator: str | None, unit: str | None) -> Value | None:
    if text is None:
        return None
    value = parse_value(text)
    if comparator is None and unit is None:
        return value
    symbol = _column_comparator(comparator)
    if not (symbol or unit) or value.kind is not ValueKind.NUMBER:
        return value
    prefix = symbol if symbol and value.comparator is None else ""
    suffix = unit if unit and not value.unit else ""
    if not (prefix or suffix):
        return value
    combined = parse_value(f"{prefix}{text.strip()}{suffix}")
    return combined if combined.kind is ValueKind.NUMBER else value


def _column_comparator(text: str | None) -> str:
    """The comparator column as a symbol to put before the number ("" for none or 定性)."""
    if text is None:
        return ""
    found = parse_comparator(text)
    return "" if found in (None, "", QUALITATIVE) else CANONICAL_COMPARATORS[found]
