"""Scoring rules (评分规则): named, parameterised objects that score one leaf.

A leaf's ``rule`` is a name (``"正向"``, ``"higher"``) or a table (``{ kind = "bands", … }``).
Each rule returns a :class:`RuleResult`: the points it computes (or ``None`` where a person must
judge), the range a recorded score must fall in, whether the target was met, and a note.
docs/scoring.md explains each with a worked example.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, ClassVar

import attrs

from .numbers import format_number
from .spec import BudgetSpec
from .values import QUALITATIVE_GRADES, Value, ValueKind, compact, comparable, grade_of, parse_value

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


#: Answers that say a word target was reached, as the national form's tables write them
#: (安徽 达成预期指标, 四川 and 河北 完成, 湖北 是 …): ``settings.met`` by default.
MET_ANSWERS: tuple[str, ...] = (
    "达成预期指标",
    "达成年度指标",
    "已完成",
    "完成",
    "按时完成",
    "按期完成",
    "效果明显",
    "是",
)
#: Answers that say it was not: ``settings.not_met`` by default. A target that is one of them
#: (是否超出预算: 否) is reached only by that answer.
NOT_MET_ANSWERS: tuple[str, ...] = ("否", "未完成", "未达成预期指标")
#: How the not-applicable points are given back (``settings.reallocate``).
REALLOCATIONS = ("level1", "level2", "stated")
#: How a computed score is rounded to ``places`` (``settings.rounding``, a rule's ``rounding``).
ROUNDINGS = {"half-up": ROUND_HALF_UP, "down": ROUND_DOWN}


@attrs.frozen
class Settings:
    """Scoring settings of a framework (docs/scoring.md, "Settings"): decimals kept and how they
    are rounded, the 反向 variant, the over-achievement threshold, the wordings that count as the
    same answer or as a target reached, the 定性 bands, and where not-applicable points go."""

    places: int = 2
    reverse: str = "ratio"
    overachievement: Decimal = Decimal(130)
    equivalents: tuple[tuple[str, ...], ...] = ()
    met: tuple[str, ...] = MET_ANSWERS
    not_met: tuple[str, ...] = NOT_MET_ANSWERS
    #: the lower bounds, in % of the points, of the 定性 bands 达成 and 部分达成
    qualitative_bands: tuple[Decimal, Decimal] = (Decimal(80), Decimal(60))
    reallocate: str = "level1"
    rounding: str = "half-up"

    def same_word(self, a: str, b: str) -> bool:
        """True when two qualitative words count as the same answer (e.g. 按时完成 / 按期完成)."""
        return a == b or any(a in group and b in group for group in self.equivalents)

    def reaches(self, actual: str, target: str) -> bool:
        """Does the answer ``actual`` reach the word target ``target``? The same word (or an
        equivalent) does; so does an answer of ``met`` — unless the target is itself an answer
        of ``not_met`` (是否超出预算: 否 is reached only by 否) — and an answer of ``not_met``
        never does."""
        if self.same_word(actual, target):
            return True
        if self._among(actual, self.not_met) or self._among(target, self.not_met):
            return False
        return self._among(actual, self.met) or self.answer_grade(actual) == "达成"

    def graded(self, word: str) -> str | None:
        """The grade of a graded answer: a national grade (达成年度指标, 部分达成 …) or a word
        an ``equivalents`` group gives one (湖北: 部分达成预期指标并具有一定效果); else None."""
        grade = QUALITATIVE_GRADES.get(compact(word))
        if grade is not None:
            return grade
        for group in self.equivalents:
            if word in group:
                for other in group:
                    grade = QUALITATIVE_GRADES.get(compact(other))
                    if grade is not None:
                        return grade
        return None

    def answer_grade(self, word: str) -> str | None:
        """The 定性 grade (达成 / 部分达成 / 未达成) an answer stands for: a graded answer
        (:meth:`graded`), an answer of ``met`` (达成) or of ``not_met`` (未达成); None for any
        other word."""
        grade = self.graded(word)
        if grade is not None:
            return grade
        if self._among(word, self.met):
            return "达成"
        if self._among(word, self.not_met):
            return "未达成"
        return None

    def answers(self) -> tuple[str, ...]:
        """Every answer :meth:`answer_grade` recognises, in a stable order, for messages."""
        words: dict[str, None] = dict.fromkeys(QUALITATIVE_GRADES)
        for group in self.equivalents:
            if any(self.answer_grade(w) for w in group):
                words.update(dict.fromkeys(group))
        words.update(dict.fromkeys(self.met))
        words.update(dict.fromkeys(self.not_met))
        return tuple(words)

    def _among(self, word: str, answers: tuple[str, ...]) -> bool:
        return any(self.same_word(word, a) for a in answers)

    def band(self, grade: str) -> tuple[Decimal, Decimal]:
        """The share of the points (low, high) a 定性 grade allows: 达成 80 %–100 %, 部分达成
        60 %–<80 %, 未达成 0–<60 % with the national bands."""
        top, middle = (b / HUNDRED for b in self.qualitative_bands)
        return {"达成": (top, ONE), "部分达成": (middle, top), "未达成": (ZERO, middle)}[grade]


@attrs.frozen
class RuleContext:
    """What a rule may look at besides the leaf: its points, the settings, the budget figures."""

    weight: Decimal
    settings: Settings = Settings()
    budget: BudgetSpec | None = None


@attrs.frozen
class RuleResult:
    """A rule's verdict on one leaf.

    ``score`` is None when the rule cannot compute one (a manual leaf, a value it cannot compare);
    ``low``/``high`` bound the score a person may record; ``met`` says whether the target was
    reached (None: cannot tell); ``rate`` is the actual as a percentage of the target, for the
    over-achievement check; ``actual`` is a value the rule computed (formula leaves).
    """

    score: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    met: bool | None = None
    rate: Decimal | None = None
    note: str = ""
    actual: str | None = None


def quantize(value: Decimal, places: int, rounding: str = "half-up") -> Decimal:
    """Round to ``places`` decimals, half up (the rounding of the forms) or ``"down"`` (towards
    zero: 9.91 → 9 at ``places = 0``).

    A number too long to carry ``places`` decimals in 28 digits (a rate of 10^30 %) has none to
    round and is returned as it is, as is a NaN or an infinity.
    """
    try:
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUNDINGS[rounding])
    except InvalidOperation:
        return value


def _points(num: Decimal, ctx: RuleContext, den: Decimal = ONE) -> Decimal:
    """weight × ``num`` / ``den``, clamped to 0..weight and rounded per the settings.

    The weight is multiplied before dividing, so an exact result is rounded as it is:
    3 × 50.5 / 300 = 0.505 → 0.51 (dividing first gives 0.50499…9 → 0.50).
    """
    return points(ctx.weight, num, den, ctx.settings.places, ctx.settings.rounding)


def points(weight: Decimal, num: Decimal, den: Decimal, places: int, rounding: str) -> Decimal:
    """:func:`_points` with the weight and the rounding given (the scoring plan's arithmetic)."""
    exact = min(max(weight * num / den, ZERO), weight)
    # rounding must not carry past a weight finer than ``places`` (2.6 × 0.98 = 2.548 → 3 at 0)
    rounded = min(quantize(exact, places, rounding), weight)
    # nor take anything from full points (2.5 rounded down at places 0 stays 2.5)
    return weight if exact == weight and rounded < weight else rounded


def _numbers(target: Value | None, actual: Value | None) -> tuple[Decimal, Decimal] | str:
    """The two magnitudes to compare, or a note saying why they cannot be compared."""
    if target is None or target.kind is ValueKind.NONE:
        return "no target"
    if actual is None or actual.kind is ValueKind.NONE:
        return "no actual value"
    if not comparable(actual, target):
        return f"actual {actual} cannot be compared with target {target}"
    t, a = target.magnitude, actual.magnitude
    assert t is not None and a is not None  # numbers have a magnitude
    return t, a


def _shown(x: Decimal, target: Value) -> str:
    """A magnitude as a number of the target's unit, for notes: 625000 元 against ``≤50万元``
    is ``62.5`` (万元 as written, not 元)."""
    return str(x) if not target.scale else format_number(x.scaleb(-target.scale))


def _reached(actual: Value, a: Decimal, t: Decimal, strict: bool, higher: bool) -> bool:
    """Does ``a`` reach ``t``?  A strict target (> or <) is reached by an equal actual written
    with the same strict comparator (target >95%, actual >95%)."""
    if a == t:
        return not strict or actual.comparator == (">" if higher else "<")
    return a > t if higher else a < t


class Rule:
    """Base of every scoring rule. Subclasses are attrs classes; their fields are the
    parameters a framework may set in the rule table.

    Besides scoring, a rule says what it is, so that checks, reviews and exporters need not ask
    its class: its Chinese ``label``, whether it ``picks`` another rule by the target (``auto``),
    whether it ``computes_actual`` from the budget figures (公式), its ``direction`` (正向 higher,
    反向 lower, 等于 equal), whether it compares the actual
    with the target (:meth:`uses_target`), whether it reads the actual at all
    (:meth:`uses_actual`), whether that comparison needs numbers
    (:meth:`compares_numbers`) and which answers it accepts (:meth:`answers`).
    """

    kind: ClassVar[str] = ""
    aliases: ClassVar[tuple[str, ...]] = ()
    summary: ClassVar[str] = ""
    #: True for a rule that stands for another one chosen by the target (``auto``).
    picks: ClassVar[bool] = False
    #: True for a rule whose actual is computed (from the budget figures), not written.
    computes_actual: ClassVar[bool] = False
    #: Which way the actual should go: "higher" (正向), "lower" (反向), "equal" (等于), or None
    #: for a rule that is not a comparison in one direction.
    direction: ClassVar[str | None] = None

    @property
    def label(self) -> str:
        """The name a form writes for the rule: its first alias (正向), else its kind."""
        return self.aliases[0] if self.aliases else self.kind

    def score(
        self, target: Value | None, actual: Value | None, ctx: RuleContext
    ) -> RuleResult:  # pragma: no cover - abstract
        raise NotImplementedError

    def resolve(self, target: Value | None) -> Rule:
        """The rule that scores a leaf with this target: the rule itself, but for ``auto``."""
        return self

    def uses_target(self) -> bool:
        """Does the rule compare the actual with the target?"""
        return True

    def compares_numbers(self) -> bool:
        """Does the rule need a numeric target (正向, 反向, 等于, bands of the rate)?"""
        return False

    def uses_actual(self) -> bool:
        """Does the rule read the actual (实际完成值)? Not a person's score (手工)."""
        return True

    def answers(self, settings: Settings) -> tuple[str, ...] | None:
        """The answers the rule accepts as an actual (定性: the grades and the framework's
        wordings), or None when it takes any value."""
        return None

    def detail(self, settings: Settings) -> str:
        """The kind and the parameters set, for listings: ``bands bands=[…]``."""
        params = {k: v for k, v in describe(self).items() if k != "kind"}
        if not params:
            return self.kind
        return f"{self.kind} " + ", ".join(f"{k}={_short(v)}" for k, v in params.items())


@attrs.frozen
class Higher(Rule):
    """正向: actual ≥ target gives full points, else points × B / A."""

    kind: ClassVar[str] = "higher"
    aliases: ClassVar[tuple[str, ...]] = ("正向",)
    direction: ClassVar[str | None] = "higher"
    summary: ClassVar[str] = "正向 — higher is better: full if B ≥ A, else points × B / A"

    def compares_numbers(self) -> bool:
        return True

    def score(self, target: Value | None, actual: Value | None, ctx: RuleContext) -> RuleResult:
        nums = _numbers(target, actual)
        if isinstance(nums, str):
            return RuleResult(None, note=nums)
        t, a = nums
        assert target is not None and actual is not None  # _numbers said so
        rate = a * HUNDRED / t if t > 0 else None
        if _reached(actual, a, t, target.comparator == ">", True):
            return RuleResult(ctx.weight, met=True, rate=rate)
        if t <= 0:  # B / A means nothing for a target of 0 or below (成本节约率 ≥ 0%)
            return RuleResult(
                ZERO,
                met=False,
                note=f"actual {_shown(a, target)} below the target {_shown(t, target)}",
            )
        return RuleResult(
            _points(a, ctx, t),
            met=False,
            rate=rate,
            note=f"{ctx.weight} × {_shown(a, target)} / {_shown(t, target)}",
        )


@attrs.frozen
class Lower(Rule):
    """反向: actual ≤ target gives full points; otherwise two variants are in use."""

    kind: ClassVar[str] = "lower"
    aliases: ClassVar[tuple[str, ...]] = ("反向",)
    direction: ClassVar[str | None] = "lower"
    summary: ClassVar[str] = (
        "反向 — lower is better: full if B ≤ A, else points × A / B "
        "(variant ratio) or points × (1 − (B − A) / A), zero from 2A on "
        "(variant linear)"
    )
    variant: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(("ratio", "linear")))
    )

    def compares_numbers(self) -> bool:
        return True

    def detail(self, settings: Settings) -> str:
        return f"{self.kind}, {self.variant or settings.reverse}"

    def score(self, target: Value | None, actual: Value | None, ctx: RuleContext) -> RuleResult:
        nums = _numbers(target, actual)
        if isinstance(nums, str):
            return RuleResult(None, note=nums)
        t, a = nums
        assert target is not None and actual is not None  # _numbers said so
        reached = _reached(actual, a, t, target.comparator == "<", False)
        if reached or a == t:  # equal to a strict target (<5%): nothing to deduct, but not met
            return RuleResult(ctx.weight, met=reached)
        if t <= 0:
            return RuleResult(ZERO, met=False, note="target 0 exceeded")
        if (self.variant or ctx.settings.reverse) == "linear":
            if a >= 2 * t:
                return RuleResult(ZERO, met=False, note="actual at or beyond twice the target")
            at, tt = _shown(a, target), _shown(t, target)
            return RuleResult(
                _points(2 * t - a, ctx, t),
                met=False,
                note=f"{ctx.weight} × (1 − ({at} − {tt}) / {tt})",
            )
        return RuleResult(
            _points(t, ctx, a),
            met=False,
            note=f"{ctx.weight} × {_shown(t, target)} / {_shown(a, target)}",
        )


