"""The index of the site, from the roll-up rows alone: totals, the grade chart, the per-unit
averages, the findings by code, the list of every project — and the list pages behind them
(every project, a unit's, a grade's, a code's), paginated so that no page grows with the batch.
"""

from __future__ import annotations

import re
from importlib.resources import files
from typing import NamedTuple

from markupsafe import Markup

from perfeval_core import BatchResult, ProjectRow, ReportFolder, UnitAverage

from . import draw
from .chart import chart
from .render import render

#: Projects per list page (the index shows the first page of all of them).
PAGE_SIZE = 500
#: Units and failures shown on the index; beyond, the index links to a page with all.
INDEX_LIMIT = 100
ASSETS = ("site.css", "site.js")
_PLAIN_CODE = re.compile(r"[A-Za-z0-9_-]+")


class Item(NamedTuple):
    """A project in a list: its number in the batch, its row, and (on a code's list) how many
    findings of that code it has."""

    number: int
    row: ProjectRow
    matches: int | None = None


class View(NamedTuple):
    """A list of projects: its file stem (``unit-3``), title, the projects, and for a code's
    list the code (its projects link to the code's first finding)."""

    stem: str
    title: str
    items: list[Item]
    code: str | None = None

    def page_name(self, page: int) -> str:
        """The file of page ``page`` (from 1); page 1 of all projects is the index."""
        if self.stem == "all" and page == 1:
            return "index.html"
        return f"lists/{self.stem}.html" if page == 1 else f"lists/{self.stem}-{page}.html"

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.items) // PAGE_SIZE))


class CodeLine(NamedTuple):
    code: str
    severity: str
    name: str
    label: str
    summary: str
    findings: int
    projects: int
    link: str


class UnitLine(NamedTuple):
    unit: UnitAverage
    link: str


def write_index(result: BatchResult, folder: ReportFolder) -> str:
    """Write the index, the list pages and the assets; returns ``index.html``."""
    for asset in ASSETS:
        folder.write(f"assets/{asset}", (files("perfeval_html") / "assets" / asset).read_bytes())
    items = [Item(n, row) for n, row in enumerate(result.rows, start=1)]
    grades = result.grades(folder.registry)
    units = result.units()

    views = [View("all", "全部项目", items)]
    by_unit: dict[str | None, list[Item]] = {}
    by_grade: dict[str, list[Item]] = {}
    by_code: dict[str, list[Item]] = {}
    findings: dict[str, int] = {}
    for item in items:
        row = item.row
        by_unit.setdefault(row.unit, []).append(item)
        by_grade.setdefault(row.grade, []).append(item)
        counts: dict[str, int] = {}
        for code in row.codes:
            counts[code] = counts.get(code, 0) + 1
        for code, n in counts.items():
            by_code.setdefault(code, []).append(item._replace(matches=n))
            findings[code] = findings.get(code, 0) + n

    unit_lines = []
    for k, unit in enumerate(units, start=1):
        view = View(f"unit-{k}", f"{unit.label} 的项目", by_unit[unit.unit])
        views.append(view)
        unit_lines.append(UnitLine(unit, view.page_name(1)))
    grade_links: list[str | None] = []
    for k, (label, n) in enumerate(grades, start=1):
        if n:
            view = View(f"grade-{k}", f"评价等级为“{label}”的项目", by_grade[label])
            views.append(view)
            grade_links.append(view.page_name(1))
        else:
            grade_links.append(None)
    checks = folder.registry.checks
    order = {code: i for i, code in enumerate(checks)}
    code_lines = []
    for k, code in enumerate(sorted(by_code, key=lambda c: (order.get(c, len(order)), c)), 1):
        stem = f"code-{code}" if _PLAIN_CODE.fullmatch(code) else f"code-{k}"
        view = View(stem, f"有 {code} 发现的项目", by_code[code], code)
        views.append(view)
        check = checks.get(code)
        code_lines.append(
            CodeLine(
                code,
                str(check.severity) if check else "",
                check.name if check else "",
                check.label if check else "",
                check.summary if check else "",
                findings[code],
                len(by_code[code]),
                view.page_name(1),
            )
        )

    overall = result.overall()
    totals = {
        "files": result.files,
        "scored": len(result.rows),
        "failed": len(result.failures),
        "error": sum(r.errors for r in result.rows),
        "warning": sum(r.warnings for r in result.rows),
        "info": sum(r.infos for r in result.rows),
        "with_errors": sum(1 for r in result.rows if r.errors),
    }
    many_units = len(unit_lines) > INDEX_LIMIT
    many_failures = len(result.failures) > INDEX_LIMIT
    if many_units:
        folder.write(
            "lists/units.html",
            render("units.html.j2", root="../", units=unit_lines),
        )
    if many_failures:
        folder.write(
            "lists/failures.html",
            render(
                "failures.html.j2",
                root="../",
                title="未能评分的文件",
                failures=result.failures,
            ),
        )
    grade_chart = chart(grades, grade_links)
    for view in views:
        for page in range(1, view.pages + 1):
            name = view.page_name(page)
            chunk = view.items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
            root = "" if name == "index.html" else "../"
            drawn = "\n".join(
                draw.project_item(i.number, i.row, root, view.code, i.matches) for i in chunk
            )
            context = {
                "view": view,
                "page": page,
                "chunk": Markup(drawn),
                "grades": [label for label, _ in grades],
                "pager": [(k, view.page_name(k)) for k in range(1, view.pages + 1)],
            }
            if name == "index.html":
                data = render(
                    "index.html.j2",
                    root="",
                    totals=totals,
                    overall=overall,
                    chart=grade_chart,
                    units=unit_lines[:INDEX_LIMIT],
                    many_units=many_units,
                    codes=code_lines,
                    failures=result.failures[:INDEX_LIMIT],
                    many_failures=many_failures,
                    **context,
                )
            else:
                data = render("list.html.j2", root="../", **context)
            folder.write(name, data)
    return "index.html"
