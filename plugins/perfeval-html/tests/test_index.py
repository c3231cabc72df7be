"""The index and the list pages (index.py, chart.py) from roll-up rows made by hand: totals, the
chart's bars, unit averages, findings by code, pagination, size at 10,000 projects."""

from __future__ import annotations

from decimal import Decimal

import pytest
from html_testkit import parse

from perfeval_core import BatchResult, Failure, ProjectRow, ReportFolder, get_registry
from perfeval_core._io.folders import StagedFolder
from perfeval_html import chart, index


def _row(n, *, unit="甲局", total="95", grade="优", codes=(), page=True):
    warnings = sum(1 for c in codes if c.startswith("W"))
    errors = sum(1 for c in codes if c.startswith("E"))
    return ProjectRow(
        file=f"in/{n:05d}.toml",
        project=f"项目{n}",
        unit=unit,
        year=2024,
        framework="rugao-2024",
        total=Decimal(total),
        max=Decimal(100),
        grade=grade,
        policy="cz-2020-10",
        levels=(),
        errors=errors,
        warnings=warnings,
        infos=len(codes) - errors - warnings,
        codes=tuple(codes),
        page=f"projects/项目{n}.html" if page else None,
    )


def _write(result, tmp_path):
    staged = StagedFolder(tmp_path / "site", "html", overwrite=False)
    first = index.write_index(result, ReportFolder(staged, get_registry()))
    staged.commit()
    return tmp_path / "site", first


def _batch():
    rows = [
        _row(1, total="98", codes=("W302", "W302", "I405")),
        _row(2, unit="乙局", total="85", grade="良", codes=("W302",)),
        _row(3, total="91.5", codes=("E104", "W302")),
        _row(4, unit=None, total="97", page=False),
    ]
    return BatchResult(rows, [Failure("in/bad.toml", "in/bad.toml:3: invalid TOML")], files=5)


def test_the_index_adds_up_the_rows(tmp_path):
    site, first = _write(_batch(), tmp_path)
    assert first == "index.html"
    doc = parse((site / "index.html").read_bytes())
    totals = {dd.attrs["data-key"]: dd.text() for dd in doc.find("dl", class_="totals").iter("dd")}
    assert totals == {
        "files": "5",
        "scored": "4",
        "failed": "1",
        "average": "92.88",  # (98 + 85 + 91.5 + 97) / 4 = 92.875, half up
        "max": "98",
        "min": "85",
        "error": "1",
        "warning": "4",
        "info": "1",
        "with_errors": "1",
    }
    units = [
        [c.text() for c in tr.children if not isinstance(c, str)]
        for tr in doc.find("table", class_="units").find("tbody").iter("tr")
    ]
    assert units == [
        ["甲局", "2", "94.75", "98", "91.5"],
        ["乙局", "1", "85", "85", "85"],
        ["（未填写单位）", "1", "97", "97", "97"],
    ]
    codes = {
        tr.attrs["data-code"]: tr
        for tr in doc.find("table", class_="codes").find("tbody").iter("tr")
    }
    assert list(codes) == ["E104", "W302", "I405"]  # in the order the checks are registered
    assert [td.text() for td in codes["W302"].iter("td")][2:] == ["4", "3 个项目"]
    assert codes["W302"].find("td").text() == "警告"
    assert "in/bad.toml:3: invalid TOML" in doc.find("section", class_="failed").text()
    projects = doc.find("table", id="projects").find("tbody").iter("tr")
    assert [tr.find("th").text() for tr in projects] == ["项目1", "项目2", "项目3", "项目4"]
    assert projects[0].find("a").attrs["href"] == "projects/项目1.html"
    assert not projects[3].iter("a")  # no page: no link
    assert projects[0].attrs["data-codes"] == "W302 I405"


def test_the_chart_draws_each_grade_as_long_as_its_count(tmp_path):
    site, _ = _write(_batch(), tmp_path)
    doc = parse((site / "index.html").read_bytes())
    bars = doc.find("svg", class_="chart").iter("g", class_="bar")
    assert [(g.attrs["data-grade"], g.attrs["data-count"]) for g in bars] == [
        ("优", "3"), ("良", "1"), ("中", "0"), ("差", "0"),
    ]  # fmt: skip
    widths = [g.find("rect").attrs["width"] for g in bars]
    assert widths == ["360.00", "120.00", "0.00", "0.00"]  # 360 units for the largest count
    assert [g.iter("text")[1].text() for g in bars] == [
        "3 项（75.0%）", "1 项（25.0%）", "0 项（0.0%）", "0 项（0.0%）",
    ]  # fmt: skip
    assert bars[0].find("a").attrs["href"] == "lists/grade-1.html"
    assert not bars[2].iter("a")  # nothing to list
    assert doc.find("desc").text() == "优 3 项，良 1 项，中 0 项，差 0 项"


