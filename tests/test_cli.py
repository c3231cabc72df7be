"""The command line end to end: output, exit codes, files written or not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perfeval_core import dumps_evaluation, load_evaluation, loads_evaluation, read_export, score
from perfeval_core._cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples" / "rugao-2024").glob("*.toml"))


def test_score_prints_levels_total_and_grade(capsys):
    assert main(["score", str(EXAMPLES[12])]) == 0
    out = capsys.readouterr().out
    assert "集聚人力资源补贴(奖励)" in out
    assert "效益指标          26 / 30" in out
    assert "总计              96 / 100  优" in out


def test_score_with_another_policy(capsys):
    assert main(["score", "--json", "--policy", "five-grades", str(EXAMPLES[0])]) == 0
    [data] = json.loads(capsys.readouterr().out)
    assert (data["grade"], data["policy"]) == ("优秀", "five-grades")


def test_unknown_policy_is_bad_input(capsys):
    assert main(["score", "--policy", "nope", str(EXAMPLES[0])]) == 2
    err = capsys.readouterr().err
    assert "unknown grading policy 'nope'" in err and "cz-2020-10" in err


def test_a_missing_file_is_reported_and_the_others_scored(capsys, tmp_path):
    assert main(["score", str(tmp_path / "nope.toml"), str(EXAMPLES[0])]) == 2
    out, err = capsys.readouterr()
    assert "nope.toml: no such file" in err and "Traceback" not in err
    assert "98 / 100" in out


def test_new_writes_a_blank_evaluation_that_check_reports(tmp_path, capsys):
    target = tmp_path / "blank.toml"
    assert main(["new", "--framework", "rugao-2024", "-o", str(target)]) == 0
    ev = load_evaluation(target)
    assert ev.framework.id == "rugao-2024" and len(list(score(ev).leaves)) == 11
    assert main(["check", str(target)]) == 1
    assert "project.name (项目名称) is missing" in capsys.readouterr().out
    assert main(["new", "--framework", "rugao-2024", "-o", str(target)]) == 2
    assert "use --force" in capsys.readouterr().err


def test_export_json_round_trips_and_refuses_to_overwrite(tmp_path, capsys):
    files = [str(p) for p in EXAMPLES]
    assert main(["export", *files, "--format", "json", "-o", str(tmp_path)]) == 0
    written = sorted(tmp_path.glob("*.json"))
    assert len(written) == 13
    first = written[0].read_bytes()
    for source in EXAMPLES:
        original = load_evaluation(source)
        again = read_export(tmp_path / f"{original.project.name}.json")
        assert again.spec == original.spec and score(again).total == score(original).total
    capsys.readouterr()
    assert main(["export", files[0], "--format", "json", "-o", str(tmp_path)]) == 2
    assert "exists" in capsys.readouterr().err
    assert main(["export", *files, "--format", "json", "-o", str(tmp_path), "--force"]) == 0
    assert written[0].read_bytes() == first


def test_unknown_format_lists_the_installed_ones(tmp_path, capsys):
    assert main(["export", str(EXAMPLES[0]), "--format", "pdf", "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "unknown export format 'pdf'" in err and "json" in err
    assert not any(tmp_path.iterdir())


def test_a_failing_exporter_leaves_no_file(tmp_path):
    from perfeval_core import Exporter, PluginError, export, hookimpl
    from perfeval_core.testing import register_plugin

    def write(card, stream):
        stream.write(b"half a document")
        raise RuntimeError("disk on fire")

    class Failing:
        @hookimpl
        def perfeval_register_exporters(self, register):
            register(Exporter("failing", ".bin", write))

    with register_plugin(Failing()), pytest.raises(PluginError, match="disk on fire"):
        export([score(load_evaluation(EXAMPLES[0]))], "failing", tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:2])
def test_writing_an_evaluation_back_gives_an_equal_model(path):
    ev = load_evaluation(path)
    again = loads_evaluation(dumps_evaluation(ev))
    assert again == ev


def test_frameworks_lists_rugao(capsys):
    assert main(["frameworks"]) == 0
    assert "rugao-2024" in capsys.readouterr().out


def test_no_command_prints_help(capsys):
    assert main([]) == 2
    assert "score" in capsys.readouterr().out


def test_an_output_folder_that_is_a_file_is_an_error_not_a_traceback(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["export", str(EXAMPLES[0]), "--format", "json", "-o", str(blocker / "sub")]) == 2
    err = capsys.readouterr().err
    assert "Not a directory" in err and "Traceback" not in err


def test_new_writes_a_budget_table_when_the_framework_has_formula_leaves(tmp_path, capsys):
    target = tmp_path / "self.toml"
    assert main(["new", "--framework", "cz-2020-10-self", "-o", str(target)]) == 0
    text = target.read_text("utf-8")
    assert "[budget]" in text and "executed = 0" in text
    assert '{ name = "预算执行率" }' in text  # computed from the figures: no actual to fill in
    ev = load_evaluation(target)
    assert ev.spec.budget.executed == 0


def test_the_json_export_does_not_depend_on_the_folder_it_was_read_from(tmp_path, monkeypatch):
    from perfeval_core import Exporter, get_registry, render

    exporter: Exporter = get_registry().exporter("json")
    absolute = score(load_evaluation(EXAMPLES[2]))  # 03: it has findings
    monkeypatch.chdir(EXAMPLES[2].parent)
    here = score(load_evaluation(EXAMPLES[2].name))
    assert render(absolute, exporter) == render(here, exporter)


def test_frameworks_lists_the_good_ones_when_one_file_is_bad(tmp_path, capsys, monkeypatch):
    (tmp_path / "not-a-framework.toml").write_text('framework = "rugao-2024"\n', "utf-8")
    monkeypatch.setenv("PERFEVAL_FRAMEWORK_PATH", str(tmp_path))
    assert main(["frameworks"]) == 2
    out, err = capsys.readouterr()
    assert "rugao-2024" in out and "cz-2020-10-self" in out
    assert "not-a-framework.toml" in err and "Traceback" not in err


def test_load_framework_takes_a_path_as_text():
    from perfeval_core import load_framework

    path = ROOT / "frameworks" / "cz-2021-101.toml"
    assert load_framework(str(path)).id == load_framework(path).id == "cz-2021-101"
