"""docs/import.md cannot drift: its reader example runs as written, and the forms it lists are
the shipped ones."""

from __future__ import annotations

import csv
import re
import types
from pathlib import Path

import fixtures as F
import python_calamine
from perfeval_core import available_forms, load_evaluation
from perfeval_core._cli import main
from perfeval_core.testing import register_plugin

ROOT = Path(__file__).resolve().parents[3]
DOC = (ROOT / "docs" / "import.md").read_text("utf-8")


def _example() -> str:
    section = DOC[DOC.index("## Adding a reader") :]
    [code] = re.findall(r"```python\n(.*?)```", section, re.DOTALL)[:1]
    return code


def test_the_csv_reader_of_the_docs_imports_a_form_saved_as_csv(folder, tmp_path, capsys):
    namespace: dict[str, object] = {}
    exec(compile(_example(), "docs/import.md", "exec"), namespace)  # noqa: S102 - the docs
    plugin = types.SimpleNamespace(perfeval_register_readers=namespace["perfeval_register_readers"])
    # the national form as a clerk saves it from Excel: 另存为 CSV UTF-8 (merges become blanks)
    workbook = python_calamine.CalamineWorkbook.from_path(str(F.national_xlsx(folder)))
    rows = workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python()
    saved = tmp_path / "自评表.csv"
    with saved.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file).writerows(
            [[str(int(v)) if isinstance(v, float) and v.is_integer() else str(v) for v in row]
             for row in rows]
        )  # fmt: skip
    out = tmp_path / "out"
    with register_plugin(plugin):
        assert main(["import", str(saved), "-o", str(out)]) == 0
        [written] = out.iterdir()
        evaluation = load_evaluation(written)
    assert evaluation.project.name == "职业技能提升培训项目"
    assert evaluation.framework.id == "cz-2020-10-self"
    report = capsys.readouterr().out
    assert "form cz-2020-10-self" in report


def test_a_bad_csv_is_the_example_s_one_error(tmp_path, capsys):
    namespace: dict[str, object] = {}
    exec(compile(_example(), "docs/import.md", "exec"), namespace)  # noqa: S102 - the docs
    plugin = types.SimpleNamespace(perfeval_register_readers=namespace["perfeval_register_readers"])
    bad = tmp_path / "坏.csv"
    bad.write_bytes(b"\xff\xfe\x00broken")
    with register_plugin(plugin):
        assert main(["import", str(bad), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: cannot read the CSV file" in err and "Traceback" not in err


def test_every_shipped_form_is_listed():
    table = DOC[DOC.index("### The forms recognised") : DOC.index("### Onto which framework")]
    listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", table, re.MULTILINE))
    assert listed == set(available_forms())
