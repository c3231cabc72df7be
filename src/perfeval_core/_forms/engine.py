"""The layout engine: a form and a scorecard in, a :class:`~.layout.Layout` out.

Every text shown is worked out here, once, for every renderer: numbers by ``format_number``, a
leaf's target and actual by ``LeafScore.target_text`` / ``actual_text``, fields of the form's
templates from the evaluation's facts. Renderers only draw the result.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import cast

import attrs

from .._model.budget import BudgetLine, budget_lines
from .._model.numbers import format_number
from .._model.scoring import GroupScore, LeafScore, Scorecard, target_value
from .._model.spec import SectionSpec
from .._model.tree import PATH_SEPARATOR, Indicator
from .._model.values import ValueKind, format_value, parse_value
from . import fields, notes
from .form import DETAIL_COLUMNS, Form, tables
from .layout import (
    Align,
    Block,
    Cell,
    CellStyle,
    Column,
    ColumnKind,
    Layout,
    Orientation,
    Paragraph,
    ParagraphStyle,
    Part,
    PartRole,
    Row,
    Table,
)
from .spec import BlockSpec, ColumnSpec, PartSpec

#: How names below the last level column are joined into it (a deeper tree than the form's).
JOIN = " › "
_HEADINGS: tuple[ParagraphStyle, ...] = ("heading1", "heading2", "heading3")
# Characters XML 1.0 cannot hold; the loader refuses control characters, this guards
# scorecards built in Python.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BLANK_LINES = re.compile(r"\n[ \t\u3000]*\n\s*")


def clean(text: str | None) -> str:
    """``text`` as a layout holds it: line ends as ``\\n``, characters XML cannot hold removed."""
    if not text:
        return ""
    if text.isprintable():  # most names and values: nothing to change
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVALID.sub("", text)


def split_paragraphs(text: str | None) -> list[str]:
    """A narrative text's paragraphs: split on blank lines, stripped, empty ones dropped."""
    body = clean(text).strip()
    if not body:
        return []
    return [p.strip() for p in _BLANK_LINES.split(body) if p.strip()]


def lay_out(
    card: Scorecard,
    form: Form,
    date: datetime.datetime,
    roles: Collection[str] | None = None,
) -> Layout:
    """``card`` laid out on ``form``; ``date`` is the document's date; ``roles``, when given,
    the roles of the parts to lay out (a renderer asks for those it draws)."""
    facts = _facts(card, form)
    narrative = card.evaluation.spec.narrative
    parts = []
    for part in form.parts:
        if roles is not None and part.role not in roles:
            continue
        if part.narrative is not None and (narrative is None or narrative.form != part.narrative):
            continue
        if part.role == "narrative" and narrative is None:
            continue
        blocks = _part_blocks(part, card, facts)
        if not card.complete:
            blocks = _with_draft_mark(blocks, card)
        parts.append(
            Part(
                part.name,
                cast(PartRole, part.role),
                tuple(blocks),
                cast(Orientation, part.orientation),
                fields.fill(part.header, facts),
            )
        )
    project = card.evaluation.project
    return Layout(
        form=form.id,
        title=clean(project.name),
        subject=clean(form.title),
        author=clean(project.unit),
        date=date,
        complete=card.complete,
        parts=tuple(parts),
    )


def _with_draft_mark(blocks: list[Block], card: Scorecard) -> list[Block]:
    """The blocks with 草稿 after the title (or first): an incomplete scorecard."""
    missing = sum(1 for leaf in card.leaves if leaf.score is None)
    mark = Paragraph(f"草稿：评分未完成（{missing} 项指标无得分）", "draft")
    at = next(
        (i + 1 for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.style == "title"),
        0,
    )
    return [*blocks[:at], mark, *blocks[at:]]


# -- facts --------------------------------------------------------------------------------------


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = clean(str(value)).strip()
    return text or None


def _month(value: str | None) -> str | None:
    text = _text(value)
    return text.replace("-", "/") if text else None


