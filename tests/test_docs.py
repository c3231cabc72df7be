"""Docs that cannot drift: README's commands and code, and the formats reference."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import attrs

from perfeval_core import (
    BudgetRowSpec,
    BudgetSourcesSpec,
    BudgetSpec,
    EvaluationSpec,
    FrameworkSpec,
    GoalSpec,
    IndicatorSpec,
    NarrativeSpec,
    ProjectSpec,
    SectionSpec,
)
from perfeval_core._model.spec import ReviewSpec, SettingsDropSpec, SettingsSpec

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
FORMATS = (ROOT / "docs" / "formats.md").read_text("utf-8")


def test_readme_opens_with_the_two_make_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^demo: setup$", makefile, re.M)
    assert re.search(r"^test: setup$", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_readme_python_runs(monkeypatch):
    code = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue().splitlines()[0] == "99 优"


def _keys(cls: type, prefix: str = "") -> list[str]:
    return [prefix + a.name for a in attrs.fields(cls)]


def test_every_key_of_the_formats_is_in_the_reference():
    documented = set(re.findall(r"`([a-z_.]+)(?: = [^`]*)?`", FORMATS))
    keys = (
        _keys(FrameworkSpec)
        + _keys(EvaluationSpec)
        + _keys(IndicatorSpec)
        + _keys(ProjectSpec, "project.")
        + _keys(NarrativeSpec, "narrative.")
        + _keys(SectionSpec)
        + _keys(BudgetSpec)
        + _keys(SettingsSpec, "settings.")
        + _keys(SettingsDropSpec, "settings.drop.")
        + _keys(ReviewSpec, "review.")
        + _keys(BudgetSourcesSpec)
        + _keys(BudgetRowSpec)
        + _keys(GoalSpec, "goal.")
    )
    missing = [
        k
        for k in keys
        if k not in documented and not any(d.startswith(k + ".") for d in documented)
    ]
    assert not missing, f"keys missing from docs/formats.md: {missing}"
