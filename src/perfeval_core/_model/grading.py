"""Grading policies (等级评定): a total becomes 优 / 良 / 中 / 差, or whatever a place uses.

A policy is data — ordered thresholds, how the total is rounded first, and what to say when
required results are missing — registered by a plugin through ``perfeval_register_policies``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import attrs

#: What is shown instead of a grade for an evaluation with leaves lacking a score, unless its
#: policy says otherwise (``undemonstrated``).
INCOMPLETE = "未完成"


@attrs.frozen
class Grade:
    """A grade given to a total: its label (优) and the policy that gave it."""

    label: str
    policy: str
    graded_total: Decimal
    demonstrated: bool = True


@attrs.frozen
class Threshold:
    """``label`` for a total ≥ ``min`` (inclusive)."""

    min: Decimal
    label: str


@attrs.frozen
class GradingPolicy:
    """Thresholds from the top down; the total is rounded to ``places`` (None: not rounded) first.

    ``undemonstrated`` is the label :meth:`grade` gives when told the results are incomplete,
    and what an incomplete scorecard shows instead of a grade (``Scorecard.grade_label``);
    None: 未完成. A scorecard with leaves lacking a score is never graded.
    """

    id: str
    title: str
    source: str
    thresholds: tuple[Threshold, ...]
    places: int | None = None
    undemonstrated: str | None = None
    #: the thresholds from the highest ``min`` down (worked out once: scoring grades often)
    _from_top: tuple[Threshold, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        top = tuple(sorted(self.thresholds, key=lambda t: t.min, reverse=True))
        object.__setattr__(self, "_from_top", top)

    def grade(self, total: Decimal, *, complete: bool = True) -> Grade:
        """Grade ``total``; ``complete`` is False when required results are missing."""
        graded = total
        if self.places is not None:
            graded = total.quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP)
        if not complete and self.undemonstrated is not None:
            return Grade(self.undemonstrated, self.id, graded, demonstrated=False)
        for threshold in self._from_top:
            if graded >= threshold.min:
                return Grade(threshold.label, self.id, graded)
        return Grade(self.thresholds[-1].label if self.thresholds else "", self.id, graded)

    def describe(self) -> str:
        """``优 ≥ 90, 良 ≥ 80, …`` for listings."""
        return ", ".join(
            f"{t.label} ≥ {t.min}"
            for t in sorted(self.thresholds, key=lambda t: t.min, reverse=True)
        )


def _policy(
    id: str,
    title: str,
    source: str,
    bands: list[tuple[int, str]],
    *,
    places: int | None = None,
    undemonstrated: str | None = None,
) -> GradingPolicy:
    thresholds = tuple(Threshold(Decimal(m), label) for m, label in bands)
    return GradingPolicy(id, title, source, thresholds, places, undemonstrated)


#: 财预〔2020〕10号: 90 (inclusive)–100 优, 80–90 良, 60–80 中, below 60 差. The default.
CZ_2020_10 = _policy(
    "cz-2020-10",
    "财政部四档（优良中差）",
    "财预〔2020〕10号《项目支出绩效评价管理办法》第二十九条",
    [(90, "优"), (80, "良"), (60, "中"), (0, "差")],
)

#: The central budget office writes the bands as integers (90–100, 80–89 …): the total is
#: rounded to a whole number (half up) first, so 89.5 is 优 and 89.4 is 良.
CZ_INTEGER = _policy(
    "cz-integer",
    "中央部门四档（整数分档）",
    "中央部门项目支出绩效自评：优 90–100、良 80–89、中 60–79、差 0–59",
    [(90, "优"), (80, "良"), (60, "中"), (0, "差")],
    places=0,
)

#: Five grades seen in local schemes: 优秀 ≥ 90, 良好 80–89, 一般 70–79, 及格 60–69, 较差 < 60.
FIVE_GRADES = _policy(
    "five-grades",
    "五档（优秀、良好、一般、及格、较差）",
    "地方绩效评价五档分级（优秀 ≥ 90 / 良好 80–89 / 一般 70–79 / 及格 60–69 / 较差 < 60）",
    [(90, "优秀"), (80, "良好"), (70, "一般"), (60, "及格"), (0, "较差")],
)

#: As 10号, but an evaluation with leaves lacking any result is "结果未体现" instead of graded.
CZ_2020_10_STRICT = _policy(
    "cz-2020-10-strict",
    "财政部四档，缺少结果时不评级",
    "财预〔2020〕10号，并对缺少实际完成值的评价给出“结果未体现”",
    [(90, "优"), (80, "良"), (60, "中"), (0, "差")],
    undemonstrated="结果未体现",
)

BUILTIN_POLICIES = (CZ_2020_10, CZ_INTEGER, FIVE_GRADES, CZ_2020_10_STRICT)
DEFAULT_POLICY = CZ_2020_10.id
