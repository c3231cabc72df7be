"""The lossless JSON export and reading it back."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from .._checks.base import run_checks
from .._errors import InputError
from .._io.reading import read_text
from .._io.structuring import structure, unstructure
from .._loading.evaluations import from_spec
from .._model.evaluation import Evaluation
from .._model.scoring import Scorecard
from .._model.spec import EvaluationSpec
from .._plugins.registry import Registry
from .._version import version
from .data import group_data, scorecard_data

FORMAT = "perfeval-export/1"


def export_data(card: Scorecard) -> dict[str, Any]:
    """The document: format tag, the evaluation as written, the scorecard tree, the findings."""
    name = card.evaluation.path.name if card.evaluation.path else None
    data = scorecard_data(card, run_checks(card))
    data["file"] = name  # the file name only: the same evaluation exports the same bytes
    for finding in data["findings"]:  # wherever it was read from
        finding["file"] = name
    return {
        "format": FORMAT,
        "generator": f"perfeval {version()}",
        "evaluation": unstructure(card.evaluation.spec),
        "scorecard": data,
        "tree": [group_data(level) for level in card.levels],
    }


def read_export(path: str | os.PathLike[str], *, registry: Registry | None = None) -> Evaluation:
    """Read a file written by the json exporter back into an :class:`Evaluation`; a framework
    the evaluation names by path (``"my-framework.toml"``) is looked for beside ``path``."""
    name = str(path)
    try:
        data = json.loads(read_text(path), parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", file=name, line=exc.lineno) from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply", file=name) from None
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or not isinstance(data.get("evaluation"), dict)
    ):
        raise InputError(
            f"not a perfeval JSON export (format {FORMAT!r} expected)",
            file=name,
            hint="read the file `perfeval export --format json` wrote",
        )
    spec = structure(data["evaluation"], EvaluationSpec, file=name)
    # a framework named by path is looked for beside the export, as beside the evaluation
    return from_spec(spec, file=name, base_dir=Path(path).parent, registry=registry)
