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
from html_testkit import FOLDERS, ROOT

import perfeval_html
from perfeval_core import format_number, load_evaluation, run_batch, run_checks, score, show_path
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


def _findings_at_their_rows(page: Any, card: Any) -> int:
    """Every finding about a row of the form is visible, on screen between that row and the
    next row of its table; the total shown is the scorecard's. The number of findings seen."""
    name = card.evaluation.project.name
    total = page.locator("strong.total")
    assert total.is_visible() and total.inner_text() == format_number(card.total)
    assert page.locator("tr.total td.score").inner_text() == format_number(card.total)
    shown = 0
    for f in run_checks(card):
        if not f.path or f.path[0] == "narrative":
            continue
        item = page.locator(
            f'tr.notes[data-path="{show_path(f.path)}"] li[data-code="{f.code}"]'
        ).filter(has_text=f.message)
        assert item.count() == 1, (name, f)
        assert item.is_visible()
        place = item.evaluate(
            """li => { let tr = li.closest('tr'), row = tr.previousElementSibling;
                while (row.classList.contains('notes') || !row.dataset.path)
                    row = row.previousElementSibling;
                let next = tr.nextElementSibling;
                while (next && next.classList.contains('notes')) next = next.nextElementSibling;
                let y = li.getBoundingClientRect();
                return { path: row.dataset.path, after: y.top >= row.getBoundingClientRect().bottom - 1,
                         before: !next || y.bottom <= next.getBoundingClientRect().top + 1 }; }"""
        )
        assert place["path"].startswith(show_path(f.path)), (name, f, place)
        assert place["after"] and place["before"], (name, f, place)
        shown += 1
    return shown


def test_every_finding_is_visible_at_its_row_and_the_total_is_the_scorecards(visit, cards):
    by_name = {c.evaluation.project.name: c for c in cards}
    index = visit.open("index.html")
    links = index.eval_on_selector_all(
        "#projects tbody th a", "as => as.map(a => [a.textContent, a.href])"
    )
    assert len(links) == 16
    shown = 0
    for name, url in links:
        visit.page.goto(url)
        shown += _findings_at_their_rows(visit.page, by_name[name])
    assert shown == 33


@pytest.fixture(scope="module")
def forms_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    """A site of an example on each other form (四川, 云南, the 10号 review form) and the
    national example with a finding about its budget leaf; the scorecards."""
    out = tmp_path_factory.mktemp("forms")
    text = (ROOT / "examples" / "national" / "cz-2020-10-self.toml").read_text("utf-8")
    basis = '{ name = "预算执行率", basis = "全年执行 171 万元，为全年预算 180 万元的 95%" }'
    assert basis in text
    changed = text.replace(basis, '{ name = "预算执行率", score = 8 }')
    changed = changed.replace('name = "职业技能提升培训"', 'name = "预算执行率有发现"')
    (out / "budget.toml").write_text(changed, "utf-8")
    files = [
        ROOT / "examples" / "sichuan-2023" / "青神-工资性支出.toml",
        ROOT / "examples" / "yunnan" / "cz-2020-10-self-yunnan.toml",
        ROOT / "examples" / "national" / "cz-2020-10-department.toml",
        out / "budget.toml",
    ]
    registry = build_registry([("html", perfeval_html)], load_entry_points=False)
    result = run_batch(files, report="html", report_dir=out / "site", registry=registry)
    assert not result.failures and len(result.rows) == 4
    cards = [score(load_evaluation(f, registry=registry)) for f in files]
    return out / "site", cards


def test_the_forms_of_other_places_and_the_budget_block(browser, forms_site):
    site, cards = forms_site
    v = Visit(browser, site)
    seen = 0
    for card in cards:
        page = v.open(f"projects/{card.evaluation.project.name}.html")
        seen += _findings_at_their_rows(page, card)
        assert page.locator("section.part.form h2.title").first.is_visible()
    assert seen == 1  # the budget leaf's W305 (the others: no findings, or about the totals)
    page = v.open("projects/预算执行率有发现.html")
    side = page.locator("th.side", has_text="项目资金")
    rows = page.locator("tr.budget, tr.budget + tr.notes")
    assert rows.count() == 6  # the heading row, 年度资金总额, its finding, three 其中 rows
    top = rows.first.bounding_box()
    bottom = rows.last.bounding_box()
    box = side.bounding_box()
    # 项目资金（万元） runs down the whole block, the finding's row included
    assert abs(box["y"] - top["y"]) < 1.5
    assert abs(box["y"] + box["height"] - bottom["y"] - bottom["height"]) < 1.5
    score_cell = page.locator('tr.budget[data-path="预算执行 › 预算执行率"] td.score')
    assert score_cell.inner_text().split() == ["8", "规则", "9.5"]
    finding = page.locator('tr.notes[data-path="预算执行 › 预算执行率"] li[data-code="W305"]')
    assert finding.is_visible()
    v.close()


def test_the_pages_read_without_javascript(browser, site):
    v = Visit(browser, site, java_script_enabled=False)
    page = v.open("index.html")
    assert page.locator("#projects tbody tr").count() == 16
    assert not page.locator("form.filters").is_visible()  # no controls that cannot work
    assert page.locator("svg.chart rect").count() == 4
    page = v.open("projects/劳动监察专项业务费.html")
    assert page.locator("li.finding").first.is_visible()
    v.close()


def _pages(pdf: bytes) -> list[str]:
    """The printed pages, in order: "portrait" or "landscape" A4 (210 × 297 mm in points)."""
    out = []
    for m in re.findall(rb"/MediaBox \[0 0 ([\d. ]+)\]", pdf):
        width, height = (float(v) for v in m.split())
        if abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5:
            out.append("portrait")
        elif abs(width - 841.9) < 1.5 and abs(height - 595.3) < 1.5:
            out.append("landscape")
        else:
            out.append(f"{width} × {height}")
    return out


def test_a_project_page_prints_on_a4(visit):
    # 如皋: the form's parts are portrait, each starts a page of its own
    page = visit.open("projects/职业技能评价.html")
    page.emulate_media(media="print")
    assert not page.locator("header.site nav").is_visible()
    assert page.locator("table.form").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    pages = _pages(pdf)
    assert len(pages) >= 3 and set(pages) == {"portrait"}  # the 评分表, the 情况表 on their own
    # the national form is landscape (as in Word): the facts on a portrait page, the form on
    # landscape ones, then the narrative the page adds on portrait ones
    page = visit.open("projects/职业技能提升培训.html")
    page.emulate_media(media="print")
    pages = _pages(page.pdf(prefer_css_page_size=True))
    wide = [n for n, p in enumerate(pages) if p == "landscape"]
    assert wide and wide == list(range(1, wide[-1] + 1)), pages
    assert set(pages) == {"portrait", "landscape"} and pages[-1] == "portrait", pages


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
