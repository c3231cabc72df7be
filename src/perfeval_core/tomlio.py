"""Reading and writing the TOML files: exact Decimals, strict types, errors that say where.

Every file perfeval reads passes through :func:`read_text` (size limit, UTF-8, one clear error)
and :func:`structure` (cattrs with ``forbid_extra_keys``; a failure becomes one
:class:`~perfeval_core.errors.InputError` naming the file, the line and the indicator path).
"""

from __future__ import annotations

import datetime
import difflib
import json
import os
import re
import tomllib
import types
import typing
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import attrs
import cattrs
import tomli_w
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .errors import ExportError, InputError
from .spec import Amount, EvaluationSpec, FrameworkSpec, IndicatorSpec, RuleSpec

T = TypeVar("T")

#: Files larger than this are refused before they are read whole.
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Numbers beyond this magnitude are refused as absurd (a typo, not a budget).
MAX_NUMBER = Decimal(10) ** 15
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 text file, refusing one over :data:`MAX_FILE_BYTES` before reading it."""
    name = str(path)
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise InputError(
                    f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                    file=name, hint="split the file; an evaluation is normally a few kilobytes")
            # one byte more than stated (not MAX_FILE_BYTES + 1: reading allocates that much
            # first); a file that grew meanwhile is read on up to the limit
            data = f.read(size + 1)
            if len(data) > size:
                data += f.read(MAX_FILE_BYTES + 1 - len(data))
    except FileNotFoundError:
        raise InputError("no such file", file=name, hint="check the path") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", file=name) from None
    except PermissionError:
        raise InputError("permission denied", file=name) from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"file is over the limit of {MAX_FILE_BYTES:,} bytes", file=name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("the file is UTF-16 text, not UTF-8", file=name,
                         hint="save it as UTF-8 (in the editor's Save As, choose the encoding "
                              "UTF-8)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            file=name, line=line,
            hint="save the file as UTF-8 (GBK/GB18030 files: re-save as UTF-8 in your editor)",
        ) from None


def parse_toml(text: str, *, file: str) -> dict[str, Any]:
    """Parse TOML text with exact Decimals; a syntax error names the line and column.

    Tables and lists nested more than :data:`MAX_NESTING` deep are refused (no form needs more
    than a handful of levels; deeper input would only exhaust the stack).
    """
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_POS.search(msg)
        line = int(m.group(1)) if m else None
        msg = _TOML_POS.sub("", msg).strip()
        if m:
            msg += f" (column {m.group(2)})"
        raise InputError(f"invalid TOML: {msg}", file=file, line=line,
                         hint=_toml_hint(msg)) from None
    except RecursionError:
        raise InputError(f"lists or tables nested more than {MAX_NESTING} levels deep",
                         file=file, hint="an indicator tree has a few levels; check the brackets"
                         ) from None
    _check_nesting(data, file)
    return data


def _toml_hint(message: str) -> str:
    if message.startswith(("Cannot overwrite", "Cannot declare")):
        return "a key or a table is written twice; keep one (names of indicators go in name = …)"
    if message.startswith(("Illegal character '\\n'", "Illegal character '\\r'")):
        return 'a string is not closed on this line: add the closing "'
    if message.startswith("Illegal character"):
        return "remove the control character (tabs and line breaks are allowed)"
    if "Unterminated string" in message or "Unclosed" in message:
        return "close the quotes, brackets or braces opened on this line"
    return "see docs/formats.md for the syntax; text needs double quotes"


#: How deep tables and lists may nest (an indicator level takes two: a list and a table).
MAX_NESTING = 40


def _check_nesting(data: Any, file: str) -> None:
    if _nests_deeper(data, MAX_NESTING):
        _nesting_error(data, file)


def _nests_deeper(node: Any, room: int) -> bool:
    """True when tables or lists nest below ``node`` more than ``room`` levels deep."""
    for child in node.values() if isinstance(node, dict) else node:
        if isinstance(child, (dict, list)) and (room == 0 or _nests_deeper(child, room - 1)):
            return True
    return False


def _nesting_error(data: Any, file: str) -> None:
    """Raise the error for the first table or list (depth first) nested too deep."""
    stack: list[tuple[Any, int, list[str | int]]] = [(data, 0, [])]
    while stack:
        node, depth, path = stack.pop()
        if depth > MAX_NESTING:
            where, _ = key_path(data, path[:6])
            raise InputError(f"lists or tables nested more than {MAX_NESTING} levels deep",
                             file=file, where=(where + " › …") if where else None,
                             hint="an indicator tree has a few levels; check the file was not "
                                  "generated by mistake")
        items = node.items() if isinstance(node, dict) else enumerate(node) \
            if isinstance(node, list) else ()
        for key, child in items:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1, [*path, key]))


# -- the converter -----------------------------------------------------------------------------

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
        raise _Bad(f"expected text in quotes, got {_describe(value)}",
                   'put text in double quotes: "…"', "text")
    if m := _CONTROL.search(value):
        raise _Bad(f"text contains the control character {printable(m.group())} "
                   f"at position {m.start() + 1}",
                   "remove it (tabs and line breaks are allowed; other control characters are "
                   "usually left over from copying out of a PDF or a spreadsheet)")
    return value


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _Bad(f"expected a number, got {_describe(value)}",
                   "write the number without quotes, e.g. weight = 6 or score = 9.5", "number")
    number = Decimal(value)
    if not number.is_finite():
        raise _Bad(f"expected a finite number, got {str(value).lower()}",
                   "nan and inf are not points or amounts; write the number itself")
    if abs(number) >= MAX_NUMBER:
        raise _Bad(f"number {value} is absurdly large (the limit is {MAX_NUMBER:.0E})",
                   "check for a typo or a stray exponent; amounts are in the budget's unit "
                   "(万元 by default)")
    return number


class _Negative(_Bad):
    """A negative point or amount; :func:`_input_error` words it for the key it was given for."""


def _structure_amount(value: Any, _: type) -> Decimal:
    number = _structure_decimal(value, Decimal)
    if number < 0:
        raise _Negative(f"must not be negative, got {value}")
    return number


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"expected a whole number, got {_describe(value)}",
                   "write a whole number without quotes, e.g. year = 2024", "whole")
    if abs(value) >= MAX_NUMBER:
        raise _Bad(f"number {value} is absurdly large (the limit is {MAX_NUMBER:.0E})",
                   "check for a typo")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise _Bad(f"expected true or false, got {_describe(value)}",
                   "write true or false without quotes", "bool")
    return value


def _structure_rule(value: Any, _: type) -> RuleSpec:
    if isinstance(value, str):
        return _structure_str(value, str)
    if isinstance(value, dict):
        return value
    raise _Bad(f"expected a rule name or a table with 'kind', got {_describe(value)}",
               'e.g. rule = "正向" or rule = { kind = "bands", bands = [...] }')


def _structure_optional_rule(value: Any, _: type) -> RuleSpec | None:
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
    return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 \
        else value


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
        make_dict_unstructure_fn(IndicatorSpec, conv, _cattrs_omit_if_default=True,
                                 children=override(omit_if_default=True)))
    return conv


def _tuple_hook_factory(cl: Any, conv: cattrs.Converter) -> Any:
    """Homogeneous tuples from TOML lists only (cattrs would split a string into letters)."""
    item = cl.__args__[0]
    item_hook = conv.get_structure_hook(item)

    def hook(value: Any, _: type) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _Bad(f"expected a list [...], got {_describe(value)}",
                       "write a list in brackets, e.g. [\"a\", \"b\"] or [ { name = … } ]")
        out, errors = [], []
        for i, element in enumerate(value):
            try:
                out.append(item_hook(element, item))
            except Exception as exc:  # collected and re-raised as one group, as cattrs does
                exc.__notes__ = [*getattr(exc, "__notes__", []),
                                 IterableValidationNote(f"Structuring @ index {i}", i, item)]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {cl!r}", errors, cl)
        return tuple(out)
    return hook


def _is_tuple(cl: Any) -> bool:
    return getattr(cl, "__origin__", None) is tuple


def _is_optional(cl: Any) -> bool:
    args = typing.get_args(cl)
    return (typing.get_origin(cl) in (typing.Union, types.UnionType) and len(args) == 2
            and type(None) in args)


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
            raise _Bad(f"expected a table, got {_describe(value)}",
                       "write a table: [section] with keys below it, or { key = value, … }")
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
        path, leaf = next((f for f in found if isinstance(f[1], ForbiddenExtraKeysError)),
                          found[0])
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


def parameter_errors(exc: BaseException) -> str:
    """One line for a failure to structure parameters (a rule table): what, and where."""
    if not isinstance(exc, cattrs.BaseValidationError):
        return _short(exc)

    def fmt(e: BaseException, type_: Any) -> str:
        if isinstance(e, ForbiddenExtraKeysError):
            known = [a.name for a in attrs.fields(e.cl)] if attrs.has(e.cl) else []
            guesses = [g for k in sorted(e.extra_fields)
                       for g in difflib.get_close_matches(k, known, n=1)]
            return (f"unknown parameter {', '.join(map(repr, sorted(e.extra_fields)))}"
                    + (f" (did you mean {', '.join(map(repr, guesses))}?)" if guesses
                       else f" (parameters: {', '.join(known) or 'none'})"))
        if isinstance(e, KeyError):
            return f"required parameter {e.args[0]!r} is missing"
        if isinstance(e, _Bad) or (type(e) is ValueError and e.args
                                   and isinstance(e.args[0], str)):
            return str(e.args[0])
        return cattrs.v.format_exception(e, type_)

    return "; ".join(m.replace(" @ $.", " @ ").removesuffix(" @ $")
                     for m in cattrs.transform_error(exc, path="$", format_exception=fmt))


def parameter_hint(exc: BaseException) -> str | None:
    """The hint for a rule parameter of the wrong type (``expected = 1``), else None."""
    found = _walk(exc, []) if isinstance(exc, ClassValidationError | IterableValidationError) \
        else [([], exc)]
    for path, leaf in found:
        key = next((step for step in reversed(path) if isinstance(step, str)), None)
        if isinstance(leaf, _Bad) and leaf.expects and key:
            return _type_hint(leaf.expects, key)
    return None


def unstructure(obj: Any) -> dict[str, Any]:
    """The plain-dict form of a spec, omitting defaults (what a hand-written file would say)."""
    return _converter.unstructure(obj)


def dumps(obj: Any) -> str:
    """TOML text for a spec object, laid out as a person would write it."""
    return dumps_document(unstructure(obj))


def dumps_document(doc: dict[str, Any]) -> str:
    """TOML text for a framework or evaluation document (plain data).

    Everything but the indicator tree goes through tomli-w (long texts as multi-line strings);
    the tree is written as ``[[indicators]]`` / ``[[indicators.children]]`` tables with each
    group's leaves as one inline row per leaf, like the rows of the 评分表.
    """
    rest = {key: value for key, value in doc.items() if key != "indicators"}
    # tomli-w writes "\r\n" inside a multi-line string as a bare line break, which reads back
    # as "\n": a text holding "\r\n" keeps it only in a one-line string with escapes
    parts = [tomli_w.dumps(rest, multiline_strings=not _has_crlf(rest), indent=2)]
    for indicator in doc.get("indicators", []):
        parts.append("\n" + "".join(_indicator_toml(indicator, "indicators")))
    return "".join(parts)


def _has_crlf(obj: object) -> bool:
    if isinstance(obj, str):
        return "\r\n" in obj
    if isinstance(obj, dict):
        return any(_has_crlf(v) for v in obj.values())
    if isinstance(obj, list | tuple):
        return any(_has_crlf(v) for v in obj)
    return False


def _indicator_toml(indicator: dict[str, Any], path: str) -> Iterator[str]:
    children = indicator.get("children")
    yield f"[[{path}]]\n"
    for key, value in indicator.items():
        if key != "children":
            yield f"{_key(key)} = {_literal(value)}\n"
    if children is None:
        return
    if all("children" not in child for child in children):
        rows = "".join(f"  {_literal(child)},\n" for child in children)
        yield f"children = [\n{rows}]\n" if rows else "children = []\n"
        return
    for child in children:
        yield "\n"
        yield from _indicator_toml(child, f"{path}.children")


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _literal(value: object) -> str:
    """A TOML value on one line (tables inline), as tomli-w writes it."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_literal(v)}" for k, v in value.items()) + " }"
    return tomli_w.dumps({"v": value})[len("v = "):-1]


