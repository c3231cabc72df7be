"""The forms (表样) on the search path, seen from the reading side: the labels each one prints,
so that the recogniser knows a form's words and can tell which form a document is.

One description, both directions: the same ``forms/*.toml`` that lays an evaluation out for
export gives here the title, the header fields' labels, the budget block's rows and columns,
the indicator grid's column labels and the total's label of each form. They are added to the
vocabulary (:mod:`.labels`), and a document's labels are compared with each form's to say which
form it is (:func:`choose_form`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from perfeval_core import (
    BlockSpec,
    Form,
    PerfevalError,
    Registry,
    available_forms,
    load_form,
)

from .labels import Vocabulary, compact, literal

_FIELD = re.compile(r"\{([^{}]+)\}")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Signature:
    """What a form prints, for telling it apart: its compact labels, the leaf its budget block
    shows (预算执行率), the text of a cell that does not apply there, and its worksheets."""

    id: str
    title: str
    labels: frozenset[str]
    indicator: str | None
    blank: str
    worksheets: frozenset[str]
    grid: tuple[str, ...]
    narrative: bool
    not_applicable: str = "不适用"


def _single_field(template: str) -> str | None:
    found = _FIELD.findall(template)
    return found[0].strip() if len(found) == 1 else None


def signature(form: Form, vocabulary: Vocabulary) -> Signature:
    """The labels of ``form``, also added to ``vocabulary`` with what they mean."""
    labels: set[str] = set()
    indicator: str | None = None
    blank = ""
    grid: list[str] = []
    worksheets: set[str] = set()
    title = ""
    narrative = False
    not_applicable = ""

    def add(text: str) -> str:
        key = compact(literal(text))
        if len(_CJK.findall(key)) >= 2 and not (key.startswith("(") and key.endswith(")")):
            # "（{project.year}年度）" of a template is no label
            labels.add(key)
        return key

    for part in form.parts:
        if part.role == "worksheet":
            worksheets.add(part.name)
            continue
        narrative = narrative or part.role == "narrative"
        for block in part.blocks:
            if block.type == "paragraph":
                if block.style in ("note", "body", "grade") and len(block.text) > 30:
                    continue  # a form's footnote is no label
                key = add(block.text)
                if block.style == "title" and key:
                    title = title or key
                    vocabulary.titles.setdefault(key, form.id)
                elif block.style in ("label",) and key:
                    vocabulary.sides.setdefault(key, "form")
                field = _single_field(block.text)
                if field and block.style == "field":
                    vocabulary.add(vocabulary.fields, literal(block.text), field)
            elif block.type == "fields":
                _fields(block, vocabulary, add)
            elif block.type == "budget":
                if block.label:
                    vocabulary.add(vocabulary.sides, add(block.label), "budget")
                if block.head:
                    vocabulary.add(vocabulary.sides, add(block.head), "budget")
                for source in block.sources:
                    vocabulary.add(vocabulary.budget_rows, add(source.label), source.source)
                for column in block.columns:
                    vocabulary.add(vocabulary.budget_columns, add(column.label), column.field)
                indicator = indicator or block.indicator
                blank = blank or block.blank
            elif block.type == "indicators":
                if block.label:
                    vocabulary.add(vocabulary.sides, add(block.label), "grid")
                not_applicable = not_applicable or block.not_applicable
                for level, name in enumerate(block.levels, start=1):
                    vocabulary.add(vocabulary.grid_columns, add(name), f"level{min(level, 4)}")
                for column in block.columns:
                    if column.group:
                        vocabulary.add(vocabulary.sides, add(column.group), "grid")
                    if column.field == "levels":
                        continue
                    meaning = "target" if column.field == "value" else column.field
                    vocabulary.add(vocabulary.grid_columns, add(column.label), meaning)
                    grid.append(meaning)
            elif block.type == "total" and block.label:
                vocabulary.totals.add(add(block.label))
    return Signature(
        form.id,
        title,
        frozenset(labels),
        indicator,
        blank,
        frozenset(worksheets),
        tuple(grid),
        narrative,
        not_applicable or "不适用",
    )


def _fields(block: BlockSpec, vocabulary: Vocabulary, add: object) -> None:
    """A fields block's labels: a literal cell before a cell with one field in it, or over
    it in the row below (年度总体目标: 预期目标 over {goal.target})."""
    assert callable(add)
    if block.label:
        vocabulary.add(
            vocabulary.sides,
            add(block.label),
            "goal" if any("goal." in c.text for row in block.rows for c in row) else "form",
        )
    placed: list[dict[int, str]] = []  # per row: start column → template
    covered: dict[int, set[int]] = {}
    for r, row in enumerate(block.rows):
        column = 0
        here: dict[int, str] = {}
        for cell in row:
            while column in covered.get(r, set()):
                column += 1
            here[column] = cell.text
            for k in range(1, cell.rowspan):
                covered.setdefault(r + k, set()).update(range(column, column + cell.span))
            column += cell.span
        placed.append(here)
    for r, here in enumerate(placed):
        columns = sorted(here)
        for i, column in enumerate(columns):
            text = here[column]
            if _FIELD.search(text):
                continue
            add(text)
            after = here[columns[i + 1]] if i + 1 < len(columns) else None
            below = placed[r + 1].get(column) if r + 1 < len(placed) else None
            for value in (after, below):
                field = _single_field(value) if value else None
                if field:
                    vocabulary.add(vocabulary.fields, text, field)
                    break


@dataclass(frozen=True)
class Forms:
    """The forms of a registry's search path, read once: their signatures and the vocabulary
    with their labels added."""

    signatures: tuple[Signature, ...]
    vocabulary: Vocabulary

    def get(self, form_id: str) -> Signature | None:
        return next((s for s in self.signatures if s.id == form_id), None)


def forms_of(registry: Registry, extra: Iterable[str] = ()) -> Forms:
    """The forms on ``registry``'s search path (and ``extra`` ids or files), kept on the
    registry once read."""
    key = ("perfeval-import", "forms", tuple(extra))
    cached = registry.cache.get(key)
    if isinstance(cached, Forms):
        return cached
    vocabulary = Vocabulary()
    found: list[Signature] = []
    ids = list(available_forms(registry=registry))
    for name in [*ids, *extra]:
        try:
            form = load_form(name, registry=registry)
        except PerfevalError:  # a broken county form must not stop the import of the others
            continue
        if all(s.id != form.id for s in found):
            found.append(signature(form, vocabulary))
    forms = Forms(tuple(found), vocabulary)
    registry.cache[key] = forms
    return forms


def choose_form(labels: set[str], forms: Forms, given: str | None) -> tuple[str | None, str, float]:
    """The form whose labels a document's labels match best, and why; ``given`` (``--form``)
    wins. A form is scored by the share of its labels the document has, less the share of the
    document's labels it lacks (the Dice coefficient of the two sets)."""
    if given is not None:
        return given, "named by --form", 1.0
    best: tuple[float, int, str] | None = None
    scores: dict[str, tuple[float, int]] = {}
    for sig in forms.signatures:
        if not sig.labels:
            continue
        hits = len(labels & sig.labels)
        score = 2 * hits / (len(labels) + len(sig.labels)) if labels else 0.0
        scores[sig.id] = (score, hits)
        if best is None or (score, hits) > best[:2]:
            best = (score, hits, sig.id)
    if best is None or best[0] < 0.25:
        return None, "no form's labels match closely: read by what the labels mean", 0.0
    chosen = forms.get(best[2])
    assert chosen is not None
    missing = sorted(chosen.labels - labels)
    others = sorted(((s, i) for i, (s, _) in scores.items() if i != chosen.id), reverse=True)
    runner = f"; next {others[0][1]} ({others[0][0]:.0%})" if others else ""
    shown = "、".join(missing[:4]) + ("…" if len(missing) > 4 else "")
    lacking = f"; not found: {shown}" if missing else ""
    return (
        chosen.id,
        (
            f"{best[1]} of its {len(chosen.labels)} labels found ({best[0]:.0%} match){lacking}{runner}"
        ),
        best[0],
    )
