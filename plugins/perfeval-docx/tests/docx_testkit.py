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


def block_order(data: bytes) -> list[str]:
    """The body's blocks in order: a paragraph's text, or "<table>"."""
    return [
        text(b) if b.tag == f"{W}p" else "<table>"
        for b in body(data)
        if b.tag in (f"{W}p", f"{W}tbl")
    ]


class GridCell(NamedTuple):
    column: int
    span: int
    merge: str | None  # "restart", "continue" or None
    text: str
    width: int
    element: etree._Element


def table(data: bytes, index: int = 0) -> etree._Element:
    return body(data).findall(f"{W}tbl")[index]


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
