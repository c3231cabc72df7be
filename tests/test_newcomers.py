"""Traps a newcomer fell into, each fixed: a framework beside its evaluations in a folder, a
blank from `perfeval new` that names its framework, shows what to fill in and can be filled in,
error lines that comments do not fool."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from perfeval_core import available_frameworks, load_evaluation, run_batch, score
from perfeval_core._cli import main

ROOT = Path(__file__).resolve().parents[1]
DEMO = """\
id = "demo-county-2025"
extends = "cz-2020-10-self"
"""


def county_folder(tmp_path: Path) -> Path:
    """A county's folder as docs/frameworks.md recommends: its framework beside an evaluation."""
    folder = tmp_path / "county"
    folder.mkdir()
    (folder / "demo-county-2025.toml").write_text(DEMO, "utf-8")
    text = (ROOT / "examples" / "national" / "cz-2020-10-self.toml").read_text("utf-8")
    (folder / "培训.toml").write_text(
        text.replace('framework = "cz-2020-10-self"', 'framework = "demo-county-2025.toml"'),
        "utf-8",
    )
    return folder


def test_score_check_and_batch_skip_the_framework_in_a_folder(tmp_path, capsys):
    folder = county_folder(tmp_path)
    note = f"perfeval: note: {folder / 'demo-county-2025.toml'}: a framework file"
    for command in (["score"], ["check"], ["batch"]):
        assert main([*command, str(folder)]) == 0, command
        out, err = capsys.readouterr()
        assert note in err and "error" not in err, command
        assert "职业技能提升培训" in out or "1 file: 1 scored" in out
    result = run_batch([folder])
    assert (result.files, len(result.rows), result.skipped) == (
        1,
        1,
        [str(folder / "demo-county-2025.toml")],
    )
    assert result.as_data()["skipped"] == [str(folder / "demo-county-2025.toml")]


def test_a_framework_named_as_a_file_to_check_is_still_an_error(tmp_path, capsys):
    folder = county_folder(tmp_path)
    assert main(["check", str(folder / "demo-county-2025.toml")]) == 2
    assert "this is a framework file (it has `id`), not an evaluation" in capsys.readouterr().err


