"""The one error a reader raises for a file it cannot read."""

from __future__ import annotations

import os


# Local for now: once the core restructuring lands this becomes a subclass of
# perfeval_core.errors.InputError (which already has `file`, `message` and `hint`).
class ReadError(ValueError):
    """A file that cannot be read: which file, what is wrong, and what the user can do."""

    def __init__(self, file: str | os.PathLike[str], message: str, hint: str) -> None:
        self.file = os.fspath(file)
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.file}: {self.message}\n  hint: {self.hint}"

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str, str]]:
        return (type(self), (self.file, self.message, self.hint))
