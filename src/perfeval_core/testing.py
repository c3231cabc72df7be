"""Helpers for plugin authors' tests: register a plugin for the duration of a test.

This module is public API, like ``perfeval_core`` itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ._plugins.host import build_registry, set_registry
from ._plugins.registry import Registry


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


__all__ = ["isolated_registry", "register_plugin"]
