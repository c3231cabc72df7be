"""Writing TOML as a person would: the tree as tables, each group's leaves one inline row each."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import tomli_w

from .structuring import unstructure

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def dumps(obj: Any) -> str:
    """TOML text for a spec object, laid out as a person would write it."""
    return dumps_document(unstructure(obj))


def dumps_document(doc: dict[str, Any]) -> str:
    """TOML text for a framework or evaluation document (plain data).

    Everything but the indicator tree goes through tomli-w (long texts as multi-line strings);
    the tree is written as ``[[indicators]]`` / ``[[indicators.children]]`` tables with each
    group's leaves as one inline row per leaf, like the rows of the 评分表.
    """
    rest = {key: value for key, value in doc.items() if key != "indicators"}
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


def _indicator_toml(indicator: dict[str, Any], path: str) -> Iterator[str]:
    children = indicator.get("children")
    yield f"[[{path}]]\n"
    for key, value in indicator.items():
        if key != "children":
            yield f"{_key(key)} = {literal(value)}\n"
    if children is None:
        return
    if all("children" not in child for child in children):
        rows = "".join(f"  {literal(child)},\n" for child in children)
        yield f"children = [\n{rows}]\n" if rows else "children = []\n"
        return
    for child in children:
        yield "\n"
        yield from _indicator_toml(child, f"{path}.children")


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def literal(value: object) -> str:
    """A TOML value on one line (tables inline), as tomli-w writes it."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {literal(v)}" for k, v in value.items()) + " }"
    return tomli_w.dumps({"v": value})[len("v = ") : -1]