def _facts(card: Scorecard, form: Form) -> dict[str, str | None]:
    ev = card.evaluation
    project, spec = ev.project, ev.spec
    goal, budget = spec.goal, spec.budget
    facts: dict[str, str | None] = {
        "project.name": _text(project.name),
        "project.unit": _text(project.unit),
        "project.year": _text(project.year),
        "project.start": _month(project.start),
        "project.end": _month(project.end),
        "project.department": _text(project.department),
        "project.implementer": _text(project.implementer),
        "project.content": _text(project.content),
        "goal.target": _text(goal.target) if goal else None,
        "goal.actual": _text(goal.actual) if goal else None,
        "budget.unit": _text(budget.unit) if budget else "万元",
        "budget.reason": _text(budget.reason) if budget else None,
        "total": format_number(card.total),
        "max": format_number(card.max),
        "grade": _text(card.grade_label),
        "narrative.title": _text(spec.narrative.title) if spec.narrative else None,
        "framework.title": _text(ev.framework.title),
        "form.title": _text(form.title),
    }
    if spec.narrative is not None:
        for section in _all_sections(spec.narrative.sections):
            key = fields.SECTION + fields.section_name(section.heading)
            facts.setdefault(key, _text(section.text))
    return facts


def _all_sections(sections: tuple[SectionSpec, ...]) -> Iterator[SectionSpec]:
    for section in sections:
        yield section
        yield from _all_sections(section.sections)


# -- parts --------------------------------------------------------------------------------------


def _part_blocks(part: PartSpec, card: Scorecard, facts: dict[str, str | None]) -> list[Block]:
    out: list[Block] = []
    groups = {group[0][0]: group for group in tables(part)}
    in_table: set[int] = {i for group in groups.values() for i, _ in group}
    for i, block in enumerate(part.blocks):
        if i in groups:
            out.append(_table(groups[i], card, facts))
        elif i in in_table:
            continue
        elif block.type == "paragraph":
            text = fields.fill(block.text, facts)
            if not text.strip() and block.fallback:
                text = fields.fill(block.fallback, facts)
            if text.strip():
                style = cast(ParagraphStyle, block.style or "body")
                out.append(Paragraph(text, style, cast(Align | None, block.align)))
        elif block.type == "sections":
            narrative = card.evaluation.spec.narrative
            if narrative is not None:
                out.extend(_sections(narrative.sections, 0))
    return out


def _sections(sections: Sequence[SectionSpec], depth: int) -> Iterator[Paragraph]:
    style = _HEADINGS[min(depth, len(_HEADINGS) - 1)]
    for section in sections:
        heading = clean(section.heading).strip()
        if heading:
            yield Paragraph(heading, style)
        for text in split_paragraphs(section.text):
            yield Paragraph(text, "body")
        yield from _sections(section.sections, depth + 1)


# -- tables -------------------------------------------------------------------------------------


@attrs.define
class _Grid:
    """A table being built: its columns' kinds and its rows."""

    kinds: list[ColumnKind | None]
    rows: list[Row] = attrs.Factory(list)

    def kind(self, column: int, kind: ColumnKind, *, grid: bool = False) -> None:
        """Say what ``column`` holds; the indicator grid's say (``grid``) wins over the other
        blocks', which only fill in columns nothing has claimed."""
        if column < len(self.kinds) and (grid or self.kinds[column] is None):
            self.kinds[column] = kind


def _table(
    group: list[tuple[int, BlockSpec]], card: Scorecard, facts: dict[str, str | None]
) -> Table:
    from .form import block_width

    width = max(block_width(b) for _, b in group)
    grid = _Grid([None] * width)
    shown_elsewhere = _budget_leaves(group, card)
    indicators: _Indicators | None = None
    for _, block in group:
        if block.type == "fields":
            _fields_block(block, grid, facts)
        elif block.type == "budget":
            _budget_block(block, grid, card, facts)
        elif block.type == "indicators":
            indicators = _Indicators(block, card, shown_elsewhere, facts)
            indicators.draw(grid)
        elif block.type == "total" and indicators is not None:
            _total_block(block, grid, card, indicators, facts)
        elif block.type == "scoring-detail":
            _detail_block(grid, card)
    kinds = tuple(Column(k or "value") for k in grid.kinds)
    return Table(kinds, tuple(grid.rows))


def _side(label: str, rows: int, facts: Mapping[str, str | None]) -> Cell:
    return Cell(fields.fill(label, facts), rowspan=rows, repeat=True)


def _number(value: Decimal | None, style: CellStyle = "body", field: str = "") -> Cell:
    if value is None or not value.is_finite():
        return Cell("", style=style, field=field)
    return Cell(format_number(value), style=style, number=value, format="number", field=field)