@attrs.frozen
class Equal(Rule):
    """等于: as 正向, but a target of 0 is met only by an actual ≤ 0."""

    kind: ClassVar[str] = "equal"
    aliases: ClassVar[tuple[str, ...]] = ("等于",)
    direction: ClassVar[str | None] = "equal"
    summary: ClassVar[str] = "等于 — as 正向; a target of 0 gives full points only when B ≤ 0"

    def compares_numbers(self) -> bool:
        return True

    def score(self, target: Value | None, actual: Value | None, ctx: RuleContext) -> RuleResult:
        nums = _numbers(target, actual)
        if isinstance(nums, str):
            return RuleResult(None, note=nums)
        t, a = nums
        if t == 0:
            return RuleResult(ctx.weight if a <= 0 else ZERO, met=a <= 0)
        return Higher().score(target, actual, ctx)


@attrs.frozen
class Qualitative(Rule):
    """定性: 达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 % of the points (the framework's
    ``qualitative_bands``); a person picks."""

    kind: ClassVar[str] = "qualitative"
    aliases: ClassVar[tuple[str, ...]] = ("定性",)
    summary: ClassVar[str] = (
        "定性 — three bands: 达成 80–100 %, 部分达成 60–<80 %, "
        "未达成 0–<60 % of the points (settings.qualitative_bands); the evaluator picks "
        "inside the band"
    )

    def answers(self, settings: Settings) -> tuple[str, ...] | None:
        return settings.answers()

    def score(self, target: Value | None, actual: Value | None, ctx: RuleContext) -> RuleResult:
        if actual is None or actual.kind is ValueKind.NONE:
            return RuleResult(None, note="no actual value")
        word = _text(actual) if actual.kind is ValueKind.WORD else None
        grade = ctx.settings.answer_grade(word) if word is not None else None
        if grade is None:
            return RuleResult(
                None,
                note=f"actual {actual or '(none)'} is not an answer 定性 accepts "
                "(达成 / 部分达成 / 未达成 or settings.met / settings.not_met)",
            )
        low, high = ctx.settings.band(grade)
        return RuleResult(
            ctx.weight if grade == "达成" else None,
            low=ctx.weight * low,
            high=ctx.weight * high,
            met=grade == "达成",
            note=grade,
        )


