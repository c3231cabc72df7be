"""Grading policies: every policy at its boundaries, the table in docs/grading.md, a framework's
policy, ``--policy`` overrides, unknown ids, and 结果未体现 when results are missing."""

from __future__ import annotations

import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest

from perfeval_core import load_evaluation, loads_evaluation, score
from perfeval_core._cli import main
from perfeval_core._model.grading import BUILTIN_POLICIES, DEFAULT_POLICY
from perfeval_core.testing import isolated_registry, register_plugin

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT / "examples" / "national"
GRADING_DOC = (ROOT / "docs" / "grading.md").read_text("utf-8")

try:  # the county plugin of plugins/, when installed (CI also runs these tests without it)
    import perfeval_grading_three
except ImportError:  # the core alone
    perfeval_grading_three = None


@pytest.fixture
def registry():
    """The built-ins and, when installed, the three-grade plugin; nothing else."""
    if perfeval_grading_three is None:
        with isolated_registry() as reg:
            yield reg
        return
    with register_plugin(perfeval_grading_three, "grading-three") as reg:
        yield reg


def _installed(policy: str, registry) -> None:
    if policy not in registry.policies:
        pytest.skip(f"the plugin with policy {policy} is not installed")


#: (policy, total, grade) at every boundary: just below and at 60, 80, 90 (and the others a
#: policy has), and 89.5 where the integer bands leave it undefined.
BOUNDARIES = [
    ("cz-2020-10", "0", "差"),
    ("cz-2020-10", "59.99", "差"),
    ("cz-2020-10", "60", "中"),
    ("cz-2020-10", "79.99", "中"),
    ("cz-2020-10", "80", "良"),
    ("cz-2020-10", "89.99", "良"),
    ("cz-2020-10", "90", "优"),
    ("cz-2020-10", "100", "优"),
    # integer bands: the total is rounded half up first
    ("cz-integer", "59.49", "差"),
    ("cz-integer", "59.99", "中"),
    ("cz-integer", "60", "中"),
    ("cz-integer", "79.49", "中"),
    ("cz-integer", "79.99", "良"),
    ("cz-integer", "80", "良"),
    ("cz-integer", "89.49", "良"),
    ("cz-integer", "89.5", "优"),
    ("cz-integer", "89.99", "优"),
    ("cz-integer", "90", "优"),
    ("five-grades", "59.99", "较差"),
    ("five-grades", "60", "及格"),
    ("five-grades", "69.99", "及格"),
    ("five-grades", "70", "一般"),
    ("five-grades", "79.99", "一般"),
    ("five-grades", "80", "良好"),
    ("five-grades", "89.99", "良好"),
    ("five-grades", "90", "优秀"),
    ("cz-2020-10-strict", "59.99", "差"),
    ("cz-2020-10-strict", "60", "中"),
    ("cz-2020-10-strict", "79.99", "中"),
    ("cz-2020-10-strict", "80", "良"),
    ("cz-2020-10-strict", "89.99", "良"),
    ("cz-2020-10-strict", "90", "优"),
    ("three-grades", "59.99", "不合格"),
    ("three-grades", "60", "合格"),
    ("three-grades", "79.99", "合格"),
    ("three-grades", "80", "合格"),
    ("three-grades", "89.99", "合格"),
    ("three-grades", "90", "优秀"),
]


@pytest.mark.parametrize(("policy", "total", "grade"), BOUNDARIES)
def test_boundaries(registry, policy, total, grade):
    _installed(policy, registry)
    result = registry.policy(policy).grade(D(total))
    assert (result.label, result.policy, result.demonstrated) == (grade, policy, True)


def test_every_policy_is_tested_at_60_80_90(registry):
    tested = {(p, t) for p, t, _ in BOUNDARIES}
    for policy in registry.policies:
        for bound in ("60", "80", "90"):
            below = str(D(bound) - D("0.01"))
            assert {(policy, below), (policy, bound)} <= tested, (policy, bound)


