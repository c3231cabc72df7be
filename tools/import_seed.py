"""Regenerate examples/rugao-2024/ from the seed text tests/data/seed-rugao-2024.txt.

Usage: python tools/import_seed.py

Writes one evaluation file per report ("01-项目名称.toml", …) and removes stale *.toml files
from the folder, so the output depends on the seed and the importer only.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing

from perfeval_core import parse_reports  # noqa: E402
from perfeval_core._textimport import dump_report, report_filename  # noqa: E402

SEED = ROOT / "tests" / "data" / "seed-rugao-2024.txt"
OUT = ROOT / "examples" / "rugao-2024"


def main() -> None:
    docs = parse_reports(SEED.read_text(encoding="utf-8"))
    OUT.mkdir(parents=True, exist_ok=True)
    written = set()
    for index, doc in enumerate(docs, start=1):
        name = report_filename(doc, index)
        (OUT / name).write_text(dump_report(doc), encoding="utf-8", newline="\n")
        written.add(name)
    for stale in sorted(OUT.glob("*.toml")):
        if stale.name not in written:
            stale.unlink()
            print(f"removed {stale.relative_to(ROOT)}")
    print(f"wrote {len(written)} files to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