def _text(value: Value) -> str:
    """``str(value)``, without the formatting call for a word (most 是否 answers)."""
    return (value.word or "") if value.kind is ValueKind.WORD else str(value)


@attrs.frozen
class Expect(Rule):
    """是否 / expected answer: full points when the actual reaches the expected word (the same
    word, an equivalent, or an answer of ``settings.met``: see :meth:`Settings.reaches`), else
    zero — but an actual that is a graded answer below 达成 (部分达成年度指标并具有一定效果 …)
    is scored in its 定性 band, as the national form scores a qualitative target."""

    kind: ClassVar[str] = "expect"
    aliases: ClassVar[tuple[str, ...]] = ("是否", "定性匹配")
    summary: ClassVar[str] = (
        "是否 — full points when the actual is the expected answer (by default the "
        "target, e.g. 否 for 是否超出预算) or an answer of settings.met, else zero"
    )
    expected: str | None = None

    def uses_target(self) -> bool:
        return self.expected is None

    def score(self, target: Value | None, actual: Value | None, ctx: RuleContext) -> RuleResult:
        if self.expected is not None:
            want = self.expected
        else:  # a placeholder target ("/", "无") states no answer
            want = _text(target) if target is not None and target.kind is not ValueKind.NONE else ""
        if not want:
            return RuleResult(None, note="no expected answer")
        if actual is None or actual.kind is ValueKind.NONE:
            return RuleResult(None, note="no actual value")
        met = ctx.settings.reaches(_text(actual), want)
        if not met and ctx.settings.graded(_text(actual)) in ("部分达成", "未达成"):
            # the national form's answer for a qualitative target: scored in its band
            return _QUALITATIVE.score(target, actual, ctx)
        return RuleResult(
            ctx.weight if met else ZERO, met=met, note="" if met else f"expected {want}"
        )


