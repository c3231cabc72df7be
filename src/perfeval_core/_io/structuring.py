"""Structuring parsed TOML into the spec classes with cattrs: strict types, exact Decimals, and
one :class:`~perfeval_core.InputError` per failure that names the file, the key path and a hint.
"""

from __future__ import annotations

import datetime
import difflib
import re
import types
import typing
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .._errors import InputError, printable
from .._model.rules import BUDGET_FIGURES, Rule
from .._model.spec import Amount, IndicatorSpec, RuleSpec
from .locating import SourceMap, key_path

T = TypeVar("T")
R = TypeVar("R", bound=Rule)

#: Numbers beyond this magnitude are refused as absurd (a typo, not a budget).
MAX_NUMBER = Decimal(10) ** 15
#: Numbers have at most this many decimal places: with fewer than 15 digits before the point,
#: every sum of up to ten million of them is exact in Decimal's default 28 digits.
MAX_PLACES = 6
#: Control characters refused in text: all but tab and line feed. A carriage return can only be
#: written as the escape "\r" (TOML reads a file's line breaks as line feeds); in a terminal it
#: would make the start of a line vanish under its end.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class _Bad(ValueError):
    """A value of the wrong kind; the message (and the hint) are shown to the user as is.

    ``expects`` ("text", "number", "whole", "bool") marks a value of the wrong type: the hint is
    then written for the key it was given for (:func:`_type_hint`).
    """

    def __init__(self, message: str, hint: str | None = None, expects: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint
        self.expects = expects


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise _Bad(
            f"expected text in quotes, got {_describe(value)}",
            'put text in double quotes: "…"',
            "text",
        )
    if m := _CONTROL.search(value):
        raise _Bad(
            f"text contains the control character {printable(m.group())} "
            f"at position {m.start() + 1}",
            "a line break is \\n (or a real one in a multi-line string), not \\r: remove the \\r"
            if m.group() == "\r"
            else "remove it (tabs and line breaks are allowed; other control characters are "
            "usually left over from copying out of a PDF or a spreadsheet)",
        )
    return value


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _Bad(
            f"expected a number, got {_describe(value)}",
            "write the number without quotes, e.g. weight = 6 or score = 9.5",
            "number",
        )
    number = Decimal(value)
    if not number.is_finite():
        raise _Bad(
            f"expected a finite number, got {str(value).lower()}",
            "nan and inf are not points or amounts; write the number itself",
        )
    if abs(number) >= MAX_NUMBER:
        raise _Bad(
            f"number {value} is absurdly large (the limit is {MAX_NUMBER:.0E})",
            "check for a typo or a stray exponent; amounts are in the budget's unit "
            "(万元 by default)",
        )
    places = 0 if isinstance(value, int) else _places(number)
    if places > MAX_PLACES:
        raise _Bad(
            f"number {value} has {places} decimal places, more than the {MAX_PLACES} "
            "perfeval keeps",
            f"round it to at most {MAX_PLACES} decimals (the forms show 2)",
        )
    return number


def _places(number: Decimal) -> int:
    """The decimal places of a finite ``number``, trailing zeros not counted (exactly: no
    context rounds it first)."""
    text = str(number)
    if "E" not in text:  # the usual way of writing a number: read off the text, fast
        point = text.find(".")
        return 0 if point < 0 else len(text.rstrip("0")) - point - 1
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    if exponent >= 0 or not any(digits):
        return 0
    places = -exponent
    for digit in reversed(digits):
        if places <= 0 or digit:
            break
        places -= 1
    return max(places, 0)


class _Negative(_Bad):
    """A negative point or amount; :func:`_input_error` words it for the key it was given for."""


def _structure_amount(value: Any, _: type) -> Decimal:
    number = _structure_decimal(value, Decimal)
    if number < 0:
        raise _Negative(f"must not be negative, got {value}")
    return number


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(
            f"expected a whole number, got {_describe(value)}",
            "write a whole number without quotes, e.g. year = 2024",
            "whole",
        )
    if abs(value) >= MAX_NUMBER:
        raise _Bad(
            f"number {value} is absurdly large (the limit is {MAX_NUMBER:.0E})", "check for a typo"
        )
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise _Bad(
            f"expected true or false, got {_describe(value)}",
            "write true or false without quotes",
            "bool",
        )
    return value


def _structure_rule(value: Any, _: Any) -> RuleSpec:
    if isinstance(value, str):
        return _structure_str(value, str)
    if isinstance(value, dict):
        _plain(value)
        return value
    raise _Bad(
        f"expected a rule name or a table with 'kind', got {_describe(value)}",
        'e.g. rule = "正向" or rule = { kind = "bands", bands = [...] }',
    )


def _plain(value: Any) -> None:
    """A rule table holds what a rule's parameters can be: text, numbers, true/false, lists and
    tables of those (a TOML date is none of them, and nothing could write it back as JSON)."""
    if isinstance(value, dict):
        for item in value.values():
            _plain(item)
    elif isinstance(value, list):
        for item in value:
            _plain(item)
    elif isinstance(value, str):
        _structure_str(value, str)
    elif not isinstance(value, bool | int | Decimal):
        raise _Bad(
            f"a rule table holds text, numbers, true/false, lists and tables, not "
            f"{_describe(value)}",
            "put text in double quotes; see docs/scoring.md for the parameters of each rule",
        )


def _structure_optional_rule(value: Any, _: Any) -> RuleSpec | None:
    return None if value is None else _structure_rule(value, RuleSpec)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, datetime.date | datetime.time):  # a TOML date (datetime is a date)
        what = "time" if isinstance(value, datetime.time) else "date"
        return f"the {what} {value.isoformat()} written without quotes"
    return f"the number {value}" if isinstance(value, int | Decimal) else type(value).__name__


