"""``perfeval export FILE... --format NAME -o DIR``: one document per evaluation."""

from __future__ import annotations

import argparse

from .._errors import exit_code
from .common import add_files_argument, add_policy_argument, report, scorecards


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
    parser.add_argument(
        "--draft",
        action="store_true",
        help="also export evaluations with leaves lacking a score (no grade): the documents "
        "say 草稿 / 未完成",
    )


def run(args: argparse.Namespace) -> int:
    from .._export.exporter import export, incomplete
    from .._plugins.host import get_registry

    get_registry().exporter(args.format)  # an unknown format fails before any work
    cards = list(scorecards(args.files, args.policy))
    good = []
    for card in cards:
        if card is not None and not card.complete and not args.draft:
            report(incomplete(card))  # refused; the others are still exported
        elif card is not None:
            good.append(card)
    for path in export(good, args.format, args.output, force=args.force, draft=args.draft):
        print(path)
    return exit_code(failed=len(good) < len(cards), errors=False)
