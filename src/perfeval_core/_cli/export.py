"""``perfeval export FILE... --format NAME -o DIR``: one document per evaluation."""

from __future__ import annotations

import argparse

from .._errors import exit_code
from .common import add_files_argument, add_policy_argument, scorecards


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_files_argument(parser)
    add_policy_argument(parser)
    parser.add_argument(
        "--format",
        "-f",
        required=True,
        metavar="NAME",
        help="export format: json, docx, xlsx or a plugin's (perfeval plugins)",
    )
    parser.add_argument(
        "--form",
        metavar="ID",
        help="lay the documents out on this form (表样; an id or a .toml file) instead of "
        "each evaluation's own (perfeval forms lists them)",
    )
    parser.add_argument("--output", "-o", required=True, metavar="DIR", help="output folder")
    parser.add_argument("--force", action="store_true", help="overwrite existing files")


def run(args: argparse.Namespace) -> int:
    from .._export.exporter import export
    from .._plugins.host import get_registry

    exporter = get_registry().exporter(args.format)  # an unknown format fails before any work
    if args.form is not None:
        from .._export.exporter import _drawer
        from .._loading.forms import load_form

        _drawer(exporter)
        load_form(args.form)  # an unknown form too
    cards = list(scorecards(args.files, args.policy))
    good = [c for c in cards if c is not None]
    for path in export(good, args.format, args.output, force=args.force, form=args.form):
        print(path)
    return exit_code(failed=len(good) < len(cards), errors=False)
