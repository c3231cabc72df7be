"""A form (表样) checked and ready to lay out: every block of a known type with the keys of that
type, every field known, every table's blocks as wide as each other."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import attrs

from .._errors import InputError
from .._model.budget import SOURCES
from . import fields
from .spec import BlockSpec, FormSpec, PartSpec

ROLES = ("form", "narrative", "worksheet")
ORIENTATIONS = ("portrait", "landscape")
NARRATIVES = ("情况表", "自评报告")
STYLES = (
    "title",
    "subtitle",
    "field",
    "label",
    "heading1",
    "heading2",
    "heading3",
    "body",
    "grade",
    "note",
)
ALIGNS = ("left", "center", "right")
CELL_STYLES = ("head", "body")
#: The block types, and the keys each takes besides ``type``.
BLOCK_KEYS: dict[str, tuple[str, ...]] = {
    "paragraph": ("text", "fallback", "style", "align"),
    "sections": (),
    "fields": ("label", "rows"),
    "budget": ("label", "head", "head_span", "sources", "columns", "indicator", "blank"),
    "indicators": ("label", "columns", "levels", "group_text", "keep_empty", "not_applicable"),
    "total": ("label",),
    "scoring-detail": (),
}
TABLE_BLOCKS = ("fields", "budget", "indicators", "total", "scoring-detail")
#: The fields a budget column shows.
BUDGET_FIELDS = ("initial", "adjusted", "executed", "points", "rate", "score", "reason")
#: The fields an indicator column shows (``levels``: one column per level of the tree).
INDICATOR_FIELDS = (
    "levels",
    "comparator",
    "target",
    "value",
    "unit",
    "actual",
    "weight",
    "score",
    "basis",
    "description",
    "standard",
)
#: The columns of the 计分明细 table (``scoring-detail``).
DETAIL_COLUMNS = (
    "指标",
    "年初指标值",
    "实际完成值",
    "分值",
    "得分",
    "规则得分",
    "评分规则",
    "说明",
)
_SHEET_NAME_BAD = set("[]:*?/\\")


class FormError(InputError):
    """A form that cannot be laid out; ``keys`` is the path of the key in the file."""

    def __init__(self, message: str, keys: tuple[str | int, ...], where: str, hint: str) -> None:
        super().__init__(message, where=where, hint=hint)
        self.keys = keys


@attrs.frozen
class Form:
    """A form checked by :func:`check_form`: its id, its description and its parts."""

    id: str
    title: str
    description: str
    source: str
    parts: tuple[PartSpec, ...]
    path: Path | None = None


def check_form(spec: FormSpec, path: Path | None = None) -> Form:
    """The form of ``spec``, or a :class:`FormError` naming the key that is wrong."""
    names: set[str] = set()
    for p, part in enumerate(spec.parts):
        _check_part(part, p)
        if part.name in names:
            raise FormError(
                f"two parts are called {part.name!r}",
                ("parts", p, "name"),
                f"part {p + 1}",
                "give each part a name of its own (a workbook's sheets need one each)",
            )
        names.add(part.name)
    if not spec.parts:
        raise FormError(
            "the form has no parts",
            ("id",),
            "parts",
            "add [[parts]] with blocks; docs/forms.md has a worked example",
        )
    return Form(spec.id, spec.title or spec.id, spec.description, spec.source, spec.parts, path)


def tables(part: PartSpec) -> list[list[tuple[int, BlockSpec]]]:
    """The part's tables: each a run of consecutive table blocks, with their indices."""
    out: list[list[tuple[int, BlockSpec]]] = []
    previous_table = False
    for i, block in enumerate(part.blocks):
        if block.type in TABLE_BLOCKS:
            if previous_table:
                out[-1].append((i, block))
            else:
                out.append([(i, block)])
            previous_table = True
        else:
            previous_table = False
    return out


