"""Batch summaries (汇总表): the roll-up of a :class:`~perfeval_core.BatchResult` written in the
format its file's suffix names — ``.json`` built in, ``.xlsx`` from the perfeval-xlsx plugin, any
other a plugin registers through ``perfeval_register_summaries``."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from .._errors import InputError, PerfevalError
from .._export.exporter import SummarySink, SummaryWriter
from .._io.files import open_atomic, remove_stale_temporaries
from .._io.jsonwriter import dumps
from .._plugins.host import registry_or_default
from .._plugins.install import FORMAT_PLUGINS, install_hint
from .._plugins.registry import Registry
from .batch import BatchResult, Failure, ProjectRow
from .rollup import Rollup


def summary_writer(path: str | os.PathLike[str], registry: Registry | None = None) -> SummaryWriter:
    """The writer for a summary file, by its suffix; a suffix nobody writes is an error."""
    registry = registry_or_default(registry)
    suffix = Path(path).suffix.lower()
    for writer in registry.summaries.values():
        if writer.suffix == suffix:
            return writer
    known = sorted(w.suffix for w in registry.summaries.values())
    hint = f"name the summary out{' or out'.join(known)}"
    distribution = FORMAT_PLUGINS.get(suffix.lstrip("."))
    if distribution is not None:
        hint = (
            f"the {suffix.lstrip('.')} summary comes with the {distribution} plugin, which is "
            f"not installed: {install_hint(distribution)}; or {hint}"
        )
    raise InputError(
        f"cannot write a summary as {suffix or 'a file without suffix'!r}",
        file=str(path),
        hint=hint,
    )


def open_summary(
    writer: SummaryWriter,
    stream: BinaryIO,
    *,
    file: str | None = None,
    registry: Registry | None = None,
) -> SummarySink:
    """A summary of ``writer``'s format being written to ``stream`` (the summary ``file``) as
    the batch runs: the writer's own sink (``start``), or for a writer that only writes a whole
    result (``write``) one that keeps the rows and writes them when closed. A writer that
    raises (a plugin's bug) gives one error naming it and its plugin, not a traceback."""
    guarded = _Guarded(writer.name, file, registry)
    try:
        if writer.start is not None:
            guarded.sink = writer.start(stream)
        else:
            assert writer.write is not None  # a SummaryWriter has one or the other
            guarded.sink = _Collected(writer.write, stream)
    except PerfevalError:
        raise
    except Exception as exc:
        raise guarded.failure(exc) from exc
    return guarded


class _Guarded:
    """A summary writer's sink whose exceptions other than perfeval's own become the
    :class:`~perfeval_core.PluginError` naming the writer's plugin."""

    sink: SummarySink

    def __init__(self, name: str, file: str | None, registry: Registry | None) -> None:
        self.name, self.file, self.registry = name, file, registry

    def failure(self, exc: Exception) -> PerfevalError:
        return registry_or_default(self.registry).failure("summary", self.name, exc, file=self.file)

    def add(self, row: ProjectRow) -> None:
        try:
            self.sink.add(row)
        except PerfevalError:
            raise
        except Exception as exc:
            raise self.failure(exc) from exc

    def add_failure(self, failure: Failure) -> None:
        try:
            self.sink.add_failure(failure)
        except PerfevalError:
            raise
        except Exception as exc:
            raise self.failure(exc) from exc

    def close(self, rollup: Rollup) -> None:
        try:
            self.sink.close(rollup)
        except PerfevalError:
            raise
        except Exception as exc:
            raise self.failure(exc) from exc


def write_summary(
    result: BatchResult,
    path: str | os.PathLike[str],
    *,
    overwrite: bool = True,
    registry: Registry | None = None,
) -> None:
    """Write the roll-up in the format of the file's suffix, atomically; with ``overwrite``
    False an existing file (even one that appeared meanwhile) is an error and left as it is."""
    target = Path(path)
    writer = summary_writer(target, registry)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target.parent)
    with open_atomic(target, overwrite=overwrite) as stream:
        sink = open_summary(writer, stream, file=str(target), registry=registry)
        for row in result.rows:
            sink.add(row)
        for failure in result.failures:
            sink.add_failure(failure)
        sink.close(result.rollup())


def write_json(result: BatchResult, stream: BinaryIO) -> None:
    """The JSON summary: numbers exact, UTF-8."""
    stream.write((dumps(result.as_data()) + "\n").encode("utf-8"))


class JsonSummary:
    """The JSON summary written as the batch runs: each row and failure is turned into its
    JSON text as it arrives and kept in a temporary file; :meth:`close` writes the document —
    the same bytes :func:`write_json` writes for the whole result."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self._parts = {key: tempfile.TemporaryFile() for key in _LISTS}
        self._count = dict.fromkeys(_LISTS, 0)

    def add(self, row: ProjectRow) -> None:
        self._item("projects", row.as_dict())

    def add_failure(self, failure: Failure) -> None:
        self._item("failures", failure.as_dict())

    def _item(self, key: str, data: dict[str, Any]) -> None:
        # an element of a list of the top-level object: indented two levels (json's indent=2)
        text = "\n".join("    " + line for line in dumps(data).split("\n"))
        part = self._parts[key]
        part.write(((",\n" if self._count[key] else "") + text).encode("utf-8"))
        self._count[key] += 1

    def close(self, rollup: Rollup) -> None:
        try:
            data = {**rollup.head(), "projects": [], "failures": [], "skipped": rollup.skipped}
            text = dumps(data) + "\n"
            start = 0
            for key in _LISTS:  # splice each list in where dumps wrote it empty
                empty = f'\n  "{key}": [],\n'
                at = text.index(empty, start)
                self.stream.write(text[start : at + len(empty) - 4].encode("utf-8"))
                if self._count[key]:
                    self.stream.write(b"[\n")
                    part = self._parts[key]
                    part.seek(0)
                    shutil.copyfileobj(part, self.stream)
                    self.stream.write(b"\n  ]")
                else:
                    self.stream.write(b"[]")
                start = at + len(empty) - 2
            self.stream.write(text[start:].encode("utf-8"))
        finally:
            for part in self._parts.values():
                part.close()


#: The lists of the JSON summary that grow with the batch, in the order the document has them.
_LISTS = ("projects", "failures")


class _Collected:
    """The sink of a writer that writes a whole result: the rows are kept until :meth:`close`."""

    def __init__(self, write: Callable[[BatchResult, BinaryIO], None], stream: BinaryIO) -> None:
        self.write, self.stream = write, stream
        self.result = BatchResult()

    def add(self, row: ProjectRow) -> None:
        self.result.rows.append(row)

    def add_failure(self, failure: Failure) -> None:
        self.result.failures.append(failure)

    def close(self, rollup: Rollup) -> None:
        self.result.files = rollup.files
        self.result.skipped = list(rollup.skipped)
        self.write(self.result, self.stream)
