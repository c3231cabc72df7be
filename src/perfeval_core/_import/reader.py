"""Importing: readers are plugins that turn a file people already have (a workbook, a Word
document, a PDF, report text) into evaluations, with a report of where each value came from.

The core knows no file format: ``perfeval import`` picks the registered :class:`Reader` by the
file's suffix and writes what it returns. What a reader returns is plain data — the evaluation
specs it built, the form and framework it chose and why, a :class:`Trace` per value it read
and an :class:`ImportFinding` per step it was not sure of — so that every imported value can be
traced to its place in the source (docs/import.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import attrs

from .._model.spec import EvaluationSpec

if TYPE_CHECKING:
    pass

#: What a finding says about a step of the import: a label matched approximately, a value
#: inferred (a unit, a money unit from the magnitudes), a row or sheet skipped, something
#: assumed for want of a statement, a choice made among several (the framework, the form), a
#: value changed since perfeval exported the document, or a note.
FINDING_KINDS = ("approximate", "inferred", "skipped", "assumed", "chosen", "changed", "note")


@attrs.frozen
class ImportFinding:
    """An uncertain step of an import, and where in the source it happened (``location``:
    ``自评表!D14``, ``table 2, row 5, column 3``, ``page 2, line 7``; empty for the file)."""

    message: str
    location: str = ""
    kind: str = "note"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class Trace(NamedTuple):
    """Where one imported value came from: ``key`` is its key path in the evaluation
    (``("project", "name")``, ``("indicators", "产出指标", "数量指标", "培训人数", "actual")``),
    ``location`` the place in the source (anything whose ``str()`` names it: ``自评表!F13``,
    ``table 2, row 5, column 4``, ``page 2, line 7``), ``text`` the text read there. A named
    tuple: an import makes one per value read."""

    key: tuple[str, ...]
    location: object
    text: str = ""


@attrs.frozen
class ImportedEvaluation:
    """One project found in a file: the evaluation built from it (``spec``, stating only what
    differs from its framework), where the project starts, the form recognised and the
    framework chosen (each with the reason), the traces of its values and the findings."""

    spec: EvaluationSpec
    location: str = ""
    form: str | None = None
    form_reason: str = ""
    framework_reason: str = ""
    traces: tuple[Trace, ...] = ()
    findings: tuple[ImportFinding, ...] = ()
    #: What the table is: a 自评表 (actuals and scores), a 申报表 (targets and weights only:
    #: the year's evaluation to fill in at year end), or a 填报表 (perfeval's fill-in workbook).
    kind: str = "自评表"

    @property
    def name(self) -> str:
        """The project's name (the output file is named after it)."""
        return self.spec.project.name


@attrs.frozen
class ImportResult:
    """What a reader found in one file: its projects, in the order of the file, and notes on
    the file as a whole (a sheet skipped, number formats it could not see)."""

    file: str
    evaluations: tuple[ImportedEvaluation, ...] = ()
    notes: tuple[ImportFinding, ...] = ()


@attrs.frozen
class Reader:
    """A file format ``perfeval import`` reads: ``read(path, framework=…, form=…,
    registry=…)`` returns an :class:`ImportResult` for the file at ``path``.

    ``suffixes`` are the file endings it takes (``.xlsx``, ``.docx`` …), lower case with the
    dot; ``framework`` and ``form`` are what ``--framework`` and ``--form`` name (None: the
    reader chooses, and says why). A file it cannot read raises ``InputError`` naming the file
    and what to do; nothing is written for it.
    """

    name: str
    suffixes: tuple[str, ...]
    read: Callable[..., ImportResult]
    description: str = ""


def suffix_of(path: str | Path) -> str:
    """The suffix a reader is chosen by: ``.xlsx`` (lower case)."""
    return Path(path).suffix.lower()
