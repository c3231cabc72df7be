"""``perfeval batch`` streams: its summaries are written as rows arrive (perfeval_core.stream_batch
and the summary sinks) and are the same bytes as the summary of the whole result; the roll-up is
worked out without keeping the rows."""

from __future__ import annotations

import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from perfeval_core import (
    BatchResult,
    Failure,
    ProjectRow,
    Rollup,
    SummaryWriter,
    run_batch,
    stream_batch,
)
from perfeval_core._batch.summary import JsonSummary, open_summary, write_json
from perfeval_core._cli import main

ROOT = Path(__file__).resolve().parents[1]
#: A leaf scored by hand with no score recorded: no grade.
INCOMPLETE = """\
framework = "cz-2020-10-self"
[project]
name = "未完"
[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [ { name = "x", target = "1", actual = "1", weight = 50, rule = "手工" } ]
"""
RUGAO = sorted((ROOT / "examples" / "rugao-2024").glob("*.toml"))


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Good files of two frameworks, a broken one and a framework file among them."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, path in enumerate(RUGAO[:4]):
        shutil.copy(path, folder / f"{i}.toml")
    shutil.copy(ROOT / "examples" / "national" / "cz-2020-10-self.toml", folder / "n.toml")
    (folder / "bad.toml").write_text('framework = "rugao-2024"\n[project\n', encoding="utf-8")
    (folder / "fw.toml").write_text('id = "x"\ntitle = "x"\n', encoding="utf-8")
    return folder


