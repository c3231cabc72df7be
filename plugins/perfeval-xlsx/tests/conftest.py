"""Fixtures: the 13 seed evaluations of examples/rugao-2024, scored and exported once."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import perfeval_core
import perfeval_xlsx
from perfeval_core import Registry
from perfeval_core._plugins.host import build_registry, set_registry

# The repository runs pytest with --import-mode=importlib, which puts no test folder on
# sys.path; the test modules import their helpers from this folder.
sys.path.insert(0, str(Path(__file__).parent))

from xlsx_testutil import EXAMPLES, SEED_FILES, export_bytes

_REGISTRY: dict[str, Registry] = {}


@pytest.fixture(scope="session")
def seed_cards() -> list[perfeval_core.Scorecard]:
    assert len(SEED_FILES) == 13, f"expected the 13 seed evaluations in {EXAMPLES}"
    return [perfeval_core.score(perfeval_core.load_evaluation(path)) for path in SEED_FILES]


@pytest.fixture(scope="session")
def seed_exports(seed_cards: list[perfeval_core.Scorecard]) -> list[bytes]:
    return [export_bytes(card) for card in seed_cards]


@pytest.fixture(autouse=True)
def _this_plugin_only() -> Iterator[Registry]:
    """The default registry of each test: the built-ins and this plugin, no other entry point."""
    registry = _REGISTRY.get("r") or _REGISTRY.setdefault(
        "r", build_registry([("xlsx", perfeval_xlsx)], load_entry_points=False)
    )
    previous = set_registry(registry)
    try:
        yield registry
    finally:
        set_registry(previous)
