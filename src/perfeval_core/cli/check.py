"""``perfeval check FILE...``: findings with their codes, severities and indicator paths."""

from __future__ import annotations

import argparse
import sys

from .common import add_files_argument, add_policy_argument, scorecards


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_files_argument(parser)
    add_policy_argument(parser)
    parser.add_argument("--json", action="store_true", help="print findings as JSON")
    parser.add_argument("--select", metavar="CODES", default="",
                        help="only these checks (comma-separated codes or code prefixes)")
    parser.add_argument("--ignore", metavar="CODES", default="",
                        help="skip these checks (comma-separated codes or code prefixes)")


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def run(args: argparse.Namespace) -> int:
    from ..checks import has_errors, run_checks
    from ..jsonout import dumps

    results, failed, errors = [], 0, False
    for card in scorecards(args.files, args.policy):
        if card is None:
            failed += 1
            continue
        findings = run_checks(card, select=_codes(args.select), ignore=_codes(args.ignore))
        errors = errors or has_errors(findings)
        if args.json:
            results.append({"file": str(card.evaluation.path), "project":
                            card.evaluation.project.name,
                            "findings": [f.as_dict() for f in findings]})
            continue
        print(f"{card.evaluation.path}  {card.evaluation.project.name}")
        for finding in findings:
            print(f"  {finding}")
        if not findings:
            print("  no findings")
    if args.json:
        sys.stdout.write(dumps(results) + "\n")
    return 2 if failed else 1 if errors else 0