@attrs.frozen
class Band:
    """One row of a band table: from ``min`` (inclusive) up, or up to ``max`` (inclusive),
    ``share`` of the points. A table uses ``min`` throughout (higher is better) or ``max``
    throughout (lower is better: 预算控制率 =0 → 5, 0–10 %(含) → 4 …)."""

    min: Decimal | None = None
    max: Decimal | None = None
    share: Decimal = attrs.field(
        kw_only=True, validator=[attrs.validators.ge(ZERO), attrs.validators.le(ONE)]
    )

    def __attrs_post_init__(self) -> None:
        if (self.min is None) == (self.max is None):
            raise ValueError("a band has min or max (not both)")


def _one_kind(instance: Any, attribute: Any, bands: tuple[Band, ...]) -> None:
    if len({b.min is None for b in bands}) > 1:
        raise ValueError("the bands of a table all have min, or all have max")


@attrs.frozen
class Bands(Rule):
    """区间: a band table maps the completion rate (or the actual itself) to a share of points."""

    kind: ClassVar[str] = "bands"
    aliases: ClassVar[tuple[str, ...]] = ("区间",)
    summary: ClassVar[str] = (
        '区间 — bands of the completion rate B / A × 100 (of = "rate") or '
        'of the actual (of = "actual"), each giving a share of the points: from a min '
        "up, or up to a max"
    )
    bands: tuple[Band, ...] = attrs.field(validator=[attrs.validators.min_len(1), _one_kind])
    of: str = attrs.field(default="rate", validator=attrs.validators.in_(("rate", "actual")))

    def uses_target(self) -> bool:
        return self.of != "actual"

    def compares_numbers(self) -> bool:
        return self.of == "rate"

    def score(self, target: Value | None, actual: Value | None, ctx: RuleContext) -> RuleResult:
        if self.of == "actual":
            if actual is None or actual.magnitude is None:
                return RuleResult(None, note="no numeric actual value")
            x = actual.magnitude
        else:
            nums = _numbers(target, actual)
            if isinstance(nums, str):
                return RuleResult(None, note=nums)
            t, a = nums
            if t == 0:
                return RuleResult(None, note="target 0: no completion rate")
            x = a * HUNDRED / t
        band = self._band(x)
        if band is None:
            side = "below" if self.bands[0].min is not None else "above"
            return RuleResult(ZERO, met=False, note=f"{quantize(x, 2)} {side} every band")
        edge = f"≥ {band.min}" if band.min is not None else f"≤ {band.max}"
        return RuleResult(
            _points(band.share, ctx),
            met=band.share == ONE,
            note=f"{quantize(x, 2)} {edge}: {band.share}",
        )

    def _band(self, x: Decimal) -> Band | None:
        """The band ``x`` falls in: the highest ``min`` it reaches, or the lowest ``max`` it does
        not exceed."""
        if self.bands[0].min is not None:
            for band in sorted(self.bands, key=lambda b: b.min or ZERO, reverse=True):
                if x >= (band.min or ZERO):
                    return band
            return None
        for band in sorted(self.bands, key=lambda b: b.max or ZERO):
            if x <= (band.max or ZERO):
                return band
        return None


