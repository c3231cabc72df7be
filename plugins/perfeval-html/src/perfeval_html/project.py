"""A project's page: its facts, total and grade, the findings, then the evaluation on its form
— the tables the Word and Excel documents show, drawn from the same layout (:mod:`.form`), with
each finding at its row and the rule's score beside the score of record where they differ —
and the narrative.

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
from html import escape
from importlib.resources import files

from markupsafe import Markup
from markupsafe import escape as markup_escape

from perfeval_core import (
    Finding,
    Form,
    Layout,
    PageLinks,
    Scorecard,
    Severity,
    build_layout,
    loads_form,
)

from . import draw
from .findings import Numbered
from .form import draw_layout
from .render import href, number, render

#: Where the links of :func:`finish_page` go in a rendered page (an HTML comment: text of the
#: page is escaped, so no project can write it).
LINKS = b"<!--perfeval-links-->"
#: The parts of the layout a page draws: the form and the narrative (the workbook's 计分明细 is
#: the page's own findings and rule scores).
ROLES = frozenset({"form", "narrative"})
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def page(card: Scorecard, findings: Sequence[Finding]) -> bytes:
    """The project's page (UTF-8 HTML), links to exported documents still to be put in."""
    layout = build_layout(card, roles=ROLES)
    parts = list(layout.parts)
    if card.evaluation.spec.narrative is not None and not any(p.role == "narrative" for p in parts):
        # a form without the narrative (the national ones): the page adds it
        parts.extend(build_layout(card, _narrative_form(), roles={"narrative"}).parts)
    drawn = draw_layout(parts, {leaf.path: leaf for leaf in card.leaves}, findings)
    project = card.evaluation.project
    sections = [
        f"<h1>{escape(project.name)}</h1>",
        f'<dl class="facts">\n{draw.facts(_facts(card, layout))}\n</dl>',
        _result(card, findings),
        _review(findings, drawn.unplaced, drawn.placed, drawn.first_of_code),
        *drawn.forms,
        *drawn.narratives,
    ]
    head, tail = _frame()
    name = str(markup_escape(project.name))  # as the template would escape it
    main = "\n".join(s for s in sections if s)
    return f"{name.join(head)}{main}{name.join(tail)}".encode()


#: Stand-ins for the project's name and the page's content, in the frame rendered once.
_NAME, _MAIN = "\ue000name\ue000", "\ue000main\ue000"


@functools.cache
def _frame() -> tuple[list[str], list[str]]:
    """The page's frame (project.html.j2) rendered once, cut where the project's name goes,
    before and after the content: the same page as rendering the template for each project,
    without the template's cost for each."""
    text = render("project.html.j2", root="../", name=_NAME, main=Markup(_MAIN)).decode()
    before, after = text.split(_MAIN)
    return before.split(_NAME), after.split(_NAME)


@functools.cache
def _narrative_form() -> Form:
    """The form of a narrative the page adds (narrative.toml: 情况表 or 自评报告)."""
    text = files("perfeval_html").joinpath("narrative.toml").read_text("utf-8")
    return loads_form(text, file="perfeval_html/narrative.toml")


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


def _facts(card: Scorecard, layout: Layout) -> list[tuple[str, str]]:
    ev = card.evaluation
    p = ev.project
    facts = [("填报单位", p.unit or "（未填写）")]
    if p.year is not None:
        facts.append(("项目实施年度", f"{p.year}"))
    if p.start or p.end:
        facts.append(("实施时间", f"{p.start or '？'} 至 {p.end or '？'}"))
    fw = ev.framework
    facts.append(("指标体系", f"{fw.title} ({fw.id})" if fw.title else fw.id))
    facts.append(("表样", f"{layout.subject} ({layout.form})" if layout.subject else layout.form))
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
        f'<p class="headline">总分 <strong class="total" data-value="{total}">{total}</strong>'
        f' / <span class="max" data-value="{most}">{most}</span>　评价等级 '
        f'<strong class="grade">{escape(card.grade_label)}</strong></p>',
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
    unplaced: list[Numbered],
    placed: list[Numbered],
    first_of_code: set[int],
) -> str:
    """审核发现: those about the whole evaluation in full, links to those in the tables."""
    lines = ['<section class="review" aria-labelledby="review-h">\n<h2 id="review-h">审核发现</h2>']
    if not findings:
        lines.append('<p class="none">未发现问题。</p>')
    if unplaced:
        lines.append("<p>关于整个评价（或不在表中的指标）的发现：</p>")
        lines.append(
            f'<ul class="findings whole">\n{draw.findings(unplaced, first_of_code)}\n</ul>'
        )
    if placed:
        lines.append(f"<p>表中各行的发现（共 {len(placed)} 条），见表中标出的行：</p>")
        lines.append(f'<ol class="jump">\n{draw.jumps(placed)}\n</ol>')
    lines.append("</section>")
    return "\n".join(lines)
