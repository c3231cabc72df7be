"""The scoring plan (评分方案): an evaluation compiled once into flat lists that :func:`run` scores.

Everything about an evaluation that does not take arithmetic is worked out when the plan is
built, once per evaluation: the indicators that stay and their weights after not-applicable
points are given back (:mod:`.applicability`), each leaf's rule (``auto`` resolved by the
target), its target and actual as values, its recorded score (rescaled with its weight), the
document order and each group's children. What a rule decides by matching words (定性, 是否,
手工) is decided then too. :func:`run` then does the arithmetic: per leaf the rule's comparison
and, below the target, its points (``weight × B / A`` rounded at ``places``) with the same
Decimal operations the rule objects use (:func:`.rules.points`), the score of record, and the
groups' sums in the order the tree gives them — nothing else: no object per leaf.

A rule the plan does not compile (a plugin's, or a built-in other than 正向 / 反向 / 等于 / 公式
and the word rules) is scored by calling the rule object, as before. The public result objects
(:class:`~.scoring.LeafScore`, :class:`~.scoring.GroupScore`) are built from the plan only when
a scorecard's ``leaves`` or ``levels`` are first read (:mod:`.scoring`).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from .._errors import PerfevalError
from .applicability import reallocate, reweighted_group, reweighted_leaf
from .leafvalues import leaf_values
from .rules import (
    _AUTO,
    HUNDRED,
    ROUNDINGS,
    ZERO,
    Equal,
    Expect,
    Higher,
    Lower,
    Manual,
    Qualitative,
    Ratio,
    Rule,
    RuleContext,
    RuleResult,
    _numbers,
    _sum_of,
    quantize,
)
from .tree import Indicator, show_path
from .values import Value, ValueKind, parse_value

if TYPE_CHECKING:
    from .evaluation import Evaluation

#: One leaf's arithmetic: the function and its arguments; it returns the rule's score (or None).
Op = tuple[Callable[..., Decimal | None], tuple[Any, ...]]


class Plan:
    """An evaluation's scoring as flat lists, indexed by node (indicators that stay, in document
    order, groups before their children).

    Per node: ``paths``, ``indicators`` (rescaled where points were given back), ``weights``,
    ``children`` (None for a leaf), ``recorded`` (the leaf's score as the file states it,
    rescaled, else None) and ``fixed`` (the score of a leaf whose rule decides on words, else
    None). ``leaves`` are the leaf nodes in document order, ``leaf_data`` their ``(rule,
    target, actual, inferred unit)``; ``ops`` the arithmetic of the leaves that have some;
    ``post`` the groups with their children, children first; ``levels`` the 一级 nodes;
    ``maximum`` the sum of their weights; ``order`` the first node of every path (the checks'
    document order).
    """

    __slots__ = (
        "budget",
        "children",
        "file",
        "fixed",
        "indicators",
        "leaf_data",
        "leaves",
        "levels",
        "maximum",
        "ops",
        "order",
        "paths",
        "post",
        "recorded",
        "registry",
        "results",
        "scores",
        "settings",
        "unrecorded",
        "weights",
    )

    def __init__(self, evaluation: Evaluation) -> None:
        settings = evaluation.framework.settings
        self.settings, self.budget = settings, evaluation.spec.budget
        self.registry = evaluation.registry
        self.file = str(evaluation.path) if evaluation.path else None
        self.paths: list[tuple[str, ...]] = []
        self.indicators: list[Indicator] = []
        self.weights: list[Decimal] = []
        self.children: list[tuple[int, ...] | None] = []
        self.recorded: list[Decimal | None] = []
        self.leaves: list[int] = []
        self.leaf_data: list[tuple[Rule, Value | None, Value | None, tuple[str, str] | None]] = []
        self.ops: list[tuple[int, Callable[..., Decimal | None], tuple[Any, ...]]] = []
        self.post: list[tuple[int, tuple[int, ...]]] = []
        self.fixed: list[Decimal | None] = []
        self.results: list[RuleResult | None] = []
        weights = reallocate(evaluation.indicators, settings.places, settings.reallocate)
        rule_for = evaluation.rule_for
        budget = self.budget

        def add(path: tuple[str, ...], ind: Indicator, weight: Decimal) -> int:
            self.paths.append(path)
            self.indicators.append(ind)
            self.weights.append(weight)
            self.children.append(None)
            self.recorded.append(None)
            self.fixed.append(None)
            return len(self.paths) - 1

        def walk(ind: Indicator, parent: tuple[str, ...]) -> int:
            path = (*parent, ind.name)
            new = weights.get(path) if weights is not None else None
            if not ind.is_group:
                if new is not None and new != ind.weight:
                    ind = reweighted_leaf(ind, new, settings.places)
                i = add(path, ind, ind.weight)
                rule = rule_for(ind, path)
                target, actual, inferred = leaf_values(ind)
                self.recorded[i] = ind.score
                self.leaves.append(i)
                self.leaf_data.append((rule, target, actual, inferred))
                self.results.append(None)
                ctx = RuleContext(ind.weight, settings, budget)
                try:
                    fn, args = compile_leaf(rule, target, actual, ctx)
                except PerfevalError:
                    raise
                except Exception as exc:  # a plugin's rule must not take the others down
                    raise self.failure(i, rule, exc) from exc
                if fn is _decided:  # decided when compiled: no arithmetic to run
                    self.fixed[i] = args[0].score
                    self.results[len(self.leaves) - 1] = args[0]
                elif fn is _const:
                    self.fixed[i] = args[0]
                else:
                    self.ops.append((i, fn, args))
                return i
            if new is None or new == ind.weight:
                g = add(path, ind, ind.weight)
            else:
                g = add(path, reweighted_group(ind, new), new)
            kids = tuple(
                [walk(c, path) for c in ind.children]
                if weights is None
                else [walk(c, path) for c in ind.children if (*path, c.name) in weights]
            )
            self.children[g] = kids
            self.post.append((g, kids))
            return g

        self.levels = tuple(
            [
                walk(ind, ())
                for ind in evaluation.indicators
                if weights is None or (ind.name,) in weights
            ]
        )
        self.maximum = sum([self.weights[i] for i in self.levels], ZERO)
        self.unrecorded = [i for i in self.leaves if self.recorded[i] is None]
        #: what :func:`run` starts from: the recorded scores, and the fixed verdicts of the
        #: word rules where none is recorded
        self.scores = [self.fixed[i] if r is None else r for i, r in enumerate(self.recorded)]
        self.order: dict[tuple[str, ...], int] = {}
        for i, path in enumerate(self.paths):
            self.order.setdefault(path, i)

    def failure(self, node: int, rule: Rule, exc: Exception) -> PerfevalError:
        """The error for ``exc`` raised by ``rule`` scoring the leaf ``node``: this file's,
        at the leaf's path, naming the plugin that registered the rule."""
        return self.registry.failure(
            "rule", rule.kind, exc, file=self.file, where=show_path(self.paths[node])
        )


