"""The plugin host: built-ins through the hooks, broken and duplicate plugins, docs that match."""

from __future__ import annotations

import importlib.util
import inspect
import re
import sys
import types
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

import perfeval_core
from perfeval_core import hookspecs, plugins
from perfeval_core.cli import main
from perfeval_core.errors import InputError
from perfeval_core.exporting import Exporter, export
from perfeval_core.grading import CZ_2020_10
from perfeval_core.hookspecs import hookimpl
from perfeval_core.testing import isolated_registry, register_plugin

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "rugao-2024" / "02-职业技能评价.toml"
DOC = (ROOT / "docs" / "plugins.md").read_text("utf-8")


def _card():
    return perfeval_core.score(perfeval_core.load_evaluation(EXAMPLE))


def _hooks():
    return [(n, f) for n, f in inspect.getmembers(hookspecs, inspect.isfunction)
            if n.startswith("perfeval_")]


@pytest.mark.parametrize("name,fn", _hooks())
def test_every_hook_is_documented_with_its_exact_signature(name, fn):
    signature = str(inspect.signature(fn)).replace("'", "")
    assert f"### `{name}{signature}`" in DOC


def test_builtins_register_through_the_hooks():
    with isolated_registry() as registry:
        info = registry.plugins["perfeval_core.builtins"]
        assert "exporter json" in info.registered
        assert "policy cz-2020-10" in info.registered
        assert "rule higher" in info.registered
        assert registry.rule("正向").kind == "higher"


class _Csvish:
    @hookimpl
    def perfeval_register_exporters(self, register):
        register(Exporter("names", ".txt", lambda card, stream: stream.write(
            "\n".join(leaf.indicator.name for leaf in card.leaves).encode("utf-8"))))


def test_a_plugin_registered_in_a_test_exports(tmp_path):
    card = _card()
    with register_plugin(_Csvish(), "names-plugin") as registry:
        assert "exporter names" in registry.plugins["names-plugin"].registered
        [path] = export([card], "names", tmp_path)
    assert path.name == "职业技能评价.txt"
    assert path.read_text("utf-8").splitlines()[0] == "立项依据充分性"
    with pytest.raises(InputError, match="unknown export format 'names'"):
        export([card], "names", tmp_path / "again")


def test_two_plugins_claiming_one_name_are_refused_naming_both():
    class Json:
        @hookimpl
        def perfeval_register_exporters(self, register):
            register(Exporter("json", ".json", lambda c, s: None))

    with register_plugin(Json(), "rival") as registry:
        error = registry.plugins["rival"].error
        assert "'perfeval_core.builtins'" in error and "'rival'" in error
        assert registry.exporter("json").description.startswith("lossless")


def test_a_misspelt_hook_is_an_error_not_silence():
    class Typo:
        @hookimpl
        def perfeval_register_exporter(self, register):  # missing "s"
            pass

    with register_plugin(Typo(), "typo") as registry:
        assert "unknown hook" in registry.plugins["typo"].error
        assert "did you mean 'perfeval_register_exporters'" in registry.plugins["typo"].error
        assert "perfeval_register_exporter" in registry.plugins["typo"].error


def test_a_hook_that_raises_is_reported_and_the_rest_works():
    class Boom:
        @hookimpl
        def perfeval_register_policies(self, register):
            raise RuntimeError("kaput")

    with register_plugin(Boom(), "boom") as registry:
        assert "kaput" in registry.plugins["boom"].error
        assert registry.policy("cz-2020-10") is CZ_2020_10


@pytest.fixture
def broken_entry_point(monkeypatch):
    fake = [EntryPoint("broken", "perfeval_no_such_module_xyz", "perfeval")]
    monkeypatch.setattr(plugins, "entry_points", lambda group: fake)
    previous = plugins.set_registry(None)
    yield
    plugins.set_registry(previous)


def test_a_plugin_whose_import_fails_does_not_stop_score(broken_entry_point, capsys):
    assert main(["score", str(EXAMPLE)]) == 0
    out, err = capsys.readouterr()
    assert "总计" in out and "99 / 100  优" in out
    assert "plugin 'broken' is not loaded" in err
    assert main(["plugins"]) == 0
    assert "broken  FAILED: failed to load: ModuleNotFoundError" in capsys.readouterr().out


def test_the_walkthrough_plugin_works(tmp_path):
    """The csv plugin of docs/plugins.md, exactly as printed there."""
    code = re.search(r"3\. .*?```python\n(.*?)```", DOC, re.S).group(1)
    code = "\n".join(line[3:] if line.startswith("   ") else line for line in code.splitlines())
    module = types.ModuleType("perfeval_csv_walkthrough")
    exec(compile(code, "docs/plugins.md", "exec"), module.__dict__)
    with register_plugin(module, "csv"):
        [path] = export([_card()], "csv", tmp_path)
    text = path.read_text("utf-8-sig")
    assert text.splitlines()[0].startswith("一级指标,二级指标,三级指标")
    assert "总计,,,,,100,99,优" in text


def test_installed_plugins_are_found_through_entry_points():
    with isolated_registry(entry_points=True) as registry:
        for name in ("docx", "xlsx"):
            if importlib.util.find_spec(f"perfeval_{name}") is not None:
                assert registry.exporter(name).suffix == f".{name}"


def test_version_loads_no_plugin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["perfeval", "--version"])
    previous = plugins.set_registry(None)
    try:
        assert main(["--version"]) == 0
        assert plugins._registry is None
    finally:
        plugins.set_registry(previous)
    assert capsys.readouterr().out.startswith("perfeval ")
