"""The page draws the form as Word and Excel do (form.py): for every shipped example, on its own
form and on every shipped form, the page's tables read back with the standard library's parser
show the same text in the same grid positions as the workbook read back with openpyxl, and the
whole page's parts the same lines as the Word document — with findings at every row, which the
page adds and the documents do not. The readers of the documents are those of the Word and
Excel tests (plugins/perfeval-xlsx/tests/test_renderers.py)."""

from __future__ import annotations

import pytest
from html_testkit import ROOT, parse, part_lines, renderers

import perfeval_core
from perfeval_core import (
    Finding,
    Severity,
    Table,
    build_layout,
    load_evaluation,
    render,
    run_checks,
    score,
)
from perfeval_core._plugins.host import build_registry
from perfeval_html import project
from perfeval_html.findings import shown
from perfeval_html.form import draw_layout

perfeval_docx = pytest.importorskip("perfeval_docx", reason="perfeval-docx is not installed")
perfeval_xlsx = pytest.importorskip("perfeval_xlsx", reason="perfeval-xlsx is not installed")

readers = renderers()
EXAMPLES = sorted((ROOT / "examples").glob("*/*.toml"))
FORMS = ["cz-2020-10-self", "cz-2020-10-review", "sichuan-2023", "yunnan-2020", "rugao-2024"]
XLSX = build_registry([("xlsx", perfeval_xlsx)], load_entry_points=False).exporter("xlsx")


def _findings(card: perfeval_core.Scorecard, form: str | None) -> list[Finding]:
    """The checks' findings, and one more about every indicator a table shows."""
    layout = build_layout(card, form, roles=project.ROLES)
    paths = sorted({p for t in layout.tables() for p in shown(t)})
    assert paths
    extra = [Finding("X900", Severity.INFO, "看这里", p) for p in paths]
    return [*run_checks(card), *extra]


def _page_parts(card: perfeval_core.Scorecard, form: str | None) -> list[list[list[str]]]:
    """The lines of each part of the page, in the layout's order."""
    findings = _findings(card, form)
    if form is None:  # the page itself, on the evaluation's own form
        html = project.page(card, findings)
    else:
        layout = build_layout(card, form, roles=project.ROLES)
        drawn = draw_layout(layout.parts, {leaf.path: leaf for leaf in card.leaves}, findings)
        html = "<main>" + "\n".join([*drawn.forms, *drawn.narratives]) + "</main>"
    doc = parse(html)
    notes = doc.iter("tr", class_="notes")
    layout = build_layout(card, form, roles=project.ROLES)
    paths = {p for t in layout.tables() for p in shown(t)}
    assert sum(len(tr.iter("li")) for tr in notes) == len([f for f in findings if f.path in paths])
    sections = sorted(
        doc.iter("section", class_="part"), key=lambda s: int(s.attrs["id"].removeprefix("part-"))
    )
    return [readers._lines(part_lines(s)) for s in sections]


def _agree(card: perfeval_core.Scorecard, form: str | None = None) -> None:
    layout = build_layout(card, form, roles=project.ROLES)
    parts = _page_parts(card, form)
    # the layout's parts, and the narrative the page adds when the form has none
    added = (
        form is None
        and card.evaluation.spec.narrative is not None
        and all(p.role != "narrative" for p in layout.parts)
    )
    assert len(parts) == len(layout.parts) + added
    parts = parts[: len(layout.parts)]
    workbook = render(card, XLSX, form=form)
    name = card.evaluation.project.name
    for part, lines in zip(layout.parts, parts, strict=True):
        if part.role == "form":
            assert lines == readers.xlsx_lines(workbook, part.name), (name, form, part.name)
            assert any(isinstance(b, Table) for b in part.blocks)
    document = render(card, perfeval_docx.EXPORTER, form=form)
    first = parts[0][0][0]
    assert [line for lines in parts for line in lines] == readers.docx_lines(document, first), (
        name,
        form,
    )


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_page_shows_the_cells_of_the_word_and_excel_documents(path):
    _agree(score(load_evaluation(path)))


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    "example", ["national/cz-2020-10-self.toml", "rugao-2024/13-集聚人力资源补贴(奖励).toml"]
)
def test_on_every_form(form, example):
    _agree(score(load_evaluation(ROOT / "examples" / example)), form)
