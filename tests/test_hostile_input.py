"""Input that once hung or crashed perfeval: FIFOs and other non-regular files, loops of links,
a group's rule, endless chains of ``extends``, frameworks edited under a running process,
numbers with more decimals than Decimal's context holds, raw carriage returns — each now one
error naming the file (exit 2), the other files processed."""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from perfeval_core import (
    InputError,
    load_evaluation,
    load_framework,
    read_export,
    score,
)
from perfeval_core._cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "rugao-2024" / "02-职业技能评价.toml"
FRAMEWORK = ROOT / "frameworks" / "rugao-2024.toml"
TEXT = EXAMPLE.read_text("utf-8")
BY_ID = 'framework = "rugao-2024"'


def _write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def _good(folder: Path, name: str = "good.toml") -> Path:
    return _write(folder / name, TEXT)


def _framework_by_path(folder: Path, ref: str) -> Path:
    """The example evaluation naming its framework as the file ``ref`` beside it."""
    assert BY_ID in TEXT
    return _write(
        folder / f"on-{ref.replace('.', '-')}.toml", TEXT.replace(BY_ID, f'framework = "{ref}"')
    )


def _score_all(capsys, *paths: Path) -> tuple[int, str, str]:
    """``perfeval score`` of the files, in a thread that must end within 20 s (no hang)."""
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(main(["score", *map(str, paths)])))
    thread.daemon = True
    thread.start()
    thread.join(20)
    assert result, "perfeval score hangs"
    out, err = capsys.readouterr()
    return result[0], out, err


# -- files that are not files --------------------------------------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@needs_fifo
def test_a_fifo_among_the_files_is_refused_and_the_others_scored(tmp_path, capsys):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    code, out, err = _score_all(capsys, _good(tmp_path, "a.toml"), fifo, _good(tmp_path, "b.toml"))
    assert code == 2
    assert out.count("总计") == 2
    assert err == (
        f"perfeval: error: {fifo}: is a named pipe (FIFO), not a file perfeval can read\n"
        "  hint: give a .toml file saved on disk\n"
    )


@needs_fifo
def test_a_fifo_in_a_batch_folder_is_one_failure(tmp_path, capsys):
    _good(tmp_path)
    os.mkfifo(tmp_path / "pipe.toml")
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(main(["batch", str(tmp_path)])))
    thread.daemon = True
    thread.start()
    thread.join(20)
    assert result == [2], "perfeval batch hangs"
    captured = capsys.readouterr()
    assert "2 files: 1 scored, 1 failed" in captured.out
    assert "pipe.toml: is a named pipe (FIFO)" in captured.err


@needs_fifo
def test_a_fifo_named_as_the_framework_is_refused(tmp_path, capsys):
    os.mkfifo(tmp_path / "fw.toml")
    on_fifo = _framework_by_path(tmp_path, "fw.toml")
    code, out, err = _score_all(capsys, on_fifo, _good(tmp_path))
    assert code == 2 and out.count("总计") == 1
    assert "fw.toml: is a named pipe (FIFO)" in err and err.count("perfeval: error:") == 1


@needs_fifo
def test_a_fifo_on_the_framework_search_path_is_not_a_framework(tmp_path, monkeypatch, capsys):
    os.mkfifo(tmp_path / "rugao-2024.toml")  # would shadow the shipped one
    monkeypatch.setenv("PERFEVAL_FRAMEWORK_PATH", str(tmp_path))
    code, out, _ = _score_all(capsys, EXAMPLE)
    assert code == 0 and "总计" in out
    assert main(["frameworks"]) == 0


def test_a_device_is_refused(capsys):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    code, _, err = _score_all(capsys, Path("/dev/zero"), EXAMPLE)
    assert code == 2
    assert "/dev/zero: is a character device, not a file perfeval can read" in err


# -- loops of links ------------------------------------------------------------------------------


def test_an_evaluation_that_is_a_loop_of_links_does_not_stop_the_others(tmp_path, capsys):
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    code, out, err = _score_all(capsys, _good(tmp_path, "a.toml"), loop, _good(tmp_path, "b.toml"))
    assert code == 2 and out.count("总计") == 2
    assert err.startswith(f"perfeval: error: {loop}: is a symbolic link that leads back to itself")
    assert "Traceback" not in err and err.count("perfeval: error:") == 1


def test_a_framework_that_is_a_loop_of_links_is_one_error(tmp_path, capsys):
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    on_loop = _framework_by_path(tmp_path, "loop.toml")
    code, out, err = _score_all(capsys, on_loop, _good(tmp_path))
    assert code == 2 and out.count("总计") == 1
    assert "Traceback" not in err and err.count("perfeval: error:") == 1
    assert f"{on_loop}:3: framework: framework path 'loop.toml' is a symbolic link" in err


# -- a group's rule ----------------------------------------------------------------------------

GROUP = '[[indicators]]\nname = "决策指标"\n'


