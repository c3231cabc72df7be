"""Real published tables (/work/notes/filled-tables.md), built in their own layout by
published.py, import to the evaluation their figures say — checked against the transcription
by hand, and scored."""

from __future__ import annotations

from decimal import Decimal

import published as P
from perfeval_core import from_spec, score

from perfeval_import import import_file


def only(path):
    [evaluation] = import_file(path).evaluations
    return evaluation


def leaf_rows(spec):
    """(二级, 三级, target, actual, weight, score) of every leaf the evaluation states, in order."""
    out = []
    for top in spec.indicators:
        for group in top.children or ():
            for leaf in group.children or ():
                out.append(
                    (group.name, leaf.name, leaf.target, leaf.actual, leaf.weight, leaf.score)
                )
    return out


def test_anhui_points_in_the_labels_and_a_total_row_of_zeros(folder):
    evaluation = only(P.anhui_entrusted(folder))
    spec = evaluation.spec
    assert (evaluation.form, spec.framework) == ("cz-2020-10-self", "cz-2020-10-self")
    assert (spec.project.name, spec.project.year) == ("委托业务项目", 2022)
    assert spec.project.department == "219-池州市贵池区棠溪镇人民政府"
    budget = spec.budget
    assert (budget.initial, budget.adjusted, budget.executed) == (0, 0, 0)
    fiscal = budget.sources.fiscal
    assert (fiscal.initial, fiscal.adjusted, fiscal.executed) == (
        90,
        Decimal("89.974"),
        Decimal("89.974"),
    )
    assert spec.indicators[0].children[0].score == 0  # 得分 0 as published, at 0 / 0
    assert leaf_rows(spec)[:3] == [
        ("数量指标", "基建工程委托业务项目数量", "≥50个", "50", 8, 8),
        ("质量指标", "委托业务报告合格率", "≥100百分比", "100", 8, 8),
        ("质量指标", "经费支出合规性", "严格执行相关制度规定", "达成预期指标", 8, 8),
    ]
    benefit = next(g for g in spec.indicators if g.name == "效益指标")
    assert [g.name for g in benefit.children] == [
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
        "经济效益指标",
    ]
    assert benefit.children[-1].drop  # the empty slot
    assert next(g for g in spec.indicators if g.name == "满意度指标").drop  # cut off
    card = score(from_spec(spec))
    assert card.total == 8 * 5 + 10 + 10 * 3  # 80: budget 0, 产出 50, 效益 30
    assert any(f.code == "E108" for f in pe_checks(card))  # the total row ≠ its parts


def pe_checks(card):
    from perfeval_core import run_checks

    return run_checks(card)


def test_yunnan_two_header_rows_and_small_equals(folder):
    evaluation = only(P.yunnan_lijiang(folder))
    spec = evaluation.spec
    assert evaluation.form == "yunnan-2020"
    assert spec.framework == "cz-2020-10-self"
    assert "its 预算执行率 is worth the budget block's 10 points" in evaluation.framework_reason
    leaves = {
        leaf.name: leaf
        for top in spec.indicators
        for g in top.children or ()
        for leaf in g.children or ()
    }
    first = leaves["卫片执法补助经费"]
    assert (
        first.comparator,
        first.target,
        first.unit,
        first.actual,
        first.weight,
        first.score,
    ) == ("=", "72890", "元", "72890", 10, 9)
    assert (leaves["违法行为责停率"].comparator, leaves["违法行为责停率"].score) == ("≥", 27)
    assert leaves["满意度"].score is None  # cut off in the excerpt: the rule scores it
    assert spec.budget.unit == "万元" and spec.budget.initial == Decimal("7.29")
    card = score(from_spec(spec))
    # 10 (budget) + 9 + 19 + 19 + 27 + 10 (满意度: 95 ≥ 95, full), by hand
    assert card.total == 94


