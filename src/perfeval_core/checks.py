"""Checks (审核): named rules with stable codes that find what a reviewer looks for.

Each check is a function over a :class:`~perfeval_core.scoring.Scorecard` that yields
``(path, message)`` pairs; :data:`CHECKS` lists them with their code, severity and summary, and
:func:`run_checks` turns them into :class:`Finding` objects. docs/checks.md documents every code
with an example. The families:

* ``E1xx`` arithmetic and the shape of the table (weights, scores, totals, bands, empty groups);
* ``2xx`` project facts and structure (required facts, required 一级, duplicate leaves);
* ``W3xx`` scoring: deductions without a 评分依据, scores of record against the rule's verdict;
* ``4xx`` values: target and actual that cannot be compared, missing values;
* ``5xx`` the narrative (情况表 / 自评报告) against the table: counts, grade, totals.

The scoring checks W301–W305 report at most one finding per leaf, by a fixed precedence (see
:func:`scoring_verdict`), and say nothing about a leaf whose score is already an error (E103,
E106) or whose deduction is explained by a 评分依据.
"""

from __future__ import annotations

import difflib
import enum
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from .errors import InputError
from .rules import Auto, Bands, Deduction, Expect, Manual, Ratio, Rule, quantize
from .scoring import GroupScore, LeafScore, Scorecard
from .spec import SectionSpec
from .tree import iter_leaves, show_path
from .values import Value, ValueKind, _split_unit, parse_value


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


# -- running ----------------------------------------------------------------------------------

@attrs.frozen
class Review:
    """The outcome of the checks on one evaluation: what is reported, and what the file's own
    ``ignore = [...]`` suppressed (so a reviewer can see that something was)."""

    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...] = ()


def _matches(c: Check, selector: str) -> bool:
    return c.code.startswith(selector) or c.name == selector


def validate_codes(selectors: Iterable[str], *, file: str | None = None,
                   where: str | None = None) -> None:
    """Refuse a code, prefix or name that matches no check (a typo would silently do nothing)."""
    for s in selectors:
        if not any(_matches(c, s) for c in CHECKS):
            known = [c.code for c in CHECKS] + [c.name for c in CHECKS]
            guess = difflib.get_close_matches(s, known, n=1)
            raise InputError(
                f"{s!r} is not a check code, prefix or name", file=file, where=where,
                hint=(f"did you mean {guess[0]!r}? " if guess else "")
                + "`perfeval check --list` prints the codes (docs/checks.md explains them)")


def review(card: Scorecard, *, select: Iterable[str] = (), ignore: Iterable[str] = (),
           file_ignore: bool = True) -> Review:
    """Run the selected checks (all by default) minus the ignored ones on ``card``.

    Codes match by prefix (``"W"`` is every warning, ``"W3"`` every scoring warning) or by name
    (``"deduction-without-basis"``). The evaluation's own ``ignore = [...]`` is honoured unless
    ``file_ignore`` is False, for warnings and information only (it never hides an error); what
    it suppresses is returned apart in :attr:`Review.suppressed`.
    An unknown code raises :class:`~perfeval_core.errors.InputError`.
    """
    select, ignore = tuple(select), tuple(ignore)
    validate_codes(select, where="--select")
    validate_codes(ignore, where="--ignore")
    file = str(card.evaluation.path) if card.evaluation.path else None
    own = tuple(card.evaluation.spec.ignore)
    try:
        validate_codes(own, file=file, where="ignore")
    except InputError as exc:
        exc.line = card.evaluation.ignore_line
        raise
    order = _shared(card).order
    findings: list[Finding] = []
    suppressed: list[Finding] = []
    for c in CHECKS:
        if select and not any(_matches(c, s) for s in select):
            continue
        if ignore and any(_matches(c, i) for i in ignore):
            continue
        # a file's own ignore never hides an error from its reviewer
        hidden = (file_ignore and bool(own) and c.severity is not Severity.ERROR
                  and any(_matches(c, i) for i in own))
        for path, message in c.run(card):
            (suppressed if hidden else findings).append(
                Finding(c.code, c.severity, message, path, file))

    if not (findings or suppressed):
        return Review(())
    rank = {c.code: i for i, c in enumerate(CHECKS)}

    def key(f: Finding) -> tuple[int, int, str]:
        return (order.get(f.path, len(order)) if f.path else -1, rank[f.code], f.message)

    return Review(tuple(sorted(findings, key=key)), tuple(sorted(suppressed, key=key)))