def _fields_block(block: BlockSpec, grid: _Grid, facts: dict[str, str | None]) -> None:
    side = bool(block.label)
    for r, row in enumerate(block.rows):
        cells: list[Cell] = []
        if side and r == 0:
            cells.append(_side(block.label, len(block.rows), facts))
            grid.kind(0, "side")
        for spec in row:
            has_fields = bool(fields.names(spec.text))
            align = cast(Align, spec.align or ("left" if has_fields else "center"))
            cells.append(
                Cell(
                    fields.fill(spec.text, facts),
                    colspan=spec.span,
                    rowspan=spec.rowspan,
                    align=align,
                    style=cast(CellStyle, spec.style or "body"),
                )
            )
        grid.rows.append(Row(tuple(cells), block="fields"))


def _budget_leaves(group: list[tuple[int, BlockSpec]], card: Scorecard) -> dict[str, LeafScore]:
    """The leaf each budget block of the table shows (by the block's ``indicator`` name)."""
    found: dict[str, LeafScore] = {}
    for _, block in group:
        if block.type == "budget" and block.indicator:
            leaf = next((lf for lf in card.leaves if lf.path[-1] == block.indicator), None)
            if leaf is not None:
                found[block.indicator] = leaf
    return found


def _budget_block(
    block: BlockSpec, grid: _Grid, card: Scorecard, facts: dict[str, str | None]
) -> None:
    lines = budget_lines(card.evaluation.spec.budget)
    leaf = next(
        (lf for lf in card.leaves if block.indicator and lf.path[-1] == block.indicator), None
    )
    local = {**facts, "points": format_number(leaf.weight) if leaf else None}
    side = bool(block.label)
    head: list[Cell] = []
    if side:
        head.append(_side(block.label, 1 + len(block.sources), local))
        grid.kind(0, "side")
    offset = 1 if side else 0
    head.append(Cell(fields.fill(block.head, local), colspan=block.head_span, style="head"))
    grid.kind(offset, "label")
    column = offset + block.head_span
    for spec in block.columns:
        head.append(Cell(fields.fill(spec.label, local), colspan=spec.span, style="head"))
        if spec.span == 1:
            grid.kind(column, "text" if spec.field == "reason" else "value")
        column += spec.span
    grid.rows.append(Row(tuple(head), keep_with_next=True, block="budget"))
    for r, row in enumerate(block.sources):
        line = lines[row.source]
        is_total = row.source == "total"
        cells = [
            Cell(fields.fill(row.label, local), colspan=block.head_span, align="left"),
        ]
        for spec in block.columns:
            cell = _budget_cell(spec, line, is_total, leaf, block, local)
            if spec.merge and spec.field == "reason":
                if r == 0:
                    cell.rowspan = len(block.sources)
                else:
                    continue
            cell.colspan = spec.span
            cells.append(cell)
        path = leaf.path if is_total and leaf is not None else None
        grid.rows.append(Row(tuple(cells), path=path, block="budget"))


def _budget_cell(
    spec: ColumnSpec,
    line: BudgetLine,
    is_total: bool,
    leaf: LeafScore | None,
    block: BlockSpec,
    facts: Mapping[str, str | None],
) -> Cell:
    """A cell of a budget row (a new one: the caller sets its spans)."""
    field = spec.field
    if field in ("initial", "adjusted", "executed"):
        return _number(line.figure(field), field=field)
    if (field in ("points", "score") or spec.total_only) and not is_total:
        return Cell(fields.fill(block.blank, facts), field=field)
    if field == "points":
        return _number(leaf.weight, field=field) if leaf else Cell(field=field)
    if field == "score":
        return _number(leaf.score, field=field) if leaf else Cell(field=field)
    if field == "rate":
        if is_total and leaf is not None and leaf.rule.computes_actual and leaf.result.actual:
            computed = parse_value(leaf.result.actual)  # the rule's 执行率, as the grid shows it
            return Cell(leaf.actual_text, number=computed.number, format="percent", field=field)
        if line.rate is None:
            return Cell(field=field)
        text = f"{format(line.rate, 'f')}%"
        return Cell(text, number=line.rate, format="percent", field=field)
    # reason
    reason = facts.get("budget.reason") or "" if is_total else ""
    return Cell(reason, align="left" if is_total else "center", field=field)


