"""Scorecards as plain JSON data, numbers written exactly from their Decimals."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import attrs

from .checks import Finding
from .rules import describe
from .scoring import GroupScore, LeafScore, Scorecard


_MARK = "\x00"  # cannot occur in loaded text: the loader refuses control characters
_MARKED = re.compile(r'"\\u0000(-?[0-9.]+)"')


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
        "grade": card.grade.label,
        "policy": card.grade.policy,
        "complete": card.complete,
        "levels": [{"name": lv.indicator.name, "weight": lv.weight,
                    "score": lv.score} for lv in card.levels],
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
    return {"name": group.name, "weight": group.weight, "score": group.score,
            "children": [group_data(c) for c in group.children]}


def dumps(data: Any) -> str:
    """JSON text, UTF-8 characters kept, two-space indent, Decimals as exact numbers."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=_default)
    return _MARKED.sub(r"\1", text)


def _default(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return _MARK + format(obj, "f")
    if isinstance(obj, tuple):
        return list(obj)
    if attrs.has(type(obj)):  # a rule parameter such as a Band of a bands rule
        return attrs.asdict(obj, recurse=False)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")