def _walk(exc: BaseException, path: list[str | int]) -> Any:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            step = getattr(note, "name", None)
            if step is None:
                step = getattr(note, "index", "?")
            yield from _walk(sub, [*path, step])
        for sub in without:
            yield from _walk(sub, path)
    else:
        yield path, exc


def _input_error(exc: BaseException, path: list[str | int], data: Any, file: str,
                 source: str) -> InputError:
    where, names = key_path(data, path)
    hint = None
    if isinstance(exc, ForbiddenExtraKeysError):
        extra = sorted(exc.extra_fields)
        known = [a.name for a in attrs.fields(exc.cl)]
        guesses = [g for key in extra for g in difflib.get_close_matches(key, known, n=1)]
        message = f"unknown key{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))}"
        hint = (f"did you mean {', '.join(map(repr, guesses))}?" if guesses
                else f"allowed keys here: {', '.join(known)}")
        names = [*names, extra[0]]
    elif isinstance(exc, KeyError):
        message = f"required key {exc.args[0]!r} is missing"
        hint = "see docs/formats.md for the keys of this table"
        names = names[:-1]
    elif isinstance(exc, _Negative):
        key = str(path[-1])
        message = f"{key} {exc}"
        hint = _NEGATIVE_HINTS.get(key, "budget figures are amounts of money (in budget.unit, "
                                        "万元 by default): 0 or more")
    elif isinstance(exc, _Bad):
        message = str(exc)
        key = next((step for step in reversed(path) if isinstance(step, str)), None)
        hint = _type_hint(exc.expects, key) if exc.expects and key else exc.hint
    elif isinstance(exc, TypeError | ValueError | AttributeError):
        message = f"wrong kind of value ({_short(exc)})"
        hint = "see docs/formats.md for what this key takes"
    else:
        message = _short(exc)
    return InputError(message, file=file, where=where or None, line=locate(source, names),
                      hint=hint)


