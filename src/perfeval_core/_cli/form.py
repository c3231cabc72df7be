"""``perfeval form show ID|FILE [--for EVALUATION] [--json]``: one form (表样) as perfeval reads
it — its parts and blocks, each table's columns — or, with ``--for``, an evaluation laid out on
it, as text (every paragraph, and every table row by row with its cells and spans)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import attrs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = sub.add_parser(
        "show",
        help="the form's parts and blocks, or an evaluation laid out on it (--for)",
        description="Show a form: its parts, blocks and columns; with --for FILE, that "
        "evaluation laid out on the form.",
    )
    show.add_argument("form", metavar="ID|FILE", help="form id or .toml file")
    show.add_argument(
        "--for", dest="evaluation", metavar="FILE", help="lay this evaluation out on the form"
    )
    show.add_argument("--json", action="store_true", help="print as JSON")


def run(args: argparse.Namespace) -> int:
    from .._io.jsonwriter import dumps
    from .._loading.forms import load_form

    form = load_form(args.form)
    if args.evaluation is not None:
        from .._export.layouts import build_layout
        from .._loading.evaluations import load_evaluation
        from .._model.scoring import score

        layout = build_layout(score(load_evaluation(args.evaluation)), form)
        if args.json:
            sys.stdout.write(dumps(_plain(attrs.asdict(layout))) + "\n")
        else:
            print_layout(layout)
        return 0
    data = {
        "id": form.id,
        "title": form.title,
        "description": form.description,
        "source": form.source,
        "file": str(form.path) if form.path is not None else None,
        "parts": [_plain(attrs.asdict(p)) for p in form.parts],
    }
    if args.json:
        sys.stdout.write(dumps(data) + "\n")
    else:
        print_form(form)
    return 0


def _plain(value: Any) -> Any:
    """attrs.asdict output made JSON-ready (dates as text; tuples as lists)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def print_form(form: Any) -> None:
    """The text form of a form: parts, blocks, columns."""
    from .._forms.form import block_width, tables

    print(f"{form.id}  {form.title}")
    if form.description:
        print(f"  {form.description}")
    if form.path is not None:
        print(f"  file: {form.path}")
    if form.source:
        print(f"  依据: {form.source}")
    for part in form.parts:
        when = f", when the narrative is a {part.narrative}" if part.narrative else ""
        print(f"\n  part {part.name}  ({part.role}, {part.orientation}{when})")
        starts = {group[0][0]: group for group in tables(part)}
        for i, block in enumerate(part.blocks):
            if i in starts:
                print(f"    table of {max(block_width(b) for _, b in starts[i])} columns:")
            indent = "      " if any(i in [j for j, _ in g] for g in starts.values()) else "    "
            print(indent + _describe(block))


def _describe(block: Any) -> str:
    kind = block.type
    if kind == "paragraph":
        return f"paragraph [{block.style or 'body'}] {block.text}"
    if kind == "sections":
        return "sections: the narrative's headings and paragraphs"
    side = f"{block.label} │ " if block.label else ""
    if kind == "fields":
        lines = ["  ".join(c.text for c in row) for row in block.rows]
        return f"fields: {side}" + " / ".join(lines)
    if kind == "budget":
        rows = "、".join(r.label for r in block.sources)
        heads = " | ".join(c.label for c in block.columns)
        shown = f"; shows {block.indicator}" if block.indicator else ""
        return f"budget: {side}{block.head or '—'} | {heads}  (rows {rows}{shown})"
    if kind == "indicators":
        cols: list[str] = []
        for c in block.columns:
            label = " | ".join(block.levels) if c.field == "levels" else c.label
            cols.append(f"{c.group}[{label}]" if c.group else label)
        return f"indicators: {side}" + " | ".join(cols)
    if kind == "total":
        return f"total: {block.label}"
    return f"{kind}"


def print_layout(layout: Any) -> None:
    """An evaluation laid out: paragraphs, and each table row by row."""
    from .._forms.layout import Paragraph

    print(
        f"{layout.title}  form {layout.form}  {layout.date.date()}"
        + ("" if layout.complete else "  草稿")
    )
    for part in layout.parts:
        print(f"\n== {part.name} ({part.role}, {part.orientation})")
        for block in part.blocks:
            if isinstance(block, Paragraph):
                print(f"[{block.style}] {block.text}")
                continue
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    span = ""
                    if cell.colspan > 1 or cell.rowspan > 1:
                        span = f"⟨{cell.colspan}×{cell.rowspan}⟩"
                    cells.append(f"{cell.text}{span}")
                mark = "H " if row.header else "  "
                print(mark + " │ ".join(cells))
