"""Properties of scoring on generated evaluations (tests/strategies.py).

For every generated framework + evaluation: each rule's score lies in 0..weight, each group's
score is the sum of its children, the total is the sum of the leaves' scores of record (exact
Decimal arithmetic), the grade is the policy's grade of the total, and scoring is deterministic.
Grades are monotone in the total for every built-in policy.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from strategies import (
    amounts,
    evaluations,
    load_case,
    numbers_as_written,
    values_as_written,
)

from perfeval_core import (
    GroupScore,
    RuleContext,
    Settings,
    format_value,
    parse_value,
    score,
)
from perfeval_core._model.grading import BUILTIN_POLICIES
from perfeval_core._model.rules import Higher, Lower, quantize

#: Slow: ``make test-fast`` skips this module; ``make test`` and CI run it.
pytestmark = pytest.mark.slow

ZERO = Decimal(0)
PROPERTY = settings(
    max_examples=250, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Where the generated frameworks are written (one file per distinct framework)."""
    return tmp_path_factory.mktemp("generated-frameworks")


def _groups(nodes):
    for node in nodes:
        if isinstance(node, GroupScore):
            yield node
            yield from _groups(node.children)


@PROPERTY
@given(case=evaluations())
def test_scorecard_invariants(case, folder):
    card = score(load_case(case, folder))

    for leaf in card.leaves:
        result = leaf.result
        if result.score is not None:  # the rule's own score: 0 ≤ score ≤ weight
            assert ZERO <= result.score <= leaf.weight, (leaf.path, result)
        if result.low is not None:  # the band a person may record in
            assert ZERO <= result.low <= result.high <= leaf.weight, (leaf.path, result)
        if not leaf.recorded:  # no 得分 stated: the score of record is the rule's
            assert leaf.score == result.score

    # the total is the sum of the scores of record, exactly
    assert card.total == sum((leaf.score for leaf in card.leaves if leaf.score is not None), ZERO)
    assert card.total == sum((level.score or ZERO for level in card.levels), ZERO)
    # each group's score is the sum of its children
    for group in _groups(card.levels):
        assert group.score == sum((c.score or ZERO for c in group.children), ZERO), group.path
    # the maximum is the sum of the 一级 weights; the grade is the policy's grade of the total,
    # and there is none while a leaf has no score
    assert card.max == sum((level.weight for level in card.levels), ZERO)
    assert card.complete == all(leaf.score is not None for leaf in card.leaves)
    assert card.complete == (not card.unscored)
    if card.complete:
        assert card.grade == card.evaluation.policy.grade(card.total)
    else:
        assert card.grade is None

    # leaves that do not apply are dropped and the rest rescaled: the table keeps its total
    # whenever something is left to carry the points (and the total can be written with the
    # framework's `places` decimals: 1.5 points cannot be shared out in whole points)
    framework = card.evaluation.framework
    representable = framework.total == quantize(framework.total, framework.settings.places)
    if card.leaves and representable:
        assert card.max == framework.total


@settings(PROPERTY, max_examples=200)
@given(case=evaluations())
def test_scoring_is_deterministic(case, folder):
    first = score(load_case(case, folder))
    again = score(load_case(case, folder))  # read and resolved anew
    assert first == again
    assert score(first.evaluation) == first
    assert [(leaf.path, leaf.score) for leaf in first.leaves] == [
        (leaf.path, leaf.score) for leaf in again.leaves
    ]


def _rank(policy, label: str) -> int:
    order = sorted(policy.thresholds, key=lambda t: t.min)
    return [t.label for t in order].index(label)


BOUNDARIES = [
    Decimal(x)
    for x in (
        "0",
        "59.4",
        "59.5",
        "59.99",
        "60",
        "69.5",
        "70",
        "79.49",
        "79.5",
        "80",
        "89.4",
        "89.5",
        "89.99",
        "90",
        "99.5",
        "100",
    )
]
TOTALS = st.one_of(st.sampled_from(BOUNDARIES), amounts(0, 100, 3))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(a=TOTALS, b=TOTALS)
def test_grade_is_monotone_in_the_total(a, b):
    low, high = sorted((a, b))
    for policy in BUILTIN_POLICIES:
        assert _rank(policy, policy.grade(low).label) <= _rank(policy, policy.grade(high).label), (
            policy.id,
            low,
            high,
        )


@settings(max_examples=200, derandomize=True, deadline=None)
@given(total=TOTALS)
def test_undemonstrated_results_are_not_graded_by_the_strict_policy(total):
    for policy in BUILTIN_POLICIES:
        grade = policy.grade(total, complete=False)
        if policy.undemonstrated is not None:
            assert (grade.label, grade.demonstrated) == (policy.undemonstrated, False)
        else:
            assert grade == policy.grade(total)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    target=numbers_as_written(units=("人次",), comparators=("", "≥")),
    x=amounts(0, 2000, 2),
    y=amounts(0, 2000, 2),
    weight=amounts(0, 20, 1),
    places=st.integers(0, 4),
)
def test_higher_is_monotone_and_lower_antitone(target, x, y, weight, places):
    low, high = sorted((x, y))
    ctx = RuleContext(weight, Settings(places=places))
    t, lo, hi = parse_value(target), parse_value(f"{low}人次"), parse_value(f"{high}人次")
    assert Higher().score(t, lo, ctx).score <= Higher().score(t, hi, ctx).score
    for variant in ("ratio", "linear"):
        reverse = parse_value("≤" + target.lstrip("≥"))
        assert (
            Lower(variant).score(reverse, lo, ctx).score
            >= Lower(variant).score(reverse, hi, ctx).score
        )


@settings(max_examples=300, derandomize=True, deadline=None)
@given(text=values_as_written())
def test_values_as_written_parse_back(text):
    assert format_value(parse_value(text)) == text.strip()
