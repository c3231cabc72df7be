"""Reader for PDFs with a text layer, with pdfplumber.

Tables are found by their ruling lines. pdfplumber gives a merged cell once and None at the
grid positions it covers; the reader gives every cell its span from the ruling (which column
and row lines the cell's box crosses), so covered positions carry the span and no text. A
table that goes on at the top of the next page with the same columns, with nothing but a page
number between, is joined into one table (repeated header rows kept as they are). Text outside
tables becomes text lines. `line` numbers a page's lines top to bottom, a table row counting as
one line. A PDF without any text layer (a scan) is an error; single pages without one are noted.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import ReadError
from .grid import Document, Location, Span, Table, TextLine, build_table
from .normalize import normalize_line, normalize_text

__all__ = ["read_pdf"]

_TOLERANCE = 2.0  # points: ruling positions closer than this are the same line
_PAGE_NUMBER = re.compile(
    r"[-—–\s]*(?:第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+(?:\s*/\s*\d+)?)"
    r"[-—–\s]*"
)
_OCR_HINT = (
    "run OCR on it first (e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`), or export the "
    "PDF again from the Word/Excel original"
)


@dataclass
class _Part:
    """One table as found on one page."""

    page: int
    top: float
    bottom: float
    xs: list[float]  # column boundaries
    rows: list[list[tuple[str, object]]]
    spans: list[Span]
    row_tops: list[float]
    lines: list[int] = field(default_factory=list)  # page line number of each row


def read_pdf(path: str | os.PathLike[str]) -> Document:
    """Read the ruled tables and the text lines of a PDF's text layer."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    source = os.fspath(path)
    notes: list[str] = []
    parts: list[_Part] = []
    lines: list[TextLine] = []
    pages_without_text: list[int] = []
    cid_chars = total_chars = 0
    try:
        with pdfplumber.open(source) as pdf:
            page_count = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                chars = page.chars
                total_chars += len(chars)
                cid_chars += sum(1 for ch in chars if ch.get("text", "").startswith("(cid:"))
                if not chars:
                    pages_without_text.append(number)
                    continue
                page_parts, page_lines = _page(page, number)
                parts.extend(page_parts)
                lines.extend(page_lines)
                page.close()
    except FileNotFoundError as exc:
        raise ReadError(source, "no such file", "check the path") from exc
    except (PdfminerException, PDFPasswordIncorrect, PDFSyntaxError) as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
            raise ReadError(
                source,
                "the PDF is protected by a password",
                "open it with the password and print or save a copy without one",
            ) from exc
        raise ReadError(
            source,
            f"the PDF is damaged or not a PDF ({type(cause).__name__})",
            "download it again, or export it again from the original",
        ) from exc
    if not total_chars:
        raise ReadError(
            source,
            f"the PDF has no text layer on any of its {page_count} page(s) (a scanned image)",
            _OCR_HINT,
        )
    if cid_chars * 2 > total_chars:
        raise ReadError(
            source,
            "the PDF's fonts carry no Unicode mapping: its text comes out as (cid:…) codes",
            _OCR_HINT,
        )
    if pages_without_text:
        notes.append(
            f"page(s) {', '.join(map(str, pages_without_text))} have no text layer "
            "(scanned?) and were skipped"
        )
    if not parts:
        notes.append("no ruled tables found: the text is kept as lines")
    tables = _join(parts, lines)
    return Document(source, tuple(tables), tuple(lines), tuple(notes))


