"""Reader for Word documents (.docx, .docm) that walks the WordprocessingML itself with lxml.

python-docx's `Row.cells` repeats a merged cell at every grid position and has no reader for
vertical merges, so the reader follows `w:tbl`/`w:tr`/`w:tc` directly: `w:gridSpan` and the
legacy `w:hMerge` for horizontal merges, `w:vMerge` (restart/continue) for vertical ones,
`w:gridBefore`/`w:gridAfter` for rows that start late or end early, and content controls
(`w:sdt`) and custom XML around rows and cells. A table nested in a cell becomes a table of its
own (named after the cell that holds it) and is reported in the notes. Paragraphs outside tables
are kept as text lines; `line` numbers body blocks (paragraphs and tables) in order.
"""

from __future__ import annotations

import os
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from .errors import ReadError
from .grid import Document, Location, Span, Table, TextLine, build_table
from .normalize import normalize_line, normalize_text
from .read import encrypted_error, is_encrypted_office

__all__ = ["read_docx"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STRICT_W = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_WRAPPERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"}
_OLE = bytes.fromhex("D0CF11E0A1B11AE1")
_RESAVE = "open it in Word or WPS and save it again as .docx"
# Symbol-font code points that stand for comparators (Insert → Symbol in Word).
_SYMBOL_FONT = {
    0xB3: "≥",
    0xA3: "≤",
    0xB9: "≠",
    0x3D: "=",
    0x3E: ">",
    0x3C: "<",
    0xB1: "±",
    0xB4: "×",
    0xB8: "÷",
    0xBC: "…",
    0x2D: "-",
}
_TEXT_TAGS = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}sym", f"{W}noBreakHyphen", f"{W}ptab")


def read_docx(path: str | os.PathLike[str]) -> Document:
    """Read every table of a Word document (nested ones too) and its body paragraphs."""
    source = os.fspath(path)
    body = _body(source)
    walker = _Walker()
    walker.blocks(body)
    if not walker.tables:
        raise ReadError(
            source,
            "the document has no tables (only text)",
            "give the file that holds the 自评表/申报表 as a Word table, or its Excel workbook",
        )
    return Document(source, tuple(walker.tables), tuple(walker.lines), tuple(walker.notes))


