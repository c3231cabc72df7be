"""One number format: the same evaluation's numbers read the same on the terminal, in the
checks' messages, in the json export (as numbers of equal value), in the Word and Excel
documents and in the batch summary — ``82``, ``98.5``, ``19.67``; never ``82.00``, ``98.50`` or
``8.2E+1``.

The expected values are worked out by hand (see each example file's header, and the note on
the crafted file below). The document checks look at the texts and values of the cells, not at
their positions, so that the layouts may change.
"""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from perfeval_core import format_number, get_registry, load_evaluation, loads_evaluation, render
from perfeval_core import score as score_card
from perfeval_core._cli import main

ROOT = Path(__file__).resolve().parents[1]
CZ_101 = ROOT / "examples" / "national" / "cz-2021-101.toml"
CZ_DEPT = ROOT / "examples" / "national" / "cz-2020-10-department.toml"
SKILLS = ROOT / "examples" / "rugao-2024" / "02-职业技能评价.toml"

#: cz-2021-101 (its header works the arithmetic out): the rule computes 7.00, 27.00, 8.00 and a
#: total of 82.00 — shown as 7, 27, 8 and 82.
CZ_101_LEVELS = {
    "预算执行": "7",
    "成本指标": "8",
    "产出指标": "30",
    "效益指标": "27",
    "满意度指标": "10",
}
CZ_101_TOTAL = "82"
#: cz-2020-10-department: 决策 14, 过程 19.67, 产出 24.8, 效益 29.4, total 87.87.
CZ_DEPT_LEVELS = {"决策": "14", "过程": "19.67", "产出": "24.8", "效益": "29.4"}
CZ_DEPT_TOTAL = "87.87"

#: 职业技能评价 with one leaf scored 5.50 of 6 (its target met, no 评分依据) and its stated
#: totals changed to match: 产出指标 becomes 6 + 5.50 + 6 + 6 + 6 = 29.50 and the total
#: 99 − 0.50 = 98.50 — shown as 5.5, 29.5, 98.5.
_LEAF = '{ name = "根据上级要求举办各类技能竞赛", target = "8 次", actual = "10 次", weight = 6, score = 6 }'
CRAFTED_TOTAL, CRAFTED_LEVEL, CRAFTED_LEAF = "98.5", "29.5", "5.5"
#: The leaf scores of cz-2021-101 (its header): 7.00, 8.00, 15, 15, 0, 12.00, 15, 10.
CZ_101_LEAVES = {"7", "8", "15", "0", "12", "10"}

#: A number written with a trailing zero after the point, or in exponent form.
_UNTIDY = re.compile(r"(?<![\d.])\d+\.\d*0(?![\d])|\d[eE][+-]?\d")


def _crafted_text() -> str:
    text = SKILLS.read_text("utf-8")
    changes = [
        (_LEAF, _LEAF.replace("score = 6 }", "score = 5.50 }")),
        ("stated_total = 99\n", "stated_total = 98.50\n"),
        ("自我评价得分为99分", "自我评价得分为98.50分"),
    ]
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture
def crafted(tmp_path: Path) -> Path:
    path = tmp_path / "crafted.toml"
    path.write_text(_crafted_text(), "utf-8")
    return path


def _cases(crafted: Path) -> list[tuple[Path, dict[str, str], str]]:
    return [
        (CZ_101, CZ_101_LEVELS, CZ_101_TOTAL),
        (CZ_DEPT, CZ_DEPT_LEVELS, CZ_DEPT_TOTAL),
        (crafted, {"产出指标": CRAFTED_LEVEL}, CRAFTED_TOTAL),
    ]


def test_the_rule():
    assert [format_number(Decimal(s)) for s in ("82.00", "17.90", "0.50", "12", "1E+2")] == [
        "82",
        "17.9",
        "0.5",
        "12",
        "100",
    ]
    assert format_number(Decimal("-0.50")) == "-0.5" and format_number(None) == "—"


def test_the_terminal(crafted, capsys):
    for path, levels, total in _cases(crafted):
        assert main(["score", str(path)]) == 0
        out = capsys.readouterr().out
        for name, value in levels.items():
            assert re.search(rf"^  {name}\s+{re.escape(value)} / \d+$", out, re.M), (name, out)
        assert re.search(rf"^  总计\s+{re.escape(total)} / 100  ", out, re.M), out
        assert not _UNTIDY.search(out.replace(str(path), "")), out


def test_the_checks(crafted, capsys):
    assert main(["check", str(crafted)]) == 0
    out = capsys.readouterr().out
    assert f"yet {CRAFTED_LEAF} of 6 points, and no 评分依据 says why" in out
    assert not _UNTIDY.search(out.replace(str(crafted), "")), out


