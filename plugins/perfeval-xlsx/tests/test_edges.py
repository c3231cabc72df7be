"""Beyond the seed: formula-like text, other tree depths, missing scores, long text, plugin
registration, lazy import, and the helpers."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from xlsx_testutil import FIRST_LEAF_ROW, export_bytes, open_xlsx, part, values

import perfeval_core
import perfeval_xlsx
from perfeval_core import export
from perfeval_core._plugins.host import build_registry
from perfeval_core.testing import isolated_registry, register_plugin
from perfeval_xlsx.text import (
    MAX_CELL_CHARS,
    cell_text,
    count_lines,
    level_label,
    number,
    utf16_len,
)

# --------------------------------------------------------------------------- formula injection

INJECTION = """
framework = "rugao-2024"

[project]
unit = "@如皋市人力资源和社会保障局"
name = "=HYPERLINK(\\"http://example.com\\",\\"点击\\")"
year = 2024

[[indicators]]
name = "产出指标"

[[indicators.children]]
name = "+1数量指标"
children = [
  { name = "=SUM(A1:A9)", target = "=2+3", actual = "+1", weight = 30, score = 29, basis = "@SUM(1,2)" },
]

[[indicators]]
name = "效益指标"

[[indicators.children]]
name = "-社会效益指标"
children = [
  { name = "@cmd", target = "-1", actual = "http://example.com/a", weight = 30, score = 30, basis = "=cmd|' /C calc'!A0" },
]

[[indicators]]
name = "满意度指标"

[[indicators.children]]
name = "满意度指标"
children = [
  { name = "+公众满意度", target = "≥90%", actual = "=95%", weight = 10, score = 10, basis = "-扣分说明" },
]
"""

FORMULA_LIKE = [
    "=SUM(A1:A9)",
    "=2+3",
    "+1",
    "@SUM(1,2)",
    "+1数量指标",
    "-社会效益指标",
    "@cmd",
    "-1",
    "http://example.com/a",
    "=cmd|' /C calc'!A0",
    "+公众满意度",
    "=95%",
    "-扣分说明",
]


@pytest.fixture(scope="module")
def injection_export() -> tuple[perfeval_core.Scorecard, bytes]:
    card = perfeval_core.score(perfeval_core.loads_evaluation(INJECTION))
    return card, export_bytes(card)


def test_formula_like_text_stays_text(injection_export):
    card, data = injection_export
    found = {}
    for sheet_name in ("评分表", "计分明细"):
        ws = open_xlsx(data)[sheet_name]
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    found[cell.value] = cell.data_type
    for text in FORMULA_LIKE:
        assert found.get(text) == "s", (text, found.get(text))
    assert found["项目名称：" + card.evaluation.project.name] == "s"
    for sheet in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
        xml = part(data, sheet)
        assert "<f>" not in xml and "<f " not in xml
        assert "hyperlink" not in xml
    assert "xl/worksheets/_rels/sheet1.xml.rels" not in _names(data)  # no links


def test_formula_like_text_reads_back_verbatim(injection_export):
    _card, data = injection_export
    rows = values(data)
    leaf_rows = [r for r in rows[FIRST_LEAF_ROW:] if r[2] in {"=SUM(A1:A9)", "@cmd", "+公众满意度"}]
    assert [r[2:8] for r in leaf_rows] == [
        ["=SUM(A1:A9)", "=2+3", "+1", 30.0, 29.0, "@SUM(1,2)"],
        ["@cmd", "-1", "http://example.com/a", 30.0, 30.0, "=cmd|' /C calc'!A0"],
        ["+公众满意度", "≥90%", "=95%", 10.0, 10.0, "-扣分说明"],
    ]
    assert "填报单位：@如皋市人力资源和社会保障局" in [r[0] for r in rows[:5]]
    # the scorecard is incomplete (the 决策 and 过程 leaves have no score): marked as a draft
    assert rows[1][0] == "草稿：评分未完成（11 项指标无得分）"


def _names(data: bytes) -> list[str]:
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).namelist()


# --------------------------------------------------------------------------- other depths

DEEP_FRAMEWORK = """
id = "deep"
title = "四级测试"
total = 100
policy = "cz-2020-10"

[[indicators]]
name = "产出指标"

[[indicators.children]]
name = "数量指标"

