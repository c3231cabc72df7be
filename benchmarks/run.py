"""perfeval benchmarks: every figure of the performance targets, ratios against baselines taken
in the same run, on synthetic evaluations generated from the shipped frameworks.

    .venv/bin/python benchmarks/run.py            # the full run (100,000-file batch), ≤ 10 minutes
    .venv/bin/python benchmarks/run.py --quick    # smaller counts, no 100,000-file batch, ~1 minute
    .venv/bin/python benchmarks/run.py --json figures.json

What is measured (docs/performance.md records the figures):

1. load + check + score of N evaluation files against ``tomllib.loads`` of the same files;
2. in-memory scoring throughput (``perfeval_core.score`` on loaded evaluations), and the same
   reading every ``LeafScore`` (the result objects are built when first read);
3. ``perfeval --version`` and ``perfeval score ONE.toml`` as whole processes against
   ``python -c pass``;
4. ``perfeval batch --summary out.xlsx``: the speed-up of ``--jobs 2`` over 10,000 files, and
   the peak memory per process over 1,000, 10,000 and 100,000 files (``--jobs 1`` and ``2``);
5. the exporters' own benchmarks (benchmarks/bench_docx.py, bench_xlsx.py, bench_renderers.py)
   when present;
6. ``perfeval report`` (the html review site) over the batch's 10,000 files against ``perfeval
   batch --summary out.json`` of the same files (benchmarks/bench_report.py), and the size of
   its index page;
7. ``perfeval import`` of a 300-sheet workbook of national forms against python-calamine reading
   every cell of it, and memory over 1,000 files (benchmarks/bench_import.py).

The synthetic evaluations vary the seed examples (examples/*/*.toml) — project name, unit,
numeric actual values and the scores (so the grades spread over 优/良/中/差) — and add, for every
shipped framework without an example, its blank evaluation filled in. They are written in the
seed's style (``tomlio.dumps_document``: leaf rows as inline tables) into a temporary folder,
removed at the end unless --keep. The batches vary 2,000 of them and copy those under new
project numbers for the rest (writing 100,000 files takes seconds, not minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent

UNITS = [
    "如皋市人力资源和社会保障局",
    "如皋市教育体育局",
    "如皋市卫生健康委员会",
    "如皋市民政局",
    "如皋市财政局",
    "如皋市农业农村局",
    "如皋市住房和城乡建设局",
    "如皋市交通运输局",
    "如皋市水务局",
    "如皋市文化广电和旅游局",
    "如皋市市场监督管理局",
    "如皋市生态环境局",
    "如皋市自然资源和规划局",
    "如皋市应急管理局",
    "如皋市司法局",
    "如皋市城市管理局",
    "如皋市商务局",
    "如皋市科学技术局",
    "如皋市工业和信息化局",
    "如皋市退役军人事务局",
]
#: Share of the points an evaluation gets, by tier: (probability, low, high).
TIERS = [(0.70, 0.93, 1.00), (0.20, 0.82, 0.90), (0.08, 0.62, 0.78), (0.02, 0.40, 0.58)]
_NUMBER = re.compile(r"^(\D*?)(\d+(?:\.\d+)?)(.*)$", re.S)
_HALF = Decimal("0.5")

RESULTS: list[dict[str, Any]] = []


# -- output -------------------------------------------------------------------------------------


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def figure(
    name: str,
    value: float,
    unit: str,
    *,
    target: float | None = None,
    higher: bool = False,
    detail: str = "",
) -> None:
    """Record and print one figure, with its target and OK/MISSED when it has one."""
    ok = None if target is None else (value >= target if higher else value <= target)
    verdict = "" if ok is None else ("  OK" if ok else "  MISSED")
    goal = "" if target is None else f"  (target {'≥' if higher else '≤'} {target:,g}{unit})"
    shown = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.2f}"
    print(
        f"{name:<52} {shown:>12}{unit}{goal}{verdict}" + (f"  [{detail}]" if detail else ""),
        flush=True,
    )
    RESULTS.append(
        {
            "name": name,
            "value": value,
            "unit": unit.strip(),
            "target": target,
            "higher_is_better": higher,
            "ok": ok,
            "detail": detail,
        }
    )


# -- generating evaluations ---------------------------------------------------------------------


def emit(data: dict[str, Any]) -> str:
    """TOML text of an evaluation as perfeval writes it (leaf rows as inline tables)."""
    from perfeval_core._io.tomlwriter import dumps_document

    return dumps_document(data)


def _copy(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _copy(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_copy(v) for v in x]
    return x


def _leaves(
    items: list[dict[str, Any]], parent: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    for ind in items:
        path = (*parent, ind["name"])
        if "children" in ind:
            yield from _leaves(ind["children"], path)
        else:
            yield path, ind


class Template:
    """A complete evaluation to vary, with the resolved weight and score of every leaf."""

    def __init__(self, data: dict[str, Any], name: str) -> None:
        from perfeval_core import iter_leaves, loads_evaluation, score

        self.data, self.name = data, name
        evaluation = loads_evaluation(emit(data))
        card = score(evaluation)
        # the weights as written (before any not-applicable rescaling), by path
        self.leaves = {
            path: (leaf.weight, leaf.score)
            for path, leaf in iter_leaves(evaluation.indicators)
            if not leaf.not_applicable
        }
        # stated_total can be kept (as the new sum) only when no leaf is rescaled
        self.scored = card.complete and not any(
            leaf.not_applicable for _, leaf in iter_leaves(evaluation.indicators)
        )


def templates() -> list[Template]:
    """The seed examples, and a filled-in blank evaluation for each framework without one."""
    from perfeval_core import load_framework
    from perfeval_core._blank import blank_spec
    from perfeval_core._io.structuring import unstructure
    from perfeval_core._loading.frameworks import available

    shipped = available()
    out, covered = [], set()
    for file in sorted((ROOT / "examples").glob("*/*.toml")):
        data = tomllib.loads(file.read_text(encoding="utf-8"), parse_float=Decimal)
        if data.get("framework") in shipped:
            out.append(Template(data, file.name))
            covered.add(data["framework"])
    for fid in sorted(set(shipped) - covered):
        try:
            framework = load_framework(fid)
            data = unstructure(blank_spec(framework))
            weights = {p: leaf.weight for p, leaf in _framework_leaves(framework.indicators)}
            for path, leaf in _leaves(data.get("indicators", [])):
                target = _target(framework.indicators, path)
                leaf["actual"] = target if target else "是"
                leaf["score"] = weights[path]
            data["project"] = {"unit": UNITS[0], "name": framework.title, "year": 2024}
            t = Template(data, f"{fid} (blank)")
            if t.leaves and sum(w for w, _ in t.leaves.values()) == framework.total:
                out.append(t)
        except Exception as exc:  # a framework that cannot be filled in mechanically
            say(f"  (framework {fid} skipped as a template: {type(exc).__name__}: {exc})")
    return out


def _framework_leaves(roots: Any, parent: tuple[str, ...] = ()) -> Iterator[Any]:
    for ind in roots:
        path = (*parent, ind.name)
        if ind.is_group:
            yield from _framework_leaves(ind.children, path)
        else:
            yield path, ind


def _target(roots: Any, path: tuple[str, ...]) -> str | None:
    for p, leaf in _framework_leaves(roots):
        if p == path:
            return leaf.target
    return None


def vary(t: Template, i: int) -> str:
    """The ``i``-th variant of a template: name, unit, actual values and scores changed."""
    rng = random.Random(i)
    data = _copy(t.data)
    project = data.setdefault("project", {})
    project["name"] = f"{project.get('name', '项目')}（{i:05d}）"
    project["unit"] = UNITS[rng.randrange(len(UNITS))]
    roll, share = rng.random(), 1.0
    for p, low, high in TIERS:
        if roll < p:
            share = rng.uniform(low, high)
            break
        roll -= p
    total, exact = Decimal(0), t.scored
    for path, leaf in _leaves(data.get("indicators", [])):
        weight, _ = t.leaves.get(path, (None, None))
        if weight is None:
            continue
        actual = leaf.get("actual")
        if isinstance(actual, str) and (m := _NUMBER.match(actual)):
            number = Decimal(m[2]) * Decimal(str(round(rng.uniform(0.85, 1.15), 2)))
            if "%" in m[3] and Decimal(m[2]) <= 100:
                number = min(number, Decimal(100))
            places = len(m[2].split(".")[1]) if "." in m[2] else 0
            number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            leaf["actual"] = f"{m[1]}{number}{m[3]}"
        frac = min(1.0, max(0.0, share + rng.uniform(-0.06, 0.06)))
        points = (weight * Decimal(str(round(frac, 3))) * 2).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        ) * _HALF
        points = min(points, weight).normalize()
        points = points.quantize(Decimal(1)) if points == points.to_integral() else points
        leaf["score"] = points
        if points < weight and "basis" not in leaf:
            leaf["basis"] = f"部分目标未完全达成，扣 {format(weight - points, 'f')} 分"
        total += points
    covered = {p for p, _ in _leaves(data.get("indicators", []))}
    if exact and covered >= set(t.leaves):
        data["stated_total"] = total
    else:
        data.pop("stated_total", None)
    return emit(data)


def generate(folder: Path, n: int, parts: int = 1, distinct: int | None = None) -> list[Path]:
    """``n`` evaluation files under ``folder`` (in ``parts`` sub-folders); returns their paths.

    With ``distinct``, only that many are varied from the templates (``vary``, ~2 ms each); the
    others are copies of those with the project's number changed (``（00012）`` → ``（01012）``),
    so that 100,000 files take seconds to write, each a project of its own name."""
    ts = templates()
    paths = []
    texts: list[str] = []
    for i in range(n):
        sub = folder / f"part-{i * parts // n:02d}" if parts > 1 else folder
        if i == 0 or (parts > 1 and i * parts % n < parts):
            sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{i:05d}.toml"
        if distinct is None or i < distinct:
            text = vary(ts[i % len(ts)], i)
            if distinct is not None:
                texts.append(text)
        else:
            j = i % distinct
            text = texts[j].replace(f"（{j:05d}）", f"（{i:05d}）", 1)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# -- in-process measurements --------------------------------------------------------------------


def best(fn: Callable[[], object], rounds: int) -> float:
    """The least CPU time of this process (``time.process_time``) ``fn`` took in ``rounds``
    runs: on a machine shared with other work, wall-clock time counts theirs too."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def bench_load(paths: list[Path], rounds: int) -> None:
    from perfeval_core import load_evaluation, run_checks, score

    def baseline() -> None:
        for p in paths:
            tomllib.loads(p.read_text(encoding="utf-8"))

    def ours() -> None:
        for p in paths:
            run_checks(score(load_evaluation(p)))

    ours()  # warm: imports, plugins, the framework cache
    base_t, ours_t = [], []
    for _ in range(rounds):  # interleaved, so a slow spell of the machine hits both alike
        base_t.append(best(baseline, 1))
        ours_t.append(best(ours, 1))
    b, o = min(base_t), min(ours_t)
    n = len(paths)
    figure(
        f"load+check+score vs tomllib.loads ({n} files)",
        o / b,
        "×",
        target=1.0,
        detail=f"{o / n * 1e3:.3f} vs {b / n * 1e3:.3f} ms/file",
    )


