"""Table rows and findings as HTML, drawn in Python rather than in a template: a page has a few
hundred cells, and a template macro per cell would cost more than the scoring of the project.
Every text is escaped (``html.escape``, quotes too); the results are ``Markup`` for the
templates."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from html import escape

from markupsafe import Markup

from perfeval_core import PATH_SEPARATOR, Finding, ProjectRow, SectionSpec

from .render import SEVERITY, href, number
from .table import Cell, Row

_BLANK_LINE = re.compile(r"\n\s*\n")


def cell(c: Cell, rule_score: str | None = None) -> str:
    """One cell: ``th`` or ``td`` with its role as class, spans, scope and exact number; the
    score cell shows the rule's differing score beneath the score of record."""
    key = (c.header, c.role, c.align, c.scope)
    start = _OPEN.get(key)
    if start is None:
        tag = "th" if c.header else "td"
        start = f'<{tag} class="{c.role}{" left" if c.align == "left" else ""}"'
        if c.scope:
            start += f' scope="{c.scope}"'
        start = _OPEN.setdefault(key, start)
    if c.colspan > 1:
        start += f' colspan="{c.colspan}"'
    if c.rowspan > 1:
        start += f' rowspan="{c.rowspan}"'
    if c.number is not None:
        start += f' data-value="{number(c.number)}"'
    text = _short(c.text) if c.text else ""
    if rule_score is not None and c.role == "score":
        text += (
            '<span class="rule-score" title="按评分规则计算的得分与记录的得分不同">'
            f"规则 {escape(rule_score)}</span>"
        )
    return f"{start}>{text}</{'th' if c.header else 'td'}>"


#: The opening of a cell's tag, by its kind (header, role, align, scope): a page has few kinds.
_OPEN: dict[tuple[bool, str, str, str | None], str] = {}
#: Cell texts escaped, remembered: the same short texts (充分, 100%, 2) fill most tables.
_short = functools.lru_cache(maxsize=4096)(escape)


def row(
    r: Row, *, id: str | None = None, flag: str | None = None, rule_score: str | None = None
) -> str:
    """A table row with its anchor, the class of its worst finding and its indicator path."""
    start = f'<tr id="{id}"' if id else "<tr"
    start += f' class="{r.kind}"' if flag is None else f' class="{r.kind} flagged {flag}"'
    if r.path:
        start += f' data-path="{_path(r.path)}"'
    return f"{start}>{''.join([cell(c, rule_score) for c in r.cells])}</tr>"


@functools.lru_cache(maxsize=4096)
def _path(path: tuple[str, ...]) -> str:
    """An indicator path for a ``data-path`` attribute (``产出指标 › 数量指标 › 培训人数``);
    remembered, as the rows of one framework repeat from project to project."""
    return escape(PATH_SEPARATOR.join(path))


def finding(n: int, f: Finding, *, first_of_code: bool = False) -> str:
    """One finding: severity, code and message, with an anchor (``f-3``) and, for the first
    finding of its code on the page, the code's anchor (``code-W302``)."""
    sev = str(f.severity)
    path = f' data-path="{_path(f.path)}"' if f.path else ""
    anchor = f'<span id="code-{escape(f.code)}"></span>' if first_of_code else ""
    return (
        f'<li class="finding {sev}" id="f-{n}" data-code="{escape(f.code)}"{path}>{anchor}'
        f'<span class="sev">{SEVERITY.get(sev, sev)}</span> <code>{escape(f.code)}</code> '
        f'<span class="message">{escape(f.message)}</span></li>'
    )


def findings(items: Iterable[tuple[int, Finding]], first_of_code: set[int]) -> Markup:
    """A list of findings."""
    return Markup("\n".join(finding(n, f, first_of_code=n in first_of_code) for n, f in items))


def notes(
    items: Iterable[tuple[int, Finding]], path: tuple[str, ...], colspan: int, first: set[int]
) -> str:
    """The row of findings under the row they are about, ``colspan`` columns wide."""
    return (
        f'<tr class="notes" data-path="{_path(path)}"><td colspan="{colspan}">'
        f'<ul class="findings">{findings(items, first)}</ul></td></tr>'
    )


def sections(items: Iterable[SectionSpec], level: int = 3) -> Markup:
    """Narrative sections: a heading each (``h3``, ``h4`` … down to ``h6``), the paragraphs of
    its text (split at blank lines; line breaks inside a paragraph kept) and its sub-sections."""
    out = []
    for s in items:
        out.append(f'<section class="part">\n<h{level}>{escape(s.heading)}</h{level}>')
        out.extend(f"<p>{escape(p)}</p>" for p in _paragraphs(s.text))
        if s.sections:
            out.append(sections(s.sections, min(level + 1, 6)))
        out.append("</section>")
    return Markup("\n".join(out))


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]


def project_item(
    number_in_batch: int, r: ProjectRow, root: str, code: str | None, n: int | None
) -> str:
    """A project in a list: number, name (linked to its page; on a code's list to the code's
    first finding there), unit, total, grade, findings by severity (and the code's count)."""
    codes = " ".join(dict.fromkeys(r.codes))
    name = escape(r.project)
    if r.page:
        target = f"{root}{href(r.page)}" + (f"#code-{href(code)}" if code else "")
        name = f'<a href="{escape(target)}">{name}</a>'
    total = number(r.total)
    flag = ' class="error"' if r.errors else ""
    cells = (
        f'<td data-value="{number_in_batch}">{number_in_batch}</td>'
        f'<th scope="row" class="left">{name}</th>'
        f'<td class="left">{escape(r.unit_label)}</td>'
        f'<td class="score" data-value="{total}">{total}</td>'
        f'<td class="grade">{escape(r.grade)}</td>'
        f'<td data-value="{r.errors}"{flag}>{r.errors}</td>'
        f'<td data-value="{r.warnings}">{r.warnings}</td>'
        f'<td data-value="{r.infos}">{r.infos}</td>'
    )
    if code is not None:
        cells += f'<td data-value="{n}">{n}</td>'
    return (
        f'<tr data-grade="{escape(r.grade)}" data-errors="{r.errors}" '
        f'data-codes="{escape(codes)}">{cells}</tr>'
    )


def facts(items: Iterable[tuple[str, str]]) -> Markup:
    """The project's facts as the items of a ``dl``."""
    return Markup(
        "\n".join(f"<div><dt>{escape(k)}</dt><dd>{escape(v)}</dd></div>" for k, v in items)
    )


def counts(items: Iterable[tuple[str, int]]) -> Markup:
    """The number of findings by severity (``错误 0 · 警告 2 · 提示 1``)."""
    return Markup(
        " · ".join(
            f'<span class="count {sev}" data-severity="{sev}" data-count="{n}">'
            f"{SEVERITY.get(sev, sev)} {n}</span>"
            for sev, n in items
        )
    )


def jumps(items: Iterable[tuple[int, Finding]]) -> Markup:
    """Links to the findings in the table, each with its code and the indicator's path."""
    return Markup(
        "\n".join(
            f'<li><a href="#f-{n}"><code>{escape(f.code)}</code> '
            f"{escape(PATH_SEPARATOR.join(f.path))}</a></li>"
            for n, f in items
        )
    )
