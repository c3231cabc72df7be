"""A project's page: its facts, total and grade, the 评分表 with each finding at its row and the
rule's score beside the score of record where they differ, the budget block and the narrative.

The page is rendered where the project is scored (:func:`page`); the links only the whole batch
knows — the exported document — are put in by :func:`finish_page` in the main process.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from perfeval_core import (
    BudgetSpec,
    Finding,
    NarrativeSpec,
    PageLinks,
    Scorecard,
    SectionSpec,
    Severity,
    format_number,
    show_path,
)

from . import table
from .findings import Notes, place
from .render import href, render

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
_PARAGRAPH = re.compile(r"\n\s*\n")


class Line(NamedTuple):
    """A line of the table body as drawn: a row (with its anchor, the worst severity of its
    findings and the rule's differing score) or a row of findings."""

    row: table.Row | None = None
    notes: Notes | None = None
    id: str | None = None
    flag: str | None = None
    rule_score: str | None = None


class Section(NamedTuple):
    heading: str
    paragraphs: tuple[str, ...]
    sections: tuple[Section, ...]


class Narrative(NamedTuple):
    title: str
    sections: tuple[Section, ...]


class Budget(NamedTuple):
    unit: str
    rows: tuple[tuple[str, Decimal], ...]
    #: The leaves computed from the budget: name, row anchor, computed value, weight, score.
    computed: tuple[tuple[str, str, str, Decimal, Decimal | None], ...]


def page(card: Scorecard, findings: Sequence[Finding]) -> bytes:
    """The project's page (UTF-8 HTML), links to exported documents still to be put in."""
    ev = card.evaluation
    rows = table.rows(card)
    head = [r for r in rows if r.kind == "head"]
    body, unplaced = place([r for r in rows if r.kind != "head"], findings, table.COLUMNS)
    leaves = {leaf.path: leaf for leaf in card.leaves}
    anchors: dict[tuple[str, ...], str] = {}
    worst: dict[tuple[str, ...], str] = {}
    lines = []
    for item in body:
        if isinstance(item, Notes):
            lines.append(Line(notes=item))
            for _, f in item.findings:  # the row the findings are about is flagged
                if _rank(f.severity) < _rank(worst.get(item.path)):
                    worst[item.path] = f.severity
            continue
        line_id = None
        if item.path is not None:
            line_id = anchors.setdefault(item.path, f"row-{len(anchors) + 1}")
        leaf = leaves.get(item.path) if item.path else None
        rule = leaf.result.score if leaf else None
        differs = leaf is not None and rule is not None and rule != leaf.score
        lines.append(Line(item, id=line_id, rule_score=format_number(rule) if differs else None))
    lines = [
        ln._replace(flag=worst.get(ln.row.path)) if ln.row and ln.row.path in worst else ln
        for ln in lines
    ]
    placed = [
        (n, f, show_path(f.path))
        for item in body
        if isinstance(item, Notes)
        for n, f in item.findings
    ]
    placed.sort(key=lambda t: t[0])
    first_of_code: set[int] = set()
    seen: set[str] = set()
    for n, f in enumerate(findings, start=1):
        if f.code not in seen:
            seen.add(f.code)
            first_of_code.add(n)
    project = ev.project
    return render(
        "project.html.j2",
        root="../",
        card=card,
        project=project,
        facts=_facts(card),
        stated=ev.spec.stated_total,
        counts=[(str(s), sum(1 for f in findings if f.severity is s)) for s in _SEVERITIES],
        findings=findings,
        unplaced=unplaced,
        placed=placed,
        first_of_code=first_of_code,
        budget=_budget(card, ev.spec.budget, anchors),
        head=head,
        lines=lines,
        table_title=f"项目支出绩效自我评价评分表{f'（{project.year}年）' if project.year else ''}",
        narrative=_narrative(ev.spec.narrative),
    )


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


def _rank(severity: str | None) -> int:
    return {"error": 0, "warning": 1, "info": 2}.get(str(severity), 3)


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
    facts.append(("评分等级", f"{card.grade.label}（{card.grade.policy}）"))
    if ev.path is not None:
        facts.append(("评价文件", ev.path.name))
    return facts


def _budget(
    card: Scorecard, spec: BudgetSpec | None, anchors: dict[tuple[str, ...], str]
) -> Budget | None:
    if spec is None:
        return None
    rows = tuple(
        (label, value) for key, label in BUDGET_ROWS if (value := getattr(spec, key)) is not None
    )
    computed = tuple(
        (
            show_path(leaf.path),
            anchors.get(leaf.path, ""),
            leaf.actual_text,
            leaf.weight,
            leaf.score,
        )
        for leaf in card.leaves
        if leaf.rule.computes_actual
    )
    return Budget(spec.unit, rows, computed) if rows or computed else None


def _narrative(spec: NarrativeSpec | None) -> Narrative | None:
    if spec is None or not spec.sections:
        return None
    title = spec.title or (
        "项目支出绩效自我评价情况表" if spec.form == "情况表" else "项目支出绩效自评报告"
    )
    return Narrative(title, tuple(_section(s) for s in spec.sections))


def _section(spec: SectionSpec) -> Section:
    paragraphs = tuple(p.strip() for p in _PARAGRAPH.split(spec.text) if p.strip())
    return Section(spec.heading, paragraphs, tuple(_section(s) for s in spec.sections))
