"""The seed's report text (tests/data/seed-rugao-2024.txt: the PDF text of 13 published 如皋
2024 self-evaluations) imports to the 13 examples/rugao-2024/*.toml byte for byte, quirks and
all — through the same reader, recogniser and mapping as any other file."""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from perfeval_core import IndicatorSpec, from_spec, load_framework, score
from perfeval_core._cli import main

from perfeval_import import ReadError, import_file
from perfeval_import.read_text import parse_text

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "tests" / "data" / "seed-rugao-2024.txt"
EXAMPLES = sorted((ROOT / "examples" / "rugao-2024").glob("*.toml"))

NAMES = [
    "新录用事业人员培训及事业人员嘉奖证书",
    "职业技能评价",
    "劳动监察专项业务费",
    "仲裁专项经费",
    "保障农民工工资支付系统",
    "人社综合专项业务费",
    "高级人才休养慰问费",
    "人才服务专项业务费",
    "“三支一扶”人员经费",
    "全省社保基金监管软件联网经费",
    "综合工程职称评审",
    "网络设备设施运行与维护费",
    "集聚人力资源补贴(奖励)",
]
#: The 总计 each report states, read off the seed by hand.
TOTALS = [98, 99, 97, 99, 98, 99, 98, 98, 98, 99, 98, 99, 96]


