"""The exceptions perfeval raises: one root, leaves that say where and what to do."""

from __future__ import annotations


class PerfevalError(Exception):
    """Root of every error perfeval raises on purpose."""

    def __init__(self, message: str, *, file: str | None = None, where: str | None = None,
                 line: int | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.where = where
        self.line = line
        self.hint = hint

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


class FrameworkNotFoundError(InputError, LookupError):
    """No framework with that id or path on the framework search path."""


class PluginError(PerfevalError):
    """A plugin failed to load or registered something invalid."""


class DuplicateNameError(PluginError, ValueError):
    """Two plugins registered the same name for an exporter, a policy or a rule."""


class ExportError(PerfevalError):
    """An export could not be written (the target exists, a format is unknown, …)."""
