"""Checks (审核): named rules with stable codes that find what a reviewer looks for.

Each check is a function over a :class:`~perfeval_core.scoring.Scorecard` that yields
:class:`Finding` objects; :data:`CHECKS` lists them with their code, severity and summary.
docs/checks.md documents every code with an example.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from .scoring import GroupScore, LeafScore, Scorecard
from .tree import show_path


class Severity(enum.StrEnum):
    """How serious a finding is: errors make ``perfeval check`` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Finding:
    """One thing a check found, where (indicator path) and how serious."""

    code: str
    severity: Severity
    message: str
    path: tuple[str, ...] = ()
    file: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {"code": self.code, "severity": str(self.severity), "path": list(self.path),
                "message": self.message, "file": self.file}

    def __str__(self) -> str:
        where = f" {show_path(self.path)}:" if self.path else ""
        return f"{self.severity}[{self.code}]{where} {self.message}"


CheckFunction = Callable[[Scorecard], Iterable[tuple[tuple[str, ...], str]]]


@attrs.frozen
class Check:
    """A named check: its code, default severity, one-line summary and function."""

    code: str
    name: str
    severity: Severity
    summary: str
    run: CheckFunction


CHECKS: list[Check] = []


def check(code: str, name: str, severity: Severity, summary: str) -> Callable[[CheckFunction],
                                                                             CheckFunction]:
    """Decorator adding a check function to :data:`CHECKS`."""
    def add(fn: CheckFunction) -> CheckFunction:
        CHECKS.append(Check(code, name, severity, summary, fn))
        return fn
    return add


def run_checks(card: Scorecard, *, select: Iterable[str] = (),
               ignore: Iterable[str] = ()) -> list[Finding]:
    """Every finding of the selected checks (all by default) minus the ignored ones.

    Codes match by prefix: ``select=["W"]`` keeps every warning code, ``ignore=["E102"]`` one.
    """
    select, ignore = tuple(select), tuple(ignore)
    file = str(card.evaluation.path) if card.evaluation.path else None
    findings = []
    for c in CHECKS:
        wanted = not select or any(c.code.startswith(s) or c.name == s for s in select)
        if not wanted or any(c.code.startswith(i) or c.name == i for i in ignore):
            continue
        for path, message in c.run(card):
            findings.append(Finding(c.code, c.severity, message, path, file))
    return findings


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.severity is Severity.ERROR for f in findings)


def _groups(card: Scorecard) -> Iterator[GroupScore]:
    stack: list[GroupScore | LeafScore] = list(card.levels)
    while stack:
        node = stack.pop(0)
        if isinstance(node, GroupScore):
            yield node
            stack[0:0] = node.children


# -- arithmetic -------------------------------------------------------------------------------

@check("E101", "weights-add-up", Severity.ERROR,
       "a group's stated weight differs from the sum of its children's weights")
def _weights_add_up(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for group in _groups(card):
        stated = group.indicator.stated_weight
        if not group.children:
            continue
        total = sum((c.weight for c in group.children), Decimal(0))
        if stated is not None and stated != total:
            yield group.path, f"weight {stated} but its indicators add up to {total}"


@check("E102", "total-weight", Severity.ERROR,
       "the 一级 weights do not add up to the framework's total (normally 100)")
def _total_weight(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    expected = card.evaluation.framework.total
    if card.max != expected:
        yield (), f"the indicators are worth {card.max} points, the framework's total is {expected}"


@check("E103", "score-in-range", Severity.ERROR, "a score below 0 or above the leaf's weight")
def _score_in_range(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in card.leaves:
        if leaf.score is not None and not 0 <= leaf.score <= leaf.weight:
            yield leaf.path, f"score {leaf.score} is outside 0..{leaf.weight}"


@check("E104", "stated-total", Severity.ERROR,
       "the total stated on the form differs from the sum of the scores")
def _stated_total(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    stated = card.evaluation.spec.stated_total
    if stated is not None and stated != card.total:
        yield (), f"the form states a total of {stated}, the scores add up to {card.total}"


@check("E105", "missing-score", Severity.ERROR,
       "a leaf has no score: none recorded and its rule cannot compute one")
def _missing_score(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in card.leaves:
        if leaf.score is None:
            yield leaf.path, f"no score ({leaf.result.note or 'the rule computes none'})"


@check("E106", "band-range", Severity.ERROR,
       "a recorded score outside the band its rule allows (定性 bands)")
def _band_range(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in card.leaves:
        low, high, s = leaf.result.low, leaf.result.high, leaf.indicator.score
        if s is None or low is None or high is None:
            continue
        top_inclusive = high == leaf.weight
        if s < low or s > high or (s == high and not top_inclusive):
            yield leaf.path, (f"score {s} is outside the band {low}–{high} "
                              f"({leaf.result.note})")


@check("E107", "empty-group", Severity.ERROR, "a group with no indicators")
def _empty_group(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for group in _groups(card):
        if not group.children:
            yield group.path, "has no indicators; add them or drop the group"


# -- facts ------------------------------------------------------------------------------------

@check("E201", "required-facts", Severity.ERROR,
       "a required project fact (填报单位, 项目名称, 项目实施年度) is missing")
def _required_facts(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    project = card.evaluation.project
    for key, label in (("unit", "填报单位"), ("name", "项目名称"), ("year", "项目实施年度")):
        if getattr(project, key) in (None, ""):
            yield (), f"project.{key} ({label}) is missing"


__all__ = ["CHECKS", "Check", "Finding", "Severity", "check", "has_errors", "run_checks"]
