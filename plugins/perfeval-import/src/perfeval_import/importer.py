"""A file to evaluations: read it into the neutral document, find the forms' blocks in it,
map each project's rows onto a framework, and say what was uncertain (the ``import`` reader
perfeval-import registers, :func:`import_file`)."""

from __future__ import annotations

import os
from pathlib import Path

import attrs
from perfeval_core import (
    Evaluation,
    EvaluationSpec,
    ImportedEvaluation,
    ImportFinding,
    ImportResult,
    InputError,
    Registry,
    available_frameworks,
    from_spec,
    get_registry,
    loads_evaluation,
    score,
)

from .errors import ReadError
from .fillin import name_cell
from .forms import Forms, choose_form, forms_of
from .found import Found
from .grid import Document
from .mapping import BUDGET_LEAF, Builder, Built, choose_framework, table_tree
from .payload import Stored, differences, stored
from .read import read
from .recognise import Recogniser

#: The suffixes whose text is an extraction (a PDF's text layer, pdftotext output): the gaps
#: between CJK characters there are artefacts.
_EXTRACTED = frozenset({".pdf", ".txt", ".tsv", ".text"})


def import_file(
    path: str | os.PathLike[str],
    *,
    framework: str | None = None,
    form: str | None = None,
    registry: Registry | None = None,
) -> ImportResult:
    """The evaluations in a workbook, Word document, PDF or report text (what ``perfeval
    import`` reads): one per project found, mapped onto ``framework`` (or the best-matching
    one), with the traces of every value and the findings."""
    registry = registry if registry is not None else get_registry()
    source = Path(path)
    document = read(source)
    kept, document = stored(source, document)
    return import_document(
        document,
        framework=framework,
        form=form,
        registry=registry,
        stored_evaluation=kept,
        extracted=source.suffix.lower() in _EXTRACTED,
    )


def import_document(
    document: Document,
    *,
    framework: str | None = None,
    form: str | None = None,
    registry: Registry | None = None,
    stored_evaluation: Stored | None = None,
    extracted: bool = False,
) -> ImportResult:
    """The evaluations in a :class:`Document` (a reader's result): for a third-party reader
    that builds the neutral document itself and wants the recogniser to do the rest."""
    registry = registry if registry is not None else get_registry()
    forms = forms_of(registry, (form,) if form is not None else ())
    if form is not None and forms.get(_form_id(form)) is None:
        raise ReadError(
            document.source,
            f"the form {form!r} could not be read",
            "check it with `perfeval form show`",
        )
    worksheets = frozenset().union(*(s.worksheets for s in forms.signatures))
    recogniser = Recogniser(document, forms.vocabulary, worksheets=worksheets, extracted=extracted)
    found = recogniser.run()
    notes = [ImportFinding(n, "", "note") for n in document.notes]
    notes += [
        ImportFinding(m, str(where) if where else "", kind) for m, where, kind in recogniser.notes
    ]
    kept = _kept(stored_evaluation, document.source, registry, notes)
    fill_in = (
        stored_evaluation.text
        if stored_evaluation is not None and stored_evaluation.kind == "fill-in"
        else None
    )
    evaluations = []
    candidates = sorted(available_frameworks(registry=registry))
    for project in found:
        if not project.rows:
            notes.append(
                ImportFinding(
                    f"a project without indicator rows skipped"
                    f"{(': ' + project.fields['project.name'].text) if 'project.name' in project.fields else ''}",
                    str(project.start),
                    "skipped",
                )
            )
            continue
        evaluations.append(
            _evaluation(
                project,
                forms,
                registry,
                framework=framework,
                form=form,
                kept=kept if len(found) == 1 else None,
                fill_in=fill_in,
                candidates=candidates,
            )
        )
    if not evaluations:
        raise ReadError(
            document.source,
            _nothing_found(document, found),
            "give the 自评表 / 申报表 itself: a table with 一级指标 / 二级指标 / 三级指标 "
            "and 指标值 / 分值 columns (docs/import.md)",
        )
    return ImportResult(document.source, tuple(evaluations), tuple(notes))


def _form_id(form: str) -> str:
    return Path(form).stem if form.endswith(".toml") else form


def _nothing_found(document: Document, found: list[Found]) -> str:
    if not document.tables:
        return "no table found (the text holds no 自评表 or 申报表)"
    if found:
        return "the tables have project fields but no indicator grid (一级指标 / 三级指标 …)"
    return "not a 自评表 or 申报表: no table has an indicator grid's labels"


