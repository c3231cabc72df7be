"""A scorecard laid out on its form: which form (the evaluation's, else its framework's, else
the default), and the document's date."""

from __future__ import annotations

import calendar
import datetime
import os
from collections.abc import Collection

import attrs

from .._errors import InputError
from .._forms.engine import lay_out
from .._forms.form import Form
from .._forms.layout import Layout
from .._io.tomlwriter import dumps
from .._loading.forms import DEFAULT_FORM, load_form
from .._model.scoring import Scorecard
from .._plugins.registry import Registry

#: The date of a document whose evaluation gives neither a month nor a year.
FALLBACK_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def form_of(card: Scorecard, *, registry: Registry | None = None) -> Form:
    """The form ``card`` is exported in: the evaluation's ``form``, else its framework's, else
    the default (the 如皋 2024 情况表 and 评分表)."""
    ev = card.evaluation
    registry = registry if registry is not None else ev.registry
    if ev.spec.form is not None:
        base = ev.path.parent if ev.path is not None else None
        file = str(ev.path) if ev.path is not None else None
        return load_form(ev.spec.form, relative_to=base, file=file, registry=registry)
    ref = ev.framework.form or DEFAULT_FORM
    where = str(ev.framework.path) if ev.framework.path is not None else None
    return load_form(ref, file=where, registry=registry)


def build_layout(
    card: Scorecard,
    form: Form | str | None = None,
    *,
    roles: Collection[str] | None = None,
    registry: Registry | None = None,
) -> Layout:
    """``card`` laid out on ``form`` (a :class:`Form`, a form id, or None for the card's own:
    the evaluation's, else its framework's, else the default); ``roles``, when given, the roles
    of the parts to lay out (``{"form", "worksheet"}`` for a workbook). The layout carries the
    evaluation as TOML (``Layout.evaluation``) for the renderers to embed."""
    registry = registry if registry is not None else card.evaluation.registry
    if form is None:
        chosen = form_of(card, registry=registry)
    elif isinstance(form, str):
        chosen = load_form(form, registry=registry)
    else:
        chosen = form
    layout = lay_out(card, chosen, document_date(card), roles)
    return attrs.evolve(layout, evaluation=_storable(dumps(card.evaluation.spec)))


def _storable(toml: str) -> str:
    """The evaluation's TOML, or "" when it cannot be stored (a lone surrogate in a name: no
    UTF-8 holds it, and the printed tables drop it too); the import then reads the tables."""
    try:
        toml.encode("utf-8")
    except UnicodeEncodeError:
        return ""
    return toml


def document_date(card: Scorecard) -> datetime.datetime:
    """The date stamped on a document: ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when
    set, else the last day of the project's end month, else the last day of its year, else
    2000-01-01. The same input gives the same date, so the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            seconds = int(epoch)
            return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970",
                hint="set it to a whole number, e.g. SOURCE_DATE_EPOCH=1735603200, or unset it",
            ) from None
    project = card.evaluation.project
    end = (project.end or "").strip()
    if len(end) == 7 and end[4] == "-" and end[:4].isdigit() and end[5:].isdigit():
        year, month = int(end[:4]), int(end[5:])
        if 1 <= month <= 12:
            day = calendar.monthrange(year, month)[1]
            return datetime.datetime(year, month, day, tzinfo=datetime.UTC)
    if project.year is not None:
        return datetime.datetime(project.year, 12, 31, tzinfo=datetime.UTC)
    return FALLBACK_DATE