@attrs.frozen
class Deduction(Rule):
    """扣分: start from full points, deduct ``per`` for each finding (the actual), floor at 0."""

    kind: ClassVar[str] = "deduction"
    aliases: ClassVar[tuple[str, ...]] = ("扣分",)
    summary: ClassVar[str] = (
        "扣分 — full points less `per` for each finding (the actual), not below 0"
    )
    per: Decimal = attrs.field(default=ONE, validator=attrs.validators.gt(ZERO))

    def uses_target(self) -> bool:
        return False

    def score(self, target: Value | None, actual: Value | None, ctx: RuleContext) -> RuleResult:
        if actual is None or actual.kind is ValueKind.NONE:
            return RuleResult(None, note="no count of findings")
        if actual.magnitude is None or actual.magnitude < 0:
            return RuleResult(None, note=f"actual {actual} is not a count of findings")
        n = actual.magnitude
        return RuleResult(
            _points(ctx.weight - self.per * n, ctx, ctx.weight) if ctx.weight else ZERO,
            met=n == 0,
            note=f"{n} × {self.per} deducted",
        )


@attrs.frozen
class Steps(Rule):
    """按档扣分: full points at the target, ``per`` points less for each ``step`` the actual
    lies beyond it — above a ``≤`` / ``<`` target, off an ``=`` target either way, below any
    other — counting whole steps unless ``partial``; never below 0 (部门整体 tables:
    每超过一个百分点扣0.5分, 每低于5%扣2分, 扣完为止)."""

    kind: ClassVar[str] = "steps"
    aliases: ClassVar[tuple[str, ...]] = ("按档扣分",)
    summary: ClassVar[str] = (
        "按档扣分 — full at the target, `per` points less for each whole `step` (in the "
        "target's unit) beyond it: above a ≤ target, below a ≥ one; not below 0"
    )
    per: Decimal = attrs.field(validator=attrs.validators.gt(ZERO))
    step: Decimal = attrs.field(default=ONE, validator=attrs.validators.gt(ZERO))
    partial: bool = False

    def compares_numbers(self) -> bool:
        return True

    def score(self, target: Value | None, actual: Value | None, ctx: RuleContext) -> RuleResult:
        nums = _numbers(target, actual)
        if isinstance(nums, str):
            return RuleResult(None, note=nums)
        t, a = nums
        assert target is not None and actual is not None  # _numbers said so
        comparator = target.comparator
        off = a - t if comparator in ("<=", "<") else abs(a - t) if comparator == "=" else t - a
        if off <= 0:
            strict = comparator in ("<", ">") and off == 0
            return RuleResult(ctx.weight, met=not strict)
        steps = off / self.step.scaleb(target.scale)
        if not self.partial:
            steps = steps.to_integral_value(rounding=ROUND_DOWN)
        deducted = self.per * steps
        return RuleResult(
            _points(ctx.weight - deducted, ctx, ctx.weight) if ctx.weight else ZERO,
            met=False,
            note=f"{format_number(steps)} × {self.per} deducted "
            f"({_shown(off, target)} beyond the target, steps of {self.step})",
        )


