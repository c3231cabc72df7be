"""Building rules: a leaf's ``rule`` (a name or a table) made into a rule object of the registry.

Rules are built once per registry and spelling, and kept on the registry.
"""

from __future__ import annotations

import difflib

from .._errors import InputError
from .._io.structuring import structure_parameters
from .._model.rules import Rule
from .._model.spec import RuleSpec
from .._model.tree import show_path
from .._plugins.registry import Registry


def build_rule(
    spec: RuleSpec | None, path: tuple[str, ...], registry: Registry, *, file: str | None = None
) -> Rule:
    """The rule object for a leaf's ``rule`` (a name or a table); errors name the leaf."""
    key = ("rule", "auto" if spec is None else spec if isinstance(spec, str) else repr(spec))
    cached = registry.cache.get(key)
    if isinstance(cached, Rule):
        return cached
    try:
        if spec is None or isinstance(spec, str):
            rule = structure_parameters({}, _rule_class(spec or "auto", registry))
        else:
            params = dict(spec)
            kind = params.pop("kind", None)
            if not isinstance(kind, str):
                raise InputError(
                    'a rule table needs kind = "…"',
                    hint='e.g. rule = { kind = "bands", bands = [...] }',
                )
            rule = structure_parameters(params, _rule_class(kind, registry))
    except InputError as exc:
        raise InputError(
            exc.message,
            file=file,
            where=show_path((*path, "rule")),
            hint=exc.hint,
            names=(*path, "rule"),
        ) from None
    registry.cache[key] = rule
    return rule


def _rule_class(name: str, registry: Registry) -> type[Rule]:
    """The registered rule ``name``; an unknown short name (``反响``) also gets a did-you-mean."""
    try:
        return registry.rule(name)
    except InputError as exc:
        # difflib's default cutoff (0.6) misses one wrong character of two: 反响 for 反向
        if len(name) <= 4 and not (exc.hint or "").startswith("did you mean"):
            guess = difflib.get_close_matches(name, list(registry.rule_names), n=1, cutoff=0.5)
            if guess:
                exc.hint = f"did you mean {guess[0]!r}? {exc.hint or ''}".rstrip()
        raise
