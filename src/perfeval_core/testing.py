"""Helpers for plugin authors' tests: register a plugin for the duration of a test, and a
sample evaluation that ships with perfeval-core to test it on.

This module is public API, like ``perfeval_core`` itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ._plugins.host import build_registry, set_registry
from ._plugins.registry import Registry

if TYPE_CHECKING:
    from ._model.evaluation import Evaluation

#: Where the sample lives in a checkout; the wheel carries it as ``samples/rugao-2024-skills.toml``
#: (``[tool.hatch.build.targets.wheel.force-include]`` in pyproject.toml).
_SAMPLE_IN_CHECKOUT = Path("examples") / "rugao-2024" / "02-职业技能评价.toml"
_SAMPLE_IN_WHEEL = Path("samples") / "rugao-2024-skills.toml"


def sample_path() -> Path:
    """The file of the sample evaluation: 职业技能评价 (如皋市人力资源和社会保障局, 2024,
    framework ``rugao-2024``, total 99 of 100, 优) — installed with perfeval-core, so a plugin's
    tests can load it anywhere."""
    inside = Path(__file__).parent / _SAMPLE_IN_WHEEL
    if inside.is_file():
        return inside
    return Path(__file__).resolve().parents[2] / _SAMPLE_IN_CHECKOUT


def sample_evaluation(registry: Registry | None = None) -> Evaluation:
    """The sample evaluation, loaded (with the default registry unless ``registry``)::

    card = score(sample_evaluation())  # 99 of 100, 优
    """
    from ._loading.evaluations import load_evaluation

    return load_evaluation(sample_path(), registry=registry)


@contextmanager
def register_plugin(
    plugin: object, name: str = "test-plugin", *, entry_points: bool = False
) -> Iterator[Registry]:
    """Use a registry with the built-ins, ``plugin`` and (optionally) the installed entry points.

    ``plugin`` is a module or object with ``@hookimpl`` functions. The previous registry is
    restored on exit, so tests stay hermetic::

        with register_plugin(my_plugin) as registry:
            export([card], "myformat", tmp_path)
    """
    registry = build_registry([(name, plugin)], load_entry_points=entry_points)
    previous = set_registry(registry)
    try:
        yield registry
    finally:
        set_registry(previous)


@contextmanager
def isolated_registry(*, entry_points: bool = False) -> Iterator[Registry]:
    """A fresh registry of the built-ins only (and the entry points if asked), restored on exit."""
    registry = build_registry(load_entry_points=entry_points)
    previous = set_registry(registry)
    try:
        yield registry
    finally:
        set_registry(previous)


__all__ = ["isolated_registry", "register_plugin", "sample_evaluation", "sample_path"]
