"""Writing a folder of outputs as one unit: every file goes into a new folder beside the target,
and only the finished folder is put in the target's place (a rename). A failure, an interrupt or
a kill never leaves a half-written folder where the target is, and never spoils a good one there.

A folder perfeval wrote this way holds a marker file (:data:`MARKER`); only such a folder, or an
empty one, is ever replaced — a folder of someone's own files is refused, ``--force`` or not.

Files are written by a thread of their own, so that the disk works while the next file is being
made; a file that cannot be written makes the whole folder fail (:meth:`StagedFolder.commit`
raises, and nothing is put in place).
"""

from __future__ import annotations

import os
import posixpath
import queue
import shutil
import tempfile
import threading
from pathlib import Path

from .._errors import ExportError
from .files import TEMP_PREFIX, _umask

#: The file that marks a folder as written by perfeval (so that it may be replaced).
MARKER = ".perfeval-report"
#: A finished folder gets the permissions mkdir would give it (temporary ones start at 0700).
_FOLDER_MODE = 0o777 & ~_umask()
#: Files waiting for the writing thread, at most (bounds the memory they hold).
_QUEUED = 64


class StagedFolder:
    """A folder written beside ``target`` and moved into its place by :meth:`commit`.

    ``kind`` is written into the marker file (e.g. ``html``). Without ``overwrite`` an existing,
    non-empty ``target`` is an error; with it, only a folder holding the marker is replaced.
    """

    def __init__(self, target: str | os.PathLike[str], kind: str, *, overwrite: bool) -> None:
        self.target = Path(target)
        self.kind = kind
        self.overwrite = overwrite
        self._check_target()
        parent = self.target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self.path = Path(
                tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=parent)
            )
        except OSError as exc:
            raise _cannot_write(self.target, exc) from None
        self._folders: set[str] = {""}
        self._committed = False
        self._queue: queue.Queue[tuple[str, bytes] | None] = queue.Queue(_QUEUED)
        self._writer: threading.Thread | None = None
        self._error: ExportError | None = None
        self._write_now(MARKER, f"{kind}\n".encode())

    def _check_target(self) -> None:
        target = self.target
        if target.exists() and not target.is_dir():
            raise ExportError(
                f"{target} is a file, not a folder", hint="give -o a folder for the report"
            )
        if not target.is_dir() or not any(target.iterdir()):
            return
        if not (target / MARKER).is_file():
            raise ExportError(
                f"{target} exists and holds files perfeval did not write",
                hint="give a new or empty folder for the report (it is replaced as a whole)",
            )
        if not self.overwrite:
            raise ExportError(f"{target} exists", hint="use --force to replace it")

    def write(self, name: str, data: bytes) -> None:
        """Write ``data`` to ``name``, a relative path with ``/`` (sub-folders are created).

        The file is handed to the writing thread; a file that cannot be written is raised by
        :meth:`commit` (once a file failed, the rest are not written)."""
        parts = name.split("/")
        if not name or name.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise ExportError(f"a report file may not be called {name!r}")
        if self._error is not None:
            return
        if self._writer is None:
            self._writer = threading.Thread(target=self._drain, name="perfeval-writer", daemon=True)
            self._writer.start()
        self._queue.put((name, data))

    def _drain(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._write_now(*item)
                except ExportError as exc:
                    self._error = exc
                except Exception as exc:  # never leave the queue unread
                    self._error = ExportError(f"cannot write {item[0]}: {exc}")

    def _write_now(self, name: str, data: bytes) -> None:
        folder = posixpath.dirname(name)
        try:
            if folder not in self._folders:
                (self.path / folder).mkdir(parents=True, exist_ok=True)
                self._folders.add(folder)
            with open(self.path / name, "wb") as f:
                f.write(data)
        except OSError as exc:
            raise _cannot_write(self.target / name, exc) from None

    def _wait(self) -> None:
        """Let the writing thread finish what it was given."""
        if self._writer is not None:
            self._queue.put(None)
            self._writer.join()
            self._writer = None

    def commit(self) -> None:
        """Put the finished folder in the target's place; a folder there before is removed.
        A file that could not be written is raised instead (and the folder is discarded)."""
        self._wait()
        if self._error is not None:
            self.discard()
            raise self._error
        self._check_target()  # again: something may have appeared there meanwhile
        os.chmod(self.path, _FOLDER_MODE)
        old = None
        try:
            if self.target.exists():
                old = Path(
                    tempfile.mkdtemp(
                        prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".old", dir=self.target.parent
                    )
                )
                os.replace(self.target, old / "report")
            try:
                os.replace(self.path, self.target)
            except OSError:
                if old is not None:  # put the previous one back
                    os.replace(old / "report", self.target)
                raise
        except OSError as exc:
            self.discard()
            if old is not None and not (old / "report").exists():
                shutil.rmtree(old, ignore_errors=True)
            raise _cannot_write(self.target, exc) from None
        self._committed = True
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        """Remove the folder being written (after a failure); nothing once committed."""
        self._wait()
        if not self._committed:
            shutil.rmtree(self.path, ignore_errors=True)


def relative_path(path: str | os.PathLike[str], start: str | os.PathLike[str]) -> str:
    """``path`` relative to the folder ``start``, with ``/`` (absolute where none exists, as
    between two Windows drives)."""
    try:
        rel = os.path.relpath(path, start)
    except ValueError:
        rel = os.path.abspath(path)
    return Path(rel).as_posix()


def _cannot_write(target: Path, exc: OSError) -> ExportError:
    return ExportError(
        f"cannot write {target}: {exc.strerror or exc}",
        hint="check that the folder exists and can be written to",
    )
