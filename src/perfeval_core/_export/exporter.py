"""Exporting: exporters and summary writers are plugins; files are written atomically, under
names that cannot collide, and never over an existing file unless asked."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import attrs

from .._errors import ExportError, PerfevalError
from .._io.files import (
    OutputNames,
    remove_own_temporaries,
    remove_stale_temporaries,
    write_atomic,
)
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
    """The document's bytes, built in memory.

    An exporter that raises (a plugin's bug) gives a :class:`~perfeval_core.PluginError` naming
    it, its plugin and the file.
    """
    buffer = io.BytesIO()
    try:
        exporter.write(card, buffer)
    except PerfevalError:
        raise
    except Exception as exc:
        path = card.evaluation.path
        raise card.evaluation.registry.failure(
            "exporter", exporter.name, exc, file=str(path) if path else None
        ) from exc
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
    file is written to a temporary name and moved into place, so a failure leaves no partial
    file behind. A file that cannot be rendered or written does not stop the others: the first
    such error is raised once every other file is written. The exporter is ``format`` of
    ``registry`` (by default the process's default registry).
    """
    written: list[Path] = []
    failed: list[PerfevalError] = []
    for _, target, error in export_each(cards, format, out_dir, force=force, registry=registry):
        if error is None:
            written.append(target)
        else:
            failed.append(error)
    if failed:
        raise failed[0]
    return written


def export_each(
    cards: Iterable[Scorecard],
    format: str,
    out_dir: str | os.PathLike[str],
    *,
    force: bool = False,
    registry: Registry | None = None,
) -> Iterator[tuple[Scorecard, Path, PerfevalError | None]]:
    """:func:`export`, file by file: each scorecard with its target and the error that kept it
    from being written (None when it was)."""
    exporter = registry_or_default(registry).exporter(format)
    cards = list(cards)
    if not cards:
        return
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise ExportError(
            f"{folder} is a file, not a folder",
            hint="give -o the folder to write the documents into",
        )
    names = OutputNames(folder, exporter.suffix)
    targets = [names.claim(card.evaluation.project.name) for card in cards]
    if not force:
        existing = [t for t in targets if os.path.lexists(t)]
        if existing:
            raise ExportError(f"{existing[0]} exists", hint="use --force to overwrite it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            f"cannot create the folder {folder}: {exc.strerror or exc}",
            hint="check the path of -o and that it can be written to",
        ) from None
    remove_stale_temporaries(folder)
    try:
        for card, target in zip(cards, targets, strict=True):
            try:
                write_atomic(target, render(card, exporter), overwrite=force)
            except PerfevalError as exc:
                yield card, target, exc
            else:
                yield card, target, None
    except BaseException:  # Ctrl-C, SIGTERM: not even a temporary file is left
        remove_own_temporaries(folder)
        raise
