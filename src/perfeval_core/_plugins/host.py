"""The plugin host: loads the built-in and installed plugins into a :class:`Registry`.

Plugins are found through the ``perfeval`` entry-point group. Each entry point is loaded on its
own: one that fails to import, misspells a hook or raises inside a hook is recorded (``perfeval
plugins`` shows it) and the rest keep working. The built-ins register first, hook by hook, so a
plugin can never take a name they hold: two plugins registering one name are refused with a
message naming both, and it is the later one that is refused.
"""

from __future__ import annotations

import difflib
import importlib
import re
from collections.abc import Callable, Iterable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pluggy

from .._errors import DuplicateNameError
from . import hookspecs
from .registry import PluginInfo, Registry

ENTRY_POINT_GROUP = "perfeval"

#: perfeval's own plugins (name → module), registered exactly as third-party plugins are.
DEFAULT_PLUGINS = {"perfeval_core.builtins": "perfeval_core._builtins"}


class _Collector:
    """Calls each plugin's hooks on its own, in plugin order, attributing what it registers."""

    def __init__(self, pm: pluggy.PluginManager, registry: Registry) -> None:
        self.pm, self.registry = pm, registry

    def run(self) -> None:
        r = self.registry
        self._each("perfeval_register_rules", self._add_rule)
        self._each(
            "perfeval_register_policies",
            lambda owner, p: self._claim(r.policies, "policy", p.id, p, owner),
        )
        self._each(
            "perfeval_register_exporters",
            lambda owner, e: self._claim(r.exporters, "exporter", e.name, e, owner),
        )
        self._each(
            "perfeval_register_summaries",
            lambda owner, s: self._claim(r.summaries, "summary", s.name, s, owner),
        )
        self._each(
            "perfeval_register_checks",
            lambda owner, c: self._claim(r.checks, "check", c.code, c, owner),
        )
        self._each("perfeval_register_readers", self._add_reader)
        self._each(
            "perfeval_register_blanks",
            lambda owner, b: self._claim(r.blanks, "blank", b.name, b, owner),
        )
        self._each("perfeval_register_framework_paths", self._add_path)
        self._each("perfeval_register_form_paths", self._add_form_path)

    def _each(self, hook: str, add: Callable[[str, Any], None]) -> None:
        # in the order plugins were registered (built-ins first), whatever tryfirst/trylast say
        impls = {impl.plugin_name: impl for impl in getattr(self.pm.hook, hook).get_hookimpls()}
        for owner, info in self.registry.plugins.items():
            impl = impls.get(owner)
            if impl is None or info.error:
                continue
            try:
                impl.function(register=lambda obj, owner=owner: add(owner, obj))
            except DuplicateNameError as exc:
                info.error = str(exc)
            except Exception as exc:  # a broken plugin must not break the others
                info.error = f"{hook} failed: {type(exc).__name__}: {exc}"

    def _claim(self, table: dict[str, Any], what: str, name: str, obj: Any, owner: str) -> None:
        key = (what, name)
        holder = self.registry.owners.get(key)
        if holder is not None and holder != owner:
            raise DuplicateNameError(
                f"{what} {name!r} is registered by both {holder!r} and {owner!r}; the one from "
                f"{owner!r} is ignored"
            )
        self.registry.owners[key] = owner
        table[name] = obj
        self.registry.plugins[owner].registered.append(f"{what} {name}")

    def _add_rule(self, owner: str, rule: Any) -> None:
        names = self.registry.rule_names
        for alias in (rule.kind, *rule.aliases):
            if names.get(alias, rule.kind) != rule.kind:
                raise DuplicateNameError(
                    f"rule name {alias!r} of {owner!r} is taken by rule {names[alias]!r}"
                )
        self._claim(self.registry.rules, "rule", rule.kind, rule, owner)
        for alias in (rule.kind, *rule.aliases):
            names[alias] = rule.kind

    def _add_reader(self, owner: str, reader: Any) -> None:
        suffixes = self.registry.reader_suffixes
        for suffix in reader.suffixes:
            taken = suffixes.get(suffix.lower())
            if taken is not None and taken != reader.name:
                raise DuplicateNameError(
                    f"suffix {suffix!r} of reader {reader.name!r} ({owner!r}) is taken by reader "
                    f"{taken!r} ({self.registry.owners[('reader', taken)]!r})"
                )
        self._claim(self.registry.readers, "reader", reader.name, reader, owner)
        for suffix in reader.suffixes:
            suffixes[suffix.lower()] = reader.name

    def _add_path(self, owner: str, path: Path) -> None:
        self.registry.framework_paths.append(Path(path))
        self.registry.plugins[owner].registered.append(f"frameworks {path}")

    def _add_form_path(self, owner: str, path: Path) -> None:
        self.registry.form_paths.append(Path(path))
        self.registry.plugins[owner].registered.append(f"forms {path}")


def build_registry(
    extra_plugins: Iterable[tuple[str, object]] = (), *, load_entry_points: bool = True
) -> Registry:
    """Load the built-ins, the installed entry points (unless told not to) and ``extra_plugins``."""
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    registry = Registry()
    for name, module in DEFAULT_PLUGINS.items():
        _register(pm, registry, name, importlib.import_module(module), "")
    if load_entry_points:
        for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            version = ep.dist.version if ep.dist else ""
            if ep.name in registry.plugins:
                _refuse(registry, ep.name, version, "its name is taken by another plugin")
                continue
            try:
                plugin = ep.load()
            except Exception as exc:  # report, keep going
                registry.plugins[ep.name] = PluginInfo(
                    ep.name, version, error=f"failed to load: {type(exc).__name__}: {exc}"
                )
                continue
            _register(pm, registry, ep.name, plugin, version)
    for name, plugin in extra_plugins:
        if name in registry.plugins:
            _refuse(registry, name, "", "its name is taken by another plugin")
            continue
        _register(pm, registry, name, plugin, "")
    _Collector(pm, registry).run()
    return registry


def _refuse(registry: Registry, name: str, version: str, why: str) -> None:
    """Record a plugin that is not loaded under a name of its own, keeping the one first there."""
    registry.plugins[f"{name} (refused)"] = PluginInfo(name, version, error=f"not loaded: {why}")


def _register(
    pm: pluggy.PluginManager, registry: Registry, name: str, plugin: object, version: str
) -> None:
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
    return f"unknown hook {found.group(1)!r}" + (
        f"; did you mean {guess[0]!r}?" if guess else f"; hooks: {', '.join(hooks)}"
    )


_registry: Registry | None = None


def get_registry() -> Registry:
    """The process-wide default registry, built on first use (so ``--version`` loads none)."""
    global _registry
    if _registry is None:
        _registry = build_registry()
    return _registry


def set_registry(registry: Registry | None) -> Registry | None:
    """Replace the process-wide default registry (tests); returns the previous one."""
    global _registry
    previous, _registry = _registry, registry
    return previous


def registry_or_default(registry: Registry | None) -> Registry:
    """``registry``, or the default one when None."""
    return get_registry() if registry is None else registry
