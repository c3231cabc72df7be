"""The batch summary workbook (汇总表): the roll-up of ``perfeval batch --summary OUT.xlsx`` with
sheets 项目汇总, 等级分布 (with a native column chart), 单位平均 and, when files failed,
未能评分."""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, BinaryIO

from perfeval_core import BatchResult, ExportError

from .text import INDENT as _INDENT
from .text import PADDING, count_lines, row_height, text_width

#: Sheet names of the summary.
SHEETS = ("项目汇总", "等级分布", "单位平均", "未能评分")
#: Creation date written into the summary, fixed so the bytes are reproducible.
_CREATED = (2000, 1, 1)


def write_summary(result: BatchResult, stream: BinaryIO) -> None:
    """Write the summary workbook of ``result`` to ``stream``."""
    stream.write(summary_xlsx(result))


def summary_xlsx(result: BatchResult) -> bytes:
    """The xlsx summary: 项目汇总, 等级分布 (with a native column chart), 单位平均 and, when
    files failed, 未能评分. Text is written as text (never a formula), numbers as numbers, and
    the bytes are the same for the same result.

    Every sheet is set up for printing: a title row, the header row repeated on every page, A4
    landscape one page wide. Column widths and row heights are estimated from the text, because
    LibreOffice fits neither when it opens the file."""
    import datetime

    try:
        import xlsxwriter
    except ImportError:  # the plugin installed without its dependency
        raise ExportError(
            "the xlsx summary needs XlsxWriter, which is not installed",
            hint="pip install perfeval-xlsx (or pip install XlsxWriter)",
        ) from None

    buffer = io.BytesIO()
    # the default font is 宋体 as in the perfeval-xlsx exporter: column widths are counted in
    # the default font's digits, and the estimates below assume it (a fresh dict every time:
    # XlsxWriter writes into it)
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
    title = _title(result)
    _projects_sheet(book.add_worksheet(SHEETS[0]), result, f, title)
    _grades_sheet(book, book.add_worksheet(SHEETS[1]), result, f, f"{title}（{SHEETS[1]}）")
    _units_sheet(book.add_worksheet(SHEETS[2]), result, f, f"{title}（{SHEETS[2]}）")
    if result.failures:
        _failures_sheet(book.add_worksheet(SHEETS[3]), result, f, f"{title}（{SHEETS[3]}）")
    book.close()
    return buffer.getvalue()


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
        "two": {**num, "num_format": "0.00"},
        "share": {**num, "num_format": "0.0%"},
        "total": {**num, "bold": True},
        "total_two": {**num, "bold": True, "num_format": "0.00"},
        "total_share": {**num, "bold": True, "num_format": "0.0%"},
    }
    return {name: book.add_format(spec) for name, spec in specs.items()}


def _title(result: BatchResult) -> str:
    """``2024 年项目支出绩效自评汇总表`` when every project is of one year, else a title
    without one."""
    years = {row.year for row in result.rows}
    if len(years) == 1 and None not in years:
        return f"{years.pop()} 年项目支出绩效自评汇总表"
    return "项目支出绩效评价汇总表"


def _width(texts: Iterable[str], low: float, high: float, indent: float = 0) -> float:
    """A column just wide enough for its longest text on one line, within ``low``–``high``."""
    return min(max([low, *(text_width(t) + PADDING + 0.1 + indent for t in texts)]), high)


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
    sheet.repeat_rows(1)
    sheet.center_horizontally()
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.7)
    sheet.set_footer("&C第 &P 页，共 &N 页")
    return 2


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
    """A number as a cell shows it (for the width estimates)."""
    return "" if value is None else str(value)


# -- the sheets ---------------------------------------------------------------------------------


