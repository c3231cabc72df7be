"""The batch summary workbook (汇总表): the roll-up of ``perfeval batch --summary OUT.xlsx``.

Sheets: 项目汇总 — one per framework (指标体系) when the batch mixes several, each with that
framework's 一级 in their order — then 等级分布 (with a native column chart), 单位平均,
文件清单 (each project's file and exported document, relative to where the command ran) and,
when files failed, 未能评分. Numbers are written as numbers and shown as perfeval shows them
everywhere (General: ``82``, ``98.15``; shares as ``0.0%``).

The workbook is written as the batch runs (:class:`WorkbookSummary`, a ``SummarySink``): each
row is measured for the column widths as it arrives and kept in a temporary file, so memory
stays flat however many projects there are; the workbook itself is written when the batch is
done, because its column widths, headers and title come from every row."""

from __future__ import annotations

import io
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any, BinaryIO

from perfeval_core import BatchResult, ExportError, Failure, ProjectRow, Rollup, format_number

from .text import INDENT as _INDENT
from .text import PADDING, count_lines, row_height, text_width

#: Sheet names of the summary (项目汇总 gets the framework's id when there are several).
SHEETS = ("项目汇总", "等级分布", "单位平均", "文件清单", "未能评分")
#: Excel's limit on a sheet name, and the characters it refuses in one.
_SHEET_NAME_MAX, _SHEET_NAME_BAD = 31, set("[]:*?/\\")
#: Creation date written into the summary, fixed so the bytes are reproducible.
_CREATED = (2000, 1, 1)


def write_summary(result: BatchResult, stream: BinaryIO) -> None:
    """Write the summary workbook of ``result`` to ``stream``."""
    stream.write(summary_xlsx(result))


def summary_xlsx(result: BatchResult) -> bytes:
    """The xlsx summary of a whole result (what :class:`WorkbookSummary` writes for it)."""
    buffer = io.BytesIO()
    sink = WorkbookSummary(buffer)
    for row in result.rows:
        sink.add(row)
    for failure in result.failures:
        sink.add_failure(failure)
    sink.close(result.rollup())
    return buffer.getvalue()


class _Widest:
    """The widest line of the texts of a column so far, for :func:`_width`."""

    __slots__ = ("widest",)

    def __init__(self, *texts: str) -> None:
        self.widest: float | None = None
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        for line in text.split("\n"):
            w = text_width(line)
            if self.widest is None or w > self.widest:
                self.widest = w

    def with_text(self, text: str) -> _Widest:
        """These texts and ``text`` (a column's header, known only at the end)."""
        both = _Widest(text)
        if self.widest is not None and (both.widest is None or self.widest > both.widest):
            both.widest = self.widest
        return both

    def width(self, low: float, high: float, indent: float = 0) -> float:
        """A column just wide enough for its longest line of text, within ``low``–``high``
        (as :func:`_width` of all the texts)."""
        if self.widest is None:
            return min(low, high)
        return min(max(low, self.widest + PADDING + 0.1 + indent), high)


class _Framework:
    """What the 项目汇总 sheet of one framework needs to know of all its rows before the first
    is written: their 一级 and points, and the widest text of each column."""

    def __init__(self) -> None:
        self.count = 0
        self.weights: dict[str, set[Decimal]] = {}
        self.counts: dict[str, int] = {}
        self.number, self.unit, self.project = _Widest("序号"), _Widest(), _Widest()
        self.year, self.total, self.max, self.grade = _Widest(), _Widest(), _Widest(), _Widest()
        self.scores: dict[str, _Widest] = {}

    def add(self, number: int, row: ProjectRow) -> None:
        self.count += 1
        for name, _, weight in row.levels:
            self.weights.setdefault(name, set()).add(weight)
            self.counts[name] = self.counts.get(name, 0) + 1
        self.number.add(str(number))
        self.unit.add(row.unit or "")
        self.project.add(row.project)
        self.year.add(_shown(row.year))
        # (a level a row lacks is an empty cell: no wider than any other)
        for name, score in {name: score for name, score, _ in row.levels}.items():
            self.scores.setdefault(name, _Widest()).add(_shown(score))
        self.total.add(_shown(row.total))
        self.max.add(_shown(row.max))
        self.grade.add(row.grade)

    def levels(self) -> list[tuple[str, Decimal | None]]:
        """The 一级 in their order, each with its points when every row gives it the same."""
        return [
            (name, next(iter(w)) if len(w) == 1 and self.counts[name] == self.count else None)
            for name, w in self.weights.items()
        ]


