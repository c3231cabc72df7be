"""Frameworks (指标体系): found by id on the search path, inheritance resolved, settings merged."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import attrs

from .errors import FrameworkNotFoundError, InputError
from .grading import DEFAULT_POLICY
from .plugins import get_registry
from .rules import Settings
from .spec import FrameworkSpec, SettingsSpec
from .tomlio import load_document, loads_document
from .tree import Indicator, TreeBuilder

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
DEFAULT_TOTAL = Decimal(100)


@attrs.frozen
class Framework:
    """A resolved framework: its tree with everything it inherits, its settings and policy."""

    id: str
    title: str
    description: str
    source: str
    total: Decimal
    policy: str
    settings: Settings
    indicators: tuple[Indicator, ...]
    path: Path | None = None
    lineage: tuple[str, ...] = ()


def search_path() -> list[Path]:
    """Directories searched for ``<id>.toml``: ``$PERFEVAL_FRAMEWORK_PATH`` then the plugins'."""
    env = [Path(p) for p in os.environ.get("PERFEVAL_FRAMEWORK_PATH", "").split(os.pathsep) if p]
    return [*env, *get_registry().framework_paths]


def available() -> dict[str, Path]:
    """Every framework id on the search path with its file (the first one found wins)."""
    found: dict[str, Path] = {}
    for folder in search_path():
        if folder.is_dir():
            for file in sorted(folder.glob("*.toml")):
                found.setdefault(file.stem, file)
    return found


def find(ref: str, *, relative_to: Path | None = None, file: str | None = None,
         key: str = "framework") -> Path:
    """The file of framework ``ref``: an id on the search path, or a ``.toml`` path relative to
    ``relative_to`` that stays inside that directory (symbolic links included); ``key`` is the
    key that names it (``framework`` or ``extends``), for the error messages."""
    if ref.endswith(".toml"):
        hint = "use a framework id on the search path, or a path inside that folder"
        if relative_to is None:
            raise InputError(f"framework path {ref!r} has no folder to be relative to", file=file,
                             where=key, hint="use a framework id (or load the file from disk)")
        if os.path.isabs(ref) or ".." in Path(ref).parts:
            raise InputError(f"framework path {ref!r} leaves the folder of the file naming it",
                             file=file, where=key, hint=hint)
        target = relative_to / ref
        if not target.resolve().is_relative_to(relative_to.resolve()):
            raise InputError(f"framework path {ref!r} is a link to a file outside the folder of "
                             "the file naming it", file=file, where=key, hint=hint)
        return target
    if not ID_PATTERN.match(ref):
        raise InputError(f"{ref!r} is not a framework id", file=file, where=key,
                         hint="ids are lower-case letters, digits and '-', e.g. rugao-2024")
    path = _on_search_path(ref)
    if path is None:
        import difflib
        known = sorted(available())
        guess = difflib.get_close_matches(ref, known, n=1)
        raise FrameworkNotFoundError(
            f"unknown framework {ref!r}", file=file, where=key,
            hint=(f"did you mean {guess[0]!r}? " if guess else "")
            + f"`perfeval frameworks` lists them: {', '.join(known) or 'none'}")
    return path


def _on_search_path(ref: str) -> Path | None:
    """The file :func:`available` lists for ``ref``, found with a stat per folder, no listing."""
    for folder in search_path():
        candidate = folder / f"{ref}.toml"
        if candidate.exists():
            return candidate
    return None


def load_framework(ref: str | os.PathLike[str], *, relative_to: Path | None = None,
                   file: str | None = None) -> Framework:
    """Load a framework by id or path, with everything it extends.

    ``ref`` is an id on the search path, or a file (a ``Path``, or a string ending in ``.toml``).
    When a file names the framework (``file`` is given), a path must stay inside
    ``relative_to``, the folder of that file.
    """
    if not isinstance(ref, str) or (ref.endswith(".toml") and file is None
                                    and relative_to is None):
        return _resolve(Path(ref), ())
    return _resolve(find(ref, relative_to=relative_to, file=file), ())


def loads_framework(text: str, *, file: str = "<string>") -> Framework:
    """Load a framework from TOML text (it may extend a framework on the search path)."""
    spec = loads_document(text, FrameworkSpec, file=file)
    return _build(spec, text, file, None, ())


_cache: dict[tuple[int, int, int], Framework] = {}


def _resolve(path: Path, chain: tuple[str, ...]) -> Framework:
    try:
        stat = path.stat()  # the file itself, by device and inode: no need to resolve the path
        key = (stat.st_dev, stat.st_ino, stat.st_mtime_ns)
    except OSError:
        raise InputError("no such framework file", file=str(path)) from None
    if key in _cache and not chain:
        return _cache[key]
    spec, text = load_document(path, FrameworkSpec)
    if spec.id != path.stem:
        raise InputError(f"id {spec.id!r} differs from the file name {path.stem!r}",
                         file=str(path), where="id", hint=f"set id = \"{path.stem}\"")
    framework = _build(spec, text, str(path), path, chain)
    if not chain:
        _cache[key] = framework
    return framework


def _build(spec: FrameworkSpec, text: str, file: str, path: Path | None,
           chain: tuple[str, ...]) -> Framework:
    if spec.id in chain:
        raise InputError("framework extends itself: " + " → ".join([*chain, spec.id]),
                         file=file, where="extends", hint="remove the cycle of `extends`")
    base: Framework | None = None
    if spec.extends is not None:
        parent = find(spec.extends, relative_to=path.parent if path else None, file=file,
                      key="extends")
        base = _resolve(parent, (*chain, spec.id))
    builder = TreeBuilder(base.indicators if base else (),
                          base=f"framework {base.id}" if base else "the framework")
    builder.apply(spec.indicators, file=file, source=text, results_allowed=False)
    indicators = builder.build()
    settings = _settings(base.settings if base else Settings(), spec.settings, file)
    policy = spec.policy or (base.policy if base else DEFAULT_POLICY)
    return Framework(
        id=spec.id, title=spec.title or (base.title if base else spec.id),
        description=spec.description, source=spec.source or (base.source if base else ""),
        total=spec.total if spec.total is not None else (base.total if base else DEFAULT_TOTAL),
        policy=policy, settings=settings, indicators=indicators, path=path,
        lineage=((*base.lineage, spec.id) if base else (spec.id,)))


def _settings(base: Settings, spec: SettingsSpec | None, file: str) -> Settings:
    if spec is None:
        return base
    changes = {k: v for k, v in attrs.asdict(spec, recurse=False).items() if v is not None}
    if "reverse" in changes and changes["reverse"] not in ("ratio", "linear"):
        raise InputError(f"unknown 反向 variant {changes['reverse']!r}", file=file,
                         where="settings › reverse", hint='use "ratio" or "linear"')
    if "places" in changes and not 0 <= changes["places"] <= 6:
        raise InputError("places must be between 0 and 6", file=file, where="settings › places")
    if "overachievement" in changes and changes["overachievement"] <= 100:
        raise InputError("overachievement is a percentage above 100 (e.g. 130)", file=file,
                         where="settings › overachievement")
    return attrs.evolve(base, **changes)
