"""Batch summaries (汇总表): the roll-up of a :class:`~perfeval_core.batch.BatchResult` written as
JSON or as an xlsx workbook with a native chart of the grade distribution."""

from __future__ import annotations

import io
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from .batch import NO_UNIT, SHEETS, BatchResult
from .errors import ExportError, InputError
from .tomlio import write_atomic

#: Creation date written into the xlsx summary, fixed so the bytes are reproducible.
_CREATED = (2000, 1, 1)


def summary_kind(path: str | os.PathLike[str]) -> str:
    """``"json"`` or ``"xlsx"`` from the summary file's suffix; anything else is an error."""
    suffix = Path(path).suffix.lower()
    if suffix in (".json", ".xlsx"):
        return suffix[1:]
    raise InputError(f"cannot write a summary as {suffix or 'a file without suffix'!r}",
                     file=str(path), hint="name the summary out.xlsx or out.json")


def require_xlsxwriter() -> Any:
    """The xlsxwriter module, or an ExportError saying how to install it."""
    try:
        import xlsxwriter
    except ImportError:
        raise ExportError("the xlsx summary needs XlsxWriter, which is not installed",
                          hint="pip install perfeval-xlsx (or pip install XlsxWriter)") from None
    return xlsxwriter


def write_summary(result: BatchResult, path: str | os.PathLike[str]) -> None:
    """Write the roll-up as JSON or xlsx (by suffix), atomically."""
    target = Path(path)
    data = summary_json(result) if summary_kind(target) == "json" else summary_xlsx(result)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data)


def summary_json(result: BatchResult) -> bytes:
    """The JSON summary: numbers exact, UTF-8."""
    from .jsonout import dumps

    return (dumps(result.as_data()) + "\n").encode("utf-8")


def summary_xlsx(result: BatchResult) -> bytes:
    """The xlsx summary: 项目汇总, 等级分布 (with a native column chart), 单位平均 and, when
    files failed, 未能评分. Text is written as text (never a formula), numbers as numbers, and
    the bytes are the same for the same result."""
    import datetime

    xlsxwriter = require_xlsxwriter()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"title": "绩效评价汇总", "author": "perfeval", "comments": "",
                         "created": datetime.datetime(*_CREATED)})
    head = book.add_format({"bold": True, "border": 1, "bg_color": "#D9E1F2",
                            "text_wrap": True, "valign": "vcenter", "align": "center"})
    two = book.add_format({"num_format": "0.00"})
    share = book.add_format({"num_format": "0.0%"})
    bold = book.add_format({"bold": True})
    _projects_sheet(book.add_worksheet(SHEETS[0]), result, head)
    _grades_sheet(book, book.add_worksheet(SHEETS[1]), result, head, share)
    _units_sheet(book.add_worksheet(SHEETS[2]), result, head, two, bold)
    if result.failures:
        sheet = book.add_worksheet(SHEETS[3])
        _header(sheet, ["文件", "错误"], head, [60, 100])
        for r, f in enumerate(result.failures, start=1):
            sheet.write_string(r, 0, f.file)
            sheet.write_string(r, 1, f.message)
    book.close()
    return buffer.getvalue()


def _header(sheet: Any, titles: list[str], fmt: Any, widths: list[float]) -> None:
    for c, (title, w) in enumerate(zip(titles, widths, strict=True)):
        sheet.set_column(c, c, w)
        sheet.write_string(0, c, title, fmt)
    sheet.freeze_panes(1, 0)


def _number(sheet: Any, r: int, c: int, value: Decimal | int | None, fmt: Any = None) -> None:
    if value is None:
        sheet.write_blank(r, c, None, fmt)
    else:
        sheet.write_number(r, c, float(value) if isinstance(value, Decimal) else value, fmt)


def _text(sheet: Any, r: int, c: int, value: str | None) -> None:
    if value is None or value == "":
        sheet.write_blank(r, c, None)
    else:
        sheet.write_string(r, c, value)


