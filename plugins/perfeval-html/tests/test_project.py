"""The project page (project.py, draw.py), read back with the standard library's HTML parser:
the total, every finding at its row, the rule's score where it differs, the budget block, the
narrative, links to the exported document, escaping and identical bytes."""

from __future__ import annotations

import json
import string
from decimal import Decimal

from html_testkit import EXAMPLES, grid, parse
from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval_core import PageLinks, loads_evaluation, run_checks, score, show_path
from perfeval_html import project, table

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


def test_the_table_is_a_grid_of_eight_columns_with_headers(cards):
    for card in cards:
        scores = _page(card).find("table", class_="scores")
        assert scores.find("caption").text().startswith("项目支出绩效自我评价评分表")
        rows = grid(scores)
        assert all(len(r) == table.COLUMNS for r in rows), card.evaluation.project.name
        assert [th.text() for th in scores.find("thead").iter("th")] == [
            "评价指标", "年初指标值", "实际完成值", "分值", "得分", "评分依据",
            "一级指标", "二级指标", "三级指标",
        ]  # fmt: skip
        assert all(th.attrs.get("scope") for th in scores.iter("th"))


def test_every_finding_is_shown_at_its_row(cards):
    shown = 0
    for card in cards:
        findings = run_checks(card)
        doc = _page(card)
        items = doc.iter("li", class_="finding")
        assert sorted(li.attrs["data-code"] for li in items) == sorted(f.code for f in findings)
        body = doc.find("table", class_="scores").find("tbody")
        trs = body.iter("tr")
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


def _in_table(card, path):
    return any(leaf.path[: len(path)] == tuple(path) for leaf in card.leaves)


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


def test_the_budget_block_and_what_is_computed_from_it(cards):
    card = next(c for c in cards if c.evaluation.project.name == "职业技能提升培训")
    doc = _page(card)
    budget = doc.find("table", class_="budget")
    assert budget.find("caption").text() == "项目资金（万元）"
    figures = [
        (tr.find("th").text(), tr.find("td").text()) for tr in budget.find("tbody").iter("tr")
    ]
    assert figures == [  # as the file states them
        ("年初预算数", "200"),
        ("全年预算数", "180"),
        ("实际到位资金", "180"),
        ("全年执行数", "171"),
        ("其中：本年财政拨款", "150"),
        ("上年结转资金", "30"),
        ("其他资金", "0"),
    ]
    [computed] = doc.find("table", class_="computed").find("tbody").iter("tr")
    assert [c.text() for c in computed.children if not isinstance(c, str)] == [
        "预算执行 › 预算执行率", "95.00%", "10", "9.5",  # 171 / 180, 10 × 95 %
    ]  # fmt: skip
    anchor = computed.find("a").attrs["href"]
    assert doc.find("tr", id=anchor[1:]).attrs["data-path"] == "预算执行 › 预算执行率"
    rugao = next(c for c in cards if c.evaluation.project.name == "职业技能评价")
    assert not _page(rugao).iter("table", class_="budget")


def test_the_narrative_under_its_form_title(cards):
    card = next(c for c in cards if c.evaluation.project.name == "职业技能评价")
    section = _page(card).find("section", class_="narrative")
    assert section.find("h2").text() == "项目支出绩效自我评价情况表"
    assert [h.text() for h in section.iter("h3")] == [
        "一、项目概况", "二、评价情况", "三、项目绩效", "四、存在问题", "五、整改措施",
    ]  # fmt: skip
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
    assert not doc.iter("script")
    row = doc.find("tr", data_path="产出指标 › 数量指标 › 培训人数")
    assert row.find("td", class_="actual").text() == actual
    assert row.find("td", class_="basis").text() == basis
    assert doc.find("dl", class_="facts").find("dd").text() == unit
    narrative = doc.find("section", class_="narrative")
    assert narrative.find("h3").text() == heading
    assert narrative.find("p").text() == text