@attrs.frozen
class _Entry:
    """A body row of the grid: the names from the 一级 down, the positions, what it shows."""

    names: tuple[str, ...]
    position: tuple[int, ...]
    path: tuple[str, ...]
    leaf: LeafScore | None = None
    group: GroupScore | None = None
    indicator: Indicator | None = None  # a leaf that does not apply, or an empty slot
    not_applicable: bool = False


class _Indicators:
    """The indicator grid of one form block: header rows, a row per leaf, merged groups."""

    def __init__(
        self,
        block: BlockSpec,
        card: Scorecard,
        shown_elsewhere: dict[str, LeafScore],
        facts: dict[str, str | None],
    ) -> None:
        self.block, self.card, self.facts = block, card, facts
        self.excluded = {leaf.path for leaf in shown_elsewhere.values()}
        self.levels = len(block.levels)
        self.side = bool(block.label)
        self.settings = card.evaluation.framework.settings
        self.entries = self._entries()
        columns: list[str] = []
        for spec in block.columns:
            columns.extend(["levels"] * self.levels if spec.field == "levels" else [spec.field])
        self.fields = columns  # the field of each grid column after the side label

    # -- which rows ----------------------------------------------------------------------------

    def _entries(self) -> list[_Entry]:
        scored: dict[tuple[str, ...], GroupScore | LeafScore] = {}

        def index(node: GroupScore | LeafScore) -> None:
            scored[node.path] = node
            if isinstance(node, GroupScore):
                for child in node.children:
                    index(child)

        for level in self.card.levels:
            index(level)
        slots = self._slots()
        out: list[_Entry] = []

        def walk(
            ind: Indicator, names: tuple[str, ...], position: tuple[int, ...], path: tuple[str, ...]
        ) -> bool:
            path = (*path, ind.name)
            node = scored.get(path)
            weight = node.weight if node is not None else ind.weight
            shown = clean(self._group_text(ind.name, weight, len(names))).strip()
            names = (*names, shown if ind.is_group else clean(ind.name).strip())
            if path in self.excluded:
                return False
            if ind.is_group:
                children = [*ind.children]
                found = False
                i = 0
                for child in _with_slots(children, slots.get(path, ())):
                    if walk(child, names, (*position, i), path):
                        found = True
                    i += 1
                if not found and not ind.children:
                    group = node if isinstance(node, GroupScore) else None
                    out.append(_Entry(names, position, path, group=group, indicator=ind))
                    return True
                return found
            if isinstance(node, LeafScore):
                out.append(_Entry(names, position, path, leaf=node))
            else:
                out.append(_Entry(names, position, path, indicator=ind, not_applicable=True))
            return True

        tops = _with_slots(list(self.card.evaluation.indicators), slots.get((), ()))
        for i, top in enumerate(tops):
            walk(top, (), (i,), ())
        return out

    def _slots(self) -> dict[tuple[str, ...], list[tuple[str | None, Indicator]]]:
        """Framework groups without indicators (empty slots) that the evaluation left out, by
        parent path, each with the framework sibling it follows (``keep_empty``)."""
        if not self.block.keep_empty:
            return {}
        have: set[tuple[str, ...]] = {()}

        def mark(nodes: tuple[Indicator, ...], parent: tuple[str, ...]) -> None:
            for node in nodes:
                path = (*parent, node.name)
                have.add(path)
                mark(node.children, path)

        mark(self.card.evaluation.indicators, ())
        found: dict[tuple[str, ...], list[tuple[str | None, Indicator]]] = {}

        def look(nodes: tuple[Indicator, ...], parent: tuple[str, ...]) -> None:
            previous: str | None = None
            for node in nodes:
                path = (*parent, node.name)
                if path in have:
                    look(node.children, path)
                    previous = node.name
                elif node.is_group and not node.children and parent in have:
                    found.setdefault(parent, []).append((previous, node))
                    previous = node.name

        look(self.card.evaluation.framework.indicators, ())
        return found

    def _group_text(self, name: str, weight: Decimal, depth: int) -> str:
        texts = self.block.group_text
        if depth >= len(texts) or not texts[depth]:
            return name
        return fields.fill(texts[depth], {"name": name, "weight": format_number(weight)})

    # -- drawing -------------------------------------------------------------------------------

    def draw(self, grid: _Grid) -> None:
        offset = 1 if self.side else 0
        specs = self.block.columns
        two_rows = any(c.group for c in specs)
        first: list[Cell] = []
        second: list[Cell] = []
        body_rows = max(len(self.entries), 1)
        if self.side:
            points = sum((e.leaf.weight for e in self.entries if e.leaf is not None), Decimal(0))
            local = {**self.facts, "points": format_number(points)}
            first.append(_side(self.block.label, body_rows + (2 if two_rows else 1), local))
            grid.kind(0, "side")
        column = offset
        i = 0
        while i < len(specs):
            spec = specs[i]
            width = self.levels if spec.field == "levels" else 1
            labels = list(self.block.levels) if spec.field == "levels" else [spec.label]
            if spec.group and two_rows:
                run = [spec]
                while i + len(run) < len(specs) and specs[i + len(run)].group == spec.group:
                    run.append(specs[i + len(run)])
                span = sum(self.levels if c.field == "levels" else 1 for c in run)
                first.append(Cell(fields.fill(spec.group, self.facts), colspan=span, style="head"))
                for member in run:
                    names = list(self.block.levels) if member.field == "levels" else [member.label]
                    second.extend(Cell(fields.fill(t, self.facts), style="head") for t in names)
                i += len(run)
                column += span
                continue
            rowspan = 2 if two_rows else 1
            first.extend(
                Cell(fields.fill(t, self.facts), rowspan=rowspan, style="head") for t in labels
            )
            column += width
            i += 1
        for c, field in enumerate(self.fields):
            grid.kind(offset + c, _kind(field, c, self.levels), grid=True)
        grid.rows.append(Row(tuple(first), header=True, block="indicators"))
        if two_rows:
            grid.rows.append(Row(tuple(second), header=True, block="indicators"))
        self._body(grid)

    def _body(self, grid: _Grid) -> None:
        entries, levels = self.entries, self.levels
        # identity of the merged group cell in each group column (None: the entry has none)
        keys = [
            tuple(e.position[: c + 1] if len(e.names) >= c + 2 else None for c in range(levels - 1))
            for e in entries
        ]
        runs = [[0] * (levels - 1) for _ in entries]  # rowspan of a group cell starting here
        for c in range(levels - 1):
            n = 0
            while n < len(entries):
                key = keys[n][c]
                end = n + 1
                if key is not None:
                    while end < len(entries) and keys[end][c] == key:
                        end += 1
                    runs[n][c] = end - n
                n = end
        for n, entry in enumerate(entries):
            cells: list[Cell] = []
            names = entry.names
            depth = len(names)
            for c in range(levels):
                if c < levels - 1 and depth >= c + 2:
                    if runs[n][c]:
                        group = entry.path[: c + 1]
                        cells.append(
                            Cell(
                                names[c],
                                rowspan=runs[n][c],
                                repeat=True,
                                field="levels",
                                path=group,
                            )
                        )
                    continue
                if depth == c + 1 and c < levels - 1:
                    own: Align = "left" if entry.leaf or entry.not_applicable else "center"
                    cells.append(
                        Cell(
                            names[c],
                            colspan=levels - c,
                            align=own,
                            field="levels",
                            path=entry.path,
                        )
                    )
                    break
                joined = JOIN.join(names[levels - 1 :])
                cells.append(Cell(joined, align="left", field="levels", path=entry.path))
                break
            for field in self.fields[levels:]:
                cell = self._value(field, entry)
                cell.field = field  # a new cell: the field it shows
                cells.append(cell)
            grid.rows.append(Row(tuple(cells), path=entry.path, block="indicators"))
        if entries and grid.rows:
            grid.rows[-1] = attrs.evolve(grid.rows[-1], keep_with_next=True)

    def _value(self, field: str, entry: _Entry) -> Cell:
        leaf = entry.leaf
        if leaf is not None:
            return self._leaf_value(field, leaf)
        if entry.not_applicable:
            ind = entry.indicator
            assert ind is not None
            na = fields.fill(self.block.not_applicable, self.facts)
            if field in ("weight", "score"):
                return Cell(na)
            if field == "target":
                return Cell(clean(ind.target).strip())
            if field == "actual":
                return Cell(clean(ind.actual).strip())
            if field in ("basis", "description"):
                return Cell(clean(getattr(ind, field)).strip(), align="left")
            return Cell()
        group = entry.group
        if field == "weight" and group is not None:
            return _number(group.weight)
        if field == "score" and group is not None:
            return _number(group.score)
        return Cell(align="left") if field in ("basis", "description", "standard") else Cell()

    def _leaf_value(self, field: str, leaf: LeafScore) -> Cell:
        ind = leaf.indicator
        if field == "target":
            return Cell(clean(leaf.target_text).strip())
        if field == "actual":
            return Cell(clean(leaf.actual_text).strip())
        if field == "weight":
            return _number(leaf.weight)
        if field == "score":
            return _number(leaf.score)
        if field == "basis":
            return Cell(clean(ind.basis).strip(), align="left")
        if field == "description":
            return Cell(clean(ind.description).strip(), align="left")
        if field == "standard":
            return Cell(notes.standard(leaf, self.settings), align="left")
        comparator, value, unit = target_columns(leaf)
        return Cell({"comparator": comparator, "value": value, "unit": unit}[field])


