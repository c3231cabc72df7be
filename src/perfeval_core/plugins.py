"""The plugin host: loads built-in and installed plugins, and keeps what they register.

Plugins are found through the ``perfeval`` entry-point group. Each entry point is loaded on its
own: one that fails to import, misspells a hook or raises inside a hook is recorded (``perfeval
plugins`` shows it) and the rest keep working. Two plugins registering one name are refused with
a message naming both.
"""

from __future__ import annotations

import difflib
import importlib
import re
from collections.abc import Callable, Iterable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import attrs
import pluggy

from . import hookspecs
from .errors import DuplicateNameError, InputError, PluginError

ENTRY_POINT_GROUP = "perfeval"

#: Modules of perfeval itself, registered exactly as third-party plugins are.
DEFAULT_PLUGINS = ("perfeval_core.builtins",)


@attrs.define
class PluginInfo:
    """One plugin as ``perfeval plugins`` shows it."""

    name: str
    version: str = ""
    registered: list[str] = attrs.Factory(list)
    error: str | None = None


@attrs.define
class Registry:
    """What the plugins registered, by name, with who registered each."""

    exporters: dict[str, Any] = attrs.Factory(dict)
    policies: dict[str, Any] = attrs.Factory(dict)
    rules: dict[str, Any] = attrs.Factory(dict)
    rule_names: dict[str, str] = attrs.Factory(dict)
    framework_paths: list[Path] = attrs.Factory(list)
    plugins: dict[str, PluginInfo] = attrs.Factory(dict)
    owners: dict[tuple[str, str], str] = attrs.Factory(dict)

    def exporter(self, name: str) -> Any:
        """The exporter called ``name``; an unknown name lists the installed ones."""
        return _lookup(self.exporters, name, "export format", "--format")

    def policy(self, name: str) -> Any:
        """The grading policy ``name``; an unknown name lists the installed ones."""
        return _lookup(self.policies, name, "grading policy", "--policy or policy =")

    def rule(self, name: str) -> Any:
        """The rule class for a kind or alias (``"正向"`` → ``Higher``)."""
        kind = self.rule_names.get(name)
        if kind is None:
            return _lookup(self.rule_names, name, "scoring rule", "rule =")
        return self.rules[kind]


def _lookup(table: dict[str, Any], name: str, what: str, key: str) -> Any:
    if name in table:
        return table[name]
    guess = difflib.get_close_matches(name, list(table), n=1)
    hint = f"did you mean {guess[0]!r}? " if guess else ""
    raise InputError(f"unknown {what} {name!r}",
                     hint=f"{hint}installed: {', '.join(sorted(table)) or 'none'} ({key})")


class _Collector:
    """Calls each plugin's hooks on its own, attributing what it registers."""

    def __init__(self, pm: pluggy.PluginManager, registry: Registry) -> None:
        self.pm, self.registry = pm, registry

    def run(self) -> None:
        self._each("perfeval_register_rules", "rule", self._add_rule)
        self._each("perfeval_register_policies", "policy",
                   lambda owner, p: self._claim(self.registry.policies, "policy", p.id, p, owner))
        self._each("perfeval_register_exporters", "exporter",
                   lambda owner, e: self._claim(self.registry.exporters, "exporter", e.name, e,
                                                owner))
        self._each("perfeval_register_framework_paths", "frameworks", self._add_path)

    def _each(self, hook: str, what: str, add: Callable[[str, Any], None]) -> None:
        for impl in getattr(self.pm.hook, hook).get_hookimpls():  # registration order
            owner = impl.plugin_name
            info = self.registry.plugins[owner]
            if info.error:
                continue
            try:
                impl.function(register=lambda obj, owner=owner: add(owner, obj))
            except DuplicateNameError as exc:
                info.error = str(exc)
            except Exception as exc:  # a broken plugin must not break the others
                info.error = f"{hook} failed: {type(exc).__name__}: {exc}"

    def _claim(self, table: dict[str, Any], what: str, name: str, obj: Any, owner: str) -> None:
        key = (what, name)
        if key in self.registry.owners and self.registry.owners[key] != owner:
            raise DuplicateNameError(
                f"{what} {name!r} is registered by both {self.registry.owners[key]!r} and "
                f"{owner!r}; the one from {owner!r} is ignored")
        self.registry.owners[key] = owner
        table[name] = obj
        self.registry.plugins[owner].registered.append(f"{what} {name}")

    def _add_rule(self, owner: str, rule: Any) -> None:
        self._claim(self.registry.rules, "rule", rule.kind, rule, owner)
        for alias in (rule.kind, *rule.aliases):
            if self.registry.rule_names.get(alias, rule.kind) != rule.kind:
                raise DuplicateNameError(f"rule name {alias!r} of {owner!r} is taken by rule "
                                         f"{self.registry.rule_names[alias]!r}")
            self.registry.rule_names[alias] = rule.kind

    def _add_path(self, owner: str, path: Path) -> None:
        self.registry.framework_paths.append(Path(path))
        self.registry.plugins[owner].registered.append(f"frameworks {path}")


def build_registry(extra_plugins: Iterable[tuple[str, object]] = (), *,
                   load_entry_points: bool = True) -> Registry:
    """Load the built-ins, the installed entry points (unless told not to) and ``extra_plugins``."""
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    registry = Registry()
    for module_name in DEFAULT_PLUGINS:
        _register(pm, registry, module_name, importlib.import_module(module_name), "")
    if load_entry_points:
        for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            version = ep.dist.version if ep.dist else ""
            try:
                plugin = ep.load()
            except Exception as exc:  # report, keep going
                registry.plugins[ep.name] = PluginInfo(
                    ep.name, version, error=f"failed to load: {type(exc).__name__}: {exc}")
                continue
            _register(pm, registry, ep.name, plugin, version)
    for name, plugin in extra_plugins:
        _register(pm, registry, name, plugin, "")
    _Collector(pm, registry).run()
    return registry


def _register(pm: pluggy.PluginManager, registry: Registry, name: str, plugin: object,
              version: str) -> None:
    info = registry.plugins[name] = PluginInfo(name, version)
    try:
        pm.register(plugin, name=name)
    except ValueError as exc:
        info.error = f"could not register: {exc}"
        return
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        pm.unregister(plugin)
        info.error = _unknown_hook_message(exc)


def _unknown_hook_message(exc: pluggy.PluginValidationError) -> str:
    """The error for a misspelt hook, with the hook it probably meant."""
    text = str(exc)
    found = re.search(r"unknown hook '(\w+)'", text)
    if found is None:
        return text
    hooks = [n for n in dir(hookspecs) if n.startswith("perfeval_")]
    guess = difflib.get_close_matches(found.group(1), hooks, n=1)
    return f"unknown hook {found.group(1)!r}" + (f"; did you mean {guess[0]!r}?" if guess else
                                                  f"; hooks: {', '.join(hooks)}")


_registry: Registry | None = None


def get_registry() -> Registry:
    """The process-wide registry, built on first use (so ``--version`` loads no plugin)."""
    global _registry
    if _registry is None:
        _registry = build_registry()
    return _registry


def set_registry(registry: Registry | None) -> Registry | None:
    """Replace the process-wide registry (tests); returns the previous one."""
    global _registry
    previous, _registry = _registry, registry
    return previous


def broken_plugins() -> list[PluginInfo]:
    """Plugins that failed, for warnings on stderr."""
    return [p for p in get_registry().plugins.values() if p.error]


__all__ = ["PluginError", "PluginInfo", "Registry", "build_registry", "get_registry"]
