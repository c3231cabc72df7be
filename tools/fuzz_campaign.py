"""A long fuzzing campaign, outside CI: the families of tests/test_fuzz.py, many more inputs.

    .venv/bin/python tools/fuzz_campaign.py                      # 60,000 inputs, 2 processes
    .venv/bin/python tools/fuzz_campaign.py -n 200000 --jobs 4 --seed 7
    .venv/bin/python tools/fuzz_campaign.py --timeout 5 --report campaign.json

Families (their share of the inputs): mutated evaluations and frameworks (60 %), group-level
keys of both (15 %), generated frameworks with chains of ``extends``, links, folders and FIFOs
(15 %), and sets of hostile project names through the core exporters (10 %, one set an input).
Each input must give a result or a :class:`~perfeval_core.PerfevalError` — never another
exception — within ``--timeout`` seconds (longer is reported as a hang). The work is cut into
units of 500 inputs, each with its own seed, so any finding reproduces from its unit's family
and seed (printed with it). Prints the counts, the time taken and each distinct crash or hang;
exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

UNIT = 500
FAMILIES = {"mutations": 60, "groups": 15, "frameworks": 15, "names": 10}


class Hang(BaseException):
    """An input took longer than the timeout."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang


def run_unit(family: str, seed: int, count: int, timeout: float) -> dict[str, Any]:
    """``count`` inputs of ``family`` from ``seed``: outcomes, crashes, hangs, slowest input."""
    import test_fuzz as fz

    from perfeval_core import PerfevalError
    from perfeval_core._plugins.host import build_registry, set_registry

    set_registry(build_registry(load_entry_points=False))
    signal.signal(signal.SIGALRM, _alarm)
    outcomes: Counter[str] = Counter()
    crashes: dict[str, str] = {}
    hangs: list[str] = []
    slowest = (0.0, "")
    with tempfile.TemporaryDirectory(prefix="perfeval-fuzz-") as tmp:
        folder = Path(tmp)
        for index, label, attempt in _inputs(fz, family, seed, count, folder):
            start = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                outcomes[attempt()] += 1
            except Hang:
                hangs.append(f"{family} seed {seed} input {index}: {label}")
                outcomes["hang"] += 1
            except PerfevalError as exc:  # a PluginError the built-ins raised: a crash
                _crash(crashes, exc.__cause__ or exc, family, seed, index, label)
                outcomes["crash"] += 1
            except Exception as exc:
                _crash(crashes, exc, family, seed, index, label)
                outcomes["crash"] += 1
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            took = time.perf_counter() - start
            if took > slowest[0]:
                slowest = (took, f"{family} seed {seed} input {index}: {label}")
    return {"outcomes": dict(outcomes), "crashes": crashes, "hangs": hangs, "slowest": slowest}


def _crash(
    crashes: dict[str, str], exc: BaseException, family: str, seed: int, index: int, label: str
) -> None:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    key = (
        f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}"
        if where
        else repr(exc)
    )
    crashes.setdefault(
        key,
        f"{family} seed {seed} input {index} ({label}): {exc!r}\n"
        + "".join(traceback.format_exception(exc))[-2000:],
    )


def _inputs(fz: Any, family: str, seed: int, count: int, folder: Path) -> Any:
    """(index, label, a function doing the input) for each input of the unit."""
    if family == "mutations":
        for i, (name, op, path, *_) in enumerate(fz.cases(folder, count, seed)):
            yield i, f"{name} / {op}", lambda path=path: fz.exercise(path)
    elif family == "groups":
        for i, (name, op, path, *_) in enumerate(fz.group_cases(folder, count, seed)):
            yield i, f"{name} / {op}", lambda path=path: fz.exercise(path)
    elif family == "frameworks":
        r = random.Random(seed)
        for i in range(count):
            case = folder / f"fw{i}"
            case.mkdir()
            path, _ = fz.framework_case(case, r)
            yield i, "generated framework", lambda path=path: fz.exercise_framework(path)
    else:
        r = random.Random(seed)
        names = _NameSets(fz, folder)
        for i in range(count):
            cards = [fz.hostile_name(r) for _ in range(r.randrange(1, 7))]
            yield i, repr(cards)[:200], lambda i=i, cards=cards: names.run(i, cards)


