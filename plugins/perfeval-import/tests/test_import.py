"""Importing the tables of tests/fixtures.py — files built with openpyxl, python-docx, xlwt and
reportlab in the style of system exports and clerks' copies, never by perfeval — to the
evaluations a person would write by hand for them: one test per trait real files have.

The expected evaluations are written out below from the fixtures' own figures (fixtures.py),
not from the importer's output.
"""

from __future__ import annotations

from decimal import Decimal

import fixtures as F
import pytest
from perfeval_core import dumps_evaluation, from_spec, loads_evaluation, score

from perfeval_import import ReadError, import_file

#: The national fixture (fixtures.TRAINING: NATIONAL_LEAVES, the budget of fixtures.Project),
#: as a person writes it on cz-2020-10-self: the framework's slots filled, the empty
#: 经济效益指标 slot and the unused 生态效益指标 dropped, 预算执行率's score from the budget block.
NATIONAL = """
framework = "cz-2020-10-self"
stated_total = 98.75

[project]
name = "{name}"
year = 2024
department = "某市人力资源和社会保障局"
implementer = "某市职业技能鉴定指导中心"

[goal]
target = "完成全年职业技能培训500人次，培训合格率不低于95%。"
actual = "全年培训526人次，合格率97.2%，学员满意度96%。"

[budget]
initial = 120
adjusted = 150
executed = 142.5
sources.fiscal = {{ initial = 100, adjusted = 130, executed = 125 }}
sources.carryover = {{ initial = 20, adjusted = 20, executed = 17.5 }}
sources.other = {{ initial = 0, adjusted = 0, executed = 0 }}

[[indicators]]
name = "预算执行"
children = [ {{ name = "预算执行率", score = 9.5 }} ]

[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [
  {{ name = "培训人数", target = "≥500人次", actual = "526人次", weight = 10, score = 10 }},
  {{ name = "开展技能竞赛次数", target = "≥8次", actual = "{contests}", weight = 10, score = 10 }},
]
[[indicators.children]]
name = "质量指标"
children = [ {{ name = "培训合格率", target = "≥95%", actual = "97.2%", weight = 10, score = 10 }} ]
[[indicators.children]]
name = "时效指标"
children = [ {{ name = "培训按期完成率", target = "{on_time}", actual = "{on_time}", weight = 10, score = 10 }} ]
[[indicators.children]]
name = "成本指标"
children = [ {{ name = "人均培训成本", target = "≤1200元", actual = "1150元", weight = 10, score = 10 }} ]

[[indicators]]
name = "效益指标"
[[indicators.children]]
name = "经济效益指标"
drop = true
[[indicators.children]]
name = "社会效益指标"
children = [
  {{ name = "参培人员就业率", target = "≥80%", actual = "76%", weight = 15, score = 14.25, basis = "{reason}" }},
]
[[indicators.children]]
name = "可持续影响指标"
children = [ {{ name = "培训机制长效运行", target = "有效", actual = "有效", weight = 15, score = 15 }} ]
[[indicators.children]]
name = "生态效益指标"
drop = true

[[indicators]]
name = "满意度指标"
[[indicators.children]]
name = "服务对象满意度指标"
children = [ {{ name = "参培学员满意度", target = "≥90%", actual = "96%", weight = 10, score = 10 }} ]
"""


def national(
    name: str = "职业技能提升培训项目",
    *,
    total: str = "98.75",
    contests: str = "10",
    on_time: str = "100%",
    reason: str = "部分学员继续深造，下年加强就业跟踪",
):
    text = NATIONAL.format(name=name, contests=contests, on_time=on_time, reason=reason)
    return loads_evaluation(text.replace("98.75", total, 1)).spec


def only(path):
    result = import_file(path)
    [evaluation] = result.evaluations
    return evaluation


# -- merges ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "build",
    [F.national_xlsx, F.repeated_xlsx, F.flattened_xlsx],
    ids=["value-in-top-left", "value-in-every-cell", "flattened"],
)
def test_the_three_ways_a_merge_is_stored_read_to_one_evaluation(folder, build):
    evaluation = only(build(folder))
    assert evaluation.spec == national()
    assert evaluation.form == "cz-2020-10-self"
    assert evaluation.spec.framework == "cz-2020-10-self"
    assert "its form cz-2020-10-self is the one recognised" in evaluation.framework_reason


