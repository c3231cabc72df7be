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
    from .exporting import Exporter
    from .grading import GradingPolicy
    from .rules import Rule

hookspec = pluggy.HookspecMarker("perfeval")
hookimpl = pluggy.HookimplMarker("perfeval")


@hookspec
def perfeval_register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register exporters: call ``register(Exporter(name=…, suffix=…, write=…))`` for each.

    ``name`` is what ``perfeval export --format NAME`` takes; ``write(scorecard, stream)``
    writes one document to a binary stream.
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
