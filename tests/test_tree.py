"""How an evaluation (or a framework) varies the tree it extends: update, add, drop, replace,
move — and the errors that name the indicator."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfeval_core import IndicatorSpec as S
from perfeval_core import InputError, iter_leaves
from perfeval_core._model.tree import TreeBuilder

BASE = (
    S(
        "决策",
        children=(
            S(
                "立项",
                children=(
                    S("依据", weight=Decimal(2), target="充分"),
                    S("程序", weight=Decimal(2), target="规范"),
                ),
            ),
        ),
    ),
    S("产出", children=()),
)


def _tree(*changes, results=True):
    builder = TreeBuilder()
    builder.apply(BASE, file="base.toml", results_allowed=False)
    base = builder.build()
    builder = TreeBuilder(base)
    builder.apply(tuple(changes), file="ev.toml", results_allowed=results)
    return builder.build()


def _names(roots):
    return [" › ".join(path) for path, _ in iter_leaves(roots)]


def test_update_keeps_what_is_not_stated():
    roots = _tree(
        S("决策", children=(S("立项", children=(S("依据", actual="充分", score=Decimal(2)),)),))
    )
    leaf = roots[0].children[0].children[0]
    assert (leaf.target, leaf.weight, leaf.actual, leaf.score) == ("充分", 2, "充分", 2)
    assert roots[0].weight == 4 and roots[0].stated_weight is None


def test_add_drop_replace_and_before():
    roots = _tree(
        S(
            "决策",
            children=(
                S(
                    "立项",
                    children=(
                        S("依据", drop=True),
                        S("程序健全性", replaces="程序", weight=Decimal(3)),
                        S("新增", weight=Decimal(1), before="程序健全性"),
                    ),
                ),
            ),
        ),
        S("产出", children=(S("数量", children=(S("人数", weight=Decimal(5)),)),)),
        S("满意度", weight=Decimal(10), children=(), before="产出"),
    )
    assert _names(roots) == ["决策 › 立项 › 新增", "决策 › 立项 › 程序健全性", "产出 › 数量 › 人数"]
    assert [r.name for r in roots] == ["决策", "满意度", "产出"]
    assert roots[0].weight == 4


@pytest.mark.parametrize(
    "change, message",
    [
        (
            S(
                "决策",
                children=(
                    S(
                        "立项",
                        children=(S("依据", weight=Decimal(1)), S("依据", weight=Decimal(1))),
                    ),
                ),
            ),
            "appears twice",
        ),
        (S("决策", children=(S("无此项", drop=True),)), "drop names an indicator that is not here"),
        (S("决策", children=(S("甲", replaces="无此项", weight=Decimal(1)),)), "replaces '无此项'"),
        (S("决策", before="无此项"), "before '无此项', which is not here"),
        (S("产出", children=(S("数量", children=(S("人数"),)),)), "this leaf has no weight"),
    ],
)
def test_errors_name_the_indicator(change, message):
    with pytest.raises(InputError, match=message) as info:
        _tree(change)
    assert info.value.file == "ev.toml" and info.value.where.startswith(change.name)


def test_results_do_not_belong_in_a_framework():
    with pytest.raises(InputError, match="'score' belongs in an evaluation"):
        _tree(
            S("决策", children=(S("立项", children=(S("依据", score=Decimal(2)),)),)), results=False
        )
