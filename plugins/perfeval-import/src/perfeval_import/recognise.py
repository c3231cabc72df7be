"""Finding a form's blocks in a document by their labels: the header fields, the budget block,
the goal, the indicator grid, the total, the narrative — whatever the file format and however
the merges were stored.

The document is read in order (sheets; tables and paragraphs; pages and lines). A row whose
cells are labels of the indicator grid (一级指标 / 二级指标 / 三级指标, 年度指标值 …) starts a
grid, read row by row up to its total; a row of budget columns (年初预算数 / 全年预算数 …)
starts the budget block; any other labelled cell is a header field, whose value is the cell
after it (or, in a row of labels, the cell under it). A title, a second 项目名称, a new sheet
after a grid: a new project. Every value keeps the place it was read from; every step that
is not certain becomes a finding with that place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from .errors import ReadError
from .found import Budget, Found, Row, Section, Value
from .grid import Document, Location, Table, TextLine
from .labels import Vocabulary, compact, is_grade_line, title_kind
from .normalize import (
    amount_unit,
    free_text,
    is_placeholder,
    name_text,
    normalize_text,
    number_text,
    parse_number,
    recover_code,
    split_points,
)

LEVELS = ("level1", "level2", "level3", "level4")
_LEVEL_SET = frozenset(LEVELS)
#: The values of the grid's columns read as text (the others are numbers).
_TEXT_FIELDS = ("target", "comparator", "nature", "kind", "unit", "actual", "basis", "description")
_NARRATIVE_TITLES = ("情况表", "自评报告", "评价报告")
_YEAR_LINE = re.compile(r"[(（]?\s*(\d{4})\s*年?度?\s*[)）]?")
_YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年度?")
_HEADING = re.compile(r"[一二三四五六七八九十]+、[^\s。，,；;：:]{1,20}")
_SUBHEADING = re.compile(r"[（(][一二三四五六七八九十]+[）)]\s*[^\s。，,；;：:]{1,20}")
_SENTENCE_END = "。！？；：”」）"
_GLUED = re.compile(r"^(?:三级)?指标\s*\d{1,2}\s*[:：.．、]?\s*(?=\S)")
#: Grid columns that say how a leaf is scored, not what it is: read, never imported.
_NOT_VALUES = frozenset({"note", "standard"})
_NONE_TEXT = frozenset({"", "/", "—", "——", "-", "--", "*", "无", "－", "—/—"})
_INSTRUCTION = re.compile(r"[(（]\s*\d+\s*字以内\s*[)）]\s*$")


class Recogniser:
    """Reads one document into the projects it holds (:meth:`run`)."""

    def __init__(
        self,
        document: Document,
        vocabulary: Vocabulary,
        *,
        worksheets: frozenset[str],
        extracted: bool,
    ) -> None:
        self.document = document
        self.v = vocabulary
        self.worksheets = worksheets
        self.extracted = extracted  # text from a PDF or a text extraction: repair CJK gaps
        self.found: list[Found] = []
        self.current: Found | None = None
        self.notes: list[tuple[str, Location | None, str]] = []
        self._field_line = _field_line_pattern(vocabulary)
        self._kinds: dict[str, object] = {}
        self._titles: dict[str, str | None] = {}

    # -- projects --------------------------------------------------------------------------------

    def run(self) -> list[Found]:
        for item in self._items():
            if isinstance(item, Table):
                self._table(item)
            else:
                self._line(item)
        self._close()
        return [f for f in self.found if f.rows or f.fields.get("project.name") or f.budget]

    def _items(self) -> Iterator[Table | TextLine]:
        if all(t.origin.sheet is not None for t in self.document.tables) and not self.document.text:
            yield from self.document.tables
        else:
            yield from self.document.blocks()

    def _new(self, location: Location) -> Found:
        self._close()
        self.current = Found(location, self.document.source)
        return self.current

    def _close(self) -> None:
        if self.current is not None and not self.current.empty:
            self.found.append(self.current)
        self.current = None

    def _project(self, location: Location) -> Found:
        return self.current if self.current is not None else self._new(location)

    def _title(self, kind: str, value: Value) -> None:
        cur = self.current
        if cur is not None and not cur.empty:
            same = (
                kind not in _NARRATIVE_TITLES
                and cur.narrative is not None
                and not cur.has_grid
                and kind not in cur.titles
            )
            if not same:
                cur = self._new(value.location)
        cur = self._project(value.location)
        cur.titles.append(kind)
        cur.labels.add(compact(value.text))
        cur.in_narrative = kind in _NARRATIVE_TITLES
        if kind in _NARRATIVE_TITLES:
            cur.narrative = "自评报告" if kind != "情况表" else "情况表"
            if kind != "情况表" and compact(value.text) not in self.v.titles:
                cur.report_title = value
        if cur.title is None:
            cur.title = value
        year = _YEAR_IN_TITLE.search(value.text)
        if year and "project.year" not in cur.fields:
            cur.fields["project.year"] = Value(year.group(1), value.location)

    def _set_field(self, key: str, value: Value) -> None:
        cur = self._project(value.location)
        if key == "project.year":
            year = re.search(r"(19|20)\d\d", value.text)
            value = Value(year.group(0) if year else value.text, value.location, value.raw)
        if key == "project.name":
            name = cur.fields.get("project.name")
            if name is not None and name.text and name.text != value.text or cur.grid_done:
                cur = self._new(value.location)
        old = cur.fields.get(key)
        if old is not None and old.text and value.text and old.text != value.text:
            cur.note(
                f"{key} {value.text!r} differs from {old.text!r} read at {old.location}: "
                "the first is kept",
                value.location,
                "skipped",
            )
            return
        if old is None or not old.text:
            cur.fields[key] = value

    # -- text lines ------------------------------------------------------------------------------

    def _line(self, line: TextLine) -> None:
        text, raw = line.text, line.raw
        if not text:
            return
        kind = title_kind(text)
        if kind is not None and "\t" not in text and not self._field_line.match(raw.strip()):
            self._title(kind, Value(name_text(raw, text), line.location, raw))
            return
        cur = self.current
        if cur is not None and cur.in_narrative and cur.sections:
            self._narrative(raw, line.location)
            return
        if is_grade_line(text):
            return
        year = _YEAR_LINE.fullmatch(text)
        if year and cur is not None:
            cur.fields.setdefault("project.year", Value(year.group(1), line.location))
            return
        if self._fields_in_line(raw, line.location):
            return
        if cur is not None and compact(text) in self.v.sides:
            cur.labels.add(compact(text))
            return
        if cur is not None and cur.in_narrative:
            self._narrative(raw, line.location)
            return
        self.notes.append((f"text outside a form skipped: {text[:30]!r}", line.location, "skipped"))

    def _title_kind(self, text: str) -> str | None:
        found = self._titles.get(text, _MISSING)
        if found is _MISSING:
            found = self._titles[text] = title_kind(text)
        return found  # type: ignore[return-value]

    def _starts_field(self, raw: str) -> bool:
        key = "\0" + raw
        found = self._kinds.get(key, _MISSING)
        if found is _MISSING:
            found = self._kinds[key] = bool(self._field_line.match(raw.strip()))
        return bool(found)

    def _fields_in_line(self, raw: str, location: Location) -> bool:
        """``项目名称：某项目　主管部门：某局`` — the fields of a line (or a cell); False when the
        line does not start with a field's label."""
        text = raw.strip()
        if not self._field_line.match(text):
            return False
        parts = self._field_line.split(text)
        # ["", label, value, label, value, …]
        for label, value in zip(parts[1::2], parts[2::2], strict=False):
            key = self.v.field(label)
            if key is None:
                continue
            cleaned = (
                free_text(value.strip(), value.strip(), extracted=self.extracted)
                if key.startswith(("goal.", "section:", "project.content"))
                else name_text(value.strip(), normalize_text(value))
            )
            if self.current is not None:
                self.current.labels.add(compact(label))
            self._field(key, Value(cleaned, location, value))
        return True

    def _field(self, key: str, value: Value) -> None:
        if key == "signature":
            return
        if key == "project.period":
            for part, sub in zip(
                re.split(r"\s*(?:至|到|—|-|~|～)\s*", value.text), ("start", "end"), strict=False
            ):
                if part:
                    self._set_field(f"project.{sub}", Value(part, value.location, value.raw))
            return
        if key.startswith("section:") and _INSTRUCTION.search(value.text):
            self._project(value.location).note(
                f"the form's instruction in {key[8:]} left out: {value.text[:24]!r}…",
                value.location,
                "skipped",
            )
            value = Value("", value.location, value.raw)
        if key in ("goal.target", "goal.actual") and _INSTRUCTION.search(value.text):
            self._project(value.location).note(
                f"the form's instruction left out: {value.text[:24]!r}…", value.location, "skipped"
            )
            value = Value("", value.location, value.raw)
        self._set_field(key, value)

    def _narrative(self, raw: str, location: Location) -> None:
        cur = self.current
        assert cur is not None
        line = free_text(raw, raw, extracted=self.extracted)
        if _HEADING.fullmatch(line):
            cur.sections.append(Section(Value(line, location)))
            return
        if not cur.sections:
            cur.note(f"text before the first heading skipped: {line[:30]!r}", location, "skipped")
            return
        section = cur.sections[-1]
        if _SUBHEADING.fullmatch(line):
            section.sections.append(Section(Value(line, location)))
            return
        paragraphs = (section.sections[-1] if section.sections else section).paragraphs
        if self.extracted and paragraphs and not paragraphs[-1].endswith(tuple(_SENTENCE_END)):
            paragraphs[-1] += line  # a paragraph a page break split
        else:
            paragraphs.append(line)

    # -- tables ----------------------------------------------------------------------------------

    def _table(self, table: Table) -> None:
        if table.name in self.worksheets and table.origin.sheet is not None:
            self.notes.append(
                (
                    f"sheet {table.name!r} is a worksheet of perfeval's own (计分明细): skipped",
                    table.origin,
                    "skipped",
                )
            )
            return
        if table.hidden:
            filled = sum(1 for row in table.texts if any(row))
            self.notes.append(
                (f"hidden sheet {table.name!r} skipped ({filled} rows)", table.origin, "skipped")
            )
            return
        if self.current is not None and self.current.has_grid and table.origin.sheet is not None:
            self._close()
        if self.current is not None:
            self.current.in_narrative = False
        view = _View(table)
        r = 0
        while r < table.height:
            r = self._row(view, r)

    def _row(self, view: _View, r: int) -> int:
        texts = view.table.texts[r]
        if not any(texts) and not view.cover:
            return r + 1
        grid_column, budget_column = self.v.grid_column, self.v.budget_column
        if any(grid_column(t) in _LEVEL_SET for t in texts if t):
            grid = self._grid_header(view, r, view.cells(r))
            if grid is not None:
                return self._grid(view, grid)
        cells = view.cells(r)
        if not cells:
            return r + 1
        if sum(
            1 for t in texts if t and budget_column(t) is not None
        ) >= 2 and self._is_budget_header(cells):
            return self._budget(view, r, cells)
        self._fields_row(view, r, cells)
        return r + 1

    def _fields_row(self, view: _View, r: int, cells: list[_Cell]) -> None:
        cells = _collapse(cells)
        labels = [self._label_kind(c.text) for c in cells]
        label_row = all(kind is not None for kind in labels)
        for i, cell in enumerate(cells):
            text = cell.text
            kind = labels[i]
            if kind is None:
                if i == 0 or labels[i - 1] is None:
                    kind_of_title = self._title_kind(text)
                    if kind_of_title and len(cells) <= 2:
                        self._title(
                            kind_of_title,
                            Value(name_text(cell.raw, text), view.loc(cell.r, cell.c), cell.raw),
                        )
                        continue
                    year = _YEAR_LINE.fullmatch(text)
                    if year and self.current is not None and len(cells) == 1:
                        self.current.fields.setdefault(
                            "project.year", Value(year.group(1), view.loc(cell.r, cell.c))
                        )
                        continue
                    if (
                        isinstance(cell.raw, str)
                        and self._starts_field(cell.raw)
                        and self._fields_in_line(cell.raw, view.loc(cell.r, cell.c))
                    ):
                        continue
                    if i == 0 and self.v.is_total(text):
                        continue
                continue
            cur = self._project(view.loc(cell.r, cell.c))
            cur.labels.add(compact(text))
            if kind.startswith("side:") or kind == "budget-row":
                if kind == "budget-row":
                    self._budget_line(view, r, cells, i)
                    return
                if kind == "side:budget":
                    self._budget_unit(cell, view)
                continue
            value = None
            right = view.right(cell)
            if right is not None and not right.text and not view.table.spans_known:
                # no merges known (text, .ods, a CSV saved from a form): the value of a merged
                # cell sits further right, after the blanks the merge left
                right = next((c for c in cells[i + 1 :] if c.text), None)
            if right is not None and right.text and self._label_kind(right.text) is None:
                value = right
            elif label_row and (right is None or right.text):
                value = view.below(cell)  # a row of labels over a row of values
                if value is not None and self._label_kind(value.text) is not None:
                    value = None
            self._field(
                kind,
                self._value(kind, value, view)
                if value is not None
                else Value("", view.loc(cell.r, cell.c)),
            )

    def _label_kind(self, text: str) -> str | None:
        """What a cell's text is as a label: a field (``project.name`` …), ``side:goal`` … for
        a label over a block, ``budget-row`` for a row of the budget, or None (a value)."""
        found = self._kinds.get(text, _MISSING)
        if found is _MISSING:
            found = self._kinds[text] = self._kind_of(text)
        return found  # type: ignore[return-value]

    def _kind_of(self, text: str) -> str | None:
        if not text or len(text) > 40:
            return None
        field = self.v.field(text)
        if field is not None:
            return field
        side = self.v.side(text)
        if side is not None:
            return f"side:{side}"
        if self.v.budget_row(text) in ("total", "fiscal") and compact(text) in self.v.budget_rows:
            return "budget-row"
        return None

    def _value(self, key: str, cell: _Cell, view: _View) -> Value:
        location = view.loc(cell.r, cell.c)
        if key == "project.code":
            code, exact = recover_code(
                cell.raw
                if isinstance(cell.raw, int | float) and not isinstance(cell.raw, bool)
                else cell.text
            )
            if not exact:
                self._project(location).note(
                    f"项目编码 is stored as a number ({cell.raw!r}): a number keeps 15 digits, so "
                    f"the code reads {code} with its last digits unknown; type it in as text",
                    location,
                    "inferred",
                )
            return Value(code, location, cell.raw)
        if key.startswith(("goal.", "section:", "project.content")):
            return Value(
                free_text(cell.raw, cell.text, extracted=self.extracted), location, cell.raw
            )
        return Value(name_text(cell.raw, cell.text), location, cell.raw)

    # -- the budget block --------------------------------------------------------------------------

    def _is_budget_header(self, cells: list[_Cell]) -> bool:
        found = {self.v.budget_column(c.text) for c in cells} - {None}
        return len(found & {"initial", "adjusted", "executed", "received", "rate"}) >= 2

    def _budget_unit(self, cell: _Cell, view: _View) -> None:
        cur = self._project(view.loc(cell.r, cell.c))
        unit = amount_unit(cell.text)
        if cur.budget is None:
            cur.budget = Budget(view.loc(cell.r, cell.c))
        if unit and cur.budget.unit is None:
            cur.budget.unit = Value(unit, view.loc(cell.r, cell.c))

    def _budget(self, view: _View, r: int, cells: list[_Cell]) -> int:
        cur = self._project(view.loc(r, cells[0].c))
        budget = (
            cur.budget
            if cur.budget is not None and not cur.budget.lines
            else Budget(view.loc(r, cells[0].c))
        )
        cur.budget = budget
        columns: dict[int, str] = {}
        first_figure = None
        for cell in cells:
            cur.labels.add(compact(cell.text))
            field = self.v.budget_column(cell.text)
            if field is not None:
                for c in range(cell.c, cell.c + cell.cols):
                    columns.setdefault(c, field)
                first_figure = cell.c if first_figure is None else first_figure
            elif self._label_kind(cell.text) == "side:budget" or (
                budget.unit is None and amount_unit(cell.text)
            ):
                self._budget_unit(cell, view)
        budget.columns = tuple(dict.fromkeys(columns.values()))
        assert first_figure is not None
        end = r + 1
        while end < view.table.height:
            row = view.cells(end)
            label_cells = [
                c
                for c in row
                if c.c < first_figure
                and c.c + c.cols <= first_figure
                and self.v.side(c.text) != "budget"
            ]
            label = "".join(c.text for c in label_cells if c.r == end or c.text)
            source = self.v.budget_row(label) if label else None
            if source is None:
                if not row or all(not c.text for c in row):
                    end += 1
                    continue
                break
            for label_cell in label_cells:
                cur.labels.add(compact(label_cell.text))
            line = budget.lines.setdefault(source, {})
            for cell in row:
                field = columns.get(cell.c)
                if field is None or cell.r != end and field != "reason":
                    continue
                value = Value(cell.text, view.loc(cell.r, cell.c), cell.raw)
                if field == "reason":
                    if source == "total" and budget.reason is None:
                        budget.reason = Value(
                            free_text(cell.raw, cell.text, extracted=self.extracted),
                            value.location,
                            cell.raw,
                        )
                    continue
                line.setdefault(field, value)
            end += 1
        return end

    def _budget_line(self, view: _View, r: int, cells: list[_Cell], i: int) -> None:
        """A budget row without a header row of columns (a 申报表's 资金情况: 年度资金总额 |
        1250000): its first number is the year's amount."""
        cur = self._project(view.loc(r, cells[i].c))
        if cur.budget is None:
            cur.budget = Budget(view.loc(r, cells[i].c))
        source = self.v.budget_row(cells[i].text)
        assert source is not None
        for cell in cells[i + 1 :]:
            if _number(cell) is not None:
                cur.budget.lines.setdefault(source, {}).setdefault(
                    "amount", Value(cell.text, view.loc(cell.r, cell.c), cell.raw)
                )
                break
        # the rows after it that are budget rows too
        end = r + 1
        while end < view.table.height:
            row = [c for c in view.cells(end) if c.r == end]
            labelled = [k for k, c in enumerate(row) if self.v.budget_row(c.text)]
            if not labelled:
                break
            k = labelled[0]
            source = self.v.budget_row(row[k].text)
            assert source is not None
            for cell in row[k + 1 :]:
                if _number(cell) is not None:
                    cur.budget.lines.setdefault(source, {}).setdefault(
                        "amount", Value(cell.text, view.loc(cell.r, cell.c), cell.raw)
                    )
                    break
            view.consumed.add(end)
            end += 1

    # -- the indicator grid ----------------------------------------------------------------------

    def _grid_header(self, view: _View, r: int, cells: list[_Cell]) -> _Grid | None:
        meanings = [self.v.grid_column(c.text) for c in cells]
        levels = sum(1 for m in meanings if m in _LEVEL_SET)
        others = sum(1 for m in meanings if m is not None and m not in _LEVEL_SET)
        if levels == 0 or levels + others < 3:
            return None
        band = [r]
        if r > 0:
            above = view.cells(r - 1)
            if (
                above
                and any(self.v.grid_column(c.text) not in (None, *LEVELS) for c in above)
                and all(
                    self.v.grid_column(c.text) is not None or self.v.side(c.text) == "grid"
                    for c in above
                    if c.r == r - 1
                )
            ):
                band.insert(0, r - 1)
        if r + 1 < view.table.height:
            below = [c for c in view.cells(r + 1) if c.r == r + 1]
            if (
                below
                and sum(1 for c in below if self.v.grid_column(c.text) is not None) >= 2
                and all(self.v.grid_column(c.text) is not None for c in below)
            ):
                band.append(r + 1)
        columns: dict[int, str] = {}
        side: set[int] = set()
        cur = self._project(view.loc(r, cells[0].c))
        for b in band:
            for cell in view.cells(b):
                key = compact(cell.text)
                if key:
                    cur.labels.add(key)
                meaning = self.v.grid_column(cell.text)
                if (
                    meaning is None
                    and self.v.side(cell.text) == "grid"
                    and cell.rows > len(band) - band.index(cell.r if cell.r in band else b)
                ):
                    side.add(cell.c)
                    continue
                if meaning is None:
                    continue
                if cell.cols > 1 and meaning not in _LEVEL_SET and b != band[-1]:
                    continue  # a heading over columns that have their own labels below
                for c in range(cell.c, cell.c + cell.cols):
                    if meaning in _LEVEL_SET and cell.cols > 1 and c != cell.c:
                        continue
                    columns[c] = meaning  # the lower row's label wins
        for c, cell_text in ((c.c, c.text) for c in view.cells(band[0])):
            if self.v.side(cell_text) == "grid" and c not in columns:
                side.add(c)
        if not any(m in _LEVEL_SET for m in columns.values()):
            return None
        seen: dict[str, int] = {}
        for c in sorted(columns):
            meaning = columns[c]
            if meaning in seen:
                cur.note(
                    f"a second {meaning} column ({view.loc(r, c)}) is not read",
                    view.loc(r, c),
                    "skipped",
                )
                del columns[c]
            else:
                seen[meaning] = c
        unknown = [
            c
            for c in view.cells(band[-1])
            if c.text
            and c.c not in columns
            and c.c not in side
            and self.v.grid_column(c.text) is None
            and self.v.side(c.text) != "grid"
        ]
        for cell in unknown:
            cur.note(
                f"column {cell.text!r} is not a column perfeval reads: left out",
                view.loc(cell.r, cell.c),
                "skipped",
            )
        return _Grid(band, columns, side)

    def _grid(self, view: _View, grid: _Grid) -> int:
        location = view.loc(grid.band[0], 0)
        cur = self._project(location)
        fields = tuple(grid.columns[c] for c in sorted(grid.columns))
        if cur.has_grid and not cur.grid_done and fields == cur.columns:
            pass  # the grid goes on in a table of its own (a page of a Word document)
        elif cur.grid_done or cur.has_grid:
            cur = self._new(location)
        cur.columns = fields
        levels = [c for c in sorted(grid.columns) if grid.columns[c] in _LEVEL_SET]
        values = [(c, m) for c, m in sorted(grid.columns.items()) if m not in _LEVEL_SET]
        headers = {tuple(view.table.texts[b]) for b in grid.band}
        text_table = not view.table.spans_known and view.table.origin.sheet is None
        previous: list[Value | None] = [None] * len(levels)
        table = view.table
        all_texts, cover, side = table.texts, view.cover, grid.side
        grid_column, is_total = self.v.grid_column, self.v.is_total
        r = grid.band[-1] + 1
        while r < table.height:
            texts = all_texts[r]
            if r in view.consumed or not any(texts):
                r += 1
                continue
            if texts in headers or (
                any(grid_column(t) in _LEVEL_SET for t in texts if t)
                and self._grid_header(view, r, view.cells(r)) is not None
            ):
                cur.note(
                    "the grid's header repeated (a page break): skipped", view.row_loc(r), "skipped"
                )
                r += 1
                continue
            lead = first = ""
            for c, text in enumerate(texts):
                if not text:
                    continue
                entry = cover.get((r, c))
                if entry is not None and entry[0] != r:
                    continue
                if not lead:
                    lead = text
                if c not in side:
                    first = text
                    break
            if not lead and not cover:
                r += 1
                continue
            if lead and is_total(lead) or first and is_total(first):
                self._total(view, r, view.cells(r), grid, cur)
                cur.grid_done = True
                r += 1
                break
            if first and self._ends_grid(first):
                cur.grid_done = True
                break
            if text_table:
                parsed = self._text_row(view, r, grid, levels, previous)
            else:
                parsed = self._spanned_row(
                    view, r, levels, values, None if view.table.spans_known else previous
                )
            if parsed is not None:
                cur.rows.append(parsed)
            r += 1
        return r

    def _ends_grid(self, text: str) -> bool:
        kind = self._label_kind(text)
        # not a label over a block: a 一级 may be called 预算执行情况
        return (
            kind is not None
            and (kind.startswith(("section:", "project.")) or kind == "signature")
            or bool(self._title_kind(text))
        )

    def _total(self, view: _View, r: int, row: list[_Cell], grid: _Grid, cur: Found) -> None:
        for cell in row:
            meaning = grid.columns.get(cell.c)
            if cell.r != r or not cell.text:
                continue
            if meaning == "score":
                cur.total = Value(cell.text, view.loc(r, cell.c), cell.raw)
            elif meaning == "weight":
                cur.max = Value(cell.text, view.loc(r, cell.c), cell.raw)
        numbers = [c for c in row if c.r == r and _number(c) is not None]
        if cur.total is None and len(numbers) >= 2 and "score" not in grid.columns.values():
            cur.max = Value(numbers[-2].text, view.loc(r, numbers[-2].c), numbers[-2].raw)
        if (
            cur.total is None
            and cur.max is None
            and numbers
            and grid.columns.get(numbers[-1].c) is None
        ):
            cur.total = Value(numbers[-1].text, view.loc(r, numbers[-1].c), numbers[-1].raw)

    def _spanned_row(
        self,
        view: _View,
        r: int,
        levels: list[int],
        columns: list[tuple[int, str]],
        previous: list[Value | None] | None,
    ) -> Row | None:
        """A row of a table whose merges are known (a workbook, a Word or PDF table): each
        level's name is the text of the cell covering it; with ``previous`` (an .ods, whose
        merges are not known), an empty group cell takes the name above it."""
        table = view.table
        all_texts, all_raws, cover = table.texts, table.raws, view.cover
        names: list[Value] = []
        own: list[bool] = []
        depth: list[int] = []
        seen: set[tuple[int, int]] = set()
        last = len(levels) - 1
        for k, c in enumerate(levels):
            entry = cover.get((r, c))
            top, left = (r, c) if entry is None else (entry[0], entry[1])
            if (top, left) in seen:
                continue
            seen.add((top, left))
            text = all_texts[top][left]
            if not text and k < last:
                above = previous[k] if previous is not None else None
                if above is not None:
                    names.append(above)  # no merges known (.ods): the name above goes on
                    own.append(False)
                    depth.append(k)
                continue  # no group at this level (a leaf under its 一级)
            value = Value(
                name_text(all_raws[top][left], text), view.loc(top, left), all_raws[top][left]
            )
            if previous is not None and text:
                previous[k] = value
            names.append(value)
            own.append(top == r)
            depth.append(k)
        unnamed = False  # the last level's cell of its own is empty: the leaf has no name
        while names and not names[-1].text:
            unnamed = unnamed or (own[-1] and depth[-1] == len(levels) - 1)
            names.pop()
            own.pop()
            depth.pop()
        if not names:
            return None
        texts, raws = all_texts[r], all_raws[r]
        values: dict[str, Value] = {}
        for c, meaning in columns:
            text = texts[c]
            if not text:
                continue
            entry = cover.get((r, c))
            if entry is not None and (entry[0] != r or entry[1] != c):
                continue
            values[meaning] = self._cell_value(meaning, raws[c], text, view.loc(r, c))
        return self._row_of(
            names, own, depth, len(levels), values, view.row_loc(r), unnamed=unnamed
        )

    def _text_row(
        self, view: _View, r: int, grid: _Grid, levels: list[int], previous: list[Value | None]
    ) -> Row | None:
        """A row of tab-separated text: a merged cell is written on its first row only, and
        an extraction may shift a row's cells (a blank cell lost). The row is aligned on its
        numbers — the weight and the score — and its names are right-aligned to the levels."""
        texts = view.table.texts[r]
        raws = view.table.raws[r]
        shift = 0
        weight_c = next((c for c, m in grid.columns.items() if m == "weight"), None)
        score_c = next((c for c, m in grid.columns.items() if m == "score"), None)
        if weight_c is not None and score_c == weight_c + 1:
            pair = _numeric_pair(texts)
            if pair is not None:
                shift = weight_c - pair
        first_value = min(
            (c for c, m in grid.columns.items() if m not in _LEVEL_SET), default=len(texts) + shift
        )
        cells = {i + shift: (texts[i], raws[i], i) for i in range(len(texts))}
        name_cells = [cells[c] for c in sorted(cells) if c < first_value and cells[c][0]]
        values: dict[str, Value] = {}
        after_score: list[tuple[str, object, int]] = []
        for c in sorted(cells):
            if c < first_value:
                continue
            text, raw, i = cells[c]
            meaning = grid.columns.get(c)
            if meaning is None or meaning in _LEVEL_SET:
                if text and score_c is not None and c > score_c:
                    after_score.append((text, raw, i))
                continue
            if text:
                values[meaning] = self._cell_value(meaning, raw, text, view.loc(r, i))
        if after_score:
            if "basis" in values or len(after_score) > 1:
                self._project(view.row_loc(r)).note(
                    "cells after the reason column left out",
                    view.loc(r, after_score[0][2]),
                    "skipped",
                )
            else:
                text, raw, i = after_score[0]
                values["basis"] = self._cell_value("basis", raw, text, view.loc(r, i))
        if len(name_cells) > len(levels):
            raise ReadError(
                self.document.source,
                f"{view.row_loc(r)}: a row with {len(name_cells)} indicator names for "
                f"{len(levels)} levels",
                "check the row's cells (tab-separated): a "
                "target or a value may have gone into a name's column",
            )
        start = len(levels) - len(name_cells)
        if not name_cells and not values:
            return None
        if start > 0 and any(previous[k] is None for k in range(start)):
            self._project(view.row_loc(r)).note(
                "a row whose groups are not named above it: skipped", view.row_loc(r), "skipped"
            )
            return None
        names: list[Value] = [previous[k] for k in range(start)]  # type: ignore[misc]
        names += [Value(name_text(raw, text), view.loc(r, i), raw) for text, raw, i in name_cells]
        for k, value in enumerate(names):
            previous[k] = value
        own = [k >= start for k in range(len(names))]
        return self._row_of(
            names, own, list(range(len(names))), len(levels), values, view.row_loc(r)
        )

    def _cell_value(self, meaning: str, raw: object, text: str, location: Location) -> Value:
        if meaning in ("basis", "description"):
            return Value(free_text(raw, text, extracted=self.extracted), location, raw)
        if meaning in _TEXT_FIELDS:
            return Value(name_text(raw, text), location, raw)
        return Value(text, location, raw)

    def _row_of(
        self,
        names: list[Value],
        own: list[bool],
        depth: list[int],
        levels: int,
        values: dict[str, Value],
        location: Location,
        *,
        unnamed: bool = False,
    ) -> Row | None:
        """A grid row from its names (``own``: written in this row, not inherited from a
        merge above; ``depth``: the level column each is in) and values: a leaf, an empty
        group (a slot), or nothing (a placeholder or an empty row, noted)."""
        cur = self.current
        assert cur is not None
        filled: dict[str, Value] = {}
        for key, value in values.items():
            if not value.text or key in _NOT_VALUES:
                continue
            if key == "basis" and value.text in _NONE_TEXT | {"0"}:
                cur.note(
                    f"{value.text!r} in the reason column read as none", value.location, "skipped"
                )
                continue
            if key not in ("weight", "score") and value.text in _NONE_TEXT:
                continue
            filled[key] = value
        clean: list[Value] = []
        points: list[Decimal | None] = []
        for value in names:
            pts = _points(value.text)
            clean.append(
                value if pts is None else Value(_points_name(value.text), value.location, value.raw)
            )
            points.append(pts)
        if not filled:
            for i in range(len(clean) - 1, -1, -1):
                text = clean[i].text
                if not own[i] or not text or _placeholder(text):
                    continue
                if depth[i] < levels - 1 or i < len(clean) - 1:
                    return Row(clean[: i + 1], {}, location, slot=True, points=points[: i + 1])
                cur.note(f"{text!r} has no values: skipped", location, "skipped")
                return None
            placeholder = next((n.text for n in clean if n.text and _placeholder(n.text)), None)
            if placeholder:
                cur.note(f"placeholder row {placeholder!r} skipped", location, "skipped")
            return None
        if not own[-1] or unnamed:
            cur.note(
                "a row with values but no indicator name (三级指标) of its own: skipped",
                location,
                "skipped",
            )
            return None
        leaf = clean[-1]
        glued = _GLUED.match(leaf.text) if "指标" in leaf.text else None
        if _placeholder(leaf.text):
            cur.note(
                f"a row with values but no name ({leaf.text!r}): read as named so",
                leaf.location,
                "approximate",
            )
        elif glued:
            cur.note(
                f"the template's numbering {leaf.text[: glued.end()].strip()!r} left out "
                f"of {leaf.text!r}",
                leaf.location,
                "approximate",
            )
            clean[-1] = Value(leaf.text[glued.end() :].strip(), leaf.location, leaf.raw)
        return Row(clean, filled, location, points=points)


