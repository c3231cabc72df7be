"""The scoring engine as it was before the scoring plan (issue 14), kept as the reference the
plan is checked against (tests/test_plan.py): a recursive walk that scores every leaf with its
rule object and sums every group, building the result objects as it goes.

It returns plain tuples, not scorecards, so that nothing of the library's own result-building
is reused: ``(levels, leaves, total, max, complete, grade)`` where each node is
``("group", path, indicator, weight, score, children)`` or
``("leaf", path, indicator, rule, weight, score, result, target, actual, inferred)``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfeval_core._model.applicability import reallocate, reweighted_group, reweighted_leaf
from perfeval_core._model.leafvalues import leaf_values
from perfeval_core._model.rules import ZERO, RuleContext

Node = tuple[Any, ...]


def reference_score(evaluation: Any, policy: Any = None) -> tuple[Any, ...]:
    settings = evaluation.framework.settings
    budget = evaluation.spec.budget
    weights = reallocate(evaluation.indicators, settings.places, settings.reallocate)
    leaves: list[Node] = []

    def leaf_score(ind: Any, path: tuple[str, ...]) -> Node:
        weight = ind.weight
        rule = evaluation.rule_for(ind, path)
        target, actual, inferred = leaf_values(ind)
        result = rule.score(target, actual, RuleContext(weight, settings, budget))
        recorded = ind.score
        score = recorded if recorded is not None else result.score
        leaf = ("leaf", path, ind, rule, weight, score, result, target, actual, inferred)
        leaves.append(leaf)
        return leaf

    def walk(ind: Any, parent: tuple[str, ...]) -> Node:
        path = (*parent, ind.name)
        new = weights.get(path) if weights is not None else None
        if not ind.is_group:
            if new is not None and new != ind.weight:
                ind = reweighted_leaf(ind, new, settings.places)
            return leaf_score(ind, path)
        children = tuple(
            [walk(c, path) for c in ind.children]
            if weights is None
            else [walk(c, path) for c in ind.children if (*path, c.name) in weights]
        )
        total = _sum(children)
        if new is None or new == ind.weight:
            return ("group", path, ind, ind.weight, total, children)
        return ("group", path, reweighted_group(ind, new), new, total, children)

    levels = tuple(
        walk(ind, ()) for ind in evaluation.indicators if weights is None or (ind.name,) in weights
    )
    total = _sum(levels)
    maximum = sum([_weight(lv) for lv in levels], ZERO)
    complete = all(leaf[5] is not None for leaf in leaves)
    chosen = policy or evaluation.policy
    return (
        levels,
        tuple(leaves),
        total,
        maximum,
        complete,
        chosen.grade(total) if complete else None,
    )


def _score(node: Node) -> Decimal | None:
    return node[5] if node[0] == "leaf" else node[4]


def _weight(node: Node) -> Decimal:
    return node[4] if node[0] == "leaf" else node[3]


def _sum(nodes: tuple[Node, ...]) -> Decimal:
    total = ZERO
    for node in nodes:
        total += _score(node) or ZERO
    return total


def as_reference(card: Any) -> tuple[Any, ...]:
    """A scorecard in the reference's shape, to compare the two."""
    from perfeval_core import GroupScore

    def node(n: Any) -> Node:
        if isinstance(n, GroupScore):
            return ("group", n.path, n.indicator, n.weight, n.score, tuple(map(node, n.children)))
        return (
            "leaf", n.path, n.indicator, n.rule, n.weight, n.score, n.result, n.target,
            n.actual, n.inferred_unit,
        )  # fmt: skip

    return (
        tuple(map(node, card.levels)),
        tuple(map(node, card.leaves)),
        card.total,
        card.max,
        card.complete,
        card.grade,
    )
