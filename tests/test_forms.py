"""Forms (表样) and the layout engine: the shipped forms, reading a form and its errors, the
templates, which form an evaluation gets, the document's date, and the layouts of the national,
四川, 云南 and 如皋 forms checked cell by cell against the published layouts (forms.md)."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from perfeval_core import (
    Exporter,
    ExportError,
    InputError,
    Paragraph,
    available_forms,
    build_layout,
    export,
    hookimpl,
    load_evaluation,
    load_form,
    loads_evaluation,
    loads_form,
    render,
    run_checks,
    score,
)
from perfeval_core._cli import main
from perfeval_core._export.layouts import document_date
from perfeval_core._forms import fields
from perfeval_core._forms.layout import Cell, Column, Row, Table
from perfeval_core._model.budget import budget_lines, budget_problems
from perfeval_core._model.spec import BudgetRowSpec, BudgetSourcesSpec, BudgetSpec
from perfeval_core.testing import register_plugin

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHIPPED = {"cz-2020-10-review", "cz-2020-10-self", "rugao-2024", "sichuan-2023", "yunnan-2020"}


def card(path: str | Path):
    return score(load_evaluation(Path(path)))


def grid(table: Table) -> list[list[str]]:
    """Each row's cells as ``text`` with ``⟨columns×rows⟩`` when a cell spans more."""
    out = []
    for row in table.rows:
        cells = []
        for c in row.cells:
            span = f"⟨{c.colspan}×{c.rowspan}⟩" if (c.colspan, c.rowspan) != (1, 1) else ""
            cells.append(c.text + span)
        out.append(cells)
    return out


def paragraphs(layout, part: int = 0) -> list[tuple[str, str]]:
    return [(b.style, b.text) for b in layout.parts[part].blocks if isinstance(b, Paragraph)]


# -- shipped forms ----------------------------------------------------------------------------