#: What a value of each key looks like, for the hint on a value of the wrong type.
_EXAMPLES = {
    "start": '"2024-01"', "end": '"2024-12"', "target": '"100%"', "actual": '"98%"',
    "unit": '"万元"', "framework": '"rugao-2024"', "extends": '"rugao-2024"', "id": '"rugao-2024"',
    "ignore": '["W301"]', "comparator": '"≥"', "expected": '"是"', "form": '"情况表"',
    "reverse": '"ratio"',
    "weight": "6", "score": "5.5", "stated_total": "97", "total": "100", "year": "2024",
    "places": "2", "overachievement": "130",
}
_BUDGET_FIGURES = ("initial", "adjusted", "received", "executed", "fiscal", "carryover", "other")


def _type_hint(expects: str, key: str) -> str:
    """The hint for a value of the wrong type given for ``key``: how that key is written."""
    if expects == "text":
        example = _EXAMPLES.get(key, '"…"')
        return f"put text in double quotes, e.g. {key} = {example}"
    if expects == "bool":
        return f"write true or false without quotes, e.g. {key} = true"
    if key in _BUDGET_FIGURES:
        return (f"write the number without quotes, e.g. {key} = 25 (figures in budget.unit, "
                "万元 by default)")
    example = _EXAMPLES.get(key, "2024" if expects == "whole" else "6")
    return (f"write {'a whole number' if expects == 'whole' else 'the number'} without quotes, "
            f"e.g. {key} = {example}")


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) < 200 else text[:200] + "…"


