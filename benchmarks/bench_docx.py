"""Benchmark of the Word exporter (perfeval-docx) against a plain python-docx baseline.

(a) baseline: python-docx, default template, the same 25-row three-level 评分表 written through
    the object API, the 一级 / 二级 vertical merges (and the header merges) made with
    ``cell.merge``, saved to memory;
(b) perfeval-docx: the whole document (情况表 narrative + 评分表) for a seed scorecard padded to
    25 leaf rows.

Time per document is the median of ``--runs`` runs (default 30) after warm-up, in one process.
Target: (b) ≤ 0.6 × (a).

    .venv/bin/python benchmarks/bench_docx.py [--runs N]
"""

from __future__ import annotations

import argparse
import io
import itertools
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "rugao-2024" / "01-新录用事业人员培训及事业人员嘉奖证书.toml"
ROWS = 25
TARGET = 0.6
WARMUP = 5


def padded_scorecard(rows: int = ROWS):
    """Seed 01 (22 leaves) with satisfaction leaves added until it has ``rows`` leaves."""
    from perfeval_core import IndicatorSpec, from_spec, load_evaluation, score

    spec = load_evaluation(SEED).spec
    card = score(from_spec(spec))
    extra = rows - len(card.leaves)
    if extra > 0:
        top = spec.indicators[-1]  # 满意度指标
        group = top.children[-1]  # 满意度指标 (二级)
        added = tuple(
            IndicatorSpec(
                name=f"补充满意度指标{i + 1}",
                weight=Decimal(1),
                target=">95%",
                actual="96%",
                score=Decimal(1),
            )
            for i in range(extra)
        )
        group = attrs.evolve(group, children=(*group.children, *added))
        top = attrs.evolve(top, children=(*top.children[:-1], group))
        spec = attrs.evolve(spec, indicators=(*spec.indicators[:-1], top))
        card = score(from_spec(spec))
    return card


def baseline_document(card) -> bytes:
    """The naive python-docx document: default template, object API, ``cell.merge``."""
    import docx

    from perfeval_core import format_number

    def number(value):
        return "" if value is None else format_number(value)

    found = card.leaves
    doc = docx.Document()
    doc.add_heading("项目支出绩效自我评价评分表", 0)
    doc.add_paragraph(f"填报单位：{card.evaluation.project.unit}")
    doc.add_paragraph(f"项目名称：{card.evaluation.project.name}")
    table = doc.add_table(rows=len(found) + 3, cols=8)
    table.style = "Table Grid"
    head, sub = table.rows[0].cells, table.rows[1].cells
    head[0].text = "评价指标"
    for j, text in enumerate(("年初指标值", "实际完成值", "分值", "得分", "评分依据"), start=3):
        head[j].text = text
    for j, text in enumerate(("一级指标", "二级指标", "三级指标")):
        sub[j].text = text
    table.cell(0, 0).merge(table.cell(0, 2))
    for j in range(3, 8):
        table.cell(0, j).merge(table.cell(1, j))
    previous: list[str | None] = [None, None]
    starts: list[list[int]] = [[], []]
    for i, leaf in enumerate(found):
        r = i + 2
        cells = table.rows[r].cells
        ind = leaf.indicator
        for level in (0, 1):
            name = leaf.path[level] if len(leaf.path) > level else ""
            if name != previous[level]:
                cells[level].text = name
                starts[level].append(r)
                previous[level] = name
        cells[2].text = leaf.path[-1]
        cells[3].text = ind.target or ""
        cells[4].text = ind.actual or ""
        cells[5].text = number(leaf.weight)
        cells[6].text = number(leaf.score)
        cells[7].text = ind.basis or ""
    last = len(found) + 1
    for level in (0, 1):
        bounds = [*starts[level], last + 1]
        for a, b in itertools.pairwise(bounds):
            if b - 1 > a:
                table.cell(a, level).merge(table.cell(b - 1, level))
    total = table.rows[last + 1].cells
    total[0].text = "总计"
    total[5].text = number(card.max)
    total[6].text = number(card.total)
    table.cell(last + 1, 0).merge(table.cell(last + 1, 4))
    doc.add_paragraph(f"评价等级：{card.grade_label}")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def exporter_document(card) -> bytes:
    """The perfeval-docx document, through the exporter the registry finds."""
    from perfeval_core import render
    from perfeval_core._plugins.host import build_registry

    return render(card, build_registry().exporter("docx"))


def _median_ms(job: Callable[[], object], runs: int) -> float:
    for _ in range(WARMUP):
        job()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def run(runs: int = 30) -> dict[str, object]:
    """Time both; returns the figures (ms per document, ratio, target, sizes)."""
    from perfeval_core._plugins.host import build_registry

    card = padded_scorecard()
    exporter = build_registry().exporter("docx")

    def ours() -> bytes:
        buffer = io.BytesIO()
        exporter.write(card, buffer)
        return buffer.getvalue()

    baseline_ms = _median_ms(lambda: baseline_document(card), runs)
    docx_ms = _median_ms(ours, runs)
    ratio = docx_ms / baseline_ms
    return {
        "rows": len(card.leaves),
        "runs": runs,
        "baseline_ms": round(baseline_ms, 2),
        "docx_ms": round(docx_ms, 2),
        "ratio": round(ratio, 3),
        "target": TARGET,
        "ok": ratio <= TARGET,
        "baseline_bytes": len(baseline_document(card)),
        "docx_bytes": len(ours()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per side (≥ 20)")
    args = parser.parse_args()
    r = run(max(args.runs, 20))
    print(
        f"rows: {r['rows']} leaves; median of {r['runs']} runs after {WARMUP} warm-up; "
        f"sizes: baseline {r['baseline_bytes']} B, docx {r['docx_bytes']} B"
    )
    print(
        f"docx: {r['docx_ms']:.1f} ms/doc vs baseline {r['baseline_ms']:.1f} ms/doc = "
        f"{r['ratio']:.2f}× (target ≤ {TARGET}×) {'OK' if r['ok'] else 'FAIL'}"
    )


if __name__ == "__main__":
    main()
