"""README's five-minute tour works as written: in a fresh folder holding what a clone holds,
after `make demo` (its recipe, as the Makefile writes it), each command of the tour in order,
with the venv activated the way the tour says and not before."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
MAKEFILE = (ROOT / "Makefile").read_text("utf-8")


def tour() -> list[tuple[str, int]]:
    """The tour's commands with the exit code each should give (1 where it says "exits 1")."""
    block = re.findall(r"```sh\n(.*?)```", README, re.S)[1]
    commands = []
    for line in block.splitlines():
        command, _, comment = line.partition("  #")
        if command.strip():
            commands.append((command.strip(), 1 if "exits 1" in comment else 0))
    return commands


def demo_recipe() -> list[str]:
    """`make demo`'s commands, with the Makefile's variables filled in."""
    recipe = re.search(r"^demo: setup\n((?:\t.*\n)+)", MAKEFILE, re.M)
    assert recipe, "the Makefile has no demo recipe"
    examples = re.search(r"^EXAMPLES := (.*)$", MAKEFILE, re.M).group(1)
    return [
        line.strip()
        .removeprefix("@")  # make's "do not echo the command"
        .replace("$(BIN)/", ".venv/bin/")
        .replace("$(EXAMPLES)", examples)
        .replace("$(CURDIR)", "$PWD")
        for line in recipe.group(1).splitlines()
    ]


def _run(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_tour_names_its_commands():
    commands = [c for c, _ in tour()]
    assert commands[0] == ". .venv/bin/activate"
    assert all(c.startswith("perfeval ") for c in commands[1:])
    assert [code for _, code in tour()].count(1) == 1  # the blank evaluation's check


@pytest.mark.skipif(
    any(importlib.util.find_spec(p) is None for p in ("perfeval_docx", "perfeval_xlsx")),
    reason="the tour and make demo export docx and xlsx",
)
def test_the_readme_tour_works_as_written_after_make_demo(tmp_path):
    clone = tmp_path / "clone"
    shutil.copytree(ROOT / "examples", clone / "examples")
    (clone / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)  # `make setup`
    env = {
        "PATH": "/usr/bin:/bin",  # perfeval is not on it until the venv is activated
        "HOME": str(tmp_path),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
    }
    assert _run("command -v perfeval", clone, env).returncode != 0

    for command in demo_recipe():
        done = _run(command, clone, env)
        assert done.returncode == 0, (command, done.stderr)
    assert (clone / "out" / "summary.xlsx").is_file()

    commands = tour()
    activate = commands[0][0]
    for command, expected in commands[1:]:
        done = _run(f"{activate} && {command}", clone, env)
        assert done.returncode == expected, (command, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, command
    assert (clone / "my-project.toml").is_file()
    assert (clone / "out" / "职业技能评价.docx").is_file()
    assert (clone / "out" / "rugao-2024.xlsx").is_file()
