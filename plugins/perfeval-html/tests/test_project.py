"""The project page (project.py, draw.py), read back with the standard library's HTML parser:
the total, every finding at its row, the rule's score where it differs, the budget block and the
goals of the form, a draft, the narrative, links to the exported document, escaping and identical
bytes."""

from __future__ import annotations

import json
import string
from decimal import Decimal

from html_testkit import EXAMPLES, ROOT, parse, text
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from markupsafe import escape as markup_escape

from perfeval_core import PageLinks, loads_evaluation, run_checks, score, show_path
from perfeval_html import project
from perfeval_html.render import render

# the totals the 16 files state (stated_total), national first: the page must show these
TOTALS = ["87.87", "95.35", "82", "98", "99", "97", "99", "98", "99", "98", "98", "98", "99", "98", "99", "96"]  # fmt: skip


def _page(card):
    return parse(
        project.finish_page(project.page(card, run_checks(card)), PageLinks("projects/x.html"))
    )


def test_every_page_shows_the_total_of_its_table(cards):
    assert [p.stem for p in EXAMPLES][:3] == [
        "cz-2020-10-department",
        "cz-2020-10-self",
        "cz-2021-101",
    ]
    for card, stated in zip(cards, TOTALS, strict=True):
        doc = _page(card)
        assert doc.find("html").attrs["lang"] == "zh-CN"
        assert doc.find("strong", class_="total").text() == stated
        assert doc.find("strong", class_="total").attrs["data-value"] == stated
        total_row = doc.find("tr", class_="total")
        assert total_row.find("td", class_="score").text() == stated
        assert Decimal(stated) == card.total


def test_the_tables_have_captions_and_header_cells(cards):
    for card in cards:
        doc = _page(card)
        tables = doc.iter("table", class_="form")
        assert tables, card.evaluation.project.name
        for t in tables:
            assert t.find("caption").text()
            assert all(th.attrs.get("scope") for th in t.iter("th"))
            assert t.iter("th", class_="name")  # the indicators' names are row headers
        rugao = card.evaluation.framework.id == "rugao-2024"
        if rugao:  # 如皋's 评分表 starts with its two header rows: they repeat when printed
            heads = [th.text() for th in doc.find("thead").iter("th")]
            assert heads == [
                "评价指标", "年初指标值", "实际完成值", "分值", "得分", "评分依据",
                "一级指标", "二级指标", "三级指标",
            ]  # fmt: skip


def test_every_finding_is_shown_at_its_row(cards):
    shown = 0
    for card in cards:
        findings = run_checks(card)
        doc = _page(card)
        items = list(doc.iter("li", class_="finding"))
        assert sorted(li.attrs["data-code"] for li in items) == sorted(f.code for f in findings)
        for li in items:  # each with its check's Chinese label (docs/checks.md)
            label = li.find("span", class_="check-label").text()
            assert label == {"W302": "已达标仍扣分", "W401": "指标值与完成值无法比较"}.get(
                li.attrs["data-code"], label
            )
            assert label
        trs = [tr for t in doc.iter("table", class_="form") for tr in t.iter("tr")]
        for f in findings:
            if not f.path:
                continue
            where = show_path(f.path)
            notes = [
                n
                for n, tr in enumerate(trs)
                if "notes" in tr.classes() and tr.attrs["data-path"] == where
            ]
            assert notes, (card.evaluation.project.name, where)
            n = notes[0]
            texts = [li.find("span", class_="message").text() for li in trs[n].iter("li")]
            assert f.message in texts
            row = next(tr for tr in reversed(trs[:n]) if "notes" not in tr.classes())
            assert row.attrs["data-path"].startswith(where)
            if len(f.path) == 3:  # a leaf: its own row is flagged with the severity
                assert row.attrs["data-path"] == where and "flagged" in row.classes()
            shown += 1
    assert shown == 26 + 7  # the warnings and infos `perfeval check examples` lists, all in tables


def test_the_rule_score_is_shown_beside_the_score_of_record_where_they_differ(cards):
    card = next(c for c in cards if c.evaluation.project.name == "劳动监察专项业务费")
    doc = _page(card)
    row = doc.find("tr", data_path="效益指标 › 经济效益指标 › 依法用工意识增强")
    cell = row.find("td", class_="score")
    # the file records 7 of 8; the target 是 is met, so the rule gives all 8 points
    assert cell.attrs["data-value"] == "7"
    assert cell.find("span", class_="rule-score").text() == "规则 8"
    same = doc.find("tr", data_path="决策指标 › 项目立项 › 立项依据充分性")
    assert not same.iter("span", class_="rule-score")


