"""Batch scoring (汇总): a whole directory scored, checked and optionally exported, streaming,
with a roll-up by grade (等级分布) and by unit (单位平均).

Only a small :class:`ProjectRow` per evaluation is kept — never the scorecards — so memory grows
by about 1.5 kB per evaluation and by nothing else. With ``jobs > 1`` the files are scored on that
many processes, a few
chunks in flight at a time; results come back in input order, so the output is the same
whatever ``jobs`` is. A file that fails (bad TOML, unknown framework, an exporter error …) is
recorded as a :class:`Failure` and the others go on.

Exit status of ``perfeval batch`` (:attr:`BatchResult.exit_code`): 2 when any file failed, else 1
when any evaluation has an error-severity finding, else 0.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .._checks.base import Severity, run_checks
from .._errors import ExportError, InputError, PerfevalError, WrongKindError, exit_code
from .._export.exporter import incomplete, render
from .._io.files import (
    OutputNames,
    remove_own_temporaries,
    remove_stale_temporaries,
    write_atomic,
)
from .._loading.evaluations import load_evaluation
from .._model.scoring import score
from .._plugins.host import get_registry, registry_or_default, set_registry
from .._plugins.registry import Registry
from .inputs import expand, expand_names, expand_sources
from .report import ReportWriter

if TYPE_CHECKING:
    from .rollup import Rollup

#: The ``format`` tag of a JSON summary.
SUMMARY_FORMAT = "perfeval-batch/1"
#: The label used for evaluations that state no 填报单位.
NO_UNIT = "（未填写单位）"
#: Chunks in flight per worker process: enough to keep workers busy, bounded for memory.
_IN_FLIGHT = 4


@attrs.frozen
class ProjectRow:
    """One scored evaluation as the roll-up keeps it: small, plain, picklable.

    ``levels`` holds ``(name, score, weight)`` for each 一级; ``grade`` is the grade as shown
    (``Scorecard.grade_label``: 未完成 for an evaluation that is not ``complete``, which has
    none); ``errors``/``warnings``/``infos`` count the findings of
    :func:`~perfeval_core.run_checks` by severity and ``codes`` holds the code of each finding,
    in order; ``export`` is the document written for it and ``page`` its page in the report
    folder (``--report``), if any.
    """

    file: str
    project: str
    unit: str | None
    year: int | None
    framework: str
    total: Decimal
    max: Decimal
    grade: str
    policy: str
    levels: tuple[tuple[str, Decimal, Decimal], ...]
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    export: str | None = None
    complete: bool = True
    codes: tuple[str, ...] = ()
    page: str | None = None

    @property
    def unit_label(self) -> str:
        """The unit as a summary names it: its name, or （未填写单位） when none is given."""
        return self.unit or NO_UNIT

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the JSON summary (Decimals stay exact)."""
        return {
            "file": self.file,
            "unit": self.unit,
            "project": self.project,
            "year": self.year,
            "framework": self.framework,
            "total": self.total,
            "max": self.max,
            "grade": self.grade if self.complete else None,
            "policy": self.policy,
            "complete": self.complete,
            "levels": [{"name": n, "score": s, "weight": w} for n, s, w in self.levels],
            "findings": {"error": self.errors, "warning": self.warnings, "info": self.infos},
            "export": self.export,
        }


@attrs.frozen
class Failure:
    """A file that could not be scored or exported, with the error as the user sees it."""

    file: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "message": self.message}


@attrs.frozen
class UnitAverage:
    """The roll-up of one 填报单位: count, exact sum, average (2 places, half up), range."""

    unit: str | None
    projects: int
    sum: Decimal
    average: Decimal
    min: Decimal
    max: Decimal

    @property
    def label(self) -> str:
        """The unit as a summary names it: its name, or （未填写单位） when none is given."""
        return self.unit or NO_UNIT

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "projects": self.projects,
            "sum": self.sum,
            "average": self.average,
            "min": self.min,
            "max": self.max,
        }