def test_the_shipped_forms_load_and_are_listed(capsys):
    assert set(available_forms()) == SHIPPED
    for ident in SHIPPED:
        form = load_form(ident)
        assert form.id == ident and form.title and form.description and form.source
    assert main(["forms", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in listed} == SHIPPED
    assert next(r for r in listed if r["id"] == "rugao-2024")["parts"] == [
        "情况表",
        "自评报告",
        "评分表",
        "计分明细",
    ]


def test_frameworks_name_their_default_forms():
    assert card(EXAMPLES / "national/cz-2020-10-self.toml").evaluation.framework.form == (
        "cz-2020-10-self"
    )
    assert card(EXAMPLES / "national/cz-2021-101.toml").evaluation.framework.form == (
        "cz-2020-10-self"
    )
    department = card(EXAMPLES / "national/cz-2020-10-department.toml")
    assert build_layout(department).form == "cz-2020-10-review"
    rugao = card(EXAMPLES / "rugao-2024/02-职业技能评价.toml")
    assert build_layout(rugao).form == "rugao-2024"
    # the evaluation's own form wins over its framework's, an explicit one over both
    yunnan = card(EXAMPLES / "yunnan/cz-2020-10-self-yunnan.toml")
    assert yunnan.evaluation.framework.form == "cz-2020-10-self"
    assert build_layout(yunnan).form == "yunnan-2020"
    assert build_layout(yunnan, "sichuan-2023").form == "sichuan-2023"


def test_a_framework_without_a_form_gets_the_rugao_layout(tmp_path):
    (tmp_path / "bare.toml").write_text('id = "bare"\n', "utf-8")
    text = (
        'framework = "bare.toml"\n[project]\nname = "项目"\n'
        '[[indicators]]\nname = "产出"\n'
        'children = [{ name = "数量", weight = 100, target = "1个", actual = "1个" }]\n'
    )
    layout = build_layout(score(loads_evaluation(text, base_dir=tmp_path)))
    assert layout.form == "rugao-2024"


def test_form_show_prints_the_parts_and_blocks(capsys):
    assert main(["form", "show", "cz-2020-10-self"]) == 0
    out = capsys.readouterr().out
    assert "part 自评表  (form, landscape)" in out
    assert "budget: 项目资金（{budget.unit}） │ — | 年初预算数 | 全年预算数 | 全年执行数" in out
    assert "total: 总分" in out
    assert main(["form", "show", "rugao-2024", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "rugao-2024" and [p["name"] for p in data["parts"]][2] == "评分表"


def test_form_show_for_an_evaluation_prints_the_layout(capsys):
    path = str(EXAMPLES / "national/cz-2020-10-self.toml")
    assert main(["form", "show", "cz-2020-10-self", "--for", path]) == 0
    out = capsys.readouterr().out
    assert "  年度资金总额⟨2×1⟩ │ 200 │ 180 │ 171 │ 10 │ 95.00% │ 9.5" in out
    assert "  总分⟨6×1⟩ │ 100 │ 95.35 │ " in out
    assert main(["form", "show", "cz-2020-10-self", "--for", path, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["form"] == "cz-2020-10-self" and data["date"].startswith("2024-12-31")


# -- reading a form, and its errors -----------------------------------------------------------

MINIMAL = """\
id = "mini"
[[parts]]
name = "表"
[[parts.blocks]]
text = "标题"
style = "title"
[[parts.blocks]]
type = "indicators"
levels = ["一级", "二级"]
columns = [{ field = "levels" }, { field = "score", label = "得分" }]
"""


def test_a_minimal_form():
    form = loads_form(MINIMAL)
    assert form.id == "mini" and form.title == "mini" and len(form.parts) == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('style = "title"', 'style = "heading"'),
            "<string>:6: part 1 (表) › block 1 (paragraph): unknown style 'heading'",
        ),
        (
            ('type = "indicators"', 'type = "grid"'),
            "<string>:8: part 1 (表) › block 2 (grid): unknown block type 'grid'",
        ),
        (
            ('text = "标题"', 'text = "标题{project.nme}"'),
            "<string>:5: part 1 (表) › block 1 (paragraph): unknown field {project.nme}",
        ),
        (
            ('text = "标题"', 'text = "[标题{project.name}"'),
            (
                "<string>:5: part 1 (表) › block 1 (paragraph): '[标题{project.name}': a bracket "
                "[ is not closed"
            ),
        ),
        (
            ('name = "表"', 'name = "表/一"'),
            "<string>:3: part 1 (表/一) › name: the part name '表/一' cannot name a sheet",
        ),
        (
            ('{ field = "score", label = "得分" }', '{ field = "scor", label = "得分" }'),
            "<string>:10: part 1 (表) › block 2 (indicators): unknown indicator field 'scor'",
        ),
        (
            ('levels = ["一级", "二级"]', 'levels = ["一级", "二级"]\nrows = [[{ text = "x" }]]'),
            (
                "<string>:10: part 1 (表) › block 2 (indicators): a block of type 'indicators' has "
                "no key 'rows'"
            ),
        ),
        (
            ("[[parts]]", 'titel = "x"\n[[parts]]'),
            "<string>:2: unknown key 'titel'",
        ),
    ],
)
def test_form_errors_name_the_line_the_block_and_what_to_do(change, message):
    old, new = change
    with pytest.raises(InputError) as info:
        loads_form(MINIMAL.replace(old, new, 1))
    assert str(info.value).splitlines()[0] == message
    assert info.value.hint


def test_blocks_of_one_table_must_be_as_wide():
    text = MINIMAL + (
        '[[parts.blocks]]\ntype = "total"\nlabel = "合计"\n'
        '[[parts.blocks]]\ntype = "fields"\nrows = [[{ text = "填报人：" }]]\n'
    )
    with pytest.raises(InputError) as info:
        loads_form(text)
    assert str(info.value).splitlines()[0] == (
        "<string>:14: part 1 (表) › block 4: this block covers 1 grid columns, block 2 covers "
        "3: the blocks of one table are as wide as each other"
    )
    loads_form(text.replace('{ text = "填报人：" }', '{ text = "填报人：", span = 3 }'))


def test_an_unknown_form_says_what_there_is(tmp_path):
    with pytest.raises(InputError) as info:
        load_form("cz-2020-10-selff")
    assert "unknown form 'cz-2020-10-selff'" in str(info.value)
    assert "did you mean 'cz-2020-10-self'?" in str(info.value)
    (tmp_path / "other.toml").write_text(MINIMAL, "utf-8")
    with pytest.raises(InputError, match="id 'mini' differs from the file name 'other'"):
        load_form(tmp_path / "other.toml")


def test_export_refuses_an_unknown_form_or_a_format_without_forms(tmp_path, capsys):
    path = str(EXAMPLES / "national/cz-2020-10-self.toml")
    assert main(["export", path, "--format", "json", "--form", "rugao-2024", "-o", "o"]) == 2
    assert "the json format does not draw forms" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
    with pytest.raises(ExportError):
        render(card(path), Exporter("j", ".j", lambda c, s: None), form="rugao-2024")


def test_the_search_path_and_the_plugin_hook(tmp_path, monkeypatch):
    (tmp_path / "mini.toml").write_text(MINIMAL, "utf-8")
    folder = tmp_path / "plugin"
    folder.mkdir()
    (folder / "plugin-form.toml").write_text(MINIMAL.replace('"mini"', '"plugin-form"'), "utf-8")

    class FormsPlugin:
        @hookimpl
        def perfeval_register_form_paths(self, register):
            register(folder)

    with register_plugin(FormsPlugin(), "county-forms") as registry:
        assert "plugin-form" in available_forms(registry)
        assert "forms " + str(folder) in registry.plugins["county-forms"].registered
        assert load_form("plugin-form", registry=registry).path == folder / "plugin-form.toml"
    monkeypatch.setenv("PERFEVAL_FORM_PATH", str(tmp_path))
    assert available_forms()["mini"] == tmp_path / "mini.toml"
    # a form of the environment's folder wins over a shipped one of the same id
    (tmp_path / "rugao-2024.toml").write_text(MINIMAL.replace('"mini"', '"rugao-2024"'), "utf-8")
    assert load_form("rugao-2024").parts[0].name == "表"


def test_an_evaluation_may_name_a_form_file_beside_it(tmp_path):
    (tmp_path / "mini.toml").write_text(MINIMAL, "utf-8")
    source = (EXAMPLES / "national/cz-2020-10-self.toml").read_text("utf-8")
    text = source.replace(
        'framework = "cz-2020-10-self"', 'framework = "cz-2020-10-self"\nform = "mini.toml"'
    )
    (tmp_path / "e.toml").write_text(text, "utf-8")
    assert build_layout(card(tmp_path / "e.toml")).form == "mini"
    (tmp_path / "e.toml").write_text(text.replace("mini.toml", "../mini.toml"), "utf-8")
    with pytest.raises(InputError, match="leaves the folder of the file naming it"):
        build_layout(card(tmp_path / "e.toml"))
    # a form file named beside it obeys the frameworks' rules on links (one resolver for both)
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    (tmp_path / "e.toml").write_text(text.replace("mini.toml", "loop.toml"), "utf-8")
    with pytest.raises(InputError, match="is a symbolic link that leads back to itself"):
        build_layout(card(tmp_path / "e.toml"))
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "mini.toml").write_text(MINIMAL, "utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "link.toml").symlink_to(outside / "mini.toml")
    (inner / "e.toml").write_text(text.replace("mini.toml", "link.toml"), "utf-8")
    with pytest.raises(InputError, match="is a link to a file outside the folder"):
        build_layout(card(inner / "e.toml"))


# -- templates --------------------------------------------------------------------------------


def test_templates():
    facts = {"project.name": "项目", "project.year": "2024", "project.unit": None}
    assert fields.fill("项目名称：{project.name}", facts) == "项目名称：项目"
    assert fields.fill("[填报单位：{project.unit}]", facts) == ""
    assert fields.fill("表[（{project.year}年度）]", facts) == "表（2024年度）"
    assert fields.fill("{{x}} [[y]] {project.unit}!", facts) == "{x} [y] !"
    assert fields.names("a{b}[c{d}]") == ["b", "d"]
    for bad in ("{a", "a}", "[a", "a]", "[[a]", "[a[b]]", "{}"):
        with pytest.raises(fields.TemplateError):
            fields.names(bad)
    assert fields.section_name("四、存在问题") == "存在问题"
    assert fields.section_name("（二）绩效目标") == "绩效目标"


# -- the document's date ----------------------------------------------------------------------


def test_the_document_date(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    national = card(EXAMPLES / "national/cz-2020-10-department.toml")  # end = 2024-11
    assert document_date(national) == datetime.datetime(2024, 11, 30, tzinfo=datetime.UTC)
    report = card(EXAMPLES / "rugao-2024/13-集聚人力资源补贴(奖励).toml")  # year only
    assert document_date(report) == datetime.datetime(2024, 12, 31, tzinfo=datetime.UTC)
    text = (
        'framework = "rugao-2024"\n[project]\nname = "x"\nend = "2024-02"\n'
        '[[indicators]]\nname = "产出指标"\nchildren = [{ name = "n", weight = 1, target = "1" }]\n'
    )
    assert document_date(score(loads_evaluation(text))).date() == datetime.date(2024, 2, 29)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735603200")
    assert document_date(national) == datetime.datetime(2024, 12, 31, tzinfo=datetime.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "last tuesday")
    with pytest.raises(InputError, match="SOURCE_DATE_EPOCH='last tuesday' is not a number"):
        document_date(national)


# -- the layouts ------------------------------------------------------------------------------


def test_the_national_form_filled_in():
    layout = build_layout(card(EXAMPLES / "national/cz-2020-10-self.toml"))
    assert [p.name for p in layout.parts] == ["自评表", "计分明细"]
    assert paragraphs(layout) == [
        ("title", "项目支出绩效自评表"),
        ("subtitle", "（2024年度）"),
        ("grade", "自评等级：优"),
    ]
    rows = grid(layout.tables("form")[0])
    assert rows[:7] == [
        ["项目名称⟨2×1⟩", "职业技能提升培训⟨7×1⟩"],
        [
            "主管部门⟨2×1⟩",
            "示例县人力资源和社会保障局⟨3×1⟩",
            "实施单位⟨2×1⟩",
            "示例县职业技能培训指导中心⟨2×1⟩",
        ],
        [
            "项目资金（万元）⟨1×5⟩",
            "⟨2×1⟩",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ],
        ["年度资金总额⟨2×1⟩", "200", "180", "171", "10", "95.00%", "9.5"],
        ["其中：当年财政拨款⟨2×1⟩", "170", "150", "145", "", "", ""],
        ["上年结转资金⟨2×1⟩", "30", "30", "26", "", "", ""],
        ["其他资金⟨2×1⟩", "0", "0", "0", "", "", ""],
    ]
    assert rows[7] == ["年度总体目标⟨1×2⟩", "预期目标⟨4×1⟩", "实际完成情况⟨4×1⟩"]
    assert rows[9] == [
        "绩效指标⟨1×11⟩",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    # 预算执行率 is in the budget block, not a row of the grid
    assert not any("预算执行" in " ".join(r) for r in rows[10:])
    assert rows[10][:5] == ["产出指标⟨1×5⟩", "数量指标⟨1×2⟩", "培训人数", "≥300人次", "320人次"]
    # the framework's 生态效益指标 slot, dropped by the evaluation, kept as an empty row
    assert rows[17] == ["生态效益指标⟨2×1⟩", "", "", "", "", ""]
    assert rows[-1] == ["总分⟨6×1⟩", "100", "95.35", ""]
    table = layout.tables("form")[0]
    budget_total = table.rows[3].cells
    assert budget_total[5].number == Decimal("95.00") and budget_total[5].format == "percent"
    assert table.rows[9].header and not table.rows[2].header
    assert table.rows[-2].keep_with_next and table.rows[-1].keep_with_next


def test_cells_say_what_they_show_and_which_indicator_they_name():
    """``Cell.field``, ``Cell.path`` and the budget row's ``Row.path``: what a renderer needs to
    put something of its own at a row or a cell (the html report's findings, the rule's score)."""
    table = build_layout(card(EXAMPLES / "national/cz-2020-10-self.toml")).tables("form")[0]
    budget_total = table.rows[3]  # 年度资金总额: 预算执行率's points, rate and score
    assert budget_total.path == ("预算执行", "预算执行率") and budget_total.block == "budget"
    assert [c.field for c in budget_total.cells] == [
        "", "initial", "adjusted", "executed", "points", "rate", "score",
    ]  # fmt: skip
    assert [r.path for r in table.rows[4:10]] == [None] * 6  # 其中 rows, goals, the heading
    assert all(c.path is None and c.field == "" for c in table.rows[9].cells)  # headings
    first = table.rows[10]  # 产出指标 › 数量指标 › 培训人数
    assert [(c.text, c.field, c.path) for c in first.cells[:3]] == [
        ("产出指标", "levels", ("产出指标",)),
        ("数量指标", "levels", ("产出指标", "数量指标")),
        ("培训人数", "levels", ("产出指标", "数量指标", "培训人数")),
    ]
    assert [c.field for c in first.cells[3:]] == ["target", "actual", "weight", "score", "basis"]
    slot = table.rows[17]  # the empty 生态效益指标 slot names itself
    assert (slot.cells[0].field, slot.cells[0].path) == ("levels", ("效益指标", "生态效益指标"))
    assert [c.field for c in table.rows[-1].cells] == ["", "weight", "score", "basis"]


def test_a_leaf_that_does_not_apply_is_shown_as_such():
    layout = build_layout(card(EXAMPLES / "national/cz-2020-10-department.toml"))
    rows = grid(layout.tables("form")[0])
    row = next(r for r in rows if "生态效益" in r)
    # 三级 | 分值 | 指标解释 | 评分标准 | 指标值 | 评价情况 | 得分 | 评分依据
    assert row[1:2] + row[3:] == ["不适用", "", "达成年度指标", "", "不适用", "项目不涉及生态效益"]


SICHUAN = """\
framework = "cz-2020-10-self"
form = "sichuan-2023"

[project]
unit = "示例县司法局"
name = "2023年全县安可替代补助资金项目"
year = 2023
department = "示例县司法局部门"
implementer = "示例县司法局"
content = "2023年购买13台安可电脑，并于12月前完成资金支付。"

[goal]
target = "根据要求购买安可设备，并完成项目资金支付。"
actual = "完成"

[budget]
initial = 0
adjusted = 3.36
received = 3.36
executed = 3.36
reason = "无"

[budget.sources]
fiscal = { initial = 0, adjusted = 3.36, executed = 3.36 }
special_account = { initial = 0, adjusted = 0, executed = 0 }
own = { initial = 0, adjusted = 0, executed = 0 }

[narrative]
form = "情况表"
[[narrative.sections]]
heading = "评价结论"
text = "项目自评得分 100 分。"
[[narrative.sections]]
heading = "存在问题"
text = "无"
[[narrative.sections]]
heading = "改进措施"
text = "无"

[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [{ name = "安可电脑购置数量", target = "≥13台", weight = 20, actual = "13台" }]
[[indicators.children]]
name = "质量指标"
children = [{ name = "支付完成率", comparator = "=", target = "100", unit = "%", weight = 20, actual = "100" }]
[[indicators.children]]
name = "时效指标"
drop = true
[[indicators.children]]
name = "成本指标"
children = [{ name = "成本控制数", target = "≤3.36万元", weight = 10, actual = "3.36万元" }]
[[indicators]]
name = "效益指标"
[[indicators.children]]
name = "社会效益指标"
children = [{ name = "信息安全保障水平", target = "有效提升", weight = 30, actual = "有效提升" }]
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
children = [{ name = "使用人员满意度", target = "≥90%", weight = 10, actual = "95%" }]
"""


def test_the_sichuan_form_filled_in():
    """四川 510000_0013zp as the 青神 / 大英 copies lay it out (forms.md §3)."""
    sichuan = score(loads_evaluation(SICHUAN))
    assert run_checks(sichuan) == []
    layout = build_layout(sichuan)
    assert layout.parts[0].orientation == "landscape"
    assert paragraphs(layout)[:2] == [
        ("note", "报表编号：510000_0013zp"),
        ("title", "部门预算项目支出绩效自评表（2023年度）"),
    ]
    rows = grid(layout.tables("form")[0])
    assert rows[2] == [
        "项目基本情况⟨1×3⟩",
        "1.项目年度目标完成情况⟨2×2⟩",
        "项目年度目标⟨4×1⟩",
        "年度目标完成情况⟨4×1⟩",
    ]
    assert rows[4] == [
        "2.项目实施内容及过程概述⟨2×1⟩",
        "2023年购买13台安可电脑，并于12月前完成资金支付。⟨8×1⟩",
    ]
    assert rows[5] == [
        "预算执行情况（10分）⟨1×6⟩",
        "年度预算数（万元）⟨2×1⟩",
        "年初预算",
        "调整后预算数",
        "预算执行数",
        "预算执行率",
        "权重",
        "得分",
        "原因⟨2×1⟩",
    ]
    assert rows[6] == ["总额⟨2×1⟩", "0", "3.36", "3.36", "100.00%", "10", "10", "无⟨2×5⟩"]
    assert rows[7] == ["其中：财政资金⟨2×1⟩", "0", "3.36", "3.36", "100.00%", "/", "/"]
    assert rows[8] == ["财政专户管理资金⟨2×1⟩", "0", "0", "0", "", "/", "/"]
    assert rows[10] == ["其他资金⟨2×1⟩", "", "", "", "", "/", "/"]
    assert rows[11][0] == "绩效指标（90分）⟨1×6⟩"  # the header row and five leaves
    assert rows[11][4:8] == ["指标性质", "指标值", "度量单位", "完成值"]
    # the comparator and the unit in columns of their own: read from the target, or as written
    assert rows[12][2:7] == ["安可电脑购置数量", "≥", "13", "台", "13台"]
    assert rows[13][1:6] == ["支付完成率", "=", "100", "%", "100%"]
    assert rows[14][1:6] == ["成本控制数", "≤", "3.36", "万元", "3.36万元"]
    assert rows[15][2:6] == ["信息安全保障水平", "", "有效提升", ""]
    assert rows[17] == ["合计⟨8×1⟩", "100", "100", ""]
    assert rows[18:] == [
        ["评价结论", "项目自评得分 100 分。⟨10×1⟩"],
        ["存在问题", "无⟨10×1⟩"],
        ["改进措施", "无⟨10×1⟩"],
        ["项目负责人：⟨5×1⟩", "财务负责人：⟨6×1⟩"],
    ]


def test_the_yunnan_form_splits_the_target_under_one_heading():
    layout = build_layout(card(EXAMPLES / "yunnan/cz-2020-10-self-yunnan.toml"))
    rows = grid(layout.tables("form")[0])
    assert rows[2][0] == "项目资金（元）⟨1×5⟩"
    assert rows[3][1:4] == ["72890", "72890", "70000"]
    assert rows[9] == [
        "绩效指标⟨3×1⟩",
        "年度指标值⟨3×1⟩",
        "实际完成值⟨1×2⟩",
        "分值⟨1×2⟩",
        "得分⟨1×2⟩",
        "偏差原因分析及改进措施⟨1×2⟩",
    ]
    assert rows[10] == ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]
    assert rows[13][1:8] == ["项目完成及时率", "=", "100", "%", "95%", "20", "19"]
    assert rows[-1] == ["总分⟨7×1⟩", "100", "98.6", ""]


def test_the_rugao_form_is_todays_layout():
    layout = build_layout(card(EXAMPLES / "rugao-2024/02-职业技能评价.toml"))
    assert [(p.name, p.role) for p in layout.parts] == [
        ("情况表", "narrative"),
        ("评分表", "form"),
        ("计分明细", "worksheet"),
    ]
    assert paragraphs(layout)[:3] == [
        ("title", "项目支出绩效自我评价情况表"),
        ("subtitle", "(2024)"),
        ("field", "填报单位：如皋市人力资源和社会保障局"),
    ]
    rows = grid(layout.tables("form")[0])
    assert rows[0] == [
        "评价指标⟨3×1⟩",
        "年初指标值⟨1×2⟩",
        "实际完成值⟨1×2⟩",
        "分值⟨1×2⟩",
        "得分⟨1×2⟩",
        "评分依据⟨1×2⟩",
    ]
    assert rows[2] == [
        "决策指标⟨1×6⟩",
        "项目立项⟨1×2⟩",
        "立项依据充分性",
        "充分",
        "充分",
        "2",
        "2",
        "",
    ]
    assert rows[-1] == ["总计⟨5×1⟩", "100", "99", ""]
    report = build_layout(card(EXAMPLES / "rugao-2024/13-集聚人力资源补贴(奖励).toml"))
    assert report.parts[0].name == "自评报告"
    assert paragraphs(report)[0] == ("title", "2024 年集聚人力资源补贴（奖励）项目支出绩效自评报告")


def test_an_incomplete_scorecard_is_marked_as_a_draft():
    text = (EXAMPLES / "national/cz-2020-10-self.toml").read_text("utf-8")
    text = text.replace('weight = 10, actual = "320人次" }', "weight = 10 }")
    layout = build_layout(score(loads_evaluation(text, base_dir=EXAMPLES / "national")))
    assert not layout.complete
    assert paragraphs(layout)[:2] == [
        ("title", "项目支出绩效自评表"),
        ("draft", "草稿：评分未完成（1 项指标无得分）"),
    ]


def test_the_scoring_detail_is_in_chinese():
    layout = build_layout(card(EXAMPLES / "national/cz-2020-10-self.toml"))
    rows = grid(layout.tables("worksheet")[0])
    assert rows[0] == [
        "指标",
        "年初指标值",
        "实际完成值",
        "分值",
        "得分",
        "规则得分",
        "评分规则",
        "说明",
    ]
    by_name = {r[0].split(" › ")[-1]: r for r in rows[1:]}
    assert by_name["取得职业资格证书人数"][6:] == [
        "正向（自动）",
        "未达到指标值，按 分值 × 实际完成值 ÷ 指标值 计分：10 × 228 ÷ 240",
    ]
    assert by_name["人均培训成本"][6:] == [
        "反向（自动）",
        "超出指标值，按 分值 × 指标值 ÷ 实际完成值 计分：10 × 600 ÷ 625",
    ]
    assert by_name["培训带动就业作用"][6:] == [
        "定性（自动）",
        "部分达成年度指标：得分值的 60%–80%（不含 80%）",
    ]
    assert by_name["预算执行率"][6] == "公式"
    assert layout.tables("worksheet")[0].rows[7].highlight is False


# -- the budget ------------------------------------------------------------------------------


def test_the_budget_matrix_and_check_e108():
    budget = BudgetSpec(
        initial=Decimal(200),
        adjusted=Decimal(180),
        executed=Decimal(171),
        fiscal=Decimal(150),
        sources=BudgetSourcesSpec(
            fiscal=BudgetRowSpec(Decimal(170), Decimal(140), Decimal(145)),
            carryover=BudgetRowSpec(Decimal(30), Decimal(30), Decimal(26)),
        ),
    )
    lines = budget_lines(budget)
    assert lines["fiscal"].rate == Decimal("103.57")  # 145 / 140
    assert budget_problems(budget) == [
        (
            "年度资金总额 全年预算数 (budget.adjusted) is 180 but its parts add up to 170 "
            "(当年财政拨款 140 + 上年结转资金 30)"
        ),
        "当年财政拨款: budget.fiscal is 150 but budget.sources.fiscal.adjusted is 140",
    ]
    # today's keys keep working: the scalar parts are their rows' 全年预算数
    legacy = budget_lines(BudgetSpec(adjusted=Decimal(180), fiscal=Decimal(150)))
    assert (legacy["fiscal"].adjusted, legacy["fiscal"].initial) == (Decimal(150), None)
    assert budget_problems(BudgetSpec(adjusted=Decimal(180), fiscal=Decimal(150))) == [
        "年度资金总额 全年预算数 (budget.adjusted) is 180 but its parts add up to 150 (当年财政拨款 150)"
    ]
    missing = BudgetSpec(sources=BudgetSourcesSpec(other=BudgetRowSpec(executed=Decimal(5))))
    assert budget_problems(missing) == [
        "年度资金总额 全年执行数 (budget.executed) is not stated; its parts add up to 5 (其他资金 5)"
    ]


def test_the_national_examples_add_up():
    for path in sorted((EXAMPLES / "national").glob("*.toml")):
        assert [f.code for f in run_checks(card(path))] == [], path


# -- the grid operations renderers share -----------------------------------------------------


def _demo_table() -> Table:
    head = Row((Cell("一级", style="head"), Cell("三级", style="head")), header=True)
    rows = [head]
    for i in range(6):
        first = (Cell("产出", rowspan=6, repeat=True),) if i == 0 else ()
        rows.append(Row((*first, Cell(f"指标{i}")), keep_with_next=i == 5, block="indicators"))
    rows[0] = Row(head.cells, header=True, block="indicators")
    rows.append(Row((Cell("合计", colspan=2),), block="total"))
    return Table((Column("label"), Column("name")), tuple(rows))


def test_slots_cut_merges_at_page_edges_and_repeat_labels():
    table = _demo_table()
    assert table.page_breaks([10.0] * 8, 45, 45) == [4, 6]  # not between 指标5 and 合计
    page_two = [*table.header_rows(4), 4, 5]
    slots = table.slots(page_two)
    assert [(s.text, s.rowspan, s.first) for s in slots[1]] == [
        ("产出", 2, True),
        ("指标3", 1, True),
    ]
    assert [(s.first, s.text) for s in slots[2]] == [(False, ""), (True, "指标4")]
    whole = table.slots(range(8))
    assert whole[1][0].rowspan == 6 and whole[7][0].colspan == 2
    with pytest.raises(ValueError, match="row 1 leaves grid columns empty"):
        Table(table.columns, (table.rows[0], Row((Cell("x"),)))).origins()


def test_the_tsv_renderer_of_the_plugin_docs_runs(tmp_path):
    """docs/plugins.md's renderer of forms, run as written: an exporter drawing layouts."""
    docs = (ROOT / "docs" / "plugins.md").read_text("utf-8")
    section = docs.split("### A renderer of forms")[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace: dict[str, object] = {}
    exec(compile(code, "plugins.md", "exec"), namespace)

    class Plugin:
        perfeval_register_exporters = staticmethod(namespace["perfeval_register_exporters"])

    with register_plugin(Plugin(), "tsv") as registry:
        path = EXAMPLES / "national/cz-2020-10-self.toml"
        [written] = export([card(path)], "tsv", tmp_path, registry=registry)
        lines = written.read_text("utf-8").splitlines()
        assert lines[0] == "项目支出绩效自评表"
        assert "\t年度资金总额\t200\t180\t171\t10\t95.00%\t9.5" in lines
        [other] = export([card(path)], "tsv", tmp_path / "b", form="yunnan-2020", registry=registry)
        assert other.read_text("utf-8").splitlines()[0] == "2024年度项目支出绩效自评表"