class WorkbookSummary:
    """The summary workbook written as the batch runs (a ``SummarySink``): rows and failures
    are measured as they arrive and kept in temporary files (one per framework, each read once
    for its 项目汇总 sheet, and the few texts of 文件清单); :meth:`close` writes the workbook to
    the stream."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self._spools: dict[str, IO[bytes]] = {}  # per framework: (序号, row)
        self._files: IO[bytes] = tempfile.TemporaryFile()  # (project, file, export)
        self._failures: IO[bytes] = tempfile.TemporaryFile()
        self._frameworks: dict[str, _Framework] = {}
        self._years: set[int | None] = set()
        self._rows = 0
        self._failed = 0
        self._exported = False
        self._file_project, self._file = _Widest("项目名称"), _Widest("文件")
        self._file_export, self._failure_file = _Widest("导出文件"), _Widest("文件")

    def add(self, row: ProjectRow) -> None:
        self._rows += 1
        framework = self._frameworks.get(row.framework)
        if framework is None:
            framework = self._frameworks[row.framework] = _Framework()
            self._spools[row.framework] = tempfile.TemporaryFile()
        framework.add(self._rows, row)
        self._years.add(row.year)
        self._exported = self._exported or bool(row.export)
        self._file_project.add(row.project)
        self._file.add(row.file)
        self._file_export.add(row.export or "")
        pickle.dump((self._rows, row), self._spools[row.framework], pickle.HIGHEST_PROTOCOL)
        pickle.dump((row.project, row.file, row.export), self._files, pickle.HIGHEST_PROTOCOL)

    def add_failure(self, failure: Failure) -> None:
        self._failed += 1
        self._failure_file.add(failure.file)
        pickle.dump(failure, self._failures, pickle.HIGHEST_PROTOCOL)

    def close(self, rollup: Rollup) -> None:
        try:
            self.stream.write(self._workbook(rollup))
        finally:
            for spool in (*self._spools.values(), self._files, self._failures):
                spool.close()

    def _each(self, spool: IO[bytes]) -> Iterator[Any]:
        spool.seek(0)
        while True:
            try:
                yield pickle.load(spool)
            except EOFError:
                return

    def _one_year(self) -> int | None:
        """The year of every project, when they share one."""
        years = self._years
        return next(iter(years)) if len(years) == 1 and None not in years else None

    def _title(self) -> str:
        """``2024 年项目支出绩效自评汇总表`` when every project is of one year, else a title
        without one."""
        year = self._one_year()
        return f"{year} 年项目支出绩效自评汇总表" if year is not None else "项目支出绩效评价汇总表"

    def _workbook(self, rollup: Rollup) -> bytes:
        """The xlsx summary: 项目汇总, 等级分布 (with a native column chart), 单位平均 and,
        when files failed, 未能评分. Text is written as text (never a formula), numbers as
        numbers, and the bytes are the same for the same rows.

        Every sheet is set up for printing: a title row, the header row repeated on every
        page, A4 landscape one page wide. Column widths and row heights are estimated from the
        text, because LibreOffice fits neither when it opens the file."""
        import datetime

        try:
            import xlsxwriter
        except ImportError:  # the plugin installed without its dependency
            raise ExportError(
                "the xlsx summary needs XlsxWriter, which is not installed",
                hint="pip install XlsxWriter (in a perfeval checkout: make setup)",
            ) from None

        buffer = io.BytesIO()
        # the default font is 宋体 as in the perfeval-xlsx exporter: column widths are counted
        # in the default font's digits, and the estimates below assume it (a fresh dict every
        # time: XlsxWriter writes into it)
        book = xlsxwriter.Workbook(
            buffer,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "default_format_properties": {"font_name": _FONT, "font_size": 11},
            },
        )
        book.set_properties(
            {
                "title": "绩效评价汇总",
                "author": "perfeval",
                "comments": "",
                "created": datetime.datetime(*_CREATED),
            }
        )
        f = _formats(book)
        title = self._title()
        names = _sheet_names(list(self._frameworks))
        for (framework, stats), name in zip(self._frameworks.items(), names, strict=True):
            rows = self._each(self._spools[framework])
            _projects_sheet(
                book.add_worksheet(name),
                stats,
                rows,
                f,
                f"{title}（指标体系 {framework}）",
                year=self._one_year(),
            )
        if not self._frameworks:  # nothing scored: the sheet stays, with its header
            _projects_sheet(
                book.add_worksheet(SHEETS[0]), _Framework(), iter(()), f, title, year=None
            )
        scored = rollup.scored
        _grades_sheet(
            book, book.add_worksheet(SHEETS[1]), rollup, scored, f, f"{title}（{SHEETS[1]}）"
        )
        _units_sheet(book.add_worksheet(SHEETS[2]), rollup, f, f"{title}（{SHEETS[2]}）")
        if self._rows:
            self._files_sheet(book.add_worksheet(SHEETS[3]), f, f"{title}（{SHEETS[3]}）")
        if self._failed:
            self._failures_sheet(book.add_worksheet(SHEETS[4]), f, f"{title}（{SHEETS[4]}）")
        book.close()
        return buffer.getvalue()

    def _files_sheet(self, sheet: Any, f: dict[str, Any], title: str) -> None:
        """Each project's evaluation file and exported document, by 序号."""
        exported = self._exported
        titles = ["序号", "项目名称", "文件", *(["导出文件"] if exported else [])]
        path_width = 50 if exported else 64  # A4 landscape holds about 150 units
        widths = [
            _Widest("序号", str(self._rows)).width(5, 6),
            self._file_project.width(14, 30, _INDENT),
            self._file.width(16, path_width, _INDENT),
            *([self._file_export.width(16, path_width, _INDENT)] if exported else []),
        ]
        first = _start(sheet, title, titles, widths, f)
        for i, (project, file, export) in enumerate(self._each(self._files)):
            r = first + i
            texts = [project, file, *([export or ""] if exported else [])]
            _text_row(sheet, r, list(zip(texts, widths[1:], strict=True)))
            sheet.write_number(r, 0, i + 1, f["center"])
            for c, text in enumerate(texts, start=1):
                _text(sheet, r, c, text, f["text"])
            _written(sheet, r - 1)

    def _failures_sheet(self, sheet: Any, f: dict[str, Any], title: str) -> None:
        widths = [self._failure_file.width(16, 50, _INDENT), 80]
        first = _start(sheet, title, ["文件", "错误"], widths, f)
        for i, failure in enumerate(self._each(self._failures)):
            r = first + i
            _text_row(sheet, r, [(failure.file, widths[0]), (failure.message, widths[1])])
            sheet.write_string(r, 0, failure.file, f["text"])
            sheet.write_string(r, 1, failure.message, f["text"])
            _written(sheet, r - 1)