def _unstructure_decimal(value: Decimal) -> int | Decimal:
    exponent = value.as_tuple().exponent
    whole = isinstance(exponent, int) and exponent >= 0 and value == value.to_integral_value()
    return int(value) if whole else value


def _build_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(Amount, _structure_amount)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(RuleSpec, _structure_rule)
    conv.register_structure_hook(RuleSpec | None, _structure_optional_rule)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    conv.register_unstructure_hook(
        IndicatorSpec,
        make_dict_unstructure_fn(
            IndicatorSpec,
            conv,
            _cattrs_omit_if_default=True,
            children=override(omit_if_default=True),
        ),
    )
    return conv


def _tuple_hook_factory(cl: Any, conv: cattrs.Converter) -> Any:
    """Homogeneous tuples from TOML lists only (cattrs would split a string into letters)."""
    item = cl.__args__[0]
    item_hook = conv.get_structure_hook(item)

    def hook(value: Any, _: type) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _Bad(
                f"expected a list [...], got {_describe(value)}",
                'write a list in brackets, e.g. ["a", "b"] or [ { name = … } ]',
            )
        out, errors = [], []
        for i, element in enumerate(value):
            try:
                out.append(item_hook(element, item))
            except Exception as exc:  # collected and re-raised as one group, as cattrs does
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring @ index {i}", i, item),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {cl!r}", errors, cl)
        return tuple(out)

    return hook


def _is_tuple(cl: Any) -> bool:
    return getattr(cl, "__origin__", None) is tuple


def _is_optional(cl: Any) -> bool:
    args = typing.get_args(cl)
    return (
        typing.get_origin(cl) in (typing.Union, types.UnionType)
        and len(args) == 2
        and type(None) in args
    )


def _optional_hook_factory(cl: Any, conv: cattrs.Converter) -> Any:
    """``X | None``: the hook of X, looked up once (cattrs' own dispatches on every value)."""
    inner = next(a for a in typing.get_args(cl) if a is not type(None))
    found: list[Any] = []  # resolved on first use: the tree's types are recursive

    def hook(value: Any, _: type) -> Any:
        if value is None:
            return None
        if not found:
            found.append(conv.get_structure_hook(inner))
        return found[0](value, inner)

    return hook


def _table_hook_factory(cl: Any, conv: cattrs.Converter) -> Any:
    """attrs classes from TOML tables only: ``project = "x"`` says so instead of failing inside.

    A table is built directly, each key through its field's hook (of X for ``X | None``: TOML
    has no null); anything that fails that way (an unknown or missing key, a wrong value) is
    built again by cattrs' own function, which gives the same object or the error it words.
    """
    inner = make_dict_structure_fn(cl, conv, _cattrs_forbid_extra_keys=True)
    fields: dict[str, tuple[str, Any, Any]] = {}  # resolved on first use: types are recursive

    def hook(value: Any, _: type) -> Any:
        if not isinstance(value, dict):
            raise _Bad(
                f"expected a table, got {_describe(value)}",
                "write a table: [section] with keys below it, or { key = value, … }",
            )
        if not fields:
            fields.update(_field_hooks(cl, conv))
        try:
            kwargs = {}
            for key, item in value.items():
                alias, field_hook, field_type = fields[key]
                kwargs[alias] = field_hook(item, field_type)
            return cl(**kwargs)
        except Exception:
            return inner(value, cl)

    return hook


