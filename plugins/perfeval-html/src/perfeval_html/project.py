"""A project's page: its facts, total and grade, the 评分表 with each finding at its row and the
rule's score beside the score of record where they differ, the budget block and the narrative.

The page is rendered where the project is scored (:func:`page`); the links only the whole batch
knows — the exported document — are put in by :func:`finish_page` in the main process. Its
content is drawn in Python (a batch writes thousands of pages; a template would cost more than
scoring the project) inside the site's frame (``base.html.j2``); every text is escaped.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from markupsafe import Markup

from perfeval_core import (
    BudgetSpec,
    Finding,
    NarrativeSpec,
    PageLinks,
    Scorecard,
    Severity,
    format_number,
    show_path,
)

from . import draw, table
from .findings import Notes, place
from .render import href, number, render

#: Where the links of :func:`finish_page` go in a rendered page (an HTML comment: text of the
#: page is escaped, so no project can write it).
LINKS = b"<!--perfeval-links-->"
#: The budget figures as the national form names them, in its order.
BUDGET_ROWS = (
    ("initial", "年初预算数"),
    ("adjusted", "全年预算数"),
    ("received", "实际到位资金"),
    ("executed", "全年执行数"),
    ("fiscal", "其中：本年财政拨款"),
    ("carryover", "上年结转资金"),
    ("other", "其他资金"),
)
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
#: The 评分表's columns, for their widths (site.css).
_COLUMNS = (
    "<colgroup>" + "".join(f'<col class="c-{k}">' for k in table.COLUMN_KINDS) + "</colgroup>"
)
_RANK = {"error": 0, "warning": 1, "info": 2}


def page(card: Scorecard, findings: Sequence[Finding]) -> bytes:
    """The project's page (UTF-8 HTML), links to exported documents still to be put in."""
    ev = card.evaluation
    rows = table.rows(card)
    body, unplaced = place([r for r in rows if r.kind != "head"], findings, table.COLUMNS)
    first_of_code = _first_of_code(findings)
    worst: dict[tuple[str, ...], str] = {}  # the row findings are about is flagged
    placed: list[tuple[int, Finding]] = []
    for item in body:
        if isinstance(item, Notes):
            placed.extend(item.findings)
            for _, f in item.findings:
                if _RANK.get(f.severity, 3) < _RANK.get(worst.get(item.path, ""), 3):
                    worst[item.path] = f.severity
    placed.sort(key=lambda pair: pair[0])
    leaves = {leaf.path: leaf for leaf in card.leaves}
    anchors: dict[tuple[str, ...], str] = {}
    lines = []
    for item in body:
        if isinstance(item, Notes):
            lines.append(draw.notes(item.findings, item.path, item.colspan, first_of_code))
            continue
        path = item.path
        if path is None:
            lines.append(draw.row(item))
            continue
        anchor = anchors[path] = f"row-{len(anchors) + 1}"
        leaf = leaves.get(path)
        rule = leaf.result.score if leaf is not None else None
        differs = leaf is not None and rule is not None and rule != leaf.score
        rule_score = format_number(rule) if differs else None
        lines.append(draw.row(item, id=anchor, flag=worst.get(path), rule_score=rule_score))
    project = ev.project
    parts = [
        f"<h1>{escape(project.name)}</h1>",
        f'<dl class="facts">\n{draw.facts(_facts(card))}\n</dl>',
        _result(card, findings),
        _review(findings, unplaced, placed, first_of_code),
        _budget(card, ev.spec.budget, anchors),
        '<section class="scoresheet" aria-labelledby="table-h">\n<h2 id="table-h">评分表</h2>',
        f'<table class="scores">\n<caption>{escape(table.title(card))}</caption>',
        _COLUMNS,
        "<thead>",
        _head(tuple(r for r in rows if r.kind == "head")),
        "</thead>\n<tbody>",
        *lines,
        "</tbody>\n</table>",
        f'<p class="grade-line">评价等级：{escape(card.grade_label)}</p>\n</section>',
        _narrative(ev.spec.narrative),
    ]
    main = Markup("\n".join(p for p in parts if p))
    return render("project.html.j2", root="../", name=project.name, main=main)


def finish_page(data: bytes, links: PageLinks) -> bytes:
    """The page with its link to the exported document (``--export``), if there is one."""
    if links.export is None:
        return data.replace(LINKS, b"", 1)
    target = links.export
    if not target.startswith("/") and not re.match(r"[A-Za-z]:/", target):
        target = posixpath.relpath(target, posixpath.dirname(links.page) or ".")
    elif not target.startswith("/"):
        target = "file:///" + target
    name = posixpath.basename(links.export)
    block = render("_links.html.j2", target=href(target), name=name).rstrip(b"\n")
    return data.replace(LINKS, block, 1)


@functools.lru_cache(maxsize=8)
def _head(rows: tuple[table.Row, ...]) -> str:
    """The header rows, drawn once: they are the same on every page."""
    return "\n".join(draw.row(r) for r in rows)


def _first_of_code(findings: Sequence[Finding]) -> set[int]:
    """The numbers of the findings that are the first of their code on the page."""
    first: dict[str, int] = {}
    for n, f in enumerate(findings, start=1):
        first.setdefault(f.code, n)
    return set(first.values())


