"""Packaging: the entry point, a cheap import, type information."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import perfeval_import


def test_registered_in_the_perfeval_entry_point_group() -> None:
    [ep] = [ep for ep in entry_points(group="perfeval") if ep.name == "import"]
    assert ep.value == "perfeval_import"
    assert ep.load() is perfeval_import


def test_import_loads_no_reader_library() -> None:
    code = (
        "import sys, perfeval_import; "
        "print(sorted(m for m in ('python_calamine', 'pdfplumber', 'lxml', 'docx') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
    assert callable(perfeval_import.read)


def test_typed() -> None:
    assert (Path(perfeval_import.__file__).parent / "py.typed").exists()


def test_without_the_plugin_every_suffix_it_reads_says_to_install_it():
    """The core's install hint knows the same suffixes as the readers (two lists, one fact)."""
    from perfeval_core import InputError
    from perfeval_core.testing import isolated_registry

    from perfeval_import import READ_SUFFIXES

    with isolated_registry() as registry:  # the built-ins only: no import plugin
        for suffix in READ_SUFFIXES:
            with pytest.raises(InputError) as caught:
                registry.reader_for(f"表{suffix}")
            assert "perfeval-import" in str(caught.value), suffix