def key_path(data: Any, path: list[str | int]) -> tuple[str, list[str]]:
    """Render a structural path as names: ``indicators[2].children[0]`` → ``产出指标 › 数量指标``.

    Returns the display path and the list of names used to find the line.
    """
    shown: list[str] = []
    names: list[str] = []
    node = data
    for step in path:
        if isinstance(step, int):
            try:
                node = node[step]
            except (IndexError, KeyError, TypeError):
                shown.append(f"[{step}]")
                continue
            name = node.get("name") if isinstance(node, dict) else None
            if isinstance(name, str) and shown and shown[-1] in ("indicators", "children"):
                shown[-1] = printable(name)
                names.append(name)
            else:
                shown[-1:] = [f"{shown[-1]}[{step}]"] if shown else [f"[{step}]"]
        else:
            node = node.get(step) if isinstance(node, dict) else None
            shown.append(step)
            names.append(step)
    if shown and shown[0] == "children":
        shown = shown[1:]
    return " › ".join(shown), names


def printable(text: str) -> str:
    """Text safe to print in a message: control characters shown as escapes."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def locate(source: str, names: list[str]) -> int | None:
    """Best-effort line number of a key path in TOML source (first match of each name in turn)."""
    if not source or not names:
        return None
    lines = source.splitlines()
    row, found = 0, None
    for name in names:
        quoted = f'"{name}"'
        pattern = re.compile(rf"(^|[\s{{,\[.]){re.escape(name)}\s*(=|\]|\.)")
        for i in range(row, len(lines)):
            if quoted in lines[i] or pattern.search(lines[i]):
                row, found = i, i + 1
                break
    return found


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
        raise InputError("the file is empty", file=file, hint=(
            'an evaluation starts with framework = "…"; `perfeval new` writes one' if evaluation
            else 'a framework starts with id = "…"; see docs/formats.md'))
    if evaluation and "id" in data and "framework" not in data:
        raise InputError("this is a framework file (it has `id`), not an evaluation", file=file,
                         line=locate(text, ["id"]),
                         hint="use `perfeval framework check FILE`, or name it in an evaluation "
                              'with framework = "<id>"')
    if cls is FrameworkSpec and "framework" in data and "id" not in data:
        raise InputError("this is an evaluation (it has `framework`), not a framework file",
                         file=file, line=locate(text, ["framework"]),
                         hint="use `perfeval check FILE` for an evaluation")


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write bytes to ``path`` through a temporary file and a rename: never a partial file."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except OSError as exc:  # a missing folder, a folder in the way, no permission, a full disk
        _remove(tmp)
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}",
                          hint="check that the folder exists and can be written to") from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
