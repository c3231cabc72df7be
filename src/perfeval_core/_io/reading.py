"""Reading files: a size limit, UTF-8 with a clear error, and TOML parsed with exact Decimals.

Every file perfeval reads passes through :func:`read_text` (size limit, encoding, one clear
error) and, for TOML, :func:`parse_toml` (syntax errors with line and column, a nesting limit).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tomllib
from decimal import Decimal
from typing import Any, BinaryIO

from .._errors import InputError
from .locating import key_path

#: Files larger than this are refused before they are read whole.
MAX_FILE_BYTES = 2 * 1024 * 1024
#: How standard input is named in messages (``-`` on the command line).
STDIN_NAME = "<stdin>"
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 text file, refusing one over :data:`MAX_FILE_BYTES` before reading it, and
    anything but a regular file (a FIFO or a device would block or never end) before opening it.
    """
    name = str(path)
    try:
        _regular(os.stat(path), name)  # before opening: opening a FIFO waits for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as f:
            st = os.fstat(f.fileno())
            _regular(st, name)  # the same file as the one looked at, not one swapped in
            if st.st_size > MAX_FILE_BYTES:
                raise InputError(
                    f"file is {st.st_size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                    file=name,
                    hint="split the file; an evaluation is normally a few kilobytes",
                )
            # one byte more than stated (not MAX_FILE_BYTES + 1: reading allocates that much
            # first); a file that grew meanwhile is read on up to the limit
            data = f.read(st.st_size + 1)
            if len(data) > st.st_size:
                data += f.read(MAX_FILE_BYTES + 1 - len(data))
    except OSError as exc:
        raise unreadable_error(exc, name) from None
    return decode_text(data, name)


def read_stream(stream: BinaryIO, name: str = STDIN_NAME) -> str:
    """Read UTF-8 text from a binary stream (standard input), with the limits of
    :func:`read_text`; ``name`` stands for the file in messages."""
    return decode_text(stream.read(MAX_FILE_BYTES + 1), name)


def decode_text(data: bytes, name: str) -> str:
    """The bytes of a file as text: at most :data:`MAX_FILE_BYTES`, UTF-8 (a BOM allowed)."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"file is over the limit of {MAX_FILE_BYTES:,} bytes", file=name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            "the file is UTF-16 text, not UTF-8",
            file=name,
            hint="save it as UTF-8 (in the editor's Save As, choose the encoding UTF-8)",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            file=name,
            line=line,
            hint="save the file as UTF-8 (GBK/GB18030 files: re-save as UTF-8 in your editor)",
        ) from None


def _regular(st: os.stat_result, name: str) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, not a file", file=name)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(
            f"is {_KINDS.get(stat.S_IFMT(st.st_mode), 'not a regular file')}, not a file "
            "perfeval can read",
            file=name,
            hint="give a .toml file saved on disk",
        )


_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def unreadable_error(exc: OSError, name: str) -> InputError:
    """The error for a file that cannot be opened or read (``exc``), in words."""
    if isinstance(exc, FileNotFoundError):
        return InputError("no such file", file=name, hint="check the path")
    if isinstance(exc, IsADirectoryError):
        return InputError("is a directory, not a file", file=name)
    if isinstance(exc, PermissionError):
        return InputError("permission denied", file=name)
    if exc.errno == errno.ELOOP:
        return InputError(
            "is a symbolic link that leads back to itself (a loop of links)",
            file=name,
            hint="point the link at the file itself",
        )
    return InputError(f"cannot read the file: {exc.strerror or exc}", file=name)


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
        raise InputError(
            f"invalid TOML: {msg}", file=file, line=line, hint=_toml_hint(msg)
        ) from None
    except RecursionError:
        raise InputError(
            f"lists or tables nested more than {MAX_NESTING} levels deep",
            file=file,
            hint="an indicator tree has a few levels; check the brackets",
        ) from None
    _check_nesting(data, file)
    return data


def _toml_hint(message: str) -> str:
    if message.startswith("Cannot mutate immutable namespace"):
        return (
            "a list or table written inline (children = [ … ], or children = []) cannot be "
            "extended by a [[…]] table below it: put the rows inside the list, or delete the "
            "children = … line and write each row as a [[….children]] table"
        )
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
            where = key_path(data, path[:6])
            raise InputError(
                f"lists or tables nested more than {MAX_NESTING} levels deep",
                file=file,
                where=(where + " › …") if where else None,
                hint="an indicator tree has a few levels; check the file was not "
                "generated by mistake",
            )
        items = (
            node.items()
            if isinstance(node, dict)
            else enumerate(node)
            if isinstance(node, list)
            else ()
        )
        for key, child in items:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1, [*path, key]))
