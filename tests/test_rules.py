"""The scoring rules (domain.md §5) on hand-computed cases.

Every expected number is worked out by hand in the comment beside it.  The worked examples of
docs/scoring.md use the same numbers and are marked "scoring.md".  Rounding is half up to
``places`` decimals (2 unless a test says otherwise).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfeval_core import (
    BudgetSpec,
    InputError,
    RuleContext,
    RuleResult,
    Settings,
    get_registry,
    loads_evaluation,
    parse_value,
    score,
)
from perfeval_core._model.rules import (
    BUILTIN_RULES,
    Auto,
    Band,
    Bands,
    Deduction,
    Equal,
    Expect,
    Higher,
    Lower,
    Manual,
    Qualitative,
    Ratio,
    Steps,
    quantize,
)

D = Decimal


def run(
    rule,
    target: str | None,
    actual: str | None,
    weight: str | int,
    budget: BudgetSpec | None = None,
    **settings,
) -> RuleResult:
    """Score one leaf directly: ``rule`` on target/actual as written, worth ``weight`` points."""
    ctx = RuleContext(weight=D(weight), settings=Settings(**settings), budget=budget)
    return rule.score(
        None if target is None else parse_value(target),
        None if actual is None else parse_value(actual),
        ctx,
    )


def bands(*rows: tuple[str | int, str | int]) -> tuple[Band, ...]:
    return tuple(Band(min=D(m), share=D(s)) for m, s in rows)


# ---------------------------------------------------------------------------------------------
# Rounding (half up at `places`)


def test_quantize_rounds_half_up():
    assert quantize(D("2.465"), 2) == D("2.47")  # half up; banker's rounding would give 2.46
    assert quantize(D("2.475"), 2) == D("2.48")
    assert quantize(D("0.005"), 2) == D("0.01")
    assert quantize(D("2.5"), 0) == D("3")  # half up; half-even would give 2
    assert quantize(D("3.3333"), 2) == D("3.33")


@pytest.mark.parametrize(
    ("places", "expected"),
    [
        (2, "3.33"),  # 5 × 2 / 3 = 3.333… → 3.33   (scoring.md)
        (1, "3.3"),  # 3.333… → 3.3
        (0, "3"),  # 3.333… → 3
        (4, "3.3333"),  # 3.33333… → 3.3333
    ],
)
def test_places_setting(places, expected):
    result = run(Higher(), "3次", "2次", 5, places=places)
    assert result.score == D(expected)
    assert str(result.score) == expected  # kept at exactly `places` decimals


def test_rounding_half_up_in_a_rule():
    # 5 × 49.3 / 100 = 2.465 → 2.47 (half up)   (scoring.md)
    assert run(Higher(), "100%", "49.3%", 5).score == D("2.47")
    # 2.5 × 99.9 / 100 = 2.4975 → 2.50
    assert run(Higher(), "100%", "99.9%", "2.5").score == D("2.50")
    # 2.5 × 99 / 100 = 2.475 → 2.48
    assert run(Higher(), "100%", "99%", "2.5").score == D("2.48")


def test_weight_is_multiplied_before_dividing():
    # 3 × 50.5 / 300 = 151.5 / 300 = 0.505 exactly → 0.51.  Dividing first (50.5 / 300 =
    # 0.168333…) and multiplying by 3 gives 0.50499…9, which would round to 0.50.
    assert run(Higher(), "300", "50.5", 3).score == D("0.51")
    # 反向 ratio mirrored: 3 × 50.5 / 300 = 0.505 → 0.51
    assert run(Lower("ratio"), "≤50.5", "300", 3).score == D("0.51")
    # 扣分 at places 0: 3 − 1 × 0.5 = 2.5 → 3 (half up)
    assert run(Deduction(per=D("0.5")), None, "1", 3, places=0).score == D("3")


def test_full_points_are_the_weight_itself():
    # 2.5 points at places 0, target reached: 2.5, not rounded to 3   (scoring.md)
    assert str(run(Higher(), "100%", "100%", "2.5", places=0).score) == "2.5"


def test_rounding_never_carries_past_the_weight():
    # weight 2.6 finer than places 0: 2.6 × 97 / 100 = 2.522 → would round to 3 > 2.6;
    # the score is capped at the weight, 2.6
    assert run(Higher(), "100%", "97%", "2.6", places=0).score == D("2.6")
    # 2.6 × 50 / 100 = 1.3 → 1
    assert run(Higher(), "100%", "50%", "2.6", places=0).score == D("1")


# ---------------------------------------------------------------------------------------------
# 正向 (higher)


def test_higher_below_target():
    r = run(Higher(), "100%", "98%", 5)
    assert r.score == D("4.90")  # 5 × 98 / 100 = 4.90   (scoring.md)
    assert r.met is False
    assert r.rate == D(98)  # 98 × 100 / 100
    assert r.note == "5 × 98 / 100"


def test_higher_with_units_and_comparator():
    # 5 × 285 / 300 = 4.75   (scoring.md)
    assert run(Higher(), "≥300人次", "285人次", 5).score == D("4.75")
    # at least the target: full points, rate 330 × 100 / 300 = 110
    r = run(Higher(), "≥300人次", "330 人 次", 5)
    assert (r.score, r.met, r.rate) == (D(5), True, D(110))


def test_higher_exactly_at_target():
    r = run(Higher(), "≥300人次", "300人次", 5)
    assert (r.score, r.met) == (D(5), True)  # B = A: full
    r = run(Higher(), "100%", "100%", 3)
    assert (r.score, r.met, r.rate) == (D(3), True, D(100))


def test_incomparable_note():
    r = run(Higher(), "90万元", "300人次", 5)
    assert r.note == "actual 300人次 cannot be compared with target 90万元"  # scoring.md


def test_higher_multipliers_compare_magnitudes():
    # 1.8万人次 = 18000, 2万人次 = 20000: 5 × 18000 / 20000 = 4.50
    assert run(Higher(), "≥2万人次", "1.8万人次", 5).score == D("4.50")
    # 0.9万元 = 9000 元 against 8000 元: above the target, full
    assert run(Higher(), "8000元", "0.9万元", 5).score == D(5)


def test_higher_strict_target():
    # ">95%" is not reached by 95%: not met, but B / A = 1 so 5 × 95 / 95 = 5.00   (scoring.md)
    r = run(Higher(), ">95%", "95%", 5)
    assert (r.score, r.met) == (D("5.00"), False)
    # nor by "≥95%"
    assert run(Higher(), ">95%", "≥95%", 5).met is False
    # an actual written with the same strict comparator reaches it
    r = run(Higher(), ">95%", ">95%", 5)
    assert (r.score, r.met) == (D(5), True)
    r = run(Higher(), "＞95%", "96%", 5)  # full-width comparator
    assert (r.score, r.met) == (D(5), True)
    # below: 5 × 90 / 95 = 4.736… → 4.74
    assert run(Higher(), ">95%", "90%", 5).score == D("4.74")


def test_higher_zero_target():
    # A = 0: any actual B ≥ 0 reaches it, full points; no completion rate
    r = run(Higher(), "0", "0", 5)
    assert (r.score, r.met, r.rate) == (D(5), True, None)
    assert run(Higher(), "0次", "5次", 5).score == D(5)
    # below a target of 0 (成本节约率 ≥ 0 %, actual −5 %): B / A means nothing, zero
    r = run(Higher(), "≥0%", "-5%", 5)
    assert (r.score, r.met) == (D(0), False)


def test_higher_never_below_zero():
    # 5 × (−5) / 100 = −0.25 → floored at 0.00
    assert run(Higher(), "100%", "-5%", 5).score == D("0.00")


@pytest.mark.parametrize(
    ("target", "actual", "note"),
    [
        ("90万元", "300人次", "cannot be compared"),  # 元 vs 人次
        ("100%", "序时", "cannot be compared"),  # a schedule word is not a number
        ("100%", "300人次", "cannot be compared"),
        ("300", "300人次", "cannot be compared"),  # no unit vs 人次
        ("100%", "", "no actual value"),
        ("100%", "/", "no actual value"),
        ("", "98%", "no target"),
        (None, "98%", "no target"),
    ],
)
@pytest.mark.parametrize(
    "rule", [Higher(), Lower(), Lower("linear"), Equal(), Bands(bands(("100", "1")))]
)
def test_numeric_rules_need_comparable_numbers(rule, target, actual, note):
    r = run(rule, target, actual, 5)
    assert r.score is None
    assert note in r.note


# ---------------------------------------------------------------------------------------------
# 反向 (lower), variants "ratio" and "linear"


def test_lower_met():
    r = run(Lower(), "≤10天", "8天", 5)
    assert (r.score, r.met) == (D(5), True)  # B ≤ A: full
    r = run(Lower(), "≤10天", "10天", 5)
    assert (r.score, r.met) == (D(5), True)  # B = A: full
    r = run(Lower("linear"), "≤10天", "10天", 5)
    assert (r.score, r.met) == (D(5), True)


def test_lower_ratio():
    r = run(Lower(), "≤10天", "15天", 5)
    assert r.score == D("3.33")  # 5 × 10 / 15 = 3.333… → 3.33   (scoring.md)
    assert r.note == "5 × 10 / 15"
    # ≤90万元 vs 95万元: 4 × 900000 / 950000 = 3.789… → 3.79
    assert run(Lower("ratio"), "≤90万元", "95万元", 4).score == D("3.79")
    # the ratio never reaches 0: 5 × 10 / 40 = 1.25
    assert run(Lower(), "≤10天", "40天", 5).score == D("1.25")
    # at and just below 2A: 5 × 10 / 20 = 2.50; 5 × 10 / 19.99 = 2.5012… → 2.50   (scoring.md)
    assert run(Lower(), "≤10天", "20天", 5).score == D("2.50")
    assert run(Lower(), "≤10天", "19.99天", 5).score == D("2.50")


def test_lower_linear():
    r = run(Lower("linear"), "≤10天", "15天", 5)
    assert r.score == D("2.50")  # 5 × (1 − (15 − 10) / 10) = 5 × 0.5 = 2.50   (scoring.md)
    assert r.note == "5 × (1 − (15 − 10) / 10)"
    # 4 × (1 − (95 − 90) / 90) = 4 × 85 / 90 = 3.777… → 3.78
    assert run(Lower("linear"), "≤90万元", "95万元", 4).score == D("3.78")


def test_lower_linear_at_twice_the_target():
    r = run(Lower("linear"), "≤10天", "20天", 5)
    assert (r.score, r.met) == (D(0), False)  # B = 2A: 5 × (1 − 10 / 10) = 0   (scoring.md)
    assert "twice" in r.note
    assert run(Lower("linear"), "≤10天", "25天", 5).score == D(0)  # beyond 2A: 0
    assert run(Lower("linear"), "≤10天", "40天", 5).score == D(0)
    # just below 2A: 5 × (1 − 9.99 / 10) = 5 × 0.001 = 0.005 → 0.01 (half up)   (scoring.md)
    assert run(Lower("linear"), "≤10天", "19.99天", 5).score == D("0.01")
    # 5 × (1 − 9.9 / 10) = 0.05
    assert run(Lower("linear"), "≤10天", "19.9天", 5).score == D("0.05")
    # 5 × (1 − 9.999 / 10) = 0.0005 → 0.00
    assert run(Lower("linear"), "≤10天", "19.999天", 5).score == D("0.00")


def test_lower_variant_from_settings():
    # no variant on the rule: the framework's settings.reverse decides
    assert run(Lower(), "≤10天", "15天", 5, reverse="linear").score == D("2.50")  # 5 × 0.5
    assert run(Lower(), "≤10天", "15天", 5, reverse="ratio").score == D("3.33")  # 5 × 10/15
    # a variant on the rule wins over the settings
    assert run(Lower("ratio"), "≤10天", "15天", 5, reverse="linear").score == D("3.33")
    assert run(Lower("linear"), "≤10天", "15天", 5, reverse="ratio").score == D("2.50")


def test_lower_zero_target():
    for variant in ("ratio", "linear"):
        r = run(Lower(variant), "≤0", "0", 5)
        assert (r.score, r.met) == (D(5), True)  # B = A = 0: full
        r = run(Lower(variant), "≤0起", "1起", 5)
        assert (r.score, r.met) == (D(0), False)  # any B > 0 = A: zero (A / B = 0)
        assert r.note == "target 0 exceeded"


def test_lower_strict_target():
    # "<5%" and an actual of 5%: nothing to deduct (5 × 5 / 5 = 5) but the target is not met
    r = run(Lower(), "<5%", "5%", 5)
    assert (r.score, r.met) == (D(5), False)
    assert run(Lower(), "<5%", "<5%", 5).met is True  # same strict comparator
    assert run(Lower(), "<5%", "4%", 5).met is True
    assert run(Lower(), "＜3天", "4天", 6).score == D("4.50")  # 6 × 3 / 4 = 4.50


# ---------------------------------------------------------------------------------------------
# 等于 (equal)


def test_equal_zero_target():
    r = run(Equal(), "=0", "0", 4)
    assert (r.score, r.met) == (D(4), True)  # B ≤ 0: full   (scoring.md)
    r = run(Equal(), "=0", "1", 4)
    assert (r.score, r.met) == (D(0), False)  # B > 0: zero   (scoring.md)
    assert run(Equal(), "＝0", "-1", 4).score == D(4)  # B ≤ 0
    # contrast 正向, where a 0 target is reached by any B ≥ 0
    assert run(Higher(), "0", "1", 4).score == D(4)


def test_equal_nonzero_target_is_scored_as_higher():
    # 5 × 90 / 100 = 4.50
    assert run(Equal(), "=100%", "90%", 5).score == D("4.50")
    assert run(Equal(), "=100%", "100%", 5).score == D(5)
    assert run(Equal(), "=100%", "110%", 5).score == D(5)  # above: full, as 正向


# ---------------------------------------------------------------------------------------------
# 定性 (qualitative bands)


def test_qualitative_bands():
    r = run(Qualitative(), "达成年度指标", "达成年度指标", 10)
    # 达成: the rule gives full points; a person may record 10 × 80 % = 8 up to 10   (scoring.md)
    assert (r.score, r.low, r.high, r.met) == (D(10), D(8), D(10), True)
    r = run(Qualitative(), "达成年度指标", "部分达成年度指标并具有一定效果", 10)
    # 部分达成: no score of its own; 10 × 60 % = 6 up to (not including) 10 × 80 % = 8
    assert (r.score, r.low, r.high, r.met) == (None, D(6), D(8), False)
    assert r.note == "部分达成"
    r = run(Qualitative(), None, "未达成", 10)
    assert (r.score, r.low, r.high) == (None, D(0), D(6))  # 未达成: 0 up to 10 × 60 % = 6
    r = run(Qualitative(), None, "达成", 2)
    assert (r.low, r.high) == (D("1.6"), D(2))  # 2 × 0.8 = 1.6, 2 × 1 = 2
    r = run(Qualitative(), None, "部分 达成", 5)  # inner spaces (PDF wrapping) ignored
    assert (r.low, r.high) == (D(3), D(4))  # 5 × 0.6 = 3, 5 × 0.8 = 4


def test_qualitative_equivalent_wording():
    # settings.equivalents = [["达成年度指标", "全面完成"]]: 全面完成 counts as 达成
    groups = (("达成年度指标", "全面完成"),)
    r = run(Qualitative(), None, "全面完成", 10, equivalents=groups)
    assert (r.score, r.low, r.high) == (D(10), D(8), D(10))
    assert run(Qualitative(), None, "全面完成", 10).score is None  # without the setting


def test_qualitative_other_words():
    r = run(Qualitative(), "达成", "充分", 10)
    assert r.score is None and "达成" in r.note
    assert run(Qualitative(), "达成", None, 10).score is None


# ---------------------------------------------------------------------------------------------
# 是否 (expected answer)


def test_expect():
    # 是否超出预算: the target 否 is the expected answer   (scoring.md)
    r = run(Expect(), "否", "否", 5)
    assert (r.score, r.met) == (D(5), True)
    r = run(Expect(), "否", "是", 5)
    assert (r.score, r.met, r.note) == (D(0), False, "expected 否")
    # the expected answer may be set on the rule instead of the target
    assert run(Expect(expected="否"), None, "否", 5).score == D(5)
    assert run(Expect(expected="否"), "是", "是", 5).score == D(0)
    # without the national answers (settings.met), words must match exactly ...
    assert run(Expect(), "按时完成", "按期完成", 5, met=()).score == D(0)
    # ... unless the settings make them equivalent
    groups = (("按时完成", "按期完成"),)
    assert run(Expect(), "按时完成", "按期完成", 5, met=(), equivalents=groups).score == D(5)
    # 按期完成 is one of the national answers that say a target was reached   (scoring.md)
    assert run(Expect(), "按时完成", "按期完成", 5).score == D(5)
    # 序时 against 序时 (a schedule word) is the expected answer
    assert run(Expect(), "序时", "序时", 3).score == D(3)


def test_expect_without_answer():
    assert run(Expect(), "否", "", 5).score is None  # no actual
    assert run(Expect(), "否", None, 5).note == "no actual value"
    assert run(Expect(), "/", "否", 5).note == "no expected answer"
    assert run(Expect(), None, "否", 5).score is None


# ---------------------------------------------------------------------------------------------
# 区间 (bands)

COMPLETION = bands(("100", "1"), ("90", "0.8"), ("60", "0.5"))
SATISFACTION = bands(("95", "1"), ("90", "0.9"), ("80", "0.7"))


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("285人次", "8.00"),  # 285 / 300 = 95 % ≥ 90: 10 × 0.8 = 8.00   (scoring.md)
        ("300人次", "10.00"),  # 100 % ≥ 100: 10 × 1
        ("330人次", "10.00"),  # 110 % ≥ 100: 10 × 1
        ("270人次", "8.00"),  # 90 % exactly: the band's minimum is inclusive, 10 × 0.8
        ("269人次", "5.00"),  # 89.67 % ≥ 60: 10 × 0.5
        ("180人次", "5.00"),  # 60 %: 10 × 0.5
        ("150人次", "0"),  # 50 % below every band: 0
    ],
)
def test_bands_of_rate(actual, expected):
    r = run(Bands(COMPLETION), "≥300人次", actual, 10)
    assert r.score == D(expected)


def test_bands_notes_and_met():
    r = run(Bands(COMPLETION), "≥300人次", "285人次", 10)
    assert (r.met, r.note) == (False, "95.00 ≥ 90: 0.8")
    assert run(Bands(COMPLETION), "≥300人次", "300人次", 10).met is True
    r = run(Bands(COMPLETION), "≥300人次", "150人次", 10)
    assert (r.met, r.note) == (False, "50.00 below every band")


def test_bands_order_does_not_matter():
    shuffled = bands(("60", "0.5"), ("100", "1"), ("90", "0.8"))
    assert run(Bands(shuffled), "300", "285", 10).score == D("8.00")  # 95 % → 0.8


def test_bands_rounding():
    # 3 × 0.835 = 2.505 → 2.51 (half up)
    assert run(Bands(bands(("0", "0.835"))), "100%", "50%", 3).score == D("2.51")


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("92%", "9.00"),  # 92 ≥ 90: 10 × 0.9 = 9.00   (scoring.md)
        ("95%", "10.00"),  # 95 ≥ 95: 10 × 1
        ("80%", "7.00"),  # 80 ≥ 80: 10 × 0.7
        ("79.9%", "0"),  # below every band
    ],
)
def test_bands_of_actual(actual, expected):
    # the target is not used: the actual itself is looked up
    assert run(Bands(SATISFACTION, of="actual"), "≥95%", actual, 10).score == D(expected)
    assert run(Bands(SATISFACTION, of="actual"), None, actual, 10).score == D(expected)


def test_bands_without_a_number():
    r = run(Bands(COMPLETION), "0", "5", 10)
    assert r.score is None and r.note == "target 0: no completion rate"  # zero target
    r = run(Bands(SATISFACTION, of="actual"), None, "序时", 10)
    assert r.score is None and r.note == "no numeric actual value"
    assert run(Bands(SATISFACTION, of="actual"), None, "", 10).score is None


def test_bands_validation():
    with pytest.raises(ValueError):
        Bands(())  # at least one band
    with pytest.raises(ValueError):
        Band(min=D(90), share=D("1.5"))  # a share is 0..1
    with pytest.raises(ValueError):
        Bands(COMPLETION, of="target")


# ---------------------------------------------------------------------------------------------
# 扣分 (deduction)


@pytest.mark.parametrize(
    ("per", "actual", "expected", "met"),
    [
        ("1", "0", "4", True),  # no finding: 4 − 0 × 1 = 4
        ("1", "1", "3.00", False),  # 4 − 1 × 1 = 3
        ("1", "3处", "1.00", False),  # 4 − 3 × 1 = 1
        ("1", "5", "0.00", False),  # 4 − 5 = −1, floored at 0
        ("0.5", "3处", "2.50", False),  # 4 − 3 × 0.5 = 2.5
    ],
)
def test_deduction(per, actual, expected, met):
    r = run(Deduction(per=D(per)), None, actual, 4)
    assert (r.score, r.met) == (D(expected), met)


def test_deduction_worked_example():
    # scoring.md: 3 points, 0.5 per finding, 3 findings: 3 − 3 × 0.5 = 1.50
    r = run(Deduction(per=D("0.5")), None, "3处", 3)
    assert r.score == D("1.50")
    assert r.note == "3 × 0.5 deducted"


def test_deduction_without_a_count():
    assert run(Deduction(), None, "", 4).note == "no count of findings"
    assert run(Deduction(), None, "合规", 4).score is None  # a word is not a count
    assert run(Deduction(), None, "-1", 4).score is None  # nor a negative number
    with pytest.raises(ValueError):
        Deduction(per=D(0))


# ---------------------------------------------------------------------------------------------
# 公式 (ratio of budget figures)

BUDGET = BudgetSpec(adjusted=D(5), executed=D("4.5"), received=D(5), initial=D(6))


def test_ratio_budget_execution():
    rule = Ratio("executed", "adjusted")
    r = run(rule, "100%", None, 3, budget=BUDGET)
    # 预算执行率 = 4.5 / 5 × 100 = 90.00 %; 3 × 90.00 / 100 = 2.70   (scoring.md)
    assert (r.actual, r.score, r.met) == ("90.00%", D("2.70"), False)
    # 资金到位率 = 5 / 5 = 100.00 %: full
    r = run(Ratio("received", "adjusted"), "100%", None, 3, budget=BUDGET)
    assert (r.actual, r.score, r.met) == ("100.00%", D(3), True)
    # against a target of ≥90 %: 90.00 ≥ 90, full
    assert run(rule, "≥90%", None, 3, budget=BUDGET).score == D(3)


def test_ratio_rounds_the_rate_first():
    budget = BudgetSpec(adjusted=D(3), executed=D(2))
    r = run(Ratio("executed", "adjusted"), "100%", None, 3, budget=budget)
    # 2 / 3 × 100 = 66.666… → 66.67 %; 3 × 66.67 / 100 = 2.0001 → 2.00
    assert (r.actual, r.score) == ("66.67%", D("2.00"))


def test_ratio_default_goal_is_100_percent():
    # no numeric target (none, or a word such as 序时): the goal is 100 %
    # 4.5 / 6 = 75.00 %: 4 × 75 / 100 = 3.00
    budget = BUDGET
    assert run(Ratio("executed", "initial"), None, None, 4, budget=budget).score == D("3.00")
    assert run(Ratio("executed", "initial"), "序时", None, 4, budget=budget).score == D("3.00")
    # over-execution 6 / 5 = 120.00 %: full
    r = run(Ratio("initial", "adjusted"), "100%", None, 4, budget=budget)
    assert (r.actual, r.score, r.rate) == ("120.00%", D(4), D(120))


def test_ratio_missing_figures():
    rule = Ratio("executed", "adjusted")
    r = run(rule, "100%", None, 3)  # no [budget] at all
    assert r.score is None and "executed" in r.note and "missing" in r.note
    r = run(Ratio("executed", "fiscal"), "100%", None, 3, budget=BUDGET)
    assert r.score is None and "fiscal" in r.note and "missing" in r.note
    r = run(rule, "100%", None, 3, budget=BudgetSpec(adjusted=D(0), executed=D(1)))
    assert r.score is None and "adjusted" in r.note and r.note.endswith("is 0")
    with pytest.raises(ValueError):
        Ratio("spent", "adjusted")


# ---------------------------------------------------------------------------------------------
# 手工 (manual) and 自动 (auto)


def test_manual():
    r = run(Manual(), "100%", "100%", 6)
    # no score of its own: a person scores it, anywhere in 0..6   (scoring.md)
    assert (r.score, r.low, r.high, r.met) == (None, D(0), D(6), None)
    assert r.note == "scored by the evaluator"


@pytest.mark.parametrize(
    ("target", "rule"),
    [
        ("100%", Higher),
        ("≥300人次", Higher),
        ("不低于95%", Higher),
        (">95%", Higher),
        ("≤90万元", Lower),
        ("<3天", Lower),
        ("不超过90万元", Lower),
        ("90万元以内", Lower),
        ("=0", Equal),
        ("＝0", Equal),
        ("达成年度指标", Qualitative),
        ("部分达成", Qualitative),
        ("否", Expect),
        ("充分", Expect),
        ("序时", Expect),
        ("", Manual),
        ("/", Manual),
        ("无", Manual),
        (None, Manual),
    ],
)
def test_auto_picks_by_target(target, rule):
    picked = Auto().resolve(None if target is None else parse_value(target))
    assert type(picked) is rule


def test_auto_scores_as_the_picked_rule():
    assert run(Auto(), "≥300人次", "285人次", 5).score == D("4.75")  # 正向: 5 × 285 / 300
    assert run(Auto(), "≤10天", "15天", 5).score == D("3.33")  # 反向 ratio: 5 × 10 / 15
    assert run(Auto(), "≤10天", "15天", 5, reverse="linear").score == D("2.50")  # 5 × 0.5
    assert run(Auto(), "=0", "1", 4).score == D(0)  # 等于 with A = 0, B > 0
    assert run(Auto(), "否", "是", 5).score == D(0)  # 是否
    assert run(Auto(), "达成年度指标", "达成年度指标", 10).score == D(10)  # 定性 达成
    assert run(Auto(), "", "98%", 5).score is None  # 手工
    r = run(Auto(), "100%", "序时", 3)  # the seed's 资金到位率 "序时": cannot be compared
    assert r.score is None and "cannot be compared" in r.note


# ---------------------------------------------------------------------------------------------
# Names and aliases


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("auto", Auto),
        ("自动", Auto),
        ("higher", Higher),
        ("正向", Higher),
        ("lower", Lower),
        ("反向", Lower),
        ("equal", Equal),
        ("等于", Equal),
        ("qualitative", Qualitative),
        ("定性", Qualitative),
        ("expect", Expect),
        ("是否", Expect),
        ("定性匹配", Expect),
        ("bands", Bands),
        ("区间", Bands),
        ("deduction", Deduction),
        ("扣分", Deduction),
        ("steps", Steps),
        ("按档扣分", Steps),
        ("ratio", Ratio),
        ("公式", Ratio),
        ("manual", Manual),
        ("手工", Manual),
        ("专家", Manual),
    ],
)
def test_rule_names(name, rule):
    assert get_registry().rule(name) is rule


def test_every_builtin_rule_is_named_here():
    assert {cls.kind for cls in BUILTIN_RULES} == {
        "auto",
        "higher",
        "lower",
        "equal",
        "qualitative",
        "expect",
        "bands",
        "deduction",
        "steps",
        "ratio",
        "manual",
    }


# ---------------------------------------------------------------------------------------------
# Rules through an evaluation file

FRAMEWORK = """\
id = "{id}"
title = "规则测试"
total = 100
{settings}

