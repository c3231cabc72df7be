"""Finding and loading forms (表样): by id on the form search path, or by file.

The search path is ``$PERFEVAL_FORM_PATH`` (folders separated by the OS path separator), then
the folders plugins register through ``perfeval_register_form_paths`` (perfeval's own ``forms/``
first). A form read once is kept on the registry while its file does not change.
"""

from __future__ import annotations

import os
from pathlib import Path

from .._errors import InputError
from .._forms.form import Form, FormError, check_form
from .._forms.spec import FormSpec
from .._io.locating import SourceMap
from .._io.reading import parse_toml, read_text
from .._io.structuring import structure
from .._plugins.host import registry_or_default
from .._plugins.registry import Registry
from .catalogue import Catalogue

#: The form of a framework that names none: the layout perfeval has always written (the 如皋
#: 2024 情况表 and 评分表).
DEFAULT_FORM = "rugao-2024"
#: Forms: ``$PERFEVAL_FORM_PATH``, then the folders plugins register
#: (``perfeval_register_form_paths``).
FORMS = Catalogue(
    "form",
    "PERFEVAL_FORM_PATH",
    lambda registry: registry.form_paths,
    "perfeval forms",
    "cz-2020-10-self",
)
search_path = FORMS.search_path
available = FORMS.available
find = FORMS.find


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