def _tool():
    spec = importlib.util.spec_from_file_location("import_seed", ROOT / "tools" / "import_seed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("import_seed", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result():
    return import_file(SEED)


@pytest.fixture(scope="module")
def specs(result):
    return [ev.spec for ev in result.evaluations]


def _text_of(path: Path) -> Path:
    return path


def _import_text(tmp_path: Path, text: str):
    path = tmp_path / "seed.txt"
    path.write_text(text, "utf-8")
    return import_file(path, framework="rugao-2024")


def leaves(tree, path=()):
    for node in tree:
        if node.children is not None:
            yield from leaves(node.children, (*path, node.name))
        else:
            yield (*path, node.name), node


def group(spec, *names):
    nodes = spec.indicators
    node = None
    for name in names:
        node = next(n for n in nodes if n.name == name)
        nodes = node.children or ()
    return node


# -- the seed as a whole --------------------------------------------------------------------------


def test_the_reports_are_found_in_order_on_the_rugao_framework(result, specs):
    assert [s.project.name for s in specs] == NAMES
    assert all(s.framework == "rugao-2024" for s in specs)
    assert all(ev.form == "rugao-2024" for ev in result.evaluations)
    assert "its form rugao-2024 is the one recognised" in result.evaluations[0].framework_reason
    assert all(s.project.unit == "如皋市人力资源和社会保障局" for s in specs)
    assert all(s.project.year == 2024 for s in specs)
    assert [s.narrative.form for s in specs] == ["情况表"] * 12 + ["自评报告"]


@pytest.mark.parametrize("index", range(13))
def test_weights_and_scores_add_up_to_the_stated_total(specs, index):
    card = score(from_spec(specs[index]))
    assert sum(leaf.weight for leaf in card.leaves) == 100
    assert card.total == specs[index].stated_total == TOTALS[index]
    assert all(leaf.indicator.score is not None for leaf in card.leaves)


def test_the_committed_examples_are_current_byte_for_byte(result):
    tool = _tool()
    expected = {
        tool.example_name(ev, i): tool.example_text(ev)
        for i, ev in enumerate(result.evaluations, start=1)
    }
    actual = {path.name: path.read_text("utf-8") for path in EXAMPLES}
    assert actual.keys() == expected.keys(), "run tools/import_seed.py"
    for name, text in expected.items():
        assert actual[name] == text, f"{name} is stale: run tools/import_seed.py"


def test_every_value_is_traced_to_its_line(result):
    first = result.evaluations[0]
    where = {t.key: str(t.location) for t in first.traces}
    assert where[("project", "name")] == "line 9"
    key = ("indicators", "决策指标", "项目立项", "立项依据充分性", "actual")
    assert where[key] == "line 49, column 5"
    assert len([k for k in where if k[0] == "indicators" and k[-1] == "score"]) == 22


# -- the seed's quirks ---------------------------------------------------------------------------


def test_a_leaf_shifted_left_stays_under_its_group(specs):
    spec = specs[NAMES.index("全省社保基金监管软件联网经费")]  # seed line 662
    leaf = next(
        n for n in group(spec, "过程指标", "组织实施").children if n.name == "制度执行有效性"
    )
    assert (leaf.actual, leaf.score) == ("有效", 6)


def test_a_level2_shifted_into_the_level1_column(specs):
    spec = specs[NAMES.index("职业技能评价")]  # seed line 139
    benefit = group(spec, "效益指标")
    assert [g.name for g in benefit.children] == [
        "社会效益指标",
        "经济效益指标",
        "生态效益指标",
        "可持续发展指标",
    ]
    [leaf] = benefit.children[-1].children
    assert leaf.name.startswith("持续开展该项活动，有利于营造企业重视技能人才的良好氛围")
    assert spec.indicators[-1].name == "满意度指标"


def test_a_cost_row_shifted_left_stays_under_output(specs):
    spec = specs[NAMES.index("保障农民工工资支付系统")]  # seed line 332
    [leaf] = group(spec, "产出指标", "成本指标").children
    assert leaf == IndicatorSpec(
        "是否超出预算", target="否", actual="否", weight=Decimal(5), score=Decimal(5)
    )


def test_broken_labels_are_repaired(specs):
    spec = specs[NAMES.index("职业技能评价")]  # seed lines 117-140: "一级 指标", "满意 度指 标"
    assert [g.name for g in spec.indicators] == [
        "决策指标",
        "过程指标",
        "产出指标",
        "效益指标",
        "满意度指标",
    ]
    quantity = group(spec, "产出指标", "数量指标").children
    assert quantity[0] == IndicatorSpec(
        "根据省市要求组织考评人员培训及继续教育人数",
        target="300 人次",
        actual="330 人次",
        weight=Decimal(6),
        score=Decimal(6),
    )
    assert group(spec, "满意度指标").children[0].name == "满意度指标"


def test_framework_rows_state_only_what_differs(specs):
    first = specs[0].indicators[0].children[0].children[0]
    assert first == IndicatorSpec("立项依据充分性", actual="充分", score=Decimal(2))
    spec = specs[NAMES.index("集聚人力资源补贴(奖励)")]  # seed line 902: target 序时
    rate = group(spec, "过程指标", "资金管理").children[0]
    assert rate == IndicatorSpec("资金到位率", target="序时", actual="序时", score=Decimal(3))
    labour = specs[NAMES.index("劳动监察专项业务费")]  # seed line 195: the framework's target
    rate = group(labour, "过程指标", "资金管理").children[0]
    assert rate == IndicatorSpec("资金到位率", actual="序时", score=Decimal(3))


def test_a_renamed_framework_leaf_replaces_it(result, specs):
    index = NAMES.index("高级人才休养慰问费")  # seed line 461
    row = group(specs[index], "过程指标", "组织实施").children[0]
    assert row == IndicatorSpec(
        "管理制度健全性",
        replaces="管理制度及安全性",
        target="健全",
        actual="健全",
        weight=Decimal(2),
        score=Decimal(2),
    )
    [finding] = [f for f in result.evaluations[index].findings if f.kind == "approximate"]
    assert finding.location == "line 461, column 3" and "replaces" in finding.message
    fw = load_framework("rugao-2024")
    resolved = from_spec(specs[index])
    names = [path for path, _ in leaves_of(resolved.indicators)]
    assert ("过程指标", "组织实施", "管理制度健全性") in names
    assert ("过程指标", "组织实施", "管理制度及安全性") not in names
    assert fw.id == "rugao-2024"


def leaves_of(nodes, path=()):
    for node in nodes:
        here = (*path, node.name)
        if node.is_group:
            yield from leaves_of(node.children, here)
        else:
            yield here, node


def test_header_fields_on_one_line(specs):
    project = specs[NAMES.index("仲裁专项经费")].project  # seed line 220
    assert (project.unit, project.name, project.year, project.start, project.end) == (
        "如皋市人力资源和社会保障局",
        "仲裁专项经费",
        2024,
        "2024-01",
        "2024-12",
    )
    # full-width colons (line 550) and full-width parentheses (lines 616, 618)
    for name in ("“三支一扶”人员经费", "全省社保基金监管软件联网经费", "人社综合专项业务费"):
        project = specs[NAMES.index(name)].project
        assert (project.start, project.end) == ("2024-01", "2024-12")


def test_paragraphs_split_by_page_breaks_are_joined(specs):
    report = specs[-1].narrative
    texts = {s.heading: s.text for t in report.sections for s in t.sections}
    assert "经严格审核、复核和公示，报人社局党组研究同意拨付。" in texts["（三）评价工作情况"]
    assert "生活津补贴3090.37万元、126家企业的引才奖励 71.25 万元" in texts["（一）亮点工作"]
    assert texts["（一）亮点工作"].count("\n\n") == 4  # five numbered paragraphs stay apart
    network = specs[NAMES.index("网络设备设施运行与维护费")].narrative.sections
    assert "落实内网安全准入，实现内外网隔离" in network[1].text
    assert network[1].text.count("\n\n") == 0


def test_the_long_report_keeps_its_title_and_sub_sections(specs):
    narrative = specs[-1].narrative
    assert narrative.title == "2024 年集聚人力资源补贴（奖励）项目支出绩效自评报告"
    assert [s.heading for s in narrative.sections] == [
        "一、项目情况",
        "二、评价情况",
        "三、项目绩效",
        "四、存在问题",
        "五、有关建议",
    ]
    assert [s.heading for s in narrative.sections[1].sections] == [
        "（一）项目特点",
        "（二）评价思路",
        "（三）评价工作情况",
        "（四）绩效评价结论",
    ]
    for spec in specs[:-1]:
        assert spec.narrative.title == ""
        assert [s.heading[:2] for s in spec.narrative.sections] == [
            "一、",
            "二、",
            "三、",
            "四、",
            "五、",
        ]


def test_decimal_scores(tmp_path):
    text = SEED.read_text("utf-8")
    first = text[: text.index("总计") + len("总计\t\t\t\t\t100\t98\t")]
    first = first.replace("可持续发展\t是\t是\t10\t10", "可持续发展\t是\t是\t10\t9.5")
    first = first.replace("100\t98\t", "100\t97.5\t")
    [evaluation] = _import_text(tmp_path, first).evaluations
    assert evaluation.spec.stated_total == Decimal("97.5")
    leaf = group(evaluation.spec, "效益指标").children[2].children[0]
    assert leaf.score == Decimal("9.5") and leaf.weight == 10


def test_a_basis_after_the_score_is_kept(tmp_path):
    lines = SEED.read_text("utf-8").split("\n")
    lines[56] = "\t\t资金使用合规性\t合规\t合规\t4\t3\t一笔支出凭证不全"  # line 57
    first = _import_text(tmp_path, "\n".join(lines)).evaluations[0]
    rows = group(first.spec, "过程指标", "资金管理").children
    assert rows[2] == IndicatorSpec(
        "资金使用合规性", actual="合规", score=Decimal(3), basis="一笔支出凭证不全"
    )


# -- errors ---------------------------------------------------------------------------------------


def test_a_weight_that_is_no_number_names_its_line(tmp_path):
    lines = SEED.read_text("utf-8").split("\n")
    assert lines[55] == "\t\t预算执行率\t100%\t100%\t3\t3\t"  # line 56
    lines[55] = "\t\t预算执行率\t100%\t100%\t三\t3\t"
    with pytest.raises(ReadError, match=r"line 56, column \d+: 分值 '三' is not a number"):
        _import_text(tmp_path, "\n".join(lines))


def test_a_row_with_more_names_than_levels_is_an_error(tmp_path):
    lines = SEED.read_text("utf-8").split("\n")
    lines[55] = "过程指标\t资金管理\t预算\t执行率\t100%\t100%\t3\t3\t"
    with pytest.raises(ReadError, match="line 56: a row with 4 indicator names for 3 levels"):
        _import_text(tmp_path, "\n".join(lines))


def test_text_outside_a_form_is_a_finding_and_text_without_one_an_error(tmp_path):
    with pytest.raises(ReadError, match="no table found"):
        _import_text(tmp_path, "\n随便一行\n")
    text = "随便一行\n" + SEED.read_text("utf-8")
    result = _import_text(tmp_path, text)
    assert any(n.location == "line 1" and "outside a form" in n.message for n in result.notes)
    assert len(result.evaluations) == 13


def test_parse_text_gives_the_tables_the_recogniser_reads():
    document = parse_text(SEED.read_text("utf-8"), "seed")
    assert len(document.tables) == 13


# -- the command --------------------------------------------------------------------------------


def test_import_text_is_the_import_command_and_writes_the_examples_bodies(tmp_path, capsys):
    assert main(["import-text", str(SEED), "-o", str(tmp_path)]) == 0
    written = {p.name: p.read_text("utf-8") for p in tmp_path.glob("*.toml")}
    assert len(written) == 13
    for example in EXAMPLES:
        name = example.name[3:]  # "01-职业技能评价.toml" → named after the project alone
        head, body = written[name].split("\n\n", 1)
        assert head.startswith("# Imported by perfeval import from seed-rugao-2024.txt (line ")
        assert body == example.read_text("utf-8").split("\n\n", 1)[1]


def test_import_reads_standard_input_and_writes_one_evaluation_to_standard_output(
    monkeypatch, capsys
):
    """The seed's second report (职业技能评价), cut from the seed text, comes out as the
    example it was converted to."""
    import io

    text = SEED.read_text("utf-8")
    title = "项目支出绩效自我评价情况表"
    starts = [i for i in range(len(text)) if text.startswith(title, i)]
    second = text[starts[1] : starts[2]]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(second.encode("utf-8"))))
    assert main(["import", "-", "-o", "-", "--framework", "rugao-2024"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Imported by perfeval import from <stdin> (line 1).\n\n")
    assert out.split("\n\n", 1)[1] == EXAMPLES[1].read_text("utf-8").split("\n\n", 1)[1]


def test_import_to_standard_output_refuses_several_evaluations(capsys):
    assert main(["import-text", str(SEED), "-o", "-"]) == 2
    assert "-o - writes one evaluation, and 13 were found" in capsys.readouterr().err
    assert not (Path.cwd() / "-").exists()
