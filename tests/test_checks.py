"""The reviewer's checks: one clean evaluation, then one change per code that must be found —
and only that code (the scoring checks report one finding per leaf, by precedence).

The pinned JSON of the seed review lives in tests/data/check-rugao-2024.json. It is never
rewritten by the tests; when a check changes on purpose, regenerate it from the repository root
and review the diff before committing::

    .venv/bin/perfeval check --json examples/rugao-2024/*.toml > tests/data/check-rugao-2024.json
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from perfeval_core import (
    InputError,
    Severity,
    get_registry,
    has_errors,
    loads_evaluation,
    review,
    run_checks,
    score,
)
from perfeval_core._checks.facts import REQUIRED_LEVEL1
from perfeval_core._checks.narrative import table_counts
from perfeval_core._cli import main

ROOT = Path(__file__).resolve().parents[1]
CHECKS = list(get_registry().checks.values())
SEED = sorted((ROOT / "examples" / "rugao-2024").glob("*.toml"))
PINNED = ROOT / "tests" / "data" / "check-rugao-2024.json"

FRAMEWORK = """\
id = "t"
total = 100

[[indicators]]
name = "产出指标"
children = []

[[indicators]]
name = "效益指标"
children = []

[[indicators]]
name = "满意度指标"

[[indicators.children]]
name = "满意度"
children = [
  { name = "服务对象满意度", target = "≥95%", weight = 10 },
]
"""

# 产出 40 + 效益 50 + 满意度 10 = 100; every leaf met and scored in full.
CLEAN = """\
framework = "t.toml"
stated_total = 100

[project]
unit = "示例单位"
name = "示例项目"
year = 2024

[narrative]
form = "情况表"

[[narrative.sections]]
heading = "二、评价情况"
text = "设置了一级指标3个、二级指标3个、三级指标5个。项目综合得分100分，自我评价等级为优。"

[[indicators]]
name = "产出指标"

[[indicators.children]]
name = "数量指标"
children = [
  { name = "培训人次", target = "≥300人次", actual = "330人次", weight = 20, score = 20 },
  { name = "支出金额", target = "≤90万元", actual = "85万元", weight = 20, score = 20 },
]

[[indicators]]
name = "效益指标"

[[indicators.children]]
name = "社会效益指标"
children = [
  { name = "群众知晓", target = "是", actual = "是", weight = 30, score = 30 },
  { name = "效果", target = "达成年度指标", actual = "达成年度指标", weight = 20, score = 20 },
]

[[indicators]]
name = "满意度指标"

[[indicators.children]]
name = "满意度"
children = [
  { name = "服务对象满意度", actual = "98%", score = 10 },
]
"""


# t with every review rule of docs/checks.md on (the 6xx examples name it)
REVIEW_FRAMEWORK = """\
id = "t-review"
extends = "t.toml"

[review]
reason_below = 90
reason_max_chars = 100
flag_at = 120
flag_off_target = true
cost_cap = 5
"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "t.toml").write_text(FRAMEWORK, "utf-8")
    (tmp_path / "t-review.toml").write_text(REVIEW_FRAMEWORK, "utf-8")
    return tmp_path


def test_the_documented_frameworks_are_the_tests():
    docs = (ROOT / "docs" / "checks.md").read_text("utf-8")
    assert f"```toml\n{FRAMEWORK}```" in docs
    assert f"```toml\n{REVIEW_FRAMEWORK}```" in docs


def card_of(text: str, folder: Path):
    return score(loads_evaluation(text, file="t-eval.toml", base_dir=folder))


def codes(text: str, folder: Path, **kw) -> list[str]:
    return [f.code for f in run_checks(card_of(text, folder), **kw)]


def edit(old: str, new: str, text: str = CLEAN) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# -- the registry -----------------------------------------------------------------------------