def block_width(block: BlockSpec) -> int:
    """How many grid columns a table block covers."""
    side = 1 if block.label and block.type in ("fields", "budget", "indicators") else 0
    if block.type == "fields":
        return side + _fields_width(block)
    if block.type == "budget":
        return side + block.head_span + sum(c.span for c in block.columns)
    if block.type == "indicators":
        return side + sum(len(block.levels) if c.field == "levels" else 1 for c in block.columns)
    if block.type == "scoring-detail":
        return len(DETAIL_COLUMNS)
    return 0  # total: as wide as the indicators it closes


def _fields_width(block: BlockSpec) -> int:
    """The width of a fields block's first row (rows are checked to be alike)."""
    return sum(c.span for c in block.rows[0]) if block.rows else 0


def occupancy(rows: tuple[tuple[object, ...], ...], span: str, rowspan: str) -> Iterator[int]:
    """Each row's width counting the cells that cover it from rows above."""
    covering: list[int] = []  # per row ahead: columns covered by rowspans from above
    for r, row in enumerate(rows):
        width = sum(getattr(c, span) for c in row) + (covering[r] if r < len(covering) else 0)
        for c in row:
            for k in range(1, getattr(c, rowspan)):
                while len(covering) <= r + k:
                    covering.append(0)
                covering[r + k] += getattr(c, span)
        yield width


def _check_part(part: PartSpec, p: int) -> None:
    where = f"part {p + 1} ({part.name or 'unnamed'})"

    def bad(key: str, value: object, allowed: tuple[str, ...]) -> FormError:
        return FormError(
            f"{key} {value!r} is not one of {', '.join(allowed)}",
            ("parts", p, key),
            f"{where} › {key}",
            f"write one of: {', '.join(allowed)}",
        )

    if not part.name.strip():
        raise FormError(
            "a part has no name",
            ("parts", p, "name"),
            where,
            'name it as its sheet would be named, e.g. name = "评分表"',
        )
    if len(part.name) > 31 or _SHEET_NAME_BAD & set(part.name):
        raise FormError(
            f"the part name {part.name!r} cannot name a sheet",
            ("parts", p, "name"),
            f"{where} › name",
            "at most 31 characters, none of [ ] : * ? / \\",
        )
    if part.role not in ROLES:
        raise bad("role", part.role, ROLES)
    if part.orientation not in ORIENTATIONS:
        raise bad("orientation", part.orientation, ORIENTATIONS)
    if part.narrative is not None and part.narrative not in NARRATIVES:
        raise bad("narrative", part.narrative, NARRATIVES)
    _check_template(part.header, ("parts", p, "header"), f"{where} › header")
    for b, block in enumerate(part.blocks):
        _check_block(block, p, b, f"{where} › block {b + 1} ({block.type})")
    for group in tables(part):
        _check_table(group, p, where)
    if len(tables(part)) > 1:
        first = tables(part)[1][0][0]
        raise FormError(
            "a part holds one table; this block starts a second one",
            ("parts", p, "blocks", first),
            f"{where} › block {first + 1}",
            "put the paragraph between them after the table, or start a new [[parts]]",
        )


_DEFAULT_BLOCK = BlockSpec()


