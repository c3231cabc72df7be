"""Entry points read from the .dist-info folders give what importlib.metadata gives."""

from __future__ import annotations

import sys
from importlib.metadata import distributions
from importlib.metadata import entry_points as metadata_entry_points

from perfeval_core._plugins import entrypoints
from perfeval_core._plugins.entrypoints import EntryPoint, entry_points


def _groups() -> set[str]:
    return {ep.group for dist in distributions() for ep in dist.entry_points}


def test_every_group_of_this_environment_reads_the_same():
    groups = _groups()
    assert "console_scripts" in groups  # perfeval's own; "perfeval" too where plugins are
    for group in groups:
        ours = sorted((ep.name, ep.value, ep.version) for ep in entry_points(group))
        theirs = sorted(
            (ep.name, ep.value, ep.dist.version if ep.dist else "")
            for ep in metadata_entry_points(group=group)
        )
        assert ours == theirs, group
    assert entrypoints._scan("perfeval") is not None  # read without importlib.metadata


def test_a_plugin_loads_as_its_entry_point_says():
    import json

    assert EntryPoint("j", "json", "0").load() is json
    assert EntryPoint("j", "json:dumps", "0").load() is json.dumps
    assert EntryPoint("j", "json.decoder:JSONDecoder.decode", "0").load() is (
        json.decoder.JSONDecoder.decode
    )
    assert EntryPoint("j", "json:dumps [extra]", "0").load() is json.dumps


def test_a_zip_on_the_path_is_left_to_importlib_metadata(tmp_path, monkeypatch):
    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip
    monkeypatch.setattr(sys, "path", [*sys.path, str(archive)])
    assert entrypoints._scan("perfeval") is None
    assert sorted(ep.name for ep in entry_points("perfeval")) == sorted(
        ep.name for ep in metadata_entry_points(group="perfeval")
    )
    assert entry_points("console_scripts")  # read, not an empty answer


def test_an_egg_info_with_entry_points_is_left_to_importlib_metadata(tmp_path, monkeypatch):
    egg = tmp_path / "old_plugin.egg-info"
    egg.mkdir()
    (egg / "entry_points.txt").write_text("[perfeval]\nold = old_plugin\n", "utf-8")
    (egg / "PKG-INFO").write_text("Metadata-Version: 1.1\nName: old-plugin\nVersion: 1\n", "utf-8")
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    assert entrypoints._scan("perfeval") is None
    assert "old" in {ep.name for ep in entry_points("perfeval")}
