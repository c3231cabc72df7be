"""What a document says, in Chinese, about how a leaf was scored: the rule's name (正向, 反向,
定性 …), its scoring standard (评分标准) and the note on this leaf's result.

The rules write their notes for the terminal and the checks (``10 × 228 / 240``, ``actual 50
cannot be compared with target ≥50个``); the documents a unit hands in or a reviewer prints say
the same in Chinese. A note of a rule this module does not know (a plugin's) is shown as the
rule wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from .._model.numbers import format_number
from .._model.rules import Rule, Settings
from .._model.scoring import LeafScore

#: The budget figures as the forms call them.
FIGURE_NAMES = {
    "initial": "年初预算数",
    "adjusted": "全年预算数",
    "received": "实际到位资金",
    "executed": "全年执行数",
    "fiscal": "当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}


def rule_label(leaf: LeafScore) -> str:
    """The rule's Chinese name; a rule picked by ``auto`` says so: ``正向（自动）``."""
    rule = leaf.rule
    if rule.picks:
        return f"{rule.resolve(leaf.target).label}（自动）"
    return rule.label


def _n(text: str) -> str:
    """A number of a note as every output shows it (``2.50`` → ``2.5``)."""
    try:
        return format_number(Decimal(text))
    except InvalidOperation:
        return text


_Translator = Callable[[re.Match[str], Rule], str]
_COMMON: list[tuple[re.Pattern[str], _Translator]] = [
    (re.compile(r"no target"), lambda m, r: "无指标值，无法按规则计分"),
    (re.compile(r"no actual value"), lambda m, r: "无实际完成值，无法按规则计分"),
    (
        re.compile(r"actual (.*) cannot be compared with target (.*)", re.S),
        lambda m, r: (
            f"实际完成值“{m[1]}”与指标值“{m[2]}”无法比较（单位不同或不是数值），由评价人评分"
        ),
    ),
]
_BY_KIND: dict[str, list[tuple[re.Pattern[str], _Translator]]] = {
    "higher": [
        (
            re.compile(r"actual (\S+) below the target (\S+)"),
            lambda m, r: f"实际完成值 {_n(m[1])} 低于指标值 {_n(m[2])}（指标值不大于 0），不得分",
        ),
        (
            re.compile(r"(\S+) × (\S+) / (\S+)"),
            lambda m, r: (
                f"未达到指标值，按 分值 × 实际完成值 ÷ 指标值 计分："
                f"{_n(m[1])} × {_n(m[2])} ÷ {_n(m[3])}"
            ),
        ),
    ],
    "lower": [
        (re.compile(r"target 0 exceeded"), lambda m, r: "指标值为 0，实际完成值超出，不得分"),
        (
            re.compile(r"actual at or beyond twice the target"),
            lambda m, r: "实际完成值达到指标值的 2 倍及以上，不得分",
        ),
        (
            re.compile(r"(\S+) × \(1 − \((\S+) − (\S+)\) / (\S+)\)"),
            lambda m, r: (
                "超出指标值，按 分值 × (1 − (实际完成值 − 指标值) ÷ 指标值) 计分："
                f"{_n(m[1])} × (1 − ({_n(m[2])} − {_n(m[3])}) ÷ {_n(m[4])})"
            ),
        ),
        (
            re.compile(r"(\S+) × (\S+) / (\S+)"),
            lambda m, r: (
                f"超出指标值，按 分值 × 指标值 ÷ 实际完成值 计分："
                f"{_n(m[1])} × {_n(m[2])} ÷ {_n(m[3])}"
            ),
        ),
    ],
    "qualitative": [
        (
            re.compile(r"actual (.*) is not 达成 / 部分达成 / 未达成", re.S),
            lambda m, r: f"实际完成值“{m[1]}”不是达成、部分达成或未达成，由评价人评分",
        ),
        (re.compile(r"达成"), lambda m, r: "达成年度指标：得分值的 80%–100%"),
        (re.compile(r"部分达成"), lambda m, r: "部分达成年度指标：得分值的 60%–80%（不含 80%）"),
        (re.compile(r"未达成"), lambda m, r: "未达成年度指标：得分值的 0–60%（不含 60%）"),
    ],
    "expect": [
        (re.compile(r"no expected answer"), lambda m, r: "无预期答案（指标值），由评价人评分"),
        (re.compile(r"expected (.*)", re.S), lambda m, r: f"预期为“{m[1]}”，实际不符，不得分"),
    ],
    "bands": [
        (re.compile(r"no numeric actual value"), lambda m, r: "实际完成值不是数值，无法对应区间"),
        (re.compile(r"target 0: no completion rate"), lambda m, r: "指标值为 0，无法计算完成率"),
        (
            re.compile(r"(\S+) ≥ (\S+): (\S+)"),
            lambda m, r: f"{_of(r)} {_n(m[1])} ≥ {_n(m[2])}，得分值的 {_share(m[3])}",
        ),
        (
            re.compile(r"(\S+) below every band"),
            lambda m, r: f"{_of(r)} {_n(m[1])} 低于所有区间，不得分",
        ),
    ],
    "deduction": [
        (re.compile(r"no count of findings"), lambda m, r: "无问题个数（实际完成值），无法扣分"),
        (
            re.compile(r"actual (.*) is not a count of findings", re.S),
            lambda m, r: f"实际完成值“{m[1]}”不是问题个数",
        ),
        (
            re.compile(r"(\S+) × (\S+) deducted"),
            lambda m, r: f"发现问题 {_n(m[1])} 个，每个扣 {_n(m[2])} 分",
        ),
    ],
    "ratio": [
        (
            re.compile(r"budget figure '(\w+)' is missing"),
            lambda m, r: f"缺少预算数据{FIGURE_NAMES.get(m[1], m[1])}（budget.{m[1]}），无法计算",
        ),
        (
            re.compile(r"budget figure '(\w+)' is 0"),
            lambda m, r: f"预算数据{FIGURE_NAMES.get(m[1], m[1])}为 0，无法计算",
        ),
    ],
    "manual": [(re.compile(r"scored by the evaluator"), lambda m, r: "由评价人评分")],
}
# 等于 and 公式 score as 正向 once their own cases are out of the way
_BY_KIND["equal"] = _BY_KIND["higher"]
_BY_KIND["ratio"] = _BY_KIND["ratio"] + _BY_KIND["higher"]


