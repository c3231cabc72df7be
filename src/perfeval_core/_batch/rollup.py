"""The roll-up of a batch (汇总), kept as the rows go by: counts, grades, units — never the rows.

:class:`Rollup` is what a batch of any size leaves in memory (a few numbers per grade and per
填报单位); :func:`stream_batch` scores a batch into one, handing each row and failure to a
summary as it arrives (:class:`~perfeval_core.SummarySink`), so that neither the batch nor its
summary holds a list that grows with the number of files. :class:`~perfeval_core.BatchResult`
(``run_batch``) keeps the rows as well, and rolls them up with the same class.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._checks.base import Severity
from .._errors import PerfevalError, exit_code
from .._plugins.host import registry_or_default
from .._plugins.registry import Registry
from .._version import version
from .batch import (
    SUMMARY_FORMAT,
    BatchResult,
    Failure,
    ProjectRow,
    UnitAverage,
    _run,
    average,
    expand_names,
    report_writer,
)

if TYPE_CHECKING:
    from .._export.exporter import SummarySink


class Rollup:
    """A batch rolled up: ``files`` processed, the ``skipped`` framework files, how many were
    ``scored``, ``exported`` and ``failed``, the ``findings`` by severity, and per grade and
    per unit what :meth:`grades`, :meth:`units` and :meth:`overall` give — as rows are
    :meth:`add`-ed; ``report`` is the report's file to open first, once written."""

    def __init__(self) -> None:
        self.files = 0
        self.exported = 0
        self.scored = 0
        self.failed = 0
        self.findings = {str(Severity.ERROR): 0, str(Severity.WARNING): 0, str(Severity.INFO): 0}
        self.skipped: list[str] = []
        self.report: Path | None = None
        self._grades: dict[str, int] = {}
        self._policies: dict[str, None] = {}
        self._units: dict[str | None, list[Any]] = {}
        self._all: list[Any] | None = None

    def add(self, row: ProjectRow) -> None:
        """Count one scored evaluation."""
        self.scored += 1
        self.exported += row.export is not None
        self.findings["error"] += row.errors
        self.findings["warning"] += row.warnings
        self.findings["info"] += row.infos
        self._grades[row.grade] = self._grades.get(row.grade, 0) + 1
        self._policies.setdefault(row.policy)
        total = row.total
        a = self._units.get(row.unit)
        if a is None:
            self._units[row.unit] = [1, total, total, total]
        else:
            a[0] += 1
            a[1] += total
            a[2] = min(a[2], total)
            a[3] = max(a[3], total)
        b = self._all
        if b is None:
            self._all = [1, Decimal(0) + total, total, total]
        else:
            b[0] += 1
            b[1] += total
            b[2] = min(b[2], total)
            b[3] = max(b[3], total)

    def add_failure(self, failure: Failure) -> None:
        """Count one failure (a file that did not load, score or export)."""
        self.failed += 1

    def record(self, path: str, row: ProjectRow | None, failure: Failure | None) -> None:
        """One file's outcome as the batch gives it: its row and/or failure, or neither for a
        framework file found in a folder (skipped)."""
        if row is None and failure is None:
            self.skipped.append(path)
            return
        self.files += 1
        if row is not None:
            self.add(row)
        if failure is not None:
            self.add_failure(failure)

    @property
    def exit_code(self) -> int:
        """2 if any file failed, else 1 if any error-severity finding, else 0."""
        return exit_code(failed=bool(self.failed), errors=bool(self.findings["error"]))

    def grades(self, registry: Registry | None = None) -> list[tuple[str, int]]:
        """``(label, count)`` in the policies' order (best first), zero counts included; the
        evaluations without a grade (not ``complete``) last, under 未完成 (or their policy's
        label), when there are any."""
        registry = registry_or_default(registry)
        labels: dict[str, int] = {}
        for policy_id in self._policies:
            try:
                policy = registry.policy(policy_id)
            except PerfevalError:
                continue
            for t in sorted(policy.thresholds, key=lambda t: t.min, reverse=True):
                labels.setdefault(t.label, 0)
            if policy.undemonstrated is not None:
                labels.setdefault(policy.undemonstrated, 0)
        for label, n in self._grades.items():
            labels[label] = labels.get(label, 0) + n
        return list(labels.items())

    def units(self) -> list[UnitAverage]:
        """Per 填报单位 in order of first appearance: the average total and its range."""
        return [
            UnitAverage(unit, n, s, average(s, n), lo, hi)
            for unit, (n, s, lo, hi) in self._units.items()
        ]

    def overall(self) -> UnitAverage | None:
        """All scored evaluations together, or None when there are none."""
        if self._all is None:
            return None
        n, s, lo, hi = self._all
        return UnitAverage(None, n, s, average(s, n), lo, hi)

    def head(self) -> dict[str, Any]:
        """The JSON summary document up to its ``projects`` (which :func:`summary_data` and
        the json summary add, with ``failures`` and ``skipped``)."""
        overall = self.overall()
        return {
            "format": SUMMARY_FORMAT,
            "generator": f"perfeval {version()}",
            "files": self.files,
            "scored": self.scored,
            "failed": self.failed,
            "findings": dict(self.findings),
            "average": overall.average if overall else None,
            "grades": [{"grade": g, "count": n} for g, n in self.grades()],
            "units": [u.as_dict() for u in self.units()],
        }

    @classmethod
    def of(
        cls,
        rows: Iterable[ProjectRow],
        failures: Iterable[Failure] = (),
        *,
        files: int = 0,
        skipped: Iterable[str] = (),
    ) -> Rollup:
        """The roll-up of rows and failures already kept (a :class:`BatchResult`)."""
        rollup = cls()
        rollup.files = files
        rollup.skipped = list(skipped)
        for row in rows:
            rollup.add(row)
        for failure in failures:
            rollup.add_failure(failure)
        return rollup