def _projects_sheet(sheet: Any, result: BatchResult, head: Any) -> None:
    levels: dict[str, None] = {}
    for row in result.rows:
        for name, _, _ in row.levels:
            levels.setdefault(name)
    names = list(levels)
    exported = any(r.export for r in result.rows)
    titles = ["序号", "填报单位", "项目名称", "年度", "指标体系", *names, "总分", "满分", "等级",
              "错误", "警告", "提示", "文件", *(["导出文件"] if exported else [])]
    widths = [6, 28, 40, 6, 14, *[9] * len(names), 8, 8, 6, 6, 6, 6, 50,
              *([50] if exported else [])]
    _header(sheet, titles, head, widths)
    sheet.set_row(0, 32)
    where = {name: 5 + i for i, name in enumerate(names)}
    after = 5 + len(names)
    for r, row in enumerate(result.rows, start=1):
        sheet.write_number(r, 0, r)
        _text(sheet, r, 1, row.unit)
        _text(sheet, r, 2, row.project)
        _number(sheet, r, 3, row.year)
        _text(sheet, r, 4, row.framework)
        scores = {name: score for name, score, _ in row.levels}
        for name in names:
            _number(sheet, r, where[name], scores.get(name))
        _number(sheet, r, after, row.total)
        _number(sheet, r, after + 1, row.max)
        _text(sheet, r, after + 2, row.grade)
        for i, n in enumerate((row.errors, row.warnings, row.infos)):
            sheet.write_number(r, after + 3 + i, n)
        _text(sheet, r, after + 6, row.file)
        if exported:
            _text(sheet, r, after + 7, row.export)
    if result.rows:
        sheet.autofilter(0, 0, len(result.rows), len(titles) - 1)


def _grades_sheet(book: Any, sheet: Any, result: BatchResult, head: Any, share: Any) -> None:
    grades = result.grades()
    _header(sheet, ["等级", "项目数", "占比"], head, [14, 10, 10])
    scored = len(result.rows)
    for r, (label, count) in enumerate(grades, start=1):
        sheet.write_string(r, 0, label)
        sheet.write_number(r, 1, count)
        sheet.write_number(r, 2, count / scored if scored else 0, share)
    if not grades:
        return
    chart = book.add_chart({"type": "column"})
    name = SHEETS[1]
    chart.add_series({"name": "项目数", "categories": [name, 1, 0, len(grades), 0],
                      "values": [name, 1, 1, len(grades), 1],
                      "data_labels": {"value": True}, "fill": {"color": "#4472C4"}})
    chart.set_title({"name": "等级分布"})
    chart.set_x_axis({"name": "等级"})
    chart.set_y_axis({"name": "项目数", "min": 0, "major_gridlines": {"visible": True}})
    chart.set_legend({"none": True})
    sheet.insert_chart(1, 4, chart, {"x_scale": 1.2, "y_scale": 1.2})


def _units_sheet(sheet: Any, result: BatchResult, head: Any, two: Any, bold: Any) -> None:
    _header(sheet, ["填报单位", "项目数", "平均分", "最高分", "最低分"], head, [36, 10, 10, 10, 10])
    units = result.units()
    for r, u in enumerate(units, start=1):
        sheet.write_string(r, 0, u.unit if u.unit is not None else NO_UNIT)
        sheet.write_number(r, 1, u.projects)
        _number(sheet, r, 2, u.average, two)
        _number(sheet, r, 3, u.max)
        _number(sheet, r, 4, u.min)
    overall = result.overall()
    if overall is not None:
        r = len(units) + 1
        sheet.write_string(r, 0, "合计", bold)
        sheet.write_number(r, 1, overall.projects, bold)
        _number(sheet, r, 2, overall.average, two)
        _number(sheet, r, 3, overall.max)
        _number(sheet, r, 4, overall.min)


__all__ = ["require_xlsxwriter", "summary_json", "summary_kind", "summary_xlsx", "write_summary"]
