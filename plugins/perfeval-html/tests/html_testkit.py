"""Helpers of the tests: the examples, and HTML read back with the standard library's parser
(an independent reading of what the plugin wrote: elements, attributes, text)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
#: The example folders these tests were written on, and their files: the 3 national ones, then
#: the 13 如皋 2024 ones.
FOLDERS = [ROOT / "examples" / "national", ROOT / "examples" / "rugao-2024"]
EXAMPLES = [path for folder in FOLDERS for path in sorted(folder.glob("*.toml"))]
VOID = {"meta", "link", "br", "img", "input", "hr", "col", "rect"}


class Element:
    """A parsed element: tag, attributes, children (elements and text)."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None, **attrs: Any) -> list[Element]:
        """Every element below (and including) this one with the tag and attributes given;
        ``class_`` matches one class among the element's."""
        out = []
        stack: list[Element] = [self]
        while stack:
            node = stack.pop(0)
            if _matches(node, tag, attrs):
                out.append(node)
            stack[0:0] = [c for c in node.children if isinstance(c, Element)]
        return out

    def find(self, tag: str | None = None, **attrs: Any) -> Element:
        found = self.iter(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]

    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


def _matches(node: Element, tag: str | None, attrs: dict[str, Any]) -> bool:
    if tag is not None and node.tag != tag:
        return False
    for key, value in attrs.items():
        if key == "class_":
            if value not in node.classes():
                return False
        elif node.attrs.get(key.replace("_", "-")) != value:
            return False
    return True


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Element(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, dict(attrs), self.current))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.current.tag != tag:
            self.errors.append(f"</{tag}> closes <{self.current.tag}>")
            node = self.current
            while node.parent is not None and node.tag != tag:
                node = node.parent
            self.current = node.parent or self.root
            return
        self.current = self.current.parent or self.root

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str | bytes) -> Element:
    """The document; every element must be closed where it was opened."""
    parser = _Parser()
    parser.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    parser.close()
    assert not parser.errors, parser.errors[:5]
    assert parser.current is parser.root, f"<{parser.current.tag}> is never closed"
    return parser.root


def grid(table: Element) -> list[list[Element]]:
    """A table's rows as grid positions: the cell covering each (row, column), spans applied."""
    rows = [tr for part in table.children if isinstance(part, Element) for tr in part.iter("tr")]
    taken: dict[tuple[int, int], Element] = {}
    for r, tr in enumerate(rows):
        col = 0
        for cell in tr.children:
            if not isinstance(cell, Element) or cell.tag not in ("td", "th"):
                continue
            while (r, col) in taken:
                col += 1
            rowspan, colspan = (
                int(cell.attrs.get("rowspan") or 1),
                int(cell.attrs.get("colspan") or 1),
            )
            for dr in range(rowspan):
                for dc in range(colspan):
                    assert (r + dr, col + dc) not in taken, f"cells overlap at {(r + dr, col + dc)}"
                    taken[(r + dr, col + dc)] = cell
            col += colspan
    width = 1 + max(c for _, c in taken)
    return [[taken[(r, c)] for c in range(width) if (r, c) in taken] for r in range(len(rows))]


def text(cell: Element) -> str:
    """A cell's text as the form shows it: without the page's additions (the rule's score)."""
    return "".join(
        c if isinstance(c, str) else text(c)
        for c in cell.children
        if isinstance(c, str) or "rule-score" not in c.classes()
    )


def part_lines(section: Element) -> list[list[str]]:
    """A part of the form as the page draws it, read back: each heading and paragraph as
    [text], each table row as the text of every grid position (a merged cell's text in each
    position it covers); the page's rows of findings left out."""
    out: list[list[str]] = []
    for node in section.children:
        if not isinstance(node, Element):
            continue
        if node.tag == "table":
            trs = [
                tr for part in node.children if isinstance(part, Element) for tr in part.iter("tr")
            ]
            for tr, row in zip(trs, grid(node), strict=True):
                if "notes" not in tr.classes():
                    out.append([text(c) for c in row])
        else:
            out.append([node.text()])
    return out


def renderers() -> Any:
    """How the Word and Excel tests read those documents back as text grids (``docx_lines``,
    ``xlsx_lines`` of plugins/perfeval-xlsx/tests/test_renderers.py), loaded from its file."""
    import importlib.util
    import sys

    name = "perfeval_xlsx_renderer_tests"
    if name not in sys.modules:
        folder = ROOT / "plugins" / "perfeval-xlsx" / "tests"
        sys.path.insert(0, str(folder))  # its helpers (xlsx_testutil)
        spec = importlib.util.spec_from_file_location(name, folder / "test_renderers.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