[[indicators.children.children]]
name = "培训"
children = [
  { name = "培训人次", weight = 20, target = "≥300人次" },
  { name = "培训天数", weight = 20, target = "5天" },
]

[[indicators.children.children]]
name = "证书"
children = [{ name = "证书发放率", weight = 20, target = "100%" }]

[[indicators.children]]
name = "质量指标"
children = [{ name = "考核合格率", weight = 20, target = "100%" }]

[[indicators]]
name = "满意度指标"
children = [{ name = "服务对象满意度", weight = 20, target = "≥90%" }]
"""

DEEP_EVALUATION = """
framework = "deep.toml"

[project]
name = "四级指标项目"
unit = "测试单位"
year = 2025

[[indicators]]
name = "产出指标"

[[indicators.children]]
name = "数量指标"

[[indicators.children.children]]
name = "培训"
children = [
  { name = "培训人次", actual = "330人次", score = 20 },
  { name = "培训天数", actual = "5天", score = 20 },
]

[[indicators.children.children]]
name = "证书"
children = [{ name = "证书发放率", actual = "100%", score = 20 }]

[[indicators.children]]
name = "质量指标"
children = [{ name = "考核合格率", actual = "98%", score = 19.6 }]

[[indicators]]
name = "满意度指标"
children = [{ name = "服务对象满意度", actual = "95%", score = 20 }]
"""


@pytest.fixture(scope="module")
def deep_export(tmp_path_factory) -> tuple[perfeval_core.Scorecard, bytes]:
    folder = tmp_path_factory.mktemp("deep")
    (folder / "deep.toml").write_text(DEEP_FRAMEWORK, encoding="utf-8")
    card = perfeval_core.score(perfeval_core.loads_evaluation(DEEP_EVALUATION, base_dir=folder))
    return card, export_bytes(card)


def test_four_levels_in_the_forms_three_level_columns(deep_export):
    """The 如皋 form has three level columns: names below the 二级 are joined into the 三级
    column, a leaf higher up spans the columns to its right — the same cells as in Word."""
    _card, data = deep_export
    rows = values(data)
    assert rows[0][0] == "项目支出绩效自我评价评分表"
    assert rows[1][0] == "(2025年)"
    assert rows[4][:8] == [
        "评价指标",
        "",
        "",
        "年初指标值",
        "实际完成值",
        "分值",
        "得分",
        "评分依据",
    ]
    assert rows[5][:3] == ["一级指标", "二级指标", "三级指标"]
    body = rows[FIRST_LEAF_ROW : FIRST_LEAF_ROW + 5]
    assert [r[:3] for r in body] == [
        ["产出指标", "数量指标", "培训 › 培训人次"],
        ["", "", "培训 › 培训天数"],
        ["", "", "证书 › 证书发放率"],
        ["", "质量指标", "考核合格率"],
        ["满意度指标", "服务对象满意度", ""],  # a 二级 leaf spans the 二级 and 三级 columns
    ]
    assert [r[5:7] for r in body] == [
        [20.0, 20.0],
        [20.0, 20.0],
        [20.0, 20.0],
        [20.0, 19.6],
        [20.0, 20.0],
    ]
    total = rows[FIRST_LEAF_ROW + 5]
    assert total[0] == "总计" and total[5:7] == [100.0, 99.6]
    merged = {str(m) for m in open_xlsx(data)["评分表"].merged_cells.ranges}
    assert {
        "A5:C5",
        "D5:D6",
        "H5:H6",
        "A7:A10",
        "B7:B9",
        "B11:C11",
        "A12:E12",
        "A13:H13",
        "A1:H1",
    } <= merged


def test_two_levels_and_one_level(tmp_path):
    (tmp_path / "flat.toml").write_text(
        """
id = "flat"
total = 100
[[indicators]]
name = "产出"
children = [{ name = "数量", weight = 50, target = "10个" }, { name = "质量", weight = 30, target = "100%" }]
[[indicators]]
name = "满意度"
weight = 20
children = [{ name = "满意度", weight = 20, target = "≥90%" }]
""",
        encoding="utf-8",
    )
    (tmp_path / "single.toml").write_text(
        """
id = "single"
total = 100
[[indicators]]
name = "预算执行率"
weight = 100
target = "100%"
""",
        encoding="utf-8",
    )
    flat = perfeval_core.score(
        perfeval_core.loads_evaluation(
            """