def test_codes_are_unique_stable_and_documented():
    all_codes = [c.code for c in CHECKS]
    assert len(set(all_codes)) == len(all_codes)
    assert len({c.name for c in CHECKS}) == len(CHECKS)
    assert len({c.label for c in CHECKS}) == len(CHECKS)  # a reviewer tells them apart
    for c in CHECKS:
        assert re.fullmatch(r"[\u4e00-\u9fff0-9]{4,14}", c.label), f"{c.code}: {c.label!r}"
        assert c.code[0] == {"error": "E", "warning": "W", "info": "I"}[c.severity]
    docs = (ROOT / "docs" / "checks.md").read_text("utf-8")
    for c in CHECKS:
        assert f"## {c.code} " in docs, f"{c.code} has no section in docs/checks.md"
        assert f"| {c.code} | `{c.name}` | {c.label} |" in docs, (
            f"{c.code} is missing from the table in docs/checks.md, or its name or label differs"
        )
    assert set(all_codes) >= {
        "E101",
        "E102",
        "E103",
        "E104",
        "E105",
        "E106",
        "E107",
        "E201",
        "W202",
        "W203",
        "W301",
        "W302",
        "W303",
        "W304",
        "W305",
        "W401",
        "W402",
        "W403",
        "W404",
        "I405",
        "I406",
        "W501",
        "E502",
        "E503",
        "W407",
        "I408",
        "W601",
        "W602",
        "I603",
        "E604",
    }


def test_the_clean_evaluation_has_no_findings(folder):
    assert codes(CLEAN, folder) == []
    assert table_counts(card_of(CLEAN, folder)) == {1: 3, 2: 3, 3: 5}


def test_every_documented_example_gives_its_message(folder):
    """docs/checks.md: each section's TOML example, loaded on the `t` framework, gives the
    code of the section and the message quoted after it."""
    docs = (ROOT / "docs" / "checks.md").read_text("utf-8")
    sections = docs.split("\n## ")[1:]
    seen = set()
    for section in sections:
        code = section.split()[0]
        if not code[1:].isdigit():
            continue
        example = section.split("```toml\n")[1].split("```")[0]
        message = section.split("```text\n")[1].split("```")[0].strip()
        text = apply_example(example)
        findings = run_checks(card_of(text, folder))
        shown = [str(f) for f in findings]
        assert message in shown, f"{code}: {message!r} not in {shown}"
        seen.add(code)
    assert seen == {c.code for c in CHECKS}


def apply_example(example: str, base: str = CLEAN) -> str:
    """An example of docs/checks.md applied to the example evaluation (the rules are stated at
    the top of checks.md): a whole file when it starts with ``framework``; else a leaf row
    replaces the row of the same name, ``key = value`` the first line with that key (or is
    added after ``framework``), ``# replaces: OLD`` puts the lines that follow in place of the
    line OLD, and a block from ``[[indicators]]`` on is appended."""
    if example.lstrip().startswith("framework"):
        return example
    lines, text, i = example.splitlines(), base, 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("# replaces: "):
            old, new = line[len("# replaces: ") :].strip(), []
            i += 1
            while i < len(lines) and not lines[i].startswith("# replaces: "):
                new.append(lines[i])
                i += 1
            text = _replace_line(text, lambda x, old=old: x.strip() == old, new)
            continue
        if line.startswith("[["):
            return text.rstrip("\n") + "\n\n" + "\n".join(lines[i:]) + "\n"
        if line.lstrip().startswith("{ name = "):
            head = line.strip().split(",")[0]
            text = _replace_line(
                text, lambda x, head=head: x.strip().startswith(head + ","), ["  " + line.strip()]
            )
        elif re.match(r"[a-z_]+ = ", line):
            key = line.split(" = ")[0] + " = "
            if any(x.startswith(key) for x in text.splitlines()):
                text = _replace_line(text, lambda x, key=key: x.startswith(key), [line])
            else:
                text = _replace_line(
                    text, lambda x: x.startswith("framework = "), [text.splitlines()[0], line]
                )
        i += 1
    return text


def _replace_line(text: str, match, new: list[str]) -> str:
    lines = text.splitlines()
    [at] = [n for n, x in enumerate(lines) if match(x)][:1] or [None]
    assert at is not None, f"no line to replace for {new}"
    return "\n".join(lines[:at] + new + lines[at + 1 :]) + "\n"


# -- arithmetic -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ('name = "效益指标"\n', 'name = "效益指标"\nweight = 40\n', "E101"),
        (
            'actual = "是", weight = 30, score = 30 }',
            'actual = "是", weight = 32, score = 32 }',
            "E102",
        ),
        ("weight = 30, score = 30 }", "weight = 30, score = 31 }", "E103"),
        ("stated_total = 100", "stated_total = 99", "E104"),
        ('actual = "是", weight = 30, score = 30 }', 'actual = "", weight = 30 }', "E105"),
        (
            'actual = "达成年度指标", weight = 20, score = 20 }',
            'actual = "部分达成", weight = 20, score = 18 }',
            "E106",
        ),
        (
            'name = "满意度"\nchildren = [\n',
            (
                'name = "空"\nchildren = []\n\n'
                '[[indicators.children]]\nname = "满意度"\nchildren = [\n'
            ),
            "E107",
        ),
    ],
)
def test_arithmetic(folder, old, new, code):
    found = codes(edit(old, new), folder)
    assert code in found, found
    assert not [c for c in found if c.startswith("W3")], found  # no scoring warning on top


