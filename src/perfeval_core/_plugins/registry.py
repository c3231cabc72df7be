"""The registry: what the plugins registered, by name, with who registered each.

A registry is passed to whatever needs plugins (loading, scoring, checking, exporting); what is
worked out from it once — rules built from a framework's rule tables, frameworks read from
disk — is kept on it, so that a registry never sees another registry's plugins.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from .._errors import InputError, PluginError, printable
from .install import BLANK_PLUGINS, FORMAT_PLUGINS, IMPORT_SUFFIXES, install_hint

if TYPE_CHECKING:
    from .._blank import BlankWriter
    from .._checks.base import Check
    from .._export.exporter import Exporter, SummaryWriter
    from .._export.report import Report
    from .._import.reader import Reader
    from .._model.grading import GradingPolicy
    from .._model.rules import Rule

T = TypeVar("T")

#: The name perfeval's own plugin (the built-ins) is registered under.
BUILTINS = "perfeval_core.builtins"


@attrs.define
class PluginInfo:
    """One plugin as ``perfeval plugins`` shows it."""

    name: str
    version: str = ""
    registered: list[str] = attrs.Factory(list)
    error: str | None = None
    #: Time spent importing the plugin and running its hooks, which every command waits for.
    seconds: float = 0.0


@attrs.define(eq=False)
class Registry:
    """What the plugins registered, by name, with who registered each (``owners``)."""

    exporters: dict[str, Exporter] = attrs.Factory(dict)
    summaries: dict[str, SummaryWriter] = attrs.Factory(dict)
    reports: dict[str, Report] = attrs.Factory(dict)
    policies: dict[str, GradingPolicy] = attrs.Factory(dict)
    rules: dict[str, type[Rule]] = attrs.Factory(dict)
    rule_names: dict[str, str] = attrs.Factory(dict)
    checks: dict[str, Check] = attrs.Factory(dict)
    readers: dict[str, Reader] = attrs.Factory(dict)
    #: file suffix → the name of the reader that takes it
    reader_suffixes: dict[str, str] = attrs.Factory(dict)
    blanks: dict[str, BlankWriter] = attrs.Factory(dict)
    framework_paths: list[Path] = attrs.Factory(list)
    form_paths: list[Path] = attrs.Factory(list)
    plugins: dict[str, PluginInfo] = attrs.Factory(dict)
    owners: dict[tuple[str, str], str] = attrs.Factory(dict)
    #: Worked out from the plugins once and kept: built rules, loaded frameworks.
    cache: dict[Any, Any] = attrs.Factory(dict)

    def exporter(self, name: str) -> Exporter:
        """The exporter called ``name``; an unknown name lists the installed ones (and for a
        format of perfeval's own plugins, how to install it)."""
        if name not in self.exporters and name in FORMAT_PLUGINS:
            distribution = FORMAT_PLUGINS[name]
            raise InputError(
                f"unknown export format {name!r}: it comes with the {distribution} plugin, "
                "which is not installed",
                hint=f"{install_hint(distribution)}; "
                f"installed: {', '.join(sorted(self.exporters)) or 'none'} (--format)",
            )
        return _lookup(self.exporters, name, "export format", "--format")

    def reader_for(self, path: str | Path) -> Reader:
        """The reader of a file, by its suffix; a suffix no reader takes says which ones are
        read (and, for a format of perfeval's own import plugin, how to install it)."""
        suffix = Path(path).suffix.lower()
        name = self.reader_suffixes.get(suffix)
        if name is not None:
            return self.readers[name]
        known = ", ".join(sorted(self.reader_suffixes)) or "none"
        if suffix in IMPORT_SUFFIXES:
            distribution = IMPORT_SUFFIXES[suffix]
            raise InputError(
                f"cannot import {suffix} files: they are read by the {distribution} plugin, "
                "which is not installed",
                file=str(path),
                hint=f"{install_hint(distribution)}; readable now: {known}",
            )
        raise InputError(
            f"cannot import {suffix or 'files without a suffix'}: no reader takes them",
            file=str(path),
            hint=f"give a file of a kind a reader takes ({known}); `perfeval plugins` lists "
            "the readers",
        )

    def blank(self, name: str) -> BlankWriter:
        """The blank format ``name`` (``toml``, ``xlsx``); an unknown one lists them (and, for a
        format of perfeval's own plugins, how to install it)."""
        if name not in self.blanks and name in BLANK_PLUGINS:
            distribution = BLANK_PLUGINS[name]
            raise InputError(
                f"unknown blank format {name!r}: it comes with the {distribution} plugin, "
                "which is not installed",
                hint=f"{install_hint(distribution)}; "
                f"installed: {', '.join(sorted(self.blanks)) or 'none'} (--format)",
            )
        return _lookup(self.blanks, name, "blank format", "--format")

    def summary(self, name: str) -> SummaryWriter:
        """The summary writer for ``name`` (``xlsx``, ``json``); an unknown one lists them."""
        return _lookup(self.summaries, name, "summary format", "--summary FILE.<format>")

    def report(self, name: str) -> Report:
        """The report format ``name`` (``html``); an unknown one lists the installed ones."""
        if name not in self.reports and not self.reports:
            raise InputError(
                f"unknown report format {name!r}: no report format is installed",
                hint="the html report comes with perfeval-html: pip install perfeval-html "
                "(in a checkout: make setup)",
            )
        return _lookup(self.reports, name, "report format", "--report-format")

    def policy(self, name: str) -> GradingPolicy:
        """The grading policy ``name``; an unknown name lists the installed ones."""
        return _lookup(self.policies, name, "grading policy", "--policy or policy =")

    def rule(self, name: str) -> type[Rule]:
        """The rule class for a kind or alias (``"正向"`` → ``Higher``)."""
        kind = self.rule_names.get(name)
        if kind is None:
            _lookup(self.rule_names, name, "scoring rule", "rule =")
            raise AssertionError  # pragma: no cover - _lookup raised
        return self.rules[kind]

    def failure(
        self,
        what: str,
        name: str,
        exc: Exception,
        *,
        file: str | None = None,
        where: str | None = None,
    ) -> PluginError:
        """The error for ``exc`` raised by the ``what`` called ``name`` (``"exporter"``,
        ``"docx"``) while it ran: it names the plugin that registered it."""
        owner = self.owners.get((what, name))
        text = printable(str(exc))
        text = text if len(text) <= 300 else text[:300] + "…"
        happened = f"{what} {name!r} failed: {type(exc).__name__}: {text}"
        if owner is None or owner == BUILTINS:
            return PluginError(
                f"{happened} (an internal error of perfeval)",
                file=file,
                where=where,
                hint="please report it with the file; the other files are not affected",
            )
        return PluginError(
            f"{happened} (in plugin {owner!r})",
            file=file,
            where=where,
            hint=f"a bug in the plugin {owner!r}: report it to its authors; "
            "`perfeval plugins` lists the plugins",
        )

    def broken(self) -> list[PluginInfo]:
        """Plugins that failed, for warnings on stderr."""
        return [p for p in self.plugins.values() if p.error]


def _lookup(table: dict[str, T], name: str, what: str, key: str) -> T:
    if name in table:
        return table[name]
    guess = difflib.get_close_matches(name, list(table), n=1)
    hint = f"did you mean {guess[0]!r}? " if guess else ""
    raise InputError(
        f"unknown {what} {name!r}",
        hint=f"{hint}installed: {', '.join(sorted(table)) or 'none'} ({key})",
    )
