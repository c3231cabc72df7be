"""Writing output files: atomically, never over a file unless asked, under names that cannot
collide within one run.

A file is written to a temporary file created exclusively in the target folder (a name no one
can plant a link under) and then moved into place in one step: a failure or a kill leaves no
partial output. Without ``overwrite`` the move is a hard link, which fails when the name exists —
so "no overwrite" holds even against another process writing at the same moment.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .._errors import ExportError

#: The prefix of every temporary file perfeval writes (``.perfeval-<pid>-….tmp``).
TEMP_PREFIX = ".perfeval-"
#: File names are cut to this many bytes (the limit of ext4, XFS, APFS and NTFS is 255).
MAX_NAME_BYTES = 255

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
#: Invisible characters that make a name look like another: bidi controls and zero widths.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
#: Names Windows refuses for a file, whatever the suffix (users copy these files there).
_RESERVED = frozenset(
    {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{i}" for i in range(1, 10)),
        *(f"LPT{i}" for i in range(1, 10)),
    }
)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: Outputs get the permissions a plain open() would give them (temporary files start at 0600).
_MODE = 0o666 & ~_umask()


class FileExists(ExportError):
    """The target exists and overwriting was not asked for."""


def write_atomic(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file: never a partial file.

    With ``overwrite`` False an existing ``path`` raises :class:`FileExists` and is left as it
    is, even if it appears while the data is being written.
    """
    target = Path(path)
    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=folder)
    except OSError as exc:  # a missing folder, a folder that is a file, no permission
        raise _cannot_write(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            os.fchmod(f.fileno(), _MODE)
        if overwrite:
            os.replace(tmp, target)
        else:
            _link(tmp, target)
    except FileExistsError:
        _remove(tmp)
        raise FileExists(f"{target} exists", hint="use --force to overwrite it") from None
    except OSError as exc:  # a folder in the way, a full disk, a name too long
        _remove(tmp)
        raise _cannot_write(target, exc) from None
    except BaseException:
        _remove(tmp)
        raise


@contextmanager
def open_atomic(path: str | os.PathLike[str], *, overwrite: bool = True) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through, as :func:`write_atomic` writes it: a temporary
    file moved into place when the block ends without an error, removed when it raises — for
    an output written piece by piece (a batch summary of 100,000 rows), never held whole."""
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            os.fchmod(f.fileno(), _MODE)
        if overwrite:
            os.replace(tmp, target)
        else:
            _link(tmp, target)
    except FileExistsError:
        _remove(tmp)
        raise FileExists(f"{target} exists", hint="use --force to overwrite it") from None
    except OSError as exc:
        _remove(tmp)
        raise _cannot_write(target, exc) from None
    except BaseException:
        _remove(tmp)
        raise


def stage(folder: str | os.PathLike[str], data: bytes) -> str:
    """``data`` in a temporary file of ``folder``, to be moved into place by :func:`place` (or
    removed with :func:`discard`): many outputs written one by one, placed all together."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _cannot_write(Path(folder), exc) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            os.fchmod(f.fileno(), _MODE)
    except OSError as exc:
        _remove(tmp)
        raise _cannot_write(Path(folder), exc) from None
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def place(tmp: str, path: str | os.PathLike[str], *, overwrite: bool = True) -> None:
    """Move a file :func:`stage` wrote to ``path``, as :func:`write_atomic` does (without
    ``overwrite``, an existing ``path`` raises :class:`FileExists`); ``tmp`` is gone after."""
    target = Path(path)
    try:
        if overwrite:
            os.replace(tmp, target)
        else:
            _link(tmp, target)
    except FileExistsError:
        _remove(tmp)
        raise FileExists(f"{target} exists", hint="use --force to overwrite it") from None
    except OSError as exc:
        _remove(tmp)
        raise _cannot_write(target, exc) from None


def discard(tmp: str) -> None:
    """Remove a file :func:`stage` wrote and that is not to be placed."""
    _remove(tmp)


def _link(tmp: str, target: Path) -> None:
    """Move ``tmp`` to ``target`` unless ``target`` exists (then FileExistsError)."""
    try:
        os.link(tmp, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: create the name exclusively instead
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "wb") as out, open(tmp, "rb") as src:
            out.write(src.read())
    _remove(tmp)


def _cannot_write(target: Path, exc: OSError) -> ExportError:
    return ExportError(
        f"cannot write {target}: {exc.strerror or exc}",
        hint="check that the folder exists and can be written to",
    )


def _remove(path: str | Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def safe_stem(name: str, *, fallback: str = "evaluation") -> str:
    """``name`` as a file name without suffix: no path separators, no characters Windows
    refuses, no invisible direction or width marks, no reserved device name, at most
    :data:`MAX_NAME_BYTES` bytes with room for a suffix and a number."""
    stem = _INVISIBLE.sub("", unicodedata.normalize("NFC", name))
    stem = _UNSAFE.sub("_", stem).strip(" .") or fallback
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"_{stem}"
    return _cut(stem, MAX_NAME_BYTES - 32)


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, on a character boundary."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore").rstrip(" .")


class OutputNames:
    """Names for the files of one run in one folder: each stem gets its own name, a stem used
    again gets ``-2``, ``-3`` … and no two names handed out can be the same (``甲``, ``甲`` and
    ``甲-2`` give ``甲``, ``甲-2`` and ``甲-2-2``)."""

    def __init__(self, folder: str | os.PathLike[str], suffix: str) -> None:
        self.folder, self.suffix = Path(folder), suffix
        self._taken: set[str] = set()
        self._count: dict[str, int] = {}

    def claim(self, name: str) -> Path:
        """The path for an output called ``name`` (made safe), unique in this run."""
        stem = safe_stem(name)
        n = self._count.get(stem, 0)
        while True:
            n += 1
            candidate = stem if n == 1 else f"{stem}-{n}"
            if candidate.casefold() not in self._taken:  # case-insensitive file systems too
                break
        self._count[stem] = n
        self._taken.add(candidate.casefold())
        return self.folder / f"{candidate}{self.suffix}"
