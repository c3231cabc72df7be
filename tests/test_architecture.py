"""The structure docs/architecture.md describes, kept by tests: layers, the public API, one
registry per caller."""

from __future__ import annotations

import ast
from pathlib import Path

import attrs
import pytest

import perfeval_core
from perfeval_core import Indicator, IndicatorSpec, Rule, RuleResult, hookimpl, loads_evaluation
from perfeval_core._model.tree import CONTENT_FIELDS
from perfeval_core.testing import isolated_registry, register_plugin

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "perfeval_core"

#: The layers from the bottom up; a module may import its own layer and the ones below.
LAYERS = [
    "base",
    "model",
    "forms",
    "io",
    "plugins",
    "loading",
    "checks",
    "services",
    "builtins",
    "cli",
    "facade",
]


def layer(module: str) -> str:
    """The layer of a module of perfeval_core (``perfeval_core._model.tree`` → model)."""
    parts = module.split(".")[1:]
    top = parts[0] if parts else "__init__"
    return {
        "_errors": "base",
        "_version": "base",
        "_model": "model",
        "_forms": "forms",
        "_io": "io",
        "_plugins": "plugins",
        "_loading": "loading",
        "_checks": "checks",
        "_export": "services",
        "_batch": "services",
        "_review": "services",
        "_blank": "services",
        "_import": "services",
        "_builtins": "builtins",
        "_cli": "cli",
        "__main__": "cli",
        "__init__": "facade",
        "testing": "facade",
    }[top]


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.append((".".join(parts), path))
    return out


def _imports(module: str, path: Path) -> list[tuple[int, str]]:
    """``(line, module)`` of every import of perfeval_core, not counting those for type checkers
    only (inside ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text("utf-8"))
    typing_only = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for n in ast.walk(node)
    }
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("perfeval_core"):
                found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, a.name) for a in node.names if a.name.startswith("perfeval_core")
            ]
    return found


@pytest.mark.parametrize("module,path", _modules(), ids=[m for m, _ in _modules()])
def test_every_import_points_to_the_same_layer_or_below(module, path):
    own = LAYERS.index(layer(module))
    for line, target in _imports(module, path):
        if target == "perfeval_core" and layer(module) == "facade":
            continue
        assert LAYERS.index(layer(target)) <= own, (
            f"{path.relative_to(ROOT)}:{line}: {module} ({layer(module)}) imports {target} "
            f"({layer(target)}), a layer above it"
        )


def test_the_model_imports_neither_io_nor_the_plugin_host():
    for module, path in _modules():
        if layer(module) == "model":
            for line, target in _imports(module, path):
                assert layer(target) in ("base", "model"), f"{module}:{line} imports {target}"


def test_the_layout_engine_is_pure():
    """Forms and layouts (``_forms``) build on the model alone: no I/O, no plugin host."""
    for module, path in _modules():
        if layer(module) == "forms":
            for line, target in _imports(module, path):
                assert layer(target) in ("base", "model", "forms"), (
                    f"{module}:{line} imports {target}"
                )


def test_no_plugin_imports_a_name_outside_the_public_api():
    public = set(perfeval_core.__all__)
    for path in sorted((ROOT / "plugins").glob("*/src/**/*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("perfeval_core"):
                assert node.module in ("perfeval_core", "perfeval_core.testing"), (
                    f"{path.relative_to(ROOT)}:{node.lineno}: from {node.module} import …"
                )
                if node.module == "perfeval_core":
                    names = {a.name for a in node.names}
                    assert names <= public, f"{path}:{node.lineno}: {names - public} not public"
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("perfeval_core.") for a in node.names), path


def test_every_module_declares_what_it_exports_or_is_private():
    """Public modules say what they export; every other module is private (``_``)."""
    for module, path in _modules():
        if (
            not any(part.startswith("_") for part in module.split(".")[1:])
            and module != "perfeval_core"
        ):
            assert "__all__" in path.read_text("utf-8"), f"{module} is public without __all__"


def test_an_indicator_holds_every_content_key_of_a_spec():
    held = {a.name for a in attrs.fields(Indicator)}
    assert set(CONTENT_FIELDS) <= held
    assert set(CONTENT_FIELDS) < {a.name for a in attrs.fields(IndicatorSpec)}


@attrs.frozen
class _Tenfold(Rule):
    kind = "tenfold"
    aliases = ("十倍",)

    def score(self, target, actual, ctx):
        return RuleResult(ctx.weight)


class _TenfoldPlugin:
    @hookimpl
    def perfeval_register_rules(self, register):
        register(_Tenfold)


EVALUATION = """\
framework = "cz-2020-10-self"
[project]
name = "p"
[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [ { name = "x", target = "1", actual = "1", weight = 50, rule = "十倍" } ]
"""


def test_a_rule_of_one_registry_is_not_seen_in_a_later_one():
    """The rule cache lives on the registry: a rule registered in one is unknown in the next
    (it used to be cached under id(registry), and a new registry could get the same id)."""
    for _ in range(50):
        with register_plugin(_TenfoldPlugin(), "tenfold"):
            assert (
                loads_evaluation(EVALUATION).rules[("产出指标", "数量指标", "x")].kind == "tenfold"
            )
        with (
            isolated_registry(),
            pytest.raises(perfeval_core.InputError, match="unknown scoring rule '十倍'"),
        ):
            loads_evaluation(EVALUATION)


def test_an_evaluation_is_resolved_with_the_registry_it_is_given():
    with register_plugin(_TenfoldPlugin(), "tenfold") as registry:
        pass
    ev = loads_evaluation(EVALUATION, registry=registry)  # not the default registry
    assert ev.registry is registry
    assert perfeval_core.score(ev).total == 50