[[indicators]]
name = "产出指标"

[[indicators.children]]
name = "数量指标"
children = []
"""


@pytest.fixture
def frameworks(tmp_path, monkeypatch):
    """Three frameworks on the search path: defaults, 反向 linear, places 0."""
    for fid, settings in (
        ("t-rules", ""),
        ("t-linear", '[settings]\nreverse = "linear"'),
        ("t-places0", "[settings]\nplaces = 0"),
    ):
        (tmp_path / f"{fid}.toml").write_text(FRAMEWORK.format(id=fid, settings=settings), "utf-8")
    monkeypatch.setenv("PERFEVAL_FRAMEWORK_PATH", str(tmp_path))
    return tmp_path


def evaluation_text(leaves: str, framework: str = "t-rules", budget: str = "") -> str:
    return f"""\
framework = "{framework}"
{budget}
[project]
name = "测试项目"

[[indicators]]
name = "产出指标"

[[indicators.children]]
name = "数量指标"
children = [
{leaves}
]
"""


def scored(leaves: str, **kw) -> dict[str, object]:
    """Score an evaluation whose 数量指标 holds ``leaves``; the leaf scores by name."""
    card = score(loads_evaluation(evaluation_text(leaves, **kw)))
    return {leaf.path[-1]: leaf for leaf in card.leaves}


def test_rules_by_chinese_alias_in_toml(frameworks):
    leaves = scored(
        """
  { name = "正向", weight = 5, target = "≥300人次", actual = "285人次", rule = "正向" },
  { name = "反向", weight = 5, target = "≤10天", actual = "15天", rule = "反向" },
  { name = "反向线性", weight = 5, target = "≤10天", actual = "15天", rule = { kind = "反向", variant = "linear" } },
  { name = "等于", weight = 4, target = "0", actual = "1", rule = "等于" },
  { name = "定性", weight = 10, actual = "部分达成", rule = "定性" },
  { name = "是否", weight = 5, target = "否", actual = "是", rule = "是否" },
  { name = "区间", weight = 10, target = "≥300人次", actual = "285人次", rule = { kind = "区间", bands = [{ min = 100, share = 1 }, { min = 90, share = 0.8 }, { min = 60, share = 0.5 }] } },
  { name = "满意度", weight = 10, actual = "92%", rule = { kind = "区间", of = "actual", bands = [{ min = 95, share = 1 }, { min = 90, share = 0.9 }, { min = 80, share = 0.7 }] } },
  { name = "扣分", weight = 3, actual = "3处", rule = { kind = "扣分", per = 0.5 } },
  { name = "公式", weight = 3, target = "100%", rule = { kind = "公式", numerator = "executed", denominator = "adjusted" } },
  { name = "手工", weight = 6, target = "100%", actual = "100%", rule = "专家" },
  { name = "自动", weight = 5, target = "≤10天", actual = "15天", rule = "自动" },
