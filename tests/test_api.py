"""The public API: every exported name resolves, is documented in docs/api.md and has a docstring."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import perfeval_core

API_DOC = (Path(__file__).resolve().parents[1] / "docs" / "api.md").read_text("utf-8")


def test_all_is_sorted():
    assert perfeval_core.__all__ == sorted(perfeval_core.__all__)


@pytest.mark.parametrize("name", perfeval_core.__all__)
def test_public_name_resolves_and_is_documented(name):
    obj = getattr(perfeval_core, name)
    assert f"`{name}" in API_DOC
    if inspect.isclass(obj) or inspect.isfunction(obj):
        assert inspect.getdoc(obj), f"{name} has no docstring"


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        perfeval_core.no_such_thing  # noqa: B018


def test_import_is_cheap():
    import subprocess
    import sys

    code = "import sys, perfeval_core; print(sorted(m for m in ('attrs','cattrs','pluggy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_all_lists_exactly_what_the_package_exports():
    assert set(perfeval_core.__all__) == set(perfeval_core._EXPORTS) | {"__version__"}


def test_the_version_read_from_the_dist_info_is_the_metadata_s():
    """`perfeval --version` reads the installed METADATA itself (importlib.metadata costs more
    to import than the whole command may take): it must say what importlib.metadata says."""
    from importlib.metadata import version as distribution_version

    from perfeval_core._version import _from_dist_info, version

    assert _from_dist_info() == distribution_version("perfeval-core") == version()


def test_collector_paused_restores_the_collector_as_it_was():
    import gc

    from perfeval_core import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()


def test_an_error_as_json_says_where_what_and_what_to_do():
    from perfeval_core import InputError

    error = InputError("bad", file="a.toml", where="产出指标 › 数量", line=3, hint="fix it")
    assert error.as_dict() == {
        "file": "a.toml",
        "line": 3,
        "where": "产出指标 › 数量",
        "message": "bad",
        "hint": "fix it",
    }
