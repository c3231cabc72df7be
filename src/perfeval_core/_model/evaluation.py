"""Evaluations (绩效评价) as resolved: one project's facts and results on its framework."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .framework import Framework
from .grading import GradingPolicy
from .rules import Rule
from .spec import EvaluationSpec, ProjectSpec
from .tree import Indicator

if TYPE_CHECKING:
    from .._plugins.registry import Registry


@attrs.frozen
class Evaluation:
    """An evaluation file resolved against its framework.

    ``spec`` is the file as written (what ``dumps_evaluation`` writes back); ``indicators`` the
    merged tree; ``rules`` the scoring rule of each leaf, by path; ``registry`` the plugins it
    was resolved with, which scoring and the checks use unless told otherwise.
    """

    spec: EvaluationSpec
    framework: Framework
    indicators: tuple[Indicator, ...]
    rules: dict[tuple[str, ...], Rule] = attrs.field(eq=False, repr=False)
    registry: Registry = attrs.field(eq=False, repr=False)
    path: Path | None = attrs.field(default=None, eq=False)
    #: The line of ``ignore = [...]`` in the file, for an error about a code in it.
    ignore_line: int | None = attrs.field(default=None, eq=False, repr=False)
    #: The scoring plan (:mod:`.plan`), built on first use and kept: ``[plan]`` or ``[]``.
    _plan: list[Any] = attrs.field(factory=list, init=False, eq=False, repr=False)

    @property
    def project(self) -> ProjectSpec:
        """The project's facts (填报单位, 项目名称, …)."""
        return self.spec.project

    @property
    def policy(self) -> GradingPolicy:
        """The framework's grading policy."""
        return self.registry.policy(self.framework.policy)

    def rule_for(self, leaf: Indicator, path: tuple[str, ...]) -> Rule:
        """The scoring rule of the leaf at ``path``."""
        return self.rules[path]