def test_new_with_a_framework_file_names_it_by_its_path(tmp_path, capsys):
    folder = county_folder(tmp_path)
    blank = folder / "新项目.toml"
    assert (
        main(["new", "--framework", str(folder / "demo-county-2025.toml"), "-o", str(blank)]) == 0
    )
    text = blank.read_text("utf-8")
    assert 'framework = "demo-county-2025.toml"' in text
    assert load_evaluation(blank).framework.id == "demo-county-2025"  # the blank loads
    # a blank in a folder above it names it by the path below
    above = tmp_path / "above.toml"
    assert (
        main(["new", "--framework", str(folder / "demo-county-2025.toml"), "-o", str(above)]) == 0
    )
    assert 'framework = "county/demo-county-2025.toml"' in above.read_text("utf-8")
    assert load_evaluation(above).framework.id == "demo-county-2025"
    # a blank beside the folder could not name it: refused, with what to do
    capsys.readouterr()
    elsewhere = tmp_path / "other" / "elsewhere.toml"
    args = ["new", "--framework", str(folder / "demo-county-2025.toml"), "-o", str(elsewhere)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "neither in the blank's folder nor on the framework search path" in err
    assert not elsewhere.exists()
    # a shipped framework given as its file is named by its id
    shipped = available_frameworks()["rugao-2024"]
    assert main(["new", "--framework", str(shipped), "-o", str(tmp_path / "r.toml")]) == 0
    assert 'framework = "rugao-2024"' in (tmp_path / "r.toml").read_text("utf-8")


def test_the_blank_shows_points_targets_and_writes_no_rugao_headings(tmp_path):
    rugao, national = tmp_path / "r.toml", tmp_path / "n.toml"
    assert main(["new", "--framework", "rugao-2024", "-o", str(rugao)]) == 0
    assert main(["new", "--framework", "cz-2020-10-self", "-o", str(national)]) == 0
    r, n = rugao.read_text("utf-8"), national.read_text("utf-8")
    # each framework leaf with its points, target and rule
    assert '{ name = "立项依据充分性", actual = "" },  # 2 分 · 指标值 充分 · 是否' in r
    assert '{ name = "预算执行率" },  # 10 分 · 指标值 100% · 公式 ratio executed / adjusted' in n
    # the points the project's indicators share
    assert (
        "fixes 30 of its 100 points; the project's indicators under 产出指标、效益指标、满意度指标 share the other 70"
        in r
    )
    assert 'name = "产出指标"  # 50 分: the project\'s indicators here share 50' in n
    # no 如皋 情况表 headings: they belong to a form
    assert "一、项目概况" not in r and "一、项目概况" not in n and "[narrative]" not in n
    # a slot has no `children = []` to fight
    assert "children = []" not in n


def test_the_blank_can_be_filled_in_with_tables_below_a_slot(tmp_path, capsys):
    blank = tmp_path / "b.toml"
    assert main(["new", "--framework", "cz-2020-10-self", "-o", str(blank)]) == 0
    text = blank.read_text("utf-8")
    text = text.replace('unit = ""', 'unit = "示例单位"', 1).replace(
        'name = ""', 'name = "示例"', 1
    )
    text = text.replace("# year = 2025", "year = 2025")
    text = text.replace("adjusted = 0", "adjusted = 10").replace("executed = 0", "executed = 10")
    # a leaf added as its own table below the 数量指标 slot, as the comment of new's old blank said
    text = text.replace(
        'name = "数量指标"  # set per project: add its indicators, or drop = true\n',
        'name = "数量指标"  # set per project: add its indicators, or drop = true\n'
        '[[indicators.children.children]]\nname = "培训人数"\ntarget = "≥300人次"\n'
        'weight = 50\nactual = "320人次"\n',
    )
    # and one written in the list the blank shows commented out
    text = text.replace(
        '[[indicators.children]]\nname = "社会效益指标"  # set per project: add its indicators, or drop = true\n'
        '# children = [\n#   { name = "…", target = "…", weight = …, actual = "" },\n# ]\n',
        '[[indicators.children]]\nname = "社会效益指标"\n'
        'children = [\n  { name = "就业带动", target = "达成年度指标", weight = 30, actual = "达成" },\n]\n',
    )
    text = text.replace(
        'name = "服务对象满意度指标"  # set per project: add its indicators, or drop = true\n',
        'name = "服务对象满意度指标"\n'
        'children = [ { name = "满意度", target = "≥90%", weight = 10, actual = "95%" } ]\n',
    )
    for slot in (
        "质量指标",
        "时效指标",
        "成本指标",
        "经济效益指标",
        "生态效益指标",
        "可持续影响指标",
    ):
        text = text.replace(
            f'name = "{slot}"  # set per project: add its indicators, or drop = true\n',
            f'name = "{slot}"\ndrop = true\n',
        )
    blank.write_text(text, "utf-8")
    card = score(load_evaluation(blank))
    assert card.total == 100 and card.complete  # 10 + 50 + 30 + 10
    assert main(["check", str(blank)]) == 0
    assert "no findings" in capsys.readouterr().out


def test_an_inline_list_extended_by_a_table_gets_a_hint_not_about_quotes(tmp_path, capsys):
    path = tmp_path / "e.toml"
    path.write_text(
        'framework = "rugao-2024"\n[project]\nname = "x"\n[[indicators]]\nname = "产出指标"\n'
        'children = []\n[[indicators.children]]\nname = "数量指标"\n',
        "utf-8",
    )
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:7: invalid TOML: Cannot mutate immutable namespace" in err
    assert "cannot be extended by a [[…]] table below it" in err and "double quotes" not in err


def test_an_error_line_is_not_taken_from_a_comment(tmp_path, capsys):
    # the comments mention `year = …` (as the blank's header does); the real key is on line 16
    lines = [f"# line {n}: add year = 2025 below (项目实施年度)" for n in range(1, 12)]
    lines += ['framework = "rugao-2024"', "", "[project]", 'name = "示例"  # year = 2024?']
    lines += ['year = "2025"', 'unit = "示例单位"']
    assert lines[15] == 'year = "2025"'
    path = tmp_path / "e.toml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:16: project › year: expected a whole number, got the text '2025'" in err


def test_docs_show_a_four_level_table_and_an_optional_item():
    frameworks = (ROOT / "docs" / "frameworks.md").read_text("utf-8")
    assert "[[indicators.children.children]]" in frameworks
    assert "not_applicable = false" in frameworks and "可选项" in frameworks


def test_score_json_of_a_folder_with_a_framework(tmp_path, capsys):
    folder = county_folder(tmp_path)
    shutil.copy(ROOT / "examples" / "hubei" / "学生资助.toml", folder / "湖北.toml")
    assert main(["score", "--json", str(folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["project"] for d in data] == ["职业技能提升培训", "学生资助项目"]


def test_the_blank_of_a_table_scored_by_hand_asks_for_scores(tmp_path):
    blank = tmp_path / "s.toml"
    assert main(["new", "--framework", "sichuan-2017-project", "-o", str(blank)]) == 0
    text = blank.read_text("utf-8")
    # a 得分表: no 实际完成值 to fill in, a score to record; four levels as tables
    assert '  { name = "必要性(政策依据)" },  # 5 分 · 手工: record score = …\n' in text
    assert '[[indicators.children.children]]\nname = "科学决策"  # 10 分\n' in text
    assert 'name = "效益（可选项）"  # 40 分: the optional items (可选项) picked share them' in text
    assert "可选项: applies only with not_applicable = false" in text
    assert load_evaluation(blank).framework.id == "sichuan-2017-project"
