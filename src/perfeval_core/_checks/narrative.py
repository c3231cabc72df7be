"""5xx: the narrative (情况表 / 自评报告) against the table — indicator counts, grade, totals."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal

from .._model.numbers import format_number as _fmt
from .._model.scoring import GroupScore, LeafScore, Scorecard
from .base import CheckSet, Severity
from .numerals import NUMBER, parse_number
from .shared import shared

CHECKS = CheckSet()
Found = Iterator[tuple[tuple[str, ...], str]]

_NUM = NUMBER
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


def _quote(text: str, start: int, end: int) -> str:
    """The sentence around a match, shortened, for the message."""
    left = max(text.rfind(p, 0, start) for p in "。；;，,\n")
    rights = [i for i in (text.find(p, end) for p in "。；;，,\n") if i >= 0]
    right = min(rights) if rights else len(text)
    quote = text[left + 1 : right].strip()
    return quote if len(quote) <= 60 else text[max(start - 10, left + 1) : end + 4].strip() + "…"


def table_counts(card: Scorecard) -> dict[int, int]:
    """How many indicators the table has per level as a narrative counts them: 一级 and 二级 are
    the groups with indicators, 三级 are the leaves."""
    level1 = [lv for lv in card.levels if isinstance(lv, GroupScore) and lv.children]
    level2 = [c for lv in level1 for c in lv.children if isinstance(c, GroupScore) and c.children]
    return {1: len(level1), 2: len(level2), 3: len(card.leaves)}


@CHECKS.add(
    "W501",
    "narrative-counts",
    Severity.WARNING,
    "the narrative states indicator counts (一级指标5个 …) that differ from the table",
    label="报告所列指标个数与表不符",
)
def _narrative_counts(card: Scorecard) -> Found:
    counts = table_counts(card)
    seen: set[tuple[str, int, int]] = set()
    for heading, text in shared(card).sections:
        if "级指标" not in text:  # both patterns need it; searching for it is much faster
            continue
        found = [(m, m.group(1), m.group(2)) for m in _LEVEL_AFTER.finditer(text)]
        found += [(m, m.group(2), m.group(1)) for m in _LEVEL_BEFORE.finditer(text)]
        for m, level_word, number in sorted(found, key=lambda f: f[0].start()):
            level, stated = _LEVEL_NAMES[level_word], parse_number(number)
            if stated is None or stated == counts[level] or (heading, level, stated) in seen:
                continue
            seen.add((heading, level, stated))
            what = "leaves" if level == 3 else f"{level_word}级 groups with indicators"
            yield (
                ("narrative", heading),
                (
                    f"states {level_word}级指标 {stated} (“{_quote(text, m.start(), m.end())}”), "
                    f"the table has {counts[level]} {what}"
                ),
            )


def _grade_labels(card: Scorecard) -> list[str]:
    policies = card.evaluation.registry.policies.values()
    labels = {t.label for p in policies for t in p.thresholds}
    labels |= set(GRADE_ALIASES)
    return sorted((x for x in labels if x), key=len, reverse=True)


@functools.lru_cache(maxsize=16)
def _grade_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    """A stated grade: 自我评价等级为优 (one of ``labels``), compiled once per set of labels."""
    return re.compile(rf"{_GRADE_INTRO}{_SAID}({'|'.join(map(re.escape, labels))})")


def _same_grade(a: str, b: str) -> bool:
    return a == b or GRADE_ALIASES.get(a) == b or GRADE_ALIASES.get(b) == a


@CHECKS.add(
    "E502",
    "narrative-grade",
    Severity.ERROR,
    "the grade the narrative states (自我评价等级为优) differs from the table's",
    label="报告所列等级与表不符",
)
def _narrative_grade(card: Scorecard) -> Found:
    labels = _grade_labels(card)
    grade = card.grade  # an incomplete evaluation has none to compare with
    if not labels or grade is None or not grade.label:
        return
    pattern = _grade_pattern(tuple(labels))
    for heading, text in shared(card).sections:
        for m in pattern.finditer(text):
            stated = m.group(1)
            if not _same_grade(stated, grade.label):
                yield (
                    ("narrative", heading),
                    (
                        f"states the grade {stated} (“{_quote(text, m.start(), m.end())}”), the "
                        f"table's total {_fmt(card.total)} grades {grade.label} "
                        f"({grade.policy})"
                    ),
                )


@CHECKS.add(
    "E503",
    "narrative-total",
    Severity.ERROR,
    "a total or 一级 subtotal the narrative states (综合得分96分) differs from the table's",
    label="报告所列得分与表不符",
)
def _narrative_total(card: Scorecard) -> Found:
    sections = [(heading, text) for heading, text in shared(card).sections if "得分" in text]
    if not sections:  # every pattern below needs 得分
        return
    subtotals: list[tuple[re.Pattern[str], GroupScore | LeafScore]] = []
    for lv in card.levels:
        name = lv.indicator.name.strip()
        stem = name.removesuffix("指标")
        if stem:
            subtotals.append(
                (
                    re.compile(
                        rf"(?:{re.escape(name)}|{re.escape(stem)}(?:指标)?)(?:部分)?的?得分"
                        rf"{_SAID}{_POINTS}"
                    ),
                    lv,
                )
            )
    for heading, text in sections:
        for m in _TOTAL.finditer(text):
            stated = Decimal(m.group("n").translate({0xFF10 + i: str(i) for i in range(10)}))
            if stated != card.total:
                yield (
                    ("narrative", heading),
                    (
                        f"states a total of {_fmt(stated)} (“{_quote(text, m.start(), m.end())}”), "
                        f"the scores add up to {_fmt(card.total)}"
                    ),
                )
        for pattern, level in subtotals:
            for m in pattern.finditer(text):
                stated = Decimal(m.group("n").translate({0xFF10 + i: str(i) for i in range(10)}))
                if stated != level.score:
                    yield (
                        ("narrative", heading),
                        (
                            f"states {level.indicator.name} {_fmt(stated)} points "
                            f"(“{_quote(text, m.start(), m.end())}”), its scores add up to "
                            f"{_fmt(level.score)}"
                        ),
                    )
