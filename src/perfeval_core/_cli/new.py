"""``perfeval new --framework ID|FILE -o FILE``: a blank evaluation ready to fill in."""

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
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(args: argparse.Namespace) -> int:
    from .._blank import blank_evaluation
    from .._errors import InputError
    from .._io.files import write_atomic
    from .._loading.frameworks import load_framework

    to_stdout = args.output == STDIO
    target = Path.cwd() / "blank.toml" if to_stdout else Path(args.output)
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
    text = blank_evaluation(framework, ref=ref)
    if to_stdout:
        sys.stdout.write(text)
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text.encode("utf-8"), overwrite=args.force)  # even if one appeared
    print(target)
    return 0


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
