"""``perfeval new --framework ID -o FILE``: a blank evaluation ready to fill in."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--framework", required=True, metavar="ID", help="framework id")
    parser.add_argument("--output", "-o", required=True, metavar="FILE", help="file to write")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .._blank import blank_evaluation
    from .._errors import InputError
    from .._io.files import write_atomic
    from .._loading.frameworks import load_framework

    target = Path(args.output)
    if target.is_dir():
        raise InputError(
            "is a folder", file=str(target), hint="give the file to write, e.g. -o my-project.toml"
        )
    if target.exists() and not args.force:
        raise InputError("exists", file=str(target), hint="use --force to overwrite it")
    text = blank_evaluation(load_framework(args.framework))
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text.encode("utf-8"), overwrite=args.force)  # even if one appeared
    print(target)
    return 0
