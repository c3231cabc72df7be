"""The shipped frameworks, the national examples, `perfeval framework show/check`, and the worked
example of docs/frameworks.md run exactly as printed."""

from __future__ import annotations

import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest

from perfeval_core import load_evaluation, load_framework, score
from perfeval_core._cli import main

ROOT = Path(__file__).resolve().parents[1]
FRAMEWORKS = ROOT / "frameworks"
NATIONAL = ROOT / "examples" / "national"
SHIPPED = sorted(p.stem for p in FRAMEWORKS.glob("*.toml"))
DOCS = (ROOT / "docs" / "frameworks.md").read_text("utf-8")

#: Each national example with its total and grade as worked out by hand in its header comment.
NATIONAL_TOTALS = {
    "cz-2020-10-self": (D("95.35"), "优"),
    "cz-2020-10-department": (D("87.87"), "良"),
    "cz-2021-101": (D("82.00"), "良"),
}


def run_json(capsys, *args: str):
    code = main(list(args))
    out = capsys.readouterr().out
    return code, json.loads(out)


def walk_groups(nodes):
    for node in nodes:
        if "children" in node:
            yield node
            yield from walk_groups(node["children"])


def walk_leaves(nodes, path=()):
    for node in nodes:
        here = (*path, node["name"])
        if "children" in node:
            yield from walk_leaves(node["children"], here)
        else:
            yield here, node


# -- the shipped frameworks ---------------------------------------------------------------------


def test_the_shipped_frameworks():
    assert SHIPPED == [
        "cz-2020-10-department",
        "cz-2020-10-self",
        "cz-2021-101",
        "hubei-self",
        "rugao-2024",
        "sichuan-2017-project",
        "sichuan-2023-self",
    ]


