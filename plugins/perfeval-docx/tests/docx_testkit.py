"""Helpers of the perfeval-docx tests: where the seed data is, writing a card, and reading a
written .docx back (parts, paragraphs, the table as a grid).

A module with a name of its own (not ``conftest``) so that the tests can import it under any
pytest import mode; conftest.py puts this folder on ``sys.path``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import NamedTuple

from lxml import etree

import perfeval_docx
from perfeval_core import Scorecard


def _repo_root() -> Path:
    for folder in Path(__file__).resolve().parents:
        if (folder / "examples" / "rugao-2024").is_dir():
            return folder
    raise RuntimeError("cannot find the repository root (examples/rugao-2024) above the tests")


ROOT = _repo_root()
EXAMPLES = sorted((ROOT / "examples" / "rugao-2024").glob("*.toml"))
SEED_TEXT = ROOT / "tests" / "data" / "seed-rugao-2024.txt"


def render(card: Scorecard) -> bytes:
    """The .docx bytes of ``card``."""
    buffer = io.BytesIO()
    perfeval_docx.write(card, buffer)
    return buffer.getvalue()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NS = {"w": W_NS}


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def raw(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def body(data: bytes) -> etree._Element:
    return part(data, "word/document.xml").find(f"{W}body")


def text(element: etree._Element) -> str:
    """The text of a paragraph (or any element): w:t, with w:br as a newline and w:tab a tab."""
    out = []
    for node in element.iter(f"{W}t", f"{W}br", f"{W}tab"):
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag == f"{W}br":
            out.append("\n")
        else:
            out.append("\t")
    return "".join(out)


class Para(NamedTuple):
    text: str
    style: str | None
    element: etree._Element


def paragraphs(data: bytes) -> list[Para]:
    """The body's top-level paragraphs, with their style ids."""
    out = []
    for p in body(data).findall(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        out.append(Para(text(p), style.get(f"{W}val") if style is not None else None, p))
    return out


def is_page_break(p: etree._Element) -> bool:
    """The one-point paragraph that starts a table's next page."""
    return (
        p.tag == f"{W}p"
        and not text(p)
        and p.find(f"{W}pPr/{W}pageBreakBefore") is not None
        and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "TableText"
    )


def block_order(data: bytes) -> list[str]:
    """The body's blocks in order: a paragraph's text, or "<table>" (a table paginated into
    page tables counts once)."""
    out: list[str] = []
    for b in body(data):
        if b.tag == f"{W}tbl":
            if not out or out[-1] != "<table>":
                out.append("<table>")
        elif b.tag == f"{W}p" and not is_page_break(b):
            out.append(text(b))
    return out


class GridCell(NamedTuple):
    column: int
    span: int
    merge: str | None  # "restart", "continue" or None
    text: str
    width: int
    element: etree._Element


def table(data: bytes, index: int = 0) -> etree._Element:
    return body(data).findall(f"{W}tbl")[index]


def tables(data: bytes) -> list[etree._Element]:
    return body(data).findall(f"{W}tbl")


def is_header(tr: etree._Element) -> bool:
    return tr.find(f"{W}trPr/{W}tblHeader") is not None


def whole_grid(
    data: bytes, first: int = 0, count: int | None = None, merged: tuple[int, ...] = (0, 1)
) -> list[list[GridCell]]:
    """The rows of a table paginated into page tables, joined back into one: a continuation
    table's repeated header rows are left out, and a merged cell of a ``merged`` column that a
    page break split (its text shown again at the top of the next page) becomes the
    continuation it stands for."""
    found = tables(data)[first:]
    if count is not None:
        found = found[:count]
    rows: list[list[GridCell]] = []
    for n, tbl in enumerate(found):
        trs = tbl.findall(f"{W}tr")
        page = grid(tbl)
        if n:
            skip = 0
            while skip < len(trs) and is_header(trs[skip]):
                skip += 1
            page = page[skip:]
            if page and rows:
                top = []
                for cell in page[0]:
                    above = cell_at(rows[-1], cell.column)
                    if cell.column in merged and above is not None and cell.text:
                        start = _run_start(rows, cell.column)
                        if start is not None and start.text == cell.text:
                            if above.merge is None:  # the run's only row on the last page
                                rows[-1][rows[-1].index(above)] = above._replace(merge="restart")
                            cell = cell._replace(merge="continue", text="")
                    top.append(cell)
                page[0] = top
        rows.extend(page)
    return rows


def _run_start(rows: list[list[GridCell]], column: int) -> GridCell | None:
    """The first cell of the run (a merge, or a single cell) that ends ``rows`` in ``column``."""
    for row in reversed(rows):
        cell = cell_at(row, column)
        if cell is None:
            return None
        if cell.merge != "continue":
            return cell
    return None


def grid(tbl: etree._Element) -> list[list[GridCell]]:
    """Each row's cells with the grid column they start at, their span and vMerge."""
    rows = []
    for tr in tbl.findall(f"{W}tr"):
        col, cells = 0, []
        for tc in tr.findall(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(f"{W}val")) if span_el is not None else 1
            merge_el = tc.find(f"{W}tcPr/{W}vMerge")
            merge = None
            if merge_el is not None:
                merge = merge_el.get(f"{W}val", "continue")
            width = int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w"))
            cells.append(GridCell(col, span, merge, text(tc), width, tc))
            col += span
        rows.append(cells)
    return rows


def cell_at(row: list[GridCell], column: int) -> GridCell | None:
    for cell in row:
        if cell.column == column:
            return cell
    return None


def vertical_spans(rows: list[list[GridCell]], column: int) -> list[tuple[str, int]]:
    """(text, number of rows) of every vertical merge in ``column``."""
    spans: list[tuple[str, int]] = []
    open_ = False
    for row in rows:
        cell = cell_at(row, column)
        if cell is not None and cell.merge == "restart":
            spans.append((cell.text, 1))
            open_ = True
        elif cell is not None and cell.merge == "continue":
            assert open_, f"a continued merge without a start in column {column}"
            spans[-1] = (spans[-1][0], spans[-1][1] + 1)
        else:
            open_ = False
    return spans
