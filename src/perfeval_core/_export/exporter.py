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
from .._model.tree import show_path
from .._plugins.host import registry_or_default
from .._plugins.registry import Registry

if TYPE_CHECKING:
    from .._batch.batch import BatchResult
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


@attrs.frozen
class SummaryWriter:
    """A summary format: ``write(result, stream)`` writes a batch's roll-up to a binary stream."""

    name: str
    suffix: str
    write: Callable[[BatchResult, BinaryIO], None]
    description: str = ""


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
    """
    written: list[Path] = []
    failed: list[PerfevalError] = []
    each = export_each(
        cards, format, out_dir, force=force, draft=draft, form=form, registry=registry
    )
    for _, target, error in each:
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
) -> Iterator[tuple[Scorecard, Path, PerfevalError | None]]:
    """:func:`export`, file by file: each scorecard with its target and the error that kept it
    from being written (None when it was)."""
    exporter = registry_or_default(registry).exporter(format)
    chosen: Form | None = None
    if form is not None:
        from .._loading.forms import load_form

        _drawer(exporter)
        chosen = load_form(form, registry=registry)  # an unknown form fails before any work
    cards = list(cards)
    if not cards:
        return
    if not draft:
        for card in cards:
            if not card.complete:
                raise incomplete(card)
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
                write_atomic(target, render(card, exporter, form=chosen), overwrite=force)
            except PerfevalError as exc:
                yield card, target, exc
            else:
                yield card, target, None
    except BaseException:  # Ctrl-C, SIGTERM: not even a temporary file is left
        remove_own_temporaries(folder)
        raise