_MISSING = object()


class _Cell:
    """A grid position as the recogniser sees it: the text and raw value of the cell that
    covers it (the top-left one of a merge), where that cell starts and how far it spans."""

    __slots__ = ("c", "cols", "r", "raw", "rows", "text")

    def __init__(self, r: int, c: int, rows: int, cols: int, text: str, raw: object) -> None:
        self.r, self.c, self.rows, self.cols, self.text, self.raw = r, c, rows, cols, text, raw


class _View:
    """A table with its merges resolved: every position answers with the cell that covers it."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.cover: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for span in table.spans:
            entry = (span.top, span.left, span.rows, span.cols)
            for r in range(span.top, span.top + span.rows):
                for c in range(span.left, span.left + span.cols):
                    self.cover[(r, c)] = entry
        self.consumed: set[int] = set()
        self._rows: dict[int, list[_Cell]] = {}

    def texts(self, r: int) -> list[str]:
        return [cell.text for cell in self.cells(r)]

    def cell(self, r: int, c: int) -> _Cell:
        entry = self.cover.get((r, c))
        if entry is None:
            return _Cell(r, c, 1, 1, self.table.texts[r][c], self.table.raws[r][c])
        top, left, rows, cols = entry
        return _Cell(top, left, rows, cols, self.table.texts[top][left], self.table.raws[top][left])

    def cells(self, r: int) -> list[_Cell]:
        """The cells of row ``r`` left to right, a merged one once (empty ones left out)."""
        found = self._rows.get(r)
        if found is not None:
            return found
        texts = self.table.texts[r]
        out: list[_Cell] = []
        if not self.cover:
            raws = self.table.raws[r]
            out = [_Cell(r, c, 1, 1, t, raws[c]) for c, t in enumerate(texts) if t]
        else:
            c = 0
            width = len(texts)
            while c < width:
                cell = self.cell(r, c)
                if cell.text:
                    out.append(cell)
                c = cell.c + cell.cols if cell.c + cell.cols > c else c + 1
        if len(self._rows) > 64:
            self._rows.clear()
        self._rows[r] = out
        return out

    def right(self, cell: _Cell) -> _Cell | None:
        """The cell after ``cell`` in its row (empty or not), None at the row's end."""
        c = cell.c + cell.cols
        if c >= self.table.width:
            return None
        return self.cell(cell.r, c)

    def below(self, cell: _Cell) -> _Cell | None:
        r = cell.r + cell.rows
        if r >= self.table.height:
            return None
        found = self.cell(r, cell.c)
        return found if found.text else None

    def row_loc(self, r: int) -> Location:
        """Where row ``r`` is: its first cell in a workbook, its line in text (no column)."""
        p = self.table.row_locations[r]
        if p[0] is not None:
            return _new_location(Location, (p[0], p[1], p[2], p[3], p[4], p[5] or 0))
        return _new_location(Location, (p[0], p[1], p[2], p[3], p[4], None))

    def loc(self, r: int, c: int) -> Location:
        p = self.table.row_locations[r]
        return _new_location(Location, (p[0], p[1], p[2], p[3], p[4], (p[5] or 0) + c))


