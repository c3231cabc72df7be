"""Checks (审核): named rules with stable codes that find what a reviewer looks for.

A :class:`Check` is a function over a :class:`~perfeval_core.Scorecard` that yields
``(path, message)`` pairs, with its code, severity and summary. Checks are registered through
the ``perfeval_register_checks`` hook — the built-in families (``arithmetic``, ``facts``,
``scoring``, ``values``, ``narrative``) as any plugin's — and :func:`review` runs those of a
registry on a scorecard, turning what they yield into :class:`Finding` objects.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from .._errors import InputError, PerfevalError
from .._model.scoring import Scorecard
from .._model.tree import show_path
from .._plugins.host import registry_or_default
from .._plugins.registry import Registry
from .shared import shared


class Severity(enum.StrEnum):
    """How serious a finding is: errors make ``perfeval check`` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Finding:
    """One thing a check found, where (indicator path) and how serious; ``label`` is its
    check's Chinese label (审核项名称), shown to a reviewer beside the code."""

    code: str
    severity: Severity
    message: str
    path: tuple[str, ...] = ()
    file: str | None = None
    label: str = attrs.field(default="", eq=False)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "path": list(self.path),
            "message": self.message,
            "file": self.file,
            "label": self.label,
        }

    def __str__(self) -> str:
        where = f" {show_path(self.path)}:" if self.path else ""
        return f"{self.severity}[{self.code}]{where} {self.message}"


CheckFunction = Callable[[Scorecard], Iterable[tuple[tuple[str, ...], str]]]


@attrs.frozen
class Check:
    """A named check: its code, default severity, one-line summary, function and Chinese
    label (审核项名称, what the review site and ``check --list`` show a reviewer)."""

    code: str
    name: str
    severity: Severity
    summary: str
    run: CheckFunction
    label: str = ""


class CheckSet:
    """The checks of one family, in the order they are defined::

    CHECKS = CheckSet()

    @CHECKS.add("E101", "weights-add-up", Severity.ERROR, "…", label="下级分值合计不符")
    def _weights_add_up(card): ...
    """

    def __init__(self) -> None:
        self.checks: list[Check] = []

    def add(
        self, code: str, name: str, severity: Severity, summary: str, *, label: str
    ) -> Callable[[CheckFunction], CheckFunction]:
        """Decorator: the function is the check ``code``."""

        def add(fn: CheckFunction) -> CheckFunction:
            self.checks.append(Check(code, name, severity, summary, fn, label))
            return fn

        return add

    def __iter__(self) -> Any:
        return iter(self.checks)


@attrs.frozen
class Review:
    """The outcome of the checks on one evaluation: what is reported, and what the file's own
    ``ignore = [...]`` suppressed (so a reviewer can see that something was)."""

    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...] = ()


def _matches(c: Check, selector: str) -> bool:
    return c.code.startswith(selector) or c.name == selector


def validate_codes(
    selectors: Iterable[str],
    registry: Registry,
    *,
    file: str | None = None,
    where: str | None = None,
) -> None:
    """Refuse a code, prefix or name that matches no check (a typo would silently do nothing)."""
    checks = registry.checks.values()
    for s in selectors:
        if not any(_matches(c, s) for c in checks):
            known = [c.code for c in checks] + [c.name for c in checks]
            guess = difflib.get_close_matches(s, known, n=1)
            raise InputError(
                f"{s!r} is not a check code, prefix or name",
                file=file,
                where=where,
                hint=(f"did you mean {guess[0]!r}? " if guess else "")
                + "`perfeval check --list` prints the codes (docs/checks.md explains them)",
            )


def review(
    card: Scorecard,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    file_ignore: bool = True,
    registry: Registry | None = None,
) -> Review:
    """Run the selected checks (all by default) minus the ignored ones on ``card``.

    Codes match by prefix (``"W"`` is every warning, ``"W3"`` every scoring warning) or by name
    (``"deduction-without-basis"``). The evaluation's own ``ignore = [...]`` is honoured unless
    ``file_ignore`` is False, for warnings and information only (it never hides an error); what
    it suppresses is returned apart in :attr:`Review.suppressed`. The checks are those of
    ``registry`` (by default the process's default registry).
    An unknown code raises :class:`~perfeval_core.InputError`.
    """
    registry = registry_or_default(registry)
    select, ignore = tuple(select), tuple(ignore)
    validate_codes(select, registry, where="--select")
    validate_codes(ignore, registry, where="--ignore")
    file = str(card.evaluation.path) if card.evaluation.path else None
    own = tuple(card.evaluation.spec.ignore)
    try:
        validate_codes(own, registry, file=file, where="ignore")
    except InputError as exc:
        exc.line = card.evaluation.ignore_line
        raise
    order = shared(card).order
    findings: list[Finding] = []
    suppressed: list[Finding] = []
    checks = list(registry.checks.values())
    for c in checks:
        if select and not any(_matches(c, s) for s in select):
            continue
        if ignore and any(_matches(c, i) for i in ignore):
            continue
        # a file's own ignore never hides an error from its reviewer
        hidden = (
            file_ignore
            and bool(own)
            and c.severity is not Severity.ERROR
            and any(_matches(c, i) for i in own)
        )
        try:
            found = list(c.run(card))
        except PerfevalError:
            raise
        except Exception as exc:  # a plugin's check must not take the others down with it
            raise registry.failure("check", c.code, exc, file=file) from exc
        for path, message in found:
            (suppressed if hidden else findings).append(
                Finding(c.code, c.severity, message, path, file, c.label)
            )

    if not (findings or suppressed):
        return Review(())
    rank = {c.code: i for i, c in enumerate(checks)}

    def key(f: Finding) -> tuple[int, int, str]:
        return (order.get(f.path, len(order)) if f.path else -1, rank[f.code], f.message)

    return Review(tuple(sorted(findings, key=key)), tuple(sorted(suppressed, key=key)))


def run_checks(
    card: Scorecard,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    file_ignore: bool = True,
    registry: Registry | None = None,
) -> list[Finding]:
    """Every finding of the selected checks (all by default) minus the ignored ones, in the
    order of the table (findings on the whole evaluation first).

    Codes match by prefix: ``select=["W"]`` keeps every warning code, ``ignore=["E102"]`` one.
    The evaluation's ``ignore = [...]`` key is honoured too, unless ``file_ignore`` is False.
    """
    return list(
        review(
            card, select=select, ignore=ignore, file_ignore=file_ignore, registry=registry
        ).findings
    )


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.severity is Severity.ERROR for f in findings)