def _with_slots(
    children: list[Indicator], slots: Sequence[tuple[str | None, Indicator]]
) -> list[Indicator]:
    """``children`` with the framework's empty slots put back, each after the sibling it
    follows in the framework (or first)."""
    if not slots:
        return children
    out = list(children)
    for previous, slot in slots:
        names = [c.name for c in out]
        at = names.index(previous) + 1 if previous in names else 0
        out.insert(at, slot)
    return out


def _kind(field: str, column: int, levels: int) -> ColumnKind:
    if field == "levels":
        return "name" if column == levels - 1 else "label"
    if field in ("comparator", "unit"):
        return "short"
    if field in ("weight", "score"):
        return "number"
    if field in ("basis", "description", "standard"):
        return "text"
    return "value"


def target_columns(leaf: LeafScore) -> tuple[str, str, str]:
    """The target split into 指标性质 | 指标值 | 度量单位: as written in the leaf's own columns
    (``comparator``, ``unit``), or read from the target (``≥95%`` → ``≥``, ``95``, ``%``)."""
    ind = leaf.indicator
    target = clean(ind.target).strip()
    if ind.comparator or ind.unit:
        return clean(ind.comparator).strip(), target, clean(ind.unit).strip()
    value = target_value(ind)
    if value is None or value.kind is not ValueKind.NUMBER:
        return "", target, ""
    comparator = {">=": "≥", "<=": "≤"}.get(value.comparator or "", value.comparator or "")
    number = format_value(attrs.evolve(value, comparator=None, unit="")).strip()
    return comparator, number, value.unit