def test_a_score_in_error_gets_no_scoring_warning(folder):
    # 31 of 30: out of range (E103), and no W30x on top; the total is off too (E104)
    assert codes(
        edit("weight = 30, score = 30 }", "weight = 30, score = 31 }"), folder, select=["E1", "W3"]
    ) == ["E104", "E103"]
    # 部分达成 scored 18 of 20: outside 12–<16 (E106) and nothing else on that leaf
    text = edit(
        'actual = "达成年度指标", weight = 20, score = 20 }',
        'actual = "部分达成", weight = 20, score = 18 }',
    )
    assert [
        (f.code, f.path[-1]) for f in run_checks(card_of(text, folder), select=["E106", "W3"])
    ] == [("E106", "效果")]


def test_missing_facts(folder):
    text = edit('unit = "示例单位"\n', "").replace('name = "示例项目"', 'name = " "')
    assert codes(text, folder) == ["E201", "E201"]


# -- scoring: one finding per leaf, by precedence ---------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # met (是 = 是), 29 of 30, no basis → W302 only
        (
            'actual = "是", weight = 30, score = 30 }',
            'actual = "是", weight = 30, score = 29 }',
            ["W302"],
        ),
        # the same with a basis: explained, nothing to say
        (
            'actual = "是", weight = 30, score = 30 }',
            'actual = "是", weight = 30, score = 29, basis = "宣传覆盖面不足，扣1分" }',
            [],
        ),
        # a placeholder basis explains nothing
        (
            'actual = "是", weight = 30, score = 30 }',
            'actual = "是", weight = 30, score = 29, basis = "/" }',
            ["W302"],
        ),
        # missed (否 against 是), full points → W303
        (
            'actual = "是", weight = 30, score = 30 }',
            'actual = "否", weight = 30, score = 30 }',
            ["W303"],
        ),
        # 正向 270 of ≥300: the rule gives 18, the record says 15 → W305 (not W301)
        (
            'actual = "330人次", weight = 20, score = 20 }',
            'actual = "270人次", weight = 20, score = 15 }',
            ["W305"],
        ),
        # the rule's own partial score: still a deduction nobody explained (偏差原因) → W301
        (
            'actual = "330人次", weight = 20, score = 20 }',
            'actual = "270人次", weight = 20, score = 18 }',
            ["W301"],
        ),
        # … which a basis answers
        (
            'actual = "330人次", weight = 20, score = 20 }',
            'actual = "270人次", weight = 20, score = 18, basis = "两期培训因疫情取消" }',
            [],
        ),
        # a manual leaf with a deduction and no basis → W301
        (
            'actual = "是", weight = 30, score = 30 }',
            'actual = "是", weight = 30, score = 25, rule = "手工" }',
            ["W301"],
        ),
        # 序时 against 100%: the rule cannot score; a deduction without basis → W301 (and W401)
        ('actual = "98%", score = 10 }', 'actual = "序时", score = 9 }', ["W301", "W401"]),
    ],
)
def test_scoring_precedence(folder, old, new, expected):
    text = edit(old, new).replace("stated_total = 100\n", "")
    text = text.replace("项目综合得分100分，", "")
    assert sorted(c for c in codes(text, folder) if c[0] in "WI") == expected


def test_overachievement_is_reported_apart_from_the_score(folder):
    text = edit('actual = "330人次"', 'actual = "400人次"')  # 133 % of 300
    card = card_of(text, folder)
    findings = run_checks(card, select=["W304"])
    assert [f.path for f in findings] == [("产出指标", "数量指标", "培训人次")]
    assert "133.33 % of the target" in findings[0].message
    assert "at or beyond 130 %" in findings[0].message
    # exactly 130 % counts; a basis explains it
    assert codes(edit('actual = "330人次"', 'actual = "390人次"'), folder) == ["W304"]
    assert (
        codes(
            edit(
                'actual = "330人次", weight = 20, score = 20 }',
                'actual = "400人次", weight = 20, score = 20, basis = "超额完成：新增培训班" }',
            ),
            folder,
        )
        == []
    )
    assert codes(edit('actual = "330人次"', 'actual = "389人次"'), folder) == []


