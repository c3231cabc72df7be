"""Each test sees the built-ins and this plugin, registered explicitly (hermetic)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import perfeval_grading_three
from perfeval_core import Registry
from perfeval_core._plugins.host import build_registry, set_registry

_REGISTRY: dict[str, Registry] = {}

_REGISTRY: dict[str, Registry] = {}


@pytest.fixture(autouse=True)
def _this_plugin_only() -> Iterator[Registry]:
    """The default registry of each test: the built-ins and this plugin, no other entry point."""
    registry = _REGISTRY.get("r") or _REGISTRY.setdefault(
        "r", build_registry([("grading-three", perfeval_grading_three)], load_entry_points=False)
    )
    previous = set_registry(registry)
    try:
        yield registry
    finally:
        set_registry(previous)
