"""The form renderers against the exporters they replaced, and how their time grows with the leaves.

Baseline: the docx and xlsx exporters as they were before forms (commit ``BASE``, which wrote
the 如皋 layout directly from the scorecard), loaded from git into packages of their own
(``perfeval_docx_base``, ``perfeval_xlsx_base``) and run in this process on the same
scorecards as the current renderers — so every ratio is taken in one run, on one machine.

1. **Per document, 如皋 form**: seed 01 (22 leaves) padded to 25, the layout built and drawn,
   against the baseline writing the same scorecard. Target: ≤ 1.2× for docx and for xlsx.
2. **Leaves sweep**: the same evaluation grown to 250, 500, 1,000, 2,000 and 4,000 leaves (二级
   groups of ten under 产出指标). The time per leaf at 4,000 over the time per leaf at 250 must
   stay ≤ 1.25 (linear); the baseline docx is timed up to 1,000 leaves to show its growth
   (quadratic: ~6 s at 1,000).
3. **Linear** (issue 14): the time at 4,000 leaves at most 20× the time at 200, for docx and
   for xlsx.

Time per document is CPU time of this process: for 1, the median of alternating rounds after
a warm-up; for 2, the median of first renders of differently named scorecards (a renderer keeps
the measurements of texts it has seen, which a batch of real evaluations would not reuse).

    .venv/bin/python benchmarks/bench_renderers.py [--quick] [--json]
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "rugao-2024" / "01-新录用事业人员培训及事业人员嘉奖证书.toml"
#: The commit before forms: its exporters are the baseline.
BASE = "e00966e"
PER_DOCUMENT_TARGET = 1.2
GROWTH_TARGET = 1.25
SWEEP = (250, 500, 1000, 2000, 4000)
#: Issue 14: the time at 4,000 leaves at most 20× the time at 200 (linear, fixed costs aside).
LINEAR_FROM, LINEAR_TARGET = 200, 20.0
BASE_DOCX_SWEEP = (250, 500, 1000)


def load_baseline(package: str, plugin: str, into: Path) -> Any:
    """The plugin ``package`` as it was at ``BASE``, importable as ``<package>_base``."""
    import importlib

    name = f"{package}_base"
    folder = into / name
    folder.mkdir(parents=True, exist_ok=True)
    prefix = f"plugins/{plugin}/src/{package}/"
    listing = subprocess.run(
        ["git", "ls-tree", "--name-only", f"{BASE}:{prefix}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for file in listing:
        if file.endswith(".py"):
            text = subprocess.run(
                ["git", "show", f"{BASE}:{prefix}{file}"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            (folder / file).write_text(text, "utf-8")
    if str(into) not in sys.path:
        sys.path.insert(0, str(into))
    return importlib.import_module(name)


def grown(leaves: int, salt: int = 0):
    """Seed 01's scorecard with 产出指标 grown to ``leaves`` leaves in all (groups of ten);
    ``salt`` varies the names, so that no text is one a renderer has measured before."""
    from perfeval_core import IndicatorSpec, from_spec, load_evaluation, score

    spec = load_evaluation(SEED).spec
    card = score(from_spec(spec))
    extra = leaves - len(card.leaves)
    if extra <= 0:
        return card
    groups = []
    for g in range(0, extra, 10):
        children = tuple(
            IndicatorSpec(
                name=f"补充产出指标{salt}-{g + i + 1}：按计划完成的培训及考核任务数量",
                weight=Decimal(1),
                target="≥95%",
                actual="96%",
                score=Decimal(1),
                basis="按计划完成" if (g + i) % 3 == 0 else None,
            )
            for i in range(min(10, extra - g))
        )
        groups.append(IndicatorSpec(name=f"补充二级指标{g // 10 + 1}", children=children))
    output = next(i for i in spec.indicators if i.name == "产出指标")
    output = attrs.evolve(output, children=(*(output.children or ()), *groups))
    spec = attrs.evolve(
        spec, indicators=tuple(output if i.name == "产出指标" else i for i in spec.indicators)
    )
    return score(from_spec(spec))


def padded(rows: int = 25):
    """Seed 01 padded to ``rows`` leaves with satisfaction leaves (as bench_docx does)."""
    from bench_docx import padded_scorecard

    return padded_scorecard(rows)


def _cpu_ms(job: Callable[[], object], runs: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        job()
    times = []
    for _ in range(runs):
        start = time.process_time()
        job()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def _writer(write: Callable[[Any, Any], None], card: Any) -> Callable[[], bytes]:
    def job() -> bytes:
        buffer = io.BytesIO()
        write(card, buffer)
        return buffer.getvalue()

    return job


def per_document(base_docx: Any, base_xlsx: Any, rounds: int, runs: int) -> list[dict[str, Any]]:
    import perfeval_docx
    import perfeval_xlsx

    card = padded()
    jobs = {
        "docx": _writer(perfeval_docx.write, card),
        "docx_base": _writer(base_docx.write, card),
        "xlsx": _writer(perfeval_xlsx.write, card),
        "xlsx_base": _writer(base_xlsx.write, card),
    }
    samples: dict[str, list[float]] = {k: [] for k in jobs}
    for _ in range(rounds):  # alternate, so that a slow spell of the machine hits all alike
        for name, job in jobs.items():
            samples[name].append(_cpu_ms(job, runs))
    ms = {k: statistics.median(v) for k, v in samples.items()}
    out = []
    for fmt in ("docx", "xlsx"):
        ratio = ms[fmt] / ms[f"{fmt}_base"]
        out.append(
            {
                "name": f"{fmt}: per document, 如皋 form, vs before forms",
                "ratio": round(ratio, 3),
                "target": PER_DOCUMENT_TARGET,
                "ok": ratio <= PER_DOCUMENT_TARGET,
                "ms": round(ms[fmt], 2),
                "base_ms": round(ms[f"{fmt}_base"], 2),
                "leaves": len(card.leaves),
            }
        )
    return out


def _first_render_ms(write: Callable[[Any, Any], None], cards: list[Any]) -> float:
    """The median time of rendering each card once: every text new to the renderer, as in a
    batch of real evaluations (a card rendered again would find its text measured before)."""
    times = []
    for card in cards:
        start = time.process_time()
        write(card, io.BytesIO())
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def sweep(base_docx: Any, sizes: tuple[int, ...], base_sizes: tuple[int, ...]) -> list[dict]:
    import perfeval_docx
    import perfeval_xlsx

    def runs(n: int) -> int:
        return 5 if n <= 500 else 3 if n <= 1000 else 1

    salts = iter(range(1, 10_000))
    cards = {
        n: [grown(n, next(salts)) for _ in range(runs(n))]
        for n in sorted(set(sizes) | set(base_sizes) | {LINEAR_FROM})
    }
    warm = grown(250)
    out = []
    for fmt, write in (("docx", perfeval_docx.write), ("xlsx", perfeval_xlsx.write)):
        write(warm, io.BytesIO())  # imports and templates: not part of the figure
        times = {n: _first_render_ms(write, cards[n]) for n in (LINEAR_FROM, *sizes)}
        first, last = sizes[0], sizes[-1]
        growth = (times[last] / last) / (times[first] / first)
        whole = times[last] / times[LINEAR_FROM]
        out.append(
            {
                "name": f"{fmt}: time at {last:,} leaves over at {LINEAR_FROM} leaves",
                "ratio": round(whole, 2),
                "target": LINEAR_TARGET,
                "ok": whole <= LINEAR_TARGET,
                "leaves": f"{last / LINEAR_FROM:.0f}× as many",
            }
        )
        out.append(
            {
                "name": f"{fmt}: time per leaf at {last:,} over at {first:,} leaves",
                "ratio": round(growth, 3),
                "target": GROWTH_TARGET,
                "ok": growth <= GROWTH_TARGET,
                "ms": {n: round(t, 1) for n, t in times.items()},
            }
        )
    if base_sizes:
        times = {n: _first_render_ms(base_docx.write, cards[n][:1]) for n in base_sizes}
        first, last = base_sizes[0], base_sizes[-1]
        out.append(
            {
                "name": f"docx before forms: per leaf at {last:,} over at {first:,}",
                "ratio": round((times[last] / last) / (times[first] / first), 3),
                "target": None,
                "ok": None,
                "ms": {n: round(t, 1) for n, t in times.items()},
            }
        )
    return out


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Every figure: per document against the baseline, and the sweep."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    into = Path(tempfile.mkdtemp(prefix="perfeval-base-"))
    try:
        base_docx = load_baseline("perfeval_docx", "perfeval-docx", into)
        base_xlsx = load_baseline("perfeval_xlsx", "perfeval-xlsx", into)
        figures = per_document(base_docx, base_xlsx, rounds=3, runs=7 if quick else 20)
        sizes = SWEEP[:3] if quick else SWEEP
        figures += sweep(base_docx, sizes, BASE_DOCX_SWEEP[:2] if quick else BASE_DOCX_SWEEP)
        return figures
    finally:
        shutil.rmtree(into, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="up to 1,000 leaves only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = run(args.quick)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        for f in figures:
            verdict = "" if f["ok"] is None else ("  OK" if f["ok"] else "  MISSED")
            goal = "" if f["target"] is None else f" (target ≤ {f['target']}×)"
            extra = {k: v for k, v in f.items() if k not in ("name", "ratio", "target", "ok")}
            print(f"{f['name']:<58} {f['ratio']:>7.3f}×{goal}{verdict}  {extra}")
    return 0 if all(f["ok"] is not False for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
