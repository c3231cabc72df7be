"""A three-grade grading policy for perfeval: 优秀 (≥ 90), 合格 (60 to < 90), 不合格 (< 60).

Some local schemes grade evaluations in fewer than the four grades of 财预〔2020〕10号; this
plugin models the common three-grade form. It is also the template for publishing a place's own
policy: copy the folder, change the thresholds, the labels and the source, and install it (see
README.md). A framework selects the policy with ``policy = "three-grades"``; on the command line
``perfeval score --policy three-grades`` overrides the framework's.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from perfeval_core import GradingPolicy, Threshold, hookimpl

#: 优秀 ≥ 90, 合格 ≥ 60, 不合格 below: the total is graded as computed (not rounded first).
THREE_GRADES = GradingPolicy(
    id="three-grades",
    title="三档（优秀、合格、不合格）",
    source="地方三档评级：优秀 90 分（含）以上，合格 60 分（含）至 90 分，不合格 60 分以下",
    thresholds=(
        Threshold(Decimal(90), "优秀"),
        Threshold(Decimal(60), "合格"),
        Threshold(Decimal(0), "不合格"),
    ),
    places=None,  # grade the total as computed; 0 would round it to a whole number first
    undemonstrated=None,  # a label such as "结果未体现" instead of a grade when results are missing
)


@hookimpl
def perfeval_register_policies(register: Callable[[GradingPolicy], None]) -> None:
    """Give perfeval the policy; it is then listed by ``perfeval plugins``."""
    register(THREE_GRADES)
