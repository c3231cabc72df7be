"""An evaluation with a leaf lacking its score has no grade, and every output says so: `score`
prints 未完成 and the leaves, `--json` has ``grade: null``, `export` and `batch --export` refuse
it unless `--draft`."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from perfeval_core import ExportError, export, loads_evaluation, run_batch, score
from perfeval_core._cli import main

D = Decimal

# 预算执行 10 × 171 / 180 = 9.50; 产出 50 recorded; 社会效益 has no actual and no score;
# 满意度 10 recorded: the total counts 69.50, and there is no grade
INCOMPLETE = """\
framework = "cz-2020-10-self"

[project]
unit = "示例单位"
name = "尚未填完"
year = 2024

[budget]
adjusted = 180
executed = 171

[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [ { name = "培训人数", target = "≥300人次", weight = 50, actual = "320人次" } ]
[[indicators.children]]
name = "质量指标"
drop = true
[[indicators.children]]
name = "时效指标"
drop = true
[[indicators.children]]
name = "成本指标"
drop = true

[[indicators]]
name = "效益指标"
[[indicators.children]]
name = "社会效益指标"
children = [ { name = "培训带动就业作用", target = "达成年度指标", weight = 20{effect} },
             { name = "政策知晓", target = "是", weight = 10, actual = "是" } ]
[[indicators.children]]
name = "经济效益指标"
drop = true
[[indicators.children]]
name = "生态效益指标"
drop = true
[[indicators.children]]
name = "可持续影响指标"
drop = true

[[indicators]]
name = "满意度指标"
[[indicators.children]]
name = "服务对象满意度指标"
children = [ { name = "满意度", target = "≥90%", weight = 10, actual = "95%" } ]
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """An incomplete evaluation and the same one done (部分达成, 14 of 20 recorded)."""
    incomplete, done = tmp_path / "incomplete.toml", tmp_path / "done.toml"
    incomplete.write_text(INCOMPLETE.replace("{effect}", ""), "utf-8")
    done.write_text(
        INCOMPLETE.replace(
            "{effect}", ', actual = "部分达成", score = 14, basis = "初见成效"'
        ).replace("尚未填完", "已填完"),
        "utf-8",
    )
    return incomplete, done


def test_an_incomplete_scorecard_has_no_grade():
    card = score(loads_evaluation(INCOMPLETE.replace("{effect}", ""), file="e.toml"))
    assert (card.complete, card.grade, card.grade_label) == (False, None, "未完成")
    assert [leaf.path[-1] for leaf in card.unscored] == ["培训带动就业作用"]
    assert card.total == D("79.50")  # 9.50 + 50 + 0 + 10 + 10: the missing leaf counts 0
    assert card.policy.id == "cz-2020-10"
    # a 部分达成 without a recorded score is incomplete too: its band says what to record
    card = score(loads_evaluation(INCOMPLETE.replace("{effect}", ', actual = "部分达成"')))
    assert card.grade is None
    assert card.unscored[0].why_unscored == "部分达成: record a score from 12 to 16, top excluded"


def test_score_prints_it_as_incomplete(files, capsys):
    incomplete, _ = files
    assert main(["score", str(incomplete)]) == 0
    out = capsys.readouterr().out
    assert "  总计            79.5 / 100  未完成\n" in out
    assert "  no grade: 1 leaf without a score (counted as 0 in the total)\n" in out
    assert "    效益指标 › 社会效益指标 › 培训带动就业作用: no actual value\n" in out


def test_score_json_has_a_null_grade(files, capsys):
    incomplete, done = files
    assert main(["score", "--json", str(incomplete), str(done)]) == 0
    first, second = json.loads(capsys.readouterr().out)
    assert (first["grade"], first["complete"], first["policy"]) == (None, False, "cz-2020-10")
    assert (second["grade"], second["complete"], second["total"]) == ("优", True, 93.5)


def test_export_refuses_an_incomplete_evaluation_unless_draft(files, tmp_path, capsys):
    incomplete, done = files
    out = tmp_path / "out"
    # the complete one is written, the incomplete one refused: exit 2, the reason on stderr
    assert main(["export", str(incomplete), str(done), "-f", "json", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{incomplete}: incomplete: 1 leaf has no score, so there is no grade" in err
    assert "培训带动就业作用" in err and "--draft" in err
    assert sorted(p.name for p in out.iterdir()) == ["已填完.json"]
    # with --draft it is written, its grade null
    assert main(["export", str(incomplete), "-f", "json", "-o", str(out), "--draft"]) == 0
    data = json.loads((out / "尚未填完.json").read_text("utf-8"))
    assert (data["scorecard"]["grade"], data["scorecard"]["complete"]) == (None, False)


def test_the_export_function_refuses_too(files, tmp_path):
    incomplete, _ = files
    card = score(loads_evaluation(incomplete.read_text("utf-8")))
    with pytest.raises(ExportError, match="incomplete: 1 leaf has no score"):
        export([card], "json", tmp_path / "x")
    assert not (tmp_path / "x").exists()  # nothing written
    assert len(export([card], "json", tmp_path / "x", draft=True)) == 1


def test_batch_export_refuses_an_incomplete_evaluation_unless_draft(files, tmp_path):
    incomplete, done = files
    result = run_batch([incomplete, done], export_format="json", out_dir=tmp_path / "a")
    assert [r.project for r in result.rows] == ["尚未填完", "已填完"]
    assert [r.export is not None for r in result.rows] == [False, True]
    [failure] = result.failures
    assert failure.file == str(incomplete) and "incomplete" in failure.message
    assert result.exit_code == 2
    # the roll-up: the incomplete one counted under 未完成, its grade null in the summary
    assert dict(result.grades())["未完成"] == 1
    rows = result.as_data()["projects"]
    assert [(r["grade"], r["complete"]) for r in rows] == [(None, False), ("优", True)]
    drafted = run_batch([incomplete], export_format="json", out_dir=tmp_path / "b", draft=True)
    assert not drafted.failures and drafted.rows[0].export is not None


def test_batch_command_draft(files, tmp_path, capsys):
    incomplete, _ = files
    args = ["batch", str(incomplete), "--export", "json", "-o", str(tmp_path / "c")]
    assert main(args) == 2
    assert "incomplete" in capsys.readouterr().err
    assert main([*args, "--force", "--draft"]) == 1  # exported; E105 is an error finding


def test_the_documented_output(tmp_path, capsys, monkeypatch):
    docs = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text("utf-8")
    block = docs.split("each with the reason:\n\n```text\n")[1].split("```")[0]
    (tmp_path / "incomplete.toml").write_text(INCOMPLETE.replace("{effect}", ""), "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["score", "incomplete.toml"]) == 0
    assert capsys.readouterr().out == block + "\n"