def _projects_sheet(sheet: Any, result: BatchResult, f: dict[str, Any], title: str) -> None:
    rows = result.rows
    levels: dict[str, None] = {}
    for row in rows:
        for name, _, _ in row.levels:
            levels.setdefault(name)
    names = list(levels)
    exported = any(r.export for r in rows)
    titles = [
        "序号",
        "填报单位",
        "项目名称",
        "年度",
        "指标体系",
        *names,
        "总分",
        "满分",
        "等级",
        "错误",
        "警告",
        "提示",
        "文件",
        *(["导出文件"] if exported else []),
    ]
    scores = [{name: score for name, score, _ in row.levels} for row in rows]
    widths = [
        _width(["序号", str(len(rows))], 5, 6),
        _width(["填报单位", *(r.unit or "" for r in rows)], 10, 17, _INDENT),
        _width(["项目名称", *(r.project for r in rows)], 14, 27, _INDENT),
        _width(["年度", *(_shown(r.year) for r in rows)], 5.5, 6),
        _width(["指标体系", *(r.framework for r in rows)], 8, 12),
        *(_width([name, *(_shown(s.get(name)) for s in scores)], 6.5, 8.5) for name in names),
        _width(["总分", *(_shown(r.total) for r in rows)], 6.5, 8),
        _width(["满分", *(_shown(r.max) for r in rows)], 6.5, 8),
        _width(["等级", *(r.grade for r in rows)], 5, 8),
        5.5,
        5.5,
        5.5,
        _width(["文件", *(r.file for r in rows)], 12, 28, _INDENT),
        *(
            [_width(["导出文件", *(r.export or "" for r in rows)], 12, 28, _INDENT)]
            if exported
            else []
        ),
    ]
    first = _start(sheet, title, titles, widths, f)
    after = 5 + len(names)
    for i, (row, score) in enumerate(zip(rows, scores, strict=True)):
        r = first + i
        texts = [
            (1, row.unit),
            (2, row.project),
            (4, row.framework),
            (after + 6, row.file),
            *([(after + 7, row.export)] if exported else []),
        ]
        _text_row(sheet, r, [(t or "", widths[c]) for c, t in texts])
        sheet.write_number(r, 0, i + 1, f["center"])
        _text(sheet, r, 1, row.unit, f["text"])
        _text(sheet, r, 2, row.project, f["text"])
        _number(sheet, r, 3, row.year, f["center"])
        _text(sheet, r, 4, row.framework, f["center"])
        for c, name in enumerate(names, start=5):
            _number(sheet, r, c, score.get(name), f["center"])
        _number(sheet, r, after, row.total, f["center"])
        _number(sheet, r, after + 1, row.max, f["center"])
        _text(sheet, r, after + 2, row.grade, f["center"])
        for c, n in enumerate((row.errors, row.warnings, row.infos), start=after + 3):
            sheet.write_number(r, c, n, f["center"])
        _text(sheet, r, after + 6, row.file, f["text"])
        if exported:
            _text(sheet, r, after + 7, row.export, f["text"])
    if rows:
        sheet.autofilter(1, 0, first + len(rows) - 1, len(titles) - 1)


def _grades_sheet(
    book: Any, sheet: Any, result: BatchResult, f: dict[str, Any], title: str
) -> None:
    """The counts on the left, the chart beside them in one wide column: one printed page."""
    grades = result.grades()
    scored = len(result.rows)
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


def _units_sheet(sheet: Any, result: BatchResult, f: dict[str, Any], title: str) -> None:
    units = result.units()
    labels = [u.label for u in units]
    widths = [_width(["填报单位", *labels], 16, 36, _INDENT), 8, 9, 9, 9]
    first = _start(sheet, title, ["填报单位", "项目数", "平均分", "最高分", "最低分"], widths, f)
    for i, (u, label) in enumerate(zip(units, labels, strict=True)):
        r = first + i
        _text_row(sheet, r, [(label, widths[0])])
        sheet.write_string(r, 0, label, f["text"])
        sheet.write_number(r, 1, u.projects, f["center"])
        _number(sheet, r, 2, u.average, f["two"])
        _number(sheet, r, 3, u.max, f["center"])
        _number(sheet, r, 4, u.min, f["center"])
    overall = result.overall()
    if overall is not None:
        r = first + len(units)
        sheet.set_row(r, _height(1))
        sheet.write_string(r, 0, "合计", f["total"])
        sheet.write_number(r, 1, overall.projects, f["total"])
        _number(sheet, r, 2, overall.average, f["total_two"])
        _number(sheet, r, 3, overall.max, f["total"])
        _number(sheet, r, 4, overall.min, f["total"])


def _failures_sheet(sheet: Any, result: BatchResult, f: dict[str, Any], title: str) -> None:
    widths = [_width(["文件", *(x.file for x in result.failures)], 16, 50, _INDENT), 80]
    first = _start(sheet, title, ["文件", "错误"], widths, f)
    for i, failure in enumerate(result.failures):
        r = first + i
        _text_row(sheet, r, [(failure.file, widths[0]), (failure.message, widths[1])])
        sheet.write_string(r, 0, failure.file, f["text"])
        sheet.write_string(r, 1, failure.message, f["text"])
