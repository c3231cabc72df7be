"""Scoring rules (评分规则): named, parameterised objects that score one leaf.

A leaf's ``rule`` is a name (``"正向"``, ``"higher"``) or a table (``{ kind = "bands", … }``).
Each rule returns a :class:`RuleResult`: the points it computes (or ``None`` where a person must
judge), the range a recorded score must fall in, whether the target was met, and a note.
docs/scoring.md explains each with a worked example.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, ClassVar

import attrs

from .spec import BudgetSpec
from .values import Value, ValueKind, comparable, grade_of, parse_value

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


@attrs.frozen
class Settings:
    """Scoring settings of a framework: decimals kept, 反向 variant, over-achievement threshold."""

    places: int = 2
    reverse: str = "ratio"
    overachievement: Decimal = Decimal(130)
    equivalents: tuple[tuple[str, ...], ...] = ()

    def same_word(self, a: str, b: str) -> bool:
        """True when two qualitative words count as the same answer (e.g. 按时完成 / 按期完成)."""
        return a == b or any(a in group and b in group for group in self.equivalents)


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


def quantize(value: Decimal, places: int) -> Decimal:
    """Round half up to ``places`` decimals (the rounding of the forms).

    A number too long to carry ``places`` decimals in 28 digits (a rate of 10^30 %) has none to
    round and is returned as it is, as is a NaN or an infinity.
    """
    try:
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return value


def _points(num: Decimal, ctx: RuleContext, den: Decimal = ONE) -> Decimal:
    """weight × ``num`` / ``den``, clamped to 0..weight and rounded per the settings.

    The weight is multiplied before dividing, so an exact result is rounded as it is:
    3 × 50.5 / 300 = 0.505 → 0.51 (dividing first gives 0.50499…9 → 0.50).
    """
    points = min(max(ctx.weight * num / den, ZERO), ctx.weight)
    # rounding must not carry past a weight finer than ``places`` (2.6 × 0.98 = 2.548 → 3 at 0)
    return min(quantize(points, ctx.settings.places), ctx.weight)


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
    whether it ``computes_actual`` from the budget figures (公式), whether it compares the actual
    with the target (:meth:`uses_target`) and whether that comparison needs numbers
    (:meth:`compares_numbers`).
    """

    kind: ClassVar[str] = ""
    aliases: ClassVar[tuple[str, ...]] = ()
    summary: ClassVar[str] = ""
    #: True for a rule that stands for another one chosen by the target (``auto``).
    picks: ClassVar[bool] = False
    #: True for a rule whose actual is computed (from the budget figures), not written.
    computes_actual: ClassVar[bool] = False

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
            return RuleResult(ZERO, met=False, note=f"actual {a} below the target {t}")
        return RuleResult(
            _points(a, ctx, t), met=False, rate=rate, note=f"{ctx.weight} × {a} / {t}"
        )


@attrs.frozen
class Lower(Rule):
    """反向: actual ≤ target gives full points; otherwise two variants are in use."""

    kind: ClassVar[str] = "lower"
    aliases: ClassVar[tuple[str, ...]] = ("反向",)
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
            return RuleResult(
                _points(2 * t - a, ctx, t),
                met=False,
                note=f"{ctx.weight} × (1 − ({a} − {t}) / {t})",
            )
        return RuleResult(_points(t, ctx, a), met=False, note=f"{ctx.weight} × {t} / {a}")


@attrs.frozen
class Equal(Rule):
    """等于: as 正向, but a target of 0 is met only by an actual ≤ 0."""

    kind: ClassVar[str] = "equal"
    aliases: ClassVar[tuple[str, ...]] = ("等于",)
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


_BANDS = {
    "达成": (Decimal("0.8"), ONE),
    "部分达成": (Decimal("0.6"), Decimal("0.8")),
    "未达成": (ZERO, Decimal("0.6")),
}


def _grade(actual: Value, settings: Settings) -> str | None:
    """The national grade of ``actual``, also through a wording the framework accepts as one
    (``equivalents = [["达成年度指标", "全面完成"]]`` makes 全面完成 count as 达成)."""
    grade = grade_of(actual)
    if grade is not None:
        return grade
    word = str(actual)
    for group in settings.equivalents:
        if word in group:
            for other in group:
                grade = grade_of(parse_value(other))
                if grade is not None:
                    return grade
    return None