def test_a_third_of_the_bar_is_rounded_half_up():
    bars = chart.chart([("优", 3), ("良", 2), ("中", 1)], [None, None, None]).bars
    assert [b.width for b in bars] == [Decimal("360.00"), Decimal("240.00"), Decimal("120.00")]
    odd = chart.chart([("A", 7), ("B", 2)], [None, None]).bars
    assert odd[1].width == Decimal("102.86")  # 2 / 7 × 360 = 102.857…
    assert odd[1].share == "22.2"  # 2 / 9 = 22.22…%


def test_a_codes_list_links_to_the_code_on_each_page(tmp_path):
    site, _ = _write(_batch(), tmp_path)
    doc = parse((site / "lists" / "code-W302.html").read_bytes())
    rows = doc.find("table", id="projects").find("tbody").iter("tr")
    assert [(tr.find("a").attrs["href"], tr.iter("td")[-1].text()) for tr in rows] == [
        ("../projects/项目1.html#code-W302", "2"),
        ("../projects/项目2.html#code-W302", "1"),
        ("../projects/项目3.html#code-W302", "1"),
    ]
    unit = parse((site / "lists" / "unit-2.html").read_bytes())
    assert [tr.find("th").text() for tr in unit.find("tbody").iter("tr")] == ["项目2"]
    assert (site / "assets" / "site.css").exists() and (site / "assets" / "site.js").exists()


def test_long_lists_are_paginated(tmp_path, monkeypatch):
    monkeypatch.setattr(index, "PAGE_SIZE", 2)
    rows = [_row(n, codes=("W302",)) for n in range(1, 6)]
    site, _ = _write(BatchResult(rows, [], files=5), tmp_path)
    first = parse((site / "index.html").read_bytes())
    assert len(first.find("table", id="projects").find("tbody").iter("tr")) == 2
    pager = first.find("nav", class_="pager")
    assert [a.attrs["href"] for a in pager.iter("a")] == ["lists/all-2.html", "lists/all-3.html"]
    last = parse((site / "lists" / "all-3.html").read_bytes())
    assert [tr.find("th").text() for tr in last.find("tbody").iter("tr")] == ["项目5"]
    assert [a.attrs["href"] for a in last.find("nav", class_="pager").iter("a")] == [
        "../index.html",
        "../lists/all-2.html",
    ]
    assert (site / "lists" / "code-W302-3.html").exists()


def test_many_units_and_failures_get_pages_of_their_own(tmp_path, monkeypatch):
    monkeypatch.setattr(index, "INDEX_LIMIT", 2)
    rows = [_row(n, unit=f"单位{n}") for n in range(1, 4)]
    failures = [Failure(f"in/{n}.toml", "bad") for n in range(3)]
    site, _ = _write(BatchResult(rows, failures, files=6), tmp_path)
    doc = parse((site / "index.html").read_bytes())
    assert len(doc.find("table", class_="units").find("tbody").iter("tr")) == 2
    assert len(doc.find("ul", class_="failures").iter("li")) == 2
    everything = parse((site / "lists" / "units.html").read_bytes())
    assert len(everything.find("tbody").iter("tr")) == 3
    assert len(parse((site / "lists" / "failures.html").read_bytes()).iter("li")) == 3


def test_the_index_of_10000_projects_stays_under_a_megabyte(tmp_path):
    grades = ["优", "良", "中", "差"]
    rows = [
        _row(
            n,
            unit=f"如皋市第{n % 40}局",
            total=str(60 + n % 40),
            grade=grades[n % 4],
            codes=("W302", "I405", "E503")[: n % 4],
        )
        for n in range(10_000)
    ]
    site, _ = _write(BatchResult(rows, [], files=10_000), tmp_path)
    assert (site / "index.html").stat().st_size < 1_000_000
    assert max(p.stat().st_size for p in (site / "lists").iterdir()) < 1_000_000
    assert len(list((site / "lists").glob("all-*.html"))) == 10_000 // index.PAGE_SIZE - 1


@pytest.mark.parametrize("code", ["X 1", "X/1"])
def test_a_code_unfit_for_a_file_name_gets_a_number(tmp_path, code):
    site, _ = _write(BatchResult([_row(1, codes=(code,))], [], files=1), tmp_path)
    assert (site / "lists" / "code-1.html").exists()


def test_a_batch_where_every_file_failed_still_has_an_index(tmp_path):
    site, _ = _write(
        BatchResult([], [Failure("in/x.toml", "in/x.toml:1: invalid TOML")], files=1), tmp_path
    )
    doc = parse((site / "index.html").read_bytes())
    totals = {dd.attrs["data-key"]: dd.text() for dd in doc.find("dl", class_="totals").iter("dd")}
    assert (totals["scored"], totals["failed"]) == ("0", "1") and "average" not in totals
    assert not doc.iter("g", class_="bar")
    assert doc.find("table", id="projects").find("tbody").iter("tr") == []