def _of(rule: Rule) -> str:
    return "实际完成值" if getattr(rule, "of", "rate") == "actual" else "完成率"


def _share(text: str) -> str:
    try:
        return f"{format_number(Decimal(text) * 100)}%"
    except InvalidOperation:
        return text


def note_text(leaf: LeafScore) -> str:
    """The note on the leaf's result, in Chinese (empty when the rule says nothing)."""
    note = leaf.result.note
    if not note:
        return ""
    rule = leaf.rule.resolve(leaf.target)
    for pattern, translate in [*_BY_KIND.get(rule.kind, []), *_COMMON]:
        found = pattern.fullmatch(note)
        if found:
            return translate(found, rule)
    return note


def standard(leaf: LeafScore, settings: Settings) -> str:
    """The scoring standard (评分标准) of the leaf's rule, in Chinese."""
    rule = leaf.rule.resolve(leaf.target)
    kind = rule.kind
    if kind == "higher":
        return "实际完成值达到指标值得满分；未达到的，按 实际完成值 ÷ 指标值 × 分值 计分"
    if kind == "lower":
        if (getattr(rule, "variant", None) or settings.reverse) == "linear":
            return (
                "实际完成值不超过指标值得满分；超过的，按 (1 − 超出部分 ÷ 指标值) × 分值 计分，"
                "达到指标值 2 倍及以上不得分"
            )
        return "实际完成值不超过指标值得满分；超过的，按 指标值 ÷ 实际完成值 × 分值 计分"
    if kind == "equal":
        return "实际完成值达到指标值得满分；未达到的按比例计分（指标值为 0 时，超出不得分）"
    if kind == "qualitative":
        return "达成年度指标得分值的 80%–100%；部分达成得 60%–80%；未达成得 0–60%"
    if kind == "expect":
        expected = getattr(rule, "expected", None) or leaf.target_text
        return f"实际完成值为“{expected}”得满分，否则不得分"
    if kind == "bands":
        bands = sorted(getattr(rule, "bands", ()), key=lambda b: b.min, reverse=True)
        steps = "；".join(f"≥{format_number(b.min)} 得 {_share(str(b.share))}" for b in bands)
        return f"按{_of(rule)}计分：{steps}；低于各档不得分"
    if kind == "deduction":
        return f"每发现一个问题扣 {format_number(getattr(rule, 'per', Decimal(1)))} 分，扣完为止"
    if kind == "ratio":
        num = FIGURE_NAMES.get(getattr(rule, "numerator", ""), "")
        den = FIGURE_NAMES.get(getattr(rule, "denominator", ""), "")
        return f"{num} ÷ {den} × 100%，达到指标值得满分，未达到的按比例计分"
    if kind == "manual":
        return "由评价人评分"
    return rule.summary or rule.label