def _facts(card: Scorecard) -> list[tuple[str, str]]:
    ev = card.evaluation
    p = ev.project
    facts = [("填报单位", p.unit or "（未填写）")]
    if p.year is not None:
        facts.append(("项目实施年度", f"{p.year}"))
    if p.start or p.end:
        facts.append(("实施时间", f"{p.start or '？'} 至 {p.end or '？'}"))
    fw = ev.framework
    facts.append(("指标体系", f"{fw.title} ({fw.id})" if fw.title else fw.id))
    facts.append(("评分等级", f"{card.grade_label}（{card.policy.id}）"))
    if ev.path is not None:
        facts.append(("评价文件", ev.path.name))
    return facts


def _result(card: Scorecard, findings: Sequence[Finding]) -> str:
    """评价结果: the total of the table out of its points, the grade, the total the form states
    (when it does) and the number of findings by severity; then the place for the links."""
    total, most = number(card.total), number(card.max)
    stated = card.evaluation.spec.stated_total
    counts = [(str(s), sum(1 for f in findings if f.severity is s)) for s in _SEVERITIES]
    lines = [
        '<section class="result" aria-labelledby="result-h">\n<h2 id="result-h">评价结果</h2>',
        (
            f'<p class="headline">总分 <strong class="total" data-value="{total}">{total}</strong>'
            f' / <span class="max" data-value="{most}">{most}</span>　评价等级 '
            f'<strong class="grade">{escape(card.grade_label)}</strong></p>'
        ),
    ]
    if stated is not None:
        lines.append(
            f'<p>自评表所列总分：<span class="stated" data-value="{number(stated)}">'
            f"{number(stated)}</span></p>"
        )
    lines.append(f'<p class="counts">审核发现：{draw.counts(counts)}</p>')
    lines.append(LINKS.decode())
    lines.append("</section>")
    return "\n".join(lines)


def _review(
    findings: Sequence[Finding],
    unplaced: list[tuple[int, Finding]],
    placed: list[tuple[int, Finding]],
    first_of_code: set[int],
) -> str:
    """审核发现: those about the whole evaluation in full, links to those in the table."""
    lines = ['<section class="review" aria-labelledby="review-h">\n<h2 id="review-h">审核发现</h2>']
    if not findings:
        lines.append('<p class="none">未发现问题。</p>')
    if unplaced:
        lines.append("<p>关于整个评价（或不在评分表中的指标）的发现：</p>")
        lines.append(
            f'<ul class="findings whole">\n{draw.findings(unplaced, first_of_code)}\n</ul>'
        )
    if placed:
        lines.append(f"<p>评分表中各行的发现（共 {len(placed)} 条），见表中标出的行：</p>")
        lines.append(f'<ol class="jump">\n{draw.jumps(placed)}\n</ol>')
    lines.append("</section>")
    return "\n".join(lines)


def _figure(spec: BudgetSpec, key: str) -> Decimal | None:
    """A budget figure; a part's (fiscal, carryover, other) is its 全年预算数, stated as the
    shorthand or in its row of ``sources``."""
    value: Decimal | None = getattr(spec, key)
    if value is None and spec.sources is not None and hasattr(spec.sources, key):
        row = getattr(spec.sources, key)
        value = row.adjusted if row is not None else None
    return value


def _budget(card: Scorecard, spec: BudgetSpec | None, anchors: dict[tuple[str, ...], str]) -> str:
    """项目资金: the budget figures the evaluation states, and the leaves computed from them."""
    if spec is None:
        return ""
    figures: list[tuple[str, Decimal]] = [
        (label, value) for key, label in BUDGET_ROWS if (value := _figure(spec, key)) is not None
    ]
    computed = [leaf for leaf in card.leaves if leaf.rule.computes_actual]
    if not figures and not computed:
        return ""
    unit = escape(spec.unit)
    lines = ['<section class="budget" aria-labelledby="budget-h">\n<h2 id="budget-h">项目资金</h2>']
    if figures:
        lines.append(f'<table class="budget">\n<caption>项目资金（{unit}）</caption>')
        lines.append(
            f'<thead><tr><th scope="col">项目</th><th scope="col">金额（{unit}）</th></tr></thead>'
        )
        lines.append("<tbody>")
        lines.extend(
            f'<tr><th scope="row">{label}</th><td class="amount" data-value="{number(value)}">'
            f"{number(value)}</td></tr>"
            for label, value in figures
        )
        lines.append("</tbody>\n</table>")
    if computed:
        lines.append('<table class="computed">\n<caption>由项目资金计算的指标</caption>')
        lines.append(
            '<thead><tr><th scope="col">指标</th><th scope="col">计算值</th>'
            '<th scope="col">分值</th><th scope="col">得分</th></tr></thead>\n<tbody>'
        )
        for leaf in computed:
            name = escape(show_path(leaf.path))
            anchor = anchors.get(leaf.path)
            if anchor:
                name = f'<a href="#{anchor}">{name}</a>'
            weight, score = number(leaf.weight), number(leaf.score)
            lines.append(
                f'<tr><th scope="row">{name}</th><td>{escape(leaf.actual_text)}</td>'
                f'<td data-value="{weight}">{weight}</td><td data-value="{score}">{score}</td></tr>'
            )
        lines.append("</tbody>\n</table>")
    lines.append("</section>")
    return "\n".join(lines)


def _narrative(spec: NarrativeSpec | None) -> str:
    """The narrative under its form's title: 情况表 or the report's own title (自评报告)."""
    if spec is None or not spec.sections:
        return ""
    title = spec.title or (
        "项目支出绩效自我评价情况表" if spec.form == "情况表" else "项目支出绩效自评报告"
    )
    return (
        '<section class="narrative" aria-labelledby="narrative-h">\n'
        f'<h2 id="narrative-h">{escape(title)}</h2>\n{draw.sections(spec.sections)}\n</section>'
    )
