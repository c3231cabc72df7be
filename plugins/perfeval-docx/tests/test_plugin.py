"""The exporter as a plugin: found through the entry point, through register_plugin, used by
perfeval_core.exporting.export, and cheap to load."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import docx
import pytest
from docx_testkit import ROOT

import perfeval_docx
from perfeval_core import export
from perfeval_core._io.files import safe_stem
from perfeval_core._plugins.host import build_registry
from perfeval_core.testing import isolated_registry, register_plugin


def test_found_through_the_installed_entry_point():
    registry = build_registry()
    exporter = registry.exporter("docx")
    assert exporter.name == "docx" and exporter.suffix == ".docx"
    assert exporter.write is perfeval_docx.write
    assert exporter.description
    assert registry.owners[("exporter", "docx")] == "docx"
    assert not registry.plugins["docx"].error


def test_registered_by_register_plugin(cards, tmp_path):
    with register_plugin(perfeval_docx) as registry:
        assert registry.exporter("docx").write is perfeval_docx.write
        written = export([cards["01"]], "docx", tmp_path)
    assert [p.name for p in written] == ["新录用事业人员培训及事业人员嘉奖证书.docx"]


def test_absent_without_the_plugin():
    with isolated_registry() as registry:
        assert "docx" not in registry.exporters


@pytest.mark.parametrize("how", ["entry point", "register_plugin"])
def test_export_writes_thirteen_files_named_after_the_projects(cards, documents, tmp_path, how):
    registry = (
        isolated_registry(entry_points=True)
        if how == "entry point"
        else register_plugin(perfeval_docx)
    )
    with registry:
        written = export(list(cards.values()), "docx", tmp_path)
    assert len(written) == 13
    assert [p.name for p in written] == [
        safe_stem(c.evaluation.project.name) + ".docx" for c in cards.values()
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    for path, (number, card) in zip(written, cards.items(), strict=True):
        data = path.read_bytes()
        assert data == documents[number]
        assert zipfile.is_zipfile(io.BytesIO(data))
        assert docx.Document(io.BytesIO(data)).core_properties.title == card.evaluation.project.name


def test_loading_the_plugin_does_not_import_python_docx():
    code = (
        "import sys, perfeval_docx; from perfeval_core._plugins.host import build_registry; "
        "build_registry().exporter('docx'); "
        "assert 'docx' not in sys.modules, 'docx imported'; print('ok')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