def _kept(
    stored_evaluation: Stored | None, source: str, registry: Registry, notes: list[ImportFinding]
) -> object | None:
    """The evaluation an export stored, loaded (None when there is none or it does not load)."""
    if stored_evaluation is None or stored_evaluation.kind != "evaluation":
        return None
    try:
        return loads_evaluation(
            stored_evaluation.text, file=f"{source} ({stored_evaluation.where})", registry=registry
        )
    except InputError as exc:
        notes.append(
            ImportFinding(
                f"the evaluation perfeval stored in {stored_evaluation.where} "
                f"does not load ({exc.message}): the tables alone are read",
                "",
                "skipped",
            )
        )
        return None


def _evaluation(
    found: Found,
    forms: Forms,
    registry: Registry,
    *,
    framework: str | None,
    form: str | None,
    kept: object | None,
    fill_in: str | None,
    candidates: list[str],
) -> ImportedEvaluation:

    form_id, form_reason, share = choose_form(found.labels, forms, _form_id(form) if form else None)
    sig = forms.get(form_id) if form_id else None
    budget_leaf = sig.indicator if sig is not None and sig.indicator else BUDGET_LEAF
    blank = sig.blank if sig is not None else ""
    not_applicable = sig.not_applicable if sig is not None else "不适用"
    kind = "申报表" if found.declaration else "自评表"
    tree = table_tree(found)
    if isinstance(kept, Evaluation) and framework is None:
        choice_id, reason = (
            kept.framework.id,
            "the framework of the evaluation perfeval stored in the document",
        )
    elif fill_in and framework is None:
        choice_id, reason = fill_in, "the framework the fill-in workbook was made for"
        kind = "填报表"
        if not (name := found.fields.get("project.name")) or not name.text.strip():
            raise ReadError(
                found.source,
                "the fill-in workbook names no project: 项目名称 on the 项目信息 sheet is empty",
                f"type the project's name in {name_cell()} and import the workbook again",
            )
    else:
        choice = choose_framework(
            found, tree, form_id, share, budget_leaf, registry, framework, candidates
        )
        choice_id, reason = choice.framework, choice.reason
    built = Builder(
        found,
        choice_id,
        registry,
        budget_leaf=budget_leaf,
        blank=blank,
        not_applicable=not_applicable,
        tree=tree,
    ).build()
    findings = [*found.findings, *built.findings]
    spec = built.spec
    if isinstance(kept, Evaluation):
        spec, extra = _with_kept(built, kept, registry)
        findings += extra
    return ImportedEvaluation(
        spec=spec,
        location=str(found.start),
        form=form_id,
        form_reason=form_reason,
        framework_reason=reason,
        traces=tuple(built.traces),
        findings=tuple(findings),
        kind=kind,
    )


def _with_kept(
    built: Built, kept: Evaluation, registry: Registry
) -> tuple[EvaluationSpec, list[ImportFinding]]:
    """The stored evaluation when the tables agree with it; else the tables' evaluation with
    what they do not show taken from the stored one, every difference a finding."""
    where = "the evaluation perfeval stored in the document"
    try:
        read_card = score(from_spec(built.spec, registry=registry))
    except InputError as exc:
        return built.spec, [
            ImportFinding(
                f"the tables do not make an evaluation that loads "
                f"({exc.message}): {where} is not used",
                "",
                "note",
            )
        ]
    kept_card = score(kept)
    keys = [t.key for t in built.traces]
    changed = differences(read_card, kept_card, keys)
    if not changed:
        return kept.spec, [
            ImportFinding(
                f"the tables agree with {where}: it is the import "
                "(with what no form prints: the narrative, 填报单位, "
                "each leaf's rule …)",
                "",
                "note",
            )
        ]
    spec = built.spec
    old = kept.spec
    assert isinstance(spec, EvaluationSpec)
    project = attrs.evolve(
        old.project,
        **{k: v for k, v in attrs.asdict(spec.project, recurse=False).items() if v is not None},
    )
    budget = spec.budget
    if budget is not None and old.budget is not None:
        budget = attrs.evolve(
            old.budget,
            **{
                k: v
                for k, v in attrs.asdict(budget, recurse=False).items()
                if v is not None and k != "unit"
            },
            unit=budget.unit,
        )
    merged = attrs.evolve(
        spec,
        project=project,
        goal=spec.goal or old.goal,
        budget=budget or old.budget,
        narrative=spec.narrative
        if spec.narrative is not None and spec.narrative.sections
        else old.narrative,
        form=old.form,
        ignore=old.ignore,
    )
    findings = [
        ImportFinding(
            f"changed since perfeval exported it: {' › '.join(key)} is {now!r} in the table, "
            f"{then!r} in {where}; the table's is imported",
            "",
            "changed",
        )
        for key, now, then in changed[:20]
    ]
    if len(changed) > 20:
        findings.append(ImportFinding(f"and {len(changed) - 20} more changes", "", "changed"))
    return merged, findings
