"""Finding and loading frameworks: by id on the search path or by file, ``extends`` resolved."""

from __future__ import annotations

import os
import time
from pathlib import Path

import attrs

from .._errors import FrameworkNotFoundError, InputError
from .._io.documents import load_document, loads_document
from .._io.locating import SourceMap
from .._io.reading import MAX_FILE_BYTES, unreadable_error
from .._model.framework import DEFAULT_TOTAL, Framework, merge_settings
from .._model.grading import DEFAULT_POLICY
from .._model.review import ReviewRules, merge_review
from .._model.rules import Settings
from .._model.spec import FrameworkSpec
from .._model.tree import TreeBuilder
from .._plugins.host import registry_or_default
from .._plugins.registry import Registry
from .catalogue import Catalogue

#: Frameworks: ``$PERFEVAL_FRAMEWORK_PATH``, then the folders plugins register
#: (``perfeval_register_framework_paths``).
FRAMEWORKS = Catalogue(
    "framework",
    "PERFEVAL_FRAMEWORK_PATH",
    lambda registry: registry.framework_paths,
    "perfeval frameworks",
    "rugao-2024",
    FrameworkNotFoundError,
)
search_path = FRAMEWORKS.search_path
available = FRAMEWORKS.available
find = FRAMEWORKS.find


def load_framework(
    ref: str | os.PathLike[str],
    *,
    relative_to: Path | None = None,
    file: str | None = None,
    registry: Registry | None = None,
) -> Framework:
    """Load a framework by id or path, with everything it extends.

    ``ref`` is an id on the search path, or a file (a ``Path``, or a string ending in ``.toml``).
    When a file names the framework (``file`` is given), a path must stay inside
    ``relative_to``, the folder of that file.
    """
    registry = registry_or_default(registry)
    if not isinstance(ref, str) or (ref.endswith(".toml") and file is None and relative_to is None):
        return _resolve(Path(ref), _Chain(), registry)
    path = find(ref, relative_to=relative_to, file=file, registry=registry)
    return _resolve(path, _Chain(), registry)


def loads_framework(
    text: str, *, file: str = "<string>", registry: Registry | None = None
) -> Framework:
    """Load a framework from TOML text (it may extend a framework on the search path)."""
    spec = loads_document(text, FrameworkSpec, file=file)
    chain = _Chain().then(spec.id, file, len(text.encode("utf-8")))
    return _build(spec, text, file, None, chain, registry_or_default(registry))


#: How many frameworks one chain of ``extends`` may hold, the first included (national →
#: province → city → county → a department's variant is five).
MAX_EXTENDS = 16
#: The files of one chain together are at most this large: as large as one file may be.
MAX_CHAIN_BYTES = MAX_FILE_BYTES


@attrs.frozen
class _Chain:
    """The frameworks being resolved, from the one asked for to the one now read: ids, files
    and their size together (for the cycle and the limits, and to name the chain)."""

    ids: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    size: int = 0

    def then(self, ident: str, file: str, size: int) -> _Chain:
        """This chain with one more framework at its end; past a limit, the error naming it."""
        chain = _Chain((*self.ids, ident), (*self.files, file), self.size + size)
        if len(chain.ids) > MAX_EXTENDS:
            raise chain.error(
                f"a chain of extends longer than {MAX_EXTENDS} frameworks",
                "a framework extends one or a few others (national → province → county); "
                "check the chain for a mistake",
            )
        if chain.size > MAX_CHAIN_BYTES:
            raise chain.error(
                f"the files of the chain of extends are {chain.size:,} bytes together, over the "
                f"limit of {MAX_CHAIN_BYTES:,}",
                "a framework is normally a few kilobytes: check the chain for a mistake",
            )
        return chain

    def error(self, message: str, hint: str) -> InputError:
        shown = list(self.ids)
        if len(shown) > 8:
            shown = [*shown[:4], "…", *shown[-3:]]
        return InputError(
            f"{message}: {' → '.join(shown)}", file=self.files[0], where="extends", hint=hint
        )