def _body(source: str) -> etree._Element:
    try:
        with open(source, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ReadError(
            source,
            f"cannot open the file: {exc.strerror}",
            "check the path and that the file can be read",
        ) from exc
    if head == _OLE:
        if is_encrypted_office(source):
            raise encrypted_error(source, "docx")
        raise ReadError(
            source,
            "this is a Word 97-2003 .doc file, not a .docx",
            "open it in Word or WPS and save it as .docx (Word 文档)",
        )
    try:
        with zipfile.ZipFile(source) as archive:
            part = _main_part(archive)
            data = archive.read(part)
    except (zipfile.BadZipFile, EOFError) as exc:
        raise ReadError(
            source,
            "the file is not a valid .docx (damaged zip archive)",
            f"the download may have broken off: {_RESAVE}",
        ) from exc
    except KeyError as exc:
        raise ReadError(
            source, "the .docx has no main document part", f"the file is damaged: {_RESAVE}"
        ) from exc
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(source, f"the document XML is damaged ({exc})", _RESAVE) from exc
    if root.tag.startswith(_STRICT_W):
        raise ReadError(
            source,
            "the document is saved as Strict Open XML",
            "save it again as a normal Word 文档 (.docx), not 'Strict Open XML'",
        )
    for fallback in list(root.iter(_MC_FALLBACK)):  # alternative copies of the same content
        parent = fallback.getparent()
        if parent is not None:
            parent.remove(fallback)
    body = root.find(f"{W}body")
    if body is None:
        raise ReadError(source, "the document has no body", f"the file is damaged: {_RESAVE}")
    return body


def _main_part(archive: zipfile.ZipFile) -> str:
    if "_rels/.rels" in archive.NameToInfo:
        root = etree.fromstring(archive.read("_rels/.rels"), _PARSER)
        for rel in root.iter(f"{_REL}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                return posixpath.normpath(str(rel.get("Target", "")).lstrip("/"))
    return "word/document.xml"


def paragraph_text(paragraph: etree._Element) -> str:
    """The text of a `w:p` as Word shows it: tabs, line breaks and Symbol-font comparators
    kept; deleted revisions and field codes left out."""
    parts = []
    for node in paragraph.iter(_TEXT_TAGS):
        tag = node.tag
        if tag == f"{W}t":
            parts.append(node.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:  # w:sym
            code = int(node.get(f"{W}char", "0"), 16)
            code = code - 0xF000 if code >= 0xF000 else code
            parts.append(_SYMBOL_FONT.get(code, chr(code) if code >= 0x20 else ""))
    return "".join(parts)


@dataclass
class _Entry:
    """One `w:tc` placed on the grid."""

    row: int
    col: int
    cols: int
    vmerge: str | None  # "restart", "continue" or None
    raw: str
    rows: int = 1


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _val(element: etree._Element | None, default: str | None = None) -> str | None:
    return default if element is None else element.get(f"{W}val", default)


class _Walker:
    def __init__(self) -> None:
        self.tables: list[Table] = []
        self.lines: list[TextLine] = []
        self.notes: list[str] = []
        self.block = 0

    def blocks(self, container: etree._Element) -> None:
        for child in container:
            if child.tag == f"{W}p":
                self.block += 1
                raw = paragraph_text(child)
                if raw.strip():
                    self.lines.append(TextLine(normalize_line(raw), raw, Location(line=self.block)))
            elif child.tag == f"{W}tbl":
                self.block += 1
                self.table(child, None)
            elif child.tag in _WRAPPERS:
                self.blocks(child)

    def table(self, tbl: etree._Element, parent: Location | None) -> None:
        index = len(self.tables) + 1
        self.tables.append(None)  # type: ignore[arg-type]  # placeholder keeps document order
        entries: list[list[_Entry]] = []
        nested: list[tuple[etree._Element, int, int]] = []
        grid_cols = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
        for r, tr in enumerate(_children(tbl, f"{W}tr")):
            col = int(_val(tr.find(f"{W}trPr/{W}gridBefore"), "0") or 0)
            row: list[_Entry] = []
            for tc in _children(tr, f"{W}tc"):
                pr = tc.find(f"{W}tcPr")
                span = int(_val(pr.find(f"{W}gridSpan") if pr is not None else None, "1") or 1)
                vmerge_el = pr.find(f"{W}vMerge") if pr is not None else None
                vmerge = None if vmerge_el is None else _val(vmerge_el, "continue")
                hmerge_el = pr.find(f"{W}hMerge") if pr is not None else None
                hmerge = None if hmerge_el is None else _val(hmerge_el, "continue")
                paragraphs: list[etree._Element] = []
                for child in tc:
                    if child.tag == f"{W}tbl":
                        nested.append((child, r, col))
                    elif child.tag == f"{W}p" or child.tag in _WRAPPERS:
                        paragraphs.extend(
                            [child] if child.tag == f"{W}p" else _children(child, f"{W}p")
                        )
                raw = "\n".join(paragraph_text(p) for p in paragraphs)
                if hmerge == "continue" and row and row[-1].col + row[-1].cols == col:
                    row[-1].cols += max(span, 1)  # legacy horizontal merge
                else:
                    row.append(_Entry(r, col, max(span, 1), vmerge, raw))
                col += max(span, 1)
            entries.append(row)
        width = max([grid_cols] + [e.col + e.cols for row in entries for e in row])
        spans = self._vertical(entries)
        rows: list[list[tuple[str, object]]] = []
        for row in entries:
            line: list[tuple[str, object]] = [("", None)] * width
            for e in row:
                line[e.col] = (normalize_text(e.raw), e.raw)
            rows.append(line)
        if not entries:
            self.notes.append(f"table {index} has no rows: skipped")
        name = f"table {index}" if parent is None else f"table {index} (in {parent})"
        origin = Location(table=index, line=self.block)
        places = [Location(table=index, row=r, col=0) for r in range(len(rows))]
        self.tables[index - 1] = build_table(name, rows, spans, places, origin=origin)
        for child, r, c in nested:
            where = Location(table=index, row=r, col=c)
            self.notes.append(f"a table nested in {where} is read as table {len(self.tables) + 1}")
            self.table(child, where)
        if not entries:
            self.tables.pop(index - 1)

    @staticmethod
    def _vertical(entries: list[list[_Entry]]) -> list[Span]:
        """Join `w:vMerge` continuations to the cell they continue; give every merge its span."""
        open_at: dict[int, _Entry] = {}  # grid column → the entry a merge started with
        origins: list[_Entry] = []
        for row in entries:
            seen = set()
            for e in row:
                top = open_at.get(e.col)
                if e.vmerge == "continue" and top is not None and top.cols == e.cols:
                    top.rows = e.row - top.row + 1
                    seen.add(e.col)
                    continue
                open_at[e.col] = e
                seen.add(e.col)
                origins.append(e)
            for col in [col for col in open_at if col not in seen]:
                del open_at[col]  # a row without a cell there ends the merge
        return [Span(e.row, e.col, e.rows, e.cols) for e in origins if e.rows * e.cols > 1]