def _check_block(block: BlockSpec, p: int, b: int, where: str) -> None:
    keys: tuple[str | int, ...] = ("parts", p, "blocks", b)
    if block.type not in BLOCK_KEYS:
        raise FormError(
            f"unknown block type {block.type!r}",
            (*keys, "type"),
            where,
            f"types: {', '.join(BLOCK_KEYS)}",
        )
    allowed = BLOCK_KEYS[block.type]
    for a in attrs.fields(BlockSpec):
        if a.name == "type" or a.name in allowed:
            continue
        if getattr(block, a.name) != getattr(_DEFAULT_BLOCK, a.name):
            raise FormError(
                f"a block of type {block.type!r} has no key {a.name!r}",
                (*keys, a.name),
                where,
                f"its keys: {', '.join(allowed) or 'none besides type'}",
            )
    kind = block.type
    if kind == "paragraph":
        if not block.text:
            raise FormError("a paragraph has no text", keys, where, 'text = "…"')
        _check_template(block.text, (*keys, "text"), where)
        _check_template(block.fallback, (*keys, "fallback"), where)
        if block.style is not None and block.style not in STYLES:
            raise FormError(
                f"unknown style {block.style!r}",
                (*keys, "style"),
                where,
                f"styles: {', '.join(STYLES)}",
            )
    if block.align is not None and block.align not in ALIGNS:
        raise FormError(
            f"unknown align {block.align!r}", (*keys, "align"), where, "left, center or right"
        )
    local = ("points",) if kind in ("budget", "indicators") else ()
    _check_template(block.label, (*keys, "label"), where, local)
    _check_template(block.head, (*keys, "head"), where)
    if kind == "fields":
        _check_fields(block, keys, where)
    elif kind == "budget":
        _check_budget(block, keys, where)
    elif kind == "indicators":
        _check_indicators(block, keys, where)


def _check_fields(block: BlockSpec, keys: tuple[str | int, ...], where: str) -> None:
    if not block.rows or not all(block.rows):
        raise FormError(
            "a fields block needs rows of cells",
            (*keys, "rows"),
            where,
            'rows = [ [ { text = "项目名称" }, { text = "{project.name}", span = 3 } ] ]',
        )
    for r, row in enumerate(block.rows):
        for c, cell in enumerate(row):
            at = (*keys, "rows", r, c)
            _check_template(cell.text, (*at, "text"), f"{where} › row {r + 1} › cell {c + 1}")
            if cell.span < 1 or cell.rowspan < 1:
                raise FormError(
                    "span and rowspan are 1 or more", at, f"{where} › row {r + 1}", "span = 2"
                )
            if cell.rowspan > len(block.rows) - r:
                raise FormError(
                    f"rowspan {cell.rowspan} runs past the block's last row",
                    (*at, "rowspan"),
                    f"{where} › row {r + 1} › cell {c + 1}",
                    "a cell can cover only the rows of its own block",
                )
            if cell.align is not None and cell.align not in ALIGNS:
                raise FormError(
                    f"unknown align {cell.align!r}", (*at, "align"), where, "left, center or right"
                )
            if cell.style is not None and cell.style not in CELL_STYLES:
                raise FormError(
                    f"unknown cell style {cell.style!r}", (*at, "style"), where, "head or body"
                )
    widths = list(occupancy(block.rows, "span", "rowspan"))
    for r, width in enumerate(widths):
        if width != widths[0]:
            raise FormError(
                f"row {r + 1} covers {width} grid columns, row 1 covers {widths[0]}",
                (*keys, "rows", r),
                where,
                "give the cells spans so that every row is as wide (a rowspan counts in the "
                "rows below it)",
            )


def _check_budget(block: BlockSpec, keys: tuple[str | int, ...], where: str) -> None:
    if not block.sources:
        raise FormError(
            "a budget block needs its rows",
            (*keys, "sources"),
            where,
            'sources = [ { source = "total", label = "年度资金总额" }, … ]',
        )
    for i, row in enumerate(block.sources):
        if row.source not in ("total", *SOURCES):
            raise FormError(
                f"unknown source {row.source!r}",
                (*keys, "sources", i, "source"),
                where,
                f"sources: total, {', '.join(SOURCES)}",
            )
        _check_template(row.label, (*keys, "sources", i, "label"), where)
    if not block.columns:
        raise FormError("a budget block needs columns", (*keys, "columns"), where, "see forms.md")
    for i, column in enumerate(block.columns):
        if column.field not in BUDGET_FIELDS:
            raise FormError(
                f"unknown budget field {column.field!r}",
                (*keys, "columns", i, "field"),
                where,
                f"fields: {', '.join(BUDGET_FIELDS)}",
            )
        if column.span < 1 or column.group is not None:
            raise FormError(
                "a budget column has span 1 or more and no group",
                (*keys, "columns", i),
                where,
                "span = 2",
            )
        _check_template(column.label, (*keys, "columns", i, "label"), where)
    if block.head_span < 1:
        raise FormError("head_span is 1 or more", (*keys, "head_span"), where, "head_span = 2")


