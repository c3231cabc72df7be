"""Scorecards as plain JSON data, numbers written exactly from their Decimals."""

from __future__ import annotations

from typing import Any

from .._checks.base import Finding
from .._model.rules import describe
from .._model.scoring import GroupScore, LeafScore, Scorecard


def scorecard_data(card: Scorecard, findings: list[Finding] | None = None) -> dict[str, Any]:
    """The ``perfeval score --json`` object of one evaluation."""
    ev = card.evaluation
    data: dict[str, Any] = {
        "file": str(ev.path) if ev.path else None,
        "project": ev.project.name,
        "unit": ev.project.unit,
        "year": ev.project.year,
        "framework": ev.framework.id,
        "total": card.total,
        "max": card.max,
        "grade": card.grade.label if card.grade is not None else None,
        "policy": card.policy.id,
        "complete": card.complete,
        "levels": [
            {"name": lv.indicator.name, "weight": lv.weight, "score": lv.score}
            for lv in card.levels
        ],
        "indicators": [leaf_data(leaf) for leaf in card.leaves],
    }
    if findings is not None:
        data["findings"] = [f.as_dict() for f in findings]
    return data


def leaf_data(leaf: LeafScore) -> dict[str, Any]:
    """One leaf: path, target, actual, weight, score of record, rule score and basis."""
    ind = leaf.indicator
    result = leaf.result
    return {
        "path": list(leaf.path),
        "target": ind.target,
        "actual": ind.actual if ind.actual is not None else result.actual,
        "weight": leaf.weight,
        "score": leaf.score,
        "rule_score": result.score,
        "basis": ind.basis,
        "rule": describe(leaf.rule),
        "recorded": leaf.recorded,
        "note": result.note,
    }


def group_data(group: GroupScore | LeafScore) -> dict[str, Any]:
    """A subtree of the scorecard as nested JSON (used by the json exporter)."""
    if isinstance(group, LeafScore):
        return leaf_data(group)
    return {
        "name": group.name,
        "weight": group.weight,
        "score": group.score,
        "children": [group_data(c) for c in group.children],
    }