def test_the_table_in_grading_md(registry):
    """docs/grading.md's boundary table is what the policies do."""
    table = re.search(r"\| total \|(.*?)\n\n", GRADING_DOC, re.S).group(0).strip().splitlines()
    header = [c.strip() for c in table[0].strip("|").split("|")]
    assert header[0] == "total" and set(header[1:]) >= set(registry.policies)
    rows = 0
    for line in table[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        total = D(cells[0])
        for policy, cell in zip(header[1:], cells[1:], strict=True):
            if policy not in registry.policies:  # a plugin's, not installed
                continue
            assert registry.policy(policy).grade(total).label == cell.split()[0], (policy, total)
        rows += 1
    assert rows >= 10


@pytest.mark.parametrize(
    "policy", ["cz-2020-10", "cz-integer", "five-grades", "cz-2020-10-strict", "three-grades"]
)
def test_grades_are_monotone_in_the_total(registry, policy):
    _installed(policy, registry)
    p = registry.policy(policy)
    order = [t.label for t in sorted(p.thresholds, key=lambda t: t.min)]
    ranks = [order.index(p.grade(D(cents) / 100).label) for cents in range(0, 10001)]
    assert ranks == sorted(ranks)
    assert ranks[0] == 0 and ranks[-1] == len(order) - 1


def test_the_builtins_and_the_default():
    assert [p.id for p in BUILTIN_POLICIES] == [
        "cz-2020-10",
        "cz-integer",
        "five-grades",
        "cz-2020-10-strict",
    ]
    assert DEFAULT_POLICY == "cz-2020-10"
    for p in BUILTIN_POLICIES:
        assert p.title and p.source and min(t.min for t in p.thresholds) == 0


# -- results not demonstrated -------------------------------------------------------------------

INCOMPLETE = """\
framework = "cz-2020-10-self"

[project]
name = "缺少结果的项目"
unit = "示例单位"
year = 2024

[budget]
adjusted = 100
executed = 95

[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [ { name = "完成数量", target = "≥10个", weight = 50, actual = "10个" } ]
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
children = [ { name = "社会效益", target = "达成年度指标", weight = 30{effect} } ]
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


def test_strict_says_results_not_demonstrated(registry):
    ev = loads_evaluation(INCOMPLETE.replace("{effect}", ""))  # 社会效益: no actual, no score
    card = score(ev, registry.policy("cz-2020-10-strict"))
    assert not card.complete and card.total == D("69.50")  # 9.50 + 50 + 0 + 10
    # an incomplete evaluation has no grade, under any policy; the strict policy names it
    assert (card.grade, card.grade_label) == (None, "结果未体现")
    assert [leaf.path[-1] for leaf in card.unscored] == ["社会效益"]
    assert (score(ev).grade, score(ev).grade_label) == (None, "未完成")
    if "three-grades" in registry.policies:
        assert score(ev, registry.policy("three-grades")).grade is None
    # with the result the strict policy grades as 10号 does
    done = loads_evaluation(INCOMPLETE.replace("{effect}", ', actual = "达成年度指标"'))
    card = score(done, registry.policy("cz-2020-10-strict"))
    assert card.complete and card.total == D("99.50")
    assert (card.grade.label, card.grade.demonstrated) == ("优", True)


def test_strict_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "e.toml"
    path.write_text(INCOMPLETE.replace("{effect}", ""), "utf-8")
    assert main(["score", "--json", "--policy", "cz-2020-10-strict", str(path)]) == 0
    [data] = json.loads(capsys.readouterr().out)
    assert (data["grade"], data["policy"], data["complete"]) == (None, "cz-2020-10-strict", False)


# -- choosing a policy ----------------------------------------------------------------------------


def test_a_framework_names_its_policy(tmp_path):
    (tmp_path / "five-x.toml").write_text(
        'id = "five-x"\nextends = "cz-2020-10-self"\npolicy = "five-grades"\n', "utf-8"
    )
    text = (
        (NATIONAL / "cz-2020-10-self.toml")
        .read_text("utf-8")
        .replace('framework = "cz-2020-10-self"', 'framework = "five-x.toml"')
    )
    ev = loads_evaluation(text, base_dir=tmp_path)
    card = score(ev)
    assert (card.total, card.grade.label, card.grade.policy) == (D("95.35"), "优秀", "five-grades")


@pytest.mark.parametrize(
    ("policy", "grades"),
    [
        (None, ["良", "优", "良"]),
        ("cz-integer", ["良", "优", "良"]),
        ("five-grades", ["良好", "优秀", "良好"]),
    ],
)
def test_policy_override_on_the_command_line(capsys, policy, grades):
    files = [
        str(NATIONAL / f"{n}.toml")
        for n in ("cz-2020-10-department", "cz-2020-10-self", "cz-2021-101")
    ]
    args = ["score", "--json", *files] + (["--policy", policy] if policy else [])
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["grade"] for d in data] == grades
    assert {d["policy"] for d in data} == {policy or "cz-2020-10"}


def test_policy_override_in_check(capsys):
    path = str(NATIONAL / "cz-2020-10-department.toml")
    assert main(["check", "--policy", "cz-integer", path]) == 0
    assert main(["check", "--policy", "nope", path]) == 2
    assert "unknown grading policy 'nope'" in capsys.readouterr().err


def test_unknown_policy_lists_the_installed_ones(capsys):
    assert main(["score", "--policy", "cz-2021", str(NATIONAL / "cz-2021-101.toml")]) == 2
    err = capsys.readouterr().err
    assert "unknown grading policy 'cz-2021'" in err
    assert "installed: cz-2020-10, cz-2020-10-strict, cz-integer, five-grades" in err
    assert "Traceback" not in err


def test_a_framework_naming_an_unknown_policy(tmp_path, capsys):
    (tmp_path / "nopol-x.toml").write_text(
        'id = "nopol-x"\nextends = "cz-2020-10-self"\npolicy = "jiangsu-2030"\n', "utf-8"
    )
    evaluation = (
        (NATIONAL / "cz-2020-10-self.toml")
        .read_text("utf-8")
        .replace('framework = "cz-2020-10-self"', 'framework = "nopol-x.toml"')
    )
    (tmp_path / "e.toml").write_text(evaluation, "utf-8")
    assert main(["score", str(tmp_path / "e.toml")]) == 2
    err = capsys.readouterr().err
    assert "unknown grading policy 'jiangsu-2030'" in err and "installed: cz-2020-10" in err
    # --policy overrides the framework's choice, so the evaluation can still be graded
    assert main(["score", "--policy", "cz-2020-10", str(tmp_path / "e.toml")]) == 0
    assert "95.35 / 100  优" in capsys.readouterr().out
    assert main(["framework", "check", str(tmp_path / "nopol-x.toml")]) == 1
    assert "error[F105] policy: unknown grading policy 'jiangsu-2030'" in capsys.readouterr().out


def test_grade_of_a_national_example_under_each_builtin(registry):
    card = score(load_evaluation(NATIONAL / "cz-2020-10-department.toml"))
    assert card.total == D("87.87")
    labels = {p: registry.policy(p).grade(card.total).label for p in registry.policies}
    expected = {
        "cz-2020-10": "良",
        "cz-integer": "良",
        "five-grades": "良好",
        "cz-2020-10-strict": "良",
        "three-grades": "合格",
    }
    assert labels == {p: g for p, g in expected.items() if p in registry.policies}
