"""The form drawn as HTML: the third renderer of the core's layout, beside Word and Excel.

Every part of the layout is a ``section``; its paragraphs are headings and paragraphs by their
style, its tables HTML tables with the layout's cells — the same text, the same spans — so the
page shows what the Word and Excel documents show, on whichever form the evaluation is laid out.
On top of that, the page's own additions: each finding in a row under the row it is about
(:mod:`.findings`), that row tinted by its most serious finding, and the rule's score beneath
the score of record where they differ (``7`` / ``规则 8``).

A layout table is one HTML table, its columns sized by what they hold; when it starts with
its header rows (如皋's 评分表), they are its ``thead`` and repeat on every printed page.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from html import escape

from perfeval_core import Finding, LeafScore, Paragraph, Part, Table, format_number

from . import draw
from .findings import Notes, Numbered, place, shown

#: Paragraph styles and the element each is drawn as (heading levels under the page's h1).
PARAGRAPH = {
    "title": ("h2", "title"),
    "heading1": ("h3", ""),
    "heading2": ("h4", ""),
    "heading3": ("h5", ""),
    "subtitle": ("p", "subtitle"),
    "field": ("p", "field"),
    "label": ("p", "label"),
    "body": ("p", ""),
    "grade": ("p", "grade-line"),
    "note": ("p", "note"),
    "draft": ("p", "draft"),
}
_RANK = {"error": 0, "warning": 1, "info": 2}


class Drawn:
    """A layout's parts drawn (:func:`draw_layout`): the form parts, the narrative parts, the
    findings about no row of a table and those at their rows, and the numbers of the findings
    that are the first of their code (they carry the code's anchor)."""

    def __init__(self, first_of_code: set[int]) -> None:
        self.forms: list[str] = []
        self.narratives: list[str] = []
        self.unplaced: list[Numbered] = []
        self.placed: list[Numbered] = []
        self.first_of_code = first_of_code


def draw_layout(
    parts: Sequence[Part], leaves: dict[tuple[str, ...], LeafScore], findings: Sequence[Finding]
) -> Drawn:
    """The parts of a layout as HTML, with ``findings`` (numbered from 1) at their rows;
    ``leaves`` by path give the rule's score of each leaf row."""
    numbered = list(enumerate(findings, start=1))
    tables = [b for p in parts for b in p.blocks if isinstance(b, Table)]
    mine: dict[int, list[Numbered]] = {}  # findings by the table (its id) they are drawn in
    drawn = Drawn(_first_of_code(findings))
    if findings:
        paths = [shown(t) for t in tables]
        for item in numbered:
            path = tuple(item[1].path)
            at = next((i for i, p in enumerate(paths) if path and path in p), None)
            if at is None:
                drawn.unplaced.append(item)
            else:
                mine.setdefault(id(tables[at]), []).append(item)
                drawn.placed.append(item)
    for n, part in enumerate(parts, start=1):
        html = _part(part, n, leaves, mine, drawn.first_of_code)
        (drawn.narratives if part.role == "narrative" else drawn.forms).append(html)
    return drawn


def _first_of_code(findings: Sequence[Finding]) -> set[int]:
    """The numbers of the findings that are the first of their code on the page."""
    first: dict[str, int] = {}
    for n, f in enumerate(findings, start=1):
        first.setdefault(f.code, n)
    return set(first.values())


def _part(
    part: Part,
    n: int,
    leaves: dict[tuple[str, ...], LeafScore],
    mine: dict[int, list[Numbered]],
    first_of_code: set[int],
) -> str:
    """A part as a ``section`` (its role and orientation as classes, for the print pages)."""
    title = next(
        (b.text for b in part.blocks if isinstance(b, Paragraph) and b.style == "title"), part.name
    )
    out = [
        f'<section class="part {part.role} {part.orientation}" id="part-{n}" '
        f'aria-label="{escape(title)}">'
    ]
    for block in part.blocks:
        if isinstance(block, Paragraph):
            out.append(_paragraph(block))
        else:
            out.append(_table(block, title, leaves, mine.get(id(block), ()), first_of_code))
    out.append("</section>")
    return "\n".join(out)


def _paragraph(p: Paragraph) -> str:
    tag, cls = PARAGRAPH.get(p.style, ("p", ""))
    if p.align:
        cls = f"{cls} {p.align}".strip()
    attr = f' class="{cls}"' if cls else ""
    return f"<{tag}{attr}>{escape(p.text)}</{tag}>"


@functools.lru_cache(maxsize=64)
def _colgroup(kinds: tuple[str, ...]) -> str:
    """The columns of a table, each with what it holds as class, for its width (site.css); the
    same for every table of a form, so drawn once."""
    cols = "".join(f'<col class="k-{k}">' for k in kinds)
    return f"<colgroup>{cols}</colgroup>"


def _table(
    table: Table,
    title: str,
    leaves: dict[tuple[str, ...], LeafScore],
    findings: Sequence[Numbered],
    first_of_code: set[int],
) -> str:
    """A layout table as an HTML table, findings at their rows."""
    rows = table.rows
    placement = place(table, findings) if findings else None
    worst: dict[tuple[str, ...], str] = {}
    if placement is not None:
        for notes in placement.after.values():
            for note in notes:
                for _, f in note.findings:
                    if _RANK.get(f.severity, 3) < _RANK.get(worst.get(note.path, ""), 3):
                        worst[note.path] = f.severity
    heads = _head_rows(table)
    out = [
        f'<table class="form">\n<caption>{escape(title)}</caption>',
        _colgroup(tuple(c.kind for c in table.columns)),
    ]
    if heads:
        out.append("<thead>")
        out.extend(draw.row(rows[r], r, placement) for r in range(heads))
        out.append("</thead>")
    out.append("<tbody>")
    for r in range(heads, len(rows)):
        row = rows[r]
        path = row.path
        rule = flag = None
        if path is not None:
            leaf = leaves.get(path)
            if leaf is not None and leaf.result.score is not None:
                if leaf.result.score != leaf.score:
                    rule = format_number(leaf.result.score)
            flag = worst.get(path)
        out.append(draw.row(row, r, placement, flag=flag, rule_score=rule))
        if placement is not None and r in placement.after:
            out.extend(_notes(placement.after[r], first_of_code))
    out.append("</tbody>\n</table>")
    return "\n".join(out)


def _notes(notes: Iterable[Notes], first_of_code: set[int]) -> Iterable[str]:
    for note in notes:
        yield draw.notes(note.findings, note.path, note.colspan, first_of_code)


def _head_rows(table: Table) -> int:
    """How many rows of ``table`` go in its ``thead`` (repeated on every printed page): the
    header rows it starts with, unless a cell of theirs reaches below them (a side label down
    the whole grid: a cell cannot span from a ``thead`` into the body)."""
    rows = table.rows
    n = 0
    while n < len(rows) and rows[n].header:
        n += 1
    if any(r + c.rowspan > n for r in range(n) for c in rows[r].cells):
        return 0
    return n