def summary_data(
    rollup: Rollup, rows: Iterable[ProjectRow], failures: Iterable[Failure]
) -> dict[str, Any]:
    """The JSON summary document (``"format": "perfeval-batch/1"``)."""
    return {
        **rollup.head(),
        "projects": [r.as_dict() for r in rows],
        "failures": [f.as_dict() for f in failures],
        "skipped": list(rollup.skipped),
    }


def stream_batch(
    paths: Iterable[str | os.PathLike[str]],
    *,
    summaries: Iterable[SummarySink] = (),
    jobs: int = 1,
    export_format: str | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    force: bool = False,
    policy: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    report: str | None = None,
    report_dir: str | os.PathLike[str] | None = None,
    registry: Registry | None = None,
    draft: bool = False,
) -> Rollup:
    """Score a batch as :func:`run_batch` does, but keep only its :class:`Rollup`: each row
    and failure goes to every sink of ``summaries`` as it arrives (in input order), and
    nothing is kept per file — memory stays flat however many files there are. The sinks are
    not closed: close each with the roll-up returned.

    With ``report`` the batch is also written as a report into ``report_dir``, as
    :func:`run_batch` writes it; its index lists every project, so the rows are kept then
    (about 1.5 kB each).
    """
    rollup, _ = _stream(
        paths,
        sinks=list(summaries),
        keep=report is not None,
        jobs=jobs,
        export_format=export_format,
        out_dir=out_dir,
        force=force,
        policy=policy,
        progress=progress,
        on_failure=on_failure,
        report=report,
        report_dir=report_dir,
        registry=registry,
        draft=draft,
    )
    return rollup


def run_batch(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    export_format: str | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    force: bool = False,
    policy: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    report: str | None = None,
    report_dir: str | os.PathLike[str] | None = None,
    registry: Registry | None = None,
    draft: bool = False,
) -> BatchResult:
    """Score a whole batch and keep its roll-up (the rows, never the scorecards).

    ``progress(done, total)`` is called after each file; ``on_failure(failure)`` as each
    failure occurs. With ``report`` (a report format, e.g. ``html``) the batch is also written
    as a report into the folder ``report_dir``, replaced as a whole when complete (an existing
    report only with ``force``); an index that cannot be written is a failure of
    ``report_dir``, and the folder is left as it was. Options as for :func:`iter_batch`.
    """
    _, kept = _stream(
        paths,
        sinks=[],
        keep=True,
        jobs=jobs,
        export_format=export_format,
        out_dir=out_dir,
        force=force,
        policy=policy,
        progress=progress,
        on_failure=on_failure,
        report=report,
        report_dir=report_dir,
        registry=registry,
        draft=draft,
    )
    assert kept is not None
    return kept


def _stream(
    paths: Iterable[str | os.PathLike[str]],
    *,
    sinks: list[SummarySink],
    keep: bool,
    jobs: int,
    export_format: str | None,
    out_dir: str | os.PathLike[str] | None,
    force: bool,
    policy: str | None,
    progress: Callable[[int, int], None] | None,
    on_failure: Callable[[Failure], None] | None,
    report: str | None,
    report_dir: str | os.PathLike[str] | None,
    registry: Registry | None,
    draft: bool,
) -> tuple[Rollup, BatchResult | None]:
    """The batch: each outcome rolled up and handed to the sinks, and with ``keep`` the
    rows and failures also kept (as a :class:`BatchResult`, with the report's file)."""
    registry = registry_or_default(registry)
    writer = report_writer(report, report_dir, out_dir, force=force, registry=registry)
    # the input list is all a batch keeps per file: names as plain strings
    files: list[tuple[Any, bool]] = list(expand_names([os.fspath(p) for p in paths]))
    rollup = Rollup()
    kept = BatchResult() if keep else None

    def failed(failure: Failure) -> None:
        for sink in sinks:
            sink.add_failure(failure)
        if kept is not None:
            kept.failures.append(failure)
        if on_failure is not None:
            on_failure(failure)

    try:
        outcomes = _run(
            files,
            jobs=jobs,
            export_format=export_format,
            out_dir=out_dir,
            force=force,
            policy=policy,
            registry=registry,
            draft=draft,
            keep=keep,
            report=writer,
        )
        total = len(files)
        for done, ((path, _), (row, failure)) in enumerate(zip(files, outcomes, strict=True), 1):
            rollup.record(path, row, failure)
            if row is not None:
                for sink in sinks:
                    sink.add(row)
                if kept is not None:
                    kept.rows.append(row)
            if failure is not None:
                failed(failure)
            if progress is not None:
                progress(done, total)
        if kept is not None:
            kept.files, kept.skipped = rollup.files, rollup.skipped
        if writer is not None and kept is not None:
            try:
                rollup.report = kept.report = writer.finish(kept)
            except PerfevalError as exc:
                failure = Failure(os.fspath(report_dir or ""), str(exc))
                rollup.add_failure(failure)
                failed(failure)
    finally:
        if writer is not None:
            writer.discard()
    return rollup, kept


__all__ = ["Rollup", "run_batch", "stream_batch", "summary_data"]