def test_the_json_summary_streamed_is_the_whole_result_s(mixed, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "s.json"
    assert main(["batch", "in", "--summary", str(out)]) == 2  # a file failed
    whole = io.BytesIO()
    write_json(run_batch(["in"]), whole)
    assert out.read_bytes() == whole.getvalue()
    capsys.readouterr()
    assert main(["batch", "in", "--json"]) == 2
    assert capsys.readouterr().out.encode("utf-8") == whole.getvalue()


def test_an_empty_json_summary(tmp_path):
    stream = io.BytesIO()
    sink = JsonSummary(stream)
    sink.close(Rollup())
    whole = io.BytesIO()
    write_json(BatchResult(), whole)
    assert stream.getvalue() == whole.getvalue()


def _row(unit: str | None, total: str, grade: str = "优", errors: int = 0) -> ProjectRow:
    t = Decimal(total)
    return ProjectRow("f", "p", unit, 2024, "rugao-2024", t, Decimal(100), grade, "cz-2020-10",
                      (), errors=errors)  # fmt: skip


def test_the_rollup_by_hand():
    rollup = Rollup()
    for row in (_row("甲", "90"), _row("乙", "85.5", "良"), _row("甲", "95.25"), _row(None, "70")):
        rollup.record("f", row, None)
    rollup.record("g", None, Failure("g", "bad"))
    rollup.record("fw.toml", None, None)
    assert (rollup.files, rollup.scored, rollup.failed, rollup.skipped) == (5, 4, 1, ["fw.toml"])
    assert rollup.exit_code == 2
    # 甲: (90 + 95.25) / 2 = 92.625 → 92.63; all: 340.75 / 4 = 85.1875 → 85.19
    [a, b, none] = rollup.units()
    assert (a.unit, a.projects, a.sum, a.average, a.min, a.max) == (
        "甲", 2, Decimal("185.25"), Decimal("92.63"), Decimal(90), Decimal("95.25"),
    )  # fmt: skip
    assert (b.average, none.label) == (Decimal("85.50"), "（未填写单位）")
    overall = rollup.overall()
    assert overall is not None and overall.average == Decimal("85.19")
    assert rollup.grades() == [("优", 3), ("良", 1), ("中", 0), ("差", 0)]


def test_stream_batch_hands_each_row_to_the_sinks_and_keeps_none(mixed):
    seen: list[object] = []

    class Sink:
        def add(self, row: ProjectRow) -> None:
            seen.append(row.file)

        def add_failure(self, failure: Failure) -> None:
            seen.append(("failed", failure.file))

        def close(self, rollup: Rollup) -> None:  # pragma: no cover - not called here
            raise AssertionError

    rollup = stream_batch([mixed], summaries=[Sink()])
    whole = run_batch([mixed])
    assert seen == [
        r.file if isinstance(r, ProjectRow) else ("failed", r.file) for r in _in_order(whole)
    ]
    assert rollup.head() == whole.rollup().head()
    # nothing of a row is kept but its numbers: no row, no file name, no project name
    kept = repr(vars(rollup))
    assert "ProjectRow" not in kept and not any(r.file in kept for r in whole.rows)


def _in_order(result: BatchResult) -> list[ProjectRow | Failure]:
    # the fixture's names sort so that the failure (bad.toml) comes after 0–3 and before n
    rows = {r.file: r for r in result.rows}
    files = sorted([*rows, *(f.file for f in result.failures)])
    failures = {f.file: f for f in result.failures}
    return [rows.get(f) or failures[f] for f in files]


def test_a_writer_of_whole_results_still_works(mixed, tmp_path):
    written: list[BatchResult] = []

    def write(result: BatchResult, stream) -> None:
        written.append(result)
        stream.write(b"%d rows" % len(result.rows))

    stream = io.BytesIO()
    sink = open_summary(SummaryWriter("x", ".x", write), stream)
    rollup = stream_batch([mixed], summaries=[sink])
    sink.close(rollup)
    assert stream.getvalue() == b"5 rows"
    assert written[0].files == 6 and written[0].skipped == rollup.skipped


def test_a_summary_writer_needs_a_way_to_write():
    with pytest.raises(ValueError, match="needs start= or write="):
        SummaryWriter("x", ".x")


def test_export_lets_each_scorecard_go_once_rendered(tmp_path):
    import gc
    import weakref

    from perfeval_core import export, load_evaluation, score

    alive: list[weakref.ref[object]] = []

    def cards():
        for path in RUGAO[:5]:
            gc.collect()
            # every scorecard but the one just handed over is gone already
            assert sum(ref() is not None for ref in alive) <= 1
            card = score(load_evaluation(path))
            alive.append(weakref.ref(card))
            yield card
            del card

    written = export(cards(), "json", tmp_path / "out")
    assert sorted(written) == sorted((tmp_path / "out").iterdir())
    assert len(written) == 5


def test_export_of_an_existing_name_writes_nothing_and_leaves_no_temporary_file(tmp_path):
    from perfeval_core import ExportError, export, load_evaluation, score

    cards = [score(load_evaluation(p)) for p in RUGAO[:3]]
    out = tmp_path / "out"
    first = export(cards[:1], "json", out)
    before = first[0].read_bytes()
    with pytest.raises(ExportError, match="exists"):
        export(iter(cards), "json", out)
    assert sorted(out.iterdir()) == first and first[0].read_bytes() == before
    # an incomplete evaluation after a good one: nothing written, the folders made are gone
    from perfeval_core import loads_evaluation

    incomplete = score(loads_evaluation(INCOMPLETE))
    assert not incomplete.complete
    fresh = tmp_path / "a" / "b"
    with pytest.raises(ExportError, match="incomplete"):
        export(iter([cards[1], incomplete]), "json", fresh)
    assert not (tmp_path / "a").exists()


def test_the_names_of_a_folder_come_in_the_order_paths_sort(tmp_path):
    from perfeval_core._batch.inputs import expand_names, expand_sources

    for name in ("a/b.toml", "a-c/x.toml", "a/b/c.toml", "a.b/z.toml", "A/y.toml", "a/b-.toml",
                 "a/ä.toml", "a/b0.toml", "z.toml", "a/b/.hidden.toml"):  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", "utf-8")
    given = tmp_path / "z.toml"
    args = [tmp_path, given]
    assert expand_names(args) == [(str(p), found) for p, found in expand_sources(args)]


def test_a_summary_writer_that_raises_is_one_error_naming_its_plugin(mixed, tmp_path, capsys):
    from perfeval_core import hookimpl
    from perfeval_core.testing import register_plugin

    class Fragile:
        @hookimpl
        def perfeval_register_summaries(self, register):
            class Sink:
                def add(self, row):
                    raise KeyError("no such column")

                def add_failure(self, failure):
                    pass

                def close(self, rollup):
                    pass

            register(SummaryWriter("fragile", ".frag", start=lambda stream: Sink()))

    out = tmp_path / "out" / "s.frag"
    with register_plugin(Fragile(), "fragile-summary"):
        code = main(["batch", str(mixed), "--summary", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert (
        f"perfeval: error: {out}: summary 'fragile' failed: KeyError: 'no such column' "
        "(in plugin 'fragile-summary')"
    ) in err
    assert list((tmp_path / "out").iterdir()) == []  # no summary, no temporary file


def test_the_summary_is_not_overwritten_without_force_even_if_it_appears_meanwhile(
    mixed, tmp_path, capsys, monkeypatch
):
    from perfeval_core._batch import rollup as rollup_module

    out = tmp_path / "s.json"
    real = rollup_module._run

    def appearing(*args, **kwargs):
        out.write_text("someone else's", "utf-8")  # after the check at the start
        yield from real(*args, **kwargs)

    monkeypatch.setattr(rollup_module, "_run", appearing)
    assert main(["batch", str(mixed), "--summary", str(out)]) == 2
    assert "exists" in capsys.readouterr().err
    assert out.read_text("utf-8") == "someone else's"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".perfeval-")] == []


def test_stream_batch_writes_the_report_as_run_batch_does(mixed, tmp_path):
    from perfeval_core.testing import isolated_registry

    pytest.importorskip("perfeval_html")
    with isolated_registry(entry_points=True) as registry:
        rollup = stream_batch(
            [mixed], report="html", report_dir=tmp_path / "streamed", registry=registry
        )
        whole = run_batch([mixed], report="html", report_dir=tmp_path / "kept", registry=registry)
    assert rollup.report == tmp_path / "streamed" / whole.report.name
    assert rollup.head() == whole.rollup().head()
    streamed = sorted(p.relative_to(tmp_path / "streamed") for p in rollup.report.parent.rglob("*"))
    kept = sorted(p.relative_to(tmp_path / "kept") for p in whole.report.parent.rglob("*"))
    assert streamed == kept
    for name in kept:
        a, b = tmp_path / "streamed" / name, tmp_path / "kept" / name
        assert a.is_dir() or a.read_bytes() == b.read_bytes(), name
