"""Exporting: exporters and summary writers are plugins; files are written atomically, under
names that cannot collide, and never over an existing file unless asked."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

import attrs

from .._errors import ExportError, PerfevalError
from .._io.files import (
    OutputNames,
    discard,
    place,
    remove_own_temporaries,
    remove_stale_temporaries,
    stage,
)
from .._model.scoring import Scorecard
from .._model.tree import show_path
from .._plugins.host import registry_or_default
from .._plugins.registry import Registry

if TYPE_CHECKING:
    from .._batch.batch import BatchResult, Failure, ProjectRow
    from .._batch.rollup import Rollup
    from .._forms.form import Form
    from .._forms.layout import Layout


@attrs.frozen
class Exporter:
    """An export format: ``write(scorecard, stream)`` writes one document to a binary stream.

    A renderer of forms also gives ``draw(layout, stream)``, which draws a :class:`Layout`;
    ``write`` is then ``draw`` of the scorecard's layout on its own form, and ``export(…,
    form=…)`` lays the scorecard out on another form and calls ``draw``.
    """

    name: str
    suffix: str
    write: Callable[[Scorecard, BinaryIO], None]
    description: str = ""
    draw: Callable[[Layout, BinaryIO], None] | None = None


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


def render(card: Scorecard, exporter: Exporter, *, form: Form | str | None = None) -> bytes:
    """The document's bytes, built in memory; ``form`` (a form or its id) lays the scorecard out
    on that form instead of its own (for an exporter that draws forms).

    An exporter that raises (a plugin's bug) gives a :class:`~perfeval_core.PluginError` naming
    it, its plugin and the file.
    """
    buffer = io.BytesIO()
    try:
        if form is None:
            exporter.write(card, buffer)
        else:
            from .layouts import build_layout

            draw = _drawer(exporter)
            draw(build_layout(card, form), buffer)
    except PerfevalError:
        raise
    except Exception as exc:
        path = card.evaluation.path
        raise card.evaluation.registry.failure(
            "exporter", exporter.name, exc, file=str(path) if path else None
        ) from exc
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


def _drawer(exporter: Exporter) -> Callable[[Layout, BinaryIO], None]:
    if exporter.draw is None:
        raise ExportError(
            f"the {exporter.name} format does not draw forms",
            hint="--form applies to formats that lay out a form (docx, xlsx); "
            f"{exporter.name} writes the evaluation as it is",
        )
    return exporter.draw


def export(
    cards: Iterable[Scorecard],
    format: str,
    out_dir: str | os.PathLike[str],
    *,
    force: bool = False,
    draft: bool = False,
    form: str | None = None,
    registry: Registry | None = None,
) -> list[Path]:
    """Write one file per scorecard into ``out_dir``, named after the project.

    Refuses an incomplete evaluation (a leaf without a score: no grade) unless ``draft``, and
    to overwrite an existing file unless ``force`` — nothing is written then; each file is
    written to a temporary name and moved into place, so a failure leaves no partial file
    behind. A file that cannot be rendered or written does not stop the others: the first such
    error is raised once every other file is written. The exporter is ``format`` of
    ``registry`` (by default the process's default registry); ``form`` (a form id) overrides
    the form of every scorecard.

    ``cards`` may be a generator: each document is rendered into a temporary file as its
    scorecard arrives and the scorecard let go, so a thousand files take the memory of one;
    the documents are moved into place together at the end, once every one was rendered.
    """
    written: list[Path] = []
    failed: list[PerfevalError] = []
    each = export_each(
        cards, format, out_dir, force=force, draft=draft, form=form, registry=registry
    )
    for target, error in each:
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
    draft: bool = False,
    form: str | None = None,
    registry: Registry | None = None,
) -> Iterator[tuple[Path, PerfevalError | None]]:
    """:func:`export`, file by file, in the order of ``cards``: each target and the error that
    kept it from being written (None when it was) — yielded once every document is rendered."""
    exporter = registry_or_default(registry).exporter(format)
    chosen: Form | None = None
    if form is not None:
        from .._loading.forms import load_form

        _drawer(exporter)
        chosen = load_form(form, registry=registry)  # an unknown form fails before any work
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise ExportError(
            f"{folder} is a file, not a folder",
            hint="give -o the folder to write the documents into",
        )
    names = OutputNames(folder, exporter.suffix)
    # (temporary file or None, target, the error that kept it from being rendered) per file:
    # a few strings each, the scorecards are let go as they are rendered
    staged: list[tuple[str | None, Path, PerfevalError | None]] = []
    placed = 0
    made: Path | None = None  # the first folder this call created, removed again on failure
    taken: Path | None = None  # the first target that exists (without force): nothing written
    ready = False  # the folder made and swept of stale temporaries
    try:
        for card in cards:
            if not draft and not card.complete:
                raise incomplete(card)
            target = names.claim(card.evaluation.project.name)
            if taken is None and not force and os.path.lexists(target):
                taken = target
            if taken is not None:  # refused at the end; the rest only checked for completeness
                continue
            if not ready:
                if not folder.is_dir():
                    made = _make_folder(folder)
                remove_stale_temporaries(folder)
                ready = True
            try:
                staged.append((stage(folder, render(card, exporter, form=chosen)), target, None))
            except PerfevalError as exc:
                staged.append((None, target, exc))
        if taken is not None:
            raise ExportError(f"{taken} exists", hint="use --force to overwrite it")
        for tmp, target, error in staged:
            placed += 1
            if tmp is not None:
                try:
                    place(tmp, target, overwrite=force)  # the temporary file is gone after
                except PerfevalError as exc:
                    error = exc
            yield target, error
    except BaseException:  # a refusal, Ctrl-C, SIGTERM: not even a temporary file is left
        for tmp, _, _ in staged[placed:]:
            if tmp is not None:
                discard(tmp)
        if folder.is_dir():
            remove_own_temporaries(folder)
        if made is not None and not placed:
            _remove_empty(folder, made)
        raise


def _make_folder(folder: Path) -> Path:
    """Create ``folder`` and its missing parents; returns the topmost one created."""
    made = folder
    for parent in folder.parents:  # the topmost folder that is not there yet
        if parent.exists():
            break
        made = parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            f"cannot create the folder {folder}: {exc.strerror or exc}",
            hint="check the path of -o and that it can be written to",
        ) from None
    return made


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
