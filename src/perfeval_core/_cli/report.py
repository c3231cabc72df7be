"""``perfeval report DIR|FILE... -o SITE``: a batch written as a report (the html review site of
perfeval-html): one page per project with its findings at their rows, and an index."""

from __future__ import annotations

import argparse
import sys

from .common import add_policy_argument

EPILOG = """\
The report is written into a new folder beside SITE and put in SITE's place only once complete:
an interrupted or failed run leaves SITE as it was. An existing report is replaced only with
--force; a folder of other files is never replaced. A file that fails is reported on stderr,
listed in the report, and the others go on. To link each project's page to its exported
document, use `perfeval batch … --export FORMAT -o DIR --report SITE`.

exit status: 2 if any file failed (to load, score or be written), else 0 — findings, errors
included, are what the report shows.

examples:
  perfeval report examples -o out/site
  perfeval report 2024/ -o out/site --jobs 2 --force
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument(
        "files", nargs="+", metavar="DIR|FILE", help="evaluation files (.toml), or folders of them"
    )
    parser.add_argument("--output", "-o", required=True, metavar="SITE", help="report folder")
    add_report_format_argument(parser, "--format", "-f")
    parser.add_argument("--force", action="store_true", help="replace an existing report")
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=1,
        metavar="N",
        help="score on N processes (default 1); the report does not depend on N",
    )
    add_policy_argument(parser)


def add_report_format_argument(parser: argparse.ArgumentParser, *flags: str) -> None:
    parser.add_argument(
        *flags,
        dest="report_format",
        default="html",
        metavar="NAME",
        help="report format (default html, from perfeval-html; perfeval plugins lists them)",
    )


def run(args: argparse.Namespace) -> int:
    from .._batch.batch import Failure
    from .._batch.rollup import run_batch
    from .._errors import InputError, exit_code
    from .._plugins.host import get_registry
    from .common import warn_broken_plugins

    if args.jobs < 1:
        raise InputError("--jobs must be at least 1")
    warn_broken_plugins()
    get_registry().report(args.report_format)
    if args.policy is not None:
        get_registry().policy(args.policy)

    def failed(failure: Failure) -> None:
        print(f"perfeval: error: {failure.message}", file=sys.stderr)

    result = run_batch(
        args.files,
        jobs=args.jobs,
        force=args.force,
        policy=args.policy,
        on_failure=failed,
        report=args.report_format,
        report_dir=args.output,
    )
    print(
        f"{result.files} file{'' if result.files == 1 else 's'}: {len(result.rows)} scored, "
        f"{len(result.failures)} failed"
    )
    if result.report is not None:
        print(f"report: {result.report}")
    return exit_code(failed=bool(result.failures), errors=False)