def plan_of(evaluation: Evaluation) -> Plan:
    """The evaluation's plan, built on first use and kept on it (an evaluation is immutable)."""
    cell = evaluation._plan
    if not cell:
        cell.append(Plan(evaluation))
    plan: Plan = cell[0]
    return plan


def run(plan: Plan) -> list[Decimal | None]:
    """Score the plan: the score of record of every node — the recorded one, else the rule's;
    a group's is the sum of its children's, a missing one counting 0, in the tree's order."""
    scores = plan.scores[:]
    i = -1
    try:
        for i, fn, args in plan.ops:
            s = fn(*args)
            if scores[i] is None:
                scores[i] = s
    except PerfevalError:
        raise
    except Exception as exc:  # a plugin's rule must not take the others down with it
        raise plan.failure(i, plan.leaf_data[plan.leaves.index(i)][0], exc) from exc
    zero = ZERO
    for g, kids in plan.post:
        total = zero
        for k in kids:
            total += scores[k] or zero
        scores[g] = total
    return scores


def rule_scores(plan: Plan) -> list[Decimal | None]:
    """The rule's score of every leaf as the plan works it out (for tests and tools)."""
    out: list[Decimal | None] = []
    ops = {i: (fn, args) for i, fn, args in plan.ops}
    for i in plan.leaves:
        fn, args = ops.get(i, (_const, (plan.fixed[i],)))
        out.append(fn(*args))
    return out


def score_rule(
    plan: Plan,
    node: int,
    rule: Rule,
    target: Value | None,
    actual: Value | None,
    ctx: RuleContext,
) -> RuleResult:
    """``rule.score`` of the leaf ``node``; an exception other than perfeval's own is the
    file's :class:`~perfeval_core.PluginError` (:meth:`Plan.failure`)."""
    try:
        return rule.score(target, actual, ctx)
    except PerfevalError:
        raise
    except Exception as exc:
        raise plan.failure(node, rule, exc) from exc


# -- compiling one leaf -------------------------------------------------------------------------


