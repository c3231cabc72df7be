"""Every shipped example, exported to docx and xlsx on every shipped form and imported back,
gives an equal evaluation — and the tables alone (the stored evaluation left out) give back
every value the form shows."""

from __future__ import annotations

import io
import tomllib
import zipfile
from pathlib import Path

import pytest
from perfeval_core import (
    available_forms,
    from_spec,
    get_registry,
    load_evaluation,
    render,
    score,
)

from perfeval_import import import_file
from perfeval_import.importer import import_document
from perfeval_import.payload import differences, stored
from perfeval_import.read import read

pytest.importorskip("perfeval_docx")
pytest.importorskip("perfeval_xlsx")

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted(ROOT.glob("examples/*/*.toml"))
FORMS = sorted(available_forms())


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Every example on every form in both formats, written once."""
    folder = tmp_path_factory.mktemp("round-trip")
    registry = get_registry()
    files = {}
    for example in EXAMPLES:
        card = score(load_evaluation(example))
        for form in FORMS:
            for name in ("docx", "xlsx"):
                path = folder / f"{example.parent.name}-{example.stem}.{form}.{name}"
                path.write_bytes(render(card, registry.exporter(name), form=form))
                files[(example, form, name)] = path
    return files


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem[:8]}")
def test_an_export_imports_back_to_the_same_evaluation(exported, example):
    original = load_evaluation(example)
    for form in FORMS:
        for name in ("docx", "xlsx"):
            path = exported[(example, form, name)]
            [evaluation] = import_file(path).evaluations
            assert evaluation.spec == original.spec, (form, name)
            assert evaluation.form == form, (form, name)
            assert any(
                "agree with the evaluation perfeval stored" in f.message
                for f in evaluation.findings
            ), (form, name)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem[:8]}")
def test_the_tables_alone_give_back_every_value_the_form_shows(exported, example):
    """The stored evaluation left out: the recogniser alone, on the example's framework, finds
    every leaf and every value the tables show (targets, actuals, weights, scores, reasons, the
    project's facts, the budget, the goal), and the same total."""
    original = score(load_evaluation(example))
    for form in FORMS:
        for name in ("docx", "xlsx"):
            path = exported[(example, form, name)]
            document = read(path)
            _, document = stored(path, document)
            [evaluation] = import_document(
                document, framework=original.evaluation.framework.id
            ).evaluations
            card = score(from_spec(evaluation.spec))
            keys = [t.key for t in evaluation.traces]
            assert differences(card, original, keys) == [], (form, name)
            # and read independently of differences(): the same leaves, weights, scores, values
            missing = _computed_without_figures(card, original)
            unprinted = _budget_leaf_actual_unprinted(original, form)
            assert _leaves(card, missing | unprinted) == _leaves(original, missing | unprinted), (
                form,
                name,
            )
            for path in missing:  # a rate the form shows but its budget figures it does not
                assert any(
                    f.kind == "skipped" and " › ".join(path) + ": the table's" in f.message
                    for f in evaluation.findings
                ), (form, name, path)
            assert card.total == original.total
            assert card.evaluation.project.name == original.evaluation.project.name
            assert len(keys) > 10


def _computed_without_figures(card, original):
    """The leaves whose actual the rule works out from budget figures that this form does not
    print (资金到位率 needs 实际到位资金, which the national form has no column for)."""
    return {
        leaf.path
        for leaf in card.leaves
        if leaf.rule.computes_actual
        and leaf.result.actual is None
        and leaf.path in {kept.path for kept in original.leaves if kept.result.actual is not None}
    }


def _budget_leaf_actual_unprinted(card, form):
    """The leaf a form's budget block stands for (its 分值 and 得分 there), when its actual is
    not computed from budget figures: the block's 执行率 column prints only a computed rate, so
    the form does not show that actual (the seed's 预算执行率 of 100% on the national form)."""
    with (ROOT / "forms" / f"{form}.toml").open("rb") as file:
        spec = tomllib.load(file)
    names = {
        block.get("indicator")
        for part in spec.get("parts", [])
        for block in part.get("blocks", [])
        if block.get("type") == "budget"
    }
    return {
        leaf.path
        for leaf in card.leaves
        if leaf.path[-1] in names and not leaf.rule.computes_actual
    }


def _leaves(card, missing=frozenset()):
    """Each leaf as the printed forms show it: path, weight, score, target and actual (spaces
    aside: 指标值 and 度量单位 in columns of their own print without one); no actual for the
    leaves in ``missing``."""
    return [
        (
            leaf.path,
            leaf.weight,
            leaf.score,
            "".join(leaf.target_text.split()),
            "" if leaf.path in missing else "".join(leaf.actual_text.split()),
        )
        for leaf in card.leaves
    ]


def test_the_stored_evaluation_is_out_of_sight(exported):
    """The workbook keeps it in a very hidden sheet, the document in a custom XML part: no page
    shows it."""
    example = EXAMPLES[0]
    xlsx = exported[(example, "rugao-2024", "xlsx")]
    import python_calamine

    sheets = python_calamine.CalamineWorkbook.from_path(str(xlsx)).sheets_metadata
    hidden = [(s.name, s.visible) for s in sheets if s.name == "_perfeval"]
    assert hidden == [("_perfeval", python_calamine.SheetVisibleEnum.VeryHidden)]
    docx = exported[(example, "rugao-2024", "docx")]
    with zipfile.ZipFile(docx) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        assert "customXml/item1.xml" in archive.namelist()
    assert "framework = " not in body


def test_a_table_changed_after_the_export_wins_and_says_what_changed(tmp_path, exported):
    """A clerk corrects an actual in the exported workbook: the import is the table's, the
    stored evaluation gives what the form does not show (the narrative), and the change is a
    finding."""
    import openpyxl

    example = ROOT / "examples" / "national" / "cz-2020-10-self.toml"
    path = exported[(example, "cz-2020-10-self", "xlsx")]
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["自评表"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "320人次")
    cell.value = "330人次"
    changed = tmp_path / "changed.xlsx"
    workbook.save(changed)
    [evaluation] = import_file(changed).evaluations
    original = load_evaluation(example).spec
    leaf = evaluation.spec.indicators[1].children[0].children[0]
    assert (leaf.name, leaf.actual) == ("培训人数", "330人次")
    assert evaluation.spec.narrative == original.narrative  # from the stored evaluation
    assert evaluation.spec.project.unit == original.project.unit  # not on the national form
    [finding] = [f for f in evaluation.findings if f.kind == "changed"]
    assert (
        "产出指标 › 数量指标 › 培训人数 › actual is '330人次' in the table, '320人次'"
        in finding.message
    )


def test_an_export_is_byte_for_byte_the_same_each_time(exported):
    example = EXAMPLES[-1]
    card = score(load_evaluation(example))
    registry = get_registry()
    for name in ("docx", "xlsx"):
        again = render(card, registry.exporter(name), form="cz-2020-10-self")
        assert again == exported[(example, "cz-2020-10-self", name)].read_bytes()
        assert zipfile.is_zipfile(io.BytesIO(again))
