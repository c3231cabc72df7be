"""``perfeval frameworks``: the frameworks on the search path, one line each."""

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
    from .._loading.frameworks import available, load_framework
    from .common import report

    rows: list[dict[str, Any]] = []
    failed = 0
    for ident, path in available().items():
        try:
            fw = load_framework(path)
        except PerfevalError as exc:  # one bad file on the search path hides no other
            report(exc)
            failed += 1
            continue
        rows.append(
            {
                "id": ident,
                "title": fw.title,
                "description": fw.description,
                "source": fw.source,
                "extends": list(fw.lineage[:-1]),
                "policy": fw.policy,
                "path": str(path),
            }
        )
    if args.json:
        sys.stdout.write(dumps(rows) + "\n")
        return exit_code(failed=bool(failed), errors=False)
    col = max((width(r["id"]) for r in rows), default=0) + 2
    for r in rows:
        print(f"{pad(r['id'], col)}{r['description'] or r['title']}")
        if r["source"]:
            print(f"{pad('', col)}依据: {r['source']}")
    return exit_code(failed=bool(failed), errors=False)
