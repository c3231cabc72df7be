"""The site in a real browser: headless Chromium (Debian's ``chromium``) driven by playwright.

The total shown equals the scorecard's, every finding of a project is visible at its row, the
chart's bars are as long as their counts, sorting and filtering work, the pages read without
JavaScript, print on A4, have readable contrast, log no console error and request nothing from
outside the site's folder. Without playwright or Chromium these tests are skipped, saying why
(``.ci/run`` installs both).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from html_testkit import FOLDERS

import perfeval_html
from perfeval_core import format_number, run_batch, run_checks, show_path
from perfeval_core._plugins.host import build_registry

CHROMIUM = Path(os.environ.get("PERFEVAL_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.skip(
            f"browser tests skipped: playwright is not installed ({exc}); pip install playwright"
        )
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests skipped: no Chromium at {CHROMIUM} (Debian: apt-get install chromium)"
        )
    with sync_playwright() as p:
        try:
            chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        except Exception as exc:  # a browser that cannot start here
            pytest.skip(f"browser tests skipped: Chromium at {CHROMIUM} did not start: {exc}")
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the 16 examples, with their json exports beside it."""
    out = tmp_path_factory.mktemp("out")
    registry = build_registry([("html", perfeval_html)], load_entry_points=False)
    result = run_batch(
        FOLDERS,
        export_format="json",
        out_dir=out / "json",
        report="html",
        report_dir=out / "site",
        registry=registry,
    )
    assert not result.failures and len(result.rows) == 16
    return out / "site"


class Visit:
    """A browser page that records console messages, page errors and every request."""

    def __init__(self, browser: Any, site: Path, **context: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, **context)
        self.page = self.context.new_page()
        self.site = site.resolve().as_uri() + "/"
        self.console: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, name: str) -> Any:
        self.page.goto(self.site + name)
        return self.page

    def close(self) -> None:
        self.context.close()
        assert not self.errors, self.errors
        assert not [m for m in self.console if m.startswith(("error", "warning"))], self.console
        outside = [u for u in self.requests if not u.startswith(self.site)]
        assert not outside, f"requests outside the site's folder: {outside}"


@pytest.fixture
def visit(browser: Any, site: Path) -> Iterator[Visit]:
    v = Visit(browser, site)
    yield v
    v.close()


def _project_rows(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "#projects tbody tr",
        """rows => rows.filter(r => !r.hidden).map(r => ({
            name: r.querySelector('th').textContent,
            total: r.querySelector('td.score').dataset.value,
            grade: r.dataset.grade }))""",
    )


def test_the_index_shows_the_batch(visit, cards):
    page = visit.open("index.html")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert page.locator("[data-key=scored]").inner_text() == "16"
    assert page.locator("[data-key=failed]").inner_text() == "0"
    shown = {r["name"]: r["total"] for r in _project_rows(page)}
    assert shown == {c.evaluation.project.name: format_number(c.total) for c in cards}
    for table in page.locator("table").all():  # accessible tables: a caption, header cells
        assert table.locator("caption").count() == 1
        assert table.locator("th[scope]").count() >= 1


def test_the_chart_bars_match_the_grade_counts(visit, cards):
    page = visit.open("index.html")
    counts = Counter(c.grade.label for c in cards)
    assert counts == {"优": 14, "良": 2}  # 13 如皋 projects and 95.35 优; 87.87 and 82 良
    bars = page.eval_on_selector_all(
        "svg.chart g.bar",
        """gs => gs.map(g => ({ grade: g.dataset.grade, count: +g.dataset.count,
            width: g.querySelector('rect').getBoundingClientRect().width,
            label: g.querySelector('text.value').textContent }))""",
    )
    assert [b["grade"] for b in bars] == ["优", "良", "中", "差"]
    assert [b["count"] for b in bars] == [counts[g] for g in ("优", "良", "中", "差")]
    widest = max(b["width"] for b in bars)
    assert widest > 100
    for b in bars:
        assert abs(b["width"] - widest * b["count"] / 14) < 0.5, b
        assert b["label"].startswith(f"{b['count']} 项")
    assert page.locator("svg.chart").is_visible()


def test_the_project_list_sorts_by_a_click_on_a_heading(visit):
    page = visit.open("index.html")
    page.get_by_role("button", name="总分").click()
    totals = [float(r["total"]) for r in _project_rows(page)]
    assert totals == sorted(totals) and totals[0] == 82
    assert page.locator("#projects th[aria-sort=ascending]").inner_text().startswith("总分")
    page.get_by_role("button", name="总分").click()
    totals = [float(r["total"]) for r in _project_rows(page)]
    assert totals == sorted(totals, reverse=True)
    page.get_by_role("button", name="序号").click()
    assert [r["name"] for r in _project_rows(page)][:2] == ["农村公路养护工程", "职业技能提升培训"]