def test_the_batch_summary_on_the_terminal_and_in_json(crafted, tmp_path, capsys):
    assert main(["batch", str(CZ_101), str(crafted)]) == 0
    out = capsys.readouterr().out
    # one project each: average, highest and lowest are its total
    assert re.search(r"示例县卫生健康委员会\s+1 项  平均\s+82  最高 82  最低 82$", out, re.M), out
    assert re.search(
        r"如皋市人力资源和社会保障局\s+1 项  平均\s+98\.5  最高 98\.5  最低 98\.5$", out, re.M
    )
    # (82 + 98.5) / 2 = 90.25
    assert re.search(r"合计\s+2 项  平均\s+90\.25  最高 98\.5  最低 82$", out, re.M), out
    assert main(["batch", "--json", str(CZ_101), str(crafted)]) == 0
    data = json.loads(capsys.readouterr().out, parse_float=Decimal)
    assert [p["total"] for p in data["projects"]] == [Decimal("82"), Decimal("98.5")]
    assert data["average"] == Decimal("90.25")


def test_the_json_export_has_numbers_of_equal_value(crafted):
    for path, levels, total in _cases(crafted):
        card = score_card(load_evaluation(path))
        data = json.loads(render(card, get_registry().exporter("json")), parse_float=Decimal)
        scores = data["scorecard"]
        assert isinstance(scores["total"], (int, Decimal))
        assert scores["total"] == Decimal(total)
        shown = {lv["name"]: lv["score"] for lv in scores["levels"]}
        for name, value in levels.items():
            assert shown[name] == Decimal(value)


def _leaves(path: Path) -> set[str]:
    """Leaf scores worked out by hand, as shown."""
    if path == CZ_101:
        return CZ_101_LEAVES
    if path == CZ_DEPT:
        return set()  # its total and subtotals are checked
    return {CRAFTED_LEAF, "6"}


def _docx_texts(data: bytes) -> list[str]:
    docx = pytest.importorskip("docx")
    document = docx.Document(io.BytesIO(data))
    texts = []
    for table in document.tables:
        seen = set()
        for row in table.rows:
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.add(cell._tc)
                    texts.append(cell.text.strip())
    return texts


def test_the_word_document(crafted):
    pytest.importorskip("perfeval_docx")
    from perfeval_core.testing import isolated_registry

    with isolated_registry(entry_points=True) as registry:
        for path, _, total in _cases(crafted):
            card = score_card(load_evaluation(path, registry=registry))
            texts = _docx_texts(render(card, registry.exporter("docx")))
            assert total in texts, (path.name, texts)
            assert _leaves(path) <= set(texts)
            untidy = [t for t in texts if _UNTIDY.fullmatch(t)]
            assert not untidy, (path.name, untidy)


def _xlsx_numbers(data: bytes) -> list[tuple[float, str]]:
    """Every number in the workbook with the format it is shown in."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        (cell.value, cell.number_format)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
    ]


def _xlsx_texts(data: bytes) -> list[str]:
    calamine = pytest.importorskip("python_calamine")
    book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return [
        value
        for name in book.sheet_names
        for row in book.get_sheet_by_name(name).to_python()
        for value in row
        if isinstance(value, str)
    ]


def test_the_excel_workbook(crafted):
    pytest.importorskip("perfeval_xlsx")
    from perfeval_core.testing import isolated_registry

    with isolated_registry(entry_points=True) as registry:
        for path, _, total in _cases(crafted):
            card = score_card(load_evaluation(path, registry=registry))
            data = render(card, registry.exporter("xlsx"))
            numbers = _xlsx_numbers(data)
            values = {v for v, _ in numbers}
            assert float(total) in values, (path.name, values)
            assert {float(s) for s in _leaves(path)} <= values
            # General shows a double as its shortest digits: 82, 98.5, 19.67; the one exception
            # is a rate the form writes as a percentage (执行率 70.00%, docs/cli.md "Numbers")
            formats = {f for _, f in numbers if not f.endswith("%")}
            assert formats == {"General"}, (path.name, numbers)
            untidy = [t for t in _xlsx_texts(data) if _UNTIDY.fullmatch(t)]
            assert not untidy, (path.name, untidy)


def test_the_summary_workbook(crafted, tmp_path):
    pytest.importorskip("perfeval_xlsx")
    from perfeval_core import run_batch
    from perfeval_core._batch.summary import write_summary
    from perfeval_core.testing import isolated_registry

    with isolated_registry(entry_points=True) as registry:
        result = run_batch([CZ_101, crafted], registry=registry)
        target = tmp_path / "summary.xlsx"
        write_summary(result, target, registry=registry)
    numbers = _xlsx_numbers(target.read_bytes())
    assert {82.0, 98.5, 90.25} <= {v for v, _ in numbers}
    shares = {f for _, f in numbers if f != "General"}
    assert shares <= {"0.0%"}, shares  # only the 等级分布 shares are shown as percentages


def test_a_value_read_from_text_is_formatted_the_same():
    """loads_evaluation keeps the digits written (5.50); only the display drops the zero."""
    card = score_card(loads_evaluation(_crafted_text()))
    assert str(card.total) == "98.50" and format_number(card.total) == CRAFTED_TOTAL
