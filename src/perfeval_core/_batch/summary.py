"""Batch summaries (汇总表): the roll-up of a :class:`~perfeval_core.BatchResult` written in the
format its file's suffix names — ``.json`` built in, ``.xlsx`` from the perfeval-xlsx plugin, any
other a plugin registers through ``perfeval_register_summaries``."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import BinaryIO

from .._errors import InputError, PerfevalError
from .._export.exporter import SummaryWriter
from .._io.files import remove_stale_temporaries, write_atomic
from .._io.jsonwriter import dumps
from .._plugins.host import registry_or_default
from .._plugins.install import FORMAT_PLUGINS, install_hint
from .._plugins.registry import Registry
from .batch import BatchResult


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
    buffer = io.BytesIO()
    try:
        writer.write(result, buffer)
    except PerfevalError:
        raise
    except Exception as exc:  # a plugin's bug: one error naming it, not a traceback
        raise registry_or_default(registry).failure(
            "summary", writer.name, exc, file=str(target)
        ) from exc
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target.parent)
    write_atomic(target, buffer.getvalue(), overwrite=overwrite)


def write_json(result: BatchResult, stream: BinaryIO) -> None:
    """The JSON summary: numbers exact, UTF-8."""
    stream.write((dumps(result.as_data()) + "\n").encode("utf-8"))
