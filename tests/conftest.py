"""Every core test runs against the built-ins alone: no installed plugin can change its outcome
(as datasette's tests do), and a test that registers a plugin cannot leak it into another."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from perfeval_core import Registry
from perfeval_core._plugins.host import build_registry, set_registry

_BUILTINS: list[Registry] = []


@pytest.fixture(autouse=True)
def builtins_only() -> Iterator[Registry]:
    """The default registry of each test: the built-ins, without entry points."""
    if not _BUILTINS:
        _BUILTINS.append(build_registry(load_entry_points=False))
    previous = set_registry(_BUILTINS[0])
    try:
        yield _BUILTINS[0]
    finally:
        set_registry(previous)
