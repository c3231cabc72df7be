"""The exceptions perfeval raises: one root, leaves that say where and what to do."""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def printable(text: str) -> str:
    """Text safe to print in a message: control characters (a carriage return too) shown as
    escapes; tabs and line feeds kept."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class PerfevalError(Exception):
    """Root of every error perfeval raises on purpose.

    ``file``, ``line`` and ``where`` (the key path, ``产出指标 › 数量指标 › 案件结案率``) say where
    the problem is, ``hint`` what to do. ``names`` is the indicator path (and key) the error is
    about, for whoever has the file's text to find its ``line``.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        where: str | None = None,
        line: int | None = None,
        hint: str | None = None,
        names: tuple[str, ...] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.where = where
        self.line = line
        self.hint = hint
        self.names = names

    def as_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``: where (file, line, key path), what, and what to do."""
        return {
            "file": self.file,
            "line": self.line,
            "where": self.where,
            "message": self.message,
            "hint": self.hint,
        }

    def __str__(self) -> str:
        place = self.file or ""
        if self.line is not None:
            place += f":{self.line}" if place else f"line {self.line}"
        parts = [f"{place}: " if place else ""]
        if self.where:
            parts.append(f"{self.where}: ")
        parts.append(self.message)
        text = "".join(parts)
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class InputError(PerfevalError, ValueError):
    """A file or argument a user gave is malformed; the message says where and how to fix it."""


class WrongKindError(InputError):
    """A framework file given where an evaluation is expected, or the reverse; ``kind`` is
    what the file is (``"framework"`` or ``"evaluation"``)."""

    def __init__(
        self,
        message: str,
        *,
        kind: str,
        file: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, file=file, line=line, hint=hint)
        self.kind = kind


class FrameworkNotFoundError(InputError, LookupError):
    """No framework with that id or path on the framework search path."""


class PluginError(PerfevalError):
    """A plugin failed to load or registered something invalid."""


class DuplicateNameError(PluginError, ValueError):
    """Two plugins registered the same name for an exporter, a policy, a rule or a check."""


class ExportError(PerfevalError):
    """An export could not be written (the target exists, a format is unknown, …)."""


#: Exit codes of every command: all well; findings of error severity; a file or argument that
#: could not be used (bad input, an unwritable output, a failed plugin).
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def exit_code(*, failed: bool, errors: bool) -> int:
    """The exit code of a run: 2 when any file failed, else 1 when any finding is an error."""
    if failed:
        return EXIT_INPUT
    return EXIT_FINDINGS if errors else EXIT_OK
