"""The import command and the reader and blank hooks, with the core alone: the core knows no
file format; readers and blank formats are plugins, found by suffix and name."""

from __future__ import annotations

import io
import types
from decimal import Decimal
from pathlib import Path

import pytest

from perfeval_core import (
    BlankWriter,
    EvaluationSpec,
    ImportedEvaluation,
    ImportFinding,
    ImportResult,
    IndicatorSpec,
    InputError,
    ProjectSpec,
    Reader,
    Trace,
    hookimpl,
    import_file,
    load_evaluation,
    save_imports,
)
from perfeval_core._cli import main
from perfeval_core._import.report import report_data, report_text
from perfeval_core.testing import isolated_registry, register_plugin

ROOT = Path(__file__).resolve().parents[1]


def _spec(name: str) -> EvaluationSpec:
    """An evaluation a fake reader finds: the national framework, one leaf of its own."""
    leaf = IndicatorSpec(
        "培训人数", target="≥300人次", actual="320人次", weight=Decimal(50), score=Decimal(50)
    )
    return EvaluationSpec(
        framework="cz-2020-10-self",
        project=ProjectSpec(name=name),
        indicators=(
            IndicatorSpec("产出指标", children=(IndicatorSpec("数量指标", children=(leaf,)),)),
        ),
    )


def _reader_plugin(found: list[tuple[str, object]]) -> types.SimpleNamespace:
    """A plugin whose reader takes .fake files: one project per line of the file."""

    def read(path, *, framework=None, form=None, registry=None):
        found.append((str(path), framework))
        names = Path(path).read_text("utf-8").split()
        if not names:
            raise InputError("no project in the file", file=str(path), hint="write one")
        return ImportResult(
            str(path),
            tuple(
                ImportedEvaluation(
                    _spec(n),
                    location=f"line {i}",
                    form_reason="-",
                    framework_reason="test",
                    traces=(Trace(("project", "name"), f"line {i}", n),),
                    findings=(ImportFinding("a finding", f"line {i}", "note"),),
                )
                for i, n in enumerate(names, start=1)
            ),
        )

    @hookimpl
    def perfeval_register_readers(register):
        register(Reader("fake", (".fake",), read, "one project a line"))

    return types.SimpleNamespace(perfeval_register_readers=perfeval_register_readers)


def test_without_the_import_plugin_import_says_what_to_install(tmp_path, capsys, monkeypatch):
    """In a checkout the hint is `make setup`; installed from an index, `pip install`."""
    from perfeval_core._plugins import install

    (tmp_path / "自评表.xlsx").write_bytes(b"PK")
    checkout = tmp_path / "checkout"
    (checkout / "plugins" / "perfeval-import").mkdir(parents=True)
    (checkout / "plugins" / "perfeval-import" / "pyproject.toml").write_text("", "utf-8")
    for root, hint in (
        (checkout, f"install it with `make setup` in {checkout}"),
        (None, "install it with `pip install perfeval-import`"),
    ):
        monkeypatch.setattr(install, "checkout", lambda root=root: root)
        with isolated_registry():
            code = main(["import", str(tmp_path / "自评表.xlsx"), "-o", str(tmp_path / "out")])
        err = capsys.readouterr().err
        assert code == 2
        assert (
            "cannot import .xlsx files: they are read by the perfeval-import plugin, which is "
            "not installed" in err
        )
        assert hint in err
        assert not (tmp_path / "out").exists()


def test_a_suffix_no_reader_takes_lists_the_readable_ones(tmp_path):
    with register_plugin(_reader_plugin([])), pytest.raises(InputError) as caught:
        import_file(tmp_path / "x.odt")
    assert "cannot import .odt: no reader takes them" in str(caught.value)
    assert ".fake" in (caught.value.hint or "")


