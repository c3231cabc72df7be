"""``import_file``: a file to evaluations through the reader registered for its suffix; and
writing them, one TOML file per project, through the evaluation writer."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .._errors import ExportError, InputError, PerfevalError, printable
from .._io.files import OutputNames, write_atomic
from .._loading.evaluations import dumps_evaluation, loads_evaluation
from .._loading.forms import load_form
from .._loading.frameworks import load_framework
from .._plugins.host import registry_or_default
from .._plugins.registry import Registry
from .reader import ImportedEvaluation, ImportResult


def import_file(
    path: str | os.PathLike[str],
    *,
    framework: str | None = None,
    form: str | None = None,
    registry: Registry | None = None,
) -> ImportResult:
    """The evaluations in a file, read by the reader registered for its suffix.

    ``framework`` and ``form`` (ids) are the framework to map the rows onto and the form to
    read the tables as; None lets the reader choose (and say why). A file that cannot be read
    raises :class:`InputError` naming it; a reader that raises anything else (a plugin's bug)
    gives a :class:`PluginError` naming its plugin. :func:`check_import` (which :func:`save_imports`
    runs) makes sure every evaluation loads and reads back equal.
    """
    registry = registry_or_default(registry)
    reader = registry.reader_for(Path(path))
    if framework is not None:
        load_framework(framework, registry=registry)  # an unknown id fails before any work
    if form is not None:
        load_form(form, registry=registry)
    try:
        return reader.read(Path(path), framework=framework, form=form, registry=registry)
    except PerfevalError:
        raise
    except Exception as exc:  # a reader's bug: this file's error, naming the plugin
        raise registry.failure("reader", reader.name, exc, file=str(path)) from exc


def check_import(result: ImportResult, registry: Registry | None = None) -> None:
    """Every evaluation of ``result`` resolves against its framework and its TOML reads back
    equal; else :class:`InputError` naming the file and the project."""
    registry = registry_or_default(registry)
    for evaluation in result.evaluations:
        _check_loads(evaluation, result.file, registry)


def _check_loads(evaluation: ImportedEvaluation, file: str, registry: Registry) -> None:
    """The evaluation resolves against its framework and its TOML reads back equal."""
    text = dumps_evaluation(evaluation.spec)
    try:
        back = loads_evaluation(text, file=file, registry=registry)
    except InputError as exc:
        where = f" ({evaluation.location})" if evaluation.location else ""
        raise InputError(
            f"the evaluation read for {evaluation.name!r}{where} does not load: {exc.message}",
            file=file,
            where=exc.where,
            hint=exc.hint or "see the import report (--report) for what was read",
        ) from None
    if back.spec != evaluation.spec:  # pragma: no cover - the writer's promise
        raise PerfevalError(f"the evaluation read for {evaluation.name!r} does not read back")


def imported_text(evaluation: ImportedEvaluation, file: str) -> str:
    """The TOML file of an imported evaluation: a comment naming its source, then the
    evaluation as the writer writes it."""
    source = printable(Path(file).name).replace("\n", " ")
    where = f" ({printable(evaluation.location)})" if evaluation.location else ""
    return f"# Imported by perfeval import from {source}{where}.\n\n" + dumps_evaluation(
        evaluation.spec
    )


def save_imports(
    results: Iterable[ImportResult],
    out_dir: str | os.PathLike[str],
    *,
    force: bool = False,
    check: bool = True,
    registry: Registry | None = None,
) -> list[list[Path]]:
    """Write one TOML file per imported evaluation into ``out_dir``, named after the project
    (unique in the run), atomically; nothing is written when an evaluation does not load
    (``check``: :func:`check_import` first), or when a target exists and ``force`` is not
    given. Returns the paths written, per result."""
    results = list(results)
    if check:
        for result in results:
            check_import(result, registry)
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise ExportError(
            f"{folder} is a file, not a folder",
            hint="give -o the folder to write the evaluations into",
        )
    names = OutputNames(folder, ".toml")
    targets = [[names.claim(ev.name) for ev in result.evaluations] for result in results]
    if not force:
        existing = [t for group in targets for t in group if t.exists()]
        if existing:
            raise ExportError(f"{existing[0]} exists", hint="use --force to overwrite it")
    if any(targets):
        folder.mkdir(parents=True, exist_ok=True)
    for result, group in zip(results, targets, strict=True):
        for evaluation, target in zip(result.evaluations, group, strict=True):
            text = imported_text(evaluation, result.file)
            write_atomic(target, text.encode("utf-8"), overwrite=force)
    return targets
