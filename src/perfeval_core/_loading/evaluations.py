"""Loading evaluations: a file (or text, or a spec) resolved against its framework."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .._errors import InputError
from .._io.documents import load_document, loads_document
from .._io.files import write_atomic
from .._io.locating import SourceMap
from .._io.tomlwriter import dumps
from .._model.evaluation import Evaluation
from .._model.spec import EvaluationSpec
from .._model.tree import TreeBuilder, iter_leaves
from .._plugins.host import registry_or_default
from .._plugins.registry import Registry
from .frameworks import load_framework, located
from .rulebook import build_rule


def load_evaluation(
    path: str | os.PathLike[str], *, registry: Registry | None = None
) -> Evaluation:
    """Read an evaluation file and resolve it against its framework."""
    spec, text = load_document(path, EvaluationSpec)
    return _resolve(spec, text, str(path), Path(path), registry_or_default(registry))


def loads_evaluation(
    text: str,
    *,
    file: str = "<string>",
    base_dir: str | os.PathLike[str] | None = None,
    registry: Registry | None = None,
) -> Evaluation:
    """Resolve an evaluation from TOML text; ``base_dir`` anchors a framework given as a path."""
    spec = loads_document(text, EvaluationSpec, file=file)
    base = Path(base_dir) if base_dir is not None else None
    return _resolve(spec, text, file, None, registry_or_default(registry), base_dir=base)


def from_spec(
    spec: EvaluationSpec,
    *,
    file: str = "<memory>",
    base_dir: str | os.PathLike[str] | None = None,
    registry: Registry | None = None,
) -> Evaluation:
    """Resolve an :class:`EvaluationSpec` built in Python; ``base_dir`` anchors a framework
    given as a path (``framework = "my-framework.toml"``)."""
    base = Path(base_dir) if base_dir is not None else None
    return _resolve(
        spec, dumps(spec), file, None, registry_or_default(registry), from_file=False, base_dir=base
    )


def dumps_evaluation(evaluation: Evaluation | EvaluationSpec) -> str:
    """The evaluation as TOML text; reading it back gives an equal evaluation."""
    spec = evaluation.spec if isinstance(evaluation, Evaluation) else evaluation
    return dumps(spec)


def save_evaluation(evaluation: Evaluation | EvaluationSpec, path: str | os.PathLike[str]) -> None:
    """Write the evaluation as TOML, atomically."""
    write_atomic(path, dumps_evaluation(evaluation).encode("utf-8"))


def _resolve(
    spec: EvaluationSpec,
    text: str,
    file: str,
    path: Path | None,
    registry: Registry,
    *,
    from_file: bool = True,
    base_dir: Path | None = None,
) -> Evaluation:
    """``path`` is the evaluation's file (None for text); a framework given as a path is found
    from its folder, or from ``base_dir``."""
    try:
        framework = load_framework(
            spec.framework,
            relative_to=path.parent if path else base_dir,
            file=file,
            registry=registry,
        )
    except InputError as exc:  # a bad `framework = …` of this file: say on which line
        if exc.file == file and exc.line is None and exc.where == "framework":
            exc.line = SourceMap(text).line(["framework"])
        raise
    try:
        _check_formats(spec, file)
        builder = TreeBuilder(framework.indicators, base=f"framework {framework.id}")
        builder.apply(spec.indicators, file=file, check_names=from_file)
        indicators = builder.build()
        rules = {
            leaf_path: build_rule(leaf.rule_spec, leaf_path, registry, file=file)
            for leaf_path, leaf in iter_leaves(indicators)
        }
    except InputError as exc:
        raise located(exc, text, file) from None
    ignore_line = SourceMap(text).line(["ignore"]) if spec.ignore else None
    return Evaluation(spec, framework, indicators, rules, registry, path, ignore_line)


_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_FORMS = ("情况表", "自评报告")


def _check_formats(spec: EvaluationSpec, file: str) -> None:
    """The documented formats of the project's facts and of the narrative form.

    Empty text is allowed (a blank evaluation from `perfeval new` has it); only a value that is
    there and malformed is refused.
    """

    def error(keys: tuple[str, ...], message: str, hint: str) -> InputError:
        return InputError(message, file=file, where=" › ".join(keys), hint=hint, names=keys)

    project = spec.project
    if project.year is not None and not 1949 <= project.year <= 2100:
        raise error(
            ("project", "year"),
            f"{project.year} is not a year between 1949 and 2100",
            "write the year the project ran (项目实施年度), e.g. year = 2024",
        )
    for key in ("start", "end"):
        value = getattr(project, key)
        if value and not _MONTH.fullmatch(value):
            raise error(
                ("project", key),
                f"{value!r} is not a month written YYYY-MM",
                f"write the year, a hyphen and the month 01 to 12, e.g. {key} = "
                f'"{project.year or 2024}-{"01" if key == "start" else "12"}"',
            )
    if spec.narrative is not None and spec.narrative.form not in _FORMS:
        raise error(
            ("narrative", "form"),
            f"unknown form {spec.narrative.form!r}",
            'form = "情况表" (the five-section table) or form = "自评报告" (the long report)',
        )
