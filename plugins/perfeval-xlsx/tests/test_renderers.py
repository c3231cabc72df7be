"""Word and Excel draw the same layout: for every shipped example on every shipped form, the two
documents show the same cells with the same text; and a form written from docs/forms.md alone,
or from a TOML string, exports through both with no Python."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from xlsx_testutil import ROOT

import perfeval_core
import perfeval_xlsx
from perfeval_core import build_layout, format_number, load_evaluation, loads_form, render, score

perfeval_docx = pytest.importorskip("perfeval_docx")


def _docx_testkit():
    name = "docx_testkit"
    if name not in sys.modules:
        path = ROOT / "plugins" / "perfeval-docx" / "tests" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


kit = _docx_testkit()
EXAMPLES = sorted((ROOT / "examples").glob("*/*.toml"))
FORMS = ["cz-2020-10-self", "cz-2020-10-review", "sichuan-2023", "yunnan-2020", "rugao-2024"]


def _lines(rows: list[list[str]]) -> list[list[str]]:
    """Rows of text with a row that is one text across (a paragraph) as that text alone."""
    return [[r[0]] if len(set(r)) == 1 else r for r in rows if any(r)]


def docx_lines(data: bytes, first_text: str) -> list[list[str]]:
    """The document from the paragraph ``first_text`` on: paragraphs as [text], table rows
    as the text of every grid position (a merged cell's text in each position it covers),
    the header rows a page table repeats left out."""
    out: list[list[str]] = []
    started = False
    pages = 0  # page tables seen: the later ones repeat the header rows
    for block in kit.body(data):
        if block.tag == f"{kit.W}p":
            if kit.is_page_break(block):
                continue
            text = kit.text(block)
            started = started or text == first_text
            if started and text:
                out.append([text])
        elif block.tag == f"{kit.W}tbl" and started:
            trs = block.findall(f"{kit.W}tr")
            rows = kit.grid(block)
            skip = 0
            if pages:
                while skip < len(trs) and kit.is_header(trs[skip]):
                    skip += 1
            pages += 1
            above: dict[int, str] = {}
            for n, row in enumerate(rows):
                width = sum(c.span for c in row)
                line = [""] * width
                for cell in row:
                    shown = above.get(cell.column, "") if cell.merge == "continue" else cell.text
                    if cell.merge != "continue":
                        above[cell.column] = cell.text
                    for c in range(cell.column, cell.column + cell.span):
                        line[c] = shown
                if n >= skip:  # a repeated header row shows nothing new
                    out.append(line)
    return _lines(out)


def _shown(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if cell.number_format == "0.00%":
            return f"{Decimal(repr(value)) * 100:.2f}%"
        return format_number(Decimal(repr(value)))
    return str(value)


def xlsx_lines(data: bytes, sheet: str) -> list[list[str]]:
    ws = openpyxl.load_workbook(io.BytesIO(data))[sheet]
    rows = [[_shown(c) for c in row] for row in ws.iter_rows()]
    for merged in ws.merged_cells.ranges:
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                rows[r][c] = value
    return _lines(rows)


def _both(card, form=None):
    docx_exporter = perfeval_docx.EXPORTER
    xlsx_exporter = perfeval_core.get_registry().exporter("xlsx")
    return render(card, docx_exporter, form=form), render(card, xlsx_exporter, form=form)


def _agree(card, form=None) -> None:
    layout = build_layout(card, form)
    docx, xlsx = _both(card, form)
    for part in layout.parts:
        if part.role != "form":
            continue
        first = next(b.text for b in part.blocks if isinstance(b, perfeval_core.Paragraph))
        words, cells = docx_lines(docx, first), xlsx_lines(xlsx, part.name)
        assert words == cells, (card.evaluation.project.name, part.name)
        assert len(cells) > 5


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_word_and_excel_show_the_same_cells(path):
    _agree(score(load_evaluation(path)))


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    "example", ["national/cz-2020-10-self.toml", "rugao-2024/13-集聚人力资源补贴(奖励).toml"]
)
def test_word_and_excel_agree_on_every_form(form, example):
    """Any evaluation on any form: one with a budget, goals and units, and a 如皋 one with none
    of them (their cells are left empty)."""
    _agree(score(load_evaluation(ROOT / "examples" / example)), form)


def test_the_budget_rate_is_written_in_every_format():
    """The computed 预算执行率 (95.00%) is in Word, in Excel (a percentage) and in the json."""
    card = score(load_evaluation(ROOT / "examples" / "national" / "cz-2020-10-self.toml"))
    docx, xlsx = _both(card)
    row = next(r for r in xlsx_lines(xlsx, "自评表") if "年度资金总额" in r)
    assert row[3:] == ["200", "180", "171", "10", "95.00%", "9.5"]
    assert "95.00%" in kit.text(kit.body(docx))
    ws = openpyxl.load_workbook(io.BytesIO(xlsx))["自评表"]
    rates = [c for row in ws.iter_rows() for c in row if c.number_format == "0.00%"]
    assert [(c.value, c.coordinate) for c in rates] == [(0.95, "H6")]
    json = render(card, perfeval_core.get_registry().exporter("json")).decode("utf-8")
    assert '"actual": "95.00%"' in json


# -- a new form from docs/forms.md, and from a string -----------------------------------------

DOCS = (ROOT / "docs" / "forms.md").read_text("utf-8")


def walkthrough_form() -> str:
    """The TOML blocks of docs/forms.md's "Writing a county's form", in order."""
    section = DOCS.split("## Writing a county's form")[1]
    blocks = re.findall(r"```toml\n(.*?)```", section, re.S)
    return "\n".join(re.sub(r"^   ", "", b, flags=re.M) for b in blocks)


def test_the_walkthrough_form_exports_through_word_and_excel(tmp_path):
    text = walkthrough_form()
    (tmp_path / "shixian-2025.toml").write_text(text, "utf-8")
    form = perfeval_core.load_form(tmp_path / "shixian-2025.toml")
    assert form.id == "shixian-2025"
    card = score(load_evaluation(ROOT / "examples" / "national" / "cz-2020-10-self.toml"))
    _agree(card, form)
    docx, xlsx = _both(card, form)
    rows = xlsx_lines(xlsx, "自评表")
    assert rows[0] == ["示例县项目支出绩效自评表（2024年度）"]
    assert rows[3][:5] == ["项目资金（万元）", "", "", "预算数", "执行数"]
    assert rows[4][1:] == ["年度资金总额", "年度资金总额", "180", "171", "95.00%", "10", "9.5"]
    assert rows[7][:3] == ["产出指标（50分）", "数量指标", "培训人数"]
    assert rows[-3][:6] == ["合计"] * 5 + ["100"]
    assert rows[-2] == ["填报人："] * 4 + ["填报单位：示例县人力资源和社会保障局"] * 4
    assert rows[-1] == ["自评等级：优"]
    assert kit.block_order(docx)[:2] == ["示例县项目支出绩效自评表（2024年度）", "<table>"]


NEW_FORM = """\
id = "new-county"
title = "新县项目绩效自评表"

[[parts]]
name = "自评"

[[parts.blocks]]
text = "新县项目绩效自评表"
style = "title"

[[parts.blocks]]
type = "fields"
rows = [[ { text = "项目" }, { text = "{project.name}", span = 4 } ]]

[[parts.blocks]]
type = "indicators"
levels = ["一级", "二级"]
columns = [
  { field = "levels" },
  { field = "target", label = "目标" },
  { field = "actual", label = "完成" },
  { field = "score", label = "得分" },
]

[[parts.blocks]]
type = "total"
label = "合计"
"""


def test_a_form_written_as_a_string_exports_through_word_and_excel():
    form = loads_form(NEW_FORM)
    card = score(load_evaluation(ROOT / "examples" / "rugao-2024" / "02-职业技能评价.toml"))
    _agree(card, form)
    _docx, xlsx = _both(card, form)
    rows = xlsx_lines(xlsx, "自评")
    assert rows[:3] == [
        ["新县项目绩效自评表"],
        ["项目", "职业技能评价", "职业技能评价", "职业技能评价", "职业技能评价"],
        ["一级", "二级", "目标", "完成", "得分"],
    ]
    # three levels in two columns: the 三级 joined to its 二级
    assert rows[3] == ["决策指标", "项目立项 › 立项依据充分性", "充分", "充分", "2"]
    assert rows[-1] == ["合计"] * 4 + ["99"]


def test_draw_takes_a_layout(tmp_path):
    card = score(load_evaluation(ROOT / "examples" / "yunnan" / "cz-2020-10-self-yunnan.toml"))
    layout = build_layout(card)
    buffer = io.BytesIO()
    perfeval_xlsx.draw(layout, buffer)
    assert buffer.getvalue() == render(card, perfeval_core.get_registry().exporter("xlsx"))
    assert Path(tmp_path).is_dir()
