"""Finding and loading forms (表样): by id on the form search path, or by file.

The search path is ``$PERFEVAL_FORM_PATH`` (folders separated by the OS path separator), then
the folders plugins register through ``perfeval_register_form_paths`` (perfeval's own ``forms/``
first). A form read once is kept on the registry while its file does not change.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from .._errors import InputError
from .._forms.form import Form, FormError, check_form
from .._forms.spec import FormSpec
from .._io.locating import SourceMap
from .._io.reading import parse_toml, read_text
from .._io.structuring import structure
from .._plugins.host import registry_or_default
from .._plugins.registry import Registry

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
#: The form of a framework that names none: the layout perfeval has always written (the 如皋
#: 2024 情况表 and 评分表).
DEFAULT_FORM = "rugao-2024"


def search_path(registry: Registry | None = None) -> list[Path]:
    """Folders searched for ``<id>.toml``: ``$PERFEVAL_FORM_PATH``, then the plugins'."""
    env = [Path(p) for p in os.environ.get("PERFEVAL_FORM_PATH", "").split(os.pathsep) if p]
    return [*env, *registry_or_default(registry).form_paths]


def available(registry: Registry | None = None) -> dict[str, Path]:
    """Every form id on the search path with its file (the first one found wins)."""
    found: dict[str, Path] = {}
    for folder in search_path(registry):
        if folder.is_dir():
            for file in sorted(folder.glob("*.toml")):
                found.setdefault(file.stem, file)
    return found


def find(
    ref: str,
    *,
    relative_to: Path | None = None,
    file: str | None = None,
    key: str = "form",
    registry: Registry | None = None,
) -> Path:
    """The file of form ``ref``: an id on the search path, or a ``.toml`` path inside the
    folder ``relative_to`` (the folder of the evaluation naming it)."""
    if ref.endswith(".toml"):
        if relative_to is None:
            raise InputError(
                f"form path {ref!r} has no folder to be relative to",
                file=file,
                where=key,
                hint="use a form id (`perfeval forms` lists them)",
            )
        target = relative_to / ref
        if (
            os.path.isabs(ref)
            or ".." in Path(ref).parts
            or not target.resolve().is_relative_to(relative_to.resolve())
        ):
            raise InputError(
                f"form path {ref!r} leaves the folder of the file naming it",
                file=file,
                where=key,
                hint="use a form id on the search path, or a path inside that folder",
            )
        return target
    if not ID_PATTERN.match(ref):
        raise InputError(
            f"{ref!r} is not a form id",
            file=file,
            where=key,
            hint="ids are lower-case letters, digits and '-', e.g. cz-2020-10-self",
        )
    for folder in search_path(registry):
        candidate = folder / f"{ref}.toml"
        if candidate.exists():
            return candidate
    known = sorted(available(registry))
    guess = difflib.get_close_matches(ref, known, n=1)
    raise InputError(
        f"unknown form {ref!r}",
        file=file,
        where=key,
        hint=(f"did you mean {guess[0]!r}? " if guess else "")
        + f"`perfeval forms` lists them: {', '.join(known) or 'none'}",
    )


def load_form(
    ref: str | os.PathLike[str],
    *,
    relative_to: Path | None = None,
    file: str | None = None,
    registry: Registry | None = None,
) -> Form:
    """A form by id (on the search path) or by file, checked."""
    registry = registry_or_default(registry)
    if isinstance(ref, str) and not (ref.endswith(".toml") and relative_to is None):
        path = find(ref, relative_to=relative_to, file=file, registry=registry)
    else:
        path = Path(ref)
    try:
        st = path.stat()
    except OSError:
        raise InputError("no such form file", file=str(path)) from None
    stamp = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    key = ("form", str(path))
    cached = registry.cache.get(key)
    if cached is not None and cached[0] == stamp:
        form: Form = cached[1]
        return form
    text = read_text(path)
    form = _build(text, str(path), path)
    if form.id != path.stem:
        raise InputError(
            f"id {form.id!r} differs from the file name {path.stem!r}",
            file=str(path),
            where="id",
            hint=f'set id = "{path.stem}"',
            line=SourceMap(text).line(["id"]),
        )
    registry.cache[key] = (stamp, form)
    return form


def loads_form(text: str, *, file: str = "<string>") -> Form:
    """A form from TOML text, checked."""
    return _build(text, file, None)


def _build(text: str, file: str, path: Path | None) -> Form:
    data = parse_toml(text, file=file)
    if not data:
        raise InputError(
            "the file is empty", file=file, hint='a form starts with id = "…"; see docs/forms.md'
        )
    if "id" not in data and ("framework" in data or "indicators" in data):
        raise InputError(
            "this is not a form (it has framework or indicators)",
            file=file,
            hint='a form starts with id = "…" and lists its [[parts]]; see docs/forms.md',
        )
    spec = structure(data, FormSpec, file=file, source=text)
    try:
        return check_form(spec, path)
    except FormError as exc:
        exc.file = file
        exc.line = SourceMap(text).line(list(exc.keys))
        raise
