"""Exporting: exporters and summary writers are plugins; files are written atomically, under
names that cannot collide, and never over an existing file unless asked."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

import attrs

from .._errors import ExportError
from .._io.files import OutputNames, discard, place, stage
from .._model.scoring import Scorecard
from .._model.tree import show_path
from .._plugins.host import registry_or_default
from .._plugins.registry import Registry

if TYPE_CHECKING:
    from .._batch.batch import BatchResult, Failure, ProjectRow
    from .._batch.rollup import Rollup


@attrs.frozen
class Exporter:
    """An export format: ``write(scorecard, stream)`` writes one document to a binary stream."""

    name: str
    suffix: str
    write: Callable[[Scorecard, BinaryIO], None]
    description: str = ""


class SummarySink(Protocol):
    """A batch summary being written as the batch runs: :meth:`add` is called with each scored
    evaluation's row and :meth:`add_failure` with each failure, in input order, then
    :meth:`close` once with the batch's :class:`~perfeval_core.Rollup` (the counts, grades and
    per-unit figures) — after which the summary is complete on its stream. A sink keeps what
    it must in temporary files, not in lists that grow with the batch."""

    def add(self, row: ProjectRow) -> None: ...

    def add_failure(self, failure: Failure) -> None: ...

    def close(self, rollup: Rollup) -> None: ...


def _one_way(instance: Any, attribute: Any, value: Any) -> None:
    if instance.write is None and instance.start is None:
        raise ValueError(f"summary writer {instance.name!r} needs start= or write=")


@attrs.frozen
class SummaryWriter:
    """A summary format. ``start(stream)`` begins a summary written as the batch runs (a
    :class:`SummarySink`, streaming: memory stays flat); ``write(result, stream)`` writes a
    whole :class:`~perfeval_core.BatchResult` at once (for such a writer ``perfeval batch`` keeps
    every row until the end). A writer gives either, or both."""

    name: str
    suffix: str
    write: Callable[[BatchResult, BinaryIO], None] | None = None
    description: str = ""
    start: Callable[[BinaryIO], SummarySink] | None = attrs.field(
        default=None, kw_only=True, validator=_one_way
    )


def render(card: Scorecard, exporter: Exporter) -> bytes:
    """The document's bytes, built in memory."""
    buffer = io.BytesIO()
    exporter.write(card, buffer)
    return buffer.getvalue()


def incomplete(card: Scorecard) -> ExportError:
    """The error for exporting an evaluation with leaves lacking a score as if it were done."""
    missing = card.unscored
    shown = "; ".join(f"{show_path(leaf.path)} ({leaf.why_unscored})" for leaf in missing[:3])
    more = f"; and {len(missing) - 3} more" if len(missing) > 3 else ""
    leaves = "1 leaf has" if len(missing) == 1 else f"{len(missing)} leaves have"
    return ExportError(
        f"incomplete: {leaves} no score, so there is no grade: {shown}{more}",
        file=str(card.evaluation.path) if card.evaluation.path else None,
        hint="fill in the actual values or scores (`perfeval check` lists them), or write a "
        "draft with --draft (the document then says 草稿 / 未完成)",
    )


def export(
    cards: Iterable[Scorecard],
    format: str,
    out_dir: str | os.PathLike[str],
    *,
    force: bool = False,
    draft: bool = False,
    registry: Registry | None = None,
) -> list[Path]:
    """Write one file per scorecard into ``out_dir``, named after the project.

    Refuses an incomplete evaluation (a leaf without a score: no grade) unless ``draft``, and
    to overwrite an existing file unless ``force`` — nothing is written then; each file is
    written to a temporary name and renamed, so a failure leaves no partial file behind. The
    exporter is ``format`` of ``registry`` (by default the process's default registry).

    ``cards`` may be a generator: each document is rendered into a temporary file as its
    scorecard arrives and the scorecard let go, so a thousand files take the memory of one;
    the documents are moved into place together at the end, once every one was rendered.
    """
    exporter = registry_or_default(registry).exporter(format)
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise ExportError(
            f"{folder} is a file, not a folder",
            hint="give -o the folder to write the documents into",
        )
    names = OutputNames(folder, exporter.suffix)
    staged: list[tuple[str, Path]] = []
    placed: list[Path] = []
    made: Path | None = None  # the first folder this call created, removed again on failure
    try:
        for card in cards:
            if not draft and not card.complete:
                raise incomplete(card)
            if made is None and not folder.is_dir():
                made = folder
                for parent in folder.parents:  # the topmost folder that is not there yet
                    if parent.exists():
                        break
                    made = parent
                folder.mkdir(parents=True, exist_ok=True)
            target = names.claim(card.evaluation.project.name)
            staged.append((stage(folder, render(card, exporter)), target))
        if not force:
            existing = [t for _, t in staged if t.exists()]
            if existing:
                raise ExportError(f"{existing[0]} exists", hint="use --force to overwrite it")
        for tmp, target in staged:
            place(tmp, target, overwrite=force)  # the temporary file is gone after, whatever
            placed.append(target)
    except BaseException:
        for tmp, _ in staged[len(placed) :]:
            discard(tmp)
        if made is not None and not placed:
            _remove_empty(folder, made)
        raise
    return placed


def _remove_empty(folder: Path, top: Path) -> None:
    """Remove ``folder`` and its parents up to ``top`` (the folders an export created), as long
    as they are empty."""
    for p in (folder, *folder.parents):
        try:
            p.rmdir()
        except OSError:
            return
        if p == top:
            return
