"""Reader for tab-separated text: the `pdftotext`-style extraction `perfeval import-text` reads.

One line per table row, cells split by tabs; a merged cell is written only on its first row, so
the format cannot say what is merged (`spans_known` is False). A table is a run of lines with
tabs; blank lines inside it are skipped (extractors put them at page breaks), and any other line
ends it and is kept as text. Form feeds (\\f) count pages.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from .errors import ReadError
from .grid import Document, Location, Table, TextLine, build_table
from .normalize import normalize_line, normalize_text

__all__ = ["decode_text", "parse_text", "read_text"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # not str.splitlines: that splits at \f too


def read_text(path: str | os.PathLike[str]) -> Document:
    """Read a tab-separated text file (UTF-8, UTF-16 with a BOM, or GB18030)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ReadError(
            path,
            f"cannot open the file: {exc.strerror}",
            "check the path and that the file can be read",
        ) from exc
    text, note = decode_text(data, path)
    document = parse_text(text, os.fspath(path))
    if note:
        return Document(document.source, document.tables, document.text, (note, *document.notes))
    return document


def decode_text(data: bytes, path: str | os.PathLike[str]) -> tuple[str, str | None]:
    """The text of a file's bytes and a note when it was not UTF-8."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as exc:
                raise ReadError(
                    path,
                    f"the text is not valid {encoding}: {exc.reason}",
                    "save it again as UTF-8 text",
                ) from exc
    if b"\x00" in data:
        raise ReadError(
            path,
            "this is not a text file (it holds binary data)",
            "give a .txt of tab-separated rows, or the original .xlsx/.docx/.pdf",
        )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "decoded as GB18030 (not UTF-8)"
    except UnicodeDecodeError as exc:
        raise ReadError(
            path, "the text is neither UTF-8 nor GB18030", "save it again as UTF-8 text"
        ) from exc


def parse_text(text: str, source: str = "<text>") -> Document:
    """Split text into tables (runs of tab-separated lines) and text lines."""
    paged = "\f" in text
    tables: list[Table] = []
    lines: list[TextLine] = []
    run: list[tuple[int, int, str]] = []  # (line number, page, raw line)
    page = 1
    for number, raw in enumerate(_LINE_BREAK.split(text), start=1):
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        if "\t" in raw:
            run.append((number, page, raw))
        elif not raw.strip():
            continue
        else:
            if run:
                tables.append(_table(run, len(tables) + 1, paged))
                run = []
            lines.append(
                TextLine(
                    normalize_line(raw), raw, Location(line=number, page=page if paged else None)
                )
            )
    if run:
        tables.append(_table(run, len(tables) + 1, paged))
    return Document(source, tuple(tables), tuple(lines))


def _table(run: list[tuple[int, int, str]], index: int, paged: bool) -> Table:
    rows = [[(normalize_text(cell), cell) for cell in raw.split("\t")] for _, _, raw in run]
    places = [Location(line=number, col=0, page=page if paged else None) for number, page, _ in run]
    return build_table(
        f"table {index}",
        rows,
        (),
        places,
        spans_known=False,
        origin=Location(line=run[0][0], page=run[0][1] if paged else None),
    )
