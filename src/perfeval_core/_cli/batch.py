"""``perfeval batch DIR|FILE...``: score (and export) a whole directory, with a roll-up summary."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .._model.numbers import format_number as fmt
from .common import STDIO, add_policy_argument
from .progress import ProgressBar
from .report import add_report_format_argument

if TYPE_CHECKING:
    from .._batch.batch import Failure

EPILOG = """\
Folders are searched for *.toml files recursively. A file that fails is reported on stderr and
the others go on. A progress bar (count, rate, time left) is shown on stderr when it is a
terminal. --json prints the roll-up (the document --summary OUT.json writes) on stdout instead
of the text summary.

exit status: 2 if any file failed (to load, score or export), else 1 if any evaluation has an
error-severity finding (see `perfeval check`), else 0.

examples:
  perfeval batch examples/rugao-2024 --summary out/summary.xlsx
  perfeval batch 2024/ --summary out/summary.json --export docx -o out/docx --jobs 2
  perfeval batch 2024/ --export docx -o out/docx --report out/site
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument(
        "files", nargs="+", metavar="DIR|FILE", help="evaluation files (.toml), or folders of them"
    )
    parser.add_argument(
        "--summary",
        metavar="OUT.xlsx|OUT.json",
        help="write the roll-up: one row per project, the grade distribution "
        "(with a chart in xlsx) and the per-unit averages",
    )
    parser.add_argument(
        "--export",
        metavar="FORMAT",
        help="also write one document per evaluation: json, docx, xlsx or a "
        "plugin's format (perfeval plugins)",
    )
    parser.add_argument("--output", "-o", metavar="DIR", help="folder for --export")
    parser.add_argument(
        "--report",
        metavar="SITE",
        help="also write the batch as a report into the folder SITE: the html review site "
        "(perfeval-html), its project pages linked to the --export documents",
    )
    add_report_format_argument(parser, "--report-format")
    parser.add_argument(
        "--force", action="store_true", help="overwrite existing exported files and the summary"
    )
    parser.add_argument(
        "--draft",
        action="store_true",
        help="with --export, also export evaluations with leaves lacking a score (no grade); "
        "without it they are failures",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=1,
        metavar="N",
        help="score on N processes (default 1); the output does not depend on N",
    )
    add_policy_argument(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the roll-up as JSON on stdout (the document --summary OUT.json writes)",
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .._batch.batch import run_batch, skip_note
    from .._batch.summary import summary_writer, write_summary
    from .._errors import InputError
    from .._plugins.host import get_registry
    from .common import pad, warn_broken_plugins, width

    # everything that can be wrong with the arguments fails before any work
    if args.jobs < 1:
        raise InputError("--jobs must be at least 1")
    if (args.export is None) != (args.output is None):
        raise InputError(
            "--export and -o/--output go together", hint="e.g. --export docx -o out/docx"
        )
    if STDIO in args.files:
        raise InputError(
            "batch reads files and folders, not standard input (-)",
            hint="perfeval score - or perfeval check - read one evaluation from standard input",
        )
    if args.summary == STDIO:
        raise InputError(
            "--summary - : the summary is a file",
            hint="--json prints the roll-up on standard output",
        )
    if args.summary is not None:
        summary_writer(args.summary)
        if Path(args.summary).exists() and not args.force:
            raise InputError("exists", file=args.summary, hint="use --force to overwrite it")
    warn_broken_plugins()
    if args.export is not None:
        get_registry().exporter(args.export)
    if args.report is not None:
        get_registry().report(args.report_format)
    if args.policy is not None:
        get_registry().policy(args.policy)

    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None

    def failed(failure: Failure) -> None:
        if bar is not None:
            bar.clear()
        print(f"perfeval: error: {failure.message}", file=sys.stderr)

    try:
        result = run_batch(
            args.files,
            jobs=args.jobs,
            export_format=args.export,
            out_dir=args.output,
            force=args.force,
            policy=args.policy,
            progress=bar,
            on_failure=failed,
            draft=args.draft,
            report=args.report_format if args.report is not None else None,
            report_dir=args.report,
        )
    except BaseException:  # Ctrl-C, SIGTERM: the message that follows gets a line of its own
        if bar is not None:
            bar.clear()  # "perfeval: interrupted" goes on a clean line
        raise
    if bar is not None:
        bar.finish()
    if args.summary is not None:
        write_summary(result, args.summary, overwrite=args.force)

    for path in result.skipped:
        print(skip_note(Path(path)), file=sys.stderr)
    if not result.files:
        print(
            "perfeval: warning: no evaluation files (*.toml) found in " + ", ".join(args.files),
            file=sys.stderr,
        )
    if args.json:
        from .._io.jsonwriter import dumps

        sys.stdout.write(dumps(result.as_data()) + "\n")
        return result.exit_code
    errors = sum(r.errors for r in result.rows)
    warnings = sum(r.warnings for r in result.rows)
    skipped = len(result.skipped)
    print(
        f"{result.files} file{'' if result.files == 1 else 's'}: {len(result.rows)} scored, "
        f"{len(result.failures)} failed"
        + (f", {skipped} framework file{'' if skipped == 1 else 's'} skipped" if skipped else "")
        + f"; findings: {errors} errors, {warnings} warnings"
    )
    if result.rows:
        print("等级分布  " + " · ".join(f"{g} {n}" for g, n in result.grades()))
        units = result.units()
        overall = result.overall()
        assert overall is not None  # there are rows
        labels = [u.label for u in units] + ["合计"]
        col = max(width(label) for label in labels) + 2
        print("单位平均")
        for label, u in zip(labels, [*units, overall], strict=True):
            print(
                f"  {pad(label, col)}{u.projects:>6} 项  平均 {fmt(u.average):>7}"
                f"  最高 {fmt(u.max)}  最低 {fmt(u.min)}"
            )
    exported = sum(1 for r in result.rows if r.export)
    if args.export is not None:
        print(f"exported {exported} files to {args.output}")
    if args.summary is not None:
        print(f"summary: {args.summary}")
    if result.report is not None:
        print(f"report: {result.report}")
    return result.exit_code