def _check_indicators(block: BlockSpec, keys: tuple[str | int, ...], where: str) -> None:
    fields_ = [c.field for c in block.columns]
    if fields_.count("levels") != 1 or fields_[0] != "levels":
        raise FormError(
            "the indicator grid starts with one column of field levels",
            (*keys, "columns"),
            where,
            'columns = [ { field = "levels" }, { field = "target", label = "年度指标值" }, … ]',
        )
    if not block.levels:
        raise FormError(
            "the indicator grid needs the headings of its levels",
            (*keys, "levels"),
            where,
            'levels = ["一级指标", "二级指标", "三级指标"]',
        )
    for i, column in enumerate(block.columns):
        if column.field not in INDICATOR_FIELDS:
            raise FormError(
                f"unknown indicator field {column.field!r}",
                (*keys, "columns", i, "field"),
                where,
                f"fields: {', '.join(INDICATOR_FIELDS)}",
            )
        if column.span != 1 or column.total_only or column.merge:
            raise FormError(
                "an indicator column takes field, label and group only",
                (*keys, "columns", i),
                where,
                "each field is one grid column",
            )
        _check_template(column.label, (*keys, "columns", i, "label"), where)
    groups = [c.group for c in block.columns]
    for i, group in enumerate(groups):
        if group is not None and group in groups[:i] and groups[i - 1] != group:
            raise FormError(
                f"the columns of group {group!r} are not next to each other",
                (*keys, "columns", i, "group"),
                where,
                "put the columns of a group side by side",
            )
    for i, text in enumerate(block.group_text):
        _check_template(text, (*keys, "group_text", i), where, ("name", "weight"))


def _check_table(group: list[tuple[int, BlockSpec]], p: int, where: str) -> None:
    widths = {i: block_width(b) for i, b in group if b.type != "total"}
    seen_indicators = False
    for i, block in group:
        if block.type == "indicators":
            seen_indicators = True
        if block.type == "total" and not seen_indicators:
            raise FormError(
                "a total block closes an indicators block: put it after one, in the same table",
                ("parts", p, "blocks", i, "type"),
                f"{where} › block {i + 1} (total)",
                "place the total right after the indicators block",
            )
        if block.type == "scoring-detail" and len(group) > 1:
            raise FormError(
                "a scoring-detail block is a table of its own",
                ("parts", p, "blocks", i, "type"),
                f"{where} › block {i + 1}",
                "put a paragraph between it and the other table blocks, or a part of its own",
            )
    if len(set(widths.values())) > 1:
        first = next(iter(widths))
        for i, width in widths.items():
            if width != widths[first]:
                raise FormError(
                    f"this block covers {width} grid columns, block {first + 1} covers "
                    f"{widths[first]}: the blocks of one table are as wide as each other",
                    ("parts", p, "blocks", i),
                    f"{where} › block {i + 1}",
                    "count the side label (label = …) as one column; adjust the spans",
                )


def _check_template(
    text: str, keys: tuple[str | int, ...], where: str, local: tuple[str, ...] = ()
) -> None:
    try:
        used = fields.names(text)
    except fields.TemplateError as exc:
        raise FormError(str(exc), keys, where, "fields are written {project.name}") from None
    for name in used:
        if name in fields.FIELDS or name in local:
            continue
        if name.startswith(fields.SECTION) and len(name) > len(fields.SECTION):
            continue
        known = ", ".join([*fields.FIELDS, *local, "section:名称"])
        raise FormError(f"unknown field {{{name}}}", keys, where, f"fields: {known}")