def test_overachievement_threshold_is_the_frameworks(folder):
    (folder / "t.toml").write_text(
        FRAMEWORK.replace("total = 100\n", "total = 100\n\n[settings]\noverachievement = 110\n"),
        "utf-8",
    )
    assert codes(CLEAN, folder) == ["W304"]  # 330 of 300 人次 is 110 %


# -- values -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('actual = "330人次"', 'actual = "330人"', ["W401"]),
        ('actual = "98%"', 'actual = "序时"', ["W401"]),
        ('actual = "98%"', 'actual = "很满意"', ["W401"]),
        ('actual = "85万元"', 'actual = "850000元"', ["W402"]),
        ('target = "≥300人次", ', "", ["W403"]),
        ('target = "≥300人次", ', 'target = "/", ', ["W403"]),
        ('actual = "330人次", ', "", ["W404"]),
        ('actual = "98%"', 'actual = ">95%"', ["I405"]),
    ],
)
def test_values(folder, old, new, expected):
    assert codes(edit(old, new), folder) == expected


def test_a_word_target_against_a_number(folder):
    text = edit(
        'actual = "是", weight = 30, score = 30 }', 'actual = "100%", weight = 30, score = 30 }'
    )
    findings = run_checks(card_of(text, folder))
    assert [f.code for f in findings] == ["W303", "W401"]
    assert findings[1].message == (
        "actual 100% cannot be compared with target 是: a number "
        "against a word; the rule gives 0 without comparing them"
    )


def test_unit_scale_message(folder):
    [finding] = run_checks(card_of(edit('actual = "85万元"', 'actual = "850000元"'), folder))
    assert finding.message == (
        # in the target's unit as written: 850000 元 = 85 万元
        "target ≤90万元 is in 万元, actual 850000元 in 元: compared as "
        "90万元 against 85万元; check the unit is the one meant"
    )


def test_a_missing_actual_without_score_is_one_error_not_two(folder):
    assert codes(
        edit('actual = "330人次", weight = 20, score = 20 }', "weight = 20 }"),
        folder,
        ignore=["E104", "W5", "E5"],
    ) == ["E105"]


def test_rules_that_ignore_the_target_are_not_asked_for_one(folder):
    text = edit(
        '{ name = "群众知晓", target = "是", actual = "是", weight = 30, score = 30 }',
        '{ name = "群众知晓", actual = "0", weight = 30, score = 30, '
        'rule = { kind = "扣分", per = 1 } }',
    )
    assert codes(text, folder) == []


def test_target_changed_from_the_framework(folder):
    [finding] = run_checks(
        card_of(
            edit(
                '{ name = "服务对象满意度", actual',
                '{ name = "服务对象满意度", target = "≥90%", actual',
            ),
            folder,
        )
    )
    assert (finding.code, finding.message) == (
        "I406",
        "target ≥90% where the framework t sets ≥95%",
    )
    assert finding.severity is Severity.INFO
    # the same target written otherwise is the same target
    assert (
        codes(
            edit(
                '{ name = "服务对象满意度", actual',
                '{ name = "服务对象满意度", target = "不低于95%", actual',
            ),
            folder,
        )
        == []
    )


# -- structure --------------------------------------------------------------------------------

WITHOUT_SATISFACTION = CLEAN.split('[[indicators]]\nname = "满意度指标"')[0].replace(
    "weight = 30, score = 30", "weight = 40, score = 40"
)


def test_required_level1(folder):
    text = edit('name = "满意度指标"\n', 'name = "满意度指标"\ndrop = true\n')
    findings = run_checks(card_of(text, folder), select=["W202"])
    assert [f.message for f in findings] == [
        (
            "no 一级 indicator for 满意度 (a self-evaluation has 产出, 效益 and 满意度); the 一级 are: "
            "产出指标、效益指标"
        )
    ]
    assert REQUIRED_LEVEL1 == ("产出", "效益", "满意度")


