"""The import report: for each file, the projects found, the form and framework chosen and
why, where every value came from (traces) and every uncertain step (findings) — as text for a
person and as JSON data for tools (``perfeval import --report FILE`` / ``--json``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._errors import PerfevalError, printable
from .._model.tree import PATH_SEPARATOR
from .reader import ImportedEvaluation, ImportFinding, ImportResult, Trace

#: One file of a run: what was read (or the error that stopped it) and the files written.
Outcome = tuple[str, ImportResult | None, PerfevalError | None, Sequence[Path]]


def show_key(key: Sequence[str]) -> str:
    """A trace's key path as the report shows it: ``产出指标 › 数量指标 › 培训人数 › actual``."""
    return PATH_SEPARATOR.join(key)


def _finding(finding: ImportFinding) -> str:
    return printable(f"[{finding.kind}] {finding}")


def _trace(trace: Trace) -> str:
    text = printable(trace.text.replace("\n", "⏎"))
    if len(text) > 40:
        text = text[:39] + "…"
    return f"{show_key(trace.key)} ← {trace.location!s}" + (f"  {text!r}" if text else "")


def report_text(outcomes: Sequence[Outcome], *, traces: bool = True) -> str:
    """The report as text: per file, per project, the choices, findings and (with ``traces``)
    where each value came from."""
    lines: list[str] = []
    for file, result, error, written in outcomes:
        lines.append(printable(file))
        if error is not None:
            lines.append(f"  error: {printable(error.message)}")
            if error.hint:
                lines.append(f"  hint: {printable(error.hint)}")
            continue
        assert result is not None
        if not result.evaluations:
            lines.append("  no project found")
        outputs = list(written) + [None] * (len(result.evaluations) - len(written))
        for evaluation, output in zip(result.evaluations, outputs, strict=True):
            lines.extend(_evaluation_lines(evaluation, output, traces=traces))
        for note in result.notes:
            lines.append(f"  {_finding(note)}")
    return "\n".join(lines) + "\n"


def _evaluation_lines(
    evaluation: ImportedEvaluation, output: Path | None, *, traces: bool
) -> list[str]:
    head = f"  {printable(evaluation.name)}"
    if evaluation.location:
        head += f" ({printable(evaluation.location)})"
    if output is not None:
        head += f" → {output}"
    lines = [head, f"    {evaluation.kind}"]
    if evaluation.form:
        lines.append(f"    form {evaluation.form}: {printable(evaluation.form_reason)}")
    lines.append(
        f"    framework {evaluation.spec.framework}: {printable(evaluation.framework_reason)}"
    )
    leaves = len({t.key[:-1] for t in evaluation.traces if t.key[:1] == ("indicators",)})
    lines.append(
        f"    {len(evaluation.traces)} values read ({leaves} indicators); "
        f"{len(evaluation.findings)} finding{'s' if len(evaluation.findings) != 1 else ''}"
    )
    for finding in evaluation.findings:
        lines.append(f"      {_finding(finding)}")
    if traces and evaluation.traces:
        lines.append("    where each value came from:")
        lines.extend(f"      {printable(_trace(t))}" for t in evaluation.traces)
    return lines


def report_data(outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
    """The report as JSON data: one entry per file."""
    out: list[dict[str, Any]] = []
    for file, result, error, written in outcomes:
        if error is not None:
            out.append({"file": file, "error": error.as_dict()})
            continue
        assert result is not None
        outputs = [str(p) for p in written] + [None] * (len(result.evaluations) - len(written))
        out.append(
            {
                "file": file,
                "projects": [
                    _evaluation_data(ev, output)
                    for ev, output in zip(result.evaluations, outputs, strict=True)
                ],
                "notes": [_finding_data(n) for n in result.notes],
            }
        )
    return out


def _finding_data(finding: ImportFinding) -> dict[str, Any]:
    return {"kind": finding.kind, "location": finding.location, "message": finding.message}


def _evaluation_data(evaluation: ImportedEvaluation, output: str | None) -> dict[str, Any]:
    return {
        "name": evaluation.name,
        "output": output,
        "location": evaluation.location,
        "kind": evaluation.kind,
        "form": evaluation.form,
        "form_reason": evaluation.form_reason,
        "framework": evaluation.spec.framework,
        "framework_reason": evaluation.framework_reason,
        "findings": [_finding_data(f) for f in evaluation.findings],
        "traces": [
            {"key": list(t.key), "location": str(t.location), "text": t.text}
            for t in evaluation.traces
        ],
    }
