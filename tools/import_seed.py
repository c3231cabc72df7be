"""Regenerate examples/rugao-2024/*.toml from the seed text tests/data/seed-rugao-2024.txt.

Usage: python tools/import_seed.py

Imports the seed with perfeval-import (the same path as ``perfeval import``: the text reader,
the recogniser, the mapping onto rugao-2024) and writes one evaluation file per report
("01-项目名称.toml", …) through the evaluation writer, after the header line the examples have
always carried; stale *.toml files are removed, so the output depends on the seed and the
importer only. plugins/perfeval-import/tests/test_seed_text.py keeps the examples identical.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# run from a checkout without installing
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "plugins" / "perfeval-import" / "src")]

from perfeval_import import import_file  # noqa: E402

from perfeval_core import ImportedEvaluation, dumps_evaluation  # noqa: E402

SEED = ROOT / "tests" / "data" / "seed-rugao-2024.txt"
OUT = ROOT / "examples" / "rugao-2024"
#: The first line of every example (the examples were first written by the core's text importer).
HEADER = "# Transcribed from the PDF text of the published report by perfeval_core.textimport.\n\n"
_UNSAFE_FILENAME = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')


def example_text(evaluation: ImportedEvaluation) -> str:
    """An example file's text: the header line, then the evaluation as the writer writes it."""
    return HEADER + dumps_evaluation(evaluation.spec)


def example_name(evaluation: ImportedEvaluation, index: int) -> str:
    """File name for the report at 1-based position ``index``: "01-项目名称.toml"."""
    name = _UNSAFE_FILENAME.sub("", evaluation.name).strip(" .")
    return f"{index:02d}-{name}.toml"


def main() -> None:
    result = import_file(SEED, framework="rugao-2024")
    OUT.mkdir(parents=True, exist_ok=True)
    written = set()
    for index, evaluation in enumerate(result.evaluations, start=1):
        name = example_name(evaluation, index)
        (OUT / name).write_text(example_text(evaluation), encoding="utf-8", newline="\n")
        written.add(name)
    for stale in sorted(OUT.glob("*.toml")):
        if stale.name not in written:
            stale.unlink()
            print(f"removed {stale.relative_to(ROOT)}")
    print(f"wrote {len(written)} files to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
