"""Exporting: exporters and summary writers are plugins; files are written atomically, under
names that cannot collide, and never over an existing file unless asked."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import attrs

from .._errors import ExportError
from .._io.files import OutputNames, write_atomic
from .._model.scoring import Scorecard
from .._plugins.host import registry_or_default
from .._plugins.registry import Registry

if TYPE_CHECKING:
    from .._batch.batch import BatchResult


@attrs.frozen
class Exporter:
    """An export format: ``write(scorecard, stream)`` writes one document to a binary stream."""

    name: str
    suffix: str
    write: Callable[[Scorecard, BinaryIO], None]
    description: str = ""


@attrs.frozen
class SummaryWriter:
    """A summary format: ``write(result, stream)`` writes a batch's roll-up to a binary stream."""

    name: str
    suffix: str
    write: Callable[[BatchResult, BinaryIO], None]
    description: str = ""


def render(card: Scorecard, exporter: Exporter) -> bytes:
    """The document's bytes, built in memory."""
    buffer = io.BytesIO()
    exporter.write(card, buffer)
    return buffer.getvalue()


def export(
    cards: Iterable[Scorecard],
    format: str,
    out_dir: str | os.PathLike[str],
    *,
    force: bool = False,
    registry: Registry | None = None,
) -> list[Path]:
    """Write one file per scorecard into ``out_dir``, named after the project.

    Refuses to overwrite an existing file unless ``force`` (nothing is written then); each
    file is written to a temporary name and renamed, so a failure leaves no partial file
    behind. The exporter is ``format`` of ``registry`` (by default the process's default
    registry).
    """
    exporter = registry_or_default(registry).exporter(format)
    cards = list(cards)
    if not cards:
        return []
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise ExportError(
            f"{folder} is a file, not a folder",
            hint="give -o the folder to write the documents into",
        )
    names = OutputNames(folder, exporter.suffix)
    targets = [names.claim(card.evaluation.project.name) for card in cards]
    if not force:
        existing = [t for t in targets if t.exists()]
        if existing:
            raise ExportError(f"{existing[0]} exists", hint="use --force to overwrite it")
    folder.mkdir(parents=True, exist_ok=True)
    for card, target in zip(cards, targets, strict=True):
        write_atomic(target, render(card, exporter), overwrite=force)
    return targets
