"""Writing output files: atomically, never over a file unless asked, under names that cannot
collide within one run.

A file is written to a temporary file created exclusively in the target folder (a name no one
can plant a link under) and then moved into place in one step: a failure or a kill leaves no
partial output. Without ``overwrite`` the move is a hard link, which fails when the name exists —
so "no overwrite" holds even against another process writing at the same moment.

A process killed between the two steps leaves its temporary file, ``.perfeval-<pid>-….tmp``
(hidden, and never a name an output can have: outputs never start with a dot);
:func:`remove_stale_temporaries` removes those of processes that are gone.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import time
import unicodedata
from pathlib import Path

from .._errors import ExportError

#: The prefix of every temporary file perfeval writes (``.perfeval-<pid>-….tmp``).
TEMP_PREFIX = ".perfeval-"
_TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)-[^/]*" + re.escape(_TEMP_SUFFIX))
#: A temporary file of a process that is no longer running is removed once it is this old (s);
#: one of a process that may be running (elsewhere, on a shared folder) once it is a day old.
STALE_AFTER = 60
STALE_ANYWAY_AFTER = 24 * 3600
#: File names are cut to this many bytes (the limit of ext4, XFS, APFS and NTFS is 255).
MAX_NAME_BYTES = 255
#: Room kept after a stem for ``-<n>`` and a suffix (``.docx``): a stem is at most 223 bytes.
_ROOM = 32

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f]')
#: Invisible characters that make a name look like another: bidi controls, zero widths, line
#: and paragraph separators.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
#: Names Windows refuses for a file, whatever the suffix (users copy these files there).
_RESERVED = frozenset(
    {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        "CONIN$",
        "CONOUT$",
        *(f"{port}{i}" for port in ("COM", "LPT") for i in [*"123456789", "¹", "²", "³"]),
    }
)
#: Errors of os.link that mean "this file system has no hard links" (FAT, some shares).
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EXDEV}


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
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=_TEMP_SUFFIX, dir=target.parent
        )
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
        raise FileExists(f"{target} exists", hint="use --force to overwrite it") from None
    except OSError as exc:  # a folder in the way, a full disk, a name too long
        raise _cannot_write(target, exc) from None
    finally:  # after a replace or a link there is nothing left to remove
        _remove(tmp)


def _link(tmp: str, target: Path) -> None:
    """Give ``tmp``'s content the name ``target`` unless it exists (then FileExistsError)."""
    try:
        os.link(tmp, target, follow_symlinks=False)
        return
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
    # no hard links here: claim the name exclusively, then move the whole file over the claim
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)))
    try:
        os.replace(tmp, target)
    except BaseException:
        _remove(target)
        raise


def _cannot_write(target: Path, exc: OSError) -> ExportError:
    hint = "check that the folder exists and can be written to"
    if exc.errno == errno.ENAMETOOLONG:
        hint = "the folder's path is too long: write into a folder with a shorter path"
    elif exc.errno == errno.ENOSPC:
        hint = "the disk is full: free some space"
    elif exc.errno == errno.EISDIR:
        hint = "a folder has the name of this file: rename or remove the folder"
    return ExportError(f"cannot write {target}: {exc.strerror or exc}", hint=hint)


def _remove(path: str | Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def remove_stale_temporaries(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files a killed perfeval left in ``folder``; returns them.

    A temporary file is stale when the process whose id it carries is not running and it is
    older than :data:`STALE_AFTER` seconds, or when it is older than
    :data:`STALE_ANYWAY_AFTER` (a process on another machine writing into a shared folder).
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:  # no such folder yet, or not readable: nothing of ours can be there
        return removed
    now = time.time()
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if match is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        age = now - st.st_mtime
        if age > STALE_ANYWAY_AFTER or (age > STALE_AFTER and not _running(int(match.group(1)))):
            _remove(entry.path)
            removed.append(Path(entry.path))
    return removed


def remove_own_temporaries(folder: str | os.PathLike[str]) -> None:
    """Remove this process's temporary files from ``folder``: on the way out of an
    interrupted run (Ctrl-C or SIGTERM can arrive while :func:`write_atomic` creates one)."""
    prefix = f"{TEMP_PREFIX}{os.getpid()}-"
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and name.endswith(_TEMP_SUFFIX):
            _remove(os.path.join(folder, name))


def _running(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (True when that cannot be told)."""
    if os.name != "posix":  # os.kill(pid, 0) would stop the process on Windows
        return True
    try:
        os.kill(pid, 0)  # signal 0: nothing is sent, the process is only looked up
    except PermissionError:  # another user's process
        return True
    except (OSError, OverflowError):  # no such process, or an id no process can have
        return False
    return True


def safe_stem(name: str, *, fallback: str = "evaluation") -> str:
    """``name`` as a file name without suffix: no path separators, no characters Windows
    refuses, no invisible direction or width marks, no reserved device name, never starting
    with a dot (hidden, and the mark of perfeval's temporary files), at most
    :data:`MAX_NAME_BYTES` bytes with room for a suffix and a number."""
    stem = _INVISIBLE.sub("", unicodedata.normalize("NFC", name))
    stem = stem.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate (from Python)
    stem = _UNSAFE.sub("_", stem).strip(" .") or fallback
    if stem.split(".")[0].rstrip(" ").upper() in _RESERVED:
        stem = f"_{stem}"
    return _cut(stem, MAX_NAME_BYTES - _ROOM) or fallback


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, on a character boundary."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore").rstrip(" .")


class OutputNames:
    """Names for the files of one run in one folder: each stem gets its own name, a stem used
    again gets ``-2``, ``-3`` … and no two names handed out can be the same (``甲``, ``甲`` and
    ``甲-2`` give ``甲``, ``甲-2`` and ``甲-2-2``), not even on a file system that ignores case."""

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
            if candidate.casefold() not in self._taken:
                break
        self._count[stem] = n
        self._taken.add(candidate.casefold())
        return self.folder / f"{candidate}{self.suffix}"
