"""The 13 published 如皋 2024 self-evaluations, reproduced exactly by `perfeval score --json`.

The expected rows come straight from the seed text with a deliberately naive reading (each table
row's last two numbers are weight and score, the cell three before them is the leaf name), not
from the importer, so the two cannot share a mistake.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from perfeval_core._cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "tests" / "data" / "seed-rugao-2024.txt").read_text("utf-8")
FILES = sorted((ROOT / "examples" / "rugao-2024").glob("*.toml"))
TOTALS = [98, 99, 97, 99, 98, 99, 98, 98, 98, 99, 98, 99, 96]


def _seed_tables() -> list[list[tuple[str, str, str, int, int]]]:
    """Per 评分表: (leaf name, target, actual, weight, score) in order."""
    tables, rows, inside = [], [], False
    for line in SEED.splitlines():
        if line.startswith("一级"):
            inside, rows = True, []
        elif inside and line.startswith("总计"):
            tables.append(rows)
            inside = False
        elif inside and line.strip():
            cells = [c for c in line.split("\t") if c.strip()]
            numbers = [i for i, c in enumerate(cells) if re.fullmatch(r"\d+", c.strip())]
            w, s = numbers[-2], numbers[-1]
            name, target, actual = cells[w - 3], cells[w - 2], cells[w - 1]
            rows.append((_squeeze(name), target, actual, int(cells[w]), int(cells[s])))
    return tables


def _squeeze(text: str) -> str:
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", text.strip())


@pytest.fixture(scope="module")
def scored():
    import io
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["score", "--json", *map(str, FILES)]) == 0
    return json.loads(out.getvalue(), parse_float=Decimal)


def test_thirteen_projects_with_the_seed_totals_and_grades(scored):
    assert len(FILES) == 13
    assert [p["total"] for p in scored] == TOTALS
    assert {p["grade"] for p in scored} == {"优"}
    assert {p["max"] for p in scored} == {100}


@pytest.mark.parametrize("index", range(13))
def test_every_leaf_in_the_seed_order_with_its_weight_and_score(scored, index):
    expected = _seed_tables()[index]
    leaves = scored[index]["indicators"]
    got = [
        (
            leaf["path"][-1],
            _squeeze(leaf["target"]),
            _squeeze(leaf["actual"]),
            leaf["weight"],
            leaf["score"],
        )
        for leaf in leaves
    ]
    want = [(n, _squeeze(t), _squeeze(a), w, s) for n, t, a, w, s in expected]
    assert got == want
    assert sum(leaf["score"] for leaf in leaves) == TOTALS[index]
    assert sum(level["score"] for level in scored[index]["levels"]) == TOTALS[index]


def test_json_numbers_are_exact_and_every_leaf_has_a_rule_score(scored):
    for project in scored:
        for leaf in project["indicators"]:
            assert set(leaf) >= {
                "path",
                "target",
                "actual",
                "weight",
                "score",
                "rule_score",
                "basis",
            }
            assert len(leaf["path"]) == 3


def test_efficiency_leaves_scored_below_their_rule(scored):
    """The seed's 效益 leaves meet their target (是/是) yet lose a point: both are shown."""
    first = scored[0]["indicators"]
    leaf = next(x for x in first if x["path"][1] == "经济效益指标")
    assert (leaf["actual"], leaf["weight"], leaf["score"], leaf["rule_score"]) == ("是", 10, 9, 10)