def _page(page: Any, number: int) -> tuple[list[_Part], list[TextLine]]:
    found = page.find_tables()
    parts = [_part(table, number) for table in found]
    parts = [part for part in parts if part.rows]
    outside = page
    for table in found:
        outside = outside.outside_bbox(table.bbox, strict=False)
    text_lines = [
        (line["top"], line["text"]) for line in outside.extract_text_lines() if line["text"].strip()
    ]
    events: list[tuple[float, int, int]] = [(top, 0, i) for i, (top, _) in enumerate(text_lines)]
    for p, part in enumerate(parts):
        events.extend((top, 1, p * 100000 + r) for r, top in enumerate(part.row_tops))
    result: list[TextLine] = []
    for ordinal, (_, kind, index) in enumerate(sorted(events), start=1):
        if kind == 0:
            raw = text_lines[index][1]
            result.append(TextLine(normalize_line(raw), raw, Location(page=number, line=ordinal)))
        else:
            parts[index // 100000].lines.append(ordinal)
    return parts, result


def _part(table: Any, page: int) -> _Part:
    cells = [cell for cell in table.cells if cell is not None]
    xs = _edges([c[0] for c in cells] + [c[2] for c in cells])
    ys = _edges([c[1] for c in cells] + [c[3] for c in cells])
    if len(xs) < 2 or len(ys) < 2:
        return _Part(page, 0, 0, xs, [], [], [])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    grid: list[list[tuple[str, object]]] = [[("", None)] * n_cols for _ in range(n_rows)]
    spans = []
    texts = _cell_texts(table, cells)
    for cell in cells:
        c0, c1 = _index(xs, cell[0]), _index(xs, cell[2])
        r0, r1 = _index(ys, cell[1]), _index(ys, cell[3])
        if c1 <= c0 or r1 <= r0:
            continue
        raw = texts.get(cell, "")
        grid[r0][c0] = (normalize_text(raw), raw)
        if (r1 - r0) * (c1 - c0) > 1:
            spans.append(Span(r0, c0, r1 - r0, c1 - c0))
    return _Part(page, ys[0], ys[-1], xs, grid, spans, ys[:-1])


def _cell_texts(table: Any, cells: list[tuple[float, float, float, float]]) -> dict[Any, str]:
    """Text of each cell box, from pdfplumber's own extraction (aligned with `table.rows`)."""
    texts: dict[Any, str] = {}
    for row, values in zip(table.rows, table.extract(), strict=False):
        for box, value in zip(row.cells, values, strict=False):
            if box is not None:
                texts[box] = value or ""
    return texts


def _edges(values: list[float]) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > _TOLERANCE:
            edges.append(value)
    return edges


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _join(parts: list[_Part], lines: list[TextLine]) -> list[Table]:
    """Tables from the page parts, joining a part with the next when the table goes on."""
    groups: list[list[_Part]] = []
    for part in parts:
        if groups and _continues(groups[-1][-1], part, lines):
            groups[-1].append(part)
        else:
            groups.append([part])
    tables = []
    for index, group in enumerate(groups, start=1):
        rows: list[list[tuple[str, object]]] = []
        spans: list[Span] = []
        where: list[tuple[int, int, int]] = []  # page, line, row within its page's part
        for part in group:
            offset = len(rows)
            rows.extend(part.rows)
            spans.extend(Span(s.top + offset, s.left, s.rows, s.cols) for s in part.spans)
            where.extend((part.page, line, r) for r, line in enumerate(part.lines))
        first = group[0]
        pages = sorted({part.page for part in group})
        name = (
            f"table {index} (page {pages[0]})"
            if len(pages) == 1
            else f"table {index} (pages {pages[0]}-{pages[-1]})"
        )

        places = [
            Location(page=page, line=line, table=index, row=r, col=0)
            for r, (page, line, _) in enumerate(where)
        ]
        tables.append(
            build_table(
                name,
                rows,
                spans,
                places,
                origin=Location(page=first.page, line=first.lines[0], table=index),
            )
        )
    return tables


def _continues(before: _Part, after: _Part, lines: list[TextLine]) -> bool:
    """True when `after` is the same table going on at the top of the next page."""
    if after.page != before.page + 1 or len(after.xs) != len(before.xs):
        return False
    if any(abs(a - b) > _TOLERANCE for a, b in zip(before.xs, after.xs, strict=True)):
        return False
    last_line, first_line = before.lines[-1], after.lines[0]
    for line in lines:
        page, number = line.location.page, line.location.line or 0
        between = (page == before.page and number > last_line) or (
            page == after.page and number < first_line
        )
        if between and not _PAGE_NUMBER.fullmatch(line.text):
            return False
    return True
