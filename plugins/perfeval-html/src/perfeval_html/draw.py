"""Layout rows, findings and lists as HTML, drawn in Python rather than in a template: a page
has a few hundred cells, and a template macro per cell would cost more than the scoring of the
project. Every text is escaped (``html.escape``, quotes too); the results are ``Markup`` for
the templates."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from markupsafe import Markup

from perfeval_core import PATH_SEPARATOR, Cell, Finding, ProjectRow, Row

from .render import SEVERITY, href, number

if TYPE_CHECKING:
    from .findings import Placement


def _tags(c: Cell, short: bool, rowspan: int) -> tuple[str, str]:
    """A cell's opening tag (without its number and the closing ``>``) and its closing tag:
    header cells (``th``) for headings (kept on one line when ``short``, as Word does up to five
    characters), the names of indicators, side labels and the total's label; the field it shows
    as its class; its spans."""
    if c.style == "head":
        tag, cls, scope = "th", "head short" if short else "head", "col"
    elif c.field == "levels":
        tag, cls, scope = "th", "name", "row"
    elif c.repeat and not c.field:  # a side label, down the left of its block
        tag, cls, scope = "th", "side", "rowgroup"
    elif c.style == "total" and not c.field:
        tag, cls, scope = "th", "total-label", "row"
    else:
        tag, cls, scope = "td", c.field, ""
    if c.align != "center":
        cls = f"{cls} {c.align}".strip()
    start = f"<{tag}"
    if cls:
        start += f' class="{cls}"'
    if scope:
        start += f' scope="{scope}"'
    if c.colspan > 1:
        start += f' colspan="{c.colspan}"'
    if rowspan > 1:
        start += f' rowspan="{rowspan}"'
    return start, f"</{tag}>"


#: The tags of a cell by what decides them (style, field, alignment, side label, spans, short):
#: a batch has few kinds of cell.
_TAGS: dict[tuple[str, str, str, bool, int, int, bool], tuple[str, str]] = {}
#: Headings up to this many characters are kept on one line.
SHORT = 5
#: Cell texts escaped, remembered: the same short texts (充分, 100%, 2) fill most tables.
_short = functools.lru_cache(maxsize=4096)(escape)
_RULE = '<span class="rule-score" title="按评分规则计算的得分与记录的得分不同">规则 {}</span>'


def row(
    r: Row,
    index: int,
    placement: Placement | None,
    *,
    flag: str | None = None,
    rule_score: str | None = None,
) -> str:
    """A table row (the ``index``-th of its table): its block and the class of its worst
    finding as classes, its indicator path; each cell with the field it shows as class, its
    spans (lengthened over rows of findings below) and exact number; the score cell with the
    rule's differing score beneath the score of record."""
    out = [f'<tr class="{r.block}"' if flag is None else f'<tr class="{r.block} flagged {flag}"']
    if r.path:
        out.append(f' data-path="{_path(r.path)}"')
    out.append(">")
    longer = placement.longer if placement is not None and index in placement.rows else None
    tags_of, escaped = _TAGS.get, _short
    for i, c in enumerate(r.cells):
        text = c.text
        rowspan = c.rowspan + longer.get((index, i), 0) if longer else c.rowspan
        style = c.style
        key = (
            style,
            c.field,
            c.align,
            c.repeat,
            c.colspan,
            rowspan,
            style == "head" and len(text) <= SHORT,
        )
        tags = tags_of(key)
        if tags is None:
            tags = _TAGS[key] = _tags(c, key[-1], rowspan)
        shown = escaped(text) if text else ""
        if rule_score is not None and c.field == "score":
            shown += _RULE.format(escape(rule_score))
        if c.number is None:
            out.append(f"{tags[0]}>{shown}{tags[1]}")
        else:  # the exact number; a number's text is already written as one (format_number)
            value = text if c.format == "number" else number(c.number)
            out.append(f'{tags[0]} data-value="{value}">{shown}{tags[1]}')
    out.append("</tr>")
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _path(path: tuple[str, ...]) -> str:
    """An indicator path for a ``data-path`` attribute (``产出指标 › 数量指标 › 培训人数``);
    remembered, as the rows of one framework repeat from project to project."""
    return escape(PATH_SEPARATOR.join(path))


def finding(n: int, f: Finding, *, first_of_code: bool = False) -> str:
    """One finding: severity, code, its check's label and message, with an anchor (``f-3``)
    and, for the first finding of its code on the page, the code's anchor (``code-W302``)."""
    sev = str(f.severity)
    path = f' data-path="{_path(f.path)}"' if f.path else ""
    anchor = f'<span id="code-{escape(f.code)}"></span>' if first_of_code else ""
    label = f'<span class="check-label">{escape(f.label)}</span>：' if f.label else ""
    return (
        f'<li class="finding {sev}" id="f-{n}" data-code="{escape(f.code)}"{path}>{anchor}'
        f'<span class="sev">{SEVERITY.get(sev, sev)}</span> <code>{escape(f.code)}</code> '
        f"{label}"
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
    """Links to the findings in the table, each with its code, label and the indicator's
    path."""
    return Markup(
        "\n".join(
            f'<li><a href="#f-{n}"><code>{escape(f.code)}</code> '
            f"{escape(f.label + '：' if f.label else '')}"
            f"{escape(PATH_SEPARATOR.join(f.path))}</a></li>"
            for n, f in items
        )
    )