def test_the_project_list_filters(visit):
    page = visit.open("index.html")
    form = page.locator("form.filters")
    assert form.is_visible()
    form.locator("input[name=q]").fill("交通运输")
    assert [r["name"] for r in _project_rows(page)] == ["农村公路养护工程"]
    form.locator("input[name=q]").fill("W401")  # a finding code
    assert {r["name"] for r in _project_rows(page)} == {
        "劳动监察专项业务费",
        "保障农民工工资支付系统",
    }
    form.locator("input[name=q]").fill("")
    form.locator("select[name=grade]").select_option("良")
    assert sorted(r["total"] for r in _project_rows(page)) == ["82", "87.87"]
    form.locator("input[name=errors]").check()
    assert _project_rows(page) == []
    assert form.locator("output").inner_text() == "本页显示 0 / 16 项"


def test_every_finding_is_visible_at_its_row_and_the_total_is_the_scorecards(visit, cards):
    by_name = {c.evaluation.project.name: c for c in cards}
    index = visit.open("index.html")
    links = index.eval_on_selector_all(
        "#projects tbody th a", "as => as.map(a => [a.textContent, a.href])"
    )
    assert len(links) == 16
    shown = 0
    for name, url in links:
        card = by_name[name]
        page = visit.page
        page.goto(url)
        total = page.locator("strong.total")
        assert total.is_visible() and total.inner_text() == format_number(card.total)
        assert page.locator("tr.total td.score").inner_text() == format_number(card.total)
        for f in run_checks(card):
            item = page.locator(
                f'tr.notes[data-path="{show_path(f.path)}"] li[data-code="{f.code}"]'
            ).filter(has_text=f.message)
            assert item.count() == 1, (name, f)
            assert item.is_visible()
            # on screen between its row and the next row of the table
            place = item.evaluate(
                """li => { let tr = li.closest('tr'), row = tr.previousElementSibling;
                    while (row.classList.contains('notes')) row = row.previousElementSibling;
                    let next = tr.nextElementSibling;
                    while (next && next.classList.contains('notes')) next = next.nextElementSibling;
                    let y = li.getBoundingClientRect();
                    return { path: row.dataset.path, after: y.top >= row.getBoundingClientRect().bottom - 1,
                             before: !next || y.bottom <= next.getBoundingClientRect().top + 1 }; }"""
            )
            assert place["path"].startswith(show_path(f.path)), (name, f, place)
            assert place["after"] and place["before"], (name, f, place)
            shown += 1
    assert shown == 33


def test_the_pages_read_without_javascript(browser, site):
    v = Visit(browser, site, java_script_enabled=False)
    page = v.open("index.html")
    assert page.locator("#projects tbody tr").count() == 16
    assert not page.locator("form.filters").is_visible()  # no controls that cannot work
    assert page.locator("svg.chart rect").count() == 4
    page = v.open("projects/劳动监察专项业务费.html")
    assert page.locator("li.finding").first.is_visible()
    v.close()


def test_a_project_page_prints_on_a4(visit):
    page = visit.open("projects/职业技能提升培训.html")
    page.emulate_media(media="print")
    assert not page.locator("header.site nav").is_visible()
    assert page.locator("table.scores").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    boxes = {
        tuple(float(v) for v in m.split()) for m in re.findall(rb"/MediaBox \[0 0 ([\d. ]+)\]", pdf)
    }
    [(width, height)] = boxes
    assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5  # A4: 210 × 297 mm in points
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2  # the 评分表 starts a page of its own


CONTRAST = """els => els.map(el => {
    function rgb(s) { return s.match(/[\\d.]+/g).slice(0, 4).map(Number); }
    function lum(c) { let [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; }
    let fg = rgb(getComputedStyle(el).color), node = el, bg = null;
    while (node) { let c = rgb(getComputedStyle(node).backgroundColor);
        if (c.length < 4 || c[3] > 0) { bg = c; break; } node = node.parentElement; }
    bg = bg || [255, 255, 255];
    let a = lum(fg), b = lum(bg);
    return [el.tagName + '.' + el.className, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]; })"""


def test_text_has_readable_contrast(visit):
    for name, selector in [
        ("index.html", "h1, dt, dd, a, caption, td, th, .chart text"),
        (
            "projects/劳动监察专项业务费.html",
            "h1, dt, a, td, th, li.finding span, .rule-score, footer",
        ),
    ]:
        page = visit.open(name)
        ratios = page.eval_on_selector_all(selector, CONTRAST)
        low = [(what, round(r, 2)) for what, r in ratios if r < 4.5]
        assert ratios and not low, (name, low)
