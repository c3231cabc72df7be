"""The three-grade policy: its boundaries, its registration, and the command line."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, entry_points, version
from pathlib import Path

import pytest

import perfeval_grading_three
from perfeval_core._cli import main
from perfeval_core.testing import isolated_registry, register_plugin

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "national"


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("0", "不合格"),
        ("59.99", "不合格"),
        ("60", "合格"),
        ("79.99", "合格"),
        ("80", "合格"),
        ("89.99", "合格"),
        ("90", "优秀"),
        ("100", "优秀"),
    ],
)
def test_boundaries(total, grade):
    with register_plugin(perfeval_grading_three, "grading-three") as registry:
        result = registry.policy("three-grades").grade(Decimal(total))
    assert (result.label, result.policy) == (grade, "three-grades")


def test_registered_by_this_plugin():
    with register_plugin(perfeval_grading_three, "grading-three") as registry:
        info = registry.plugins["grading-three"]
        assert info.error is None and info.registered == ["policy three-grades"]
        assert registry.owners[("policy", "three-grades")] == "grading-three"


def test_policy_is_data():
    policy = perfeval_grading_three.THREE_GRADES
    assert [(t.min, t.label) for t in policy.thresholds] == [
        (Decimal(90), "优秀"),
        (Decimal(60), "合格"),
        (Decimal(0), "不合格"),
    ]
    assert policy.places is None and policy.undemonstrated is None
    assert policy.source


def installed() -> bool:
    try:
        version("perfeval-grading-three")
    except PackageNotFoundError:
        return False
    return True


@pytest.mark.skipif(not installed(), reason="pip install -e plugins/perfeval-grading-three")
def test_found_through_its_entry_point(capsys):
    [ep] = [e for e in entry_points(group="perfeval") if e.name == "grading-three"]
    assert ep.value == "perfeval_grading_three"
    with isolated_registry(entry_points=True):  # as installed, not as this test registers it
        assert main(["plugins"]) == 0
        out = capsys.readouterr().out
        assert "grading-three 0.1.0\n  policy three-grades" in out
        files = [str(EXAMPLES / f"{n}.toml") for n in ("cz-2020-10-self", "cz-2021-101")]
        assert main(["score", "--json", "--policy", "three-grades", *files]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["total"], d["grade"]) for d in data] == [(95.35, "优秀"), (82.0, "合格")]
