"""``perfeval import FILE... -o DIR``: the tables people already have (workbooks, Word
documents, PDFs, report text) to evaluation files, with a report of where each value came
from. The readers are plugins (perfeval-import); ``import-text`` is the same command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .common import STDIO, report, warn_broken_plugins

if TYPE_CHECKING:
    from .._import.reader import ImportResult
    from .._import.report import Outcome


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sources",
        nargs="+",
        metavar="FILE",
        help="workbooks (.xlsx .xls .ods), Word documents (.docx), PDFs, text (.txt), folders "
        "of them, or - for text on standard input",
    )
    parser.add_argument(
        "--output",
        "-o",
        required=True,
        metavar="DIR",
        help="folder for the evaluation files (one per project found), or - to write the one "
        "evaluation to standard output",
    )
    parser.add_argument(
        "--framework",
        metavar="ID",
        help="map the rows onto this framework (default: the best-matching shipped one, and "
        "the report says why)",
    )
    parser.add_argument(
        "--form",
        metavar="ID",
        help="read the tables as this form (表样) (default: the form whose labels they match)",
    )
    parser.add_argument(
        "--report",
        metavar="FILE",
        help="write the full import report (every value's source, every finding) to FILE: "
        "text, or JSON for a .json file",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the report as JSON instead of text"
    )
    parser.add_argument("--force", action="store_true", help="overwrite existing files")


def run(args: argparse.Namespace) -> int:
    from .._errors import EXIT_INPUT, EXIT_OK, InputError, PerfevalError
    from .._import.report import report_data, report_text
    from .._import.run import check_import, imported_text, save_imports
    from .._io.files import write_atomic
    from .._io.jsonwriter import dumps
    from .._loading.forms import load_form
    from .._loading.frameworks import load_framework

    warn_broken_plugins()
    if args.framework is not None:
        load_framework(args.framework)  # an unknown id fails before any work
    if args.form is not None:
        load_form(args.form)
    to_stdout = args.output == STDIO
    if to_stdout and args.json:
        raise InputError(
            "-o - writes the evaluation itself to standard output; --json cannot go with it",
            hint="give -o a folder to have --json report what was written",
        )
    if args.report and Path(args.report).exists() and not args.force:
        raise InputError(f"{args.report} exists", hint="use --force to overwrite it")
    outcomes: list[Outcome] = []
    for file in _files(args.sources):
        try:
            result = _import(file, args.framework, args.form)
            check_import(result)
        except PerfevalError as exc:
            report(exc)
            outcomes.append((_shown(file), None, exc, []))
            continue
        outcomes.append((_shown(file), result, None, []))
    results = [result for _, result, _, _ in outcomes if result is not None]
    if to_stdout:
        found = [ev for result in results for ev in result.evaluations]
        if len(found) != 1 or len(outcomes) != 1:
            if results or len(outcomes) != 1:
                raise InputError(
                    f"-o - writes one evaluation, and {len(found)} were found",
                    hint="give -o a folder: one file is written per project",
                )
            return EXIT_INPUT
        sys.stdout.write(imported_text(found[0], results[0].file))
        return EXIT_OK
    written = iter(save_imports(results, args.output, force=args.force, check=False))
    outcomes = [
        (file, result, error, next(written) if result is not None else [])
        for file, result, error, _ in outcomes
    ]
    if args.report:
        data = (
            dumps(report_data(outcomes)) + "\n"
            if args.report.lower().endswith(".json")
            else report_text(outcomes)
        )
        write_atomic(Path(args.report), data.encode("utf-8"), overwrite=args.force)
    if args.json:
        sys.stdout.write(dumps(report_data(outcomes)) + "\n")
    else:
        sys.stdout.write(report_text(outcomes, traces=False))
    failed = any(error is not None for _, _, error, _ in outcomes)
    return EXIT_INPUT if failed else EXIT_OK


def _files(given: list[str]) -> list[str]:
    """The files to read: as given, folders replaced by the files in them that a reader takes
    (sorted, recursively)."""
    from .._errors import InputError
    from .._plugins.host import get_registry

    if given.count(STDIO) > 1:
        raise InputError("standard input (-) is given more than once", hint="give - once")
    out: list[str] = []
    for item in given:
        path = Path(item)
        if item != STDIO and path.is_dir():
            suffixes = get_registry().reader_suffixes
            found = sorted(
                str(p)
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in suffixes
                and not p.name.startswith(("~$", "."))
            )
            if not found:
                readable = ", ".join(sorted(suffixes)) or "none (install perfeval-import)"
                raise InputError(
                    "the folder holds no file a reader takes",
                    file=item,
                    hint=f"readable: {readable}",
                )
            out.extend(found)
        else:
            out.append(item)
    return out


def _shown(file: str) -> str:
    from .._io.reading import STDIN_NAME

    return STDIN_NAME if file == STDIO else file


def _import(file: str, framework: str | None, form: str | None) -> ImportResult:
    """The file imported; standard input is text (a ``.txt`` of tab-separated rows)."""
    import tempfile

    import attrs

    from .._import.run import import_file
    from .._io.reading import MAX_FILE_BYTES, STDIN_NAME

    if file != STDIO:
        return import_file(file, framework=framework, form=form)
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    with tempfile.TemporaryDirectory(prefix="perfeval-stdin-") as folder:
        path = Path(folder) / "stdin.txt"
        path.write_bytes(data)
        try:
            result = import_file(path, framework=framework, form=form)
        except Exception as exc:
            if getattr(exc, "file", None) == str(path):
                exc.file = STDIN_NAME  # type: ignore[attr-defined]
            raise
    return attrs.evolve(result, file=STDIN_NAME)
