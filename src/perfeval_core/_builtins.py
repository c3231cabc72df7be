"""perfeval's own plugin: the built-in rules, grading policies, checks, the json exporter and
summary, the TOML blank, and the shipped frameworks and forms, registered through the same hooks
as any plugin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ._plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from ._batch.batch import BatchResult
    from ._blank import BlankWriter
    from ._checks.base import Check
    from ._export.exporter import Exporter, SummarySink, SummaryWriter
    from ._model.grading import GradingPolicy
    from ._model.rules import Rule
    from ._model.scoring import Scorecard


@hookimpl
def perfeval_register_rules(register: Callable[[type[Rule]], None]) -> None:
    from ._model.rules import BUILTIN_RULES

    for rule in BUILTIN_RULES:
        register(rule)


@hookimpl
def perfeval_register_policies(register: Callable[[GradingPolicy], None]) -> None:
    from ._model.grading import BUILTIN_POLICIES

    for policy in BUILTIN_POLICIES:
        register(policy)


@hookimpl
def perfeval_register_checks(register: Callable[[Check], None]) -> None:
    from ._checks import arithmetic, budget, facts, narrative, review, scoring, values

    for family in (arithmetic, budget, facts, scoring, values, narrative, review):
        for check in family.CHECKS:
            register(check)


@hookimpl
def perfeval_register_exporters(register: Callable[[Exporter], None]) -> None:
    from ._export.exporter import Exporter

    register(
        Exporter(
            "json",
            ".json",
            write_json,
            "lossless JSON: the evaluation as written, its scores and its findings",
        )
    )


@hookimpl
def perfeval_register_summaries(register: Callable[[SummaryWriter], None]) -> None:
    from ._export.exporter import SummaryWriter

    register(
        SummaryWriter(
            "json",
            ".json",
            write_summary_json,
            "the roll-up as JSON, numbers exact",
            start=start_summary_json,
        )
    )


# the batch machinery is imported when a summary is written, not when the plugins load
def write_summary_json(result: BatchResult, stream: BinaryIO) -> None:
    """The json summary of a whole result."""
    from ._batch.summary import write_json

    write_json(result, stream)


def start_summary_json(stream: BinaryIO) -> SummarySink:
    """The json summary written as the batch runs."""
    from ._batch.summary import JsonSummary

    return JsonSummary(stream)


@hookimpl
def perfeval_register_blanks(register: Callable[[BlankWriter], None]) -> None:
    from ._blank import BlankWriter, write_toml

    register(BlankWriter("toml", ".toml", write_toml, "TOML, a comment beside every leaf"))


@hookimpl
def perfeval_register_framework_paths(register: Callable[[Path], None]) -> None:
    register(shipped_frameworks())


def shipped_frameworks() -> Path:
    """The folder of the frameworks that ship with perfeval (inside the wheel, or the repo's)."""
    inside = Path(__file__).parent / "frameworks"
    return inside if inside.is_dir() else Path(__file__).resolve().parents[2] / "frameworks"


@hookimpl
def perfeval_register_form_paths(register: Callable[[Path], None]) -> None:
    register(shipped_forms())


def shipped_forms() -> Path:
    """The folder of the forms (表样) that ship with perfeval (inside the wheel, or the repo's)."""
    inside = Path(__file__).parent / "forms"
    return inside if inside.is_dir() else Path(__file__).resolve().parents[2] / "forms"


def write_json(card: Scorecard, stream: BinaryIO) -> None:
    """The json exporter: evaluation as written + scorecard + findings, UTF-8, stable."""
    from ._export.jsonexport import export_data
    from ._io.jsonwriter import dumps

    stream.write((dumps(export_data(card)) + "\n").encode("utf-8"))
