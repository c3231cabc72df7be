"""The batch summary workbook (``perfeval batch --summary OUT.xlsx``): sheets, chart, printing."""

from __future__ import annotations

import io
import shutil
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from perfeval_core import BatchResult, ProjectRow
from perfeval_core._cli import main
from perfeval_xlsx.summary import summary_xlsx

ROOT = Path(__file__).resolve().parents[3]
RUGAO = ROOT / "examples" / "rugao-2024"
EXAMPLES = sorted(RUGAO.glob("*.toml"))
TOTALS = [98, 99, 97, 99, 98, 99, 98, 98, 98, 99, 98, 99, 96]  # as the 13 reports state them


def sheets(path: Path) -> dict[str, list[list[object]]]:
    """Each sheet's table: the header row and the rows below it (without the title row)."""
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python()[1:] for name in book.sheet_names}


def test_summary_xlsx_of_the_rugao_examples(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the examples lie outside: their paths stay as given
    out = tmp_path / "out" / "summary.xlsx"  # the folder is created
    assert main(["batch", str(RUGAO), "--summary", str(out)]) == 0
    stdout = capsys.readouterr().out
    assert "13 files: 13 scored, 0 failed" in stdout
    assert "等级分布  优 13 · 良 0 · 中 0 · 差 0" in stdout

    book = sheets(out)
    assert list(book) == ["项目汇总", "等级分布", "单位平均", "文件清单"]
    head, *rows = book["项目汇总"]
    assert len(rows) == 13
    assert head[:3] == ["序号", "填报单位", "项目名称"]  # one year: it is in the title
    # the 一级 of rugao-2024 in its order, with their points (the same in every project)
    assert head[3:8] == [
        "决策指标\n（12分）",
        "过程指标\n（18分）",
        "产出指标\n（30分）",
        "效益指标\n（30分）",
        "满意度指标\n（10分）",
    ]
    assert head[8:] == ["总分", "满分", "等级", "错误", "警告", "提示"]
    col = {name: head.index(name) for name in ("项目名称", "总分", "满分", "等级", "错误")}
    assert [r[col["总分"]] for r in rows] == TOTALS
    assert {r[col["等级"]] for r in rows} == {"优"}
    assert {r[col["满分"]] for r in rows} == {100}
    assert rows[1][col["项目名称"]] == "职业技能评价"
    assert rows[1][3:8] == [12, 18, 30, 29, 10]
    assert all(r[col["错误"]] == 0 for r in rows)
    files = book["文件清单"]
    assert files[0] == ["序号", "项目名称", "文件"]  # nothing exported: no 导出文件
    assert files[2] == [2, "职业技能评价", str(RUGAO / "02-职业技能评价.toml")]

    assert book["等级分布"][:2] == [["等级", "项目数", "占比"], ["优", 13, 1]]
    assert [r[0] for r in book["等级分布"][1:]] == ["优", "良", "中", "差", "合计"]
    assert book["等级分布"][-1] == ["合计", 13, 1]
    assert book["单位平均"][1][:2] == ["如皋市人力资源和社会保障局", 13]
    assert book["单位平均"][1][2] == pytest.approx(98.15)  # 1276 / 13 = 98.153…
    assert book["单位平均"][-1][:2] == ["合计", 13]

    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert "xl/charts/chart1.xml" in names
        chart = z.read("xl/charts/chart1.xml").decode("utf-8")
        assert "<c:barChart>" in chart and "等级分布" in chart
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_a_broken_file_is_listed_on_its_own_sheet(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES[0], folder / "a.toml")
    (folder / "b.toml").write_text('framework = "rugao-2024"\n[project\n', encoding="utf-8")
    xlsx = tmp_path / "summary.xlsx"
    assert main(["batch", str(folder), "--summary", str(xlsx)]) == 2
    failed = sheets(xlsx)["未能评分"]
    assert failed[1][0].endswith("b.toml") and "invalid TOML" in failed[1][1]


def test_jobs_do_not_change_the_summary(tmp_path):
    suffix = "xlsx"
    one, two = tmp_path / f"1.{suffix}", tmp_path / f"2.{suffix}"
    assert main(["batch", str(RUGAO), "--summary", str(one), "--jobs", "1"]) == 0
    assert main(["batch", str(RUGAO), "--summary", str(two), "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()


def test_the_xlsx_bytes_do_not_change_between_runs(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert main(["batch", str(RUGAO), "--summary", str(a)]) == 0
    assert main(["batch", str(RUGAO), "--summary", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_without_xlsxwriter_the_error_says_what_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)  # import fails
    assert main(["batch", str(RUGAO), "--summary", str(tmp_path / "s.xlsx")]) == 2
    assert "pip install XlsxWriter (in a perfeval checkout: make setup)" in capsys.readouterr().err
    assert not (tmp_path / "s.xlsx").exists()


def test_text_is_never_a_formula(tmp_path):
    row = ProjectRow(
        file='=HYPERLINK("http://x")',
        project="=1+1",
        unit="@SUM(A1)",
        year=2024,
        framework="rugao-2024",
        total=Decimal(90),
        max=Decimal(100),
        grade="优",
        policy="cz-2020-10",
        levels=(("决策指标", Decimal(12), Decimal(12)),),
    )
    path = tmp_path / "s.xlsx"
    path.write_bytes(summary_xlsx(BatchResult(rows=[row], files=1)))
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<hyperlink" not in xml
    assert sheets(path)["项目汇总"][1][2] == "=1+1"


def test_every_sheet_of_the_xlsx_summary_is_set_up_for_printing(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(RUGAO, folder)
    (folder / "broken.toml").write_text("[project\n", encoding="utf-8")  # adds 未能评分
    out = tmp_path / "summary.xlsx"
    assert main(["batch", str(folder), "--summary", str(out)]) == 2
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["项目汇总", "等级分布", "单位平均", "文件清单", "未能评分"]
    for ws in book:
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0  # absent means 1
        assert ws.print_options.horizontalCentered
        assert ws.print_title_rows == "$1:$2"  # the title and the header on every page
        assert ws.freeze_panes == "A3"
        [title] = ws.merged_cells.ranges
        assert title.min_row == title.max_row == 1 and title.min_col == 1
        assert title.max_col >= ws.max_column or ws.title == "等级分布"  # over the table
        assert ws["A1"].value.startswith("2024 年项目支出绩效自评汇总表")
        assert ws["A2"].font.b and ws["A2"].border.bottom.style == "thin"
        assert ws["A3"].border.left.style == "thin" and ws["A3"].font.name == "宋体"
        assert ws.row_dimensions[2].height and ws.row_dimensions[3].height
    projects = book["项目汇总"]
    assert projects["A1"].value == "2024 年项目支出绩效自评汇总表（指标体系 rugao-2024）"
    assert book["等级分布"]["A1"].value == "2024 年项目支出绩效自评汇总表（等级分布）"
    assert projects.max_row == 2 + 13
    assert projects["A3"].value == 1 and projects["I3"].value == 98  # numbers stay numbers
    assert projects["I3"].data_type == "n" and projects["B3"].data_type == "s"
    assert all(projects.cell(3, c).border.top.style == "thin" for c in range(1, 15))
    # widths for Chinese text: 如皋市人力资源和社会保障局 (13 characters) wraps in two lines,
    # and its row is two lines high; the 一级 headers take two lines (name, points)
    assert 10 <= projects.column_dimensions["B"].width <= 18
    assert projects.row_dimensions[3].height >= 2 * 11 * 1.4
    assert projects.row_dimensions[2].height >= 2 * 11 * 1.4
    widths = [
        d.width for d in projects.column_dimensions.values() for _ in range(d.min, d.max + 1)
    ]  # XlsxWriter writes equal neighbours once
    # A4 landscape holds about 150 units at 100 %: the sheet prints unscaled
    assert len(widths) == 14 and sum(widths) < 150
    # the default font (what column widths are counted in) is 宋体, as in the xlsx exporter
    with zipfile.ZipFile(out) as z:
        styles = z.read("xl/styles.xml").decode("utf-8")
    assert '<name val="宋体"/>' in styles.split("</font>")[0]


def test_a_mixed_batch_has_a_sheet_per_framework_with_its_own_levels(tmp_path, monkeypatch):
    """The 16 examples on four frameworks: each framework its sheet, in order of first
    appearance, with its 一级 in its order (no union of 决策 and 决策指标); the 序号 runs through
    the batch, as in 文件清单, and the paths are relative to where the command ran."""
    monkeypatch.chdir(ROOT)
    out = tmp_path / "summary.xlsx"
    export = tmp_path / "json"
    folders = [str(ROOT / "examples" / name) for name in ("national", "rugao-2024")]
    args = ["batch", *folders, "--summary", str(out), "--export", "json"]
    assert main([*args, "-o", str(export)]) == 0
    book = sheets(out)
    assert list(book) == [
        "项目汇总（cz-2020-10-department）",
        "项目汇总（cz-2020-10-self）",
        "项目汇总（cz-2021-101）",
        "项目汇总（rugao-2024）",
        "等级分布",
        "单位平均",
        "文件清单",
    ]
    department = book["项目汇总（cz-2020-10-department）"]
    assert department[0][3:7] == [
        "决策\n（15分）",
        "过程\n（20分）",
        "产出\n（35分）",
        "效益\n（30分）",
    ]
    assert department[1][:3] == [1, "示例县交通运输局", "农村公路养护工程"]
    assert department[1][3:8] == [14, 19.67, 24.8, 29.4, 87.87]
    one_oh_one = book["项目汇总（cz-2021-101）"]
    levels = [h.split("\n")[0] for h in one_oh_one[0][3:8]]
    assert levels == ["预算执行", "成本指标", "产出指标", "效益指标", "满意度指标"]
    assert one_oh_one[1][3:9] == [7, 8, 30, 27, 10, 82]
    rugao = book["项目汇总（rugao-2024）"]
    assert [r[0] for r in rugao[1:]] == list(range(4, 17))
    assert rugao[0][3].startswith("决策指标")
    files = book["文件清单"]
    assert files[0] == ["序号", "项目名称", "文件", "导出文件"]
    # given absolute, inside the folder the command ran in: relative; outside it: as given
    assert files[1][2] == "examples/national/cz-2020-10-department.toml"
    assert files[1][3] == str(export / "农村公路养护工程.json")
    assert all(not r[2].startswith("/") for r in files[1:])


def test_sheet_names_are_valid_and_unique():
    from perfeval_xlsx.summary import _sheet_names

    assert _sheet_names(["rugao-2024"]) == ["项目汇总"]
    long = "a-framework-id-far-longer-than-a-sheet-name-allows"
    names = _sheet_names([long, long + "-2", "x[1]:y"])
    assert all(len(n) <= 31 for n in names) and len({n.casefold() for n in names}) == 3
    assert names[0] == "项目汇总（a-framework-id-far-longer）"  # 4 + 2 + 25 characters
    assert names[1] == "项目汇总（a-framework-id-far-long~2）"  # cut to the same: numbered
    assert names[2] == "项目汇总（x_1__y）"


def test_the_title_says_the_year_only_when_there_is_one():
    def title(*years):
        result = BatchResult(rows=[_row("甲", "90", "优", year=y) for y in years], files=len(years))
        book = openpyxl.load_workbook(io.BytesIO(summary_xlsx(result)))
        return book["项目汇总"]["A1"].value

    assert title(2023, 2023) == "2023 年项目支出绩效自评汇总表（指标体系 rugao-2024）"
    assert title(2023, 2024) == "项目支出绩效评价汇总表（指标体系 rugao-2024）"
    assert title(2023, None) == "项目支出绩效评价汇总表（指标体系 rugao-2024）"
    assert title() == "项目支出绩效评价汇总表"


def test_a_year_column_only_when_the_title_states_none():
    rows = [_row("甲", "90", "优", year=2023), _row("乙", "80", "良", year=2024)]
    book = sheets_of(summary_xlsx(BatchResult(rows=rows, files=2)))
    head, first, second = book["项目汇总"]
    assert head[:4] == ["序号", "填报单位", "项目名称", "年度"]
    assert (first[3], second[3]) == (2023, 2024)


def test_the_grade_chart_shows_every_grade_beside_its_table():
    result = BatchResult(
        rows=[_row("甲", "95", "优"), _row("乙", "55", "差"), _row("甲", "91", "优")], files=3
    )
    data = summary_xlsx(result)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        chart = z.read("xl/charts/chart1.xml").decode("utf-8")
        rels = z.read("xl/worksheets/_rels/sheet2.xml.rels").decode("utf-8")
        drawing = z.read("xl/drawings/drawing1.xml").decode("utf-8")
    assert "xl/charts/chart1.xml" in names and "../drawings/drawing1.xml" in rels
    # the series: the four grades of the policy in order (良 and 中 with 0), counts in column B
    assert "<c:f>等级分布!$A$3:$A$6</c:f>" in chart
    assert "<c:f>等级分布!$B$3:$B$6</c:f>" in chart
    assert '<c:showVal val="1"/>' in chart  # data labels
    assert "<c:legend>" not in chart  # one series: no legend
    assert chart.count("<c:title>") == 3 and "等级</a:t>" in chart and "项目数</a:t>" in chart
    # anchored beside the table (from column E, row 2) and no lower than the page allows
    start = drawing.split("<xdr:from>")[1]
    assert "<xdr:col>4</xdr:col>" in start and "<xdr:row>1</xdr:row>" in start
    end = int(drawing.split("<xdr:to>")[1].split("<xdr:row>")[1].split("<")[0])
    assert end < 25
    grades = sheets_of(data)["等级分布"]
    assert [r[:2] for r in grades[1:]] == [["优", 2], ["良", 0], ["中", 0], ["差", 1], ["合计", 3]]


def test_a_summary_with_nothing_scored_still_has_its_sheets():
    from perfeval_core import Failure

    result = BatchResult(failures=[Failure(file="a.toml", message="=1+1\n" + "错" * 200)], files=1)
    data = summary_xlsx(result)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["项目汇总", "等级分布", "单位平均", "未能评分"]  # no 文件清单
    failed = book["未能评分"]
    assert failed["B3"].value.startswith("=1+1") and failed["B3"].data_type == "s"
    assert failed.row_dimensions[3].height > 3 * 11 * 1.4  # the long message wraps
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any(n.startswith("xl/charts/") for n in z.namelist())


def _row(unit, total, grade, *, year=2024, project="p", levels=()):
    return ProjectRow(
        file=f"{unit}{total}.toml",
        project=project,
        unit=unit,
        year=year,
        framework="rugao-2024",
        total=Decimal(total),
        max=Decimal(100),
        grade=grade,
        policy="cz-2020-10",
        levels=levels,
    )


def sheets_of(data: bytes) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python()[1:] for name in book.sheet_names}
