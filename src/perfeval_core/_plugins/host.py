"""The plugin host: loads the built-in and installed plugins into a :class:`Registry`.

Plugins are found through the ``perfeval`` entry-point group. Each entry point is loaded on its
own: one that fails to import, misspells a hook or raises inside a hook is recorded (``perfeval
plugins`` shows it), what it registered is withdrawn, and the rest keep working. The built-ins
register first, so a plugin can never take a name they hold: when two plugins register one
name, the later plugin is refused with a message naming both.
"""

from __future__ import annotations

import difflib
import importlib
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pluggy

from .._errors import DuplicateNameError
from . import hookspecs
from .entrypoints import entry_points
from .registry import BUILTINS, PluginInfo, Registry

ENTRY_POINT_GROUP = "perfeval"

#: perfeval's own plugins (name → module), registered exactly as third-party plugins are.
DEFAULT_PLUGINS = {BUILTINS: "perfeval_core._builtins"}


class _Collector:
    """Calls each plugin's hooks on its own, plugin after plugin (the built-ins first),
    attributing what it registers; a plugin that fails is withdrawn whole, so that what is
    left works and a failed plugin registers nothing."""

    def __init__(self, pm: pluggy.PluginManager, registry: Registry) -> None:
        self.pm, self.registry = pm, registry

    def run(self) -> None:
        r = self.registry
        hooks: list[tuple[str, Callable[[str, Any], None]]] = [
            ("perfeval_register_rules", self._add_rule),
            (
                "perfeval_register_policies",
                lambda owner, p: self._claim(r.policies, "policy", p.id, p, owner),
            ),
            (
                "perfeval_register_exporters",
                lambda owner, e: self._claim(r.exporters, "exporter", e.name, e, owner),
            ),
            (
                "perfeval_register_summaries",
                lambda owner, s: self._claim(r.summaries, "summary", s.name, s, owner),
            ),
            (
                "perfeval_register_reports",
                lambda owner, rep: self._claim(r.reports, "report", rep.name, rep, owner),
            ),
            (
                "perfeval_register_checks",
                lambda owner, c: self._claim(r.checks, "check", c.code, c, owner),
            ),
            ("perfeval_register_readers", self._add_reader),
            (
                "perfeval_register_blanks",
                lambda owner, b: self._claim(r.blanks, "blank", b.name, b, owner),
            ),
            ("perfeval_register_framework_paths", self._add_path),
            ("perfeval_register_form_paths", self._add_form_path),
        ]
        impls = {
            hook: {impl.plugin_name: impl for impl in getattr(self.pm.hook, hook).get_hookimpls()}
            for hook, _ in hooks
        }
        # in the order plugins were registered, whatever tryfirst/trylast say
        for owner, info in r.plugins.items():
            if info.error:
                continue
            start = time.perf_counter()
            for hook, add in hooks:
                impl = impls[hook].get(owner)
                error = None if impl is None else self._call(hook, impl, add, owner)
                if error is not None:
                    info.error = error
                    self._withdraw(owner, info)
                    break
            info.seconds += time.perf_counter() - start

    def _call(
        self, hook: str, impl: Any, add: Callable[[str, Any], None], owner: str
    ) -> str | None:
        """Call one hook of one plugin; the error when it fails."""
        if impl.hookwrapper or getattr(impl, "wrapper", False):
            return f"{hook} is a hook wrapper: perfeval's hooks are called once each"
        try:
            impl.function(register=lambda obj: add(owner, obj))
        except DuplicateNameError as exc:
            return str(exc)
        except (Exception, SystemExit) as exc:  # a broken plugin must not break the others
            return f"{hook} failed: {type(exc).__name__}: {exc}"
        return None

    def _withdraw(self, owner: str, info: PluginInfo) -> None:
        """Take back everything ``owner`` registered before it failed."""
        r = self.registry
        tables: dict[str, dict[str, Any]] = {
            "rule": r.rules,
            "policy": r.policies,
            "exporter": r.exporters,
            "summary": r.summaries,
            "report": r.reports,
            "check": r.checks,
            "reader": r.readers,
            "blank": r.blanks,
        }
        for key, holder in list(r.owners.items()):
            if holder == owner:
                del r.owners[key]
                what, name = key
                if what in tables:
                    tables[what].pop(name, None)
                elif what == "frameworks":
                    r.framework_paths.remove(Path(name))
                elif what == "forms":
                    r.form_paths.remove(Path(name))
        for alias, kind in list(r.rule_names.items()):
            if kind not in r.rules:
                del r.rule_names[alias]
        for suffix, reader in list(r.reader_suffixes.items()):
            if reader not in r.readers:
                del r.reader_suffixes[suffix]
        info.registered.clear()

    def _claim(self, table: dict[str, Any], what: str, name: str, obj: Any, owner: str) -> None:
        key = (what, name)
        holder = self.registry.owners.get(key)
        if holder is not None and holder != owner:
            raise DuplicateNameError(
                f"{what} {name!r} is registered by both {holder!r} and {owner!r}; the plugin "
                f"{owner!r} is not loaded"
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
        self.registry.owners.setdefault(("frameworks", str(Path(path))), owner)
        self.registry.plugins[owner].registered.append(f"frameworks {path}")

    def _add_form_path(self, owner: str, path: Path) -> None:
        self.registry.form_paths.append(Path(path))
        self.registry.owners.setdefault(("forms", str(Path(path))), owner)
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
            version = ep.version
            if ep.name in registry.plugins:
                _refuse(registry, ep.name, version, "its name is taken by another plugin")
                continue
            start = time.perf_counter()
            try:
                plugin = ep.load()
            except (Exception, SystemExit) as exc:  # report, keep going
                registry.plugins[ep.name] = PluginInfo(
                    ep.name,
                    version,
                    error=f"failed to load: {type(exc).__name__}: {exc}",
                    seconds=time.perf_counter() - start,
                )
                continue
            _register(pm, registry, ep.name, plugin, version)
            registry.plugins[ep.name].seconds += time.perf_counter() - start
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
