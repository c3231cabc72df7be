"""``perfeval new --framework ID|FILE [--format NAME] -o FILE``: a blank evaluation ready to
fill in — TOML, or a format a plugin registers (perfeval-import: an Excel workbook for clerks)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .common import STDIO

if TYPE_CHECKING:
    from .._model.framework import Framework


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--framework",
        required=True,
        metavar="ID|FILE",
        help="framework id, or a framework file (.toml)",
    )
    parser.add_argument(
        "--output",
        "-o",
        required=True,
        metavar="FILE",
        help="file to write, or - for standard output",
    )
    parser.add_argument(
        "--format",
        "-f",
        metavar="NAME",
        help="toml (default), or a format a plugin adds: xlsx (a workbook to fill in with Excel "
        "or WPS, read back by perfeval import); by default the -o file's suffix decides",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(args: argparse.Namespace) -> int:
    import io

    from .._errors import InputError
    from .._io.files import write_atomic
    from .._loading.frameworks import load_framework
    from .._plugins.host import get_registry

    to_stdout = args.output == STDIO
    writer = get_registry().blank(blank_format(args.format, args.output))
    if to_stdout and writer.name != "toml" and sys.stdout.isatty():
        raise InputError(
            f"will not write a {writer.suffix} blank to the terminal",
            hint=f"give -o a file, e.g. -o blank{writer.suffix}",
        )
    target = Path.cwd() / f"blank{writer.suffix}" if to_stdout else Path(args.output)
    if not to_stdout and target.is_dir():
        raise InputError(
            "is a folder", file=str(target), hint="give the file to write, e.g. -o my-project.toml"
        )
    if not to_stdout and target.exists() and not args.force:
        raise InputError("exists", file=str(target), hint="use --force to overwrite it")
    given = args.framework
    if given.endswith(".toml") or "/" in given or "\\" in given:
        framework = load_framework(Path(given))
        ref = reference(Path(given), target, framework)
    else:
        framework = load_framework(given)
        ref = framework.id
    buffer = io.BytesIO()
    writer.write(framework, buffer, ref)
    if to_stdout:
        if writer.name == "toml":
            sys.stdout.write(buffer.getvalue().decode("utf-8"))
        else:
            sys.stdout.buffer.write(buffer.getvalue())
            sys.stdout.flush()
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, buffer.getvalue(), overwrite=args.force)  # even if one appeared
    print(target)
    return 0


def blank_format(given: str | None, output: str) -> str:
    """The blank's format: ``--format``, else the one whose suffix the ``-o`` file has (a
    registered one), else TOML."""
    if given:
        return given
    from .._plugins.host import get_registry

    suffix = Path(output).suffix.lower() if output != STDIO else ""
    for writer in get_registry().blanks.values():
        if suffix and writer.suffix == suffix:
            return writer.name
    return "toml"


def reference(file: Path, blank: Path, framework: Framework) -> str:
    """What the blank writes in ``framework = …`` for a framework given as a file: its path
    relative to the blank's folder when it is in that folder (or below), else its id when the
    search path finds the same file there; otherwise the blank could not name it."""
    from .._errors import InputError
    from .._loading.frameworks import available

    folder, path = blank.parent.resolve(), file.resolve()
    if path.is_relative_to(folder):
        return path.relative_to(folder).as_posix()
    on_path = available().get(framework.id)
    if on_path is not None and on_path.resolve() == path:
        return framework.id
    raise InputError(
        "the framework file is neither in the blank's folder nor on the framework search path, "
        "so the blank could not name it",
        file=str(file),
        hint=f"write the blank into {file.parent} (-o {file.parent / 'project.toml'}), or add "
        "that folder to PERFEVAL_FRAMEWORK_PATH and give the id",
    )