def run_checks(card: Scorecard, *, select: Iterable[str] = (),
               ignore: Iterable[str] = (), file_ignore: bool = True) -> list[Finding]:
    """Every finding of the selected checks (all by default) minus the ignored ones, in the
    order of the table (findings on the whole evaluation first).

    Codes match by prefix: ``select=["W"]`` keeps every warning code, ``ignore=["E102"]`` one.
    The evaluation's ``ignore = [...]`` key is honoured too, unless ``file_ignore`` is False.
    """
    return list(review(card, select=select, ignore=ignore, file_ignore=file_ignore).findings)


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.severity is Severity.ERROR for f in findings)


@attrs.frozen
class _Shared:
    """What several checks look at, worked out once per scorecard (see :func:`_shared`)."""

    groups: list[GroupScore]  # in document order
    order: dict[tuple[str, ...], int]  # the document position of each path
    verdicts: dict[str, list[LeafScore]]  # the leaves by scoring_verdict() code
    sections: list[tuple[str, str]]  # the narrative's (heading, text)


def _shared(card: Scorecard) -> _Shared:
    """The :class:`_Shared` facts of ``card``, worked out on first use and kept on the card."""
    shared = card.memo.get("checks")
    if shared is not None:
        return shared  # type: ignore[no-any-return]
    nodes: list[GroupScore | LeafScore] = []
    _preorder(card.levels, nodes)
    order: dict[tuple[str, ...], int] = {}
    for node in nodes:
        order.setdefault(node.path, len(order))
    verdicts: dict[str, list[LeafScore]] = {}
    for leaf in card.leaves:
        code = scoring_verdict(leaf)
        if code is not None:
            verdicts.setdefault(code, []).append(leaf)
    shared = _Shared([n for n in nodes if isinstance(n, GroupScore)], order, verdicts,
                     list(_sections(card)))
    card.memo["checks"] = shared
    return shared


def _preorder(nodes: tuple[GroupScore | LeafScore, ...],
              out: list[GroupScore | LeafScore]) -> None:
    for node in nodes:
        out.append(node)
        if isinstance(node, GroupScore):
            _preorder(node.children, out)


def _groups(card: Scorecard) -> list[GroupScore]:
    return _shared(card).groups


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _has_basis(leaf: LeafScore) -> bool:
    basis = leaf.indicator.basis
    return basis is not None and parse_value(basis).kind is not ValueKind.NONE


def _present(value: Value | None) -> bool:
    return value is not None and value.kind is not ValueKind.NONE


# -- arithmetic -------------------------------------------------------------------------------

@check("E101", "weights-add-up", Severity.ERROR,
       "a group's stated weight differs from the sum of its children's weights")