def test_a_reader_is_picked_by_suffix_and_its_evaluations_are_written(tmp_path, capsys):
    calls: list[tuple[str, object]] = []
    source = tmp_path / "two.FAKE"  # suffixes are compared in lower case
    source.write_text("甲项目 乙项目", "utf-8")
    out = tmp_path / "out"
    with register_plugin(_reader_plugin(calls)):
        code = main(
            [
                "import",
                str(source),
                "-o",
                str(out),
                "--framework",
                "cz-2020-10-self",
                "--report",
                str(tmp_path / "report.txt"),
            ]
        )
    assert code == 0
    assert calls == [(str(source), "cz-2020-10-self")]
    written = sorted(p.name for p in out.iterdir())
    assert written == ["乙项目.toml", "甲项目.toml"]
    text = (out / "甲项目.toml").read_text("utf-8")
    assert text.startswith("# Imported by perfeval import from two.FAKE (line 1).\n\n")
    assert load_evaluation(out / "甲项目.toml").spec == _spec("甲项目")
    report = (tmp_path / "report.txt").read_text("utf-8")
    assert "project › name ← line 2  '乙项目'" in report
    assert "[note] line 1: a finding" in report


def test_a_bad_file_is_one_error_and_the_others_are_written(tmp_path, capsys):
    good, bad = tmp_path / "good.fake", tmp_path / "bad.fake"
    good.write_text("甲项目", "utf-8")
    bad.write_text("", "utf-8")
    out = tmp_path / "out"
    with register_plugin(_reader_plugin([])):
        code = main(["import", str(bad), str(good), "-o", str(out), "--json"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.count("perfeval: error:") == 1 and "bad.fake: no project" in captured.err
    assert [p.name for p in out.iterdir()] == ["甲项目.toml"]
    import json

    data = json.loads(captured.out)
    assert data[0]["error"]["message"] == "no project in the file"
    assert data[1]["projects"][0]["output"] == str(out / "甲项目.toml")
    assert data[1]["projects"][0]["traces"] == [
        {"key": ["project", "name"], "location": "line 1", "text": "甲项目"}
    ]


def test_a_reader_that_raises_is_that_file_s_error_naming_its_plugin(tmp_path, capsys):
    """A reader's bug (not an InputError) is one error for that file, no traceback, and the
    other files are written."""
    good, crash = tmp_path / "good.fake", tmp_path / "crash.fake"
    good.write_text("甲项目", "utf-8")
    crash.write_text("崩溃", "utf-8")
    plugin = _reader_plugin([])
    read = plugin.perfeval_register_readers

    @hookimpl
    def perfeval_register_readers(register):
        def wrapped(reader):
            def crashing(path, **kwargs):
                if Path(path).name == "crash.fake":
                    raise KeyError("row 7")
                return reader.read(path, **kwargs)

            register(Reader(reader.name, reader.suffixes, crashing, reader.description))

        read(wrapped)

    out = tmp_path / "out"
    with register_plugin(
        types.SimpleNamespace(perfeval_register_readers=perfeval_register_readers)
    ):
        code = main(["import", str(crash), str(good), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert f"{crash}: reader 'fake' failed: KeyError: 'row 7' (in plugin " in err
    assert [p.name for p in out.iterdir()] == ["甲项目.toml"]


def test_existing_files_are_not_overwritten_without_force(tmp_path, capsys):
    source = tmp_path / "one.fake"
    source.write_text("甲项目", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "甲项目.toml").write_text("kept", "utf-8")
    with register_plugin(_reader_plugin([])):
        assert main(["import", str(source), "-o", str(out)]) == 2
        assert "exists" in capsys.readouterr().err
        assert (out / "甲项目.toml").read_text("utf-8") == "kept"
        assert main(["import", str(source), "-o", str(out), "--force"]) == 0
    assert (out / "甲项目.toml").read_text("utf-8") != "kept"


def test_an_evaluation_that_does_not_load_is_refused_before_anything_is_written(tmp_path):
    def read(path, **_):
        broken = EvaluationSpec(
            framework="cz-2020-10-self",
            project=ProjectSpec(name="甲"),
            indicators=(IndicatorSpec("产出指标", children=(IndicatorSpec("无分值"),)),),
        )
        return ImportResult(str(path), (ImportedEvaluation(broken, location="A1"),))

    @hookimpl
    def perfeval_register_readers(register):
        register(Reader("broken", (".broken",), read))

    plugin = types.SimpleNamespace(perfeval_register_readers=perfeval_register_readers)
    (tmp_path / "x.broken").write_text("", "utf-8")
    with register_plugin(plugin):
        result = import_file(tmp_path / "x.broken")
        with pytest.raises(InputError, match="the evaluation read for '甲' \\(A1\\) does not load"):
            save_imports([result], tmp_path / "out")
        assert main(["import", str(tmp_path / "x.broken"), "-o", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()


def test_two_readers_claiming_one_suffix_are_refused_naming_both(tmp_path):
    plugin = _reader_plugin([])

    @hookimpl
    def perfeval_register_readers(register):
        register(Reader("other", (".fake",), lambda *a, **k: None))

    other = types.SimpleNamespace(perfeval_register_readers=perfeval_register_readers)
    from perfeval_core._plugins.host import build_registry

    registry = build_registry([("first", plugin), ("second", other)], load_entry_points=False)
    assert registry.reader_for("a.fake").name == "fake"
    error = registry.plugins["second"].error or ""
    assert (
        "suffix '.fake' of reader 'other' ('second') is taken by reader 'fake' ('first')" in error
    )


def test_the_report_as_text_and_as_data():
    result = ImportResult(
        "a.fake",
        (
            ImportedEvaluation(
                _spec("甲"),
                location="A1",
                form="cz-2020-10-self",
                form_reason="labels",
                framework_reason="named",
            ),
        ),
        (ImportFinding("sheet 说明 skipped", "说明!A1", "skipped"),),
    )
    outcome = [("a.fake", result, None, [Path("out/甲.toml")])]
    text = report_text(outcome)
    assert "  甲 (A1) → out/甲.toml" in text
    assert "    form cz-2020-10-self: labels" in text
    assert "  [skipped] 说明!A1: sheet 说明 skipped" in text
    assert report_data(outcome)[0]["projects"][0]["framework"] == "cz-2020-10-self"


def test_blank_formats_are_plugins_and_toml_is_built_in(tmp_path, capsys):
    written = []

    def write(framework, stream, ref):
        written.append((framework.id, ref))
        stream.write(b"blank")

    @hookimpl
    def perfeval_register_blanks(register):
        register(BlankWriter("demo", ".demo", write, "a demo blank"))

    plugin = types.SimpleNamespace(perfeval_register_blanks=perfeval_register_blanks)
    with register_plugin(plugin):
        assert main(["new", "--framework", "rugao-2024", "-o", str(tmp_path / "a.demo")]) == 0
        assert (
            main(
                [
                    "new",
                    "--framework",
                    "rugao-2024",
                    "--format",
                    "toml",
                    "-o",
                    str(tmp_path / "b.demo"),
                ]
            )
            == 0
        )
    assert written == [("rugao-2024", "rugao-2024")]
    assert (tmp_path / "a.demo").read_bytes() == b"blank"
    assert (tmp_path / "b.demo").read_text("utf-8").startswith("# A blank evaluation")
    with isolated_registry():
        assert (
            main(
                [
                    "new",
                    "--framework",
                    "rugao-2024",
                    "--format",
                    "xlsx",
                    "-o",
                    str(tmp_path / "c.xlsx"),
                ]
            )
            == 2
        )
    err = capsys.readouterr().err
    assert "unknown blank format 'xlsx': it comes with the perfeval-import plugin" in err
    assert not (tmp_path / "c.xlsx").exists()


def test_the_toml_blank_to_standard_output_is_unchanged(capsys, monkeypatch):
    buffer = io.StringIO()
    monkeypatch.setattr("sys.stdout", buffer)
    assert main(["new", "--framework", "rugao-2024", "-o", "-"]) == 0
    assert buffer.getvalue().startswith("# A blank evaluation for framework rugao-2024")