framework = "flat.toml"
[project]
name = "两级"
[[indicators]]
name = "产出"
children = [{ name = "数量", actual = "10个", score = 50 }, { name = "质量", actual = "90%", score = 27 }]
[[indicators]]
name = "满意度"
children = [{ name = "满意度", actual = "95%", score = 20 }]
""",
            base_dir=tmp_path,
        )
    )
    rows = values(export_bytes(flat))
    # no year and no 填报单位: the form's optional lines are left out
    assert [r[0] for r in rows[:2]] == ["项目支出绩效自我评价评分表", "项目名称：两级"]
    assert rows[2][:4] == ["评价指标", "", "", "年初指标值"]
    assert rows[3][:3] == ["一级指标", "二级指标", "三级指标"]
    assert [r[:3] + r[5:7] for r in rows[4:7]] == [
        ["产出", "数量", "", 50.0, 50.0],  # a leaf under a 一级 spans 二级 and 三级
        ["", "质量", "", 30.0, 27.0],
        ["满意度", "满意度", "", 20.0, 20.0],
    ]
    assert rows[7][:7] == ["总计", "", "", "", "", 100.0, 97.0]

    single = perfeval_core.score(
        perfeval_core.loads_evaluation(
            """
framework = "single.toml"
[project]
name = "一级"
year = 2024
[[indicators]]
name = "预算执行率"
actual = "95%"
""",
            base_dir=tmp_path,
        )
    )
    data = export_bytes(single)
    rows = values(data)
    assert rows[2][0] == "项目名称：一级"  # no 填报单位 line
    assert rows[3][:4] == ["评价指标", "", "", "年初指标值"] and rows[4][0] == "一级指标"
    assert rows[5][:7] == ["预算执行率", "", "", "100%", "95%", 100.0, 95.0]  # by the rule
    assert rows[6][:7] == ["总计", "", "", "", "", 100.0, 95.0]


def test_group_without_leaves_gets_a_row_of_its_own():
    card = perfeval_core.score(
        perfeval_core.loads_evaluation("""