def test_every_value_is_traced_to_its_cell(folder):
    evaluation = only(F.national_xlsx(folder))
    where = {t.key: str(t.location) for t in evaluation.traces}
    assert where[("project", "name")] == "自评表!C3"
    assert where[("budget", "sources", "carryover", "executed")] == "自评表!F8"
    assert where[("indicators", "预算执行", "预算执行率", "score")] == "自评表!I6"
    assert where[("indicators", "产出指标", "数量指标", "培训人数", "actual")] == "自评表!F13"
    assert (
        where[("indicators", "效益指标", "社会效益指标", "参培人员就业率", "basis")] == "自评表!I19"
    )
    assert where[("stated_total",)] == "自评表!H22"
    leaves = {t.key[:-1] for t in evaluation.traces if t.key[0] == "indicators"}
    assert len(leaves) == 9  # the eight of the grid and 预算执行率 of the budget block


# -- several projects, pages, sheets -----------------------------------------------------------


def test_a_grid_continued_with_its_header_repeated(folder):
    evaluation = only(F.continued_xlsx(folder))
    assert evaluation.spec == national()
    [finding] = evaluation.findings
    assert (finding.location, finding.kind) == ("自评表!A18", "skipped")
    assert "header repeated" in finding.message


def test_two_projects_on_one_sheet(folder):
    result = import_file(F.two_projects_xlsx(folder))
    assert [ev.spec for ev in result.evaluations] == [
        national(),
        national("就业见习补贴项目", total="99"),
    ]
    assert [ev.location for ev in result.evaluations] == ["自评表!A1", "自评表!A24"]


def test_one_project_a_sheet_and_a_hidden_sheet_of_notes(folder):
    result = import_file(F.per_sheet_xlsx(folder))
    assert [ev.spec for ev in result.evaluations] == [
        national(),
        national("就业见习补贴项目", total="99"),
        national("创业担保贷款贴息项目", total="97"),
    ]
    [note] = result.notes
    assert (note.location, note.kind) == ("填表说明!A1", "skipped")
    assert note.message == "hidden sheet '填表说明' skipped (1 rows)"


def test_two_projects_in_a_word_document_with_their_fields_as_paragraphs(folder):
    result = import_file(F.two_projects_docx(folder))
    first, second = result.evaluations
    assert (first.spec.project.name, second.spec.project.name) == (
        "职业技能提升培训项目",
        "就业见习补贴项目",
    )
    assert first.spec.project.department == "某市人力资源和社会保障局"
    assert first.spec.project.implementer == "某市职业技能鉴定指导中心"  # the same paragraph
    leaf = first.spec.indicators[1].children[1].children[0]  # 社会效益指标: no budget, 效益 first
    assert leaf.name == "参培人员就业率"
    assert first.spec.stated_total == Decimal("98.75")
    assert second.spec.stated_total == 99
    where = {t.key: str(t.location) for t in first.traces}
    assert where[("project", "name")] == "line 3"
    assert (
        where[("indicators", "产出指标", "数量指标", "培训人数", "actual")]
        == "table 1, row 3, column 5"
    )


def test_a_pdf_grid_over_two_pages(folder):
    evaluation = only(F.text_pdf(folder))
    spec = evaluation.spec
    assert spec.project.name == "职业技能提升培训项目"
    assert spec.stated_total == Decimal("98.75")
    names = [(group.name, [c.name for c in group.children or ()]) for group in spec.indicators]
    assert names[0] == ("产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"])
    quantity = spec.indicators[0].children[0].children
    assert [(leaf.name, leaf.actual) for leaf in quantity] == [
        ("培训人数", "526人次"),
        ("开展技能竞赛次数", "10次"),
    ]
    satisfaction = spec.indicators[2].children[0].children[0]
    assert (satisfaction.name, satisfaction.score) == ("参培学员满意度", 10)
    assert any("header repeated" in f.message for f in evaluation.findings)


