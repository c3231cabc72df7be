"""Where a key is in a TOML file: the line of a key path, found by reading the file's structure.

tomllib gives no positions, so :class:`SourceMap` scans the text itself — table headers, keys,
strings, inline tables, arrays and comments — and records the line of every key and of every
table or inline table by its path (``("indicators", 2, "children", 0, "weight")``) and by the
``name`` of its indicators (``("产出指标", "数量指标", "案件结案率")``). A key written inside a
comment or a string is never taken for the key. The map is built only when an error needs a
line, from text that has already parsed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .._errors import printable

Path = tuple[str | int, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_WS = " \t"


def key_path(data: Any, path: Sequence[str | int]) -> str:
    """A structural path shown by names: ``indicators[2].children[0]`` → ``产出指标 › 数量指标``."""
    shown: list[str] = []
    node = data
    for step in path:
        if isinstance(step, int):
            try:
                node = node[step]
            except (IndexError, KeyError, TypeError):
                shown.append(f"[{step}]")
                continue
            name = node.get("name") if isinstance(node, dict) else None
            if isinstance(name, str) and shown and shown[-1] in ("indicators", "children"):
                shown[-1] = printable(name)
            else:
                shown[-1:] = [f"{shown[-1]}[{step}]"] if shown else [f"[{step}]"]
        else:
            node = node.get(step) if isinstance(node, dict) else None
            shown.append(step)
    if shown and shown[0] == "children":
        shown = shown[1:]
    return " › ".join(shown)


class SourceMap:
    """The lines of the keys and tables of one TOML text (which must parse)."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        self._names: dict[Path, tuple[str, ...]] = {(): ()}
        self._by_name: dict[tuple[str, ...], tuple[Path, int]] = {}
        try:
            _Scanner(text, self).run()
        except (IndexError, ValueError):  # text that does not parse (TOMLDecodeError too)
            pass

    def line(self, path: Sequence[str | int]) -> int | None:
        """The line of the key or table at ``path``, else of its nearest ancestor that is there."""
        key = tuple(path)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return None

    def line_of(self, names: Sequence[str]) -> int | None:
        """The line of an indicator by its names from the 一级 down (a last name that is a key
        of that indicator, such as ``weight``, gives that key's line); else of the deepest
        indicator of that path in this file, or of ``settings`` and other top-level keys."""
        names = tuple(names)
        for end in range(len(names), 0, -1):
            found = self._by_name.get(names[:end])
            if found is not None:
                table, line = found
                rest = names[end : end + 1]
                return self._lines.get((*table, *rest), line) if rest else line
        return self.line(names) if names else None

    # -- what the scanner records ------------------------------------------------------------

    def _key(self, path: Path, line: int) -> None:
        self._lines.setdefault(path, line)

    def _name(self, table: Path, name: str, line: int) -> None:
        """``name = "…"`` on ``line`` in the table at ``table``: the indicator of that name."""
        parent = table[:-2] if len(table) >= 2 and isinstance(table[-1], int) else None
        if parent is None:
            return
        names = (*self._names.get(parent, ()), name)
        self._names[table] = names
        self._by_name.setdefault(names, (table, line))


