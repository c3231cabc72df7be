"""The installed plugins' entry points, found without importing ``importlib.metadata``.

``importlib.metadata`` costs more to import (it brings the ``email`` package, ``csv``,
``zipfile`` …) than the rest of ``perfeval score ONE.toml`` takes to start. Installers lay
every distribution out as ``<name>-<version>.dist-info`` folders on ``sys.path`` (PEP 376 /
PEP 427), each with an ``entry_points.txt``: this module reads those folders directly, the
first distribution of a name on ``sys.path`` winning, as ``importlib.metadata`` does. Whenever
the layout is anything else — a zip or an egg on ``sys.path``, an ``.egg-info`` that declares
entry points, a meta-path finder of distributions of its own — it asks ``importlib.metadata``.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from typing import Any

_SECTION = re.compile(r"^\s*\[([^\]]+)\]\s*$")


class EntryPoint:
    """What the plugin host needs of an entry point: its ``name``, its distribution's
    ``version`` and :meth:`load` (``module:attr`` as ``importlib.metadata`` resolves it)."""

    __slots__ = ("name", "value", "version")

    def __init__(self, name: str, value: str, version: str) -> None:
        self.name, self.value, self.version = name, value, version

    def load(self) -> Any:
        module, _, attr = self.value.split("[", 1)[0].partition(":")  # extras: not ours
        obj: Any = importlib.import_module(module.strip())
        for part in filter(None, attr.strip().split(".")):
            obj = getattr(obj, part)
        return obj

    def __repr__(self) -> str:
        return f"EntryPoint({self.name!r}, {self.value!r}, {self.version!r})"


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` of the installed distributions."""
    found = _scan(group)
    return found if found is not None else _from_metadata(group)


def _scan(group: str) -> list[EntryPoint] | None:
    """The entry points read from the ``.dist-info`` folders on ``sys.path``, or None when
    something there is laid out otherwise."""
    import importlib.machinery

    for finder in sys.meta_path:
        if hasattr(finder, "find_distributions") and finder is not importlib.machinery.PathFinder:
            return None
    seen: set[str] = set()
    out: list[EntryPoint] = []
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except NotADirectoryError:
            return None  # a zip or an egg: importlib.metadata reads those
        except OSError:
            continue  # not there (python311.zip when the stdlib is a folder)
        for name in sorted(names):
            if name.endswith(".egg-info"):
                if _declares(os.path.join(folder, name, "entry_points.txt"), group) is not False:
                    return None
                continue
            if not name.endswith(".dist-info"):
                continue
            dist, _, version = name[: -len(".dist-info")].partition("-")
            key = re.sub(r"[-_.]+", "_", dist).lower()
            if key in seen:
                continue
            seen.add(key)
            path = os.path.join(folder, name, "entry_points.txt")
            for ep_name, value in _read(path, group):
                out.append(EntryPoint(ep_name, value, version))
    return out


def _declares(path: str, group: str) -> bool | None:
    """Whether an egg's ``entry_points.txt`` has ``group`` (None: it cannot be read)."""
    try:
        with open(path, encoding="utf-8") as f:
            return any(_SECTION.match(line) and line.strip()[1:-1].strip() == group for line in f)
    except FileNotFoundError:
        return False
    except (OSError, UnicodeDecodeError):
        return None


def _read(path: str, group: str) -> list[tuple[str, str]]:
    """``(name, value)`` of ``group`` in an ``entry_points.txt`` (INI: ``name = module:attr``)."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    out: list[tuple[str, str]] = []
    section = None
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        m = _SECTION.match(line)
        if m:
            section = m.group(1).strip()
            continue
        if section == group and "=" in stripped:
            name, _, value = stripped.partition("=")
            out.append((name.strip(), value.strip()))
    return out


def _from_metadata(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points as metadata_entry_points

    return [
        EntryPoint(ep.name, ep.value, ep.dist.version if ep.dist else "")
        for ep in metadata_entry_points(group=group)
    ]


__all__ = ["EntryPoint", "entry_points"]
