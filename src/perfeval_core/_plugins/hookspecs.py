"""The hooks a perfeval plugin may implement (pluggy project name ``perfeval``).

Every hook receives a ``register`` callback and calls it once per thing it contributes; the
host records which plugin registered what, and rejects a name registered twice, naming both
plugins. Built-in exporters, policies, rules and frameworks register through these same hooks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .._blank import BlankWriter
    from .._checks.base import Check
    from .._export.exporter import Exporter, SummaryWriter
    from .._export.report import Report
    from .._import.reader import Reader
    from .._model.grading import GradingPolicy
    from .._model.rules import Rule

hookspec = pluggy.HookspecMarker("perfeval")
hookimpl = pluggy.HookimplMarker("perfeval")


@hookspec
def perfeval_register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register exporters: call ``register(Exporter(name=…, suffix=…, write=…))`` for each.

    ``name`` is what ``perfeval export --format NAME`` takes; ``write(scorecard, stream)``
    writes one document to a binary stream.
    """


@hookspec
def perfeval_register_summaries(register: Callable[[SummaryWriter], None]) -> None:
    """Register batch summary formats: call ``register(SummaryWriter(name=…, suffix=…,
    start=…))`` (or ``write=…``) for each.

    ``perfeval batch --summary OUT.<suffix>`` picks the writer by the file's suffix.
    ``start(stream)`` returns a ``SummarySink``: ``add(row)`` for each scored evaluation and
    ``add_failure(failure)`` for each failure as they arrive, then ``close(rollup)`` with the
    batch's ``Rollup`` — the summary is then complete on the stream; the sink keeps nothing
    that grows with the batch in memory. ``write(result, stream)`` writes a whole
    ``BatchResult`` instead (the batch then keeps every row until the end).
    """


@hookspec
def perfeval_register_reports(register: Callable[[Report], None]) -> None:
    """Register report formats: call ``register(Report(name=…, suffix=…, page=…, index=…,
    finish_page=…))`` for each.

    ``perfeval report DIR -o SITE`` and ``perfeval batch … --report SITE`` write one into a
    folder: ``page(scorecard, findings)`` returns a project's page (bytes), in the process that
    scored it; ``finish_page(page, links)`` completes it in the main process with its
    ``PageLinks`` (its path, the exported document's); ``index(result, folder)`` writes the
    index files from the roll-up (a ``BatchResult``) with ``folder.write(name, data)`` and
    returns the name of the file to open.
    """


@hookspec
def perfeval_register_policies(register: Callable[[GradingPolicy], None]) -> None:
    """Register grading policies: call ``register(GradingPolicy(id=…, …))`` for each.

    A framework names its policy by ``id``; ``perfeval score --policy ID`` overrides it.
    """


@hookspec
def perfeval_register_rules(register: Callable[[type[Rule]], None]) -> None:
    """Register scoring rules: call ``register(RuleClass)`` for each ``Rule`` subclass.

    The class's ``kind`` and ``aliases`` are the names a framework writes in ``rule``; its attrs
    fields are the parameters a rule table may set.
    """


@hookspec
def perfeval_register_framework_paths(register: Callable[[Path], None]) -> None:
    """Register directories that hold framework files (``<id>.toml``), searched in order."""


@hookspec
def perfeval_register_form_paths(register: Callable[[Path], None]) -> None:
    """Register directories that hold form files (表样, ``<id>.toml``), searched in order after
    ``$PERFEVAL_FORM_PATH``; the first file with an id wins (docs/forms.md)."""


@hookspec
def perfeval_register_checks(register: Callable[[Check], None]) -> None:
    """Register review checks: call ``register(Check(code=…, name=…, severity=…, summary=…,
    run=…, label=…))`` for each (``label``: a short Chinese name, optional).

    ``run(scorecard)`` yields ``(path, message)`` for each finding; ``perfeval check`` reports
    them under the check's ``code`` (unique, e.g. ``X101`` for a plugin's), in the order the
    checks were registered (the built-ins first).
    """


@hookspec
def perfeval_register_readers(register: Callable[[Reader], None]) -> None:
    """Register import readers: call ``register(Reader(name=…, suffixes=…, read=…))`` for each.

    ``perfeval import FILE…`` picks the reader by the file's suffix (``.xlsx``, ``.docx`` …; one
    reader a suffix); ``read(path, framework=…, form=…, registry=…)`` returns the file's
    evaluations as an ``ImportResult`` (docs/import.md).
    """


@hookspec
def perfeval_register_blanks(register: Callable[[BlankWriter], None]) -> None:
    """Register formats of the blank evaluation: call ``register(BlankWriter(name=…, suffix=…,
    write=…))`` for each.

    ``perfeval new --format NAME`` (or an ``-o`` file with the writer's suffix) picks it;
    ``write(framework, stream, ref)`` writes the blank for a ``Framework`` to a binary stream,
    ``ref`` being what the blank names in ``framework = …``. The TOML blank is built in.
    """