def test_required_level1_follows_the_framework(folder):
    # a framework whose 一级 have no 满意度 (the 10号 department framework) does not require it
    (folder / "t.toml").write_text(
        FRAMEWORK.split('[[indicators]]\nname = "满意度指标"')[0], "utf-8"
    )
    assert codes(WITHOUT_SATISFACTION, folder, select=["W202"]) == []
    # a framework that sets no 一级 at all: the self-evaluation default applies
    (folder / "t.toml").write_text('id = "t"\ntotal = 100\n', "utf-8")
    assert codes(WITHOUT_SATISFACTION, folder, select=["W202"]) == ["W202"]


def test_duplicate_leaf(folder):
    text = edit('{ name = "群众知晓"', '{ name = "培训人次"')
    findings = run_checks(card_of(text, folder))
    assert [(f.code, f.path) for f in findings] == [
        ("W203", ("效益指标", "社会效益指标", "培训人次"))
    ]
    assert findings[0].message == (
        "the same indicator appears at 产出指标 › 数量指标 › 培训人次; "
        "rename one or remove the duplicate"
    )


# -- the narrative against the table ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("设置了一级指标3个、二级指标3个、三级指标5个。", []),
        ("设置了3个一级指标、3个二级指标、5个三级指标体系。", []),
        ("设置了三个一级指标、三个二级指标、五个三级指标。", []),
        ("设置了一级指标5个、二级指标13个、三级指标22个。", ["W501", "W501", "W501"]),
        ("设置了5个一级指标、3个二级指标、5个三级指标。", ["W501"]),
        ("设置了一级指标３个、二级指标４个、三级指标十二个。", ["W501", "W501"]),
        ("项目综合得分96分。", ["E503"]),
        ("2024年该项目绩效自我评价得分为99分。", ["E503"]),
        ("自评得分：100分。", []),
        ("产出指标得分40分，效益指标得分49分。", ["E503"]),
        ("满意度调查得分95分，群众满意。", []),  # not a total
        ("评价等次为“良”。", ["E502"]),
        ("项目绩效自我评价等级为优秀。", []),  # 优秀 is 优
        ("单位信用等级为良好。", []),  # not the evaluation's grade
        ("自我评价等级为优。", []),
    ],
)
def test_narrative(folder, sentence, expected):
    text = edit(
        "设置了一级指标3个、二级指标3个、三级指标5个。项目综合得分100分，自我评价等级为优。",
        sentence,
    )
    assert codes(text, folder) == expected


def test_narrative_messages_quote_the_sentence(folder):
    text = edit(
        "设置了一级指标3个、二级指标3个、三级指标5个。项目综合得分100分，自我评价等级为优。",
        "设置了一级指标3个、二级指标4个、三级指标5个。本项目综合得分96分，评价等次为“良”。",
    )
    shown = [str(f) for f in run_checks(card_of(text, folder))]
    assert shown == [
        (
            "warning[W501] narrative › 二、评价情况: states 二级指标 4 (“设置了一级指标3个、二级指标4个、"
            "三级指标5个”), the table has 3 二级 groups with indicators"
        ),
        (
            "error[E502] narrative › 二、评价情况: states the grade 良 (“评价等次为“良””), the table's "
            "total 100 grades 优 (cz-2020-10)"
        ),
        (
            "error[E503] narrative › 二、评价情况: states a total of 96 (“本项目综合得分96分”), the "
            "scores add up to 100"
        ),
    ]


# -- selecting and suppressing ----------------------------------------------------------------

DEDUCTED = (
    edit('actual = "是", weight = 30, score = 30 }', 'actual = "是", weight = 30, score = 29 }')
    .replace("stated_total = 100", "stated_total = 99")
    .replace("项目综合得分100分", "项目综合得分99分")
)


def test_select_and_ignore_by_code_prefix_and_name(folder):
    card = card_of(DEDUCTED.replace('actual = "98%"', 'actual = ">95%"'), folder)
    assert [f.code for f in run_checks(card)] == ["W302", "I405"]
    assert [f.code for f in run_checks(card, select=["W"])] == ["W302"]
    assert [f.code for f in run_checks(card, ignore=["W3"])] == ["I405"]
    assert [f.code for f in run_checks(card, ignore=["met-but-deducted"])] == ["I405"]
    with pytest.raises(InputError, match="'W399' is not a check code"):
        run_checks(card, ignore=["W399"])


def test_the_file_can_suppress_a_code(folder):
    text = DEDUCTED.replace("stated_total = 99", 'stated_total = 99\nignore = ["W302"]')
    card = card_of(text, folder)
    assert run_checks(card) == []
    outcome = review(card)
    assert [f.code for f in outcome.suppressed] == ["W302"]
    assert [f.code for f in run_checks(card, file_ignore=False)] == ["W302"]