@attrs.define
class BatchResult:
    """Rows of the scored evaluations and the failures, both in input order."""

    rows: list[ProjectRow] = attrs.Factory(list)
    failures: list[Failure] = attrs.Factory(list)
    files: int = 0  # files processed (one scored but not exported is in rows and failures)
    #: framework files found among the evaluations of a folder, not processed
    skipped: list[str] = attrs.Factory(list)
    report: Path | None = None  # the report's file to open first, once written (--report)

    @property
    def exit_code(self) -> int:
        """2 if any file failed, else 1 if any error-severity finding, else 0."""
        return exit_code(failed=bool(self.failures), errors=any(r.errors for r in self.rows))

    def rollup(self) -> Rollup:
        """The rows and failures rolled up (:class:`~perfeval_core.Rollup`)."""
        from .rollup import Rollup

        return Rollup.of(self.rows, self.failures, files=self.files, skipped=self.skipped)

    def grades(self, registry: Registry | None = None) -> list[tuple[str, int]]:
        """``(label, count)`` in the policies' order (best first), zero counts included; the
        evaluations without a grade (not ``complete``) last, under 未完成 (or their policy's
        label), when there are any."""
        return self.rollup().grades(registry)

    def units(self) -> list[UnitAverage]:
        """Per 填报单位 in order of first appearance: the average total and its range."""
        return self.rollup().units()

    def overall(self) -> UnitAverage | None:
        """All scored evaluations together, or None when there are none."""
        return self.rollup().overall()

    def as_data(self) -> dict[str, Any]:
        """The JSON summary document."""
        from .rollup import summary_data

        return summary_data(self.rollup(), self.rows, self.failures)