BUDGET_FIGURES = ("initial", "adjusted", "received", "executed", "fiscal", "carryover", "other")
_TERM = re.compile(r"\s*([+\-−])?\s*([a-z]+)\s*")


def budget_terms(formula: str) -> tuple[tuple[int, str], ...]:
    """A formula of budget figures as (sign, figure) terms: ``"adjusted - executed"`` →
    ``((1, "adjusted"), (-1, "executed"))``. Raises ValueError naming what is wrong."""
    terms: list[tuple[int, str]] = []
    i = 0
    while i < len(formula):
        m = _TERM.match(formula, i)
        if m is None or m.end() == i or (terms and m.group(1) is None):
            raise ValueError(
                f"{formula!r} is not a sum or difference of budget figures "
                f'(e.g. "adjusted - executed"; figures: {", ".join(BUDGET_FIGURES)})'
            )
        if m.group(2) not in BUDGET_FIGURES:
            raise ValueError(
                f"{m.group(2)!r} is not a budget figure (figures: {', '.join(BUDGET_FIGURES)})"
            )
        terms.append((-1 if m.group(1) in ("-", "−") else 1, m.group(2)))
        i = m.end()
    if not terms:
        raise ValueError('empty formula: name a budget figure, e.g. "executed"')
    return tuple(terms)