def test_frameworks_lists_each_with_its_document(capsys):
    assert main(["frameworks", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(SHIPPED) <= rows.keys()
    for ident in SHIPPED:
        assert rows[ident]["description"] and rows[ident]["source"]
    assert rows["cz-2021-101"]["extends"] == ["cz-2020-10-self"]


@pytest.mark.parametrize("ident", SHIPPED)
def test_show_json_weights_add_up_and_the_source_is_named(capsys, ident):
    code, data = run_json(capsys, "framework", "show", ident, "--json")
    assert code == 0
    assert data["id"] == ident and data["lineage"][-1]["id"] == ident
    assert data["source"] and all(item["source"] for item in data["lineage"])
    # the one-line description names the document the framework follows
    assert re.search(r"财预〔20\d\d〕\d+号|《.+》", data["description"])
    for group in walk_groups(data["indicators"]):
        if group["open"]:  # a slot: its indicators come with each evaluation
            assert group["sum"] == 0
        elif group.get("optional"):  # 可选项: those an evaluation picks share the stated points
            assert group["stated_weight"] is not None
            assert all(c["not_applicable"] for c in group["children"])
        else:
            assert group["sum"] == sum(c["weight"] for c in group["children"])
            if group["stated_weight"] is not None:
                assert group["stated_weight"] == group["sum"], group["name"]
    weights = data["weights"]
    assert weights["total"] == data["total"] == 100
    if weights["open"] and weights["sum"] != weights["total"]:
        # 一级 that carry no points until a project sets them
        assert (weights["sum"], weights["open"]) == {
            "rugao-2024": (30, ["产出指标", "效益指标", "满意度指标"]),
            # 产出 is a slot of 40 points; 效益 + 满意度 share the other 40
            "hubei-self": (60, ["产出指标", "效益指标", "满意度指标"]),
            # 预算执行情况 10; the 绩效指标 一级 share the other 90
            "sichuan-2023-self": (10, ["产出指标", "效益指标", "满意度指标"]),
        }[ident]
    else:
        assert weights["sum"] == weights["total"]
    for _, leaf in walk_leaves(data["indicators"]):
        assert leaf["weight"] > 0 and "error" not in leaf["rule"]
    assert data["policy"]["id"] == "cz-2020-10" and "error" not in data["policy"]


@pytest.mark.parametrize("ident", SHIPPED)
def test_check_passes(capsys, ident):
    assert main(["framework", "check", ident]) == 0
    assert "error" not in capsys.readouterr().out


def test_self_form_structure(capsys):
    _, data = run_json(capsys, "framework", "show", "cz-2020-10-self", "--json")
    assert [(n["name"], n["weight"]) for n in data["indicators"]] == [
        ("预算执行", 10),
        ("产出指标", 50),
        ("效益指标", 30),
        ("满意度指标", 10),
    ]
    slots = {n["name"]: [c["name"] for c in n["children"]] for n in data["indicators"][1:]}
    assert slots == {
        "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
        "效益指标": ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
        "满意度指标": ["服务对象满意度指标"],
    }
    [(path, leaf)] = walk_leaves(data["indicators"])
    assert path == ("预算执行", "预算执行率")
    assert leaf["rule"]["resolved"] == {
        "kind": "ratio",
        "numerator": "executed",
        "denominator": "adjusted",
    }
    assert data["settings"]["reverse"] == "ratio" and data["settings"]["overachievement"] == 130


def test_department_formulas_and_weights(capsys):
    _, data = run_json(capsys, "framework", "show", "cz-2020-10-department", "--json")
    levels = {n["name"]: n["weight"] for n in data["indicators"]}
    assert list(levels) == ["决策", "过程", "产出", "效益"]
    assert sum(levels.values()) == 100 and levels["产出"] + levels["效益"] >= 60
    assert [g["name"] for n in data["indicators"] for g in n["children"]] == [
        "项目立项",
        "绩效目标",
        "资金投入",
        "资金管理",
        "组织实施",
        "产出数量",
        "产出质量",
        "产出时效",
        "产出成本",
        "项目效益",
    ]
    leaves = {path[-1]: leaf for path, leaf in walk_leaves(data["indicators"])}
    assert leaves["资金到位率"]["rule"]["resolved"] == {
        "kind": "ratio",
        "numerator": "received",
        "denominator": "adjusted",
    }
    assert leaves["预算执行率"]["rule"]["resolved"] == {
        "kind": "ratio",
        "numerator": "executed",
        "denominator": "received",
    }
    for name in ("实际完成率", "质量达标率", "完成及时性", "成本节约率"):
        assert leaves[name]["target"].endswith("%")
        assert leaves[name]["rule"]["resolved"] == {"kind": "higher"}  # auto → 正向
        assert "=" in leaves[name]["description"]
    assert "(计划成本 − 实际成本) / 计划成本" in leaves["成本节约率"]["description"]
    assert leaves["立项依据充分性"]["rule"]["resolved"] == {"kind": "expect"}
    assert leaves["社会效益"]["rule"]["resolved"] == {"kind": "qualitative"}
    assert "参考" in data["description"]


def test_101_extends_the_self_form_and_moves_cost_up(capsys):
    _, data = run_json(capsys, "framework", "show", "cz-2021-101", "--json")
    assert [item["id"] for item in data["lineage"]] == ["cz-2020-10-self", "cz-2021-101"]
    assert "101号" in data["lineage"][1]["source"] and "10号" in data["lineage"][0]["source"]
    levels = {n["name"]: n for n in data["indicators"]}
    assert {k: v["weight"] for k, v in levels.items()} == {
        "预算执行": 10,
        "产出指标": 40,
        "效益指标": 30,
        "满意度指标": 10,
        "成本指标": 10,
    }
    assert [c["name"] for c in levels["产出指标"]["children"]] == [
        "数量指标",
        "质量指标",
        "时效指标",
    ]
    assert [c["name"] for c in levels["效益指标"]["children"]] == [
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
    ]
    assert [c["name"] for c in levels["成本指标"]["children"]] == [
        "经济成本指标",
        "社会成本指标",
        "生态环境成本指标",
    ]
    # inherited, not restated: the budget leaf, the settings, the policy
    assert data["settings"]["equivalents"] == [["按时完成", "按期完成", "按时", "按期"]]


def test_show_text(capsys):
    assert main(["framework", "show", "cz-2021-101"]) == 0
    out = capsys.readouterr().out
    assert "cz-2020-10-self  依据: 财政部《项目支出绩效评价管理办法》" in out
    assert "total: 100  (一级 sum 100, adds up)" in out
    assert "policy: cz-2020-10" in out and "优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 ≥ 0" in out
    assert "预算执行率  10  目标 100%  规则 公式 (ratio executed / adjusted)" in out
    assert "成本指标  10  (set per project, 10 points)" in out
    assert main(["framework", "show", "cz-2020-10-department"]) == 0
    out = capsys.readouterr().out
    assert "实际完成率  12  目标 100%  规则 auto → 正向 (higher)" in out
    assert "立项依据充分性  2  目标 充分  规则 auto → 是否 (expect)" in out


def test_show_a_file_resolves_a_relative_base(tmp_path, capsys):
    (tmp_path / "base-x.toml").write_text(
        'id = "base-x"\nsource = "《甲办法》"\n[settings]\nreverse = "linear"\n'
        '[[indicators]]\nname = "产出"\nchildren = [{ name = "件数", weight = 100, '
        'target = "≤5件" }]\n',
        "utf-8",
    )
    (tmp_path / "child-x.toml").write_text(
        'id = "child-x"\nextends = "base-x.toml"\nsource = "《乙通知》"\n', "utf-8"
    )
    code, data = run_json(capsys, "framework", "show", str(tmp_path / "child-x.toml"), "--json")
    assert code == 0
    assert [(i["id"], i["source"]) for i in data["lineage"]] == [
        ("base-x", "《甲办法》"),
        ("child-x", "《乙通知》"),
    ]
    [(_, leaf)] = walk_leaves(data["indicators"])
    assert leaf["rule"]["resolved"] == {"kind": "lower", "variant": "linear"}  # from settings


# -- framework check --------------------------------------------------------------------------

BROKEN = """\
id = "broken-x"
policy = "no-such-policy"
total = 100

[[indicators]]
name = "决策"
weight = 20
children = [
  { name = "甲", weight = 10, target = "充分" },
  { name = "乙", weight = 5, target = "合理" },
]

[[indicators]]
name = "产出"
children = [
  { name = "丙", weight = 0, target = "100%" },
  { name = "丁", weight = 30, target = "充分", rule = "反向" },
  { name = "戊", weight = 30, target = "100%", rule = { kind = "bands", bands = [] } },
]
"""


def test_check_reports_what_does_not_add_up(tmp_path, capsys):
    path = tmp_path / "broken-x.toml"
    path.write_text(BROKEN, "utf-8")
    assert main(["framework", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "error[F101] 决策: weight 20 but its indicators add up to 15" in out
    assert "error[F102] the 一级 weights add up to 80, the total is 100" in out
    assert "error[F103] 产出 › 丙: a leaf worth 0 points" in out
    assert "warning[F201] 产出 › 丁: rule lower compares numbers, but the target '充分'" in out
    assert "error[F104] 产出 › 戊: invalid rule" in out
    assert "error[F105] policy: unknown grading policy 'no-such-policy'" in out
    assert "installed: " in out and "cz-2020-10" in out
    assert main(["framework", "check", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["framework"] == "broken-x"
    assert sum(f["severity"] == "error" for f in data["findings"]) == 5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'id = "bad-x"\n[[indicators]]\nname = "a"\nchildren = [{ name = "b" }]\n',
            "this leaf has no weight",
        ),
        ('id = "bad-x"\nextends = "bad-x.toml"\n', "framework extends itself"),
        ('id = "bad-x"\ntotl = 100\n', "unknown key 'totl'"),
        ('id = "other"\n', "differs from the file name"),
        ('id = "bad-x"\n[settings]\nreverse = "sideways"\n', "unknown 反向 variant"),
    ],
)
def test_check_a_file_that_cannot_load_is_exit_2(tmp_path, capsys, text, message):
    path = tmp_path / "bad-x.toml"
    path.write_text(text, "utf-8")
    assert main(["framework", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_unknown_framework_id_is_exit_2(capsys):
    assert main(["framework", "show", "cz-2020-11-self"]) == 2
    assert "did you mean 'cz-2020-10-self'" in capsys.readouterr().err


# -- the national examples --------------------------------------------------------------------


@pytest.mark.parametrize("ident", sorted(NATIONAL_TOTALS))
def test_national_example_scores_to_its_hand_computed_total(ident, capsys):
    path = NATIONAL / f"{ident}.toml"
    total, grade = NATIONAL_TOTALS[ident]
    card = score(load_evaluation(path))
    assert card.evaluation.framework.id == ident
    assert (card.total, card.max, card.grade.label) == (total, D(100), grade)
    assert card.evaluation.spec.stated_total == total
    assert "total = " in path.read_text("utf-8")  # the hand computation is in the header
    assert main(["check", str(path), "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert not [f for f in result["findings"] if f["severity"] == "error"]


def test_national_examples_leaf_by_leaf():
    by = {}
    for path in sorted(NATIONAL.glob("*.toml")):
        card = score(load_evaluation(path))
        by[path.stem] = {leaf.path[-1]: (leaf.weight, leaf.score) for leaf in card.leaves}
    assert by["cz-2020-10-self"] == {
        "预算执行率": (10, D("9.50")),
        "培训人数": (10, 10),
        "取得职业资格证书人数": (10, D("9.50")),
        "培训合格率": (10, 10),
        "培训完成及时性": (10, 10),
        "人均培训成本": (10, D("9.60")),
        "参训人员就业率": (10, D("9.75")),
        "培训带动就业作用": (10, 7),
        "培训长效机制": (10, 10),
        "参训学员满意度": (10, 10),
    }
    dept = by["cz-2020-10-department"]
    assert dept["资金到位率"] == (4, D("3.75")) and dept["预算执行率"] == (4, D("3.92"))
    assert dept["成本节约率"] == (6, 0) and "生态效益" not in dept
    assert [dept[n] for n in ("经济效益", "社会效益", "可持续影响", "服务对象满意度")] == [
        (6, 6),
        (12, 12),
        (6, 6),
        (6, D("5.40")),
    ]
    assert by["cz-2021-101"]["设备购置成本"] == (10, D("8.00"))
    assert by["cz-2021-101"]["预算执行率"] == (10, D("7.00"))


# -- the worked example of docs/frameworks.md, verbatim ----------------------------------------


def doc_files() -> dict[str, str]:
    files = {}
    for block in re.findall(r"```toml\n(.*?)```", DOCS, re.S):
        first = block.splitlines()[0]
        if m := re.fullmatch(r"# file: (\S+)", first):
            files[m.group(1)] = block
    return files


def test_docs_worked_example_runs_verbatim(tmp_path, capsys, monkeypatch):
    files = doc_files()
    assert list(files) == ["demo-county-2025.toml", "创业培训补贴.toml"]
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    commands = (
        re.search(r"In the\nfolder that holds the two files:\n\n```sh\n(.*?)```", DOCS, re.S)
        .group(1)
        .splitlines()
    )
    assert commands == [
        "perfeval framework check demo-county-2025.toml",
        "perfeval score 创业培训补贴.toml",
        "perfeval check 创业培训补贴.toml",
    ]
    expected_score = re.search(r"`score` prints:\n\n```text\n(.*?)```", DOCS, re.S).group(1)
    outputs = []
    for command in commands:
        assert main(command.split()[1:]) == 0, command
        outputs.append(capsys.readouterr().out)
    assert "info[F301] 产出指标: set per project" in outputs[0] and "error" not in outputs[0]
    assert outputs[1] == expected_score + "\n"
    assert outputs[2].splitlines()[1:] == ["  no findings"]
    card = score(load_evaluation(tmp_path / "创业培训补贴.toml"))
    assert (card.total, card.grade.label) == (D("95.10"), "优秀")
    framework = load_framework(tmp_path / "demo-county-2025.toml")
    assert framework.lineage == ("cz-2020-10-self", "demo-county-2025")
    assert (framework.settings.reverse, framework.settings.places) == ("linear", 2)


def test_a_county_framework_on_the_search_path(tmp_path, capsys, monkeypatch):
    """The same county framework found by id through $PERFEVAL_FRAMEWORK_PATH."""
    files = doc_files()
    folder = tmp_path / "frameworks"
    folder.mkdir()
    (folder / "demo-county-2025.toml").write_text(files["demo-county-2025.toml"], "utf-8")
    evaluation = files["创业培训补贴.toml"].replace(
        'framework = "demo-county-2025.toml"', 'framework = "demo-county-2025"'
    )
    (tmp_path / "e.toml").write_text(evaluation, "utf-8")
    monkeypatch.setenv("PERFEVAL_FRAMEWORK_PATH", str(folder))
    assert main(["frameworks"]) == 0
    assert "demo-county-2025" in capsys.readouterr().out
    code, [data] = run_json(capsys, "score", "--json", str(tmp_path / "e.toml"))
    assert code == 0 and (data["total"], data["grade"]) == (95.1, "优秀")
    assert main(["check", str(tmp_path / "e.toml")]) == 0
    assert main(["framework", "check", "demo-county-2025"]) == 0