def compile_leaf(rule: Rule, target: Value | None, actual: Value | None, ctx: RuleContext) -> Op:
    """The arithmetic of one leaf: the plan's own for the built-in rules it knows, else a call
    of the rule object with ``ctx`` (its weight, the settings and the budget figures)."""
    kind = type(rule)
    if kind is type(_AUTO):
        rule = rule.resolve(target)
        kind = type(rule)
    settings = ctx.settings
    if kind is Higher or kind is Lower or kind is Equal:
        return _compare(
            rule, target, actual, ctx.weight, settings.places, settings.rounding, settings.reverse
        )
    if kind is Manual or kind is Qualitative or kind is Expect:
        # a verdict on words (or none at all): what the rule says is fixed by the values
        return _decided, (rule.score(target, actual, ctx),)
    if kind is Ratio:
        assert isinstance(rule, Ratio)
        return _ratio(rule, target, ctx)
    return _call, (rule, target, actual, ctx)


def _compare(
    rule: Rule,
    target: Value | None,
    actual: Value | None,
    weight: Decimal,
    places: int,
    rounding: str,
    reverse: str,
) -> Op:
    """正向, 反向 and 等于 as a comparison of two magnitudes (:class:`.rules.Higher` …)."""
    nums = _numbers(target, actual)
    if isinstance(nums, str):
        return _const, (None,)
    t, a = nums
    assert target is not None and actual is not None  # _numbers said so
    unit, mode = Decimal(1).scaleb(-places), ROUNDINGS[rounding]
    if isinstance(rule, Lower):
        linear = (rule.variant or reverse) == "linear"
        return (_lower_linear if linear else _lower_ratio), (weight, t, a, unit, mode)
    # an actual equal to a strict target (>95%) reaches it only when written the same way
    equal_reaches = target.comparator != ">" or actual.comparator == ">"
    fn = _equal if isinstance(rule, Equal) else _higher
    return fn, (weight, t, a, equal_reaches, unit, mode)


def _ratio(rule: Ratio, target: Value | None, ctx: RuleContext) -> Op:
    """公式: the rate of the file's budget figures is worked out when the plan is built; it is
    scored as ``auto`` scores it against the target (100 % when the target is no number), at
    the rule's own ``places`` and ``rounding`` when it sets them (:class:`.rules.Ratio`)."""
    num, den = _sum_of(rule.numerator, ctx.budget), _sum_of(rule.denominator, ctx.budget)
    if isinstance(num, str) or isinstance(den, str) or den == 0:
        return _const, (None,)
    computed = parse_value(f"{quantize(num * HUNDRED / den, 2)}%")
    goal = target if target is not None and target.kind is ValueKind.NUMBER else parse_value("100%")
    settings = ctx.settings
    places = settings.places if rule.places is None else rule.places
    rounding = rule.rounding or settings.rounding
    return _compare(
        _AUTO.resolve(goal), goal, computed, ctx.weight, places, rounding, settings.reverse
    )


def _const(value: Decimal | None) -> Decimal | None:
    return value


def _decided(result: RuleResult) -> Decimal | None:
    """A verdict reached when the plan was built (the word rules): its score."""
    return result.score


def _call(
    rule: Rule, target: Value | None, actual: Value | None, ctx: RuleContext
) -> Decimal | None:
    """A rule the plan does not compile (a plugin's, 区间, 扣分, 按档扣分): its own score."""
    return rule.score(target, actual, ctx).score


def _points(w: Decimal, num: Decimal, den: Decimal, unit: Decimal, rounding: str) -> Decimal:
    """:func:`.rules.points` with the rounding's quantum and mode looked up beforehand."""
    exact = w * num / den
    if exact < 0:
        exact = ZERO
    elif exact > w:
        exact = w
    try:
        rounded = exact.quantize(unit, rounding=rounding)
    except InvalidOperation:  # too long to carry ``places`` decimals: kept as it is
        rounded = exact
    if rounded > w:
        rounded = w
    return w if exact == w and rounded < w else rounded


def _higher(
    w: Decimal, t: Decimal, a: Decimal, equal_reaches: bool, unit: Decimal, mode: str
) -> Decimal | None:
    if a > t or (a == t and equal_reaches):
        return w
    if t <= 0:
        return ZERO
    return _points(w, a, t, unit, mode)


def _equal(
    w: Decimal, t: Decimal, a: Decimal, equal_reaches: bool, unit: Decimal, mode: str
) -> Decimal | None:
    if t == 0:
        return w if a <= 0 else ZERO
    return _higher(w, t, a, equal_reaches, unit, mode)


def _lower_ratio(w: Decimal, t: Decimal, a: Decimal, unit: Decimal, mode: str) -> Decimal | None:
    if a <= t:
        return w
    if t <= 0:
        return ZERO
    return _points(w, t, a, unit, mode)


def _lower_linear(w: Decimal, t: Decimal, a: Decimal, unit: Decimal, mode: str) -> Decimal | None:
    if a <= t:
        return w
    if t <= 0 or a >= 2 * t:
        return ZERO
    return _points(w, 2 * t - a, t, unit, mode)


__all__ = ["Plan", "compile_leaf", "plan_of", "rule_scores", "run"]