def _formula(instance: Any, attribute: Any, value: str) -> None:
    budget_terms(value)


@attrs.frozen
class Ratio(Rule):
    """公式: the actual is numerator / denominator × 100 % of budget figures (each a figure, or
    a sum or difference of figures), scored as ``auto`` scores that rate against the target."""

    kind: ClassVar[str] = "ratio"
    aliases: ClassVar[tuple[str, ...]] = ("公式",)
    summary: ClassVar[str] = (
        "公式 — actual = numerator / denominator × 100 % from the budget figures "
        "(预算执行率 = executed / adjusted; 结余率 = adjusted - executed / adjusted), then "
        "scored by the target: 正向 (反向 for ≤)"
    )
    numerator: str = attrs.field(validator=_formula)
    denominator: str = attrs.field(validator=_formula)
    places: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(
            attrs.validators.and_(attrs.validators.ge(0), attrs.validators.le(6))
        ),
    )
    rounding: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(tuple(ROUNDINGS)))
    )
    computes_actual: ClassVar[bool] = True

    def uses_target(self) -> bool:
        return False

    def detail(self, settings: Settings) -> str:
        rounded = "".join(
            f", {k}={v}" for k, v in (("places", self.places), ("rounding", self.rounding)) if v
        )
        return f"{self.kind} {self.numerator} / {self.denominator}{rounded}"

    def score(self, target: Value | None, actual: Value | None, ctx: RuleContext) -> RuleResult:
        num = _sum_of(self.numerator, ctx.budget)
        den = _sum_of(self.denominator, ctx.budget)
        for part in (num, den):
            if isinstance(part, str):
                return RuleResult(None, note=f"budget figure {part!r} is missing")
        assert isinstance(num, Decimal) and isinstance(den, Decimal)
        if den == 0:
            figures = "figure" if len(budget_terms(self.denominator)) == 1 else "figures"
            return RuleResult(None, note=f"budget {figures} {self.denominator!r} is 0")
        computed = parse_value(f"{quantize(num * HUNDRED / den, 2)}%")
        goal = (
            target
            if target is not None and target.kind is ValueKind.NUMBER
            else parse_value("100%")
        )
        if self.places is not None or self.rounding is not None:
            ctx = attrs.evolve(
                ctx,
                settings=attrs.evolve(
                    ctx.settings,
                    places=ctx.settings.places if self.places is None else self.places,
                    rounding=self.rounding or ctx.settings.rounding,
                ),
            )
        result = _AUTO.resolve(goal).score(goal, computed, ctx)
        return attrs.evolve(result, actual=str(computed))


