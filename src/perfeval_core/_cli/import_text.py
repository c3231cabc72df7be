"""``perfeval import-text FILE -o DIR``: published reports' text (PDF extraction) to TOML."""

from __future__ import annotations

import argparse
import sys

from .common import STDIO


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE",
        help="text of one or more 情况表 + 评分表 reports, or - for standard input",
    )
    parser.add_argument(
        "--output",
        "-o",
        required=True,
        metavar="DIR",
        help="folder for the evaluation files, or - to write the one report's TOML to "
        "standard output",
    )
    parser.add_argument(
        "--framework",
        default="rugao-2024",
        metavar="ID",
        help="framework the reports follow (default rugao-2024)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite existing files")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .._errors import ExportError, InputError
    from .._io.files import remove_stale_temporaries, write_atomic
    from .._io.reading import STDIN_NAME, read_stream, read_text
    from .._textimport import (
        TextImportError,
        dump_report,
        framework_document,
        parse_reports,
        report_filename,
    )

    from_stdin = args.file == STDIO
    text = read_stream(sys.stdin.buffer) if from_stdin else read_text(args.file)
    name = STDIN_NAME if from_stdin else args.file
    try:
        docs = parse_reports(text, framework=framework_document(args.framework))
    except TextImportError as exc:
        exc.file = name  # the importer knows the line; the command knows the file
        raise
    if args.output == STDIO:
        if len(docs) != 1:
            raise InputError(
                f"the text holds {len(docs)} reports, and -o - writes one",
                file=name,
                hint="give -o a folder: one file is written per report",
            )
        sys.stdout.write(dump_report(docs[0]))
        return 0
    folder = Path(args.output)
    targets = [folder / report_filename(doc, i) for i, doc in enumerate(docs, 1)]
    existing = [t for t in targets if t.exists()]
    if existing and not args.force:
        raise ExportError(f"{existing[0]} exists", hint="use --force to overwrite it")
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(folder)
    for doc, target in zip(docs, targets, strict=True):
        write_atomic(target, dump_report(doc).encode("utf-8"), overwrite=args.force)
        print(target)
    return 0
