"""``perfeval batch`` and perfeval_core.batch: the roll-up, its files, failures, jobs, progress."""

from __future__ import annotations

import io
import json
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from perfeval_core import BatchResult, ProjectRow, run_batch
from perfeval_core._batch.batch import average
from perfeval_core._cli import main
from perfeval_core._cli.batch import ProgressBar

ROOT = Path(__file__).resolve().parents[1]
RUGAO = ROOT / "examples" / "rugao-2024"
EXAMPLES = sorted(RUGAO.glob("*.toml"))
TOTALS = [98, 99, 97, 99, 98, 99, 98, 98, 98, 99, 98, 99, 96]  # as the 13 reports state them


def test_summary_json_is_exact(tmp_path):
    out = tmp_path / "summary.json"
    assert main(["batch", str(RUGAO), "--summary", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"), parse_float=Decimal)
    assert data["format"] == "perfeval-batch/1"
    assert (data["files"], data["scored"], data["failed"]) == (13, 13, 0)
    assert data["grades"] == [
        {"grade": "优", "count": 13},
        {"grade": "良", "count": 0},
        {"grade": "中", "count": 0},
        {"grade": "差", "count": 0},
    ]
    [unit] = data["units"]
    assert unit == {
        "unit": "如皋市人力资源和社会保障局",
        "projects": 13,
        "sum": 1276,
        "average": Decimal("98.15"),
        "min": 96,
        "max": 99,
    }
    assert [p["total"] for p in data["projects"]] == TOTALS
    first = data["projects"][0]
    assert first["levels"][0] == {"name": "决策指标", "score": 12, "weight": 12}
    assert set(first["findings"]) == {"error", "warning", "info"}
    assert first["findings"]["error"] == 0
    assert first["export"] is None


def test_a_broken_file_is_reported_and_the_others_processed(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES[0], folder / "a.toml")
    (folder / "b.toml").write_text('framework = "rugao-2024"\n[project\n', encoding="utf-8")
    (folder / "sub").mkdir()
    shutil.copy(EXAMPLES[1], folder / "sub" / "c.toml")  # folders are searched recursively
    out = tmp_path / "summary.json"
    assert main(["batch", str(folder), "--summary", str(out)]) == 2
    captured = capsys.readouterr()
    assert "b.toml" in captured.err and "invalid TOML" in captured.err
    assert "3 files: 2 scored, 1 failed" in captured.out
    data = json.loads(out.read_text("utf-8"))
    assert [Path(p["file"]).name for p in data["projects"]] == ["a.toml", "c.toml"]
    assert [Path(f["file"]).name for f in data["failures"]] == ["b.toml"]


def test_error_findings_exit_1(tmp_path):
    text = EXAMPLES[0].read_text("utf-8").replace("stated_total = 98", "stated_total = 97")
    (tmp_path / "wrong-total.toml").write_text(text, encoding="utf-8")
    out = tmp_path / "s.json"
    assert main(["batch", str(tmp_path / "wrong-total.toml"), "--summary", str(out)]) == 1
    [project] = json.loads(out.read_text("utf-8"))["projects"]
    assert project["findings"]["error"] >= 1


@pytest.mark.parametrize("suffix", ["json"])
def test_jobs_do_not_change_the_summary(tmp_path, suffix):
    one, two = tmp_path / f"1.{suffix}", tmp_path / f"2.{suffix}"
    assert main(["batch", str(RUGAO), "--summary", str(one), "--jobs", "1"]) == 0
    assert main(["batch", str(RUGAO), "--summary", str(two), "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path, capsys):
    assert main(["batch", str(RUGAO)]) == 0
    assert capsys.readouterr().err == ""


def test_the_progress_bar_redraws_one_line():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    bar = ProgressBar(stream)
    for done in range(1, 4):
        bar(done, 3)
    bar.finish()
    text = stream.getvalue()
    assert text.startswith("\r[") and "3/3 100%" in text
    assert text.count("\n") == 1 and text.endswith("\n")


def test_the_progress_bar_is_shown_on_a_terminal(tmp_path, monkeypatch, capsys):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    assert main(["batch", str(RUGAO)]) == 0
    assert "\r[" in stream.getvalue() and "13/13 100%" in stream.getvalue()


def test_export_json_writes_one_file_per_evaluation(tmp_path, capsys):
    out = tmp_path / "json"
    assert main(["batch", str(RUGAO), "--export", "json", "-o", str(out)]) == 0
    files = sorted(out.glob("*.json"))
    assert len(files) == 13
    assert (out / "职业技能评价.json").exists()
    doc = json.loads((out / "职业技能评价.json").read_text("utf-8"))
    assert doc["scorecard"]["total"] == 99
    assert "exported 13 files" in capsys.readouterr().out
    # again: every file exists, so every one fails without --force; with it, all are rewritten
    assert main(["batch", str(RUGAO), "--export", "json", "-o", str(out)]) == 2
    assert "use --force" in capsys.readouterr().err
    assert main(["batch", str(RUGAO), "--export", "json", "-o", str(out), "--force"]) == 0


def test_exported_names_used_twice_get_a_number(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES[1], folder / "a.toml")
    shutil.copy(EXAMPLES[1], folder / "b.toml")
    result = run_batch([folder], export_format="json", out_dir=tmp_path / "out", jobs=2)
    assert [Path(r.export).name for r in result.rows] == [
        "职业技能评价.json",
        "职业技能评价-2.json",
    ]


def test_an_existing_summary_is_not_overwritten(tmp_path, capsys):
    out = tmp_path / "s.json"
    out.write_text("keep", encoding="utf-8")
    assert main(["batch", str(RUGAO), "--summary", str(out)]) == 2
    assert "use --force" in capsys.readouterr().err
    assert out.read_text("utf-8") == "keep"
    assert main(["batch", str(RUGAO), "--summary", str(out), "--force"]) == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["--summary", "out.csv"], "name the summary out"),
        (["--export", "json"], "--export and -o/--output go together"),
        (["--jobs", "0"], "--jobs must be at least 1"),
        (["--export", "nope", "-o", "x"], "unknown export format 'nope'"),
        (["--policy", "nope"], "unknown grading policy 'nope'"),
    ],
)
def test_bad_arguments_fail_before_any_work(tmp_path, capsys, args, message):
    assert main(["batch", str(RUGAO), *args]) == 2
    assert message in capsys.readouterr().err


def test_grades_and_units_of_a_mixed_batch():
    def row(unit, total, grade):
        return ProjectRow(
            file=f"{unit}{total}",
            project="p",
            unit=unit,
            year=2024,
            framework="f",
            total=Decimal(total),
            max=Decimal(100),
            grade=grade,
            policy="cz-2020-10",
            levels=(),
        )

    result = BatchResult(
        rows=[
            row("甲", "91.5", "优"),
            row("乙", "70", "中"),
            row("甲", "80.25", "良"),
            row(None, "50", "差"),
        ],
        files=4,
    )
    assert result.grades() == [("优", 1), ("良", 1), ("中", 1), ("差", 1)]
    units = {u.unit: u for u in result.units()}
    assert units["甲"].average == Decimal("85.88")  # 171.75 / 2 = 85.875, half up
    assert (units["甲"].min, units["甲"].max, units["甲"].projects) == (
        Decimal("80.25"),
        Decimal("91.5"),
        2,
    )
    assert units[None].average == Decimal("50.00")
    assert result.overall().average == Decimal("72.94")  # 291.75 / 4 = 72.9375


@pytest.mark.parametrize(
    "total, count, expected",
    [
        ("2.25", 2, "1.13"),
        ("1", 3, "0.33"),
        ("2", 3, "0.67"),
        ("-2.25", 2, "-1.13"),
        ("98.005", 1, "98.01"),
        ("1276", 13, "98.15"),
    ],
)
def test_average_is_exact_and_rounds_half_up(total, count, expected):
    assert average(Decimal(total), count) == Decimal(expected)
    assert str(average(Decimal(total), count)) == expected


def test_paths_in_the_roll_up_are_relative_to_where_the_command_ran(tmp_path, monkeypatch):
    """Given absolute, a file inside the current folder is named relative to it; one outside
    stays as given — so files that sit side by side are never named both ways."""

    inside = tmp_path / "here"
    (inside / "2024").mkdir(parents=True)
    source = Path(__file__).resolve().parents[1] / "examples" / "national" / "cz-2021-101.toml"
    shutil.copy(source, inside / "2024" / "a.toml")
    monkeypatch.chdir(inside)
    result = run_batch(
        [inside / "2024" / "a.toml", "2024/a.toml", source],
        export_format="json",
        out_dir=inside / "out",
    )
    assert [r.file for r in result.rows] == ["2024/a.toml", "2024/a.toml", str(source)]
    assert [r.export for r in result.rows] == [
        "out/基层医疗设备更新.json",
        "out/基层医疗设备更新-2.json",
        "out/基层医疗设备更新-3.json",
    ]
