"""Fixtures: the 13 如皋 2024 seed evaluations, scored, and their documents written once."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import perfeval_docx
from perfeval_core import Registry, Scorecard, load_evaluation, score
from perfeval_core._plugins.host import build_registry, set_registry

_REGISTRY: dict[str, Registry] = {}


def _load_testkit() -> ModuleType:
    """Make ``import docx_testkit`` work under any ``--import-mode`` (the repository runs pytest
    with importlib, which puts no test folder on sys.path) without putting this folder, and so
    this conftest, on sys.path."""
    name = "docx_testkit"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_testkit = _load_testkit()
EXAMPLES, ROOT, render = _testkit.EXAMPLES, _testkit.ROOT, _testkit.render


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def cards() -> dict[str, Scorecard]:
    """The 13 seed scorecards by their file number ("01" … "13")."""
    assert len(EXAMPLES) == 13, EXAMPLES
    return {path.name[:2]: score(load_evaluation(path)) for path in EXAMPLES}


@pytest.fixture(scope="session")
def documents(cards: dict[str, Scorecard]) -> dict[str, bytes]:
    """Each seed scorecard written as .docx, by file number."""
    return {number: render(card) for number, card in cards.items()}


@pytest.fixture(autouse=True)
def _this_plugin_only() -> Iterator[Registry]:
    """The default registry of each test: the built-ins and this plugin, no other entry point."""
    registry = _REGISTRY.get("r") or _REGISTRY.setdefault(
        "r", build_registry([("docx", perfeval_docx)], load_entry_points=False)
    )
    previous = set_registry(registry)
    try:
        yield registry
    finally:
        set_registry(previous)