# -- layout -------------------------------------------------------------------------------------

_FONT, _TITLE_FONT, _TITLE_SIZE = "宋体", "黑体", 16
_A4 = 9
#: The chart on 等级分布, in pixels (XlsxWriter's default chart is 480 × 288).
_CHART_W, _CHART_H = 560, 320


def _formats(book: Any) -> dict[str, Any]:
    # font_scheme "none": a font named like the default one would otherwise be tied to the
    # theme (<scheme val="minor"/>) and Excel would show the theme's font instead of 宋体
    cell = {"font_scheme": "none", "border": 1, "valign": "vcenter", "text_wrap": True}
    num = {**cell, "align": "center"}
    left = {**cell, "align": "left", "indent": 1}
    specs = {
        "title": {
            "font_scheme": "none",
            "font_name": _TITLE_FONT,
            "font_size": _TITLE_SIZE,
            "bold": True,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
        },
        "head": {**num, "bold": True, "bg_color": "#D9E1F2"},
        "text": left,
        "center": num,
        "share": {**num, "num_format": "0.0%"},
        "total": {**num, "bold": True},
        "total_share": {**num, "bold": True, "num_format": "0.0%"},
    }
    return {name: book.add_format(spec) for name, spec in specs.items()}


def _sheet_names(frameworks: list[str]) -> list[str]:
    """项目汇总 for one framework; ``项目汇总（<id>）`` for each of several, made valid
    (at most 31 characters, none that Excel refuses) and unique."""
    if len(frameworks) <= 1:
        return [SHEETS[0]] * len(frameworks)
    names: list[str] = []
    taken: set[str] = set()
    for framework in frameworks:
        clean = "".join("_" if c in _SHEET_NAME_BAD else c for c in framework).strip("'")
        n = 1
        while True:
            tag = "" if n == 1 else f"~{n}"
            room = _SHEET_NAME_MAX - len(SHEETS[0]) - 2 - len(tag)  # the brackets
            name = f"{SHEETS[0]}（{clean[:room]}{tag}）"
            if name.casefold() not in taken:
                break
            n += 1
        taken.add(name.casefold())
        names.append(name)
    return names


def _width(texts: Iterable[str], low: float, high: float, indent: float = 0) -> float:
    """A column just wide enough for its longest line of text, within ``low``–``high``."""
    lines = (line for t in texts for line in t.split("\n"))
    return min(max([low, *(text_width(t) + PADDING + 0.1 + indent for t in lines)]), high)


