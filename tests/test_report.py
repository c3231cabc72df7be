"""Reports (``perfeval_register_reports``, ``perfeval report``, ``batch --report``): pages where
projects are scored, finished with their links, the index from the roll-up, the folder replaced
as a whole. A small report plugin of this file stands in for perfeval-html (the core's tests run
without it)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from perfeval_core import (
    ExportError,
    InputError,
    Report,
    hookimpl,
    load_evaluation,
    run_batch,
    run_checks,
    score,
)
from perfeval_core._cli import main
from perfeval_core._io.folders import MARKER, StagedFolder
from perfeval_core.testing import register_plugin

ROOT = Path(__file__).resolve().parents[1]
RUGAO = ROOT / "examples" / "rugao-2024"
EXAMPLES = sorted(RUGAO.glob("*.toml"))
LINK = b"<link>"


def _page(card, findings):
    codes = ",".join(f.code for f in findings)
    return f"{card.evaluation.project.name}|{card.total}|{codes}|".encode() + LINK


def _finish(page, links):
    return page.replace(LINK, f"{links.page}|{links.export or '-'}".encode())


def _index(result, folder):
    lines = [f"{r.project}|{r.page}|{' '.join(r.codes)}" for r in result.rows]
    lines += [f"failed|{Path(f.file).name}" for f in result.failures]
    folder.write("index.txt", "\n".join(lines).encode())
    folder.write("sub/folder/deep.txt", folder.relative(folder.path / "x").encode())
    return "index.txt"


class _Plugin:
    def __init__(self, **overrides):
        self.report = Report("fake", ".txt", _page, _index, _finish, "for tests")
        if overrides:
            import attrs

            self.report = attrs.evolve(self.report, **overrides)

    @hookimpl
    def perfeval_register_reports(self, register):
        register(self.report)


@pytest.fixture
def fake():
    with register_plugin(_Plugin(), "fake") as registry:
        yield registry


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".perfeval-"))


def test_a_report_has_a_page_per_project_and_an_index(tmp_path, fake):
    site = tmp_path / "site"
    result = run_batch([RUGAO], report="fake", report_dir=site)
    assert result.report == site / "index.txt"
    assert not _leftovers(tmp_path)
    files = _tree(site)
    assert files[MARKER] == b"fake\n"
    cards = [score(load_evaluation(p)) for p in EXAMPLES]
    for card, row in zip(cards, result.rows, strict=True):
        name = card.evaluation.project.name
        codes = [f.code for f in run_checks(card)]
        assert row.page == f"projects/{name}.txt"
        assert row.codes == tuple(codes)
        assert files[row.page] == (
            f"{name}|{card.total}|{','.join(codes)}|projects/{name}.txt|-".encode()
        )
    index = files["index.txt"].decode().splitlines()
    assert index[1] == f"职业技能评价|projects/职业技能评价.txt|{' '.join(result.rows[1].codes)}"
    assert files["sub/folder/deep.txt"] == b"x"


def test_the_report_does_not_depend_on_jobs(tmp_path, fake):
    run_batch([RUGAO], report="fake", report_dir=tmp_path / "one")
    run_batch([RUGAO], report="fake", report_dir=tmp_path / "two", jobs=2)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_pages_link_to_the_exported_documents(tmp_path, fake):
    result = run_batch(
        [EXAMPLES[1]],
        export_format="json",
        out_dir=tmp_path / "out" / "json",
        report="fake",
        report_dir=tmp_path / "out" / "site",
    )
    [row] = result.rows
    page = (tmp_path / "out" / "site" / row.page).read_bytes()
    # relative to the report folder, as PageLinks promises
    assert page.decode().endswith("|projects/职业技能评价.txt|../json/职业技能评价.json")


def test_pages_of_projects_with_one_name_get_names_of_their_own(tmp_path, fake):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES[1], folder / "a.toml")
    shutil.copy(EXAMPLES[1], folder / "b.toml")
    result = run_batch([folder], report="fake", report_dir=tmp_path / "site")
    assert [r.page for r in result.rows] == [
        "projects/职业技能评价.txt",
        "projects/职业技能评价-2.txt",
    ]


def test_an_existing_report_is_replaced_only_with_force(tmp_path, fake):
    site = tmp_path / "site"
    run_batch([EXAMPLES[0]], report="fake", report_dir=site)
    before = _tree(site)
    with pytest.raises(ExportError, match="use --force"):
        run_batch([EXAMPLES[1]], report="fake", report_dir=site)
    assert _tree(site) == before
    run_batch([EXAMPLES[1]], report="fake", report_dir=site, force=True)
    assert list(_tree(site)) == [
        MARKER,
        "index.txt",
        "projects/职业技能评价.txt",
        "sub/folder/deep.txt",
    ]
    assert not _leftovers(tmp_path)


def test_a_folder_perfeval_did_not_write_is_never_replaced(tmp_path, fake):
    site = tmp_path / "Documents"
    site.mkdir()
    (site / "thesis.docx").write_bytes(b"mine")
    with pytest.raises(ExportError, match="holds files perfeval did not write"):
        run_batch([EXAMPLES[0]], report="fake", report_dir=site, force=True)
    assert _tree(site) == {"thesis.docx": b"mine"}
    assert not _leftovers(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    run_batch([EXAMPLES[0]], report="fake", report_dir=empty)
    assert (empty / "index.txt").exists()


def test_a_file_in_the_way_is_an_error(tmp_path, fake):
    (tmp_path / "site").write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="is a file, not a folder"):
        run_batch([EXAMPLES[0]], report="fake", report_dir=tmp_path / "site")


def test_an_index_that_fails_leaves_the_previous_report(tmp_path):
    site = tmp_path / "site"
    with register_plugin(_Plugin(), "fake"):
        run_batch([EXAMPLES[0]], report="fake", report_dir=site)
    before = _tree(site)

    def broken(result, folder):
        folder.write("index.txt", b"half")
        raise RuntimeError("boom")

    with register_plugin(_Plugin(index=broken), "fake"):
        result = run_batch([EXAMPLES[1]], report="fake", report_dir=site, force=True)
    assert result.report is None
    [failure] = result.failures
    assert failure.file == str(site)
    assert "index failed: RuntimeError: boom" in failure.message
    assert result.exit_code == 2
    assert _tree(site) == before
    assert not _leftovers(tmp_path)


def test_a_page_that_fails_is_a_failure_of_its_file_only(tmp_path):
    def page(card, findings):
        if card.evaluation.project.name == "职业技能评价":
            raise ValueError("cannot draw")
        return _page(card, findings)

    with register_plugin(_Plugin(page=page), "fake"):
        result = run_batch(EXAMPLES[:3], report="fake", report_dir=tmp_path / "site")
    [failure] = result.failures
    assert Path(failure.file).name == EXAMPLES[1].name
    assert "report page failed: ValueError: cannot draw" in failure.message
    assert [r.page is None for r in result.rows] == [False, True, False]
    index = (tmp_path / "site" / "index.txt").read_text("utf-8").splitlines()
    assert index[1].startswith("职业技能评价|None|")


def test_an_interrupted_batch_leaves_nothing_behind(tmp_path, fake):
    site = tmp_path / "site"
    run_batch([EXAMPLES[0]], report="fake", report_dir=site)
    before = _tree(site)

    def progress(done, total):
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(EXAMPLES, report="fake", report_dir=site, force=True, progress=progress)
    assert _tree(site) == before
    assert not _leftovers(tmp_path)


def test_a_file_that_cannot_be_written_fails_the_report_as_a_whole(tmp_path):
    def index(result, folder):
        folder.write("projects", b"a file where the pages' folder is")
        return "index.txt"

    with register_plugin(_Plugin(index=index), "fake"):
        result = run_batch(EXAMPLES[:2], report="fake", report_dir=tmp_path / "site")
    [failure] = result.failures
    assert "cannot write" in failure.message and "projects" in failure.message
    assert not (tmp_path / "site").exists()
    assert not _leftovers(tmp_path)


@pytest.mark.parametrize("name", ["", "/abs", "a/../b", "./a", "a//b"])
def test_a_report_file_name_must_stay_inside_the_folder(tmp_path, name):
    staged = StagedFolder(tmp_path / "site", "x", overwrite=False)
    try:
        with pytest.raises(ExportError, match="may not be called"):
            staged.write(name, b"")
    finally:
        staged.discard()
    assert not _leftovers(tmp_path)


def test_a_finished_folder_has_the_usual_permissions(tmp_path):
    staged = StagedFolder(tmp_path / "site", "x", overwrite=False)
    staged.write("a/b.txt", b"b")
    staged.commit()
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o777 & ~mask
    assert (tmp_path / "site" / "a" / "b.txt").read_bytes() == b"b"


def test_no_report_format_installed_says_which_plugin_to_install(tmp_path, capsys):
    assert main(["report", str(RUGAO), "-o", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert "no report format is installed" in err and "pip install perfeval-html" in err
    assert not (tmp_path / "site").exists()
    with pytest.raises(InputError, match="a report needs an output folder"):
        run_batch([RUGAO], report="html")


def test_perfeval_report_exits_0_with_findings_and_2_when_a_file_fails(tmp_path, fake, capsys):
    text = EXAMPLES[0].read_text("utf-8").replace("stated_total = 98", "stated_total = 97")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "wrong-total.toml").write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    assert main(["report", str(tmp_path / "in"), "-o", str(site), "-f", "fake"]) == 0
    out = capsys.readouterr().out
    assert "1 file: 1 scored, 0 failed" in out
    assert f"report: {site / 'index.txt'}" in out
    assert "E104" in (site / "index.txt").read_text("utf-8")
    (tmp_path / "in" / "broken.toml").write_text("framework = \n", encoding="utf-8")
    assert main(["report", str(tmp_path / "in"), "-o", str(site), "-f", "fake", "--force"]) == 2
    assert "broken.toml" in capsys.readouterr().err
    assert "failed|broken.toml" in (site / "index.txt").read_text("utf-8")


def test_batch_writes_the_report_beside_the_summary_and_the_exports(tmp_path, fake, capsys):
    args = ["batch", str(RUGAO), "--summary", str(tmp_path / "s.json")]
    args += ["--export", "json", "-o", str(tmp_path / "json")]
    args += ["--report", str(tmp_path / "site"), "--report-format", "fake"]
    assert main([*args, "--jobs", "2"]) == 0
    out = capsys.readouterr().out
    assert f"report: {tmp_path / 'site' / 'index.txt'}" in out
    page = (tmp_path / "site" / "projects" / "职业技能评价.txt").read_text("utf-8")
    assert page.endswith("|../json/职业技能评价.json")
    assert (
        main(["batch", str(RUGAO), "--report", str(tmp_path / "site"), "--report-format", "nope"])
        == 2
    )
    assert "unknown report format 'nope'" in capsys.readouterr().err


def test_rows_with_the_same_findings_share_one_tuple_of_codes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        shutil.copy(EXAMPLES[3], folder / f"{name}.toml")
    rows = run_batch([folder]).rows
    assert rows[0].codes and rows[0].codes is rows[1].codes is rows[2].codes


def test_exports_inside_the_report_folder_are_refused(tmp_path, fake):
    # the report's folder is replaced as a whole: documents written inside it would be lost
    for out in (tmp_path / "site", tmp_path / "site" / "docx"):
        with pytest.raises(InputError, match="cannot go inside the report's folder"):
            run_batch(
                [EXAMPLES[0]],
                export_format="json",
                out_dir=out,
                report="fake",
                report_dir=tmp_path / "site",
            )
    assert not (tmp_path / "site").exists()
    result = run_batch(
        [EXAMPLES[0]],
        export_format="json",
        out_dir=tmp_path / "out",
        report="fake",
        report_dir=tmp_path / "out" / "site",
    )
    assert result.report is not None and Path(result.rows[0].export).exists()