_new_location = tuple.__new__


class _Grid:
    """An indicator grid's header: its rows, the field of each column, the side label columns."""

    __slots__ = ("band", "columns", "side")

    def __init__(self, band: list[int], columns: dict[int, str], side: set[int]) -> None:
        self.band, self.columns, self.side = band, columns, side


_POINTS: dict[str, Decimal | None] = {}
_PLACEHOLDER: dict[str, bool] = {}


def _points(text: str) -> Decimal | None:
    """The points a name carries (产出指标（50分） → 50), worked out once per text."""
    found = _POINTS.get(text, _MISSING)
    if found is _MISSING:
        found = split_points(text)[1] if ("分" in text or "权重" in text) else None
        if len(_POINTS) < 100_000:
            _POINTS[text] = found
    return found  # type: ignore[return-value]


def _placeholder(text: str) -> bool:
    found = _PLACEHOLDER.get(text)
    if found is None:
        found = is_placeholder(text)
        if len(_PLACEHOLDER) < 100_000:
            _PLACEHOLDER[text] = found
    return found


def _collapse(cells: list[_Cell]) -> list[_Cell]:
    """A row's cells with a run of equal texts in cells of their own taken as one cell: a
    merge an export flattened across the columns (项目名称 | 项目名称 | 某项目 | 某项目 …)."""
    out: list[_Cell] = []
    for cell in cells:
        last = out[-1] if out else None
        if (
            last is not None
            and last.text == cell.text
            and last.rows == cell.rows == 1
            and last.c + last.cols == cell.c
        ):
            out[-1] = _Cell(last.r, last.c, 1, last.cols + cell.cols, last.text, last.raw)
        else:
            out.append(cell)
    return out


def _number(cell: _Cell) -> Decimal | None:
    raw = cell.raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return Decimal(number_text(raw))
    return parse_number(cell.text) if cell.text else None


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _numeric_pair(texts: tuple[str, ...]) -> int | None:
    """Index of the rightmost pair of adjacent numeric cells (weight, score)."""
    for i in range(len(texts) - 2, -1, -1):
        if _NUMBER.fullmatch(texts[i]) and _NUMBER.fullmatch(texts[i + 1]):
            return i
    return None


def _points_name(text: str) -> str:
    """The name without the points its label carries, as written: 产出指标（50分） → 产出指标."""
    found = re.match(r"^(.*?)\s*[(（\[【][^()（）\[\]【】]*\d[^()（）\[\]【】]*[)）\]】]\s*$", text)
    return found.group(1).strip() if found else text


def _field_line_pattern(vocabulary: Vocabulary) -> re.Pattern[str]:
    labels = sorted(
        (
            k
            for k in vocabulary.fields
            if len(k) >= 4 or k in ("项目名称", "主管部门", "实施单位", "填报单位")
        ),
        key=len,
        reverse=True,
    )
    alternatives = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"({alternatives})\s*(?:[(（][^)）]{{0,8}}[)）])?\s*[:：]")
