"""Benchmark of the xlsx exporter (plugins/perfeval-xlsx) against a plain XlsxWriter baseline.

(a) baseline: XlsxWriter writes the same 25-row, three-level table of a seed evaluation (the two
    header rows, 22 leaf rows, 总计) with ``merge_range`` for the header and the vertical 一级 and
    二级 merges, two cell formats and column widths, into a BytesIO — what a straightforward
    exporter does: XlsxWriter's default options, no print setup, no row heights, one sheet;
(b) the exporter (``perfeval_xlsx.write``) on the same scorecard: both sheets (评分表 and
    计分明细, about twice the cells), print setup, row heights, document properties. It runs
    XlsxWriter in ``in_memory`` mode, which skips the temporary file per part that the default
    mode writes.

(c) the same cells: every call the exporter makes on XlsxWriter for this scorecard (the
    formats, each cell written, the merges, column widths, row heights, print setup and
    properties) recorded once, then replayed on a fresh ``in_memory`` workbook — XlsxWriter
    doing exactly the exporter's work with every value worked out beforehand. The replay's
    bytes are checked to be the exporter's, byte for byte. b / c is the exporter's own cost:
    the layout, the widths, heights and page breaks, the choice of each cell's format.

Targets: b / a ≤ 1.3 and, like with like (issue 14), b / c ≤ 1.3. For a fair view the run also
times the baseline (a) in ``in_memory`` mode (a′) and prints b / a′.

Time is CPU time of this process (``time.process_time``), so that other work on the machine
does not count; per document, the median of the runs after a warm-up, the two measured in
alternating rounds.

    .venv/bin/python benchmarks/bench_xlsx.py [--repeat 60] [--json]
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from perfeval_core import Scorecard

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "rugao-2024" / "01-新录用事业人员培训及事业人员嘉奖证书.toml"
TARGET = 1.3


def load_card() -> Scorecard:
    import perfeval_core

    return perfeval_core.score(perfeval_core.load_evaluation(SEED))


def baseline_rows(card: Scorecard) -> list[tuple[str, str, str, str, str, float, float, str]]:
    """The leaf rows as plain values, prepared outside the timed part."""
    rows = []
    for leaf in card.leaves:
        ind = leaf.indicator
        top, mid = leaf.path[0], leaf.path[1] if len(leaf.path) > 2 else ""
        rows.append(
            (
                top,
                mid,
                ind.name,
                ind.target or "",
                ind.actual or "",
                float(leaf.weight),
                float(leaf.score),
                ind.basis or "",
            )
        )
    return rows


def write_baseline(
    rows: list[tuple], total: tuple[float, float], *, in_memory: bool = False
) -> bytes:
    """The plain XlsxWriter workbook: header, one row per leaf, vertical merges, 总计."""
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer, {"in_memory": in_memory, "strings_to_formulas": False, "strings_to_urls": False}
    )
    ws = wb.add_worksheet("评分表")
    head = wb.add_format(
        {
            "bold": True,
            "border": 1,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
            "font_name": "宋体",
        }
    )
    cell = wb.add_format(
        {
            "border": 1,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
            "font_name": "宋体",
        }
    )
    for col, width in enumerate((10, 14, 30, 11, 11, 6.5, 6.5, 12)):
        ws.set_column(col, col, width)
    ws.merge_range(0, 0, 0, 2, "评价指标", head)
    for col, label in (
        (3, "年初指标值"),
        (4, "实际完成值"),
        (5, "分值"),
        (6, "得分"),
        (7, "评分依据"),
    ):
        ws.merge_range(0, col, 1, col, label, head)
    for col, label in enumerate(("一级指标", "二级指标", "三级指标")):
        ws.write_string(1, col, label, head)
    first = 2
    for i, (_top, _mid, name, target, actual, weight, score, basis) in enumerate(rows):
        r = first + i
        ws.write_string(r, 2, name, cell)
        ws.write_string(r, 3, target, cell)
        ws.write_string(r, 4, actual, cell)
        ws.write_number(r, 5, weight, cell)
        ws.write_number(r, 6, score, cell)
        ws.write_string(r, 7, basis, cell)
    for col in (0, 1):  # vertical merges of runs of equal 一级 / (一级, 二级)
        start = 0
        for i in range(1, len(rows) + 1):
            key = rows[i][: col + 1] if i < len(rows) else None
            if key != rows[start][: col + 1]:
                if i - 1 > start:
                    ws.merge_range(first + start, col, first + i - 1, col, rows[start][col], cell)
                else:
                    ws.write_string(first + start, col, rows[start][col], cell)
                start = i
    r = first + len(rows)
    ws.merge_range(r, 0, r, 4, "总计", head)
    ws.write_number(r, 5, total[0], head)
    ws.write_number(r, 6, total[1], head)
    ws.write_blank(r, 7, None, head)
    wb.close()
    return buffer.getvalue()


class _Recorder:
    """Stands in for an XlsxWriter object, recording each call made on it (and what it
    returned) before making it on the real one."""

    def __init__(self, real: Any, log: list[tuple[Any, ...]], key: int) -> None:
        self._real, self._log, self._key = real, log, key

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._real, name)
        if not callable(attr):
            return attr  # the worksheet's list of merges, appended to by the exporter
        log, key = self._log, self._key

        def call(*args: Any, **kwargs: Any) -> Any:
            result = attr(*args, **kwargs)
            if name == "add_worksheet":
                ws = _Recorder(result, log, len(log))
                log.append((key, name, args, kwargs, ws))
                return ws
            log.append((key, name, args, kwargs, result))
            return result

        return call


def record_calls(card: Scorecard) -> list[tuple[Any, ...]]:
    """Every call ``perfeval_xlsx.write`` makes on XlsxWriter for ``card``, in order: (the
    object: -1 the workbook, else the index of the ``add_worksheet`` call, the method, the
    arguments, the keywords, what it returned); the worksheets' merges just before the
    workbook is closed."""
    import xlsxwriter

    import perfeval_xlsx

    log: list[tuple[Any, ...]] = []
    made: list[Any] = []
    real = xlsxwriter.Workbook

    def workbook(stream: Any, options: dict[str, Any]) -> Any:
        log.append((-2, "options", (copy.deepcopy(options),), {}, None))
        wb = _Recorder(real(stream, options), log, -1)
        made.append(wb)
        return wb

    xlsxwriter.Workbook = workbook  # type: ignore[misc]
    try:
        perfeval_xlsx.write(card, io.BytesIO())
    finally:
        xlsxwriter.Workbook = real  # type: ignore[misc]
    for i, entry in enumerate(list(log)):
        if entry[1] == "add_worksheet":
            log.insert(len(log) - 1, (i, "merges", (list(entry[4].merge),), {}, None))
    return log


def replay(log: list[tuple[Any, ...]]) -> bytes:
    """The recorded calls made on a fresh workbook: XlsxWriter writing the same cells."""
    import xlsxwriter

    buffer = io.BytesIO()
    results: dict[int, Any] = {}  # id of what a call returned when recorded -> now
    sheets: dict[int, Any] = {}
    wb: Any = None
    for i, (key, name, args, kwargs, result) in enumerate(log):
        if key == -2:
            options = {k: dict(v) if isinstance(v, dict) else v for k, v in args[0].items()}
            wb = xlsxwriter.Workbook(buffer, options)
            continue
        target = wb if key == -1 else sheets[key]
        if name == "merges":
            target.merge.extend(args[0])
            continue
        mapped = tuple(results.get(id(a), a) if not isinstance(a, (int, float, str)) else a
                       for a in args)  # fmt: skip
        out = getattr(target, name)(*mapped, **kwargs)
        if name == "add_worksheet":
            sheets[i] = out
        elif name == "add_format":
            results[id(result)] = out
    return buffer.getvalue()  # the log ends with the workbook's close()


def _median_ms(
    fn: Callable[[], object],
    repeat: int,
    warmup: int = 5,
    clock: Callable[[], float] = time.process_time,
) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times) * 1000


def run(repeat: int = 60) -> dict[str, float | bool | int]:
    """Time the baseline and the exporter; ms per document, ratios, target and verdict."""
    import perfeval_xlsx

    card = load_card()
    rows = baseline_rows(card)
    total = (float(card.max), float(card.total))

    def exporter() -> bytes:
        buffer = io.BytesIO()
        perfeval_xlsx.write(card, buffer)
        return buffer.getvalue()

    log = record_calls(card)
    same_cells = replay(log)
    if same_cells != exporter():
        raise AssertionError("the replayed calls do not give the exporter's bytes")
    candidates = {
        "baseline": lambda: write_baseline(rows, total),
        "baseline_in_memory": lambda: write_baseline(rows, total, in_memory=True),
        "same_cells": lambda: replay(log),
        "xlsx": exporter,
    }
    rounds, per_round = 3, max(-(-repeat // 3), 7)
    samples: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(rounds):  # alternate, so that a slow spell of the machine hits all alike
        for name, fn in candidates.items():
            samples[name].append(_median_ms(fn, per_round))
    ms = {name: statistics.median(values) for name, values in samples.items()}
    ratio = ms["xlsx"] / ms["baseline"]
    return {
        "xlsx_ms": round(ms["xlsx"], 3),
        "baseline_ms": round(ms["baseline"], 3),
        "ratio": round(ratio, 3),
        "target": TARGET,
        "ok": ratio <= TARGET,
        "baseline_in_memory_ms": round(ms["baseline_in_memory"], 3),
        "ratio_in_memory": round(ms["xlsx"] / ms["baseline_in_memory"], 3),
        "same_cells_ms": round(ms["same_cells"], 3),
        "ratio_same_cells": round(ms["xlsx"] / ms["same_cells"], 3),
        "same_cells_ok": ms["xlsx"] / ms["same_cells"] <= TARGET,
        "calls": len(log),
        "table_rows": len(rows) + 3,
        "runs": rounds * per_round,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=60, help="timed runs of each (≥ 21)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = run(max(args.repeat, 21))
    if args.json:
        print(json.dumps(figures))
    else:
        print(
            f"xlsx: {figures['xlsx_ms']:.2f} ms/doc vs baseline {figures['baseline_ms']:.2f} "
            f"ms/doc = {figures['ratio']:.2f}× (target ≤ {TARGET}×) "
            f"{'OK' if figures['ok'] else 'TOO SLOW'}"
        )
        print(
            f"  baseline in in_memory mode, as the exporter runs: "
            f"{figures['baseline_in_memory_ms']:.2f} ms/doc; xlsx / that = "
            f"{figures['ratio_in_memory']:.2f}× (two sheets, ~2× the cells, print setup)"
        )
        print(
            f"  XlsxWriter in_memory making the exporter's {figures['calls']} calls (the same "
            f"cells, the same bytes): {figures['same_cells_ms']:.2f} ms/doc; xlsx / that = "
            f"{figures['ratio_same_cells']:.2f}× (target ≤ {TARGET}×) "
            f"{'OK' if figures['same_cells_ok'] else 'TOO SLOW'}"
        )
    return 0 if figures["ok"] and figures["same_cells_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
