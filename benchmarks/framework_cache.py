"""What keeping a loaded framework costs, and what the alternatives would.

    .venv/bin/python benchmarks/framework_cache.py          # the shipped examples, best of 7

A loaded framework is kept on its registry and reused while none of the files of its lineage
has changed, which is checked on each use from one ``stat`` per file (device, inode, size,
modification and change time). Timed per evaluation, CPU time, best of ``--rounds`` passes over
the shipped examples:

* ``load_evaluation`` with the framework kept (what perfeval does) — the baseline;
* checking the lineage's stamps alone (the cost of trusting the cache);
* hashing the content of the lineage's files instead (reading them and BLAKE2b), which would also
  see an edit that keeps size and both times — the alternative the cache would need otherwise;
* ``load_evaluation`` with no framework kept (reading and resolving the framework every time).

Target: checking the stamps costs at most 2 % of a load (printed as a ratio).
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from perfeval_core import load_evaluation
from perfeval_core._loading.frameworks import _stamp
from perfeval_core._plugins.host import build_registry

ROOT = Path(__file__).resolve().parents[1]


def best(fn: Callable[[], object], rounds: int) -> float:
    """Best CPU time of ``rounds`` calls, in seconds."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=20, help="passes over the files per round")
    args = parser.parse_args()

    paths = sorted((ROOT / "examples").rglob("*.toml"))
    registry = build_registry(load_entry_points=False)
    evaluations = [load_evaluation(p, registry=registry) for p in paths]
    lineages = [list(ev.framework.files) for ev in evaluations]
    n = len(paths) * args.repeat

    def kept() -> None:
        for _ in range(args.repeat):
            for p in paths:
                load_evaluation(p, registry=registry)

    def stamps() -> None:
        for _ in range(args.repeat):
            for files in lineages:
                for f in files:
                    _stamp(f)

    def hashes() -> None:
        for _ in range(args.repeat):
            for files in lineages:
                for f in files:
                    hashlib.blake2b(f.read_bytes()).digest()

    def fresh() -> None:
        for _ in range(args.repeat):
            for p in paths:
                for key in [k for k in registry.cache if k[0] == "framework"]:
                    del registry.cache[key]
                load_evaluation(p, registry=registry)

    base = best(kept, args.rounds)
    files = sum(len(f) for f in lineages) / len(lineages)
    print(f"{len(paths)} evaluations, {files:.1f} framework files each, {n} loads per round")
    print(f"{'load_evaluation, framework kept (baseline)':<52}{base / n * 1e6:>9.0f} µs")
    for label, fn in [
        ("checking the lineage's stamps (what perfeval does)", stamps),
        ("hashing the lineage's files instead", hashes),
        ("load_evaluation, framework not kept", fresh),
    ]:
        t = best(fn, args.rounds)
        print(f"{label:<52}{t / n * 1e6:>9.0f} µs  {t / base:6.1%} of the baseline")
    ratio = best(stamps, args.rounds) / base
    print(f"target: stamps ≤ 2 % of a load: {ratio:.1%} {'OK' if ratio <= 0.02 else 'MISSED'}")


if __name__ == "__main__":
    main()