def _inside(path: Path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or below it."""
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def average(total: Decimal, count: int, places: int = 2) -> Decimal:
    """``total / count`` rounded half up (away from zero) to ``places``, computed exactly."""
    exact = Fraction(total) / count * 10**places
    whole = int(abs(exact) + Fraction(1, 2))
    return Decimal(whole if exact >= 0 else -whole).scaleb(-places)


# -- processing one file ------------------------------------------------------------------------


@attrs.frozen
class _Job:
    """What every worker needs to know (picklable)."""

    policy: str | None = None
    export_format: str | None = None
    draft: bool = False
    report: str | None = None


#: What a worker returns for one file: the row or the failure, the rendered document and the
#: rendered report page — all None for a framework file found in a folder, which is skipped.
_Outcome = tuple[ProjectRow | None, Failure | None, tuple[str, bytes] | None, bytes | None]
_Source = tuple[Path, bool]  # a file, and whether it was found in a folder


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as the roll-up names it: relative to the current folder (where the command ran)
    when it lies inside it, else as given — so a summary does not mix the two for files that
    sit side by side."""
    given = Path(path)
    if not given.is_absolute():
        return str(given)
    try:
        return str(given.relative_to(Path.cwd()))
    except ValueError:  # outside the current folder
        return str(given)


def _process(source: _Source, job: _Job) -> _Outcome:
    path, found = source
    name = shown_path(path)
    registry = get_registry()  # in a worker: the registry of the process that started it
    try:
        policy = registry.policy(job.policy) if job.policy else None
        card = score(load_evaluation(path, registry=registry), policy)
        findings = run_checks(card)
    except WrongKindError as exc:
        if found and exc.kind == "framework":
            return None, None, None, None
        return None, Failure(name, str(exc)), None, None
    except PerfevalError as exc:
        return None, Failure(name, str(exc)), None, None
    except Exception as exc:  # a plugin's rule or check: one file must not stop the batch
        return (
            None,
            Failure(name, f"{name}: internal error: {type(exc).__name__}: {exc}"),
            None,
            None,
        )
    ev = card.evaluation
    severities = [f.severity for f in findings]
    row = ProjectRow(
        file=name,
        project=ev.project.name,
        unit=ev.project.unit,
        year=ev.project.year,
        framework=ev.framework.id,
        total=card.total,
        max=card.max,
        grade=card.grade_label,
        policy=card.policy.id,
        levels=tuple((lv.indicator.name, lv.score or Decimal(0), lv.weight) for lv in card.levels),
        errors=severities.count(Severity.ERROR),
        warnings=severities.count(Severity.WARNING),
        infos=severities.count(Severity.INFO),
        complete=card.complete,
        codes=tuple(f.code for f in findings),
    )
    page, failure = None, None
    if job.report is not None:
        try:
            page = registry.report(job.report).page(card, findings)
        except Exception as exc:  # a plugin's bug: this project has no page, the rest go on
            failure = Failure(name, f"{name}: report page failed: {type(exc).__name__}: {exc}")
    if job.export_format is None:
        return row, failure, None, page
    if not card.complete and not job.draft:
        return row, _also(failure, Failure(name, str(incomplete(card)))), None, page
    try:  # an exporter's bug comes back as a PluginError naming it
        document = render(card, registry.exporter(job.export_format))
    except PerfevalError as exc:
        return row, _also(failure, Failure(name, str(exc))), None, page
    return row, failure, (ev.project.name, document), page


def _also(first: Failure | None, then: Failure) -> Failure:
    """One failure for a file that failed twice (its page and its export): both messages."""
    return then if first is None else Failure(first.file, f"{first.message}\n{then.message}")


def _process_chunk(paths: list[_Source], job: _Job) -> list[_Outcome]:
    return [_process(p, job) for p in paths]


def _outcomes(paths: Sequence[_Source], job: _Job, jobs: int) -> Iterator[_Outcome]:
    """Each file's outcome in input order, on ``jobs`` processes (1: in this process).

    The workers never outlive the batch: stopped at once when it ends early (an error, Ctrl-C,
    SIGTERM, a consumer that stops reading), and each exits by itself when its parent dies
    (even by SIGKILL) instead of waiting for work that will never come.
    """
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield _process(path, job)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, min(64, len(paths) // (jobs * 8)))
    chunks = (list(paths[i : i + size]) for i in range(0, len(paths), size))
    # forked workers inherit the default registry, plugins and all (nothing to pickle)
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_started,
        initargs=(os.getpid(),),
    )
    given = 0  # outcomes handed on so far
    try:
        pending = deque(
            pool.submit(_process_chunk, c, job) for c in islice(chunks, jobs * _IN_FLIGHT)
        )
        while pending:
            done = pending.popleft().result()
            following = next(chunks, None)
            if following is not None:
                pending.append(pool.submit(_process_chunk, following, job))
            for outcome in done:
                given += 1
                yield outcome
    except BrokenProcessPool:  # a worker died: the pool can do nothing more
        _stop(pool)
        raise PerfevalError(
            "a worker process stopped (killed, or out of memory): "
            f"{paths[given]} and the {len(paths) - given - 1:,} files after it were not scored",
            hint="run again; with --jobs 1 a file that makes perfeval crash is named",
        ) from None
    except BaseException:
        _stop(pool)  # the work in flight is of no use any more: stop it now, not after it
        raise
    else:
        pool.shutdown()


def _stop(pool: Any) -> None:
    """Terminate the workers of a ProcessPoolExecutor now, and the pool with them.

    A worker killed while it wrote its result leaves half a message in the result pipe, and
    the pool's manager thread would wait for the rest forever (and the interpreter for that
    thread at exit): once the workers are gone, closing the pipe's last write end (ours) ends
    that wait.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join()
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        writer.close()
    pool.shutdown(wait=True, cancel_futures=True)


#: How often (s) a worker looks whether the process that started it is still there.
_PARENT_CHECK = 0.5


def _worker_started(parent: int) -> None:
    """In each worker: Ctrl-C is for the parent (which stops the workers), SIGTERM ends the
    worker at once, and a watcher ends it when its parent is gone."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK)
        os._exit(1)

    threading.Thread(target=watch, name="perfeval-parent-watch", daemon=True).start()


# -- the batch ----------------------------------------------------------------------------------


class _Shared:
    """One object per distinct value among the rows kept — units, grades, 一级 names, scores —
    so that a row costs little more than its file and project names (about 1.5 kB in all)."""

    def __init__(self) -> None:
        self.values: dict[tuple[type, str], Any] = {}

    def __call__(self, value: Any) -> Any:
        if value is None:
            return None
        # keyed by the text too: Decimal("12") and Decimal("12.0") are equal but print apart
        return self.values.setdefault((type(value), str(value)), value)

    def row(self, row: ProjectRow) -> ProjectRow:
        return attrs.evolve(
            row,
            unit=self(row.unit),
            framework=self(row.framework),
            total=self(row.total),
            max=self(row.max),
            grade=self(row.grade),
            policy=self(row.policy),
            levels=tuple((self(n), self(s), self(w)) for n, s, w in row.levels),
            codes=self(row.codes),  # projects with the same findings share one tuple
        )


def _run(
    files: Sequence[_Source],
    *,
    jobs: int,
    export_format: str | None,
    out_dir: str | os.PathLike[str] | None,
    force: bool,
    policy: str | None,
    registry: Registry,
    draft: bool = False,
    keep: bool = True,
    report: ReportWriter | None = None,
) -> Iterator[tuple[ProjectRow | None, Failure | None]]:
    """Per file, in order: its row (None if it failed to score) and its failure (or None);
    both None for a framework file found in a folder (skipped); each page of the ``report`` is
    written as its project comes. ``keep``: the rows are kept by the caller, so their repeated
    values are shared (:class:`_Shared`)."""
    if policy is not None:
        registry.policy(policy)
    names = None
    if export_format is not None:
        if out_dir is None:
            raise InputError("exporting needs an output folder", hint="add -o DIR")
        names = OutputNames(out_dir, registry.exporter(export_format).suffix)
        try:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(
                f"cannot create the folder {out_dir}: {exc.strerror or exc}",
                hint="check the path of -o and that it can be written to",
            ) from None
        remove_stale_temporaries(out_dir)
    shared = _Shared()
    previous = set_registry(registry)  # what _process (and forked workers) use
    try:
        job = _Job(policy, export_format, draft, report.report.name if report else None)
        for row, failure, document, page in _outcomes(files, job, jobs):
            if row is not None and keep:
                row = shared.row(row)
            if document is not None and row is not None and names is not None:
                project, data = document
                target = names.claim(project)
                try:
                    write_atomic(target, data, overwrite=force)
                except PerfevalError as exc:
                    failure = Failure(row.file, f"{row.file}: {exc}")
                else:
                    row = attrs.evolve(row, export=shown_path(target))
            if page is not None and row is not None and report is not None:
                try:
                    row = report.add(row, page)
                except PerfevalError as exc:
                    failure = _also(failure, Failure(row.file, f"{row.file}: {exc}"))
                except Exception as exc:  # a plugin's finish_page
                    message = f"{row.file}: report page failed: {type(exc).__name__}: {exc}"
                    failure = _also(failure, Failure(row.file, message))
            yield row, failure
    except BaseException:  # Ctrl-C, SIGTERM: not even a temporary file is left
        if names is not None:
            remove_own_temporaries(names.folder)
        raise
    finally:
        set_registry(previous)


def iter_batch(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    export_format: str | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    force: bool = False,
    policy: str | None = None,
    registry: Registry | None = None,
    draft: bool = False,
) -> Iterator[ProjectRow | Failure]:
    """Score (and export) each evaluation, yielding its row and/or its failure, in input order.

    Folders among ``paths`` expand to their ``*.toml`` files, recursively. Exported documents
    are named after the project as :func:`perfeval_core.export` names them (a name used twice
    gets -2, -3 …); an existing file is a failure unless ``force``, and so is an incomplete
    evaluation (a leaf without a score: no grade) unless ``draft``.
    """
    for row, failure in _run(
        expand_sources([os.fspath(p) for p in paths]),
        jobs=jobs,
        export_format=export_format,
        out_dir=out_dir,
        force=force,
        policy=policy,
        registry=registry_or_default(registry),
        draft=draft,
    ):
        if row is not None:
            yield row
        if failure is not None:
            yield failure


def report_writer(
    report: str | None,
    report_dir: str | os.PathLike[str] | None,
    out_dir: str | os.PathLike[str] | None,
    *,
    force: bool,
    registry: Registry,
) -> ReportWriter | None:
    """The writer of a batch's ``report`` (a report format) into ``report_dir``, or None
    without one; a report without a folder, or exports inside it, are refused before any work."""
    if report is None:
        return None
    if report_dir is None:
        raise InputError("a report needs an output folder", hint="add -o DIR")
    if out_dir is not None and _inside(Path(out_dir), Path(report_dir)):
        raise InputError(
            "the exported documents cannot go inside the report's folder",
            file=os.fspath(out_dir),
            hint="the report's folder is replaced as a whole; export beside it, "
            "e.g. --export docx -o out/docx --report out/site",
        )
    return ReportWriter(registry.report(report), report_dir, force=force, registry=registry)


__all__ = [
    "SUMMARY_FORMAT",
    "BatchResult",
    "Failure",
    "ProjectRow",
    "UnitAverage",
    "average",
    "expand",
    "expand_names",
    "expand_sources",
    "iter_batch",
    "shown_path",
]
