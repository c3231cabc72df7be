"""Install the built wheels into a fresh venv and use them as a user would.

``python tools/smoke.py DIST`` creates a venv in a temporary folder, installs every wheel in
DIST (not editable: a file missing from a wheel — a framework, a template, a form — fails here),
then, from a folder outside the checkout, lists the shipped forms, scores, checks and exports the
shipped examples through every exporter and through another form (``--form``), writes a
summary and the html review site (its templates and assets come from the wheel), builds the
plugin of docs/plugins.md's walkthrough from the files printed there and runs its test (on the
sample evaluation the core's wheel ships), and runs the core's own tests in a second venv that
holds the core alone. Exits non-zero on the first failure.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [
    ROOT / "examples" / "rugao-2024" / "02-职业技能评价.toml",
    ROOT / "examples" / "national" / "cz-2020-10-self.toml",
    ROOT / "examples" / "yunnan" / "cz-2020-10-self-yunnan.toml",  # names its own form
]
#: The forms the core wheel must ship (forms/, as frameworks/ is).
FORMS = ("cz-2020-10-self", "cz-2020-10-review", "sichuan-2023", "yunnan-2020", "rugao-2024")


def run(*args: str | Path, cwd: Path) -> str:
    print("+", " ".join(map(str, args)), flush=True)
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        raise SystemExit(f"smoke test failed: exit {done.returncode}")
    return done.stdout


def walkthrough(folder: Path) -> Path:
    """The perfeval-csv plugin of docs/plugins.md, its files written as printed there."""
    doc = (ROOT / "docs" / "plugins.md").read_text("utf-8")

    def block(step: str, lang: str) -> str:
        found = re.search(rf"\n{step}\. .*?```{lang}\n(.*?)```", doc, re.S)
        assert found, f"step {step} of the walkthrough has no {lang} block"
        lines = found.group(1).splitlines()
        return "\n".join(line[3:] if line.startswith("   ") else line for line in lines) + "\n"

    plugin = folder / "perfeval-csv"
    (plugin / "src" / "perfeval_csv").mkdir(parents=True)
    (plugin / "tests").mkdir()
    (plugin / "pyproject.toml").write_text(block("2", "toml"), "utf-8")
    (plugin / "src" / "perfeval_csv" / "__init__.py").write_text(block("3", "python"), "utf-8")
    (plugin / "tests" / "test_csv.py").write_text(block("4", "python"), "utf-8")
    return plugin


def venv(where: Path, *wheels: Path, extra: tuple[str, ...] = ()) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    python = where / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", *wheels, *extra, cwd=where)
    return python


def main(dist: Path) -> None:
    wheels = sorted(dist.resolve().glob("*.whl"))
    core = [w for w in wheels if w.name.startswith("perfeval_core-")]
    if not core or len(wheels) < 2:
        raise SystemExit(f"no wheels in {dist}: run `make dist` first")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        python = venv(work / "all", *wheels)
        perfeval = work / "all" / "bin" / "perfeval"
        out = run(perfeval, "plugins", cwd=work)
        for name in (
            "exporter docx",
            "exporter xlsx",
            "summary xlsx",
            "report html",
            "policy three-grades",
        ):
            assert name in out, f"{name!r} is not registered by the installed wheels:\n{out}"
        run(perfeval, "frameworks", cwd=work)
        forms = run(perfeval, "forms", cwd=work)
        for form in FORMS:
            assert form in forms, f"form {form!r} is not in the installed wheel:\n{forms}"
        run(perfeval, "form", "show", "sichuan-2023", cwd=work)
        (work / "evaluations").mkdir()
        for example in EXAMPLES:
            local = Path("evaluations") / example.name
            shutil.copy(example, work / local)
            run(perfeval, "score", local, cwd=work)
            run(perfeval, "check", local, cwd=work)
            for fmt in ("json", "docx", "xlsx"):
                run(perfeval, "export", local, "--format", fmt, "-o", f"out-{fmt}", cwd=work)
            for fmt in ("docx", "xlsx"):  # laid out on another shipped form
                run(
                    perfeval,
                    "export",
                    local,
                    "--format",
                    fmt,
                    "--form",
                    "sichuan-2023",
                    "-o",
                    f"out-form-{fmt}",
                    cwd=work,
                )
        run(perfeval, "batch", "evaluations", "--summary", "summary.xlsx", cwd=work)
        for folder, n in (
            ("json", 3),
            ("docx", 3),
            ("xlsx", 3),
            ("form-docx", 3),
            ("form-xlsx", 3),
        ):
            written = list((work / f"out-{folder}").glob("*.*"))
            assert len(written) == n, (folder, written)
        assert (work / "summary.xlsx").stat().st_size > 0
        out = run(perfeval, "report", "evaluations", "-o", "site", cwd=work)
        assert "report: site/index.html" in out, out
        pages = sorted(p.name for p in (work / "site" / "projects").glob("*.html"))
        assert len(pages) == len(EXAMPLES) and "职业技能评价.html" in pages, pages
        for asset in ("index.html", "assets/site.css", "assets/site.js"):
            assert (work / "site" / asset).stat().st_size > 0, asset
        page = (work / "site" / "projects" / "职业技能评价.html").read_text("utf-8")
        assert 'lang="zh-CN"' in page and "评分表" in page, page[:200]
        args = ("--export", "docx", "-o", "site-docx", "--report", "linked")
        run(perfeval, "batch", "evaluations", *args, cwd=work)
        page = (work / "linked" / "projects" / "职业技能评价.html").read_text("utf-8")
        assert 'href="../../site-docx/职业技能评价.docx"' in page, (
            "no link to the exported document"
        )
        run(
            python,
            "-c",
            "import perfeval_core, perfeval_docx, perfeval_html, perfeval_xlsx; "
            "print(perfeval_core.__version__)",
            cwd=work,
        )

        # the plugin walkthrough, outside the checkout: its test loads the wheel's sample
        sample = run(
            python,
            "-c",
            "from perfeval_core.testing import sample_path; print(sample_path())",
            cwd=work,
        ).strip()
        assert sample.startswith(str(work / "all")), f"the sample is not in the wheel: {sample}"
        plugin = walkthrough(work)
        run(python, "-m", "pip", "install", "--quiet", plugin, "pytest>=8", cwd=work)
        run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", plugin / "tests", cwd=work)
        assert "exporter csv" in run(perfeval, "plugins", cwd=work)
        run(perfeval, "export", sample, "--format", "csv", "-o", "out-csv", cwd=work)
        assert "总计,,,,,100,99,优" in (work / "out-csv" / "职业技能评价.csv").read_text(
            "utf-8-sig"
        )

        # the core alone: its own tests pass without any plugin installed
        core_python = venv(work / "core", *core, extra=("pytest>=8", "hypothesis>=6.100"))
        shutil.copytree(ROOT / "tests", work / "tests")
        shutil.copytree(ROOT / "examples", work / "examples")
        shutil.copytree(ROOT / "docs", work / "docs")
        for name in ("README.md", "Makefile", "pyproject.toml"):
            shutil.copy(ROOT / name, work / name)
        (work / ".ci").mkdir()
        shutil.copy(ROOT / ".ci" / "run", work / ".ci" / "run")
        shutil.copytree(ROOT / "frameworks", work / "frameworks")
        shutil.copytree(ROOT / "forms", work / "forms")
        shutil.copytree(ROOT / "benchmarks", work / "benchmarks")  # test_plan generates with it
        run(core_python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests", cwd=work)
    print("smoke test passed")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "dist"))