def _weights_add_up(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for group in _groups(card):
        stated = group.indicator.stated_weight
        if stated is None or not group.children:
            continue
        total = sum([c.weight for c in group.children], Decimal(0))
        if stated != total:
            yield group.path, f"weight {_fmt(stated)} but its indicators add up to {_fmt(total)}"


@check("E102", "total-weight", Severity.ERROR,
       "the 一级 weights do not add up to the framework's total (normally 100)")
def _total_weight(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    expected = card.evaluation.framework.total
    if card.max != expected:
        yield (), (f"the indicators are worth {_fmt(card.max)} points, the framework's total is "
                   f"{_fmt(expected)}")


@check("E103", "score-in-range", Severity.ERROR, "a score below 0 or above the leaf's weight")
def _score_in_range(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in card.leaves:
        if leaf.score is not None and not 0 <= leaf.score <= leaf.weight:
            yield leaf.path, f"score {_fmt(leaf.score)} is outside 0..{_fmt(leaf.weight)}"


@check("E104", "stated-total", Severity.ERROR,
       "the total stated on the form differs from the sum of the scores")
def _stated_total(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    stated = card.evaluation.spec.stated_total
    if stated is not None and stated != card.total:
        yield (), (f"the form states a total of {_fmt(stated)}, the scores add up to "
                   f"{_fmt(card.total)}")


@check("E105", "missing-score", Severity.ERROR,
       "a leaf has no score: none recorded and its rule cannot compute one")
def _missing_score(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in card.leaves:
        if leaf.score is None:
            yield leaf.path, f"no score ({leaf.result.note or 'the rule computes none'})"


def _in_range(leaf: LeafScore) -> bool:
    s = leaf.indicator.score
    return s is not None and 0 <= s <= leaf.weight


def _outside_band(leaf: LeafScore) -> bool:
    low, high, s = leaf.result.low, leaf.result.high, leaf.indicator.score
    if s is None or low is None or high is None or not _in_range(leaf):
        return False
    return s < low or s > high or (s == high and high != leaf.weight)


@check("E106", "band-range", Severity.ERROR,
       "a recorded score outside the band its rule allows (定性 bands)")
def _band_range(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in card.leaves:
        if _outside_band(leaf):
            low, high = leaf.result.low, leaf.result.high
            top = "" if high == leaf.weight else " (top excluded)"
            yield leaf.path, (f"score {_fmt(leaf.indicator.score)} is outside the band "
                              f"{_fmt(low)}–{_fmt(high)}{top} ({leaf.result.note})")


@check("E107", "empty-group", Severity.ERROR, "a group with no indicators")
def _empty_group(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for group in _groups(card):
        if not group.children:
            yield group.path, "has no indicators; add them or drop the group"


# -- facts and structure ----------------------------------------------------------------------

@check("E201", "required-facts", Severity.ERROR,
       "a required project fact (填报单位, 项目名称, 项目实施年度) is missing")
def _required_facts(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    project = card.evaluation.project
    for key, label in (("unit", "填报单位"), ("name", "项目名称"), ("year", "项目实施年度")):
        value = getattr(project, key)
        if value is None or (isinstance(value, str) and not value.strip()):
            yield (), f"project.{key} ({label}) is missing"


#: The 一级 indicators a self-evaluation must have (财预〔2020〕10号 自评表: 产出, 效益, 满意度),
#: matched by the start of the 一级 name (产出指标, 效益指标, 满意度指标 …).
REQUIRED_LEVEL1: tuple[str, ...] = ("产出", "效益", "满意度")


def required_level1(card: Scorecard) -> tuple[str, ...]:
    """The 一级 an evaluation must have: those of :data:`REQUIRED_LEVEL1` that its framework
    has (a framework that sets 一级 decides what its form holds: the 10号 department framework
    has no 满意度 一级), or all of them when the framework sets no 一级 at all."""
    names = [i.name.strip() for i in card.evaluation.framework.indicators]
    if not names:
        return REQUIRED_LEVEL1
    return tuple(p for p in REQUIRED_LEVEL1 if any(n.startswith(p) for n in names))


@check("W202", "required-level1", Severity.WARNING,
       "a required 一级 indicator (产出, 效益, 满意度) is missing")
def _required_level1(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    names = [lv.indicator.name.strip() for lv in card.levels]
    for prefix in required_level1(card):
        if not any(n.startswith(prefix) for n in names):
            yield (), (f"no 一级 indicator for {prefix} (a self-evaluation has 产出, 效益 and "
                       f"满意度); the 一级 are: {'、'.join(names) or 'none'}")


@check("W203", "duplicate-leaf", Severity.WARNING,
       "the same leaf (三级指标) name appears twice in the table")
def _duplicate_leaf(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    first: dict[str, tuple[str, ...]] = {}
    for leaf in card.leaves:
        name = leaf.indicator.name.strip()
        if name in first:
            yield leaf.path, (f"the same indicator appears at {show_path(first[name])}; "
                              "rename one or remove the duplicate")
        else:
            first[name] = leaf.path


# -- scoring ----------------------------------------------------------------------------------

def scoring_verdict(leaf: LeafScore) -> str | None:
    """The one scoring code (W301–W305 but W304) for a leaf, or None.

    Only a score of record is questioned, and only when no 评分依据 explains it. Precedence,
    first match wins: a score already in error (E103 out of range, E106 outside its band) →
    nothing; W303 target missed yet full points; W302 target met yet points deducted; W305 a
    score that differs from the rule's; W301 any other deduction. W304 (over-achievement) is
    about the target, not the score, and is reported on its own.
    """
    s, w, r = leaf.indicator.score, leaf.weight, leaf.result
    if s is None or not _in_range(leaf) or _outside_band(leaf) or _has_basis(leaf):
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


def _verdicts(card: Scorecard, code: str) -> list[LeafScore]:
    return _shared(card).verdicts.get(code, [])


def _values_text(leaf: LeafScore) -> str:
    t = leaf.indicator.target
    a = leaf.indicator.actual if leaf.indicator.actual is not None else leaf.result.actual
    return f"target {t if t not in (None, '') else '(none)'}, actual " \
           f"{a if a not in (None, '') else '(none)'}"


@check("W301", "deduction-without-basis", Severity.WARNING,
       "points deducted and no 评分依据 says why")
def _deduction_without_basis(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in _verdicts(card, "W301"):
        yield leaf.path, (f"{_fmt(leaf.indicator.score)} of {_fmt(leaf.weight)} points and no "
                          f"评分依据 ({_values_text(leaf)}); add basis = \"…\" saying why")


@check("W302", "met-but-deducted", Severity.WARNING,
       "the target is met, yet points are deducted without a 评分依据")
def _met_but_deducted(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in _verdicts(card, "W302"):
        yield leaf.path, (f"target met ({_values_text(leaf)}) yet {_fmt(leaf.indicator.score)} "
                          f"of {_fmt(leaf.weight)} points, and no 评分依据 says why")


@check("W303", "missed-but-full", Severity.WARNING,
       "the target is missed, yet full points are recorded without a 评分依据")
def _missed_but_full(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in _verdicts(card, "W303"):
        rule = f"; the rule gives {_fmt(leaf.result.score)}" if leaf.result.score is not None \
            else ""
        yield leaf.path, (f"target missed ({_values_text(leaf)}) yet full points "
                          f"({_fmt(leaf.weight)}){rule}, and no 评分依据 says why")


@check("W304", "overachievement", Severity.WARNING,
       "the actual is at or beyond the over-achievement threshold (default 130 % of the target) "
       "and no 评分依据 explains it")
def _overachievement(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    threshold = card.evaluation.framework.settings.overachievement
    for leaf in card.leaves:
        rate = leaf.result.rate
        if rate is not None and rate >= threshold and not _has_basis(leaf):
            yield leaf.path, (f"the actual is {_fmt(quantize(rate, 2))} % of the target "
                              f"({_values_text(leaf)}), at or beyond {_fmt(threshold)} %: was "
                              "the target set too low? add a 评分依据")


@check("W305", "score-differs-from-rule", Severity.WARNING,
       "the score of record differs from the rule's score and no 评分依据 says why")
def _differs_from_rule(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in _verdicts(card, "W305"):
        yield leaf.path, (f"score {_fmt(leaf.indicator.score)} but the rule gives "
                          f"{_fmt(leaf.result.score)} ({leaf.result.note or _values_text(leaf)}), "
                          "and no 评分依据 says why")


# -- values -----------------------------------------------------------------------------------

def _effective(leaf: LeafScore) -> Rule:
    rule = leaf.rule
    return Auto.pick(leaf.target) if isinstance(rule, Auto) else rule


def _uses_target(rule: Rule) -> bool:
    """Does the rule compare the actual with the target? (not: formula, deduction, manual,
    bands of the actual, an expected answer of its own)."""
    if isinstance(rule, Ratio | Deduction | Manual):
        return False
    if isinstance(rule, Bands):
        return rule.of != "actual"
    if isinstance(rule, Expect):
        return rule.expected is None
    return True


def _incomparable(target: Value, actual: Value) -> str | None:
    if target.kind is ValueKind.NUMBER and actual.kind is ValueKind.NUMBER:
        if target.base_unit != actual.base_unit:
            units = (target.base_unit or "no unit", actual.base_unit or "no unit")
            return f"different units ({units[0]} against {units[1]})"
        return None
    if target.kind is actual.kind:
        return None
    kinds = {ValueKind.NUMBER: "a number", ValueKind.SCHEDULE: "序时 (on schedule)",
             ValueKind.WORD: "a word"}
    return f"{kinds[actual.kind]} against {kinds[target.kind]}"


@check("W401", "incomparable-values", Severity.WARNING,
       "the target and the actual cannot be compared (different units; 序时 against 100%; "
       "a word against a number)")
def _incomparable_values(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in card.leaves:
        t, a = leaf.target, leaf.actual
        if leaf.score is None or not (_present(t) and _present(a)):
            continue
        why = _incomparable(t, a)  # type: ignore[arg-type]
        if why and _uses_target(_effective(leaf)):
            verdict = ("the rule cannot check it, so the score of record stands unchecked"
                       if leaf.result.score is None else
                       f"the rule gives {_fmt(leaf.result.score)} without comparing them")
            yield leaf.path, f"actual {a} cannot be compared with target {t}: {why}; {verdict}"


@check("W402", "unit-scale", Severity.WARNING,
       "the target and the actual are in the same unit at different scales (万元 against 元)")
def _unit_scale(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in card.leaves:
        t, a = leaf.target, leaf.actual
        if t is None or a is None or t.kind is not ValueKind.NUMBER \
                or a.kind is not ValueKind.NUMBER or t.base_unit != a.base_unit \
                or _split_unit(t.unit)[0] == _split_unit(a.unit)[0]:
            continue
        unit = f" {t.base_unit}" if t.base_unit else ""
        yield leaf.path, (f"target {t} is in {t.unit or 'no unit'}, actual {a} in "
                          f"{a.unit or 'no unit'}: compared as {_fmt(t.magnitude)}{unit} against "
                          f"{_fmt(a.magnitude)}{unit}; check the unit is the one meant")


@check("W403", "missing-target", Severity.WARNING,
       "a leaf whose rule compares with a target has none (年初指标值)")
def _missing_target(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in card.leaves:
        if (isinstance(leaf.rule, Auto) or _uses_target(leaf.rule)) \
                and not _present(leaf.target):
            yield leaf.path, ("no target (年初指标值): nothing to check the actual against; "
                              "add target = \"…\"")


@check("W404", "missing-actual", Severity.WARNING,
       "a leaf has a score but no actual value (实际完成值)")
def _missing_actual(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in card.leaves:
        if leaf.score is None or _present(leaf.actual) or leaf.result.actual is not None:
            continue
        yield leaf.path, (f"score {_fmt(leaf.score)} but no actual value (实际完成值); "
                          "add actual = \"…\"")


@check("I405", "actual-is-bound", Severity.INFO,
       "the actual is written as a bound (>95%), not as the value achieved")
def _actual_is_bound(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    for leaf in card.leaves:
        a = leaf.actual
        if a is not None and a.kind is ValueKind.NUMBER and a.comparator not in (None, "="):
            yield leaf.path, (f"actual {a} is a bound, not the value achieved (e.g. the survey's "
                              "result); write the measured value")


@check("I406", "target-changed", Severity.INFO,
       "the evaluation changes a target the framework sets")
def _target_changed(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    framework = {path: leaf for path, leaf in _framework_leaves(card)}
    for leaf in card.leaves:
        base = framework.get(leaf.path)
        target = leaf.indicator.target
        if base is None or base.target is None or target is None or target == base.target:
            continue
        if parse_value(base.target) != parse_value(target):
            yield leaf.path, (f"target {leaf.indicator.target} where the framework "
                              f"{card.evaluation.framework.id} sets {base.target}")


def _framework_leaves(card: Scorecard) -> Iterator[tuple[tuple[str, ...], Any]]:
    return iter_leaves(card.evaluation.framework.indicators)


# -- the narrative against the table ----------------------------------------------------------

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_NUM = r"[0-9０-９]+|[零〇一二两三四五六七八九十百]+"
_LEVEL_AFTER = re.compile(rf"([一二三])级指标\s*(?:共|有)?\s*({_NUM})\s*个")
_LEVEL_BEFORE = re.compile(rf"({_NUM})\s*个\s*([一二三])级指标")
_GRADE_INTRO = r"(?:评价|自评|绩效|评定|综合|考核)(?:结果)?(?:等级|等次|等第|结果|级别)"
_SAID = r"\s*(?:为|是|：|:|评定为|确定为|达到)?\s*[“\"「『‘']?\s*"
_TOTAL_INTRO = r"(?:综合|总|评价|自评|最终|合计|累计|项目)得分"
_POINTS = r"(?P<n>[0-9０-９]+(?:\.[0-9０-９]+)?)\s*分"
_TOTAL = re.compile(rf"{_TOTAL_INTRO}{_SAID}{_POINTS}")
#: Grade words that mean the same grade (a narrative may say 优秀 where the policy says 优).
GRADE_ALIASES = {"优秀": "优", "良好": "良", "中等": "中", "较差": "差"}
_LEVEL_NAMES = {"一": 1, "二": 2, "三": 3}


def _number(text: str) -> int | None:
    text = text.translate({0xFF10 + i: str(i) for i in range(10)})
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def _sections(card: Scorecard) -> Iterator[tuple[str, str]]:
    narrative = card.evaluation.spec.narrative
    if narrative is None:
        return

    def walk(sections: tuple[SectionSpec, ...]) -> Iterator[tuple[str, str]]:
        for section in sections:
            yield section.heading, section.text
            yield from walk(section.sections)

    if narrative.title:
        yield "title", narrative.title
    yield from walk(narrative.sections)


def _quote(text: str, start: int, end: int) -> str:
    """The sentence around a match, shortened, for the message."""
    left = max(text.rfind(p, 0, start) for p in "。；;，,\n")
    rights = [i for i in (text.find(p, end) for p in "。；;，,\n") if i >= 0]
    right = min(rights) if rights else len(text)
    quote = text[left + 1:right].strip()
    return quote if len(quote) <= 60 else text[max(start - 10, left + 1):end + 4].strip() + "…"


def table_counts(card: Scorecard) -> dict[int, int]:
    """How many indicators the table has per level as a narrative counts them: 一级 and 二级 are
    the groups with indicators, 三级 are the leaves."""
    level1 = [lv for lv in card.levels if isinstance(lv, GroupScore) and lv.children]
    level2 = [c for lv in level1 for c in lv.children if isinstance(c, GroupScore) and c.children]
    return {1: len(level1), 2: len(level2), 3: len(card.leaves)}


@check("W501", "narrative-counts", Severity.WARNING,
       "the narrative states indicator counts (一级指标5个 …) that differ from the table")
def _narrative_counts(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    counts = table_counts(card)
    seen: set[tuple[str, int, int]] = set()
    for heading, text in _shared(card).sections:
        if "级指标" not in text:  # both patterns need it; searching for it is much faster
            continue
        found = [(m, m.group(1), m.group(2)) for m in _LEVEL_AFTER.finditer(text)]
        found += [(m, m.group(2), m.group(1)) for m in _LEVEL_BEFORE.finditer(text)]
        for m, level_word, number in sorted(found, key=lambda f: f[0].start()):
            level, stated = _LEVEL_NAMES[level_word], _number(number)
            if stated is None or stated == counts[level] or (heading, level, stated) in seen:
                continue
            seen.add((heading, level, stated))
            what = "leaves" if level == 3 else f"{level_word}级 groups with indicators"
            yield ("narrative", heading), (
                f"states {level_word}级指标 {stated} (“{_quote(text, m.start(), m.end())}”), "
                f"the table has {counts[level]} {what}")


def _grade_labels() -> list[str]:
    from .plugins import get_registry

    labels = {t.label for p in get_registry().policies.values() for t in p.thresholds}
    labels |= set(GRADE_ALIASES)
    return sorted((x for x in labels if x), key=len, reverse=True)


@functools.lru_cache(maxsize=16)
def _grade_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    """A stated grade: 自我评价等级为优 (one of ``labels``), compiled once per set of labels."""
    return re.compile(rf"{_GRADE_INTRO}{_SAID}({'|'.join(map(re.escape, labels))})")


def _same_grade(a: str, b: str) -> bool:
    return a == b or GRADE_ALIASES.get(a) == b or GRADE_ALIASES.get(b) == a


@check("E502", "narrative-grade", Severity.ERROR,
       "the grade the narrative states (自我评价等级为优) differs from the table's")
def _narrative_grade(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    labels = _grade_labels()
    if not labels or not card.grade.label:
        return
    pattern = _grade_pattern(tuple(labels))
    for heading, text in _shared(card).sections:
        for m in pattern.finditer(text):
            stated = m.group(1)
            if not _same_grade(stated, card.grade.label):
                yield ("narrative", heading), (
                    f"states the grade {stated} (“{_quote(text, m.start(), m.end())}”), the "
                    f"table's total {_fmt(card.total)} grades {card.grade.label} "
                    f"({card.grade.policy})")


@check("E503", "narrative-total", Severity.ERROR,
       "a total or 一级 subtotal the narrative states (综合得分96分) differs from the table's")
def _narrative_total(card: Scorecard) -> Iterator[tuple[tuple[str, ...], str]]:
    sections = [(heading, text) for heading, text in _shared(card).sections if "得分" in text]
    if not sections:  # every pattern below needs 得分
        return
    subtotals: list[tuple[re.Pattern[str], GroupScore | LeafScore]] = []
    for lv in card.levels:
        name = lv.indicator.name.strip()
        stem = name.removesuffix("指标")
        if stem:
            subtotals.append((re.compile(
                rf"(?:{re.escape(name)}|{re.escape(stem)}(?:指标)?)(?:部分)?的?得分"
                rf"{_SAID}{_POINTS}"), lv))
    for heading, text in sections:
        for m in _TOTAL.finditer(text):
            stated = Decimal(m.group("n").translate({0xFF10 + i: str(i) for i in range(10)}))
            if stated != card.total:
                yield ("narrative", heading), (
                    f"states a total of {_fmt(stated)} (“{_quote(text, m.start(), m.end())}”), "
                    f"the scores add up to {_fmt(card.total)}")
        for pattern, level in subtotals:
            for m in pattern.finditer(text):
                stated = Decimal(m.group("n").translate({0xFF10 + i: str(i) for i in range(10)}))
                if stated != level.score:
                    yield ("narrative", heading), (
                        f"states {level.indicator.name} {_fmt(stated)} points "
                        f"(“{_quote(text, m.start(), m.end())}”), its scores add up to "
                        f"{_fmt(level.score)}")


__all__ = ["CHECKS", "Check", "Finding", "REQUIRED_LEVEL1", "Review", "Severity", "check",
           "has_errors", "required_level1", "review", "run_checks", "scoring_verdict",
           "table_counts", "validate_codes"]