#: A file's identity and version: device, inode, size, modification and change time (ns). The
#: change time is set by the system on every write (and on a reset modification time).
_Stamp = tuple[int, int, int, int, int]
#: A file changed less than this long (s) before it was read might change again within the
#: same tick of a coarse clock (FAT: 2 s) without its stamp changing: it is not kept.
RACY_SECONDS = 2.0


def _stamp(path: Path) -> _Stamp:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError("no such framework file", file=str(path)) from None
    except OSError as exc:  # a loop of links, no permission …
        raise unreadable_error(exc, str(path)) from None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _resolve(path: Path, chain: _Chain, registry: Registry) -> Framework:
    """The framework in ``path``; a framework read before is reused while none of the files of
    its lineage has changed (kept on the registry, keyed by the file)."""
    stamp = _stamp(path)
    key = ("framework", stamp[:2])
    cached = registry.cache.get(key)
    if cached is not None and not chain.ids:
        stamps, found = cached
        if all(_stamp(p) == s for p, s in stamps):
            assert isinstance(found, Framework)
            return found
    chain = chain.then(path.stem, str(path), stamp[2])  # before reading: the limits hold
    read_at = time.time_ns()
    spec, text = load_document(path, FrameworkSpec)
    if spec.id != path.stem:
        raise InputError(
            f"id {spec.id!r} differs from the file name {path.stem!r}",
            file=str(path),
            where="id",
            hint=f'set id = "{path.stem}"',
            line=SourceMap(text).line(["id"]),
        )
    framework = _build(spec, text, str(path), path, chain, registry)
    if len(chain.ids) == 1:
        stamps = _lineage_stamps(framework, path, stamp)
        if all(read_at - s[3] > RACY_SECONDS * 1e9 for _, s in stamps):
            registry.cache[key] = (tuple(stamps), framework)
    return framework


def _lineage_stamps(framework: Framework, path: Path, stamp: _Stamp) -> list[tuple[Path, _Stamp]]:
    stamps = [(path, stamp)]
    for parent in framework.files[1:]:
        stamps.append((parent, _stamp(parent)))
    return stamps


def _build(
    spec: FrameworkSpec,
    text: str,
    file: str,
    path: Path | None,
    chain: _Chain,
    registry: Registry,
) -> Framework:
    if spec.id in chain.ids[:-1]:
        raise InputError(
            "framework extends itself: " + " → ".join(chain.ids),
            file=file,
            where="extends",
            hint="remove the cycle of `extends`",
            line=SourceMap(text).line(["extends"]),
        )
    base: Framework | None = None
    if spec.extends is not None:
        parent = find(
            spec.extends,
            relative_to=path.parent if path else None,
            file=file,
            key="extends",
            registry=registry,
        )
        base = _resolve(parent, chain, registry)
    builder = TreeBuilder(
        base.indicators if base else (), base=f"framework {base.id}" if base else "the framework"
    )
    try:
        builder.apply(spec.indicators, file=file, results_allowed=False)
        indicators = builder.build()
        settings = merge_settings(base.settings if base else Settings(), spec.settings, file)
        review = merge_review(base.review if base else ReviewRules(), spec.review, file)
    except InputError as exc:
        raise located(exc, text, file) from None
    policy = spec.policy or (base.policy if base else DEFAULT_POLICY)
    return Framework(
        id=spec.id,
        title=spec.title or (base.title if base else spec.id),
        description=spec.description,
        source=spec.source or (base.source if base else ""),
        total=spec.total if spec.total is not None else (base.total if base else DEFAULT_TOTAL),
        policy=policy,
        settings=settings,
        indicators=indicators,
        review=review,
        path=path,
        lineage=((*base.lineage, spec.id) if base else (spec.id,)),
        form=spec.form or (base.form if base else None),
        files=((path, *base.files) if base else (path,)) if path else (base.files if base else ()),
    )


def located(exc: InputError, text: str, file: str) -> InputError:
    """``exc`` with the line of what it is about, when it is about ``file`` and has none."""
    if exc.line is None and exc.names and exc.file == file:
        exc.line = SourceMap(text).line_of(exc.names)
    return exc