# -- values as people type them ----------------------------------------------------------------


def test_numbers_as_text_text_as_numbers_percent_formats_and_line_breaks(folder):
    evaluation = only(F.typed_national_xlsx(folder))
    assert evaluation.spec == national(
        on_time="100", reason="部分学员继续深造，\\n下年加强就业跟踪"
    )


def test_points_in_labels_a_percent_rate_and_the_sichuan_form(folder):
    evaluation = only(F.sichuan_xlsx(folder))
    assert evaluation.form == "sichuan-2023"
    assert evaluation.spec.framework == "sichuan-2023-self"
    expected = loads_evaluation("""
framework = "sichuan-2023-self"
stated_total = 99.79

[project]
name = "农村公路养护补助"

[goal]
target = "完成农村公路养护1200公里"
actual = "完成养护1260公里"

[budget]
initial = 500
adjusted = 480
executed = 470
sources.fiscal = { initial = 500, adjusted = 480, executed = 470 }

[[indicators]]
name = "预算执行情况"
children = [ { name = "预算执行率", score = 9.79 } ]

[[indicators]]
name = "产出指标"
weight = 50
[[indicators.children]]
name = "数量指标"
children = [ { name = "养护里程", comparator = "≥", target = "1200", unit = "公里", actual = "1260", weight = 25, score = 25 } ]
[[indicators.children]]
name = "质量指标"
children = [ { name = "路况优良率", comparator = "≥", target = "85", unit = "%", actual = "88", weight = 25, score = 25 } ]

[[indicators]]
name = "效益指标"
weight = 30
[[indicators.children]]
name = "社会效益指标"
children = [ { name = "群众出行条件改善", comparator = "定性", target = "明显改善", actual = "明显改善", weight = 30, score = 30 } ]

[[indicators]]
name = "满意度指标"
weight = 10
[[indicators.children]]
name = "服务对象满意度指标"
children = [ { name = "沿线群众满意度", comparator = "≥", target = "90", unit = "%", actual = "95", weight = 10, score = 10 } ]
""").spec
    assert evaluation.spec == expected
    card = score(from_spec(evaluation.spec))
    assert card.total == Decimal("99.79")  # 9.79 + 25 + 25 + 30 + 10, by hand
    [assumed] = [f for f in evaluation.findings if f.kind == "assumed"]
    assert assumed.message == "the budget block does not state its money unit: 万元 assumed"


def test_comparator_and_unit_columns_glyphs_words_full_width_digits(folder):
    evaluation = only(F.yunnan_xlsx(folder))
    leaves = {
        leaf.name: leaf
        for group in evaluation.spec.indicators
        for sub in group.children or ()
        for leaf in sub.children or ()
    }
    assert {name: leaf.comparator for name, leaf in leaves.items()} == {
        "新建村级便民服务点": "≥",
        "验收合格率": "=",
        "单点建设成本": "≤",
        "完工时间": "<",
        "服务群众人次": ">",
        "OA system uptime": "=",
        "便民服务机制": None,
        "群众满意度": "≥",
    }
    assert (leaves["新建村级便民服务点"].target, leaves["新建村级便民服务点"].unit) == (
        "１２",
        "个",
    )
    assert leaves["验收合格率"].actual == "１００％"  # as typed: perfeval reads it as 100%
    assert leaves["便民服务机制"].basis == "个别服务点\n人员不足"
    sub = [s.name for g in evaluation.spec.indicators for s in g.children or ()]
    assert "社会效益指标" in sub  # "社会效益指 标" with a space in the cell
    card = score(from_spec(evaluation.spec))
    assert card.total == 10 + 10 + 10 + 10 + 15 + 15 + 9 + 10
    finding = next(f for f in evaluation.findings if f.kind == "assumed")
    assert finding.message.startswith(
        "the table names no 项目名称: the project is called '绩效自评'"
    )