def test_the_file_cannot_suppress_an_unknown_code(folder):
    card = card_of(
        DEDUCTED.replace("stated_total = 99", 'stated_total = 99\nignore = ["W3O2"]'), folder
    )
    with pytest.raises(InputError) as info:
        run_checks(card)
    assert info.value.where == "ignore"
    assert "did you mean 'W302'?" in str(info.value)


def test_cli_suppression_is_visible(folder, capsys):
    path = folder / "e.toml"
    path.write_text(
        DEDUCTED.replace("stated_total = 99", 'stated_total = 99\nignore = ["W3"]'), "utf-8"
    )
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "no findings" in out
    assert "(1 suppressed by the file's ignore: W302; --no-file-ignore shows them)" in out
    assert main(["check", "--no-file-ignore", str(path)]) == 0
    assert "warning[W302] 效益指标 › 社会效益指标 › 群众知晓:" in capsys.readouterr().out
    assert main(["check", "--json", str(path)]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["findings"] == [] and result["suppressed"] == 1


def test_cli_refuses_an_unknown_code(folder, capsys):
    path = folder / "e.toml"
    path.write_text(CLEAN, "utf-8")
    assert main(["check", "--select", "E1,X9", str(path)]) == 2
    err = capsys.readouterr().err
    assert "--select: 'X9' is not a check code, prefix or name" in err
    assert "Traceback" not in err


def test_cli_exit_codes(folder, capsys):
    clean, error = folder / "clean.toml", folder / "error.toml"
    clean.write_text(CLEAN, "utf-8")
    error.write_text(edit("stated_total = 100", "stated_total = 90"), "utf-8")
    assert main(["check", str(clean)]) == 0
    assert main(["check", str(clean), str(error)]) == 1
    assert main(["check", "--ignore", "E104", str(clean), str(error)]) == 0
    out = capsys.readouterr().out
    assert "error[E104] the form states a total of 90, the scores add up to 100" in out
    assert main(["check", "--list"]) == 0
    listing = capsys.readouterr().out
    assert all(c.code in listing for c in CHECKS)


# -- the seed ---------------------------------------------------------------------------------


def test_seed_review_counts():
    """The documented review (docs/review-rugao-2024.md): 33 findings, no error."""
    found: Counter[str] = Counter()
    for path in SEED:
        findings = run_checks(score(_load(path)))
        assert not has_errors(findings), (path, findings)
        found.update(f.code for f in findings)
    assert found == {"W302": 24, "W401": 2, "I405": 6, "I406": 1}


def _load(path: Path):
    from perfeval_core import load_evaluation

    return load_evaluation(path)


def test_seed_check_exits_0_and_groups_by_file(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    files = [str(p.relative_to(ROOT)) for p in SEED]
    assert main(["check", *files]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "13 files checked: 0 errors, 26 warnings, 7 info"
    block = out.split("examples/rugao-2024/03-劳动监察专项业务费.toml  劳动监察专项业务费\n")[1]
    assert block.splitlines()[0] == (
        "  warning[W401] 过程指标 › 资金管理 › 资金到位率: actual 序时 cannot be compared with "
        "target 100%: 序时 (on schedule) against a number; the rule cannot check it, so the "
        "score of record stands unchecked"
    )


def test_seed_json_is_pinned(capsys, monkeypatch):
    """`perfeval check --json` on the seed, byte for byte (regenerate as the module says)."""
    monkeypatch.chdir(ROOT)
    files = [str(p.relative_to(ROOT)) for p in SEED]
    assert main(["check", "--json", *files]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == json.loads(PINNED.read_text("utf-8"))
    assert out == PINNED.read_text("utf-8")


def test_a_files_own_ignore_never_hides_an_error(tmp_path, capsys):
    from perfeval_core._cli import main

    source = ROOT / "examples" / "rugao-2024" / "01-新录用事业人员培训及事业人员嘉奖证书.toml"
    text = source.read_text("utf-8").replace(
        "stated_total = 98", 'stated_total = 97\nignore = ["E104", "W302"]'
    )
    path = tmp_path / "hide.toml"
    path.write_text(text, "utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "error[E104]" in out and "warning[W302]" not in out  # the warning is hidden