def bench_scoring(paths: list[Path], rounds: int) -> None:
    from perfeval_core import load_evaluation, score

    evaluations = [load_evaluation(p) for p in paths]
    leaves = sum(len(score(ev).leaves) for ev in evaluations)

    def run() -> None:
        for ev in evaluations:
            score(ev)

    t = best(run, rounds)
    figure(
        "scoring throughput (score() on loaded evaluations)",
        leaves / t,
        " leaves/s",
        target=1_000_000,
        higher=True,
        detail=f"{leaves} leaves in {len(evaluations)} evaluations, "
        f"{t / len(evaluations) * 1e6:.1f} µs/evaluation",
    )

    def with_objects() -> None:
        for ev in evaluations:
            score(ev).leaves  # noqa: B018 - the result objects built

    t = best(with_objects, rounds)
    figure(
        "  the same, reading every LeafScore too",
        leaves / t,
        " leaves/s",
        detail=f"{t / len(evaluations) * 1e6:.1f} µs/evaluation",
    )


# -- processes ----------------------------------------------------------------------------------


def perfeval_command() -> list[str]:
    script = Path(sys.executable).parent / "perfeval"
    return [str(script)] if script.exists() else [sys.executable, "-m", "perfeval_core.cli"]


def time_process(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds of one run of ``cmd`` as a whole process, and its CPU seconds (user and
    system, from the rusage of the children)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


#: Runs argv[2:] as its child and writes "max-RSS-kB wall-seconds exit-code" to argv[1]. Linux
#: carries the peak RSS of the image a process had before exec into its ru_maxrss, so a child
#: forked straight from this benchmark (tens of MB) would report at least that; forked from this
#: small launcher it reports its own peak.
_LAUNCHER = """\
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(f"{usage.ru_maxrss} {time.perf_counter() - start} {os.waitstatus_to_exitcode(status)}")
"""


def measure(cmd: list[str], work: Path) -> tuple[float, float, float, int]:
    """Run ``cmd``: (wall seconds, max RSS of its largest process in MB — wait4's, covering it
    and its children — , peak of the summed RSS of all its processes in MB, exit code)."""
    result, err = work / "measure.txt", work / "stderr.txt"
    peak = [0.0]
    stop = threading.Event()
    with open(err, "wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, str(result), *cmd],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        sampler = threading.Thread(target=_sample_tree, args=(proc.pid, peak, stop), daemon=True)
        sampler.start()
        proc.wait()
        stop.set()
        sampler.join()
    maxrss_kb, wall, code = result.read_text().split()
    if int(code) not in (0, 1):
        say(f"  {' '.join(cmd[:3])}… exited {code}: {err.read_text('utf-8', 'replace')[-500:]}")
    scale = 1024 if sys.platform != "darwin" else 2**20  # ru_maxrss: kB on Linux, bytes on macOS
    return float(wall), int(maxrss_kb) / scale, peak[0], int(code)


def _sample_tree(pid: int, peak: list[float], stop: threading.Event) -> None:
    """Peak of the summed RSS of the descendants of ``pid`` (the launcher), sampled every
    20 ms from /proc (Linux; elsewhere it stays 0)."""
    if not os.path.isdir("/proc"):
        return
    page = os.sysconf("SC_PAGE_SIZE") / 2**20
    while not stop.is_set():
        parents: dict[int, int] = {}
        rss: dict[int, float] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
                rss[int(entry)] = int(fields[21]) * page
            except (OSError, IndexError, ValueError):
                continue
        tree, changed = {pid}, True
        while changed:
            grown = tree | {p for p, pp in parents.items() if pp in tree}
            changed, tree = grown != tree, grown
        peak[0] = max(peak[0], sum(rss.get(p, 0.0) for p in tree if p != pid))
        stop.wait(0.02)


def bench_processes(one: Path, repeat: int) -> None:
    perfeval = perfeval_command()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "perfeval --version": [*perfeval, "--version"],
        "perfeval score ONE.toml": [*perfeval, "score", str(one)],
    }
    for cmd in commands.values():
        time_process(cmd)  # warm the file cache
    times: dict[str, list[float]] = {k: [] for k in commands}
    cpus: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            wall, cpu = time_process(cmd)
            times[name].append(wall)
            cpus[name].append(cpu)
    base = statistics.median(times["python -c pass"])
    base_cpu = statistics.median(cpus["python -c pass"])
    for name in ("perfeval --version", "perfeval score ONE.toml"):
        t = statistics.median(times[name])
        c = statistics.median(cpus[name])
        figure(
            f"{name} vs python -c pass",
            t / base,
            "×",
            target=3.0 if name.endswith("--version") else 6.0,
            detail=f"{t * 1e3:.0f} vs {base * 1e3:.0f} ms wall, median of {repeat}; CPU "
            f"{c * 1e3:.0f} vs {base_cpu * 1e3:.0f} ms ({c / base_cpu:.1f}×)",
        )


def bench_batch(folder: Path, big: Path | None, n: int, out: Path, rounds: int) -> None:
    """``perfeval batch --summary out.xlsx``: over ``n`` files (``folder``) with --jobs 1 and
    2, interleaved, best of ``rounds`` each, for the speed-up; over a tenth of them and over
    the ``big`` folder (100,000 files) with --jobs 1 and 2 for memory — it must stay flat."""
    perfeval = perfeval_command()

    def batch(args: list[str], summary: str) -> tuple[float, float, float, int]:
        return measure([*perfeval, "batch", *args, "--summary", str(out / summary), "--force"], out)

    say(f"  perfeval batch over {n // 10:,} files …")
    _, rss_small, _, _ = batch([str(folder / "part-00")], "small.xlsx")
    one: list[tuple[float, float, float, int]] = []
    two: list[tuple[float, float, float, int]] = []
    for i in range(rounds):
        say(f"  perfeval batch over {n:,} files, --jobs 1 and --jobs 2 ({i + 1}/{rounds}) …")
        one.append(batch([str(folder), "--jobs", "1"], "jobs1.xlsx"))
        two.append(batch([str(folder), "--jobs", "2"], "jobs2.xlsx"))
    t1, t2 = min(r[0] for r in one), min(r[0] for r in two)
    rss1, rss2 = max(r[1] for r in one), max(r[1] for r in two)
    tree2, code = max(r[2] for r in two), one[0][3]
    figure(
        f"batch {n // 10:,} files, jobs 1: max RSS",
        rss_small,
        " MB",
        detail=f"growth to {n:,} files: {rss1 - rss_small:+.1f} MB",
    )
    figure(
        f"batch {n:,} files, jobs 1: max RSS",
        rss1,
        " MB",
        target=100,
        detail=f"{t1:.1f} s, {n / t1:,.0f} files/s, exit {code}",
    )
    figure(
        f"batch {n:,} files, jobs 2: max RSS of one process",
        rss2,
        " MB",
        target=100,
        detail=f"all processes together ≈ {tree2:.0f} MB (sampled)",
    )
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    figure(
        "batch speed-up of --jobs 2 over --jobs 1",
        t1 / t2,
        "×",
        target=1.85,
        higher=True,
        detail=f"{n:,} files: {t1:.1f} s → {t2:.1f} s on {cores} cores, best of {rounds}",
    )
    same = (out / "jobs1.xlsx").read_bytes() == (out / "jobs2.xlsx").read_bytes()
    print(f"{'  summaries of --jobs 1 and --jobs 2 identical':<52} {'yes' if same else 'NO'}")
    if big is None:
        return
    total = sum(1 for _ in big.rglob("*.toml"))
    walls = {}
    for jobs in (1, 2):
        say(f"  perfeval batch over {total:,} files, --jobs {jobs} …")
        t, rss, tree, _ = batch([str(big), "--jobs", str(jobs)], f"big{jobs}.xlsx")
        walls[jobs] = t
        figure(
            f"batch {total:,} files, jobs {jobs}: max RSS of one process",
            rss,
            " MB",
            target=100,
            detail=f"{t:.1f} s, {total / t:,.0f} files/s; vs {n // 10:,} files "
            f"{rss - rss_small:+.1f} MB" + (f"; all processes ≈ {tree:.0f} MB" if jobs > 1 else ""),
        )
    figure(
        f"  the speed-up over the {total:,} files",
        walls[1] / walls[2],
        "×",
        detail=f"{walls[1]:.1f} s → {walls[2]:.1f} s, one run each",
    )
    same = (out / "big1.xlsx").read_bytes() == (out / "big2.xlsx").read_bytes()
    print(f"{'  summaries of --jobs 1 and --jobs 2 identical':<52} {'yes' if same else 'NO'}")


# -- exporters ----------------------------------------------------------------------------------


def bench_exporters() -> None:
    import importlib.util

    for name in ("bench_docx", "bench_xlsx", "bench_renderers"):
        file = HERE / f"{name}.py"
        if not file.exists():
            print(f"{name + ': skipped':<52} (benchmarks/{name}.py not present)")
            continue
        try:
            spec = importlib.util.spec_from_file_location(name, file)
            module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
            spec.loader.exec_module(module)  # type: ignore[union-attr]
            result = module.run()
        except ImportError as exc:
            print(f"{name + ': skipped':<52} (plugin not installed: {exc})")
            continue
        if isinstance(result, list):  # several figures (bench_renderers)
            for item in result:
                detail = ", ".join(
                    f"{k} {v}"
                    for k, v in item.items()
                    if k not in ("name", "ratio", "target", "ok")
                )
                target = item["target"]
                figure(
                    item["name"],
                    float(item["ratio"]),
                    "×",
                    target=float(target) if target is not None else None,
                    detail=detail,
                )
        elif isinstance(result, dict) and "ratio" in result and "target" in result:
            detail = ", ".join(
                f"{k} {v}" for k, v in result.items() if k not in ("ratio", "target", "ok")
            )
            figure(
                f"{name}: exporter vs baseline",
                float(result["ratio"]),
                "×",
                target=float(result["target"]),
                detail=detail,
            )
            if "ratio_same_cells" in result:  # the like-for-like ratio of issue 14's table
                figure(
                    f"{name}: exporter vs XlsxWriter in_memory, same cells",
                    float(result["ratio_same_cells"]),
                    "×",
                    target=1.3,
                    detail=f"{result['xlsx_ms']} vs {result['same_cells_ms']} ms/doc: XlsxWriter "
                    f"making the exporter's {result['calls']} calls, the same bytes; vs the "
                    f"one-sheet baseline in in_memory mode {result['ratio_in_memory']}×",
                )
            if "docx_ms" in result:
                figure(f"{name}: ms per document", float(result["docx_ms"]), " ms", target=5.0)
        else:
            print(f"{name:<52} {result}")
            RESULTS.append({"name": name, "value": result})


# -- the html report ----------------------------------------------------------------------------


def bench_report(folder: Path, work: Path, rounds: int) -> None:
    """``perfeval report`` against ``perfeval batch --summary out.json`` over ``folder``."""
    import importlib.util

    try:
        import perfeval_html  # noqa: F401
    except ImportError as exc:
        print(f"{'bench_report: skipped':<52} (perfeval-html not installed: {exc})")
        return
    spec = importlib.util.spec_from_file_location("bench_report", HERE / "bench_report.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    out = work / "report"
    out.mkdir(exist_ok=True)
    r = module.run(folder, out, rounds)
    figure(
        f"report of {r['files']:,} projects vs batch --summary out.json",
        r["ratio"],
        "×",
        target=module.TARGET,
        detail=f"{r['report_s']:.1f} vs {r['batch_s']:.1f} s wall, best of {rounds}; CPU "
        f"{r['report_cpu_s']:.1f} vs {r['batch_cpu_s']:.1f} s ({r['cpu_ratio']:.2f}×)",
    )
    figure(
        "report: size of the index page",
        r["index_bytes"] / 1000,
        " kB",
        target=module.INDEX_LIMIT / 1000,
        detail=f"largest list page {r['largest_list_bytes'] / 1000:.0f} kB, {r['pages']:,} pages",
    )


# -- import -------------------------------------------------------------------------------------


def bench_import(quick: bool) -> None:
    """``perfeval import`` of a 300-sheet workbook against calamine reading it
    (benchmarks/bench_import.py), and memory over many files."""
    import importlib.util

    try:
        import perfeval_import  # noqa: F401
    except ImportError as exc:
        print(f"{'bench_import: skipped':<52} (perfeval-import not installed: {exc})")
        return
    spec = importlib.util.spec_from_file_location("bench_import", HERE / "bench_import.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    r = module.run(files=200 if quick else 1000, repeat=3 if quick else 5)
    figure(
        f"import of {r['sheets']} national forms vs calamine",
        r["ratio"],
        "×",
        target=module.TARGET,
        detail=f"{r['import_s'] * 1000:.0f} vs {r['calamine_s'] * 1000:.0f} ms (import_file "
        f"alone {r['import_file_ratio']:.2f}×, the reader {r['read_ratio']:.2f}×)",
    )
    m = r["memory"]
    figure(
        f"import: memory growth over {m['files']:,} files",
        m["growth_kib"],
        " KiB",
        target=module.FLAT_BYTES / 1024,
        detail=f"{m['ms_per_file']:.1f} ms a file",
    )


# -- main ---------------------------------------------------------------------------------------


def _load() -> str:
    """The load average: wall-clock ratios mean little when other processes want the cores."""
    try:
        return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "load average unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="smaller counts (300 files, a 2,000-file batch): ~30 s"
    )
    parser.add_argument("-n", type=int, help="files for the load and scoring figures")
    parser.add_argument("--batch", type=int, help="files for the batch speed-up (10,000)")
    parser.add_argument(
        "--big", type=int, help="files for the memory figure of a province's year (100,000)"
    )
    parser.add_argument(
        "--skip",
        default="",
        metavar="PARTS",
        help="comma-separated parts to skip: load,scoring,processes,batch,report,export,import",
    )
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    n = args.n or (300 if args.quick else 1000)
    batch_n = args.batch or (2000 if args.quick else 10000)
    big_n = args.big if args.big is not None else (0 if args.quick else 100_000)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    started = time.perf_counter()
    print(
        f"perfeval benchmarks — Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs{' (quick)' if args.quick else ''}; {_load()}"
    )
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="perfeval-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if not {"load", "scoring", "processes"} <= skip:
            say(f"generating {n} evaluations …")
            paths = generate(work / "files", n)
        if "load" not in skip:
            bench_load(paths, rounds=3 if args.quick else 5)
        if "scoring" not in skip:
            bench_scoring(paths, rounds=5 if args.quick else 10)
        if "processes" not in skip:
            bench_processes(paths[0], repeat=7 if args.quick else 15)
        if "batch" not in skip:
            say(f"generating {batch_n:,} evaluations for the batch …")
            gen = time.perf_counter()
            generate(work / "batch", batch_n, parts=10, distinct=min(batch_n, 2000))
            big = None
            if big_n:
                say(f"generating {big_n:,} evaluations for the big batch …")
                big = work / "big"
                generate(big, big_n, parts=100, distinct=min(big_n, 2000))
            say(f"  … in {time.perf_counter() - gen:.1f} s")
            # one round of the 10,000 files beside the 100,000-file runs (a second reading of
            # the speed-up): the whole run must stay within ten minutes
            rounds = 1 if args.quick or big is not None else 2
            bench_batch(work / "batch", big, batch_n, work, rounds=rounds)
            if "report" not in skip:  # one round: the whole run must stay within ten minutes
                bench_report(work / "batch", work, rounds=1)
        if "export" not in skip:
            bench_exporters()
        if "import" not in skip:
            bench_import(args.quick)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    print(
        f"{'whole benchmark':<52} {elapsed:>12.1f} s  (target ≤ 600 s)"
        f"{'  OK' if elapsed <= 600 else '  MISSED'}  [{_load()}]"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "python": platform.python_version(),
                    "cpus": os.cpu_count(),
                    "quick": args.quick,
                    "seconds": elapsed,
                    "figures": RESULTS,
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
