"""Where load + check + score spends its time: each stage on its own, in ms per file.

    .venv/bin/python benchmarks/stages.py                  # 300 generated files
    .venv/bin/python benchmarks/stages.py DIR              # the *.toml files of DIR
    PYTHONPATH=/other/tree/src .venv/bin/python benchmarks/stages.py DIR   # another version

Each stage runs over every file, its input prepared beforehand; the figure is the best of
``--rounds`` passes of ``time.process_time`` (CPU time: less disturbed by other processes than
wall time). docs/performance.md records the figures.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import perfeval_core
from perfeval_core import EvaluationSpec, load_evaluation, run_checks, score
from perfeval_core._io.reading import parse_toml, read_text
from perfeval_core._io.structuring import structure
from perfeval_core._loading.evaluations import _resolve
from perfeval_core._plugins.host import get_registry


def stages(paths: list[Path], rounds: int) -> dict[str, float]:
    """ms per file of each stage, and of the whole pipeline and its baseline."""
    names = [str(p) for p in paths]
    texts = [read_text(p) for p in paths]
    data = [parse_toml(t, file=n) for t, n in zip(texts, names, strict=True)]
    specs = [
        structure(d, EvaluationSpec, file=n, source=t)
        for d, t, n in zip(data, texts, names, strict=True)
    ]
    evaluations = [
        _resolve(s, t, n, p, get_registry())
        for s, t, n, p in zip(specs, texts, names, paths, strict=True)
    ]
    cards = [score(e) for e in evaluations]
    timed: dict[str, Callable[[], object]] = {
        "tomllib.loads (the baseline)": lambda: [
            tomllib.loads(p.read_text(encoding="utf-8")) for p in paths
        ],
        "read_text": lambda: [read_text(p) for p in paths],
        "parse_toml": lambda: [parse_toml(t, file=n) for t, n in zip(texts, names, strict=False)],
        "structure": lambda: [
            structure(d, EvaluationSpec, file=n, source=t)
            for d, t, n in zip(data, texts, names, strict=False)
        ],
        "resolve": lambda: [
            _resolve(s, t, n, p, get_registry())
            for s, t, n, p in zip(specs, texts, names, paths, strict=False)
        ],
        "score": lambda: [score(e) for e in evaluations],
        "checks": lambda: [run_checks(c) for c in cards],
        "load + check + score": lambda: [run_checks(score(load_evaluation(p))) for p in paths],
    }
    out = {}
    for name, fn in timed.items():
        best = min(_cpu(fn) for _ in range(rounds))
        out[name] = best / len(paths) * 1e3
    return out


def _cpu(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", help="evaluation files to time (default: generate)")
    parser.add_argument("-n", type=int, default=300, help="files to generate (300)")
    parser.add_argument("--rounds", type=int, default=7, help="passes per stage, best kept (7)")
    args = parser.parse_args(argv)
    work = None
    if args.folder:
        paths = sorted(Path(args.folder).glob("*.toml"))
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from run import generate

        work = Path(tempfile.mkdtemp(prefix="perfeval-stages-"))
        paths = generate(work, args.n)
    try:
        print(f"{len(paths)} files, perfeval_core from {Path(perfeval_core.__file__).parent}")
        figures = stages(paths, args.rounds)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    for name, ms in figures.items():
        print(f"  {name:<30} {ms:6.3f} ms/file")
    whole, base = figures["load + check + score"], figures["tomllib.loads (the baseline)"]
    print(f"  {'ratio':<30} {whole / base:6.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
