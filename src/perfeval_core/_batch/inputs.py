"""The files of a batch: folders expanded to their ``*.toml`` files, in order.

Apart from the batch itself, so that a command reading a few files (``perfeval score DIR``)
finds them without importing the batch machinery.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .._errors import InputError


def expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given; folders become their ``*.toml`` files, sorted, recursively (a folder
    without any is an error: a wrong folder must not look like a clean review)."""
    return [path for path, _ in expand_sources(paths)]


def expand_sources(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, bool]]:
    """As :func:`expand`, each file with whether it was found in a folder (True) or given.

    A framework file found in a folder — docs/frameworks.md keeps a county's framework beside
    its evaluations — is skipped by the commands with a note; one given by name is an error.
    """
    out: list[tuple[Path, bool]] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append((p, False))
            continue
        found = sorted(p.rglob("*.toml"))
        if not found:
            raise InputError(
                "folder holds no .toml files",
                file=str(p),
                hint="give the folder of the evaluation files, or the files",
            )
        out.extend((f, True) for f in found)
    return out


def expand_names(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[str, bool]]:
    """As :func:`expand_sources`, the files as plain strings, in the same order — what a batch
    of 100,000 files keeps of its input (a ``Path`` costs three times its name)."""
    if os.sep != "/" or os.altsep:  # Windows orders paths case-insensitively: as Paths do
        return [(str(p), found) for p, found in expand_sources(paths)]
    out: list[tuple[str, bool]] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append((str(p), False))
            continue
        # Paths sort part by part: as their strings with "/" below every other character
        found = sorted(str(f).replace("/", "\0") for f in p.rglob("*.toml"))
        if not found:
            raise InputError(
                "folder holds no .toml files",
                file=str(p),
                hint="give the folder of the evaluation files, or the files",
            )
        for i, f in enumerate(found):  # in place: one name of each alive at a time
            found[i] = f.replace("\0", "/")
        out.extend([(f, True) for f in found])
        del found
    return out


def skip_note(path: Path) -> str:
    """The note for a framework file found among the evaluations of a folder."""
    return f"perfeval: note: {path}: a framework file (it has `id`), not an evaluation: skipped"


__all__ = ["expand", "expand_names", "expand_sources", "skip_note"]
