"""The evaluation perfeval stores in its own exports, where the printed page does not show it
(an Excel workbook: the very hidden sheet ``_perfeval``; a Word document: a custom XML part),
and the mark of its fill-in workbooks.

A document perfeval exported reads back to the very evaluation it was made from: the tables
are read as any other document's, and when everything they show agrees with the stored
evaluation, that evaluation is the import (it keeps what no form prints: the narrative of a
workbook, 填报单位 on the national form, the rules a leaf names). When a table was changed
after the export, the table wins: the evaluation is built from it, the stored one gives only
what the tables do not show, and every changed value is a finding.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from lxml import etree

from .grid import Document, Table

#: The very hidden sheet of a workbook perfeval wrote, and what its first cell says.
SHEET = "_perfeval"
EVALUATION_MARK = "perfeval-evaluation/1"
FILL_IN_MARK = "perfeval-fill-in/1"
#: The namespace of the custom XML part of a Word document perfeval wrote.
EVALUATION_NS = "urn:perfeval:evaluation:1"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@dataclass(frozen=True)
class Stored:
    """What perfeval stored in a document: ``evaluation`` (TOML) in an export, or the
    ``framework`` a fill-in workbook was made for."""

    kind: str  # "evaluation" or "fill-in"
    text: str
    where: str


def stored(path: Path, document: Document) -> tuple[Stored | None, Document]:
    """What perfeval stored in the document, and the document without its store."""
    for table in document.tables:
        if table.name == SHEET and table.hidden and table.texts and table.texts[0]:
            mark = table.texts[0][0]
            rest = Document(
                document.source,
                tuple(t for t in document.tables if t is not table),
                document.text,
                document.notes,
            )
            if mark == EVALUATION_MARK:
                text = "".join(str(row[0]) for row in table.raws[1:] if row and row[0])
                return Stored("evaluation", text, f"hidden sheet {SHEET}"), rest
            if mark == FILL_IN_MARK:
                return Stored("fill-in", _cell(table, 1), f"hidden sheet {SHEET}"), rest
    if path.suffix.lower() in (".docx", ".docm", ".dotx"):
        xml = _custom_xml(path)
        if xml is not None:
            return Stored("evaluation", xml, "the document's custom XML part"), document
    return None, document


def _cell(table: Table, row: int) -> str:
    return str(table.raws[row][0]) if len(table.raws) > row and table.raws[row] else ""


def _custom_xml(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if (
                    not (name.startswith("customXml/item") and name.endswith(".xml"))
                    or "Props" in name
                ):
                    continue
                root = etree.fromstring(archive.read(name), _PARSER)
                if root.tag == f"{{{EVALUATION_NS}}}evaluation":
                    return root.text or ""
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError):
        return None
    return None


def differences(
    read: object, kept: object, keys: list[tuple[str, ...]]
) -> list[tuple[tuple[str, ...], str, str]]:
    """Where a scorecard built from the tables (``read``) differs from the stored evaluation's
    (``kept``) in what the tables show (the traced ``keys``): (key, read, kept) each."""
    from perfeval_core import Scorecard

    assert isinstance(read, Scorecard) and isinstance(kept, Scorecard)
    out: list[tuple[tuple[str, ...], str, str]] = []
    leaves_read = {leaf.path: leaf for leaf in read.leaves}
    leaves_kept = {leaf.path: leaf for leaf in kept.leaves}
    if set(leaves_read) != set(leaves_kept):
        extra = sorted(set(leaves_read) ^ set(leaves_kept))
        for path in extra[:5]:
            where = "the tables" if path in leaves_read else "the stored evaluation"
            out.append((("indicators", *path), f"only in {where}", ""))
        return out
    seen: set[tuple[str, ...]] = set()
    for key in keys:
        if key in seen:
            continue
        seen.add(key)
        a, b = _fact(read, key), _fact(kept, key)
        if a != b:
            out.append((key, a, b))
    if read.total != kept.total:
        out.append((("total",), str(read.total), str(kept.total)))
    return out


def _fact(card: object, key: tuple[str, ...]) -> str:
    """The value at a traced key as a scorecard shows it."""
    from perfeval_core import Scorecard

    assert isinstance(card, Scorecard)
    spec = card.evaluation.spec
    head = key[0]
    if head == "indicators":
        path, field = key[1:-1], key[-1]
        leaf = next((lf for lf in card.leaves if lf.path == path), None)
        if leaf is None:
            return "—"
        if field in ("target", "comparator", "unit"):
            return "".join(leaf.target_text.split())  # 指标值 | 度量单位 apart show no space
        if field == "actual":
            return leaf.actual_text
        if field == "weight":
            return _num(leaf.weight)
        if field == "score":
            return _num(leaf.score)
        if field == "name":
            return leaf.path[-1]
        value = getattr(leaf.indicator, field, None)
        return "" if value is None else str(value)
    if head == "project":
        value = getattr(spec.project, key[1], None)
        return "" if value is None else str(value)
    if head == "goal":
        return str(getattr(spec.goal, key[1], "") or "") if spec.goal else ""
    if head == "budget":
        budget = spec.budget
        if budget is None:
            return ""
        if key[1] == "sources":
            sources = budget.sources
            line = getattr(sources, key[2], None) if sources else None
            return _num(getattr(line, key[3], None)) if line else ""
        value = getattr(budget, key[1], None)
        return _num(value) if isinstance(value, Decimal) else str(value or "")
    if head == "stated_total":
        return _num(card.total)
    if head == "narrative":
        narrative = spec.narrative
        if narrative is None:
            return ""
        if key[1] == "title":
            return narrative.title
        return _section_text(narrative.sections, key[2:])
    return ""


_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[、.．])\s*"
)


def _section_text(sections: object, path: tuple[str, ...]) -> str:
    """The text of the section at ``path`` (headings compared without their numbering: the
    四川 form prints 四、存在问题 under 存在问题)."""
    for section in sections:  # type: ignore[attr-defined]
        if _NUMBERING.sub("", section.heading) == _NUMBERING.sub("", path[0]):
            return (
                str(section.text) if len(path) == 1 else _section_text(section.sections, path[1:])
            )
    return "—"


def _num(value: Decimal | None) -> str:
    if value is None:
        return ""
    return str(value) if value.is_nan() else format(value.normalize(), "f")