class _Scanner:
    """A reader of TOML's structure (not of its values) that reports to a :class:`SourceMap`."""

    def __init__(self, text: str, out: SourceMap) -> None:
        self.s, self.i, self.line, self.out = text, 0, 1, out
        self.arrays: dict[Path, int] = {}  # arrays of tables by path: their length so far

    # -- low-level reading ---------------------------------------------------------------------

    def peek(self, n: int = 1) -> str:
        return self.s[self.i : self.i + n]

    def advance(self, n: int = 1) -> None:
        self.line += self.s.count("\n", self.i, self.i + n)
        self.i += n

    def blank(self, newlines: bool) -> None:
        """Skip spaces (and comments and line breaks when ``newlines``)."""
        while self.i < len(self.s):
            c = self.s[self.i]
            if c in _WS or (newlines and c in "\r\n"):
                self.advance()
            elif c == "#":
                end = self.s.find("\n", self.i)
                self.advance((len(self.s) if end < 0 else end) - self.i)
            else:
                return

    def string(self) -> str:
        """Read a string at the cursor and return its value."""
        start = self.i
        for quote in ('"""', "'''"):
            if self.peek(3) == quote:
                end = self.s.find(quote, self.i + 3)
                while quote == '"""' and end > 0 and _escaped(self.s, end):
                    end = self.s.find(quote, end + 1)
                while self.s[end + 3 : end + 4] == quote[0]:  # up to two quotes end the content
                    end += 1
                self.advance(end + 3 - self.i)
                return _string(self.s[start : self.i])
        quote = self.peek()
        j = self.i + 1
        while self.s[j] != quote:
            j += 2 if quote == '"' and self.s[j] == "\\" else 1
        self.advance(j + 1 - self.i)
        return _string(self.s[start : self.i])

    def key(self) -> tuple[str, ...]:
        """A (dotted) key at the cursor."""
        parts = []
        while True:
            self.blank(False)
            if not self.peek():
                raise ValueError("no key")
            if self.peek() in "\"'":
                parts.append(self.string())
            else:
                m = _BARE.match(self.s, self.i)
                if m is None:
                    raise ValueError("not a key")
                parts.append(m.group())
                self.advance(m.end() - self.i)
            self.blank(False)
            if self.peek() != ".":
                return tuple(parts)
            self.advance()

    # -- structure ---------------------------------------------------------------------------

    def run(self) -> None:
        table: Path = ()
        while True:
            self.blank(True)
            if self.i >= len(self.s):
                return
            if self.peek(2) == "[[":
                self.advance(2)
                table = self.header(self.key(), array=True)
                self.advance(self.s.index("]]", self.i) + 2 - self.i)
            elif self.peek() == "[":
                self.advance()
                table = self.header(self.key(), array=False)
                self.advance(self.s.index("]", self.i) + 1 - self.i)
            else:
                self.pair(table)

    def concrete(self, keys: tuple[str, ...]) -> Path:
        """The path of a header's keys, each array of tables taken at its last element."""
        path: Path = ()
        for k in keys:
            path = (*path, k)
            if path in self.arrays:
                path = (*path, self.arrays[path] - 1)
        return path

    def header(self, keys: tuple[str, ...], array: bool) -> Path:
        line = self.line
        if not array:
            path = self.concrete(keys)
        else:
            parent = self.concrete(keys[:-1])
            at = (*parent, keys[-1])
            self.arrays[at] = self.arrays.get(at, 0) + 1
            self.out._key(at, line)
            path = (*at, self.arrays[at] - 1)
        self.out._key(path, line)
        return path

    def pair(self, table: Path) -> None:
        """``key = value`` in the table at ``table``."""
        line = self.line
        keys = self.key()
        path = (*table, *keys)
        for end in range(len(table) + 1, len(path) + 1):
            self.out._key(path[:end], line)
        if self.peek() != "=":
            raise ValueError("no =")
        self.advance()
        self.blank(False)
        self.value(path, name_of=table if keys == ("name",) else None)

    def value(self, path: Path, name_of: Path | None = None) -> None:
        c = self.peek()
        if not c:
            raise ValueError("no value")
        if c in "\"'":
            line = self.line
            text = self.string()
            if name_of is not None:
                self.out._name(name_of, text, line)
        elif c == "[":
            self.advance()
            index = 0
            while True:
                self.blank(True)
                if self.peek() == "]":
                    self.advance()
                    return
                self.out._key((*path, index), self.line)
                self.value((*path, index))
                index += 1
                self.blank(True)
                if self.peek() == ",":
                    self.advance()
        elif c == "{":
            self.advance()
            while True:
                self.blank(True)
                if self.peek() == "}":
                    self.advance()
                    return
                self.pair(path)
                self.blank(True)
                if self.peek() == ",":
                    self.advance()
        else:  # a number, a date, true or false: up to the next delimiter
            m = re.compile(r"[^,\]\}\s#]+(?:[ T][0-9:.+\-Z]+)?").match(self.s, self.i)
            self.advance(m.end() - self.i if m else 1)


def _escaped(text: str, at: int) -> bool:
    """Is the character at ``at`` escaped by an odd number of backslashes before it?"""
    n = 0
    while at - n - 1 >= 0 and text[at - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _string(quoted: str) -> str:
    """A quoted TOML key as its text (imports tomllib only for a file that has one)."""
    import tomllib

    return str(tomllib.loads("v = " + quoted)["v"])
