"""Benchmark: the xlsx reader against python-calamine alone, and memory over many small files.

    .venv/bin/python plugins/perfeval-import/benchmarks/bench_read.py [--sheets 300] [--files 1000]

Builds (with openpyxl, in a temporary folder) a workbook of national 自评表 forms, one project a
sheet, then times in one run: calamine opening it and reading every cell of every sheet with
its merged ranges (the baseline), and `read_xlsx` producing the Document. Then reads 1,000 small
workbooks one after another and reports the traced memory after the first 100 and at the end:
it should stay flat (nothing kept between files).
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import fixtures
import python_calamine

from perfeval_import.read_xlsx import read_xlsx


def calamine_baseline(path: Path) -> int:
    """Open the workbook and read every cell of every sheet, with the merged ranges."""
    cells = 0
    with python_calamine.CalamineWorkbook.from_path(str(path)) as workbook:
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            rows = sheet.to_python()
            sheet.merged_cell_ranges  # noqa: B018 - part of the work the reader does
            cells += sum(len(row) for row in rows)
    return cells


def reader(path: Path) -> int:
    document = read_xlsx(path)
    return sum(table.height * table.width for table in document.tables)


def every_cell(path: Path) -> int:
    """The reader, then a `Cell` (with its location) for every grid position."""
    document = read_xlsx(path)
    return sum(len(row) for table in document.tables for row in table.cells)


def best_of(function: object, path: Path, repeat: int) -> tuple[float, float, int]:
    times = []
    result = 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(path)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=300)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-read-"))
    try:
        for percent in (True, False):
            big = fixtures.big_workbook(folder / f"forms-{percent}.xlsx", args.sheets, percent)
            print(
                f"workbook: {args.sheets} sheets, {big.stat().st_size / 1024:.0f} KiB, "
                f"{'a percent format on every sheet' if percent else 'no percent formats'}"
            )
            reader(big)  # warm up: imports, page cache
            base_min, base_median, cells = best_of(calamine_baseline, big, args.repeat)
            read_min, read_median, grid = best_of(reader, big, args.repeat)
            print(
                f"  calamine, every cell + merges: {base_min * 1000:7.1f} ms (median "
                f"{base_median * 1000:.1f}), {cells} cells"
            )
            print(
                f"  read_xlsx → Document:          {read_min * 1000:7.1f} ms (median "
                f"{read_median * 1000:.1f}), {grid} grid cells"
            )
            print(f"  ratio (best of {args.repeat}): {read_min / base_min:.2f}× calamine")
            cells_min, _, _ = best_of(every_cell, big, 3)
            print(
                f"  … and making every Cell object too: {cells_min * 1000:.1f} ms "
                f"({cells_min / base_min:.2f}×)"
            )
        memory(folder, args.files)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def memory(folder: Path, files: int) -> None:
    small = fixtures.national_xlsx(folder, name="small.xlsx")
    copies = [folder / f"small-{i}.xlsx" for i in range(files)]
    for copy in copies:
        shutil.copyfile(small, copy)
    read_xlsx(copies[0])
    gc.collect()
    tracemalloc.start()
    marks = {}
    start = time.perf_counter()
    for i, copy in enumerate(copies, start=1):
        document = read_xlsx(copy)
        del document
        if i in (100, files):
            gc.collect()
            marks[i] = tracemalloc.get_traced_memory()
    elapsed = time.perf_counter() - start
    tracemalloc.stop()
    (after_100, peak_100), (after_all, peak_all) = marks[100], marks[files]
    print(
        f"{files} small workbooks: {elapsed * 1000 / files:.2f} ms each; traced memory after "
        f"100: {after_100 / 1024:.0f} KiB (peak {peak_100 / 1024:.0f}), after {files}: "
        f"{after_all / 1024:.0f} KiB (peak {peak_all / 1024:.0f})"
    )
    growth = after_all - after_100
    print(
        f"growth from file 100 to {files}: {growth / 1024:.1f} KiB"
        f" — {'flat' if growth < 256 * 1024 else 'GROWING'}"
    )


if __name__ == "__main__":
    main()
