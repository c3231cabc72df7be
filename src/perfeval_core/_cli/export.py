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
    parser.add_argument("--output", "-o", required=True, metavar="DIR", help="output folder")
    parser.add_argument("--force", action="store_true", help="overwrite existing files")


def run(args: argparse.Namespace) -> int:
    from .._export.exporter import export_each
    from .._plugins.host import get_registry
    from .common import report

    get_registry().exporter(args.format)  # an unknown format fails before any work
    cards = list(scorecards(args.files, args.policy))
    good = [c for c in cards if c is not None]
    failed = len(good) < len(cards)
    # a file that cannot be written is reported and the others are written
    for _, path, error in export_each(good, args.format, args.output, force=args.force):
        if error is None:
            print(path)
        else:
            report(error)
            failed = True
    return exit_code(failed=failed, errors=False)
