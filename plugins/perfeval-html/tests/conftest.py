"""Fixtures: a registry of the built-ins and this plugin only; the shipped examples scored."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import perfeval_core
import perfeval_html
from perfeval_core import Registry
from perfeval_core._plugins.host import build_registry, set_registry

# pytest runs with --import-mode=importlib: the test modules import their helpers from here
sys.path.insert(0, str(Path(__file__).parent))

from html_testkit import EXAMPLES

_REGISTRY: list[Registry] = []


@pytest.fixture(autouse=True)
def _this_plugin_only() -> Iterator[Registry]:
    """The default registry of each test: the built-ins and this plugin, no other entry point."""
    if not _REGISTRY:
        _REGISTRY.append(build_registry([("html", perfeval_html)], load_entry_points=False))
    previous = set_registry(_REGISTRY[0])
    try:
        yield _REGISTRY[0]
    finally:
        set_registry(previous)


@pytest.fixture(scope="session")
def cards() -> list[perfeval_core.Scorecard]:
    """The 16 shipped examples, scored (3 national, then the 13 如皋 2024 ones)."""
    assert len(EXAMPLES) == 16
    with_plugin = build_registry([("html", perfeval_html)], load_entry_points=False)
    return [
        perfeval_core.score(perfeval_core.load_evaluation(p, registry=with_plugin))
        for p in EXAMPLES
    ]