def test_hebei_the_template_s_placeholders_and_numbering(folder):
    evaluation = only(P.hebei_langfang(folder))
    spec = evaluation.spec
    assert spec.project.name == "办公宿舍楼、食堂及餐厅暖通改造经费"
    assert (spec.goal.target, spec.goal.actual) == ("43.2", "37.24")
    rows = leaf_rows(spec)
    assert [r[1] for r in rows] == [
        "工程资金金额",
        "工程完工率",
        "工程验收合格率",
        "项目完成及时率",
        "成本控制率",
        "安全率",
        "学校发展能力",
        "长期使用性",
        "学生满意度",
    ]
    assert rows[0] == ("数量指标", "工程资金金额", "43.2", "37.24", 10, 9)
    first = spec.indicators[1].children[0].children[0]
    assert first.basis == "已完工,剩余3%尾款未付,且最高限价低于预算金额。提高预算准确度。"
    assert all(leaf.basis is None for _, _, leaf in _leaves(spec)[1:])  # "0" means none
    benefit = next(g for g in spec.indicators if g.name == "效益指标")
    names = [g.name for g in benefit.children]
    assert names == ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]
    assert benefit.children[2].drop  # 生态效益指标: only the template's 指标1
    kinds = [f.kind for f in evaluation.findings]
    assert kinds.count("approximate") == 9  # the numbering taken off nine names
    # 指标2 / …… rows: nine; the 生态效益指标 row with 指标1 alone is its empty slot
    assert sum("placeholder" in f.message for f in evaluation.findings) == 9
    card = score(from_spec(spec))
    assert card.total == 9 + 9 + 10 * 8  # budget 9 (as recorded), 工程资金金额 9, eight of 10


def _leaves(spec):
    return [
        (top.name, group.name, leaf)
        for top in spec.indicators
        for group in top.children or ()
        for leaf in group.children or ()
    ]


def test_sichuan_the_form_s_note_and_one_leaf_of_ninety_points(folder):
    evaluation = only(P.sichuan_daying(folder))
    spec = evaluation.spec
    assert (evaluation.form, spec.framework) == ("sichuan-2023", "sichuan-2023-self")
    assert spec.project.content == "2023年购买13台安可电脑,并于12月前完成资金支付。"
    assert (spec.goal.target, spec.goal.actual) == (
        "根据要求购买安可设备,并完成项目资金支付。",
        "完成",
    )
    assert spec.budget.reason is None
    [note] = [f for f in evaluation.findings if "原因" in f.message]
    assert (note.location, note.kind) == ("自评表!I8", "skipped")
    assert spec.budget.sources.other is None  # blank, not 0
    assert spec.budget.sources.special_account.adjusted == 0
    [(group, name, target, actual, weight, points)] = leaf_rows(spec)
    assert (group, name, target, actual, weight, points) == (
        "经济成本指标",
        "成本控制数",
        "30",
        "完成",
        90,
        90,
    )
    assert [(s.heading, s.text) for s in spec.narrative.sections] == [
        ("评价结论", "根据财政局资金下达的管理办法,将资金支付给项目施工方。"),
        ("存在问题", "无"),
        ("改进措施", "无"),
    ]
    assert score(from_spec(spec)).total == 100


def test_bayannur_direction_columns_and_the_unit_after_the_values(folder):
    evaluation = only(P.bayannur(folder))
    spec = evaluation.spec
    leaves = {leaf.name: leaf for _, _, leaf in _leaves(spec)}
    assert list(leaves) == ["租车次数(次)", "宣传美工制作个数(个)", "租车达标率", "宣传合格率"]
    assert [(leaf.comparator, leaf.target, leaf.unit) for leaf in leaves.values()] == [
        ("≥", "1", "次"),
        ("≤", "1", "个"),
        ("=", "100", "%"),
        ("=", "100", "%"),
    ]
    assert spec.budget.sources.carryover is None
    assert spec.budget.sources.other.executed == Decimal("1.8")
    assert spec.indicators[0].children[0].score == 10  # —— in the sub-rows is no score
    [disagree] = [f for f in evaluation.findings if "disagree" in f.message]
    assert disagree.location == "自评表!E12"
    assert "指标性质 正向 with the comparator ≤" in disagree.message
    assert score(from_spec(spec)).total == 10 + 8 + 7 + 8 + 7
