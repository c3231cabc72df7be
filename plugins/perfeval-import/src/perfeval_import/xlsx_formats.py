"""Which numeric cells of an .xlsx show as percentages: the number formats calamine does not give.

Read only when needed: xl/styles.xml is parsed first (small), and the sheets are scanned only
if some cell style has a percent format; the scan is a regular expression over the sheet XML
for the `s="…"` attributes of those styles, kept where they belong to a `<c>` element.
"""

from __future__ import annotations

import posixpath
import re
import zipfile

from lxml import etree

__all__ = ["percent_cells"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_STRICT = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}id",
)
_BUILTIN_PERCENT = {9, 10}  # "0%", "0.00%"
_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, escapes, [colour]/[locale]
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
_CELL_START = re.compile(rb"<(?:\w+:)?c\s")
_CELL_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def is_percent_format(code: str) -> bool:
    """True when a number format code shows its number ×100 with a % sign."""
    return "%" in _LITERAL.sub("", code)


def percent_cells(archive: zipfile.ZipFile) -> dict[str, set[tuple[int, int]]]:
    """Per sheet name, the 0-based (row, col) of numeric cells with a percent number format."""
    workbook_part = _main_part(archive)
    rels = _relationships(archive, workbook_part)
    styles = next((target for kind, target in rels.values() if kind.endswith("/styles")), None)
    if styles is None or styles not in archive.NameToInfo:
        return {}
    percent_styles = _percent_styles(archive.read(styles))
    if not percent_styles:
        return {}
    style_alternatives = b"|".join(str(index).encode() for index in sorted(percent_styles))
    style_attr = re.compile(rb's="(?:' + style_alternatives + rb')"')  # literal prefix: fast
    found: dict[str, set[tuple[int, int]]] = {}
    root = etree.fromstring(archive.read(workbook_part), _PARSER)
    for sheet in root.iter(f"{_MAIN}sheet", f"{_STRICT}sheet"):
        rel_id = next((sheet.get(key) for key in _DOC_REL if sheet.get(key)), None)
        if rel_id not in rels or rels[rel_id][1] not in archive.NameToInfo:
            continue
        cells = set()
        xml = archive.read(rels[rel_id][1])
        for attr in style_attr.finditer(xml):  # hits are few
            if xml[attr.start() - 1] not in b" \t\r\n":
                continue  # the end of another attribute's name
            start = xml.rfind(b"<", 0, attr.start())
            tag = xml[start : xml.find(b">", attr.end()) + 1]
            if not _CELL_START.match(tag):
                continue  # a row or column style
            kind = _CELL_TYPE.search(tag)
            if kind and kind.group(1) != b"n":
                continue  # text, boolean, error: not a number
            ref = _CELL_REF.search(tag)
            if ref:
                cells.add((int(ref.group(2)) - 1, _column(ref.group(1))))
        if cells:
            found[sheet.get("name", "")] = cells
    return found


def _column(letters: bytes) -> int:
    col = 0
    for letter in letters:
        col = col * 26 + letter - 64
    return col - 1


def _percent_styles(styles_xml: bytes) -> set[int]:
    root = etree.fromstring(styles_xml, _PARSER)
    ns = _MAIN if root.tag.startswith(_MAIN) else _STRICT
    percent_ids = set(_BUILTIN_PERCENT)
    for fmt in root.iter(f"{ns}numFmt"):
        if is_percent_format(fmt.get("formatCode", "")):
            percent_ids.add(int(fmt.get("numFmtId", "-1")))
        else:
            percent_ids.discard(int(fmt.get("numFmtId", "-1")))
    cell_xfs = root.find(f"{ns}cellXfs")
    if cell_xfs is None:
        return set()
    return {
        index
        for index, xf in enumerate(cell_xfs.iterfind(f"{ns}xf"))
        if int(xf.get("numFmtId", "0")) in percent_ids
    }


def _main_part(archive: zipfile.ZipFile) -> str:
    for kind, target in _relationships(archive, "").values():
        if kind.endswith("/officeDocument"):
            return target
    return "xl/workbook.xml"


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target part name) of a part ("" for the package)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in archive.NameToInfo:
        return {}
    root = etree.fromstring(archive.read(rels_name), _PARSER)
    rels = {}
    for rel in root.iter(f"{_REL}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        target = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        rels[rel.get("Id", "")] = (rel.get("Type", ""), target)
    return rels
