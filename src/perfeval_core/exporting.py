"""Exporting scorecards to files: exporters are plugins, writing is atomic and never overwrites
unless asked."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

import attrs

from .errors import ExportError
from .plugins import get_registry
from .scoring import Scorecard
from .tomlio import write_atomic

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


@attrs.frozen
class Exporter:
    """An export format: ``write(scorecard, stream)`` writes one document to a binary stream."""

    name: str
    suffix: str
    write: Callable[[Scorecard, BinaryIO], None]
    description: str = ""


def file_stem(card: Scorecard) -> str:
    """The project's name made safe as a file name (项目名称, without / \\ : * ? " < > |)."""
    name = _UNSAFE.sub("_", card.evaluation.project.name).strip(" .") or "evaluation"
    return name[:120]


def render(card: Scorecard, exporter: Exporter) -> bytes:
    """The document's bytes, built in memory."""
    buffer = io.BytesIO()
    exporter.write(card, buffer)
    return buffer.getvalue()


def export(cards: Iterable[Scorecard], format: str, out_dir: str | os.PathLike[str], *,
           force: bool = False) -> list[Path]:
    """Write one file per scorecard into ``out_dir``, named after the project.

    Refuses to overwrite an existing file unless ``force``; each file is written to a temporary
    name and renamed, so a failure leaves no partial file behind.
    """
    exporter: Exporter = get_registry().exporter(format)
    cards = list(cards)
    if not cards:
        return []
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file, not a folder",
                          hint="give -o the folder to write the documents into")
    targets = _targets(cards, folder, exporter.suffix)
    if not force:
        existing = [t for t in targets if t.exists()]
        if existing:
            raise ExportError(f"{existing[0]} exists", hint="use --force to overwrite it")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for card, target in zip(cards, targets, strict=True):
        write_atomic(target, render(card, exporter))
        written.append(target)
    return written


def _targets(cards: list[Scorecard], folder: Path, suffix: str) -> list[Path]:
    """One file name per card; a name used twice gets -2, -3 … appended."""
    seen: dict[str, int] = {}
    names = []
    for card in cards:
        stem = file_stem(card)
        seen[stem] = seen.get(stem, 0) + 1
        names.append(folder / (stem + (f"-{seen[stem]}" if seen[stem] > 1 else "") + suffix))
    return names