def _lines(text: str, width: float, size: float = 11) -> int:
    """How many lines ``text`` wraps to in a column ``width`` wide."""
    return count_lines(text, width, size)


def _height(lines: int, size: float = 11) -> float:
    """A row height in points for ``lines`` lines of ``size`` pt text."""
    return row_height(lines, size, padding=4)


def _text_row(sheet: Any, r: int, cells: list[tuple[str, float]]) -> None:
    """Set row ``r``'s height for its wrapped (indented) texts, given as ``(text, column
    width)``."""
    sheet.set_row(r, _height(max([1, *(_lines(t, w - _INDENT) for t, w in cells)])))


def _start(
    sheet: Any,
    title: str,
    heads: list[str],
    widths: list[float],
    f: dict[str, Any],
    last_col: int | None = None,
) -> int:
    """The title row (merged over the table, or to ``last_col``), the header row and the print
    setup; returns the first data row."""
    last = len(heads) - 1 if last_col is None else last_col
    for c, w in enumerate(widths):
        sheet.set_column(c, c, w)
    full = sum(widths[: last + 1])
    sheet.set_row(0, _height(_lines(title, full, _TITLE_SIZE), _TITLE_SIZE) + 6)
    sheet.merge_range(0, 0, 0, last, title, f["title"])
    sheet.set_row(1, _height(max(_lines(h, w) for h, w in zip(heads, widths, strict=False))))
    for c, head in enumerate(heads):
        sheet.write_string(1, c, head, f["head"])
    sheet.freeze_panes(2, 0)
    sheet.set_paper(_A4)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, 1)  # the title and the header on every printed page
    sheet.center_horizontally()
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.7)
    sheet.set_footer("&C第 &P 页，共 &N 页")
    return 2


def _written(sheet: Any, r: int) -> None:
    """Row ``r`` of a data table is on disk (XlsxWriter's ``constant_memory`` writes a row out
    when the next one is begun): drop the height XlsxWriter keeps for it, or a sheet of
    100,000 rows would hold 100,000 of them until the workbook is closed. Only rows of
    sheets without charts or images, which are the only ones that read them later."""
    if r < 2 or not getattr(sheet, "constant_memory", False):
        return
    for table in (getattr(sheet, "row_info", None), getattr(sheet, "row_sizes", None)):
        if isinstance(table, dict):
            table.pop(r, None)


def _number(sheet: Any, r: int, c: int, value: Decimal | int | None, fmt: Any) -> None:
    if value is None:
        sheet.write_blank(r, c, None, fmt)
    else:
        sheet.write_number(r, c, float(value) if isinstance(value, Decimal) else value, fmt)


def _text(sheet: Any, r: int, c: int, value: str | None, fmt: Any) -> None:
    if value is None or value == "":
        sheet.write_blank(r, c, None, fmt)
    else:
        sheet.write_string(r, c, value, fmt)


def _shown(value: Decimal | int | None) -> str:
    """A number as a cell shows it in the General format (for the width estimates)."""
    return format_number(value, none="")


# -- the sheets ---------------------------------------------------------------------------------


def _projects_sheet(
    sheet: Any,
    stats: _Framework,
    rows: Iterator[tuple[int, ProjectRow]],
    f: dict[str, Any],
    title: str,
    *,
    year: int | None,
) -> None:
    """One framework's projects: 序号 (as in 文件清单), 填报单位, 项目名称, 年度 (when the
    title states none), each 一级 with its points, 总分, 满分, 等级 and the findings."""
    levels = stats.levels()
    level_heads = [name if w is None else f"{name}\n（{format_number(w)}分）" for name, w in levels]
    years = year is None
    titles = [
        "序号",
        "填报单位",
        "项目名称",
        *(["年度"] if years else []),
        *level_heads,
        "总分",
        "满分",
        "等级",
        "错误",
        "警告",
        "提示",
    ]
    widths = [
        stats.number.width(5, 6),
        stats.unit.with_text("填报单位").width(10, 17, _INDENT),
        stats.project.with_text("项目名称").width(14, 27, _INDENT),
        *([stats.year.with_text("年度").width(5.5, 6)] if years else []),
        *(
            stats.scores[name].with_text(head).width(6.5, 10)
            for head, (name, _) in zip(level_heads, levels, strict=True)
        ),
        stats.total.with_text("总分").width(6.5, 8),
        stats.max.with_text("满分").width(6.5, 8),
        stats.grade.with_text("等级").width(5, 8),
        5.5,
        5.5,
        5.5,
    ]
    first = _start(sheet, title, titles, widths, f)
    c_levels = 4 if years else 3
    c_total = c_levels + len(levels)
    i = -1
    for i, (number, row) in enumerate(rows):
        score = {name: score for name, score, _ in row.levels}
        r = first + i
        _text_row(sheet, r, [(row.unit or "", widths[1]), (row.project, widths[2])])
        sheet.write_number(r, 0, number, f["center"])
        _text(sheet, r, 1, row.unit, f["text"])
        _text(sheet, r, 2, row.project, f["text"])
        if years:
            _number(sheet, r, 3, row.year, f["center"])
        for c, (name, _) in enumerate(levels, start=c_levels):
            _number(sheet, r, c, score.get(name), f["center"])
        _number(sheet, r, c_total, row.total, f["center"])
        _number(sheet, r, c_total + 1, row.max, f["center"])
        _text(sheet, r, c_total + 2, row.grade, f["center"])
        for c, n in enumerate((row.errors, row.warnings, row.infos), start=c_total + 3):
            sheet.write_number(r, c, n, f["center"])
        _written(sheet, r - 1)
    if i >= 0:
        sheet.autofilter(1, 0, first + i, len(titles) - 1)