def _rows(doc, block):
    """The rows of one block of the form's tables, each as the text of its own cells."""
    return [
        [text(c) for c in tr.children if not isinstance(c, str)]
        for t in doc.iter("table", class_="form")
        for tr in t.iter("tr", class_=block)
    ]


def test_the_budget_block_and_the_goals_come_from_the_form(cards):
    card = next(c for c in cards if c.evaluation.project.name == "职业技能提升培训")
    doc = _page(card)
    assert _rows(doc, "budget") == [  # as examples/national/cz-2020-10-self.toml states them
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "200", "180", "171", "10", "95.00%", "9.5"],  # 171 / 180; 10 × 95 %
        ["其中：当年财政拨款", "170", "150", "145", "", "", ""],
        ["上年结转资金", "30", "30", "26", "", "", ""],
        ["其他资金", "0", "0", "0", "", "", ""],
    ]  # fmt: skip
    total = doc.find("tr", class_="budget", data_path="预算执行 › 预算执行率")
    assert total.find("td", class_="rate").attrs["data-value"] == "95"
    assert total.find("td", class_="score").attrs["data-value"] == "9.5"
    goal = _rows(doc, "fields")[-2:]
    assert goal[0] == ["年度总体目标", "预期目标", "实际完成情况"]
    assert goal[1] == [card.evaluation.spec.goal.target, card.evaluation.spec.goal.actual]
    # 预算执行率 is shown in the budget block, not as a row of the grid
    assert not doc.iter("tr", class_="indicators", data_path="预算执行 › 预算执行率")
    rugao = next(c for c in cards if c.evaluation.project.name == "职业技能评价")
    assert not _rows(_page(rugao), "budget")  # 如皋's form has no budget block


def test_a_finding_about_the_budget_leaf_is_shown_under_the_budget_row():
    text_ = (ROOT / "examples" / "national" / "cz-2020-10-self.toml").read_text("utf-8")
    basis = '{ name = "预算执行率", basis = "全年执行 171 万元，为全年预算 180 万元的 95%" }'
    assert basis in text_
    card = score(loads_evaluation(text_.replace(basis, '{ name = "预算执行率", score = 8 }')))
    findings = run_checks(card)
    # W305 about the leaf; E104 and E503 about the stated totals, which no table shows
    assert [(f.code, f.path[:1]) for f in findings] == [
        ("E104", ()),
        ("W305", ("预算执行",)),
        ("E503", ("narrative",)),
    ]
    doc = _page(card)
    whole = doc.find("ul", class_="whole").iter("li")
    assert [li.attrs["data-code"] for li in whole] == ["E104", "E503"]
    row = doc.find("tr", class_="budget", data_path="预算执行 › 预算执行率")
    assert "flagged" in row.classes() and "warning" in row.classes()
    # the score of record, and the rule's beneath it: 10 × 95.00 %
    assert row.find("td", class_="score").attrs["data-value"] == "8"
    assert row.find("span", class_="rule-score").text() == "规则 9.5"
    trs = [tr for t in doc.iter("table", class_="form") for tr in t.iter("tr")]
    below = trs[trs.index(row) + 1]
    assert "notes" in below.classes() and below.find("li").attrs["data-code"] == "W305"
    assert below.find("td").attrs["colspan"] == "8"  # inside 项目资金, down the left
    assert doc.find("th", class_="side").text() == "项目资金（万元）"
    assert doc.find("th", class_="side").attrs["rowspan"] == "6"  # its 5 rows and the finding's


def test_an_incomplete_scorecard_is_a_draft():
    text_ = (ROOT / "examples" / "national" / "cz-2020-10-self.toml").read_text("utf-8")
    leaf = '{ name = "培训合格率", target = "≥95%", weight = 10, actual = "96%" }'
    assert leaf in text_
    card = score(loads_evaluation(text_.replace(leaf, leaf.replace(', actual = "96%"', ""))))
    assert card.grade is None and card.grade_label == "未完成"
    doc = _page(card)
    assert doc.find("strong", class_="grade").text() == "未完成"
    assert doc.find("p", class_="draft").text().startswith("草稿：评分未完成")
    assert doc.find("p", class_="grade-line").text() == "自评等级：未完成"


