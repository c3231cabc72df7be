"""``perfeval forms``: the forms (表样) on the search path, one line each."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._errors import exit_code
from .common import pad, width


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print as JSON")


def run(args: argparse.Namespace) -> int:
    from .._errors import PerfevalError
    from .._io.jsonwriter import dumps
    from .._loading.forms import available, load_form
    from .common import report

    rows: list[dict[str, Any]] = []
    failed = 0
    for ident, path in available().items():
        try:
            form = load_form(path)
        except PerfevalError as exc:  # one bad file on the search path hides no other
            report(exc)
            failed += 1
            continue
        rows.append(
            {
                "id": ident,
                "title": form.title,
                "description": form.description,
                "source": form.source,
                "parts": [p.name for p in form.parts],
                "path": str(path),
            }
        )
    if args.json:
        sys.stdout.write(dumps(rows) + "\n")
        return exit_code(failed=bool(failed), errors=False)
    col = max((width(r["id"]) for r in rows), default=0) + 2
    for r in rows:
        print(f"{pad(r['id'], col)}{r['description'] or r['title']}")
        print(f"{pad('', col)}表: {'、'.join(r['parts'])}")
        if r["source"]:
            print(f"{pad('', col)}依据: {r['source']}")
    return exit_code(failed=bool(failed), errors=False)