@pytest.mark.parametrize(
    "rule, message",
    [
        (
            'rule = { kind = "no-such-rule", when = 2024-01-01 }',
            (
                "a rule table holds text, numbers, true/false, lists and tables, not the date "
                "2024-01-01 written without quotes"
            ),
        ),
        ('rule = "正向"', "a group has no rule of its own: its score is the sum of its children's"),
        ('rule = { kind = "no-such-rule" }', "a group has no rule of its own"),
    ],
)
def test_a_rule_on_a_group_is_refused_where_it_is_read(tmp_path, capsys, rule, message):
    assert GROUP in TEXT
    path = _write(tmp_path / "group-rule.toml", TEXT.replace(GROUP, f"{GROUP}{rule}\n", 1))
    line = TEXT[: TEXT.index(GROUP)].count("\n") + 3
    assert main(["export", str(path), "-f", "json", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"perfeval: error: {path}:{line}: 决策指标 › rule: {message}")
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_rule_on_a_group_of_a_framework_is_refused(tmp_path):
    text = FRAMEWORK.read_text("utf-8")
    assert GROUP in text
    path = _write(tmp_path / "rugao-2024.toml", text.replace(GROUP, f'{GROUP}rule = "正向"\n', 1))
    with pytest.raises(InputError, match="a group has no rule of its own") as info:
        load_framework(path)
    assert info.value.where == "决策指标 › rule" and info.value.line is not None


def test_a_leaf_with_a_rule_cannot_become_a_group(tmp_path):
    framework = 'id = "fw"\n[[indicators]]\nname = "g"\nchildren = [{ name = "x", weight = 1, rule = "手工" }]\n'
    _write(tmp_path / "fw.toml", framework)
    evaluation = (
        'framework = "fw.toml"\n[project]\nname = "p"\n[[indicators]]\nname = "g"\n'
        '[[indicators.children]]\nname = "x"\nchildren = [{ name = "y", weight = 1 }]\n'
    )
    with pytest.raises(InputError, match="a scored leaf cannot also have children"):
        load_evaluation(_write(tmp_path / "e.toml", evaluation))


# -- chains of extends ---------------------------------------------------------------------------


def _chain(folder: Path, n: int, padding: int = 0) -> Path:
    """f0.toml extends f1 … extends f<n-1>, the last one with a leaf; each file padded with a
    comment of ``padding`` bytes. Returns f0.toml."""
    for i in range(n):
        lines = [f'id = "f{i}"']
        if i < n - 1:
            lines.append(f'extends = "f{i + 1}.toml"')
        else:
            lines += ["[[indicators]]", 'name = "g"', 'children = [{ name = "x", weight = 100 }]']
        lines.append("#" + "x" * padding)
        _write(folder / f"f{i}.toml", "\n".join(lines) + "\n")
    return folder / "f0.toml"


def test_a_chain_within_the_limits_loads(tmp_path):
    framework = load_framework(_chain(tmp_path, 16))
    assert framework.lineage == tuple(f"f{i}" for i in reversed(range(16)))


def test_a_chain_of_a_thousand_extends_names_the_chain(tmp_path):
    first = _chain(tmp_path, 1000)
    with pytest.raises(InputError) as info:
        load_framework(first)
    assert info.value.file == str(first)  # the file asked for, not an innocent one deep down
    assert info.value.where == "extends"
    assert info.value.message == (
        "a chain of extends longer than 16 frameworks: f0 → f1 → f2 → f3 → … → f14 → f15 → f16"
    )


def test_a_chain_of_large_files_is_refused_before_it_is_read(tmp_path):
    first = _chain(tmp_path, 40, padding=600_000)
    with pytest.raises(InputError) as info:
        load_framework(first)
    assert info.value.file == str(first) and info.value.where == "extends"
    assert info.value.message == (
        "the files of the chain of extends are 2,400,128 bytes together, over the limit of "
        "2,097,152: f0 → f1 → f2 → f3"  # four files of 600,032 bytes: the fourth is not read
    )


def test_a_cycle_of_extends_is_still_named(tmp_path):
    _write(tmp_path / "a.toml", 'id = "a"\nextends = "b.toml"\n')
    _write(tmp_path / "b.toml", 'id = "b"\nextends = "a.toml"\n')
    with pytest.raises(InputError, match="framework extends itself: a → b → a"):
        load_framework(tmp_path / "a.toml")


# -- frameworks edited while a process runs --------------------------------------------------------

PARENT = 'id = "parent"\n[[indicators]]\nname = "g"\nchildren = [{ name = "x", weight = 10 }]\n'
CHILD = 'id = "child"\nextends = "parent.toml"\n'


def _age(path: Path, seconds: float = 60) -> None:
    """Set the file's modification time ``seconds`` back, as for a file written a while ago."""
    st = path.stat()
    then = st.st_mtime_ns - int(seconds * 1e9)
    os.utime(path, ns=(then, then))


def test_an_edited_parent_is_seen_by_its_child(tmp_path):
    parent = _write(tmp_path / "parent.toml", PARENT)
    child = _write(tmp_path / "child.toml", CHILD)
    _age(parent)
    _age(child)
    assert load_framework(child).indicators[0].children[0].weight == 10
    _write(parent, PARENT.replace("weight = 10", "weight = 20"))
    assert load_framework(child).indicators[0].children[0].weight == 20


def test_an_edit_keeping_size_and_modification_time_is_seen(tmp_path):
    """An editor (or a copy with -p) can leave the size and the modification time as they were;
    the change time, which only the system sets, still tells."""
    parent = _write(tmp_path / "parent.toml", PARENT)
    _age(parent)
    before = parent.stat()
    assert load_framework(parent).indicators[0].children[0].weight == 10
    _write(parent, PARENT.replace("weight = 10", "weight = 30"))
    os.utime(parent, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert parent.stat().st_size == before.st_size
    assert parent.stat().st_mtime_ns == before.st_mtime_ns
    assert load_framework(parent).indicators[0].children[0].weight == 30


def test_a_file_changed_just_before_it_was_read_is_not_kept(tmp_path, builtins_only):
    """Within a coarse clock's tick a second edit leaves every stamp as it was: a framework
    whose files changed within two seconds of its reading is read again next time."""
    parent = _write(tmp_path / "parent.toml", PARENT)
    key = ("framework", (parent.stat().st_dev, parent.stat().st_ino))
    load_framework(parent)
    assert key not in builtins_only.cache
    _age(parent)
    load_framework(parent)
    assert key in builtins_only.cache


# -- numbers, carriage returns -------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, key",
    [
        ("stated_total = 99", "stated_total = 98." + "9" * 39 + "1", "stated_total"),
        (
            '{ name = "立项依据充分性", weight = 2',
            '{ name = "立项依据充分性", weight = 1.' + "9" * 39,
            "weight",
        ),
    ],
)
def test_more_decimals_than_a_sum_holds_are_refused(tmp_path, capsys, old, new, key):
    """Decimal's 28 digits would round these sums (a false E104, a false E101)."""
    framework = FRAMEWORK.read_text("utf-8")
    text = TEXT.replace(BY_ID, 'framework = "rugao-2024.toml"')
    if key == "weight":
        assert old in framework
        framework = framework.replace(old, new, 1)
    else:
        assert old in text
        text = text.replace(old, new, 1)
    _write(tmp_path / "rugao-2024.toml", framework)
    path = _write(tmp_path / "e.toml", text)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "decimal places, more than the 6 perfeval keeps" in err and "E10" not in err
    assert f" {key}: number " in err


def test_six_decimals_are_kept_exactly(tmp_path, capsys):
    text = TEXT.replace("stated_total = 99", "stated_total = 98.999999")
    assert main(["check", str(_write(tmp_path / "e.toml", text))]) == 1
    assert "states a total of 98.999999, the scores add up to 99" in capsys.readouterr().out


def test_a_carriage_return_in_text_is_refused(tmp_path, capsys):
    text = TEXT.replace('name = "职业技能评价"', 'name = "职业技能\\r评价"', 1)
    assert main(["score", str(_write(tmp_path / "cr.toml", text)), str(EXAMPLE)]) == 2
    captured = capsys.readouterr()
    assert "总计" in captured.out  # the other file
    assert "project › name: text contains the control character \\r at position 5" in captured.err


def test_crlf_line_ends_of_a_file_are_line_breaks(tmp_path):
    text = TEXT.replace('text = "', 'text = """\n', 1)
    end = text.index('"', text.index('text = """\n') + 11)
    text = text[:end] + '"""' + text[end + 1 :]
    path = tmp_path / "crlf.toml"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    sections = load_evaluation(path).spec.narrative.sections
    assert "\r" not in sections[0].text


# -- reading an export back ----------------------------------------------------------------------


def test_an_export_whose_framework_is_named_by_path_reads_back(tmp_path):
    shutil.copy(FRAMEWORK, tmp_path / "rugao-2024.toml")
    path = _framework_by_path(tmp_path, "rugao-2024.toml")
    out = tmp_path / "elsewhere"
    assert main(["export", str(path), "-f", "json", "-o", str(out)]) == 0
    shutil.copy(FRAMEWORK, out / "rugao-2024.toml")  # the framework beside the export
    again = read_export(out / "职业技能评价.json")
    assert again.framework.id == "rugao-2024"
    assert score(again).total == 99
    assert json.loads((out / "职业技能评价.json").read_text("utf-8"))["evaluation"][
        "framework"
    ] == ("rugao-2024.toml")


def test_an_export_whose_framework_file_is_missing_says_so(tmp_path):
    shutil.copy(FRAMEWORK, tmp_path / "rugao-2024.toml")
    path = _framework_by_path(tmp_path, "rugao-2024.toml")
    assert main(["export", str(path), "-f", "json", "-o", str(tmp_path / "out")]) == 0
    with pytest.raises(InputError, match="no such framework file"):
        read_export(tmp_path / "out" / "职业技能评价.json")
