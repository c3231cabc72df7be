"""Shared fixtures: the files of tests/fixtures.py, built once per session into a temp folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The repository runs pytest with --import-mode=importlib, which puts no test folder on
# sys.path; the test modules import the file builders from this folder.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("import-fixtures")