""",
        budget="[budget]\nadjusted = 5\nexecuted = 4.5\n",
    )
    expected = {
        "正向": D("4.75"),  # 5 × 285 / 300
        "反向": D("3.33"),  # 5 × 10 / 15
        "反向线性": D("2.50"),  # 5 × (1 − 5 / 10)
        "等于": D(0),  # A = 0, B = 1 > 0
        "定性": None,  # 部分达成: a person picks 6..<8
        "是否": D(0),  # expected 否
        "区间": D("8.00"),  # 95 % → 0.8 × 10
        "满意度": D("9.00"),  # 92 ≥ 90 → 0.9 × 10
        "扣分": D("1.50"),  # 3 − 3 × 0.5
        "公式": D("2.70"),  # 4.5 / 5 = 90.00 %, 3 × 0.9
        "手工": None,
        "自动": D("3.33"),  # ≤ → 反向 ratio
    }
    assert {name: leaf.result.score for name, leaf in leaves.items()} == expected
    assert type(leaves["扣分"].rule) is Deduction and leaves["扣分"].rule.per == D("0.5")
    assert leaves["定性"].result.low == D(6) and leaves["定性"].result.high == D(8)
    assert leaves["公式"].result.actual == "90.00%"


def test_comparator_and_unit_columns_are_folded_in(frameworks):
    # target "90" + comparator "≤" + unit "万元" reads as ≤90万元: auto → 反向,
    # 4 × 900000 / 950000 = 3.789… → 3.79   (scoring.md)
    leaves = scored(
        '{ name = "X", weight = 4, target = "90", comparator = "≤", unit = "万元", actual = "95" },'
    )
    assert type(leaves["X"].rule) is Auto
    assert leaves["X"].result.score == D("3.79")


def test_settings_reach_the_rules(frameworks):
    # settings.reverse = "linear": an unparameterised 反向 is linear: 5 × (1 − 5 / 10) = 2.50
    leaves = scored(
        '{ name = "X", weight = 5, target = "≤10天", actual = "15天" },', framework="t-linear"
    )
    assert leaves["X"].score == D("2.50")
    # settings.places = 0: 5 × 2 / 3 = 3.33… → 3
    leaves = scored(
        '{ name = "X", weight = 5, target = "3次", actual = "2次" },', framework="t-places0"
    )
    assert leaves["X"].score == D(3)


BAD_RULES = [
    ('{ kind = "反向", varient = "linear" }', "varient"),  # unknown parameter
    ('{ kind = "反向", variant = "quadratic" }', "invalid"),  # bad value
    ('{ kind = "区间", bands = [{ min = 90, share = 1.5 }] }', "invalid"),  # share above 1
    ('{ kind = "区间", bands = [{ min = "高", share = 1 }] }', "invalid"),  # not a number
    ('{ kind = "区间", bands = [] }', "invalid"),  # no band
    ('{ kind = "扣分", per = 0 }', "invalid"),  # per must be > 0
    ('{ kind = "公式", numerator = "spent", denominator = "adjusted" }', "invalid"),
    ('{ kind = "公式", numerator = "executed" }', "invalid"),  # missing parameter
    ('{ variant = "linear" }', "kind"),  # no kind
    ('"反响"', "unknown scoring rule"),  # unknown name
    ('{ kind = "正向", expected = "否" }', "expected"),  # a parameter of another rule
]


@pytest.mark.parametrize(("rule", "words"), BAD_RULES)
def test_bad_rule_names_the_leaf(rule, words):
    text = evaluation_text(
        f'  {{ name = "X", weight = 5, target = "≤10天", actual = "15天", rule = {rule} }},',
        framework="rugao-2024",
    )
    with pytest.raises(InputError) as info:
        loads_evaluation(text, file="bad.toml")
    err = info.value
    assert err.where == "产出指标 › 数量指标 › X › rule"
    assert words in str(err)
    assert err.file == "bad.toml" and err.line is not None
    assert "产出指标 › 数量指标 › X › rule" in str(err)


# ---------------------------------------------------------------------------------------------
# The scoring model: score of record, not applicable, totals (scoring.md)

SCALE_FRAMEWORK = """\
id = "t-scale"
total = 100

