"""Reader for workbooks (.xlsx, .xlsm, .xls, .xlsb, .ods) with python-calamine.

Every worksheet becomes one `Table` covering its used range (and any merged range sticking out
of it); hidden and very hidden sheets are kept and marked. calamine gives each cell's stored
value and the merged ranges (not for .ods); numbers come back as floats, so integers are shown
without ".0", and a percent number format (read from the .xlsx styles only when a style has
one) turns 0.95 into "95%".
"""

from __future__ import annotations

import datetime
import os
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import ReadError
from .grid import Document, Location, Span, Table
from .normalize import normalize_text, number_text, percent_text
from .read import encrypted_error, is_encrypted_office
from .xlsx_formats import percent_cells

__all__ = ["read_xlsx"]

_OOXML = {".xlsx", ".xlsm", ".xltx", ".xltm"}
_NO_MERGES = {".ods"}
_RESAVE = "open it in Excel or WPS and save it again as .xlsx"


def read_xlsx(path: str | os.PathLike[str]) -> Document:
    """Read every sheet of a workbook into a `Document` (one table per sheet, in order)."""
    import python_calamine as calamine

    source = os.fspath(path)
    suffix = Path(source).suffix.lower()
    if Path(source).is_file() and is_encrypted_office(source):
        raise encrypted_error(source, "xlsx")
    try:
        workbook = calamine.CalamineWorkbook.from_path(source)
    except calamine.PasswordError as exc:
        raise ReadError(
            source,
            "the workbook is protected by a password (encrypted)",
            "open it in Excel or WPS with the password, remove it "
            "(文件 → 信息 → 保护工作簿 → 用密码进行加密), and save a copy",
        ) from exc
    except FileNotFoundError as exc:
        raise ReadError(source, "no such file", "check the path") from exc
    except (calamine.CalamineError, OSError, ValueError) as exc:
        raise ReadError(
            source,
            f"cannot read the workbook ({_reason(exc)})",
            f"the file may be damaged or not a workbook: {_RESAVE}",
        ) from exc
    notes: list[str] = []
    percent: dict[str, set[tuple[int, int]]] = {}
    if suffix in _OOXML:
        try:
            with zipfile.ZipFile(source) as archive:
                percent = percent_cells(archive)
        except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:
            notes.append(
                f"number formats not read ({_reason(exc)}): percentages may show as fractions"
            )
    elif suffix != ".csv":
        notes.append(
            f"number formats are not read from {suffix} files: a percentage may show "
            "as a fraction (0.95)"
        )
    if suffix in _NO_MERGES:
        notes.append(f"merged ranges are not read from {suffix} files")
    tables = []
    texts = _Texts()
    with workbook:
        for meta in workbook.sheets_metadata:
            if meta.typ != calamine.SheetTypeEnum.WorkSheet:
                notes.append(f"sheet {meta.name!r} is a {meta.typ.name}, not a worksheet: skipped")
                continue
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
                values = sheet.to_python(skip_empty_area=True)
                start = sheet.start
                merges = sheet.merged_cell_ranges
            except (calamine.CalamineError, ValueError) as exc:
                raise ReadError(
                    source,
                    f"cannot read sheet {meta.name!r} ({_reason(exc)})",
                    f"the file may be damaged: {_RESAVE}",
                ) from exc
            hidden = meta.visible != calamine.SheetVisibleEnum.Visible
            tables.append(
                _table(
                    meta.name,
                    hidden,
                    values,
                    start,
                    merges or [],
                    percent.get(meta.name, set()),
                    texts.__getitem__,
                    spans_known=suffix not in _NO_MERGES,
                )
            )
    return Document(source, tuple(tables), (), tuple(notes))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


Value = object


def _table(
    name: str,
    hidden: bool,
    values: Sequence[Sequence[Value]],
    start: tuple[int, int] | None,
    merges: list[tuple[tuple[int, int], tuple[int, int]]],
    percent: set[tuple[int, int]],
    text_of: Callable[[Value], str],
    *,
    spans_known: bool,
) -> Table:
    top, left = start if start is not None and values else (0, 0)
    height = len(values)
    width = max((len(row) for row in values), default=0)
    if merges:  # grow the grid to hold every merged range whole
        new_top = min([top if values else merges[0][0][0]] + [m[0][0] for m in merges])
        new_left = min([left if values else merges[0][0][1]] + [m[0][1] for m in merges])
        bottom = max([top + height - 1] + [m[1][0] for m in merges])
        right = max([left + width - 1] + [m[1][1] for m in merges])
        if (new_top, new_left, bottom - new_top + 1, right - new_left + 1) != (
            top,
            left,
            height,
            width,
        ):
            values = _reframe(
                values, top, left, new_top, new_left, bottom - new_top + 1, right - new_left + 1
            )
            top, left = new_top, new_left
            height, width = len(values), right - new_left + 1
    texts = []
    raws = []
    for row in values:
        if len(row) < width:
            row = [*row, *[""] * (width - len(row))]
        texts.append(tuple(map(text_of, row)))
        raws.append(tuple(row))
    grid_percent: frozenset[tuple[int, int]] = frozenset()
    if percent:
        found = []
        for r, c in percent:
            gr, gc = r - top, c - left
            value = raws[gr][gc] if 0 <= gr < height and 0 <= gc < width else None
            if type(value) is float or type(value) is int:
                found.append((gr, gc))
                row_texts = list(texts[gr])
                row_texts[gc] = percent_text(value)
                texts[gr] = tuple(row_texts)
        grid_percent = frozenset(found)
    make_span, make_location = Span._make, Location._make
    spans = tuple(
        make_span((r0 - top, c0 - left, r1 - r0 + 1, c1 - c0 + 1))
        for (r0, c0), (r1, c1) in merges
        if (r0, c0) != (r1, c1)
    )
    places = tuple(make_location((name, None, None, None, top + r, left)) for r in range(height))
    return Table(
        name,
        hidden,
        tuple(texts),
        tuple(raws),
        Location(sheet=name, row=top, col=left),
        places,
        spans,
        spans_known,
        grid_percent,
    )


class _Texts(dict[object, str]):
    """Value → text, computed once per distinct value (the lookups run in C through `map`).

    0, 1 and booleans are never stored: True == 1 == 1.0 as dict keys, and they differ in text.
    """

    def __missing__(self, value: object) -> str:
        if type(value) is str:
            text = normalize_text(value)
        elif type(value) is float or type(value) is int:
            text = number_text(value)
        else:
            return _other_text(value)
        if value != 0 and value != 1:
            self[value] = text
        return text


def _reframe(
    values: Sequence[Sequence[Value]],
    top: int,
    left: int,
    new_top: int,
    new_left: int,
    height: int,
    width: int,
) -> list[list[Value]]:
    grid: list[list[Value]] = [[""] * width for _ in range(height)]
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            grid[top - new_top + r][left - new_left + c] = value
    return grid


def _other_text(value: Value) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return (
            value.isoformat(sep=" ")
            if value.time() != datetime.time()
            else value.date().isoformat()
        )
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if value is None:
        return ""
    return normalize_text(str(value))