class _NameSets:
    """One set of hostile names exported through the json exporter, checked as the tests do."""

    def __init__(self, fz: Any, folder: Path) -> None:
        from perfeval_core import load_evaluation, score

        self.fz, self.folder = fz, folder
        self.base = score(
            load_evaluation(ROOT / "examples" / "rugao-2024" / "02-职业技能评价.toml")
        )

    def run(self, index: int, names: list[str]) -> str:
        import attrs

        from perfeval_core import export

        cards = []
        for name in names:
            spec = self.base.evaluation.spec
            spec = attrs.evolve(spec, project=attrs.evolve(spec.project, name=name))
            evaluation = attrs.evolve(self.base.evaluation, spec=spec)
            cards.append(attrs.evolve(self.base, evaluation=evaluation))
        out = self.folder / f"n{index}"
        paths = export(cards, "json", out)
        assert len(paths) == len(cards)
        self.fz.assert_safe_names(paths, out)
        for name, path in zip(names, paths, strict=True):
            held = json.loads(path.read_text("utf-8"))["evaluation"]["project"]["name"]
            assert held == name, (path, name)
        return "valid"


def plan(total: int, seed: int) -> list[tuple[str, int, int]]:
    """Units (family, seed, count) adding up to ``total`` inputs in the families' shares."""
    units = []
    weights = sum(FAMILIES.values())
    for f, (family, share) in enumerate(FAMILIES.items()):
        n = round(total * share / weights)
        for u in range(0, n, UNIT):
            units.append((family, seed * 1_000_003 + f * 10_007 + u, min(UNIT, n - u)))
    return units


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--inputs", type=int, default=60_000)
    parser.add_argument("--seed", type=int, default=20241201)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per input")
    parser.add_argument("--report", metavar="FILE.json", help="also write the results as JSON")
    args = parser.parse_args()

    units = plan(args.inputs, args.seed)
    start = time.monotonic()
    totals: dict[str, Counter[str]] = {family: Counter() for family in FAMILIES}
    crashes: dict[str, str] = {}
    hangs: list[str] = []
    slowest = (0.0, "")
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [(u, pool.submit(run_unit, *u, args.timeout)) for u in units]
        for done, ((family, _, _), future) in enumerate(futures, start=1):
            result = future.result()
            totals[family].update(result["outcomes"])
            for key, text in result["crashes"].items():
                crashes.setdefault(key, text)
            hangs.extend(result["hangs"])
            slowest = max(slowest, tuple(result["slowest"]))
            n = sum(sum(c.values()) for c in totals.values())
            print(
                f"\r{done}/{len(units)} units, {n:,} inputs, {time.monotonic() - start:,.0f} s",
                end="",
                file=sys.stderr,
                flush=True,
            )
    elapsed = time.monotonic() - start
    print(file=sys.stderr)
    inputs = sum(sum(c.values()) for c in totals.values())
    print(f"{inputs:,} inputs in {elapsed:,.0f} s on {args.jobs} processes (seed {args.seed})")
    for family, counts in totals.items():
        print(f"  {family:<11} " + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())))
    print(f"slowest input: {slowest[0]:.2f} s ({slowest[1]})")
    print(f"crashes (exceptions outside PerfevalError): {len(crashes)} distinct")
    for text in crashes.values():
        print("\n" + text)
    print(f"hangs (over {args.timeout:g} s): {len(hangs)}")
    for text in hangs:
        print("  " + text)
    if args.report:
        Path(args.report).write_text(
            json.dumps(
                {
                    "inputs": inputs,
                    "seconds": round(elapsed, 1),
                    "jobs": args.jobs,
                    "seed": args.seed,
                    "outcomes": {f: dict(c) for f, c in totals.items()},
                    "crashes": crashes,
                    "hangs": hangs,
                    "slowest": list(slowest),
                },
                ensure_ascii=False,
                indent=2,
            ),
            "utf-8",
        )
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
