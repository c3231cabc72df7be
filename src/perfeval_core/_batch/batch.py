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
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .._checks.base import Severity, run_checks
from .._errors import InputError, PerfevalError, WrongKindError, exit_code
from .._export.exporter import incomplete, render
from .._io.files import OutputNames, write_atomic
from .._loading.evaluations import load_evaluation
from .._model.scoring import score
from .._plugins.host import get_registry, registry_or_default, set_registry
from .._plugins.registry import Registry

if TYPE_CHECKING:
    from .rollup import Rollup

#: The ``format`` tag of a JSON summary.
SUMMARY_FORMAT = "perfeval-batch/1"
#: The label used for evaluations that state no 填报单位.
NO_UNIT = "（未填写单位）"
#: Chunks in flight per worker process: enough to keep workers busy, bounded for memory.
_IN_FLIGHT = 4


def expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given; folders become their ``*.toml`` files, sorted, recursively (a folder
    without any is an error: a wrong folder must not look like a clean review)."""
    return [path for path, _ in expand_sources(paths)]


def expand_sources(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, bool]]:
    """As :func:`expand`, each file with whether it was found in a folder (True) or given.

    A framework file found in a folder — docs/frameworks.md keeps a county's framework beside
    its evaluations — is skipped by the commands with a note; one given by name is an error.
    """
    out: list[tuple[Path, bool]] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append((p, False))
            continue
        found = sorted(p.rglob("*.toml"))
        if not found:
            raise InputError(
                "folder holds no .toml files",
                file=str(p),
                hint="give the folder of the evaluation files, or the files",
            )
        out.extend((f, True) for f in found)
    return out


def expand_names(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[str, bool]]:
    """As :func:`expand_sources`, the files as plain strings, in the same order — what a batch
    of 100,000 files keeps of its input (a ``Path`` costs three times its name)."""
    if os.sep != "/" or os.altsep:  # Windows orders paths case-insensitively: as Paths do
        return [(str(p), found) for p, found in expand_sources(paths)]
    out: list[tuple[str, bool]] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append((str(p), False))
            continue
        # Paths sort part by part: as their strings with "/" below every other character
        found = sorted(str(f).replace("/", "\0") for f in p.rglob("*.toml"))
        if not found:
            raise InputError(
                "folder holds no .toml files",
                file=str(p),
                hint="give the folder of the evaluation files, or the files",
            )
        for i, f in enumerate(found):  # in place: one name of each alive at a time
            found[i] = f.replace("\0", "/")
        out.extend([(f, True) for f in found])
        del found
    return out


def skip_note(path: Path) -> str:
    """The note for a framework file found among the evaluations of a folder."""
    return f"perfeval: note: {path}: a framework file (it has `id`), not an evaluation: skipped"


@attrs.frozen
class ProjectRow:
    """One scored evaluation as the roll-up keeps it: small, plain, picklable.

    ``levels`` holds ``(name, score, weight)`` for each 一级; ``grade`` is the grade as shown
    (``Scorecard.grade_label``: 未完成 for an evaluation that is not ``complete``, which has
    none); ``errors``/``warnings``/``infos`` count the findings of
    :func:`~perfeval_core.checks.run_checks` by severity; ``export`` is the document written
    for it, if any.
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


#: What a worker returns for one file: the row or the failure, and the rendered document —
#: all three None for a framework file found in a folder, which is skipped.
_Outcome = tuple[ProjectRow | None, Failure | None, tuple[str, bytes] | None]
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
            return None, None, None
        return None, Failure(name, str(exc)), None
    except PerfevalError as exc:
        return None, Failure(name, str(exc)), None
    except Exception as exc:  # a plugin's rule or check: one file must not stop the batch
        return None, Failure(name, f"{name}: internal error: {type(exc).__name__}: {exc}"), None
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
    )
    if job.export_format is None:
        return row, None, None
    if not card.complete and not job.draft:
        return row, Failure(name, str(incomplete(card))), None
    try:
        document = render(card, registry.exporter(job.export_format))
    except PerfevalError as exc:
        return row, Failure(name, str(exc)), None
    except Exception as exc:  # a plugin exporter's bug: report it, keep going
        return (
            row,
            Failure(
                name, f"{name}: export to {job.export_format} failed: {type(exc).__name__}: {exc}"
            ),
            None,
        )
    return row, None, (ev.project.name, document)


def _process_chunk(paths: list[_Source], job: _Job) -> list[_Outcome]:
    return [_process(p, job) for p in paths]


def _outcomes(paths: Sequence[_Source], job: _Job, jobs: int) -> Iterator[_Outcome]:
    """Each file's outcome in input order, on ``jobs`` processes (1: in this process)."""
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield _process(path, job)
        return
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, min(64, len(paths) // (jobs * 8)))
    chunks = (list(paths[i : i + size]) for i in range(0, len(paths), size))
    import multiprocessing

    # forked workers inherit the default registry, plugins and all (nothing to pickle)
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=multiprocessing.get_context("fork")
    ) as pool:
        pending = deque(
            pool.submit(_process_chunk, c, job) for c in islice(chunks, jobs * _IN_FLIGHT)
        )
        while pending:
            done = pending.popleft().result()
            following = next(chunks, None)
            if following is not None:
                pending.append(pool.submit(_process_chunk, following, job))
            yield from done


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
) -> Iterator[tuple[ProjectRow | None, Failure | None]]:
    """Per file, in order: its row (None if it failed to score) and its failure (or None);
    both None for a framework file found in a folder (skipped). ``keep``: the rows are kept
    by the caller, so their repeated values are shared (:class:`_Shared`)."""
    if policy is not None:
        registry.policy(policy)
    names = None
    if export_format is not None:
        if out_dir is None:
            raise InputError("exporting needs an output folder", hint="add -o DIR")
        names = OutputNames(out_dir, registry.exporter(export_format).suffix)
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    shared = _Shared()
    previous = set_registry(registry)  # what _process (and forked workers) use
    try:
        for row, failure, document in _outcomes(files, _Job(policy, export_format, draft), jobs):
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
            yield row, failure
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
    registry: Registry | None = None,
    draft: bool = False,
) -> BatchResult:
    """Score a whole batch and keep its roll-up (the rows, never the scorecards).

    ``progress(done, total)`` is called after each file; ``on_failure(failure)`` as each
    failure occurs. Options as for :func:`iter_batch`.
    """
    files = expand_sources([os.fspath(p) for p in paths])
    result = BatchResult()
    outcomes = _run(
        files,
        jobs=jobs,
        export_format=export_format,
        out_dir=out_dir,
        force=force,
        policy=policy,
        registry=registry_or_default(registry),
        draft=draft,
    )
    for done, ((path, _), (row, failure)) in enumerate(zip(files, outcomes, strict=True), 1):
        if row is None and failure is None:
            result.skipped.append(str(path))
        else:
            result.files += 1
        if row is not None:
            result.rows.append(row)
        if failure is not None:
            result.failures.append(failure)
            if on_failure is not None:
                on_failure(failure)
        if progress is not None:
            progress(done, len(files))
    return result


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
    "run_batch",
    "shown_path",
]
