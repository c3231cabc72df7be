"""Writing TOML as a person would: the tree as tables, each group's leaves one inline row each."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import tomli_w

from .structuring import unstructure

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
#: A character tomli-w escapes in a one-line string (control characters but the tab, ``"``, ``\``).
_ESCAPED = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"\\]')

#: The order a person writes an indicator's keys in, the 评分表's columns from left to right:
#: what it is and where it goes, then 指标值, 实际完成值, 分值, 得分, 评分依据, then the rest.
INDICATOR_ORDER = (
    "name",
    "drop",
    "replaces",
    "before",
    "not_applicable",
    "comparator",
    "target",
    "unit",
    "actual",
    "weight",
    "score",
    "basis",
    "rule",
    "description",
    "children",
)
#: The order of [project]'s keys, as the forms list them (填报单位 and 项目名称 first).
PROJECT_ORDER = (
    "unit",
    "name",
    "code",
    "year",
    "start",
    "end",
    "department",
    "implementer",
    "content",
)


def dumps(obj: Any) -> str:
    """TOML text for a spec object, laid out as a person would write it."""
    return dumps_document(unstructure(obj))


def dumps_document(doc: dict[str, Any]) -> str:
    """TOML text for a framework or evaluation document (plain data).

    Keys are written in the order a person writes them: [project] as the forms list its
    fields, an indicator's keys in the order of the 评分表's columns (``INDICATOR_ORDER``);
    ``narrative.form`` and each section's ``text`` are always written (the form decides which
    of a form's parts is drawn; an empty text marks a heading over sub-sections).

    Everything but the indicator tree goes through tomli-w (long texts as multi-line strings);
    the tree is written as ``[[indicators]]`` / ``[[indicators.children]]`` tables with each
    group's leaves as one inline row per leaf, like the rows of the 评分表.
    """
    rest = {key: value for key, value in doc.items() if key != "indicators"}
    if isinstance(rest.get("project"), dict):
        rest["project"] = _ordered(rest["project"], PROJECT_ORDER)
    if isinstance(rest.get("narrative"), dict) and "form" not in rest["narrative"]:
        # which narrative it is decides what a form draws: always said, as people write it
        rest["narrative"] = {"form": "情况表", **rest["narrative"]}
    if isinstance(rest.get("narrative"), dict) and "sections" in rest["narrative"]:
        rest["narrative"] = {
            **rest["narrative"],
            "sections": _sections(rest["narrative"]["sections"]),
        }
    # tomli-w writes "\r\n" inside a multi-line string as a bare line break, which reads back
    # as "\n": a text holding "\r\n" keeps it only in a one-line string with escapes
    parts = [tomli_w.dumps(rest, multiline_strings=not _has_crlf(rest), indent=2)]
    for indicator in doc.get("indicators", []):
        parts.append("\n" + "".join(_indicator_toml(indicator, "indicators")))
    return "".join(parts)


def _has_crlf(obj: object) -> bool:
    if isinstance(obj, str):
        return "\r\n" in obj
    if isinstance(obj, dict):
        return any(_has_crlf(v) for v in obj.values())
    if isinstance(obj, list | tuple):
        return any(_has_crlf(v) for v in obj)
    return False


def _sections(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Narrative sections with their ``text`` always written (``""`` for a heading over
    sub-sections only), after the heading."""
    out = []
    for section in sections:
        row = {"heading": section.get("heading", ""), "text": section.get("text", "")}
        row.update((k, v) for k, v in section.items() if k not in row)
        if "sections" in row:
            row["sections"] = _sections(row["sections"])
        out.append(row)
    return out


def _ordered(table: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """``table`` with its keys in ``order`` (keys not listed last, as they were)."""
    rank = {key: i for i, key in enumerate(order)}
    return dict(sorted(table.items(), key=lambda item: rank.get(item[0], len(rank))))


def _indicator_toml(indicator: dict[str, Any], path: str) -> Iterator[str]:
    indicator = _ordered(indicator, INDICATOR_ORDER)
    children = indicator.get("children")
    yield f"[[{path}]]\n"
    for key, value in indicator.items():
        if key != "children":
            yield f"{_key(key)} = {literal(value)}\n"
    if children is None:
        return
    if all("children" not in child for child in children):
        rows = "".join(f"  {literal(_ordered(child, INDICATOR_ORDER))},\n" for child in children)
        yield f"children = [\n{rows}]\n" if rows else "children = []\n"
        return
    for child in children:
        yield "\n"
        yield from _indicator_toml(child, f"{path}.children")


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def literal(value: object) -> str:
    """A TOML value on one line (tables inline), as tomli-w writes it.

    Strings without a character to escape, booleans, integers and finite Decimals — nearly
    every value of an evaluation — are written here as tomli-w writes them (a test compares
    the two); anything else goes through tomli-w.
    """
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {literal(v)}" for k, v in value.items()) + " }"
    if isinstance(value, str):
        if not _ESCAPED.search(value):
            return f'"{value}"'
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif isinstance(value, int):
        return str(value)
    elif isinstance(value, Decimal) and value.is_finite():
        text = str(value).lower()
        return text if "." in text or "e" in text else text + ".0"
    return tomli_w.dumps({"v": value})[len("v = ") : -1]
