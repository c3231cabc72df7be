"""Bad input, class by class: each gives ONE clear error on stderr — the file, the line and/or
the key path, what is wrong, what to do — exit code 2, no traceback, and nothing written.

Each test writes a broken file next to a valid one (the 如皋 seed's 03 evaluation) and runs the
command line as a user would (``perfeval_core.cli.main``), with stderr captured.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from perfeval_core._cli import main
from perfeval_core._io.reading import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parents[1]
GOOD = (ROOT / "examples" / "rugao-2024" / "03-劳动监察专项业务费.toml").read_text("utf-8")
LEAF = '{ name = "信用文书邮寄完成率", target = "100%", actual = "100%", weight = 6, score = 6 }'
LEAF_PATH = "产出指标 › 数量指标 › 信用文书邮寄完成率"


def leaf(**changes: str) -> str:
    """The seed's leaf row with some keys written otherwise (values as TOML source)."""
    row = LEAF
    for key, value in changes.items():
        if re.search(rf"\b{key} = ", row):
            row = re.sub(rf"\b{key} = (\"[^\"]*\"|[^,}}]+)", f"{key} = {value}", row)
        else:
            row = row[:-2] + f", {key} = {value} }}"
    return GOOD.replace(LEAF, row)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def check_one(
    tmp_path: Path,
    capsys,
    content: str | bytes,
    name: str = "bad.toml",
    env_path: Path | None = None,
) -> tuple[str, Path]:
    """Write ``content`` and run `perfeval check` on it: exit 2, one error, nothing on stdout."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    code, out, err = run(capsys, "check", str(path))
    assert code == 2, (out, err)
    assert out == ""
    assert err.count("perfeval: error:") == 1, err
    return err, path


@pytest.fixture()
def frameworks(tmp_path: Path, monkeypatch) -> Path:
    """A folder on the framework search path for broken frameworks."""
    folder = tmp_path / "frameworks"
    folder.mkdir()
    monkeypatch.setenv("PERFEVAL_FRAMEWORK_PATH", str(folder))
    return folder


# -- TOML and the file itself -----------------------------------------------------------------


def test_malformed_toml_gives_line_and_column(tmp_path, capsys):
    text = GOOD.replace("stated_total = 97", "stated_total = = 97")
    err, path = check_one(tmp_path, capsys, text)
    assert err.startswith(f"perfeval: error: {path}:4: invalid TOML: Invalid value (column 16)")
    assert "hint: see docs/formats.md for the syntax; text needs double quotes" in err


def test_unclosed_string(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, GOOD.replace('unit = "如皋', "unit = 如皋"))
    assert f"{path}:7: invalid TOML:" in err


def test_a_key_written_twice(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, GOOD.replace("year = 2024", "year = 2024\nyear = 2025"))
    assert f"{path}:10: invalid TOML: Cannot overwrite a value (column 12)" in err
    assert "hint: a key or a table is written twice; keep one" in err


def test_not_utf8(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, GOOD.encode("gb18030"))
    assert f"{path}:7: not UTF-8 text (byte 0xc8 at offset" in err
    assert "hint: save the file as UTF-8" in err


def test_a_utf8_byte_order_mark_is_fine(tmp_path, capsys):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert run(capsys, "check", str(path))[0] == 0


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path, capsys):
    path = tmp_path / "huge.toml"
    with open(path, "wb") as f:  # sparse: 4 GiB that would take long to read
        f.truncate(4 * 1024**3)
    code, _, err = run(capsys, "check", str(path))
    assert code == 2
    assert err.startswith(
        f"perfeval: error: {path}: file is 4,294,967,296 bytes, over the limit "
        f"of {MAX_FILE_BYTES:,}"
    )
    assert "hint: split the file" in err


def test_file_just_over_the_limit(tmp_path, capsys):
    err, _path = check_one(tmp_path, capsys, GOOD + "#" * (MAX_FILE_BYTES + 1 - len(GOOD.encode())))
    assert f"over the limit of {MAX_FILE_BYTES:,}" in err


def test_no_such_file_and_a_folder_without_files(tmp_path, capsys):
    code, _, err = run(capsys, "check", str(tmp_path / "nope.toml"))
    assert code == 2
    assert f"{tmp_path / 'nope.toml'}: no such file" in err


def test_nested_too_deep(tmp_path, capsys):
    err, path = check_one(
        tmp_path,
        capsys,
        GOOD.replace("[project]", "x = " + "[" * 5000 + "]" * 5000 + "\n[project]"),
    )
    assert f"{path}: lists or tables nested more than 40 levels deep" in err


# -- keys and types ---------------------------------------------------------------------------


def test_unknown_key_says_did_you_mean(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, leaf(target='"100%", traget = "1"'))
    assert (f"{path}:{line_of(GOOD, LEAF)}: {LEAF_PATH}: unknown key 'traget'") in err
    assert "hint: did you mean 'target'?" in err


def test_unknown_top_level_key(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, GOOD.replace("stated_total", "stated_totl"))
    assert f"{path}:4: unknown key 'stated_totl'\n  hint: did you mean 'stated_total'?" in err


def test_missing_required_key(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, GOOD.replace('name = "劳动监察专项业务费"\n', ""))
    assert f"{path}:6: project › name: required key 'name' is missing" in err


@pytest.mark.parametrize(
    ("changes", "message", "hint"),
    [
        (
            {"weight": '"6"'},
            "weight: expected a number, got the text '6'",
            "write the number without quotes",
        ),
        (
            {"score": "true"},
            "score: expected a number, got the boolean true",
            "write the number without quotes",
        ),
        (
            {"target": "100"},
            "target: expected text in quotes, got the number 100",
            "put text in double quotes",
        ),
        (
            {"rule": "[1]"},
            "rule: expected a rule name or a table with 'kind', got a list",
            'e.g. rule = "正向"',
        ),
        (
            {"drop": '"yes"'},
            "drop: expected true or false, got the text 'yes'",
            "write true or false without quotes",
        ),
    ],
)
def test_wrong_types_name_the_key(tmp_path, capsys, changes, message, hint):
    err, path = check_one(tmp_path, capsys, leaf(**changes))
    assert f"{path}:{line_of(GOOD, LEAF)}: {LEAF_PATH} › {message}" in err
    assert f"hint: {hint}" in err


def test_a_table_where_text_was_expected_and_the_reverse(tmp_path, capsys):
    err, path = check_one(
        tmp_path,
        capsys,
        GOOD.replace(
            '[project]\nunit = "如皋市人力资源和社会保障局"\nname = "劳动监察专项业务费"\nyear = 2024\n'
            'start = "2024-01"\nend = "2024-12"\n',
            'project = "劳动监察"\n',
        ),
    )
    assert "project: expected a table, got the text '劳动监察'" in err
    err, path = check_one(tmp_path, capsys, GOOD.replace("year = 2024", 'year = "2024年"'))
    assert f"{path}:9: project › year: expected a whole number, got the text '2024年'" in err
    assert "hint: write a whole number without quotes, e.g. year = 2024" in err


def test_bad_rule_parameters(tmp_path, capsys):
    err, _ = check_one(tmp_path, capsys, leaf(rule='{ kind = "反向", varient = "linear" }'))
    assert (
        f"{LEAF_PATH} › rule: invalid rule parameters: unknown parameter 'varient' "
        "(did you mean 'variant'?)"
    ) in err
    err, _ = check_one(
        tmp_path, capsys, leaf(rule='{ kind = "bands", bands = [{ min = 90, share = 2 }] }')
    )
    assert "rule: invalid rule parameters: 'share' must be <= 1: 2 @ bands[0]" in err
    err, _ = check_one(tmp_path, capsys, leaf(rule='{ kind = "扣分", per = nan }'))
    assert "rule: invalid rule parameters: expected a finite number, got nan @ per" in err
    err, _ = check_one(tmp_path, capsys, leaf(rule='"zhengxiang"'))
    assert f"{LEAF_PATH} › rule: unknown scoring rule 'zhengxiang'" in err


# -- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message", "hint"),
    [
        (
            {"weight": "-6"},
            "weight: weight must not be negative, got -6",
            "a weight (分值) is the points available: 0 or more",
        ),
        (
            {"score": "-1.5"},
            "score: score must not be negative, got -1.5",
            "write what is left after deductions",
        ),
        (
            {"weight": "nan"},
            "weight: expected a finite number, got nan",
            "nan and inf are not points or amounts",
        ),
        (
            {"score": "inf"},
            "score: expected a finite number, got infinity",
            "nan and inf are not points or amounts",
        ),
        (
            {"score": "-inf"},
            "score: expected a finite number, got -infinity",
            "nan and inf are not points or amounts",
        ),
        (
            {"weight": "1e300"},
            "weight: number 1E+300 is absurdly large (the limit is 1E+15)",
            "check for a typo or a stray exponent",
        ),
        (
            {"weight": "12345678901234567890"},
            "weight: number 12345678901234567890 is absurdly large (the limit is 1E+15)",
            "check for a typo",
        ),
    ],
)
def test_numbers(tmp_path, capsys, changes, message, hint):
    err, path = check_one(tmp_path, capsys, leaf(**changes))
    assert f"{path}:{line_of(GOOD, LEAF)}: {LEAF_PATH} › {message}" in err
    assert "\n  hint: " in err and hint in err


def test_negative_totals_and_budget_figures(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, GOOD.replace("stated_total = 97", "stated_total = -97"))
    assert f"{path}:4: stated_total: stated_total must not be negative, got -97" in err
    err, path = check_one(
        tmp_path,
        capsys,
        GOOD.replace("[project]", "[budget]\nadjusted = 25\nexecuted = -25\n\n[project]"),
    )
    assert f"{path}:8: budget › executed: executed must not be negative, got -25" in err
    assert "hint: budget figures are amounts of money" in err
    err, path = check_one(tmp_path, capsys, GOOD.replace("year = 2024", "year = 99999999999999999"))
    assert "project › year: number 99999999999999999 is absurdly large" in err


# -- text -------------------------------------------------------------------------------------


def test_control_character_written_raw(tmp_path, capsys):
    err, path = check_one(
        tmp_path, capsys, GOOD.replace('劳动监察专项业务费"\n', '劳动监察\x01"\n', 1)
    )
    assert f"{path}:8: invalid TOML: Illegal character" in err
    assert "hint: remove the control character" in err


def test_control_character_written_as_an_escape(tmp_path, capsys):
    err, path = check_one(
        tmp_path,
        capsys,
        GOOD.replace('name = "劳动监察专项业务费"', 'name = "劳动监察\\u0007专项业务费"'),
    )
    assert (
        f"{path}:8: project › name: text contains the control character \\x07 at position 5"
    ) in err
    assert "hint: remove it (tabs and line breaks are allowed" in err


def test_control_character_in_an_indicator_name(tmp_path, capsys):
    err, _path = check_one(
        tmp_path, capsys, GOOD.replace('"信用文书邮寄完成率"', '"信用文书\\u001b邮寄完成率"')
    )
    assert (
        "产出指标 › 数量指标 › 信用文书\\x1b邮寄完成率 › name: text contains the control "
        "character \\x1b" in err
    )


# -- names ------------------------------------------------------------------------------------


def test_duplicate_names_among_siblings(tmp_path, capsys):
    err, path = check_one(
        tmp_path, capsys, GOOD.replace('"上级交办案件结案率"', '"信用文书邮寄完成率"')
    )
    assert (
        f"{path}:{line_of(GOOD, LEAF)}: {LEAF_PATH}: '信用文书邮寄完成率' appears twice under "
        "the same parent"
    ) in err
    assert "hint: give each indicator a unique name among its siblings" in err


def test_a_leaf_that_is_also_a_group(tmp_path, capsys):
    err, _ = check_one(tmp_path, capsys, leaf(children='[{ name = "x", weight = 1 }]'))
    assert f"{LEAF_PATH}: a scored leaf cannot also have children" in err


def test_drop_of_an_indicator_that_is_not_there(tmp_path, capsys):
    err, _ = check_one(tmp_path, capsys, GOOD.replace(LEAF, '{ name = "不存在", drop = true }'))
    assert "产出指标 › 数量指标 › 不存在: drop names an indicator that is not here" in err


def test_an_unknown_code_in_the_files_ignore(tmp_path, capsys):
    err, path = check_one(
        tmp_path, capsys, GOOD.replace("stated_total = 97", 'stated_total = 97\nignore = ["W3O2"]')
    )
    assert f"{path}:5: ignore: 'W3O2' is not a check code, prefix or name" in err
    assert "did you mean 'W302'?" in err


# -- frameworks -------------------------------------------------------------------------------


def test_unknown_framework(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, GOOD.replace('"rugao-2024"', '"rugao-2042"'))
    assert f"{path}:3: framework: unknown framework 'rugao-2042'" in err
    assert "hint: did you mean 'rugao-2024'?" in err


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("../rugao-2024", "'../rugao-2024' is not a framework id"),
        (
            "../../frameworks/rugao-2024.toml",
            "framework path '../../frameworks/rugao-2024.toml' leaves the folder of the file naming it",
        ),
        (
            "/etc/passwd.toml",
            "framework path '/etc/passwd.toml' leaves the folder of the file naming it",
        ),
        ("Rugao-2024", "'Rugao-2024' is not a framework id"),
    ],
)
def test_framework_reference_escaping_the_search_path(tmp_path, capsys, ref, message):
    err, path = check_one(tmp_path, capsys, GOOD.replace('"rugao-2024"', f'"{ref}"'))
    assert f"{path}:3: framework: {message}" in err


def test_framework_symlink_out_of_the_folder(tmp_path, capsys):
    folder = tmp_path / "evals"
    folder.mkdir()
    (folder / "fw.toml").symlink_to(ROOT / "frameworks" / "rugao-2024.toml")
    err, _ = check_one(folder, capsys, GOOD.replace('"rugao-2024"', '"fw.toml"'))
    assert "framework: framework path 'fw.toml' is a link to a file outside the folder" in err


def test_framework_that_extends_itself(tmp_path, capsys, frameworks):
    (frameworks / "loop.toml").write_text('id = "loop"\nextends = "loop"\n', "utf-8")
    err, _ = check_one(tmp_path, capsys, GOOD.replace('"rugao-2024"', '"loop"'))
    assert f"{frameworks / 'loop.toml'}:2: extends: framework extends itself: loop → loop" in err
    assert "hint: remove the cycle of `extends`" in err


def test_framework_cycle(tmp_path, capsys, frameworks):
    (frameworks / "a.toml").write_text('id = "a"\nextends = "b"\n', "utf-8")
    (frameworks / "b.toml").write_text('id = "b"\nextends = "c"\n', "utf-8")
    (frameworks / "c.toml").write_text('id = "c"\nextends = "a"\n', "utf-8")
    err, _ = check_one(tmp_path, capsys, GOOD.replace('"rugao-2024"', '"a"'))
    assert "extends: framework extends itself: a → b → c → a" in err


def test_framework_extends_an_unknown_or_escaping_one(tmp_path, capsys, frameworks):
    (frameworks / "u.toml").write_text('id = "u"\nextends = "nosuch"\n', "utf-8")
    err, _ = check_one(tmp_path, capsys, GOOD.replace('"rugao-2024"', '"u"'))
    assert f"{frameworks / 'u.toml'}: extends: unknown framework 'nosuch'" in err
    (frameworks / "e.toml").write_text('id = "e"\nextends = "../e.toml"\n', "utf-8")
    err, _ = check_one(tmp_path, capsys, GOOD.replace('"rugao-2024"', '"e"'))
    assert "extends: framework path '../e.toml' leaves the folder of the file naming it" in err


def test_broken_framework_files_are_named(tmp_path, capsys, frameworks):
    (frameworks / "gbk.toml").write_bytes('id = "gbk"\ntitle = "如皋"\n'.encode("gbk"))
    err, _ = check_one(tmp_path, capsys, GOOD.replace('"rugao-2024"', '"gbk"'))
    assert f"{frameworks / 'gbk.toml'}:2: not UTF-8 text" in err
    (frameworks / "syn.toml").write_text('id = "syn"\n[[indicators]\n', "utf-8")
    err, _ = check_one(tmp_path, capsys, GOOD.replace('"rugao-2024"', '"syn"'))
    assert f"{frameworks / 'syn.toml'}:2: invalid TOML:" in err
    (frameworks / "neg.toml").write_text(
        'id = "neg"\n[[indicators]]\nname = "a"\nweight = -1\n', "utf-8"
    )
    err, _ = check_one(tmp_path, capsys, GOOD.replace('"rugao-2024"', '"neg"'))
    assert f"{frameworks / 'neg.toml'}:4: a › weight: weight must not be negative, got -1" in err
    (frameworks / "other.toml").write_text('id = "another"\n', "utf-8")
    err, _ = check_one(tmp_path, capsys, GOOD.replace('"rugao-2024"', '"other"'))
    assert "id: id 'another' differs from the file name 'other'" in err


# -- every command, nothing written -----------------------------------------------------------


def test_other_commands_fail_the_same_way_and_write_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(leaf(weight="-6"), "utf-8")
    out = tmp_path / "out"
    for args in (
        ["score", str(bad)],
        ["score", "--json", str(bad)],
        ["export", str(bad), "--format", "json", "-o", str(out)],
    ):
        code, _stdout, err = run(capsys, *args)
        assert code == 2, args
        assert f"{LEAF_PATH} › weight: weight must not be negative, got -6" in err
        assert err.count("perfeval: error:") == 1
    assert not out.exists() or not any(out.iterdir())
    target = tmp_path / "new.toml"
    code, _, err = run(capsys, "new", "--framework", "nosuch", "-o", str(target))
    assert code == 2 and "unknown framework 'nosuch'" in err
    assert not target.exists()
    # with perfeval-import: no such file; without it: the reader's plugin is not installed
    code, _, err = run(capsys, "import-text", str(tmp_path / "gbk.txt"), "-o", str(out))
    assert code == 2 and err.count("perfeval: error:") == 1 and "gbk.txt" in err
    (tmp_path / "gbk.txt").write_bytes("填报单位".encode("gbk"))
    code, _, err = run(capsys, "import", str(tmp_path / "gbk.txt"), "-o", str(out))
    assert code == 2 and err.count("perfeval: error:") == 1 and "gbk.txt" in err
    assert not out.exists() or not any(out.iterdir())
    assert sorted(os.listdir(tmp_path)) == ["bad.toml", "gbk.txt"] + (
        ["out"] if out.exists() else []
    )


def test_a_bad_file_among_good_ones(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(leaf(score="nan"), "utf-8")
    good = ROOT / "examples" / "rugao-2024" / "03-劳动监察专项业务费.toml"
    code, out, err = run(capsys, "check", str(good), str(bad))
    assert code == 2
    assert "劳动监察专项业务费" in out and "1 file checked, 1 not readable" in out
    assert err.count("perfeval: error:") == 1


# -- a clerk's mistakes: messages that point the right way --------------------------------------

FIRST = '{ name = "立项依据充分性", actual = "充分", score = 2 }'
GROUP = 'name = "项目立项"'
TOP = 'name = "决策指标"'


def test_a_misspelt_inherited_leaf_is_not_taken_for_a_new_one(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, GOOD.replace("立项依据充分性", "立项依据充分"))
    assert (
        f"{path}:{line_of(GOOD, FIRST)}: 决策指标 › 项目立项 › 立项依据充分: '立项依据充分' is "
        "not in framework rugao-2024 and has no weight"
    ) in err
    assert "hint: did you mean '立项依据充分性'? To add a new indicator, give it a weight" in err


def test_a_misspelt_inherited_group_is_named(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, GOOD.replace(GROUP, 'name = "项目 立项"'))
    assert (
        f"{path}:{line_of(GOOD, GROUP)}: 决策指标 › 项目 立项: '项目 立项' is "
        "not in framework rugao-2024 and the indicators below it have no weight"
    ) in err
    assert "hint: did you mean '项目立项'? To add a new group" in err


def test_a_name_with_spaces_around_it_is_refused(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, GOOD.replace(GROUP, 'name = "项目立项 "'))
    assert (
        f"{path}:{line_of(GOOD, GROUP)}: 决策指标 › 项目立项 : the name "
        "'项目立项 ' begins or ends with a space"
    ) in err
    assert 'hint: remove it: name = "项目立项"' in err


def test_an_empty_name_is_refused(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, GOOD.replace('"立项依据充分性"', '""'))
    assert (
        f"{path}:{line_of(GOOD, FIRST)}: 决策指标 › 项目立项 › name: an indicator has an empty name"
    ) in err


def test_an_unknown_key_is_reported_before_the_missing_one(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, GOOD.replace("[project]", "[projects]"))
    assert f"{path}:6: unknown key 'projects'\n  hint: did you mean 'project'?" in err


@pytest.mark.parametrize("old", ["[[indicators]]", "[[indicators"])
def test_indicator_instead_of_indicators(tmp_path, capsys, old):
    err, path = check_one(
        tmp_path, capsys, GOOD.replace(old, old.replace("indicators", "indicator"))
    )
    assert (
        f"{path}:{line_of(GOOD, '[[indicators]]')}: unknown key 'indicator'\n"
        "  hint: did you mean 'indicators'?"
    ) in err


@pytest.mark.parametrize("text", ["", "\n\n", '# 评价\n# framework = "rugao-2024"\n'])
def test_an_empty_file(tmp_path, capsys, text):
    err, path = check_one(tmp_path, capsys, text)
    assert f"{path}: the file is empty" in err
    assert 'hint: an evaluation starts with framework = "…"; `perfeval new` writes one' in err


def test_a_framework_given_as_an_evaluation(tmp_path, capsys):
    framework = (ROOT / "frameworks" / "rugao-2024.toml").read_text("utf-8")
    err, path = check_one(tmp_path, capsys, framework)
    assert (
        f"{path}:{line_of(framework, 'id = ')}: this is a framework file (it has `id`), not "
        "an evaluation"
    ) in err
    assert "hint: use `perfeval framework check FILE`, or name it in an evaluation" in err


def test_an_unclosed_string(tmp_path, capsys):
    err, path = check_one(
        tmp_path, capsys, GOOD.replace('"如皋市人力资源和社会保障局"', '"示例单位')
    )
    assert f"{path}:7: invalid TOML: Illegal character '\\n' (column 13)" in err
    assert 'hint: a string is not closed on this line: add the closing "' in err


@pytest.mark.parametrize(
    ("old", "new", "message", "hint"),
    [
        (
            'start = "2024-01"',
            'start = "2024/01"',
            "project › start: '2024/01' is not a month written YYYY-MM",
            'e.g. start = "2024-01"',
        ),
        (
            'start = "2024-01"',
            'start = "2024-1"',
            "project › start: '2024-1' is not a month",
            'e.g. start = "2024-01"',
        ),
        (
            'end = "2024-12"',
            'end = "2024-13"',
            "project › end: '2024-13' is not a month",
            'e.g. end = "2024-12"',
        ),
        (
            "year = 2024",
            "year = 224",
            "project › year: 224 is not a year between 1949 and 2100",
            "e.g. year = 2024",
        ),
        (
            'form = "情况表"',
            'form = "情况"',
            "narrative › form: unknown form '情况'",
            'form = "情况表" (the five-section table) or form = "自评报告"',
        ),
    ],
)
def test_documented_formats(tmp_path, capsys, old, new, message, hint):
    err, path = check_one(tmp_path, capsys, GOOD.replace(old, new))
    assert f"{path}:{line_of(GOOD, old)}: {message}" in err
    assert "hint: " in err and hint in err


def test_blank_project_facts_are_allowed(tmp_path, capsys):
    path = tmp_path / "blank.toml"
    path.write_text(
        GOOD.replace('"2024-01"', '""')
        .replace('"2024-12"', '""')
        .replace('"如皋市人力资源和社会保障局"', '""'),
        "utf-8",
    )
    assert run(capsys, "check", str(path))[0] != 2


def test_a_rule_parameter_of_the_wrong_type_is_not_converted(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, leaf(rule='{ kind = "是否", expected = 1 }'))
    assert (
        f"{path}:{line_of(GOOD, LEAF)}: {LEAF_PATH} › rule: invalid rule parameters: "
        "expected text in quotes, got the number 1 @ expected"
    ) in err
    assert 'hint: put text in double quotes, e.g. expected = "是"' in err


def test_an_unknown_chinese_rule_name_gets_a_suggestion(tmp_path, capsys):
    err, _ = check_one(tmp_path, capsys, leaf(rule='"反响"'))
    assert f"{LEAF_PATH} › rule: unknown scoring rule '反响'\n  hint: did you mean '反向'?" in err


def test_the_hint_for_a_wrong_type_fits_the_key(tmp_path, capsys):
    err, path = check_one(tmp_path, capsys, GOOD.replace('start = "2024-01"', "start = 2024-01-01"))
    assert (
        f"{path}:10: project › start: expected text in quotes, got the date 2024-01-01 "
        "written without quotes"
    ) in err
    assert 'hint: put text in double quotes, e.g. start = "2024-01"' in err
    err, path = check_one(
        tmp_path, capsys, GOOD.replace("[project]", '[budget]\nexecuted = "3万"\n\n[project]')
    )
    assert f"{path}:7: budget › executed: expected a number, got the text '3万'" in err
    assert (
        "hint: write the number without quotes, e.g. executed = 25 (figures in budget.unit" in err
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16(tmp_path, capsys, encoding):
    content = ("\ufeff" if encoding == "utf-16-be" else "") + GOOD
    err, path = check_one(tmp_path, capsys, content.encode(encoding))
    assert f"{path}: the file is UTF-16 text, not UTF-8\n  hint: save it as UTF-8" in err


def test_an_empty_top_level_name_points_at_the_indicators(tmp_path, capsys):
    # the project's name is empty too (a blank from `perfeval new`): the line is the indicator's
    text = GOOD.replace(TOP, 'name = ""').replace('"劳动监察专项业务费"', '""')
    err, path = check_one(tmp_path, capsys, text)
    assert f"{path}:{line_of(GOOD, TOP)}: indicators › name: an indicator has an empty name" in err
