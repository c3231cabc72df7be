"""The site as ``perfeval report`` and ``perfeval batch --report`` write it: every project, the
same bytes whatever --jobs is and run after run, links that lead to files that exist."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote

from html_testkit import EXAMPLES, FOLDERS, ROOT, parse

from perfeval_core._cli import main


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_report_writes_a_page_for_each_of_the_16_examples(tmp_path, capsys):
    site = tmp_path / "site"
    assert main(["report", *map(str, FOLDERS), "-o", str(site)]) == 0
    out = capsys.readouterr().out
    assert "16 files: 16 scored, 0 failed" in out and f"report: {site / 'index.html'}" in out
    pages = sorted(p.name for p in (site / "projects").iterdir())
    assert len(pages) == 16 and "职业技能评价.html" in pages and "职业技能提升培训.html" in pages
    assert (site / ".perfeval-report").read_text("utf-8") == "html\n"


def test_the_same_files_give_the_same_site_whatever_jobs_is(tmp_path):
    assert main(["report", *map(str, FOLDERS), "-o", str(tmp_path / "a")]) == 0
    assert main(["report", *map(str, FOLDERS), "-o", str(tmp_path / "b"), "--jobs", "2"]) == 0
    assert main(["report", *map(str, FOLDERS), "-o", str(tmp_path / "a"), "--force"]) == 0
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_every_link_leads_to_a_file_of_the_site_or_an_export(tmp_path):
    site, docs = tmp_path / "out" / "site", tmp_path / "out" / "json"
    args = [
        "batch",
        *map(str, FOLDERS),
        "--export",
        "json",
        "-o",
        str(docs),
        "--report",
        str(site),
    ]
    assert main(args) == 0
    checked = 0
    for page in site.rglob("*.html"):
        doc = parse(page.read_bytes())
        for element in doc.iter():
            for attr in ("href", "src"):
                target = element.attrs.get(attr)
                if not target or target.startswith("#"):
                    continue
                assert "://" not in target and not target.startswith("//"), (page, target)
                path = unquote(target.split("#")[0])
                resolved = (page.parent / path).resolve()
                assert resolved.is_file(), (page, target)
                checked += 1
    assert checked > 16 * 3
    page = parse((site / "projects" / "职业技能评价.html").read_bytes())
    link = page.find("p", class_="exports").find("a")
    assert (
        posixpath.normpath(posixpath.join("projects", unquote(link.attrs["href"])))
        == "../json/职业技能评价.json"
    )


def test_the_plugin_registers_the_html_report(capsys):
    assert main(["plugins"]) == 0
    assert "report html" in capsys.readouterr().out
    assert len(EXAMPLES) == 16


def test_the_report_docs_show_what_the_command_prints(tmp_path, capsys, monkeypatch):
    doc = (ROOT / "docs" / "report.md").read_text("utf-8")
    console = doc.split("```console\n", 1)[1].split("```", 1)[0].splitlines()
    assert console[0] == "$ perfeval report examples -o out/site"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    assert main(["report", "examples", "-o", "out/site"]) == 0
    assert capsys.readouterr().out.splitlines() == console[1:]
    code = doc.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(code, "docs/report.md", "exec"), {})
    assert capsys.readouterr().out.strip() == "out/site/index.html"