def _field_hooks(cl: Any, conv: cattrs.Converter) -> dict[str, tuple[str, Any, Any]]:
    """Each field of an attrs class by name: (its argument name, hook, type)."""
    out = {}
    for a in attrs.fields(attrs.resolve_types(cl)):
        type_ = a.type
        if _is_optional(type_):
            type_ = next(t for t in typing.get_args(type_) if t is not type(None))
        out[a.name] = (a.alias, conv.get_structure_hook(type_), type_)
    return out


_converter = _build_converter()
_converter.register_structure_hook_factory(_is_tuple, _tuple_hook_factory)
_converter.register_structure_hook_factory(attrs.has, _table_hook_factory)
_converter.register_structure_hook_factory(_is_optional, _optional_hook_factory)


def structure(data: dict[str, Any], cls: type[T], *, file: str, source: str = "") -> T:
    """Build ``cls`` from parsed TOML; any problem becomes one InputError naming the place.

    Besides the types, points and amounts (weights, scores, totals, budget figures: the spec's
    ``Amount`` fields) must not be negative.
    """
    try:
        return _converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError) as exc:
        # an unknown key first: `[projects]` also makes `project` missing, but the typo is the news
        found = list(_walk(exc, []))
        path, leaf = next((f for f in found if isinstance(f[1], ForbiddenExtraKeysError)), found[0])
        raise _input_error(leaf, path, data, file, source) from None
    except _Bad as exc:
        raise InputError(str(exc), file=file, hint=exc.hint) from None


_NEGATIVE_HINTS = {
    "weight": "a weight (分值) is the points available: 0 or more",
    "score": "a score (得分) is the points awarded, 0 up to the weight; write what is left "
    "after deductions (weight = 5, score = 4), not the deduction",
    "stated_total": "the total (总计) is the sum of the scores: 0 or more",
    "total": "the total points of the table (normally 100)",
}


def _rule_converter() -> cattrs.Converter:
    """A converter for rule parameters with the loader's strict hooks: a parameter of the wrong
    type is refused, never converted (cattrs would turn expected = 1 into "1"), and TOML numbers
    are Decimals."""
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(Decimal, _structure_decimal)
    return conv


_parameters = _rule_converter()


def structure_parameters(params: dict[str, Any], cls: type[R]) -> R:
    """The rule ``cls`` with the parameters of a rule table (``kind`` removed).

    A failure raises :class:`InputError` with the parameter named (:func:`parameter_errors`)
    and a hint for a value of the wrong type.
    """
    try:
        return _parameters.structure(params, cls)
    except Exception as exc:
        raise InputError(
            f"invalid rule parameters: {parameter_errors(exc)}",
            hint=parameter_hint(exc) or "see docs/scoring.md for the parameters of each rule",
        ) from None


def parameter_errors(exc: BaseException) -> str:
    """One line for a failure to structure parameters (a rule table): what, and where."""
    if not isinstance(exc, cattrs.BaseValidationError):
        return _short(exc)

    def fmt(e: BaseException, type_: Any) -> str:
        if isinstance(e, ForbiddenExtraKeysError):
            known = [a.name for a in attrs.fields(e.cl)] if attrs.has(e.cl) else []
            guesses = [
                g for k in sorted(e.extra_fields) for g in difflib.get_close_matches(k, known, n=1)
            ]
            return f"unknown parameter {', '.join(map(repr, sorted(e.extra_fields)))}" + (
                f" (did you mean {', '.join(map(repr, guesses))}?)"
                if guesses
                else f" (parameters: {', '.join(known) or 'none'})"
            )
        if isinstance(e, KeyError):
            return f"required parameter {e.args[0]!r} is missing"
        if isinstance(e, _Bad) or (type(e) is ValueError and e.args and isinstance(e.args[0], str)):
            return str(e.args[0])
        return cattrs.v.format_exception(e, type_)

    return "; ".join(
        m.replace(" @ $.", " @ ").removesuffix(" @ $")
        for m in cattrs.transform_error(exc, path="$", format_exception=fmt)
    )