framework = "rugao-2024"
[project]
name = "没有满意度指标的项目"
year = 2024
[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [{ name = "完成率", target = "100%", actual = "100%", weight = 40, score = 40 }]
[[indicators]]
name = "效益指标"
[[indicators.children]]
name = "社会效益指标"
children = [{ name = "群众受益", target = "是", actual = "是", weight = 30, score = 28 }]
""")
    )
    data = export_bytes(card)
    rows = values(data)
    n = len(card.leaves)
    empty = rows[FIRST_LEAF_ROW + n]
    assert empty[0] == "满意度指标" and empty[5:7] == [0.0, 0.0]
    assert rows[FIRST_LEAF_ROW + n + 1][0] == "总计"
    merged = {str(m) for m in open_xlsx(data)["评分表"].merged_cells.ranges}
    r = FIRST_LEAF_ROW + n + 1
    assert f"A{r}:C{r}" in merged


def test_missing_scores_are_empty_cells_not_zero():
    card = perfeval_core.score(
        perfeval_core.loads_evaluation("""
framework = "rugao-2024"
[project]
name = "尚未评分"
year = 2024
[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [{ name = "完成率", target = "100%", weight = 70 }]
""")
    )
    assert not card.complete
    rows = values(export_bytes(card))
    body = rows[FIRST_LEAF_ROW : FIRST_LEAF_ROW + len(card.leaves)]
    assert all(r[6] == "" for r in body)  # no actual, no score
    assert all(isinstance(r[5], float) for r in body)


# --------------------------------------------------------------------------- long text


def test_text_over_the_cell_limit_is_cut_with_a_marker():
    basis = "因" * 40000
    card = perfeval_core.score(
        perfeval_core.loads_evaluation(f'''
framework = "rugao-2024"
[project]
name = "长文本"
year = 2024
[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [{{ name = "完成率", target = "100%", actual = "90%", weight = 70, score = 63, basis = "{basis}" }}]
''')
    )
    rows = values(export_bytes(card))
    cell = next(r[7] for r in rows if r[2] == "完成率")
    assert len(cell) <= MAX_CELL_CHARS
    assert cell.startswith("因因因") and cell.endswith("单元格上限 32767〕")
    assert "原文 40000 字符" in cell


def test_cell_text_counts_utf16_and_keeps_surrogate_pairs_whole():
    short = "评分依据" * 10
    assert cell_text(short) is short
    wide = "𠀀" * 20000  # outside the BMP: two UTF-16 units each
    cut = cell_text(wide)
    assert utf16_len(cut) <= MAX_CELL_CHARS
    head, marker, _ = cut.partition("……〔")
    assert set(head) == {"𠀀"} and marker
    assert cut.endswith("〔内容过长已截断：原文 40000 字符，单元格上限 32767〕")
    exact = "a" * MAX_CELL_CHARS
    assert cell_text(exact) == exact


# --------------------------------------------------------------------------- registration


def test_found_through_the_entry_point():
    registry = build_registry()
    exporter = registry.exporter("xlsx")
    assert exporter.write is perfeval_xlsx.write
    assert exporter.suffix == ".xlsx"
    info = registry.plugins["xlsx"]
    assert info.error is None and info.version == "0.1.0"
    assert "exporter xlsx" in info.registered


def test_found_through_register_plugin(seed_cards, tmp_path):
    with register_plugin(perfeval_xlsx) as registry:
        assert registry.exporter("xlsx").write is perfeval_xlsx.write
        written = export(seed_cards[:2], "xlsx", tmp_path)
    assert [p.suffix for p in written] == [".xlsx", ".xlsx"]
    assert values(written[0].read_bytes())[0][0] == "项目支出绩效自我评价评分表"


def test_export_writes_thirteen_files(seed_cards, seed_exports, tmp_path):
    with isolated_registry(entry_points=True):
        written = export(seed_cards, "xlsx", tmp_path)
    assert len(written) == 13
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    names = {p.stem for p in written}
    assert "新录用事业人员培训及事业人员嘉奖证书" in names
    assert "集聚人力资源补贴(奖励)" in names
    for path, data in zip(written, seed_exports, strict=True):
        assert path.read_bytes() == data


def test_loading_the_plugin_does_not_import_xlsxwriter():
    code = (
        "import sys, perfeval_xlsx\n"
        "from perfeval_core._plugins.host import build_registry\n"
        "build_registry().exporter('xlsx')\n"
        "assert 'xlsxwriter' not in sys.modules, 'xlsxwriter imported early'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_perfeval_version_stays_fast():
    perfeval = Path(sys.executable).with_name("perfeval")
    if not perfeval.exists():
        pytest.skip("perfeval console script not installed")
    out = subprocess.run([str(perfeval), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("perfeval ")


# --------------------------------------------------------------------------- helpers


def test_number_is_exact_or_text():
    assert number(Decimal("2")) == 2.0
    assert number(Decimal("2.5")) == 2.5
    assert number(Decimal("33.33")) == 33.33
    assert number(Decimal("0.1")) == 0.1
    assert number(7) == 7.0
    assert number(Decimal("0.12345678901234567890")) == "0.12345678901234567890"
    assert number(Decimal("NaN")) == "NaN"


def test_count_lines():
    assert count_lines("立项依据充分性", 30) == 1
    assert count_lines("", 10) == 1
    assert count_lines("一\n二", 30) == 2
    long = "提高事业单位新录用人员适岗率和获得嘉奖人员工作积极性，促进经济发展"  # 33 characters
    assert count_lines(long, 30) == 3
    assert count_lines(long, 64) == 1
    assert count_lines("abc " * 10, 10) >= 4


def test_level_labels():
    assert [level_label(i) for i in (1, 2, 3, 4, 10, 11)] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "四级指标",
        "十级指标",
        "十一级指标",
    ]


def test_comparator_and_unit_columns_are_folded_into_the_values():
    card = perfeval_core.score(
        perfeval_core.loads_evaluation("""
framework = "rugao-2024"
[project]
name = "单列计量单位"
year = 2024
[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [{ name = "培训人次", target = "300", comparator = "≥", unit = "人次", actual = "330", weight = 70, score = 70 }]
""")
    )
    data = export_bytes(card)
    row = next(r for r in values(data) if r[2] == "培训人次")
    assert row[3:5] == ["≥300人次", "330人次"]
    detail = next(r for r in values(data, "计分明细") if r[0].endswith("培训人次"))
    assert detail[1:3] == ["≥300人次", "330人次"]
