"""Review rules of a province (审核规则): what a finance bureau's reviewers require beyond the
arithmetic, switched on by a framework's ``[review]`` and checked by the review checks
(W601–E604, docs/checks.md).

Each rule is off until a framework sets its key; a framework that extends another inherits the
rules key by key, as it inherits ``[settings]``.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from .._errors import InputError
from .spec import ReviewSpec


@attrs.frozen
class ReviewRules:
    """The review rules in force; None (or False) is a rule switched off.

    - ``reason_below``: a computed rate (a 公式 leaf: 预算执行率 …) below this percentage needs a
      reason (its ``basis``) — 四川: 90;
    - ``reason_max_chars``: the reason of a computed rate is at most this many characters —
      四川: 100 (字);
    - ``flag_at``: an actual at or above this percentage of its target is flagged for a manual
      review of its score — 河北: 120;
    - ``flag_off_target``: a 反向 actual above its target and an 等于 actual off its target are
      flagged for a manual review of the score — 天津;
    - ``cost_cap``: when the evaluation fills in no 成本 indicator of its own, the 成本 group
      scores at most this — 山西: 5; ``cost_group`` is how that group's name starts;
    - ``required``: the 一级 an evaluation must have, by how their names start (W202); None: 产出,
      效益 and 满意度, as far as the framework has them (四川's form makes 满意度 optional).
    """

    reason_below: Decimal | None = None
    reason_max_chars: int | None = None
    flag_at: Decimal | None = None
    flag_off_target: bool = False
    cost_cap: Decimal | None = None
    cost_group: str = "成本"
    required: tuple[str, ...] | None = None


def merge_review(base: ReviewRules, spec: ReviewSpec | None, file: str) -> ReviewRules:
    """``base`` with what ``spec`` sets; a value out of its range is an error naming the key."""
    if spec is None:
        return base
    changes = {k: v for k, v in attrs.asdict(spec, recurse=False).items() if v is not None}

    def error(key: str, message: str, hint: str) -> InputError:
        return InputError(
            message, file=file, where=f"review › {key}", hint=hint, names=("review", key)
        )

    below = changes.get("reason_below")
    if below is not None and not 0 < below <= 100:
        raise error(
            "reason_below",
            "reason_below is a percentage above 0, at most 100",
            "e.g. reason_below = 90 (四川: 预算执行率未达到90%的需说明原因)",
        )
    chars = changes.get("reason_max_chars")
    if chars is not None and chars < 1:
        raise error(
            "reason_max_chars",
            "reason_max_chars is a number of characters, at least 1",
            "e.g. reason_max_chars = 100 (四川: 100字以内)",
        )
    flag = changes.get("flag_at")
    if flag is not None and flag <= 100:
        raise error(
            "flag_at",
            "flag_at is a percentage of the target above 100",
            "e.g. flag_at = 120 (河北: 实际完成值超出指标值 20% 时复核得分)",
        )
    group = changes.get("cost_group")
    if group is not None and not group.strip():
        raise error(
            "cost_group", "cost_group is empty", 'write how the group\'s name starts: "成本"'
        )
    return attrs.evolve(base, **changes)