def parameter_hint(exc: BaseException) -> str | None:
    """The hint for a rule parameter of the wrong type (``expected = 1``), else None."""
    found = (
        _walk(exc, [])
        if isinstance(exc, ClassValidationError | IterableValidationError)
        else [([], exc)]
    )
    for path, leaf in found:
        key = next((step for step in reversed(path) if isinstance(step, str)), None)
        if isinstance(leaf, _Bad) and leaf.expects and key:
            return _type_hint(leaf.expects, key)
    return None


def unstructure(obj: Any) -> dict[str, Any]:
    """The plain-dict form of a spec, omitting defaults (what a hand-written file would say)."""
    data: dict[str, Any] = _converter.unstructure(obj)
    return data


def _walk(exc: BaseException, path: list[str | int]) -> Iterator[tuple[list[str | int], Any]]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            name = getattr(note, "name", None)
            step: str | int = name if name is not None else getattr(note, "index", "?")
            yield from _walk(sub, [*path, step])
        for sub in without:
            yield from _walk(sub, path)
    else:
        yield path, exc


def _input_error(
    exc: BaseException, path: list[str | int], data: Any, file: str, source: str
) -> InputError:
    where = key_path(data, path)
    at: list[str | int] = path
    hint = None
    if isinstance(exc, ForbiddenExtraKeysError):
        extra = sorted(exc.extra_fields)
        known = [a.name for a in attrs.fields(exc.cl)]
        guesses = [g for key in extra for g in difflib.get_close_matches(key, known, n=1)]
        message = f"unknown key{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))}"
        hint = (
            f"did you mean {', '.join(map(repr, guesses))}?"
            if guesses
            else f"allowed keys here: {', '.join(known)}"
        )
        at = [*path, extra[0]]
    elif isinstance(exc, KeyError):
        message = f"required key {exc.args[0]!r} is missing"
        hint = "see docs/formats.md for the keys of this table"
    elif isinstance(exc, _Negative):
        key = str(path[-1])
        message = f"{key} {exc}"
        hint = _NEGATIVE_HINTS.get(
            key, "budget figures are amounts of money (in budget.unit, 万元 by default): 0 or more"
        )
    elif isinstance(exc, _Bad):
        message = str(exc)
        named = next((step for step in reversed(path) if isinstance(step, str)), None)
        hint = _type_hint(exc.expects, named) if exc.expects and named else exc.hint
    elif isinstance(exc, TypeError | ValueError | AttributeError):
        message = f"wrong kind of value ({_short(exc)})"
        hint = "see docs/formats.md for what this key takes"
    else:
        message = _short(exc)
    line = SourceMap(source).line(at) if source else None
    return InputError(message, file=file, where=where or None, line=line, hint=hint)


#: What a value of each key looks like, for the hint on a value of the wrong type.
_EXAMPLES = {
    "start": '"2024-01"',
    "end": '"2024-12"',
    "target": '"100%"',
    "actual": '"98%"',
    "unit": '"万元"',
    "framework": '"rugao-2024"',
    "extends": '"rugao-2024"',
    "id": '"rugao-2024"',
    "ignore": '["W301"]',
    "comparator": '"≥"',
    "expected": '"是"',
    "form": '"情况表"',
    "reverse": '"ratio"',
    "weight": "6",
    "score": "5.5",
    "stated_total": "97",
    "total": "100",
    "year": "2024",
    "places": "2",
    "overachievement": "130",
}


def _type_hint(expects: str, key: str) -> str:
    """The hint for a value of the wrong type given for ``key``: how that key is written."""
    if expects == "text":
        example = _EXAMPLES.get(key, '"…"')
        return f"put text in double quotes, e.g. {key} = {example}"
    if expects == "bool":
        return f"write true or false without quotes, e.g. {key} = true"
    if key in BUDGET_FIGURES:
        return (
            f"write the number without quotes, e.g. {key} = 25 (figures in budget.unit, "
            "万元 by default)"
        )
    example = _EXAMPLES.get(key, "2024" if expects == "whole" else "6")
    return (
        f"write {'a whole number' if expects == 'whole' else 'the number'} without quotes, "
        f"e.g. {key} = {example}"
    )


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) < 200 else text[:200] + "…"
