"""The scoring plan (perfeval_core._model.plan) against the engine it replaced
(tests/reference_scoring.py): the same scorecards — every level, leaf, rule result, total and
grade, each Decimal spelled the same — on the shipped examples, the benchmark's generated
files and generated evaluations; the plan's own arithmetic against each rule object; a plugin's
rule (and a plugin's subclass of a built-in) scored by calling it."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reference_scoring import as_reference, reference_score
from strategies import evaluations, load_case, rule_specs, values_as_written

import perfeval_core
from perfeval_core import (
    GroupScore,
    Rule,
    RuleContext,
    RuleResult,
    Settings,
    hookimpl,
    load_evaluation,
    loads_evaluation,
    parse_value,
    score,
)
from perfeval_core._loading.rulebook import build_rule
from perfeval_core._model import plan as plan_module
from perfeval_core._model.plan import compile_leaf, plan_of, rule_scores
from perfeval_core._model.rules import Higher
from perfeval_core._model.spec import BudgetSpec
from perfeval_core._plugins.host import get_registry
from perfeval_core.testing import register_plugin

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(ROOT.glob("examples/*/*.toml"))
ZERO = Decimal(0)


def spelled(data: object) -> object:
    """``data`` with every Decimal as its exact spelling and every attrs object as its fields,
    so that ``5.00`` and ``5`` compare apart wherever they sit."""
    if isinstance(data, Decimal):
        return ("D", str(data))
    if isinstance(data, tuple | list):
        return tuple(spelled(x) for x in data)
    if isinstance(data, dict):
        return tuple((spelled(k), spelled(v)) for k, v in data.items())
    if attrs.has(type(data)) and not isinstance(data, Rule):
        return (type(data).__name__, spelled(attrs.astuple(data, recurse=False)))
    return data


def assert_same_as_reference(evaluation: object) -> None:
    card = score(evaluation)
    assert spelled(as_reference(card)) == spelled(reference_score(evaluation))
    # the plan's own arithmetic gives each rule's score, spelled as the rule object spells it
    assert spelled(rule_scores(card.plan)) == spelled([leaf.result.score for leaf in card.leaves])


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_examples_score_as_before(path: Path) -> None:
    assert_same_as_reference(load_evaluation(path))


def test_the_benchmark_files_score_as_before(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import generate

    for path in generate(tmp_path, 200):
        assert_same_as_reference(load_evaluation(path))


GENERATED = settings(
    max_examples=400, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("plan-frameworks")


@pytest.mark.slow
@GENERATED
@given(case=evaluations())
def test_generated_evaluations_score_as_before(case, folder):
    assert_same_as_reference(load_case(case, folder))


@pytest.mark.slow
@GENERATED
@given(case=evaluations())
def test_plan_invariants(case, folder):
    """0 ≤ a rule's score ≤ weight and total = Σ, on the plan's own numbers (no result object)."""
    evaluation = load_case(case, folder)
    plan = plan_of(evaluation)
    scores = plan_module.run(plan)
    for i, computed in zip(plan.leaves, rule_scores(plan), strict=True):
        if computed is not None:
            assert ZERO <= computed <= plan.weights[i]
        if plan.recorded[i] is None:
            assert scores[i] == computed
    for g, kids in plan.post:
        assert scores[g] == sum((scores[k] or ZERO for k in kids), ZERO)
    card = score(evaluation)
    assert card.total == sum((scores[i] or ZERO for i in plan.leaves), ZERO)
    assert card.total == sum((scores[i] or ZERO for i in plan.levels), ZERO)
    assert card.max == sum((plan.weights[i] for i in plan.levels), ZERO)


WRITTEN = st.one_of(values_as_written(), st.sampled_from(["/", "无", "达成", "部分达成", "否"]))
AMOUNTS = st.none() | st.decimals(0, 10**7, places=2)


@pytest.mark.slow
@settings(GENERATED, max_examples=2000)
@given(
    rule=rule_specs(),
    target=st.none() | WRITTEN,
    actual=st.none() | WRITTEN,
    weight=st.decimals(0, 10**4, places=2),
    places=st.integers(0, 6),
    reverse=st.sampled_from(["ratio", "linear"]),
    rounding=st.sampled_from(["half-up", "down"]),
    budget=st.builds(
        BudgetSpec, initial=AMOUNTS, adjusted=AMOUNTS, executed=AMOUNTS, received=AMOUNTS
    ),
)
def test_each_rule_scores_as_its_object(
    rule, target, actual, weight, places, reverse, rounding, budget
):
    built = build_rule(rule or "auto", (), get_registry())
    ctx = RuleContext(weight, Settings(places=places, reverse=reverse, rounding=rounding), budget)
    t = parse_value(target) if target is not None else None
    a = parse_value(actual) if actual is not None else None
    fn, args = compile_leaf(built, t, a, ctx)
    assert spelled(fn(*args)) == spelled(built.score(t, a, ctx).score)


# -- a plugin's rules are called --------------------------------------------------------------


@attrs.frozen
class _Half(Rule):
    kind = "half"
    aliases = ("一半",)

    def score(self, target, actual, ctx):
        return RuleResult(ctx.weight / 2, note="half")


@attrs.frozen
class _StingyHigher(Higher):
    """A plugin's 正向 that never gives full points: a subclass is not the built-in."""

    kind = "stingy"
    aliases = ("吝啬正向",)

    def score(self, target, actual, ctx):
        result = super().score(target, actual, ctx)
        return attrs.evolve(result, score=ZERO if result.score is None else result.score / 2)


