"""Writing the workbook with XlsxWriter: sheet 评分表 (the form) and sheet 计分明细 (for reviewers).

Every text goes through ``write_string`` (and the workbook refuses to turn strings into formulas,
links or numbers), so a name or a 评分依据 starting with ``=``, ``+``, ``-`` or ``@`` stays text.
Numbers are written with ``write_number`` from their exact Decimal. Row heights are estimated
from the wrapped text, because LibreOffice does not fit them when it opens the file. The output
is byte-identical for the same scorecard: XlsxWriter's zip entries carry a fixed time and the
document properties a fixed creation date.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, BinaryIO

from perfeval_core import PATH_SEPARATOR, LeafScore, Scorecard

from .layout import Table, build_table
from .text import (
    INDENT,
    PADDING,
    cell_text,
    count_lines,
    level_label,
    number,
    row_height,
    text_width,
)

#: The creation date written into every workbook: fixed, so that the bytes are reproducible.
CREATED = datetime.datetime(2000, 1, 1, 0, 0, 0)

TITLE = "项目支出绩效自我评价评分表"
SHEET_FORM = "评分表"
SHEET_DETAIL = "计分明细"

BODY_FONT, BODY_SIZE = "宋体", 11
INFO_FONT, INFO_SIZE = "仿宋", 12
TITLE_FONT, TITLE_SIZE = "黑体", 18


def workbook_options() -> dict[str, Any]:
    """XlsxWriter's options, made afresh for every workbook.

    XlsxWriter writes into the ``default_format_properties`` it is given, and a second workbook
    given the same dict would tie its default font to the theme's (``<scheme val="minor"/>``,
    i.e. Calibri in Excel). The default font is 宋体 like the table: column widths are counted
    in the default font's digits, and with 宋体 a CJK character is about 1.7 (LibreOffice) to
    1.85 (Excel) units wide; with Calibri it would be 1.5 in one and 2.1 in the other, and no
    estimate would suit both. ``in_memory`` builds the parts in memory instead of one temporary
    file each (2–3× faster for a workbook this small).
    """
    return {
        "in_memory": True,
        "default_format_properties": {"font_name": BODY_FONT, "font_size": BODY_SIZE},
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }


# Column widths (Excel character units) of the 评分表, bounded; the content decides inside.
_GROUP_WIDTH = (8.0, 15.0)
_LEAF_WIDTH = (16.0, 36.0)
_VALUE_WIDTH = (10.5, 16.0)
_NUMBER_WIDTH = 6.5
#: 评分依据: room for a sentence or two; narrower when no leaf has one (left for handwriting).
_BASIS_WIDTH, _BASIS_EMPTY_WIDTH = 20.0, 12.0

_DETAIL_HEADERS = (
    "指标",
    "年初指标值",
    "实际完成值",
    "分值",
    "得分",
    "规则得分",
    "评分规则",
    "说明",
)
_DETAIL_WIDTHS = (52.0, 12.0, 12.0, 6.5, 6.5, 8.5, 22.0, 24.0)

_A4 = 9


def write_workbook(card: Scorecard, stream: BinaryIO) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(stream, workbook_options())
    project = card.evaluation.project
    workbook.set_properties(
        {
            "title": project.name,
            "subject": TITLE,
            "author": project.unit or "",
            "created": CREATED,
        }
    )
    formats = _formats(workbook, any(_differs(leaf) for leaf in card.leaves))
    _write_form(workbook.add_worksheet(SHEET_FORM), card, build_table(card), formats)
    _write_detail(workbook.add_worksheet(SHEET_DETAIL), card, formats)
    workbook.close()


def _formats(workbook: Any, differs: bool) -> dict[str, Any]:
    # font_scheme "none": XlsxWriter would tie a font named like the default one to the theme
    # (<scheme val="minor"/>), and Excel would then show the theme's font instead of 宋体
    plain = {"font_scheme": "none"}
    base = {
        **plain,
        "font_name": BODY_FONT,
        "font_size": BODY_SIZE,
        "valign": "vcenter",
        "text_wrap": True,
    }
    cell = {**base, "border": 1}
    specs = {
        "title": {
            **plain,
            "font_name": TITLE_FONT,
            "font_size": TITLE_SIZE,
            "bold": True,
            "align": "center",
            "valign": "vcenter",
        },
        "year": {
            **plain,
            "font_name": INFO_FONT,
            "font_size": INFO_SIZE,
            "align": "center",
            "valign": "vcenter",
        },
        "info": {
            **plain,
            "font_name": INFO_FONT,
            "font_size": INFO_SIZE,
            "align": "left",
            "valign": "vcenter",
            "text_wrap": True,
        },
        "head": {**cell, "bold": True, "align": "center", "bg_color": "#F2F2F2"},
        "center": {**cell, "align": "center"},  # group names, values, numbers
        "left": {**cell, "align": "left", "indent": 1},  # leaf names, 评分依据, paths, notes
        "total": {**cell, "bold": True, "align": "center"},
        "grade": {**cell, "bold": True, "align": "left", "indent": 1},
    }
    if differs:  # 计分明细: rows whose score of record is not the rule's score are shaded
        specs["left_diff"] = {**cell, "align": "left", "indent": 1, "bg_color": "#FFF2CC"}
        specs["center_diff"] = {**cell, "align": "center", "bg_color": "#FFF2CC"}
    return {name: workbook.add_format(spec) for name, spec in specs.items()}


def _width(texts: list[str], bounds: tuple[float, float], indent: float = 0.0) -> float:
    """A column just wide enough for its longest text on one line, within ``bounds``."""
    low, high = bounds
    longest = max((_one_line_width(t) for t in texts), default=0.0) + indent
    return min(max(low, longest), high)


def _one_line_width(text: str) -> float:
    """The column width at which ``text`` fits on one line (with a little to spare)."""
    return text_width(text) + PADDING + 0.1


def _write_form(ws: Any, card: Scorecard, table: Table, f: dict[str, Any]) -> None:
    depth, rows = table.depth, table.rows
    project = card.evaluation.project
    c_target = depth
    c_actual, c_weight, c_score, c_basis = depth + 1, depth + 2, depth + 3, depth + 4
    last_col = c_basis

    # column widths
    widths: list[float] = []
    for level in range(depth - 1):
        names = [s.name for s in table.spans if s.level == level]
        names.append(level_label(level + 1))
        widths.append(_width(names, _GROUP_WIDTH))
    widths.append(
        _width(
            [r.name for r in rows if r.level == depth - 1] + [level_label(depth)],
            _LEAF_WIDTH,
            INDENT,
        )
    )
    widths.append(_width([r.target for r in rows] + ["年初指标值"], _VALUE_WIDTH))
    widths.append(_width([r.actual for r in rows] + ["实际完成值"], _VALUE_WIDTH))
    widths += [
        _NUMBER_WIDTH,
        _NUMBER_WIDTH,
        _BASIS_WIDTH if any(r.basis for r in rows) else _BASIS_EMPTY_WIDTH,
    ]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    full_width = sum(widths)

    # title block (no borders, so the merged cells need no formatted padding)
    _merge(ws, 0, 0, 0, last_col, TITLE, f["title"], padded=False)
    ws.set_row(0, row_height(1, TITLE_SIZE, 10))
    year = f"({project.year}年)" if project.year is not None else "(    年)"
    _merge(ws, 1, 0, 1, last_col, year, f["year"], padded=False)
    ws.set_row(1, row_height(1, INFO_SIZE))
    for r, text in ((2, f"填报单位：{project.unit or ''}"), (3, f"项目名称：{project.name}")):
        text = cell_text(text)
        _merge(ws, r, 0, r, last_col, text, f["info"], padded=False)
        ws.set_row(r, row_height(count_lines(text, full_width, INFO_SIZE), INFO_SIZE))

    # the two header rows
    h1, h2 = 4, 5
    head = f["head"]
    _merge(ws, h1, 0, h1, depth - 1, "评价指标", head)
    for level in range(depth):
        ws.write_string(h2, level, level_label(level + 1), head)
    for col, label in (
        (c_target, "年初指标值"),
        (c_actual, "实际完成值"),
        (c_weight, "分值"),
        (c_score, "得分"),
        (c_basis, "评分依据"),
    ):
        _merge(ws, h1, col, h2, col, label, head)
    header_lines = max(count_lines(level_label(level + 1), widths[level]) for level in range(depth))
    ws.set_row(h1, row_height(1))
    ws.set_row(h2, row_height(header_lines))

    # one row per leaf
    first = h2 + 1
    heights: list[float] = []
    f_name = f_basis = f["left"]
    f_value = f_num = f["center"]
    w_target, w_actual, w_basis = widths[c_target], widths[c_actual], widths[c_basis]
    for i, row in enumerate(rows):
        r = first + i
        name, target, actual, basis = (
            cell_text(row.name),
            cell_text(row.target),
            cell_text(row.actual),
            cell_text(row.basis),
        )
        if row.level < depth - 1:
            _merge(ws, r, row.level, r, depth - 1, name, f_name)
            name_width = sum(widths[row.level : depth])
        else:
            ws.write_string(r, row.level, name, f_name)
            name_width = widths[row.level]
        _text(ws, r, c_target, target, f_value)
        _text(ws, r, c_actual, actual, f_value)
        _write_number(ws, r, c_weight, row.weight, f_num)
        _write_number(ws, r, c_score, row.score, f_num)
        _text(ws, r, c_basis, basis, f_basis)
        lines = max(
            count_lines(name, name_width - INDENT),
            count_lines(target, w_target),
            count_lines(actual, w_actual),
            count_lines(basis, w_basis - INDENT),
        )
        heights.append(row_height(lines))

    # the groups, merged down over their rows; a tall name makes its rows taller
    for span in table.spans:
        name = cell_text(span.name)
        _merge(ws, first + span.first, span.level, first + span.last, span.level, name, f["center"])
        need = row_height(count_lines(name, widths[span.level]))
        have = sum(heights[span.first : span.last + 1])
        if need > have:
            extra = (need - have) / (span.last - span.first + 1)
            for i in range(span.first, span.last + 1):
                heights[i] = round(heights[i] + extra, 1)
    for i, height in enumerate(heights):
        ws.set_row(first + i, height)

    # 总计 and the grade
    r_total = first + len(rows)
    _merge(ws, r_total, 0, r_total, c_actual, "总计", f["total"])
    _write_number(ws, r_total, c_weight, card.max, f["total"])
    _write_number(ws, r_total, c_score, card.total, f["total"])
    ws.write_blank(r_total, c_basis, None, f["total"])
    ws.set_row(r_total, row_height(1))
    r_grade = r_total + 1
    grade = cell_text(f"评价等级：{card.grade_label}")
    _merge(ws, r_grade, 0, r_grade, last_col, grade, f["grade"])
    ws.set_row(r_grade, row_height(count_lines(grade, full_width - INDENT)))

    # printing: A4 portrait, one page wide, header rows on every page
    ws.set_paper(_A4)
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(h1, h2)
    ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    ws.set_footer("&C第 &P 页，共 &N 页")
    ws.freeze_panes(h2 + 1, 0)
    ws.print_area(0, 0, r_grade, last_col)


def _write_detail(ws: Any, card: Scorecard, f: dict[str, Any]) -> None:
    head = f["head"]
    for col, (label, width) in enumerate(zip(_DETAIL_HEADERS, _DETAIL_WIDTHS, strict=True)):
        ws.set_column(col, col, width)
        ws.write_string(0, col, label, head)
    ws.set_row(0, row_height(1))
    # room for text in the left-aligned (indented) columns
    w_path, w_target, w_actual, w_rule, w_note = (
        _DETAIL_WIDTHS[c] - INDENT for c in (0, 1, 2, 6, 7)
    )
    for i, leaf in enumerate(card.leaves, start=1):
        result = leaf.result
        if _differs(leaf):
            text, num = f["left_diff"], f["center_diff"]
        else:
            text, num = f["left"], f["center"]
        cells = (
            cell_text(PATH_SEPARATOR.join(leaf.path)),
            cell_text(leaf.target_text),
            cell_text(leaf.actual_text),
        )
        for col, value in enumerate(cells):
            _text(ws, i, col, value, text)
        _write_number(ws, i, 3, leaf.weight, num)
        _write_number(ws, i, 4, leaf.score, num)
        _write_number(ws, i, 5, result.score, num)
        rule = cell_text(rule_label(leaf))
        note = cell_text(result.note)
        _text(ws, i, 6, rule, text)
        _text(ws, i, 7, note, text)
        lines = max(
            count_lines(cells[0], w_path),
            count_lines(cells[1], w_target),
            count_lines(cells[2], w_actual),
            count_lines(rule, w_rule),
            count_lines(note, w_note),
        )
        ws.set_row(i, row_height(lines))
    last = len(card.leaves)
    ws.autofilter(0, 0, last, len(_DETAIL_HEADERS) - 1)
    ws.freeze_panes(1, 0)
    ws.set_paper(_A4)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    ws.set_footer("&C第 &P 页，共 &N 页")


def _differs(leaf: LeafScore) -> bool:
    """The score of record is not what the rule computes (an expert's deduction, say)."""
    rule_score = leaf.result.score
    return rule_score is not None and leaf.score is not None and rule_score != leaf.score


def rule_label(leaf: LeafScore) -> str:
    """The rule's kind, with the rule ``auto`` picked for this leaf: ``auto → expect``."""
    rule = leaf.rule
    if rule.picks:
        return f"{rule.kind} → {rule.resolve(leaf.target).kind}"
    return rule.kind


def _merge(
    ws: Any, r0: int, c0: int, r1: int, c1: int, text: str, fmt: Any, *, padded: bool = True
) -> None:
    """Merge a range (a single cell is just written) and put ``text`` in it as a string.

    Does what ``merge_range`` does, minus its overlap bookkeeping (the layout never overlaps)
    and its type dispatch: the text goes in with ``write_string``, the other cells get the
    format as blanks (so that borders are drawn all round) unless ``padded`` is False, and the
    range is recorded as a real ``<mergeCell>``.
    """
    ws.write_string(r0, c0, text, fmt)
    if r0 == r1 and c0 == c1:
        return
    if padded:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if r != r0 or c != c0:
                    ws.write_blank(r, c, None, fmt)
    merges = getattr(ws, "merge", None)
    if isinstance(merges, list):  # what merge_range appends to, in every XlsxWriter since 0.x
        merges.append([r0, c0, r1, c1])
    else:  # pragma: no cover - should a future XlsxWriter keep it elsewhere
        ws.merge_range(r0, c0, r1, c1, text, fmt)


def _text(ws: Any, row: int, col: int, text: str, fmt: Any) -> None:
    """A string cell, or a formatted blank for an empty text (no empty shared string)."""
    if text:
        ws.write_string(row, col, text, fmt)
    else:
        ws.write_blank(row, col, None, fmt)


def _write_number(ws: Any, row: int, col: int, value: Decimal | None, fmt: Any) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
        return
    cell = number(value)
    if isinstance(cell, float):
        ws.write_number(row, col, cell, fmt)
    else:
        ws.write_string(row, col, cell, fmt)
