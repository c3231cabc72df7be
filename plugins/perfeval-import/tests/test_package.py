"""Packaging: the entry point, a cheap import, type information."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

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