class _Plugin:
    @hookimpl
    def perfeval_register_rules(self, register):
        register(_Half)
        register(_StingyHigher)


PLUGIN_EVALUATION = """\
framework = "cz-2020-10-self"
[project]
name = "p"
[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [
  { name = "a", target = "10", actual = "8", weight = 30, rule = "一半" },
  { name = "b", target = "10", actual = "10", weight = 20, rule = "stingy" },
]
"""


def test_a_plugin_rule_is_scored_by_its_object():
    with register_plugin(_Plugin(), "half"):
        evaluation = loads_evaluation(PLUGIN_EVALUATION)
        plan = plan_of(evaluation)
        ops = {plan.paths[i][-1]: fn for i, fn, _ in plan.ops}
        assert ops["a"] is plan_module._call and ops["b"] is plan_module._call
        card = score(evaluation)
        mine = {leaf.path[-1]: leaf for leaf in card.leaves if leaf.path[-1] in ("a", "b")}
        assert mine["a"].score == Decimal(15)  # by hand: 30 / 2
        assert mine["b"].score == Decimal(10)  # 正向 met: 20, halved
        assert mine["a"].result.note == "half"
        assert_same_as_reference(evaluation)


def test_result_objects_are_built_once_and_only_when_read():
    evaluation = load_evaluation(EXAMPLES[0])
    card = score(evaluation)
    assert "nodes" not in card.memo
    leaves = card.leaves
    assert card.leaves is leaves and card.levels is card.levels
    assert isinstance(card.levels[0], GroupScore)
    assert card == score(evaluation)


def test_the_plan_is_built_once_per_evaluation():
    evaluation = load_evaluation(EXAMPLES[0])
    assert plan_of(evaluation) is plan_of(evaluation)
    assert score(evaluation).plan is plan_of(evaluation)
    assert perfeval_core.score(evaluation).plan is score(evaluation).plan


@pytest.mark.slow
def test_mutated_files_score_as_before(tmp_path):
    """The fuzz suite's mutated files (wrong types, absurd numbers, not-applicable leaves, every
    rule kind): each one that loads scores as the reference does."""
    from test_fuzz import cases

    from perfeval_core import PerfevalError

    scored = 0
    for _, _, path, _, _ in cases(tmp_path, 3000, seed=1414):
        try:
            evaluation = load_evaluation(path)
            score(evaluation)
        except PerfevalError:
            continue
        assert_same_as_reference(evaluation)
        scored += 1
    assert scored > 500  # most mutants are refused; these are the ones that score