def test_a_declaration_becomes_the_year_s_evaluation_to_fill_in(folder):
    evaluation = only(F.declaration_xlsx(folder))
    assert evaluation.kind == "申报表"
    spec = evaluation.spec
    assert spec.project.name == "城乡居民基本医疗保险补助"
    assert spec.project.code == "440306231391500000000"
    assert spec.budget is not None and spec.budget.unit == "元"
    assert (
        spec.budget.initial,
        spec.budget.sources.fiscal.initial,
        spec.budget.sources.other.initial,
    ) == (1250000, 1000000, 250000)
    output = spec.indicators[0]
    assert output.name == "产出指标"
    [quantity] = [c for c in output.children if c.name == "数量指标"]
    assert quantity.children[0].name == "参保人数"
    assert (
        quantity.children[0].target,
        quantity.children[0].weight,
        quantity.children[0].actual,
        quantity.children[0].score,
    ) == ("≥35万人", 20, "", None)
    inferred = [(f.location, f.message) for f in evaluation.findings if f.kind == "inferred"]
    assert inferred[0][0] == "绩效目标申报表!E2" and "its last digits unknown" in inferred[0][1]
    assert inferred[1] == (
        "绩效目标申报表!A3",
        'amounts under 万元 of up to 1250000 (7 digits) are 元-sized: read as 元 (unit = "元")',
    )
    placeholders = [f.location for f in evaluation.findings if "placeholder" in f.message]
    assert placeholders == ["绩效目标申报表!A8", "绩效目标申报表!A9", "绩效目标申报表!A13"]
    card = score(from_spec(spec))
    assert not card.complete  # the actuals are filled in at year end
    # the framework's 预算执行率 stays: it is worked out from the budget at year end
    assert card.leaves[0].path == ("预算执行", "预算执行率")


def test_a_declaration_filled_in_at_year_end_scores_as_expected(folder):
    """The skeleton with the year's actuals and 全年预算数 / 全年执行数 added, as a clerk would:
    by hand, 参保人数 36万人 ≥ 35万人 → 20, 有效减轻 as targeted → 30, 满意度 92% ≥ 90% → 10,
    预算执行率 1200000 / 1250000 = 96% → 10 × 0.96 = 9.6; total 69.6, 中 (60–80)."""
    text = dumps_evaluation(only(F.declaration_xlsx(folder)).spec)
    for blank, filled in (
        ('target = "≥35万人", actual = ""', 'target = "≥35万人", actual = "36万人"'),
        ('target = "有效减轻", actual = ""', 'target = "有效减轻", actual = "有效减轻"'),
        ('target = "≥90%", actual = ""', 'target = "≥90%", actual = "92%"'),
        ("initial = 1250000\n", "initial = 1250000\nadjusted = 1250000\nexecuted = 1200000\n"),
    ):
        assert text.count(blank) == 1
        text = text.replace(blank, filled)
    card = score(loads_evaluation(text))
    assert [(leaf.path[-1], leaf.score) for leaf in card.leaves] == [
        ("预算执行率", Decimal("9.6")),
        ("参保人数", 20),
        ("群众医疗负担减轻", 30),
        ("参保群众满意度", 10),
    ]
    assert (card.total, card.grade_label) == (Decimal("69.6"), "中")


# -- files that are no such form ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (F.not_a_form_xlsx, "not a 自评表 or 申报表: no table has an indicator grid's labels"),
        (F.encrypted_xlsx, "the workbook is protected by a password (encrypted)"),
        (F.corrupt_xlsx, "cannot read the workbook"),
        (F.no_table_docx, "the document has no tables (only text)"),
        (F.image_pdf, "the PDF has no text layer on any of its 1 page(s) (a scanned image)"),
        (F.national_xls, "the tables have project fields but no indicator grid"),
    ],
    ids=["not-a-form", "encrypted", "corrupt", "docx-without-tables", "image-pdf", "fragment"],
)
def test_a_file_that_is_not_such_a_form_is_one_error_naming_it(folder, build, message):
    path = build(folder)
    with pytest.raises(ReadError) as caught:
        import_file(path)
    assert caught.value.file == str(path)
    assert message in caught.value.message
    assert caught.value.hint