def _sum_of(formula: str, budget: BudgetSpec | None) -> Decimal | str:
    """The value of a formula of budget figures, or the name of the first figure missing."""
    total = ZERO
    for sign, name in budget_terms(formula):
        value = getattr(budget, name) if budget is not None else None
        if value is None:
            return name
        total += sign * value
    return total


@attrs.frozen
class Manual(Rule):
    """专家 / 手工: scored by a person; the rule computes nothing, the recorded score stands."""

    kind: ClassVar[str] = "manual"
    aliases: ClassVar[tuple[str, ...]] = ("手工", "专家")
    summary: ClassVar[str] = "手工 — scored by the evaluator; only the bounds 0..points are checked"

    def uses_target(self) -> bool:
        return False

    def uses_actual(self) -> bool:
        return False

    def score(self, target: Value | None, actual: Value | None, ctx: RuleContext) -> RuleResult:
        return RuleResult(None, low=ZERO, high=ctx.weight, note="scored by the evaluator")


@attrs.frozen
class Auto(Rule):
    """自动: picks the rule from the target — numbers by their comparator (≤ < → 反向,
    = → 等于, else 正向), the national grades → 定性, other words → 是否, none → 手工."""

    kind: ClassVar[str] = "auto"
    aliases: ClassVar[tuple[str, ...]] = ("自动",)
    summary: ClassVar[str] = (
        "自动 — by the target: numbers 正向 (反向 for ≤ <, 等于 for =), "
        "达成/部分达成/未达成 定性, other words 是否, none 手工"
    )

    picks: ClassVar[bool] = True

    def score(self, target: Value | None, actual: Value | None, ctx: RuleContext) -> RuleResult:
        return self.resolve(target).score(target, actual, ctx)

    def resolve(self, target: Value | None) -> Rule:
        """The rule ``auto`` stands for with this target."""
        if target is None or target.kind is ValueKind.NONE:
            return _MANUAL
        if target.kind is ValueKind.NUMBER:
            return _BY_COMPARATOR.get(target.comparator or "", _HIGHER)
        if grade_of(target) is not None:
            return _QUALITATIVE
        return _EXPECT


_AUTO = Auto()
_HIGHER, _LOWER, _EQUAL, _QUALITATIVE, _EXPECT, _MANUAL = (
    Higher(),
    Lower(),
    Equal(),
    Qualitative(),
    Expect(),
    Manual(),
)
_BY_COMPARATOR = {"<=": _LOWER, "<": _LOWER, "=": _EQUAL}

#: The rules perfeval ships; registered through the ``perfeval_register_rules`` hook.
BUILTIN_RULES: tuple[type[Rule], ...] = (
    Auto,
    Higher,
    Lower,
    Equal,
    Qualitative,
    Expect,
    Bands,
    Deduction,
    Steps,
    Ratio,
    Manual,
)


def describe(rule: Rule) -> dict[str, Any]:
    """A rule as plain data (for JSON and ``framework show``): its kind and the parameters set."""
    data: dict[str, Any] = {"kind": rule.kind}
    cls: Any = type(rule)
    if attrs.has(cls):
        for a in attrs.fields(cls):
            value = getattr(rule, a.name)
            if value != a.default:
                data[a.name] = value
    return data


def _short(value: Any) -> str:
    """A rule parameter on one line: ``[{min=90, share=1}, …]``."""
    if isinstance(value, tuple):
        return "[" + ", ".join(_short(v) for v in value) + "]"
    if attrs.has(type(value)):
        return (
            "{"
            + ", ".join(
                f"{a.name}={_short(getattr(value, a.name))}" for a in attrs.fields(type(value))
            )
            + "}"
        )
    return (
        "—" if value is None else format(value, "f") if isinstance(value, Decimal) else str(value)
    )
