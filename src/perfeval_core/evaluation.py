"""Evaluations (绩效评价): one project's facts and results on its framework."""

from __future__ import annotations

import difflib
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import cattrs

from .errors import InputError
from .framework import Framework, load_framework
from .grading import GradingPolicy
from .plugins import get_registry
from .rules import Rule
from .spec import EvaluationSpec, RuleSpec
from .tomlio import (
    _structure_bool,
    _structure_decimal,
    _structure_int,
    _structure_str,
    dumps,
    load_document,
    loads_document,
    locate,
    parameter_errors,
    parameter_hint,
    write_atomic,
)
from .tree import Indicator, TreeBuilder, iter_leaves, show_path


@attrs.frozen
class Evaluation:
    """An evaluation file resolved against its framework.

    ``spec`` is the file as written (what :func:`dumps_evaluation` writes back); ``indicators``
    the merged tree; ``rules`` the scoring rule of each leaf, by path.
    """

    spec: EvaluationSpec
    framework: Framework
    indicators: tuple[Indicator, ...]
    rules: dict[tuple[str, ...], Rule] = attrs.field(eq=False, repr=False)
    path: Path | None = attrs.field(default=None, eq=False)
    #: The line of ``ignore = [...]`` in the file, for an error about a code in it.
    ignore_line: int | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def project(self) -> Any:
        """The project's facts (填报单位, 项目名称, …)."""
        return self.spec.project

    @property
    def policy(self) -> GradingPolicy:
        """The framework's grading policy."""
        return get_registry().policy(self.framework.policy)

    def rule_for(self, leaf: Indicator, path: tuple[str, ...]) -> Rule:
        """The scoring rule of the leaf at ``path``."""
        return self.rules[path]


def load_evaluation(path: str | os.PathLike[str]) -> Evaluation:
    """Read an evaluation file and resolve it against its framework."""
    spec, text = load_document(path, EvaluationSpec)
    return _resolve(spec, text, str(path), Path(path))


def loads_evaluation(text: str, *, file: str = "<string>",
                     base_dir: str | os.PathLike[str] | None = None) -> Evaluation:
    """Resolve an evaluation from TOML text; ``base_dir`` anchors a framework given as a path."""
    spec = loads_document(text, EvaluationSpec, file=file)
    anchor = Path(base_dir) / "_" if base_dir is not None else None
    return _resolve(spec, text, file, anchor)


def from_spec(spec: EvaluationSpec, *, file: str = "<memory>") -> Evaluation:
    """Resolve an :class:`EvaluationSpec` built in Python."""
    return _resolve(spec, dumps(spec), file, None, from_file=False)


def dumps_evaluation(evaluation: Evaluation | EvaluationSpec) -> str:
    """The evaluation as TOML text; reading it back gives an equal evaluation."""
    spec = evaluation.spec if isinstance(evaluation, Evaluation) else evaluation
    return dumps(spec)


def save_evaluation(evaluation: Evaluation | EvaluationSpec, path: str | os.PathLike[str]) -> None:
    """Write the evaluation as TOML, atomically."""
    write_atomic(path, dumps_evaluation(evaluation).encode("utf-8"))


def _resolve(spec: EvaluationSpec, text: str, file: str, path: Path | None, *,
             from_file: bool = True) -> Evaluation:
    try:
        framework = load_framework(spec.framework, relative_to=path.parent if path else None,
                                   file=file)
    except InputError as exc:  # a bad `framework = …` of this file: say on which line
        if exc.file == file and exc.line is None and exc.where == "framework":
            exc.line = locate(text, ["framework"])
        raise
    _check_formats(spec, text, file)
    builder = TreeBuilder(framework.indicators, base=f"framework {framework.id}")
    builder.apply(spec.indicators, file=file, source=text, check_names=from_file)
    indicators = builder.build()
    rules = {leaf_path: build_rule(leaf.rule, leaf_path, file=file, source=text)
             for leaf_path, leaf in iter_leaves(indicators)}
    return Evaluation(spec, framework, indicators, rules, path,
                      locate(text, ["ignore"]) if spec.ignore else None)