def _grades_sheet(
    book: Any, sheet: Any, rollup: Rollup, scored: int, f: dict[str, Any], title: str
) -> None:
    """The counts on the left, the chart beside them in one wide column: one printed page."""
    grades = rollup.grades()
    widths = [_width(["等级", "合计", *(g for g, _ in grades)], 10, 16), 10, 10]
    if grades:  # a narrow gap, then one column as wide as the chart and its 5 px offset
        widths += [2, (_CHART_W + 5) / 7]  # (XlsxWriter: a column is 7 px a unit + 5 px)
    first = _start(sheet, title, ["等级", "项目数", "占比"], widths, f, len(widths) - 1)
    for i, (label, count) in enumerate(grades):
        r = first + i
        sheet.set_row(r, _height(1))
        sheet.write_string(r, 0, label, f["center"])
        sheet.write_number(r, 1, count, f["center"])
        sheet.write_number(r, 2, count / scored, f["share"])  # grades come from scored rows
    if not grades:
        return
    r = first + len(grades)
    sheet.set_row(r, _height(1))
    sheet.write_string(r, 0, "合计", f["total"])
    sheet.write_number(r, 1, scored, f["total"])
    sheet.write_number(r, 2, 1, f["total_share"])

    name, last = SHEETS[1], first + len(grades) - 1
    chart = book.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": "项目数",
            "categories": [name, first, 0, last, 0],
            "values": [name, first, 1, last, 1],
            "gap": 80,
            "data_labels": {"value": True},
            "fill": {"color": "#4472C4"},
        }
    )
    chart.set_title({"name": "等级分布", "name_font": {"size": 14}})
    chart.set_x_axis({"name": "等级"})
    top = max(count for _, count in grades)
    chart.set_y_axis(
        {"name": "项目数", "min": 0, "major_unit": _step(top), "major_gridlines": {"visible": True}}
    )
    chart.set_legend({"none": True})
    sheet.insert_chart(
        1, 4, chart, {"x_offset": 5, "x_scale": _CHART_W / 480, "y_scale": _CHART_H / 288}
    )


def _step(top: int) -> int:
    """A whole step for an axis from 0 to ``top``: 1, 2, 5, 10, 20, 50 … with at most 6 steps."""
    step = 1
    while top > 6 * step:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return step


def _units_sheet(sheet: Any, rollup: Rollup, f: dict[str, Any], title: str) -> None:
    units = rollup.units()
    labels = [u.label for u in units]
    widths = [_width(["填报单位", *labels], 16, 36, _INDENT), 8, 9, 9, 9]
    first = _start(sheet, title, ["填报单位", "项目数", "平均分", "最高分", "最低分"], widths, f)
    for i, (u, label) in enumerate(zip(units, labels, strict=True)):
        r = first + i
        _text_row(sheet, r, [(label, widths[0])])
        sheet.write_string(r, 0, label, f["text"])
        sheet.write_number(r, 1, u.projects, f["center"])
        _number(sheet, r, 2, u.average, f["center"])
        _number(sheet, r, 3, u.max, f["center"])
        _number(sheet, r, 4, u.min, f["center"])
    overall = rollup.overall()
    if overall is not None:
        r = first + len(units)
        sheet.set_row(r, _height(1))
        sheet.write_string(r, 0, "合计", f["total"])
        sheet.write_number(r, 1, overall.projects, f["total"])
        _number(sheet, r, 2, overall.average, f["total"])
        _number(sheet, r, 3, overall.max, f["total"])
        _number(sheet, r, 4, overall.min, f["total"])
