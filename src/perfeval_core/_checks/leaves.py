"""What the checks ask of one leaf: is there a 评分依据, is the score in range or in its band,
and the one scoring verdict (W301–W305) it deserves."""

from __future__ import annotations

import unicodedata
from typing import TypeGuard

from .._model.scoring import LeafScore
from .._model.values import Value, ValueKind, parse_value


def has_basis(leaf: LeafScore) -> bool:
    """Does a 评分依据 explain the leaf's score? Not a placeholder (``/``, ``无``), and not
    only invisible characters or punctuation (``"\u200b"``, ``"。"``): it says something in
    letters or digits."""
    basis = leaf.indicator.basis
    return (
        basis is not None
        and parse_value(basis).kind is not ValueKind.NONE
        and any(unicodedata.category(c)[0] in "LN" for c in basis)
    )


def present(value: Value | None) -> TypeGuard[Value]:
    """Is there a value (not a placeholder such as / or 无)?"""
    return value is not None and value.kind is not ValueKind.NONE


def in_range(leaf: LeafScore) -> bool:
    """Is the recorded score within 0..weight?"""
    s = leaf.indicator.score
    return s is not None and 0 <= s <= leaf.weight


def outside_band(leaf: LeafScore) -> bool:
    """Is the recorded score outside the band its rule allows (定性)?"""
    low, high, s = leaf.result.low, leaf.result.high, leaf.indicator.score
    if s is None or low is None or high is None or not in_range(leaf):
        return False
    return s < low or s > high or (s == high and high != leaf.weight)


def scoring_verdict(leaf: LeafScore) -> str | None:
    """The one scoring code (W301–W305 but W304) for a leaf, or None.

    Only a score of record is questioned, and only when no 评分依据 explains it. Precedence,
    first match wins: a score already in error (E103 out of range, E106 outside its band) →
    nothing; W303 target missed yet full points; W302 target met yet points deducted; W305 a
    score that differs from the rule's; W301 any other deduction. W304 (over-achievement) is
    about the target, not the score, and is reported on its own.
    """
    s, w, r = leaf.indicator.score, leaf.weight, leaf.result
    if s is None or not in_range(leaf) or outside_band(leaf) or has_basis(leaf):
        return None
    if r.met is False and s == w and (r.score is None or r.score < w):
        return "W303"
    if r.met is True and s < w:
        return "W302"
    if r.score is not None and s != r.score:
        return "W305"
    if s < w:
        return "W301"
    return None


def values_text(leaf: LeafScore) -> str:
    t = leaf.indicator.target
    a = leaf.indicator.actual if leaf.indicator.actual is not None else leaf.result.actual
    return (
        f"target {t if t not in (None, '') else '(none)'}, actual "
        f"{a if a not in (None, '') else '(none)'}"
    )
