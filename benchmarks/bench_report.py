"""Benchmark of the html report (plugins/perfeval-html) against the batch it is part of.

Over the same N evaluation files (10,000; generated as benchmarks/run.py generates them, or a
folder given with --files), in the same run:

(a) baseline: ``perfeval batch DIR --summary out.json`` — load, score and check every file and
    write the roll-up;
(b) ``perfeval report DIR -o SITE`` — the same, plus a page per project (rendered where the
    project is scored), the index and its list pages, all written into a new folder that is
    then put in place. SITE is removed before each run, outside the timing (replacing a site
    with ``--force`` also deletes the previous one; that time is printed apart).

The target is b / a ≤ 1.5 (wall time, best of the rounds, the two run alternately so that a
busy spell of the machine hits both), and the index page under 1 MB. The CPU time of each
(user + system, of the process and its children) is printed beside it.

    .venv/bin/python benchmarks/bench_report.py [-n 10000] [--rounds 2] [--files DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = 1.5
INDEX_LIMIT = 1_000_000


def perfeval() -> list[str]:
    script = Path(sys.executable).parent / "perfeval"
    return [str(script)] if script.exists() else [sys.executable, "-m", "perfeval_core"]


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """Wall, CPU (user + system) and system seconds of one run of ``cmd`` (its children)."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode not in (
        0,
        1,
    ):  # 1: error findings in the batch (the generated files have some)
        raise SystemExit(f"{' '.join(cmd[:3])}… exited {done.returncode}: {done.stderr[-2000:]}")
    system = after.children_system - before.children_system
    return wall, after.children_user - before.children_user + system, system


def run(files: Path, work: Path, rounds: int) -> dict[str, float | bool | int]:
    """Both commands ``rounds`` times over ``files``; the figures."""
    cmd = perfeval()
    batch = [*cmd, "batch", str(files), "--summary", str(work / "out.json"), "--force"]
    report = [*cmd, "report", str(files), "-o", str(work / "site"), "--force"]
    timed([*cmd, "report", str(next(files.rglob("*.toml"))), "-o", str(work / "warm"), "--force"])
    a: list[tuple[float, float, float]] = []
    b: list[tuple[float, float, float]] = []
    removed: list[float] = []
    for i in range(rounds):
        print(f"  round {i + 1}/{rounds}: batch --summary out.json …", file=sys.stderr, flush=True)
        a.append(timed(batch))
        print(f"  round {i + 1}/{rounds}: report -o site …", file=sys.stderr, flush=True)
        # written into a new folder each time: deleting the previous site (what --force does
        # when one is there) is timed apart
        gone = time.perf_counter()
        shutil.rmtree(work / "site", ignore_errors=True)
        removed.append(time.perf_counter() - gone)
        b.append(timed(report))
    ta, tb = min(r[0] for r in a), min(r[0] for r in b)
    ca, cb = min(r[1] for r in a), min(r[1] for r in b)
    sa, sb = min(r[2] for r in a), min(r[2] for r in b)
    site = work / "site"
    index = (site / "index.html").stat().st_size
    pages = sum(1 for _ in (site / "projects").iterdir())
    largest = max(p.stat().st_size for p in site.rglob("*.html") if p.parent.name == "lists")
    return {
        "files": sum(1 for _ in files.rglob("*.toml")),
        "batch_s": round(ta, 2),
        "report_s": round(tb, 2),
        "ratio": round(tb / ta, 3),
        "batch_cpu_s": round(ca, 2),
        "report_cpu_s": round(cb, 2),
        "cpu_ratio": round(cb / ca, 3),
        "batch_system_s": round(sa, 2),
        "report_system_s": round(sb, 2),
        "remove_previous_s": round(max(removed), 2),
        "index_bytes": index,
        "largest_list_bytes": largest,
        "pages": pages,
        "target": TARGET,
        "ok": tb / ta <= TARGET and index < INDEX_LIMIT,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=10000, help="evaluation files to generate")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each command (best kept)")
    parser.add_argument("--files", metavar="DIR", help="use these evaluation files instead")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="perfeval-bench-report-"))
    try:
        files = Path(args.files) if args.files else work / "files"
        if not args.files:
            sys.path.insert(0, str(HERE))
            from run import generate

            print(f"generating {args.n:,} evaluations …", file=sys.stderr, flush=True)
            generate(files, args.n, parts=10)
        figures = run(files, work, args.rounds)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(figures))
    else:
        verdict = "OK" if figures["ok"] else "MISSED"
        print(
            f"report of {figures['files']:,} projects vs batch --summary out.json: "
            f"{figures['ratio']:.2f}× (target ≤ {TARGET}) {verdict}  "
            f"[{figures['report_s']:.1f} s vs {figures['batch_s']:.1f} s wall; CPU "
            f"{figures['report_cpu_s']:.1f} s vs {figures['batch_cpu_s']:.1f} s = "
            f"{figures['cpu_ratio']:.2f}×, of which system {figures['report_system_s']:.1f} vs "
            f"{figures['batch_system_s']:.1f} s; index {figures['index_bytes']:,} bytes, largest list "
            f"page {figures['largest_list_bytes']:,} bytes; deleting a previous site "
            f"{figures['remove_previous_s']:.1f} s]"
        )
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
