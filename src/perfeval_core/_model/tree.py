"""The resolved indicator tree, and how an evaluation (or a framework) varies the one it extends."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from .._errors import InputError, printable
from .spec import IndicatorSpec, RuleSpec
from .values import QUALITATIVE, parse_comparator

PATH_SEPARATOR = " › "


@attrs.frozen
class Indicator:
    """One indicator (指标) after inheritance: a group (一级, 二级 …) or a scored leaf (三级).

    ``weight`` is the points available (分值); on a group whose file gave none it is the sum of
    the children, and ``stated_weight`` keeps what the file said so checks can compare.
    """

    name: str
    weight: Decimal
    children: tuple[Indicator, ...] = ()
    is_group: bool = False
    stated_weight: Decimal | None = None
    target: str | None = None
    unit: str | None = None
    comparator: str | None = None
    rule: RuleSpec | None = None
    description: str | None = None
    actual: str | None = None
    score: Decimal | None = None
    basis: str | None = None
    not_applicable: bool = False

    @property
    def rule_spec(self) -> RuleSpec | None:
        """The rule that scores the leaf: its ``rule``, or 定性 for a leaf that names none and
        whose comparator column (指标性质) says 定性."""
        if (
            self.rule is None
            and self.comparator is not None
            and parse_comparator(self.comparator) == QUALITATIVE
        ):
            return QUALITATIVE
        return self.rule

    def leaves(self, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Indicator]]:
        """Every leaf below (or this one), in document order, with its path of names."""
        here = (*path, self.name)
        if not self.is_group:
            yield here, self
            return
        for child in self.children:
            yield from child.leaves(here)


def iter_leaves(roots: tuple[Indicator, ...]) -> Iterator[tuple[tuple[str, ...], Indicator]]:
    """Every leaf of a tree in document order, with its path of names from the 一级 down."""
    out: list[tuple[tuple[str, ...], Indicator]] = []
    _collect_leaves(roots, (), out)
    return iter(out)


def _collect_leaves(
    nodes: tuple[Indicator, ...],
    parent: tuple[str, ...],
    out: list[tuple[tuple[str, ...], Indicator]],
) -> None:
    for node in nodes:
        path = (*parent, node.name)
        if node.is_group:
            _collect_leaves(node.children, path, out)
        else:
            out.append((path, node))


def show_path(path: tuple[str, ...] | list[str]) -> str:
    """``产出指标 › 数量指标 › 案件结案率``."""
    return PATH_SEPARATOR.join(printable(p) for p in path)


@attrs.define
class _Draft:
    """A mutable indicator while merging; frozen into :class:`Indicator` at the end."""

    name: str
    weight: Decimal | None = None
    children: list[_Draft] | None = None
    fields: dict[str, Any] = attrs.Factory(dict)
    inherited: bool = False  # from the tree the builder started with, not added by a file


#: The keys of an indicator spec that say how to merge it, not what it holds.
MERGE_KEYS = ("name", "weight", "children", "drop", "replaces", "before")
#: What an indicator holds besides its name, weight and children: every other key of
#: :class:`IndicatorSpec` (an :class:`Indicator` has a field for each).
CONTENT_FIELDS = tuple(a.name for a in attrs.fields(IndicatorSpec) if a.name not in MERGE_KEYS)
_RESULT_FIELDS = ("actual", "score", "basis")


class TreeBuilder:
    """Applies indicator specs, file after file, to a tree (framework → … → evaluation)."""

    def __init__(self, roots: tuple[Indicator, ...] = (), *, base: str = "the framework") -> None:
        """``roots`` is the tree inherited (the framework's); ``base`` names it in messages."""
        self._roots = [_thaw(r) for r in roots]
        self._base = base

    def apply(
        self,
        specs: tuple[IndicatorSpec, ...],
        *,
        file: str,
        results_allowed: bool = True,
        check_names: bool = True,
    ) -> None:
        """Merge ``specs`` into the tree: update by name, add, drop, or replace.

        With ``check_names`` (a file's tree), a name that is empty or has spaces around it is
        refused: typed so, it would not match the framework's; a spec built in Python may hold
        any name.
        """
        self._file, self._results = file, results_allowed
        self._check_names = check_names
        self._merge(self._roots, specs, ())

    def build(self) -> tuple[Indicator, ...]:
        """Freeze the tree, deriving group weights; every leaf must have a weight."""
        return tuple(self._freeze(d, ()) for d in self._roots)

    def _error(self, path: tuple[str, ...], message: str, hint: str | None = None) -> InputError:
        return InputError(message, file=self._file, where=show_path(path), hint=hint, names=path)

    def _merge(
        self, drafts: list[_Draft], specs: tuple[IndicatorSpec, ...], parent: tuple[str, ...]
    ) -> None:
        seen: set[str] = set()
        at = _positions(drafts)  # name → index in drafts, kept in step with them
        for spec in specs:
            path = (*parent, spec.name)
            if self._check_names and (spec.name != spec.name.strip() or not spec.name):
                raise self._name_error(spec.name, parent)
            if spec.name in seen:
                raise self._error(
                    path,
                    f"{spec.name!r} appears twice under the same parent",
                    "give each indicator a unique name among its siblings",
                )
            seen.add(spec.name)
            if not self._results:
                for key in _RESULT_FIELDS:
                    if getattr(spec, key) is not None:
                        raise self._error(
                            path,
                            f"{key!r} belongs in an evaluation, not in a framework",
                            "move actual values and scores to the evaluation file",
                        )
            if spec.replaces is not None:
                if spec.replaces not in at:
                    raise self._error(
                        path,
                        f"replaces {spec.replaces!r}, which is not here",
                        f"indicators here: {_listing(drafts)}",
                    )
                drafts[at[spec.replaces]] = self._new(spec, path)
                at = _positions(drafts)
            elif spec.name in at:
                if spec.drop:
                    del drafts[at[spec.name]]
                    at = _positions(drafts)
                else:
                    self._update(drafts[at[spec.name]], spec, path)
            elif spec.drop:
                raise self._error(
                    path,
                    "drop names an indicator that is not here",
                    f"indicators here: {_listing(drafts)}",
                )
            else:
                at[spec.name] = len(drafts)
                drafts.append(self._new(spec, path))
            if spec.before is not None and not spec.drop:
                self._move_before(drafts, spec, path)
                at = _positions(drafts)

    def _name_error(self, name: str, parent: tuple[str, ...]) -> InputError:
        if name.strip():
            return self._error(
                (*parent, name),
                f"the name {name!r} begins or ends with a space",
                f'remove it: name = "{name.strip()}" (names are matched exactly)',
            )
        where = show_path((*(parent or ("indicators",)), "name"))
        return InputError(
            "an indicator has an empty name",
            file=self._file,
            where=where,
            hint='write its name as on the form, e.g. name = "项目立项"',
            names=(*parent, name),
        )

    def _move_before(
        self, drafts: list[_Draft], spec: IndicatorSpec, path: tuple[str, ...]
    ) -> None:
        """Put the indicator just written before its sibling ``spec.before``."""
        names = [d.name for d in drafts]
        if spec.before not in names or spec.before == spec.name:
            raise self._error(
                path,
                f"before {spec.before!r}, which is not here",
                f"indicators here: {', '.join(names) or 'none'}",
            )
        moved = drafts.pop(names.index(spec.name))
        drafts.insert([d.name for d in drafts].index(spec.before), moved)

    def _new(self, spec: IndicatorSpec, path: tuple[str, ...]) -> _Draft:
        draft = _Draft(spec.name)
        self._update(draft, spec, path)
        return draft

    def _update(self, draft: _Draft, spec: IndicatorSpec, path: tuple[str, ...]) -> None:
        if spec.comparator is not None and parse_comparator(spec.comparator) is None:
            raise self._comparator_error(spec.comparator, path)
        if spec.rule is not None and (spec.children is not None or draft.children is not None):
            raise self._error(
                (*path, "rule"),
                "a group has no rule of its own: its score is the sum of its children's",
                "move the rule to the leaves (the indicators without children) it is for",
            )
        if spec.weight is not None:
            draft.weight = spec.weight
        for key in CONTENT_FIELDS:
            value = getattr(spec, key)
            if value is not None:  # not_applicable = false picks an optional item
                draft.fields[key] = value
        if spec.children is not None:
            if draft.children is None:
                if draft.fields.keys() & {"target", "actual", "score", "rule"} and spec.children:
                    raise self._error(
                        path,
                        "a scored leaf cannot also have children",
                        "remove target/actual/score/rule or the children",
                    )
                draft.children = []
            self._merge(draft.children, spec.children, path)

    def _comparator_error(self, text: str, path: tuple[str, ...]) -> InputError:
        direction = {"正向": "正向", "反向": "反向", "越高越好": "正向", "越低越好": "反向"}
        if text.strip() in direction:
            hint = (
                f"{text.strip()} is a scoring rule, not a comparator: write "
                f'rule = "{direction[text.strip()]}" and the comparator as ≥ ≤ > < ='
            )
        else:
            hint = (
                "write ≥ ≤ > < = (also full-width ＞ ＜ ＝ ﹦, >= <=, or words such as 大于等于, "
                "不超过, 等于), 定性 for a qualitative leaf, or leave comparator out"
            )
        return self._error(
            (*path, "comparator"),
            f"comparator {text!r} is not a comparator (指标性质 / 计算符号)",
            hint,
        )

    def _freeze(self, draft: _Draft, parent: tuple[str, ...]) -> Indicator:
        path = (*parent, draft.name)
        if draft.children is None:
            if draft.weight is None:
                raise self._no_weight(path)
            return Indicator(
                name=draft.name, weight=draft.weight, stated_weight=draft.weight, **draft.fields
            )
        children = tuple([self._freeze(c, path) for c in draft.children])
        total = sum([c.weight for c in children], Decimal(0))
        return Indicator(
            name=draft.name,
            weight=draft.weight if draft.weight is not None else total,
            children=children,
            is_group=True,
            stated_weight=draft.weight,
            **draft.fields,
        )

    def _no_weight(self, path: tuple[str, ...]) -> InputError:
        """A leaf without weight: when it (or a group above it) was added by the file and its
        name is close to one inherited there, the name is the mistake, not the weight."""
        drafts = self._roots
        for depth, name in enumerate(path):
            draft = next(d for d in drafts if d.name == name)
            if not draft.inherited:
                guess = _closest(name, [d.name for d in drafts if d.inherited])
                if guess is None:
                    break
                leaf = depth == len(path) - 1
                return self._error(
                    path[: depth + 1],
                    f"{name!r} is not in {self._base} and "
                    + ("has no weight" if leaf else "the indicators below it have no weight"),
                    f"did you mean {guess!r}? "
                    + (
                        "To add a new indicator, give it a weight"
                        if leaf
                        else "To add a new group, give each of its leaves a weight"
                    ),
                )
            drafts = draft.children or []
        return self._error(
            path, "this leaf has no weight", "add weight = <points> (分值) to the indicator"
        )


def _positions(drafts: list[_Draft]) -> dict[str, int]:
    """Each name among ``drafts`` with its (first) index."""
    at: dict[str, int] = {}
    for i, draft in enumerate(drafts):
        at.setdefault(draft.name, i)
    return at


def _listing(drafts: list[_Draft]) -> str:
    return ", ".join(d.name for d in drafts) or "none"


def _closest(name: str, names: list[str]) -> str | None:
    """The name among ``names`` that ``name`` is most likely a mistyping of (spaces ignored)."""
    bare = {"".join(n.split()): n for n in names}
    key = "".join(name.split())
    if key in bare:
        return bare[key]
    guess = difflib.get_close_matches(key, list(bare), n=1)
    return bare[guess[0]] if guess else None


def _thaw(ind: Indicator) -> _Draft:
    fields = {}
    for key in CONTENT_FIELDS:
        value = getattr(ind, key)
        if value is not None and value is not False:
            fields[key] = value
    return _Draft(
        ind.name,
        ind.stated_weight,
        [_thaw(c) for c in ind.children] if ind.is_group else None,
        fields,
        inherited=True,
    )