_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_FORMS = ("情况表", "自评报告")


def _check_formats(spec: EvaluationSpec, text: str, file: str) -> None:
    """The documented formats of the project's facts and of the narrative form.

    Empty text is allowed (a blank evaluation from `perfeval new` has it); only a value that is
    there and malformed is refused.
    """
    def error(keys: list[str], message: str, hint: str) -> InputError:
        return InputError(message, file=file, where=" › ".join(keys), line=locate(text, keys),
                          hint=hint)

    project = spec.project
    if project.year is not None and not 1949 <= project.year <= 2100:
        raise error(["project", "year"], f"{project.year} is not a year between 1949 and 2100",
                    "write the year the project ran (项目实施年度), e.g. year = 2024")
    for key in ("start", "end"):
        value = getattr(project, key)
        if value and not _MONTH.fullmatch(value):
            raise error(["project", key], f"{value!r} is not a month written YYYY-MM",
                        f'write the year, a hyphen and the month 01 to 12, e.g. {key} = '
                        f'"{project.year or 2024}-{"01" if key == "start" else "12"}"')
    if spec.narrative is not None and spec.narrative.form not in _FORMS:
        raise error(["narrative", "form"], f"unknown form {spec.narrative.form!r}",
                    'form = "情况表" (the five-section table) or form = "自评报告" (the long '
                    'report)')


_rule_converter = cattrs.Converter(forbid_extra_keys=True)
# the loader's strict hooks: a rule parameter of the wrong type is refused, never converted
# (cattrs would turn expected = 1 into "1"); and rule parameters take TOML numbers as Decimals
_rule_converter.register_structure_hook(str, _structure_str)
_rule_converter.register_structure_hook(int, _structure_int)
_rule_converter.register_structure_hook(bool, _structure_bool)
_rule_converter.register_structure_hook(Decimal, _structure_decimal)
_rule_cache: dict[tuple[int, str], Rule] = {}


def build_rule(spec: RuleSpec | None, path: tuple[str, ...] = (), *, file: str | None = None,
               source: str = "") -> Rule:
    """The rule object for a leaf's ``rule`` (a name or a table); errors name the leaf."""
    key = (id(get_registry()), "auto" if spec is None else spec if isinstance(spec, str)
           else repr(spec))
    cached = _rule_cache.get(key)
    if cached is not None:
        return cached
    where = show_path((*path, "rule"))
    line = locate(source, list(path))
    try:
        if spec is None or isinstance(spec, str):
            cls, params = _rule_class(spec or "auto"), {}
        else:
            params = dict(spec)
            kind = params.pop("kind", None)
            if not isinstance(kind, str):
                raise InputError("a rule table needs kind = \"…\"",
                                 hint="e.g. rule = { kind = \"bands\", bands = [...] }")
            cls = _rule_class(kind)
        rule = _rule_converter.structure(params, cls)
    except InputError as exc:
        raise InputError(exc.message, file=file, where=where, line=line, hint=exc.hint) from None
    except Exception as exc:
        raise InputError(f"invalid rule parameters: {parameter_errors(exc)}", file=file,
                         where=where, line=line, hint=parameter_hint(exc)
                         or "see docs/scoring.md for the parameters of each rule") from None
    _rule_cache[key] = rule
    return rule


def _rule_class(name: str) -> Any:
    """The registered rule ``name``; an unknown short name (``反响``) also gets a did-you-mean."""
    registry = get_registry()
    try:
        return registry.rule(name)
    except InputError as exc:
        # difflib's default cutoff (0.6) misses one wrong character of two: 反响 for 反向
        if len(name) <= 4 and not (exc.hint or "").startswith("did you mean"):
            guess = difflib.get_close_matches(name, list(registry.rule_names), n=1, cutoff=0.5)
            if guess:
                exc.hint = f"did you mean {guess[0]!r}? {exc.hint or ''}".rstrip()
        raise


__all__ = ["Evaluation", "dumps_evaluation", "load_evaluation", "loads_evaluation",
           "save_evaluation", "show_path"]