[[indicators]]
name = "产出指标"
weight = 60
children = [
  { name = "完成率", weight = 30, target = "100%" },
  { name = "合格率", weight = 30, target = "100%" },
]

[[indicators]]
name = "效益指标"
weight = 40
children = [
  { name = "受益人数", weight = 20, target = "≥300人次" },
  { name = "带动就业", weight = 20, target = "≥50人" },
]
"""


@pytest.fixture
def scale_framework(tmp_path, monkeypatch):
    (tmp_path / "t-scale.toml").write_text(SCALE_FRAMEWORK, "utf-8")
    monkeypatch.setenv("PERFEVAL_FRAMEWORK_PATH", str(tmp_path))


def scale_card(合格率: str = "", 受益人数: str = "", 带动就业: str = ""):
    """Score the t-scale evaluation; each argument adds keys to that leaf."""
    text = f"""\
framework = "t-scale"

[project]
name = "测试项目"

[[indicators]]
name = "产出指标"
children = [
  {{ name = "完成率", actual = "100%" }},
  {{ name = "合格率", actual = "90%"{合格率} }},
]

[[indicators]]
name = "效益指标"
children = [
  {{ name = "受益人数", actual = "300人次"{受益人数} }},
  {{ name = "带动就业", actual = "40人"{带动就业} }},
]
"""
    card = score(loads_evaluation(text))
    return card, {leaf.path[-1]: leaf for leaf in card.leaves}


def test_score_of_record_and_totals(scale_framework):
    card, by = scale_card()
    assert by["完成率"].score == D(30)  # 100 % of 100 %: full
    assert by["合格率"].score == D("27.00")  # 30 × 90 / 100
    assert by["受益人数"].score == D(20)  # 300 ≥ 300: full
    assert by["带动就业"].score == D("16.00")  # 20 × 40 / 50
    assert [g.score for g in card.levels] == [D("57.00"), D("36.00")]  # 30 + 27; 20 + 16
    assert card.total == D("93.00")  # 57 + 36
    assert (card.max, card.grade.label) == (D(100), "优")  # 93 ≥ 90

    # the report states 得分 = 25 for 合格率: that is the score of record; the rule's 27.00
    # stays beside it (a reviewer sees the difference)
    card, by = scale_card(合格率=", score = 25")
    assert (by["合格率"].score, by["合格率"].result.score) == (D(25), D("27.00"))
    assert by["合格率"].recorded and not by["完成率"].recorded
    assert card.total == D("91.00")  # 30 + 25 + 20 + 16
    assert card.grade.label == "优"


def test_not_applicable_rescales_the_rest_of_its_yiji(scale_framework):
    card, by = scale_card(带动就业=", not_applicable = true")
    assert "带动就业" not in by  # dropped
    # its 20 points go to the rest of 效益指标 (40): 受益人数 20 × 40 / 20 = 40
    assert by["受益人数"].weight == D(40)
    assert by["受益人数"].score == D(40)  # full
    # 产出指标 is untouched
    assert (by["完成率"].weight, by["合格率"].weight, by["合格率"].score) == (
        D(30),
        D(30),
        D("27.00"),
    )
    assert [(g.weight, g.score) for g in card.levels] == [(D(60), D("57.00")), (D(40), D(40))]
    assert (card.total, card.max) == (D("97.00"), D(100))  # 30 + 27 + 40


def test_not_applicable_rescales_a_recorded_score(scale_framework):
    # 受益人数 recorded 18 of 20; rescaled with its weight: 18 × 40 / 20 = 36.00
    card, by = scale_card(受益人数=", score = 18", 带动就业=", not_applicable = true")
    assert (by["受益人数"].weight, by["受益人数"].score) == (D(40), D("36.00"))
    assert card.total == D("93.00")  # 30 + 27 + 36


def test_a_whole_yiji_not_applicable(scale_framework):
    card, by = scale_card(受益人数=", not_applicable = true", 带动就业=", not_applicable = true")
    # 效益指标 is gone; 产出指标 takes the whole 100: each leaf 30 × 100 / 60 = 50
    assert [g.name for g in card.levels] == ["产出指标"]
    assert (by["完成率"].weight, by["合格率"].weight) == (D(50), D(50))
    assert by["合格率"].score == D("45.00")  # 50 × 90 / 100
    assert (card.total, card.max) == (D("95.00"), D(100))  # 50 + 45


def test_rescaled_weights_add_up_by_largest_remainder(frameworks):
    leaves = scored("""
  { name = "甲", weight = 3, target = "100%", actual = "100%" },
  { name = "乙", weight = 3, target = "100%", actual = "100%" },
  { name = "丙", weight = 3, target = "100%", actual = "100%" },
  { name = "丁", weight = 1, target = "100%", not_applicable = true },
""")
    # 10 points over 3 + 3 + 3: 10 × 3 / 9 = 3.333… each; rounded down to 3.33 (9.99 in all),
    # the 0.01 left goes to the largest remainder, ties to the first: 3.34 + 3.33 + 3.33 = 10
    assert [leaves[n].weight for n in "甲乙丙"] == [D("3.34"), D("3.33"), D("3.33")]
    assert sum(leaves[n].score for n in "甲乙丙") == D(10)
