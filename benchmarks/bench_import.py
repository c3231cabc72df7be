"""Benchmark of ``perfeval import``: a 300-sheet workbook of national 自评表 forms (one project a
sheet) imported, against python-calamine reading every cell of it; and memory over 1,000 files.

    .venv/bin/python benchmarks/bench_import.py [--sheets 300] [--files 1000] [--repeat 5]

The workbook is built with openpyxl by the import tests' fixtures (``plugins/perfeval-import/
tests/fixtures.py``: merged 一级 / 二级 cells, a 执行率 under a percent format), never through
perfeval's exporters, so no evaluation is stored in it: the recogniser reads every sheet. Timed
in the same run, best of ``--repeat``, interleaved:

- baseline: calamine opening the workbook and reading every cell of every sheet with its merged
  ranges (``to_python`` and ``merged_cell_ranges``);
- ``read``: perfeval-import's reader alone (the neutral document);
- ``import_file``: ``perfeval_core.import_file``: the reader, the forms recognised by their
  labels, the framework chosen and the rows mapped onto it;
- ``import``: ``perfeval_core.import_file`` and ``check_import`` — what ``perfeval import`` does
  before it writes: the reader, the forms recognised by their labels, the framework chosen and
  the rows mapped onto it, every evaluation checked to load and read back equal.

The target (issue 13) is import ≤ 2× the baseline. Then 1,000 copies of a one-project workbook
are imported one after another; the traced memory after file 100 and after file 1,000 should be
the same (nothing kept between files): growth < 256 KiB.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = 2.0
#: Traced memory growth between file 100 and the last that still counts as flat.
FLAT_BYTES = 256 * 1024


def _fixtures() -> Any:
    sys.path.insert(0, str(ROOT / "plugins" / "perfeval-import" / "tests"))
    import fixtures

    return fixtures


def calamine_baseline(path: Path) -> int:
    """Open the workbook and read every cell of every sheet, with the merged ranges."""
    import python_calamine

    cells = 0
    with python_calamine.CalamineWorkbook.from_path(str(path)) as workbook:
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            rows = sheet.to_python()
            sheet.merged_cell_ranges  # noqa: B018 - part of the work the reader does
            cells += sum(len(row) for row in rows)
    return cells


def read_only(path: Path) -> int:
    from perfeval_import.read import read

    return len(read(path).tables)


def import_only(path: Path) -> int:
    from perfeval_core import import_file

    return len(import_file(path).evaluations)


def import_checked(path: Path) -> int:
    from perfeval_core import check_import, import_file

    result = import_file(path)
    check_import(result)
    return len(result.evaluations)


def _best(functions: dict[str, Callable[[Path], int]], path: Path, repeat: int) -> dict[str, float]:
    """Best time of each, the functions interleaved round after round."""
    best = dict.fromkeys(functions, float("inf"))
    for _ in range(repeat):
        for name, function in functions.items():
            start = time.perf_counter()
            function(path)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def memory(folder: Path, files: int) -> dict[str, float]:
    """Import ``files`` copies of a one-project workbook; traced memory after 100 and at the end."""
    small = _fixtures().national_xlsx(folder, name="small.xlsx")
    copies = [folder / f"small-{i}.xlsx" for i in range(files)]
    for copy in copies:
        shutil.copyfile(small, copy)
    import_checked(copies[0])
    gc.collect()
    tracemalloc.start()
    marks: dict[int, int] = {}
    start = time.perf_counter()
    for i, copy in enumerate(copies, start=1):
        import_checked(copy)
        if i in (100, files):
            gc.collect()
            marks[i] = tracemalloc.get_traced_memory()[0]
    elapsed = time.perf_counter() - start
    tracemalloc.stop()
    return {
        "files": files,
        "ms_per_file": elapsed * 1000 / files,
        "after_100_kib": marks[100] / 1024,
        "after_all_kib": marks[files] / 1024,
        "growth_kib": (marks[files] - marks[100]) / 1024,
    }


def run(sheets: int = 300, files: int = 1000, repeat: int = 5) -> dict[str, Any]:
    """The figures: times in seconds, the ratio against the baseline, the memory growth."""
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        big = _fixtures().big_workbook(folder / "forms.xlsx", sheets)
        assert import_checked(big) == sheets  # warm up: imports, caches, page cache
        best = _best(
            {
                "calamine": calamine_baseline,
                "read": read_only,
                "import_file": import_only,
                "import": import_checked,
            },
            big,
            repeat,
        )
        mem = memory(folder, files)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "sheets": sheets,
        "calamine_s": best["calamine"],
        "read_s": best["read"],
        "import_s": best["import"],
        "import_file_s": best["import_file"],
        "read_ratio": best["read"] / best["calamine"],
        "import_file_ratio": best["import_file"] / best["calamine"],
        "ratio": best["import"] / best["calamine"],
        "target": TARGET,
        "memory": mem,
        "flat": mem["growth_kib"] * 1024 < FLAT_BYTES,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sheets", type=int, default=300)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    r = run(args.sheets, args.files, args.repeat)
    print(f"workbook of {r['sheets']} national forms, best of {args.repeat}:")
    print(f"  calamine, every cell + merges: {r['calamine_s'] * 1000:8.1f} ms")
    print(f"  read (neutral document):       {r['read_s'] * 1000:8.1f} ms  {r['read_ratio']:.2f}×")
    print(
        f"  import_file (recognise, map):  {r['import_file_s'] * 1000:8.1f} ms  "
        f"{r['import_file_ratio']:.2f}×"
    )
    print(
        f"  import + check:                {r['import_s'] * 1000:8.1f} ms  {r['ratio']:.2f}×"
        f"  (target ≤ {TARGET:g}×){'  OK' if r['ratio'] <= TARGET else '  MISSED'}"
    )
    m = r["memory"]
    print(
        f"{m['files']} one-project workbooks: {m['ms_per_file']:.2f} ms each; traced memory "
        f"after 100 {m['after_100_kib']:.0f} KiB, after {m['files']} {m['after_all_kib']:.0f} "
        f"KiB: growth {m['growth_kib']:.1f} KiB — {'flat' if r['flat'] else 'GROWING'}"
    )


if __name__ == "__main__":
    main()