@attrs.frozen
class Qualitative(Rule):
    """定性: 达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 % of the points; a person picks."""

    kind: ClassVar[str] = "qualitative"
    aliases: ClassVar[tuple[str, ...]] = ("定性",)
    summary: ClassVar[str] = (
        "定性 — three bands: 达成 80–100 %, 部分达成 60–<80 %, "
        "未达成 0–<60 % of the points; the evaluator picks inside the band"
    )

    def score(self, target: Value | None, actual: Value | None, ctx: RuleContext) -> RuleResult:
        grade = _grade(actual, ctx.settings) if actual is not None else None
        if grade is None:
            return RuleResult(
                None, note=f"actual {actual or '(none)'} is not 达成 / 部分达成 / 未达成"
            )
        low, high = _BANDS[grade]
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
    """是否 / expected answer: full points when the actual is the expected word, else zero."""

    kind: ClassVar[str] = "expect"
    aliases: ClassVar[tuple[str, ...]] = ("是否", "定性匹配")
    summary: ClassVar[str] = (
        "是否 — full points when the actual equals the expected answer "
        "(by default the target, e.g. 否 for 是否超出预算), else zero"
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
        met = ctx.settings.same_word(_text(actual), want)
        return RuleResult(
            ctx.weight if met else ZERO, met=met, note="" if met else f"expected {want}"
        )


@attrs.frozen
class Band:
    """One row of a band table: from ``min`` (inclusive) up, ``share`` of the points."""

    min: Decimal
    share: Decimal = attrs.field(validator=[attrs.validators.ge(ZERO), attrs.validators.le(ONE)])


@attrs.frozen
class Bands(Rule):
    """区间: a band table maps the completion rate (or the actual itself) to a share of points."""

    kind: ClassVar[str] = "bands"
    aliases: ClassVar[tuple[str, ...]] = ("区间",)
    summary: ClassVar[str] = (
        '区间 — bands of the completion rate B / A × 100 (of = "rate") or '
        'of the actual (of = "actual"), each giving a share of the points'
    )
    bands: tuple[Band, ...] = attrs.field(validator=attrs.validators.min_len(1))
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
        for band in sorted(self.bands, key=lambda b: b.min, reverse=True):
            if x >= band.min:
                return RuleResult(
                    _points(band.share, ctx),
                    met=band.share == ONE,
                    note=f"{quantize(x, 2)} ≥ {band.min}: {band.share}",
                )
        return RuleResult(ZERO, met=False, note=f"{quantize(x, 2)} below every band")


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


BUDGET_FIGURES = ("initial", "adjusted", "received", "executed", "fiscal", "carryover", "other")


@attrs.frozen
class Ratio(Rule):
    """公式: the actual is numerator / denominator × 100 % of two budget figures, scored 正向."""

    kind: ClassVar[str] = "ratio"
    aliases: ClassVar[tuple[str, ...]] = ("公式",)
    summary: ClassVar[str] = (
        "公式 — actual = numerator / denominator × 100 % from the budget "
        "figures (预算执行率 = executed / adjusted), then scored 正向"
    )
    numerator: str = attrs.field(validator=attrs.validators.in_(BUDGET_FIGURES))
    denominator: str = attrs.field(validator=attrs.validators.in_(BUDGET_FIGURES))
    computes_actual: ClassVar[bool] = True

    def uses_target(self) -> bool:
        return False

    def detail(self, settings: Settings) -> str:
        return f"{self.kind} {self.numerator} / {self.denominator}"

    def score(self, target: Value | None, actual: Value | None, ctx: RuleContext) -> RuleResult:
        budget = ctx.budget
        num = getattr(budget, self.numerator) if budget else None
        den = getattr(budget, self.denominator) if budget else None
        if num is None or den is None:
            missing = self.numerator if num is None else self.denominator
            return RuleResult(None, note=f"budget figure {missing!r} is missing")
        if den == 0:
            return RuleResult(None, note=f"budget figure {self.denominator!r} is 0")
        computed = parse_value(f"{quantize(num * HUNDRED / den, 2)}%")
        goal = (
            target
            if target is not None and target.kind is ValueKind.NUMBER
            else parse_value("100%")
        )
        result = Higher().score(goal, computed, ctx)
        return attrs.evolve(result, actual=str(computed))


@attrs.frozen
class Manual(Rule):
    """专家 / 手工: scored by a person; the rule computes nothing, the recorded score stands."""

    kind: ClassVar[str] = "manual"
    aliases: ClassVar[tuple[str, ...]] = ("手工", "专家")
    summary: ClassVar[str] = "手工 — scored by the evaluator; only the bounds 0..points are checked"

    def uses_target(self) -> bool:
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
