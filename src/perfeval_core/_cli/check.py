"""``perfeval check FILE...``: findings with their codes, severities and indicator paths.

Text output is grouped by file; ``--json`` prints one object per file. Exit code: 2 when a file
cannot be read (reported on stderr, the other files are still checked), else 1 when any finding
is an error, else 0. docs/checks.md lists the codes.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._checks.base import Check

from .common import STDIO, add_policy_argument, load_all, report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="evaluation files (.toml), folders of them, or - for standard input",
    )
    add_policy_argument(parser)
    parser.add_argument(
        "--json", action="store_true", help="print findings as JSON (with --list: the checks)"
    )
    parser.add_argument(
        "--select",
        metavar="CODES",
        default="",
        help="only these checks (comma-separated codes, code prefixes or names)",
    )
    parser.add_argument(
        "--ignore",
        metavar="CODES",
        default="",
        help="skip these checks (comma-separated codes, code prefixes or names)",
    )
    parser.add_argument(
        "--no-file-ignore",
        action="store_true",
        help="also report what a file suppresses with its own ignore = [...] (a reviewer's view)",
    )
    parser.add_argument(
        "--list",
        action="store_true",
        help="list every check with its code, severity, label and summary, and exit",
    )


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def check_data(check: Check) -> dict[str, Any]:
    """A check as ``check --list --json`` prints it."""
    return {
        "code": check.code,
        "name": check.name,
        "severity": str(check.severity),
        "summary": check.summary,
        "label": check.label,
    }


def run(args: argparse.Namespace) -> int:
    from .._checks.base import Severity, has_errors, review, validate_codes
    from .._errors import InputError, PerfevalError, exit_code
    from .._io.jsonwriter import dumps
    from .._plugins.host import get_registry

    if args.list:
        checks = list(get_registry().checks.values())
        if args.json:
            sys.stdout.write(dumps([check_data(c) for c in checks]) + "\n")
            return 0
        for c in checks:
            label = f"{c.label}：" if c.label else ""
            print(f"{c.code}  {c.severity:<7}  {c.name:<24}  {label}{c.summary}")
        return 0
    if not args.files:
        raise InputError(
            "no files to check",
            hint="perfeval check FILE... (or a folder); perfeval check --list lists the checks",
        )
    select, ignore = _codes(args.select), _codes(args.ignore)
    registry = get_registry()
    validate_codes(select, registry, where="--select")  # a typo fails before any file is read
    validate_codes(ignore, registry, where="--ignore")

    results, failed, errors = [], 0, False
    counts = {s: 0 for s in Severity}
    checked = 0
    for loaded in load_all(args.files, args.policy):
        card = loaded.card
        if card is None:
            failed += 1
            if args.json:
                results.append(loaded.failure_data())
            continue
        try:
            outcome = review(
                card, select=select, ignore=ignore, file_ignore=not args.no_file_ignore
            )
        except PerfevalError as exc:  # e.g. an unknown code in the file's ignore = [...]
            report(exc)
            failed += 1
            if args.json:
                results.append(loaded._replace(error=exc).failure_data())
            continue
        checked += 1
        findings = outcome.findings
        errors = errors or has_errors(findings)
        for f in findings:
            counts[f.severity] += 1
        if args.json:
            results.append(
                {
                    "file": STDIO if loaded.file == STDIO else str(card.evaluation.path),
                    "project": card.evaluation.project.name,
                    "findings": [f.as_dict() for f in findings],
                    "suppressed": len(outcome.suppressed),
                }
            )
            continue
        print(f"{loaded.shown}  {card.evaluation.project.name}")
        for finding in findings:
            print(f"  {finding}")
        if not findings:
            print("  no findings")
        if outcome.suppressed:
            codes = sorted({f.code for f in outcome.suppressed})
            print(
                f"  ({len(outcome.suppressed)} suppressed by the file's ignore: "
                f"{', '.join(codes)}; --no-file-ignore shows them)"
            )
    if args.json:
        sys.stdout.write(dumps(results) + "\n")
    elif checked + failed > 1:
        summary = ", ".join(
            f"{n} {s}{'s' if n != 1 and s != Severity.INFO else ''}" for s, n in counts.items()
        )
        broken = f", {failed} not readable" if failed else ""
        print(f"{checked} file{'s' if checked != 1 else ''} checked{broken}: {summary}")
    return exit_code(failed=bool(failed), errors=errors)
