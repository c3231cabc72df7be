"""``perfeval import-text FILE -o DIR``: the older name of ``perfeval import``, kept for the
published reports' text (a ``pdftotext``-style extraction); it takes the same options."""

from __future__ import annotations

import argparse

from . import import_files


def add_arguments(parser: argparse.ArgumentParser) -> None:
    import_files.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    return import_files.run(args)