def test_the_narrative_under_its_form_title(cards):
    card = next(c for c in cards if c.evaluation.project.name == "职业技能评价")
    section = _page(card).find("section", class_="narrative")
    assert section.find("h2").text() == "项目支出绩效自我评价情况表"
    assert [h.text() for h in section.iter("h3")] == [
        "一、项目概况", "二、评价情况", "三、项目绩效", "四、存在问题", "五、整改措施",
    ]  # fmt: skip
    # a form without the narrative (the national one): the page adds it, in the same shape
    national = next(c for c in cards if c.evaluation.project.name == "职业技能提升培训")
    section = _page(national).find("section", class_="narrative")
    assert section.find("h2").text() == "项目支出绩效自我评价情况表"
    assert [h.text() for h in section.iter("h3")] == [
        s.heading for s in national.evaluation.spec.narrative.sections
    ]
    report = next(c for c in cards if c.evaluation.project.name == "集聚人力资源补贴(奖励)")
    section = _page(report).find("section", class_="narrative")
    assert section.find("h2").text() == report.evaluation.spec.narrative.title
    assert section.iter("h4"), "the 自评报告's sub-sections are headings one level down"


def test_the_link_to_the_exported_document_is_relative_to_the_page(cards):
    data = project.page(cards[4], run_checks(cards[4]))
    assert project.LINKS in data
    plain = project.finish_page(data, PageLinks("projects/职业技能评价.html"))
    assert project.LINKS not in plain and b"exports" not in plain
    linked = parse(
        project.finish_page(
            data, PageLinks("projects/职业技能评价.html", "../docx/职业技能评价 #1.docx")
        )
    )
    link = linked.find("p", class_="exports").find("a")
    assert link.attrs["href"] == "../../docx/职业技能评价%20%231.docx"
    assert link.text() == "职业技能评价 #1.docx"
    absolute = parse(project.finish_page(data, PageLinks("projects/a.html", "/srv/docx/a.docx")))
    assert absolute.find("p", class_="exports").find("a").attrs["href"] == "/srv/docx/a.docx"


def test_the_frame_is_the_template_rendered_for_the_project():
    """The frame rendered once and cut (project.py) gives what rendering it for each would."""
    for name in ["a<b&\"c'", "职业技能评价", "{{ name }}"]:
        main = "<p>内容</p>"
        head, tail = project._frame()
        shown = str(markup_escape(name))
        cut = f"{shown.join(head)}{main}{shown.join(tail)}".encode()
        assert cut == render("project.html.j2", root="../", name=name, main=Markup(main))


def test_the_same_scorecard_gives_the_same_bytes(cards):
    for card in cards[:4]:
        assert project.page(card, run_checks(card)) == project.page(card, run_checks(card))


TEXT = (
    st.text(
        alphabet=st.sampled_from(list(string.ascii_letters + "<>&\"'/=!-- 评分依据《》")),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(name=TEXT, unit=TEXT, basis=TEXT, actual=TEXT, heading=TEXT, text=TEXT)
def test_any_text_is_shown_as_text(name, unit, basis, actual, heading, text):
    def q(s):
        return json.dumps(s, ensure_ascii=False)  # a JSON string is a TOML basic string

    source = f"""\
framework = "cz-2020-10-self"
[project]
name = {q(name)}
unit = {q(unit)}
[narrative]
[[narrative.sections]]
heading = {q(heading)}
text = {q(text)}
[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [ {{ name = "培训人数", target = "≥300人次", actual = {q(actual)}, weight = 10, score = 9, basis = {q(basis)} }} ]
"""
    card = score(loads_evaluation(source, file="t.toml"))
    doc = _page(card)
    assert doc.find("h1").text() == name
    assert doc.find("title").text() == f"{name} · 绩效评价审核"
    assert not doc.iter("script")
    row = doc.find("tr", data_path="产出指标 › 数量指标 › 培训人数")
    assert row.find("td", class_="actual").text() == actual
    assert row.find("td", class_="basis").text() == basis
    assert doc.find("dl", class_="facts").find("dd").text() == unit
    narrative = doc.find("section", class_="narrative")
    assert narrative.find("h3").text() == heading
    assert [p.text() for p in narrative.iter("p") if "class" not in p.attrs] == [text]