def _total_block(
    block: BlockSpec,
    grid: _Grid,
    card: Scorecard,
    indicators: _Indicators,
    facts: dict[str, str | None],
) -> None:
    columns = (["side"] if indicators.side else []) + indicators.fields
    first = next((i for i, f in enumerate(columns) if f in ("weight", "score")), len(columns))
    cells = [Cell(fields.fill(block.label, facts), colspan=max(first, 1), style="total")]
    for field in columns[max(first, 1) :]:
        if field == "weight":
            cells.append(_number(card.max, "total", field))
        elif field == "score":
            cells.append(_number(card.total, "total", field))
        else:
            cells.append(Cell(style="total", field=field))
    grid.rows.append(Row(tuple(cells), keep_with_next=True, block="total"))


def _detail_block(grid: _Grid, card: Scorecard) -> None:
    kinds: tuple[ColumnKind, ...] = (
        "name",
        "value",
        "value",
        "number",
        "number",
        "number",
        "value",
        "text",
    )
    for c, kind in enumerate(kinds):
        grid.kind(c, kind)
    grid.rows.append(
        Row(tuple(Cell(h, style="head") for h in DETAIL_COLUMNS), header=True, block="detail")
    )
    for leaf in card.leaves:
        result = leaf.result
        differs = result.score is not None and leaf.score is not None and result.score != leaf.score
        cells = (
            Cell(clean(PATH_SEPARATOR.join(leaf.path)), align="left"),
            Cell(clean(leaf.target_text), align="left"),
            Cell(clean(leaf.actual_text), align="left"),
            _number(leaf.weight),
            _number(leaf.score),
            _number(result.score),
            Cell(notes.rule_label(leaf), align="left"),
            Cell(clean(notes.note_text(leaf)), align="left"),
        )
        grid.rows.append(Row(cells, path=leaf.path, block="detail", highlight=differs))
