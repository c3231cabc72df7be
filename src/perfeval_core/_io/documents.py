"""A TOML document read as a spec: read, parsed, checked for its kind and structured."""

from __future__ import annotations

import os
from typing import Any, TypeVar

from .._errors import InputError, WrongKindError
from .._model.spec import EvaluationSpec, FrameworkSpec
from .locating import SourceMap
from .reading import parse_toml, read_text
from .structuring import structure

T = TypeVar("T")


def load_document(path: str | os.PathLike[str], cls: type[T]) -> tuple[T, str]:
    """Read, parse and structure one TOML file; returns the spec and the source text."""
    name = str(path)
    text = read_text(path)
    return loads_document(text, cls, file=name), text


def loads_document(text: str, cls: type[T], *, file: str = "<string>") -> T:
    """Parse and structure TOML text as ``cls``."""
    data = parse_toml(text, file=file)
    _check_kind(data, cls, file, text)
    return structure(data, cls, file=file, source=text)


def _check_kind(data: dict[str, Any], cls: type, file: str, text: str) -> None:
    """Refuse an empty file, and a framework given for an evaluation (or the reverse)."""
    evaluation = cls is EvaluationSpec
    if not data:
        raise InputError(
            "the file is empty",
            file=file,
            hint=(
                'an evaluation starts with framework = "…"; `perfeval new` writes one'
                if evaluation
                else 'a framework starts with id = "…"; see docs/formats.md'
            ),
        )
    if evaluation and "id" in data and "framework" not in data:
        raise WrongKindError(
            "this is a framework file (it has `id`), not an evaluation",
            kind="framework",
            file=file,
            line=SourceMap(text).line(["id"]),
            hint="use `perfeval framework check FILE`, or name it in an evaluation "
            'with framework = "<id>"',
        )
    if cls is FrameworkSpec and "framework" in data and "id" not in data:
        raise WrongKindError(
            "this is an evaluation (it has `framework`), not a framework file",
            kind="evaluation",
            file=file,
            line=SourceMap(text).line(["framework"]),
            hint="use `perfeval check FILE` for an evaluation",
        )
