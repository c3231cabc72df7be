"""The one error a reader raises for a file it cannot read."""

from __future__ import annotations

import os

from perfeval_core import InputError


class ReadError(InputError):
    """A file that cannot be read: which file, what is wrong, and what the user can do.

    An ``InputError`` of perfeval's (so ``perfeval import`` reports it as one line naming the
    file, exits 2 and writes nothing for it), and a ``ValueError``.
    """

    def __init__(
        self, file: str | os.PathLike[str], message: str, hint: str, *, line: int | None = None
    ) -> None:
        super().__init__(message, file=os.fspath(file), hint=hint, line=line)

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str, str]]:
        return (type(self), (self.file or "", self.message, self.hint or ""))
