"""The command line as tools use it: ``-`` for standard input and output, and the JSON shapes
of docs/cli.md pinned key by key."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import pytest

from perfeval_core import load_evaluation, loads_evaluation, score
from perfeval_core._cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "rugao-2024" / "02-职业技能评价.toml"
NATIONAL = ROOT / "examples" / "national" / "cz-2021-101.toml"
SEED = ROOT / "tests" / "data" / "seed-rugao-2024.txt"

#: The keys of each JSON shape, in order, as docs/cli.md documents them.
SCORE_KEYS = [
    "file",
    "project",
    "unit",
    "year",
    "framework",
    "total",
    "max",
    "grade",
    "policy",
    "complete",
    "levels",
    "indicators",
]
LEAF_KEYS = [
    "path",
    "target",
    "actual",
    "weight",
    "score",
    "rule_score",
    "basis",
    "rule",
    "recorded",
    "note",
]
CHECK_KEYS = ["file", "project", "findings", "suppressed"]
FINDING_KEYS = ["code", "severity", "path", "message", "file", "label"]
FAILED_KEYS = ["file", "error"]
ERROR_KEYS = ["file", "line", "where", "message", "hint"]
CHECK_LIST_KEYS = ["code", "name", "severity", "summary", "label"]
EXPORT_KEYS = ["file", "output"]
PLUGIN_KEYS = ["name", "version", "registered", "error", "seconds"]
BATCH_KEYS = [
    "format",
    "generator",
    "files",
    "scored",
    "failed",
    "findings",
    "average",
    "grades",
    "units",
    "projects",
    "failures",
    "skipped",
]
BATCH_PROJECT_KEYS = [
    "file",
    "unit",
    "project",
    "year",
    "framework",
    "total",
    "max",
    "grade",
    "policy",
    "complete",
    "levels",
    "findings",
    "export",
]
BATCH_UNIT_KEYS = ["unit", "projects", "sum", "average", "min", "max"]


@pytest.fixture
def stdin(monkeypatch):
    """``stdin(data)`` makes ``data`` (text or bytes) the standard input of the next command."""

    def feed(data: str | bytes) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))

    return feed


def _json(capsys) -> object:
    return json.loads(capsys.readouterr().out)


def _bad(tmp_path: Path) -> Path:
    bad = tmp_path / "bad.toml"
    bad.write_text('framework = "rugao-2024"\n[project]\nname = 5\n', "utf-8")
    return bad


# -- standard input and output ---------------------------------------------------------------


def test_score_reads_standard_input(stdin, capsys):
    stdin(EXAMPLE.read_bytes())
    assert main(["score", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("职业技能评价\n") and "99 / 100  优" in out
    stdin(EXAMPLE.read_bytes())
    assert main(["score", "--json", "-"]) == 0
    [entry] = _json(capsys)
    assert entry["file"] == "-" and entry["total"] == 99


def test_standard_input_is_resolved_against_the_current_folder(stdin, capsys, monkeypatch):
    """A framework given as a path is found from where the command runs, as for a file there."""
    text = NATIONAL.read_text("utf-8").replace(
        'framework = "cz-2021-101"', 'framework = "frameworks/cz-2021-101.toml"'
    )
    monkeypatch.chdir(ROOT)
    stdin(text)
    assert main(["score", "--json", "-"]) == 0
    assert _json(capsys)[0]["total"] == 82


def test_check_reads_standard_input_beside_files(stdin, capsys):
    stdin(EXAMPLE.read_bytes())
    assert main(["check", "-", str(NATIONAL)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<stdin>  职业技能评价\n")
    assert "2 files checked" in out
    stdin(EXAMPLE.read_bytes())
    assert main(["check", "--json", "-"]) == 0
    [entry] = _json(capsys)
    assert entry["file"] == "-" and entry["project"] == "职业技能评价"


def test_bad_standard_input_is_named_stdin_with_its_line(stdin, capsys):
    stdin('framework = "rugao-2024"\n[project\n')
    assert main(["score", "-"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("perfeval: error: <stdin>:2: ") and "Traceback" not in err


def test_standard_input_given_twice_is_refused(stdin, capsys):
    stdin(EXAMPLE.read_bytes())
    assert main(["score", "-", "-"]) == 2
    assert "standard input (-) is given more than once" in capsys.readouterr().err


def test_new_writes_to_standard_output_and_creates_no_file(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "--framework", "rugao-2024", "-o", "-"]) == 0
    text = capsys.readouterr().out
    assert not (tmp_path / "-").exists() and list(tmp_path.iterdir()) == []
    ev = loads_evaluation(text)
    assert ev.framework.id == "rugao-2024" and len(list(score(ev).leaves)) == 11


def test_export_writes_one_document_to_standard_output(capsysbinary):
    assert main(["export", str(NATIONAL), "--format", "json", "-o", "-"]) == 0
    data = json.loads(capsysbinary.readouterr().out)
    assert data["format"] == "perfeval-export/1"
    assert data["evaluation"]["project"]["name"] == "基层医疗设备更新"


def test_export_to_standard_output_takes_one_file(tmp_path, capsys):
    assert main(["export", str(NATIONAL.parent), "--format", "json", "-o", "-"]) == 2
    assert "-o - writes one document" in capsys.readouterr().err
    assert main(["export", str(NATIONAL), str(EXAMPLE), "--format", "json", "-o", "-"]) == 2
    assert "-o - writes one document" in capsys.readouterr().err


def test_export_to_standard_output_of_a_bad_file_writes_nothing(tmp_path, capsysbinary):
    assert main(["export", str(_bad(tmp_path)), "--format", "json", "-o", "-"]) == 2
    out, err = capsysbinary.readouterr()
    assert out == b"" and b"bad.toml" in err


def test_framework_check_reads_standard_input(stdin, capsys):
    stdin((ROOT / "frameworks" / "cz-2021-101.toml").read_bytes())
    assert main(["framework", "check", "--json", "-"]) == 0
    data = _json(capsys)
    assert data["framework"] == "cz-2021-101" and data["file"] is None


def test_batch_refuses_standard_input_and_points_to_json(capsys):
    assert main(["batch", "-"]) == 2
    assert "perfeval score -" in capsys.readouterr().err
    assert main(["batch", str(NATIONAL), "--summary", "-"]) == 2
    assert "--json prints the roll-up" in capsys.readouterr().err


# -- JSON shapes ------------------------------------------------------------------------------


def test_score_json_shape_with_a_failed_file(tmp_path, capsys):
    bad = _bad(tmp_path)
    assert main(["score", "--json", str(EXAMPLE), str(bad), str(tmp_path / "gone.toml")]) == 2
    good, failed, missing = _json(capsys)
    assert list(good) == SCORE_KEYS
    assert [list(lv) for lv in good["levels"]] == [["name", "weight", "score"]] * 5
    assert all(list(leaf) == LEAF_KEYS for leaf in good["indicators"])
    assert list(failed) == FAILED_KEYS and list(failed["error"]) == ERROR_KEYS
    assert failed["file"] == str(bad)
    assert failed["error"]["file"] == str(bad) and failed["error"]["line"] == 3
    assert failed["error"]["where"] == "project › name"
    assert missing == {
        "file": str(tmp_path / "gone.toml"),
        "error": {
            "file": str(tmp_path / "gone.toml"),
            "line": None,
            "where": None,
            "message": "no such file",
            "hint": "check the path",
        },
    }


def test_the_failed_entry_of_docs_cli_md_is_what_score_prints(tmp_path, monkeypatch, capsys):
    doc = (ROOT / "docs" / "cli.md").read_text("utf-8")
    documented = doc.split("whose third line is `name = 5`:\n\n```json\n", 1)[1].split("```")[0]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "bad.toml").write_text(
        'framework = "rugao-2024"\n[project]\nname = 5\n', "utf-8"
    )
    assert main(["score", "--json", "2024/bad.toml"]) == 2
    assert capsys.readouterr().out == documented


def test_check_json_shape_with_a_failed_file(tmp_path, capsys):
    bad = _bad(tmp_path)
    three = ROOT / "examples" / "rugao-2024" / "03-劳动监察专项业务费.toml"
    assert main(["check", "--json", str(three), str(bad)]) == 2
    good, failed = _json(capsys)
    assert list(good) == CHECK_KEYS
    assert good["findings"] and all(list(f) == FINDING_KEYS for f in good["findings"])
    assert list(failed) == FAILED_KEYS and list(failed["error"]) == ERROR_KEYS
    assert failed["file"] == str(bad) and failed["error"]["where"] == "project › name"


def test_check_json_reports_a_bad_ignore_of_the_file_as_its_entry(tmp_path, capsys):
    text = EXAMPLE.read_text("utf-8").replace(
        'framework = "rugao-2024"', 'framework = "rugao-2024"\nignore = ["Z999"]'
    )
    target = tmp_path / "ignores.toml"
    target.write_text(text, "utf-8")
    assert main(["check", "--json", str(target)]) == 2
    [entry] = _json(capsys)
    assert list(entry) == FAILED_KEYS and "Z999" in entry["error"]["message"]


def test_check_list_json(capsys):
    assert main(["check", "--list", "--json"]) == 0
    checks = _json(capsys)
    assert all(list(c) == CHECK_LIST_KEYS for c in checks)
    by_code = {c["code"]: c for c in checks}
    assert by_code["W302"]["severity"] == "warning"
    assert main(["check", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [c["code"] for c in checks]


def test_export_json_lists_what_was_written_and_what_failed(tmp_path, capsys):
    bad = _bad(tmp_path)
    out = tmp_path / "out"
    args = ["export", str(EXAMPLE), str(bad), str(NATIONAL), "-f", "json", "-o", str(out)]
    assert main([*args, "--json"]) == 2
    first, failed, last = _json(capsys)
    assert first == {"file": str(EXAMPLE), "output": str(out / "职业技能评价.json")}
    assert last == {"file": str(NATIONAL), "output": str(out / "基层医疗设备更新.json")}
    assert list(failed) == FAILED_KEYS and failed["file"] == str(bad)
    assert sorted(p.name for p in out.iterdir()) == ["基层医疗设备更新.json", "职业技能评价.json"]


def test_export_to_standard_output_does_not_go_with_json(capsys):
    assert main(["export", str(EXAMPLE), "-f", "json", "-o", "-", "--json"]) == 2
    assert "--json cannot go with it" in capsys.readouterr().err


def test_batch_json_prints_the_roll_up_on_stdout(tmp_path, capsys):
    bad = _bad(tmp_path)
    summary = tmp_path / "summary.json"
    args = ["batch", str(EXAMPLE), str(NATIONAL), str(bad), "--json", "--summary", str(summary)]
    assert main(args) == 2
    out = capsys.readouterr().out
    data = json.loads(out)
    assert list(data) == BATCH_KEYS
    assert out == summary.read_text("utf-8")  # the same document as the JSON summary
    assert (data["files"], data["scored"], data["failed"]) == (3, 2, 1)
    assert all(list(p) == BATCH_PROJECT_KEYS for p in data["projects"])
    assert all(list(u) == BATCH_UNIT_KEYS for u in data["units"])
    assert [p["total"] for p in data["projects"]] == [99, 82]
    assert [f["file"] for f in data["failures"]] == [str(bad)]


def test_plugins_json_shape(capsys):
    assert main(["plugins", "--json"]) == 0
    plugins = _json(capsys)
    assert all(list(p) == PLUGIN_KEYS for p in plugins)
    assert plugins[0]["name"] == "perfeval_core.builtins" and plugins[0]["error"] is None


def test_export_help_lists_the_installed_formats(capsys):
    from perfeval_core import Exporter, hookimpl
    from perfeval_core.testing import register_plugin

    class Csv:
        @hookimpl
        def perfeval_register_exporters(self, register):
            register(Exporter("csv", ".csv", lambda card, stream: None, "the 评分表 as CSV"))

    with register_plugin(Csv()), pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    listing = out.split("formats installed", 1)[1].splitlines()[1:]
    assert [line.split()[0] for line in listing] == ["csv", "json"]
    assert "the 评分表 as CSV" in listing[0]


def test_an_export_written_to_standard_output_is_the_file_export_writes(tmp_path, capsysbinary):
    """The same bytes through -o - as in the file (the xlsx exporter when installed)."""
    from perfeval_core import get_registry, render

    fmt = "xlsx" if "xlsx" in get_registry().exporters else "json"
    assert main(["export", str(EXAMPLE), "-f", fmt, "-o", "-"]) == 0
    data = capsysbinary.readouterr().out
    card = score(load_evaluation(EXAMPLE))
    assert data == render(card, get_registry().exporter(fmt))
    if fmt == "xlsx":
        assert zipfile.is_zipfile(io.BytesIO(data))


# -- installing a missing plugin ---------------------------------------------------------------


def test_a_missing_plugin_format_names_the_command_that_installs_it(capsys, monkeypatch, tmp_path):
    """In a checkout the hint is `make setup`; installed from an index, `pip install`."""
    from perfeval_core._plugins import install

    (tmp_path / "Makefile").write_text("setup:\n", "utf-8")
    (tmp_path / "plugins" / "perfeval-docx").mkdir(parents=True)
    (tmp_path / "plugins" / "perfeval-docx" / "pyproject.toml").write_text("", "utf-8")
    monkeypatch.setattr(install, "checkout", lambda: tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(EXAMPLE), "-f", "docx", "-o", "out"]) == 2
    err = capsys.readouterr().err
    assert "unknown export format 'docx': it comes with the perfeval-docx plugin" in err
    assert f"install it with `make setup` in {tmp_path}; installed: json (--format)" in err
    monkeypatch.setattr(install, "checkout", lambda: None)
    assert main(["batch", str(EXAMPLE), "--summary", "out/summary.xlsx"]) == 2
    err = capsys.readouterr().err
    assert "the xlsx summary comes with the perfeval-xlsx plugin" in err
    assert "install it with `pip install perfeval-xlsx`; or name the summary out.json" in err
    assert not (tmp_path / "out").exists()  # nothing written


def test_a_checkout_is_recognised_only_where_the_core_runs_from_src():
    from perfeval_core._plugins import install

    installed_from_src = Path(install.__file__).resolve().is_relative_to(ROOT / "src")
    assert install.checkout() == (ROOT if installed_from_src else None)


def test_an_unknown_format_of_no_known_plugin_lists_the_installed_ones(capsys, tmp_path):
    assert main(["export", str(EXAMPLE), "-f", "jsno", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "unknown export format 'jsno'" in err and "did you mean 'json'?" in err
    assert "pip install" not in err and "make setup" not in err
