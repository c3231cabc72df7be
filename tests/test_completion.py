"""``perfeval completion bash|zsh``: the scripts complete what the parsers accept, in the real
shells (each test is skipped where its shell is not installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from perfeval_core._cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]


def _script(shell: str, capsys) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


@pytest.fixture
def bash_completes(tmp_path, capsys):
    """``complete("perfeval", "export", "x.toml", "-f", "")`` → the words bash offers."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    script = tmp_path / "perfeval.bash"
    script.write_text(_script("bash", capsys), "utf-8")
    work = tmp_path / "work"
    (work / "evaluations").mkdir(parents=True)
    (work / "evaluations" / "a.toml").write_text("", "utf-8")
    (work / "notes.txt").write_text("", "utf-8")
    (work / "b.toml").write_text("", "utf-8")

    def complete(*words: str) -> list[str]:
        quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
        program = (
            f"source {script}\n"
            f"COMP_WORDS=({quoted}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n"
            '_perfeval; printf "%s\\n" "${COMPREPLY[@]}"\n'
        )
        done = subprocess.run(
            ["bash", "--norc", "--noprofile", "-c", program],
            cwd=work,
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stderr == ""
        return sorted(line for line in done.stdout.splitlines() if line)

    return complete


def test_bash_completes_commands_actions_and_options(bash_completes):
    assert bash_completes("perfeval", "") == sorted(COMMANDS)
    assert bash_completes("perfeval", "ex") == ["export"]
    assert bash_completes("perfeval", "framework", "") == ["check", "show"]
    assert bash_completes("perfeval", "check", "--l") == ["--list"]
    assert bash_completes("perfeval", "score", "a.toml", "--") == ["--help", "--json", "--policy"]
    assert bash_completes("perfeval", "--v") == ["--version"]


def test_bash_completes_the_names_perfeval_knows(bash_completes):
    assert bash_completes("perfeval", "export", "x.toml", "--format", "") == ["json"]
    assert bash_completes("perfeval", "batch", "x", "--policy", "five") == ["five-grades"]
    assert bash_completes("perfeval", "new", "--framework", "rug") == ["rugao-2024"]
    assert bash_completes("perfeval", "check", "--select", "W30") == [
        "W301",
        "W302",
        "W303",
        "W304",
        "W305",
    ]
    assert bash_completes("perfeval", "completion", "") == ["bash", "zsh"]
    assert bash_completes("perfeval", "batch", "--jobs", "") == []  # a number: nothing to offer


def test_bash_completes_evaluation_files_and_folders_only_where_they_are_read(bash_completes):
    assert bash_completes("perfeval", "score", "") == ["b.toml", "evaluations"]
    assert bash_completes("perfeval", "check", "evaluations/") == ["evaluations/a.toml"]
    # an option's value is any path; after it, evaluations again
    assert bash_completes("perfeval", "export", "-o", "") == ["b.toml", "evaluations", "notes.txt"]
    assert bash_completes("perfeval", "export", "-o", "out", "") == ["b.toml", "evaluations"]
    assert bash_completes("perfeval", "import-text", "") == ["b.toml", "evaluations", "notes.txt"]
    # a framework: an id or a file
    shown = bash_completes("perfeval", "framework", "show", "")
    assert {"rugao-2024", "b.toml", "evaluations"} <= set(shown) and "notes.txt" not in shown


def test_the_zsh_script_is_valid_and_defines_a_function_per_command(capsys, tmp_path):
    script = _script("zsh", capsys)
    assert script.startswith("#compdef perfeval\n")
    for name in COMMANDS:
        assert f"_perfeval_{name.replace('-', '_')}() {{" in script
    assert "_perfeval_framework_show() {" in script and "_perfeval_framework_check() {" in script
    if shutil.which("zsh") is None:
        pytest.skip("zsh is not installed")
    path = tmp_path / "_perfeval"
    path.write_text(script, "utf-8")
    subprocess.run(["zsh", "-n", str(path)], check=True)


@pytest.mark.slow
def test_zsh_completes_in_an_interactive_shell(capsys, tmp_path):
    """A real zsh in a pseudo-terminal: Tab after ``perfeval export x.toml --format ``."""
    if shutil.which("zsh") is None:
        pytest.skip("zsh is not installed")
    folder = tmp_path / "fpath"
    folder.mkdir()
    (folder / "_perfeval").write_text(_script("zsh", capsys), "utf-8")
    driver = tmp_path / "drive.zsh"
    driver.write_text(
        "zmodload zsh/zpty\n"
        "zpty -b z 'zsh -f -i'\n"
        f"zpty -w z 'fpath=({folder} $fpath); autoload -U compinit; compinit -u -D'\n"
        "zpty -w z 'perfeval() { : }'\n"
        "sleep 0.5\n"
        "zpty -w -n z $'perfeval export x.toml --format \\t'\n"
        "sleep 1\n"
        "zpty -w -n z $'\\C-u'; zpty -w z 'exit'; sleep 0.5\n"
        "out=''; while zpty -r -t z chunk; do out+=$chunk; done\n"
        "print -r -- $out\n",
        "utf-8",
    )
    done = subprocess.run(
        ["zsh", "-f", str(driver)], capture_output=True, text=True, timeout=30, check=True
    )
    assert "json" in done.stdout and "bad option" not in done.stdout


def test_completion_is_documented(capsys):
    doc = (ROOT / "docs" / "cli.md").read_text("utf-8")
    assert "## `perfeval completion bash|zsh`" in doc
    assert 'eval "$(perfeval completion bash)"' in doc
