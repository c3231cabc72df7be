"""``perfeval export FILE... --format NAME -o DIR``: one document per evaluation."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .._errors import exit_code
from .common import (
    STDIO,
    Loaded,
    add_files_argument,
    add_policy_argument,
    load_all,
    report,
)

if TYPE_CHECKING:
    from .._model.scoring import Scorecard

#: Stands in ``export --help`` for the list of installed formats, filled in only when the help
#: is shown (listing them loads the plugins).
_FORMATS = "\0installed formats\0"


class _HelpWithFormats(argparse.RawDescriptionHelpFormatter):
    """Help whose epilog lists the export formats installed, with their descriptions."""

    def add_text(self, text: str | None) -> None:
        super().add_text(installed_formats() if text == _FORMATS else text)


def installed_formats() -> str:
    """``formats installed:`` and one line per exporter of the default registry."""
    from .._plugins.host import get_registry

    exporters = sorted(get_registry().exporters.values(), key=lambda e: e.name)
    width = max((len(e.name) for e in exporters), default=0) + 2
    lines = [f"  {e.name:<{width}}{e.description}".rstrip() for e in exporters]
    return "formats installed (plugins add more; `perfeval plugins` lists them):\n" + "\n".join(
        lines
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = _HelpWithFormats
    parser.epilog = _FORMATS
    add_files_argument(parser)
    add_policy_argument(parser)
    parser.add_argument(
        "--format",
        "-f",
        required=True,
        metavar="NAME",
        help="export format (listed below)",
    )
    parser.add_argument(
        "--output",
        "-o",
        required=True,
        metavar="DIR",
        help="output folder, or - to write the one document to standard output",
    )
    parser.add_argument(
        "--form",
        metavar="ID",
        help="lay the documents out on this form (表样; an id or a .toml file) instead of "
        "each evaluation's own (perfeval forms lists them)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite existing files")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON array of what was written: each file and its document, "
        "a file that failed with its error (see docs/cli.md)",
    )
    parser.add_argument(
        "--draft",
        action="store_true",
        help="also export evaluations with leaves lacking a score (no grade): the documents "
        "say 草稿 / 未完成",
    )


def run(args: argparse.Namespace) -> int:
    from .._errors import InputError
    from .._export.exporter import export_each, render
    from .._io.jsonwriter import dumps
    from .._plugins.host import get_registry
    from .common import report

    exporter = get_registry().exporter(args.format)  # an unknown format fails before any work
    form = None
    if args.form is not None:
        from .._export.exporter import _drawer
        from .._loading.forms import load_form

        _drawer(exporter)
        form = load_form(args.form)  # an unknown form too
    to_stdout = args.output == STDIO
    if to_stdout and args.json:
        raise InputError(
            "-o - writes the document itself to standard output; --json cannot go with it",
            hint="give -o a folder to have --json list what was written",
        )
    if to_stdout and len(args.files) != 1:
        raise InputError(
            "-o - writes one document to standard output, and more than one file is given",
            hint="give one evaluation, or -o a folder",
        )
    if to_stdout and exporter.suffix != ".json" and sys.stdout.isatty():
        raise InputError(
            f"will not write a {exporter.suffix} document to the terminal",
            hint=f"redirect it: perfeval export … -o - > out{exporter.suffix}",
        )
    items = (_refused_unless_draft(item, args.draft) for item in load_all(args.files, args.policy))
    if to_stdout:
        loaded = list(items)
        if len(loaded) > 1:  # a folder of several files
            raise InputError(
                f"-o - writes one document, and {args.files[0]} holds {len(loaded)} files",
                hint="give one evaluation, or -o a folder",
            )
        card = loaded[0].card
        if card is None:  # reported on stderr
            return exit_code(failed=True, errors=False)
        sys.stdout.buffer.write(render(card, exporter, form=form))
        sys.stdout.flush()
        return 0
    # each scorecard is rendered as it is loaded and let go (export_each streams): what is
    # kept per file is its name, and the error of a file that failed
    done: list[Loaded] = []

    def cards() -> Iterator[Scorecard]:
        for item in items:
            done.append(item if item.card is None else Loaded(item.file))
            if item.card is not None:
                yield item.card

    # a file that cannot be rendered or written is reported and the others are written
    outcome: list[dict[str, object]] = []  # for --json
    unwritten = False
    each = export_each(
        cards(), args.format, args.output, force=args.force, draft=args.draft, form=args.form
    )
    for path, error in each:
        if error is None:
            if args.json:
                outcome.append({"output": str(path)})
            else:
                print(path)
        else:
            report(error)
            unwritten = True
            if args.json:
                outcome.append({"error": error.as_dict()})
    failed = unwritten or any(item.error is not None for item in done)
    if args.json:
        entries = iter(outcome)
        listing = [
            {"file": item.file, **next(entries)} if item.error is None else item.failure_data()
            for item in done
        ]
        sys.stdout.write(dumps(listing) + "\n")
    return exit_code(failed=failed, errors=False)


def _refused_unless_draft(item: Loaded, draft: bool) -> Loaded:
    """An incomplete evaluation (no grade) is refused, reported as a failed file, unless
    ``--draft``; the others are exported."""
    from .._export.exporter import incomplete

    if item.card is None or item.card.complete or draft:
        return item
    error = incomplete(item.card)
    report(error)
    return Loaded(item.file, error=error)
