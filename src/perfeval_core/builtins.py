"""perfeval's own plugin: the built-in rules, grading policies, the json exporter and the
shipped frameworks, registered through the same hooks as any third-party plugin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from .hookspecs import hookimpl


@hookimpl
def perfeval_register_rules(register: Callable[[Any], None]) -> None:
    from .rules import BUILTIN_RULES

    for rule in BUILTIN_RULES:
        register(rule)


@hookimpl
def perfeval_register_policies(register: Callable[[Any], None]) -> None:
    from .grading import BUILTIN_POLICIES

    for policy in BUILTIN_POLICIES:
        register(policy)


@hookimpl
def perfeval_register_exporters(register: Callable[[Any], None]) -> None:
    from .exporting import Exporter

    register(Exporter("json", ".json", write_json,
                      "lossless JSON: the evaluation as written, its scores and its findings"))


@hookimpl
def perfeval_register_framework_paths(register: Callable[[Path], None]) -> None:
    register(shipped_frameworks())


def shipped_frameworks() -> Path:
    """The folder of the frameworks that ship with perfeval (inside the wheel, or the repo's)."""
    inside = Path(__file__).parent / "frameworks"
    return inside if inside.is_dir() else Path(__file__).resolve().parents[2] / "frameworks"


def write_json(card: Any, stream: BinaryIO) -> None:
    """The json exporter: evaluation as written + scorecard + findings, UTF-8, stable."""
    from .jsonexport import export_data
    from .jsonout import dumps

    stream.write((dumps(export_data(card)) + "\n").encode("utf-8"))
