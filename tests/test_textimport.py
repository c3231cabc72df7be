"""Tests for the PDF-text importer against the 如皋 2024 seed (tests/data/seed-rugao-2024.txt)."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from perfeval_core import parse_reports
from perfeval_core._textimport import (
    TextImportError,
    dump_report,
    framework_document,
    repair,
    report_filename,
)

ROOT = Path(__file__).resolve().parents[1]

SEED = ROOT / "tests" / "data" / "seed-rugao-2024.txt"
EXAMPLES = ROOT / "examples" / "rugao-2024"

NAMES = [
    "新录用事业人员培训及事业人员嘉奖证书",
    "职业技能评价",
    "劳动监察专项业务费",
    "仲裁专项经费",
    "保障农民工工资支付系统",
    "人社综合专项业务费",
    "高级人才休养慰问费",
    "人才服务专项业务费",
    "“三支一扶”人员经费",
    "全省社保基金监管软件联网经费",
    "综合工程职称评审",
    "网络设备设施运行与维护费",
    "集聚人力资源补贴(奖励)",
]
TOTALS = [98, 99, 97, 99, 98, 99, 98, 98, 98, 99, 98, 99, 96]


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def docs(seed) -> list[dict]:
    return parse_reports(seed)


@pytest.fixture(scope="module")
def framework() -> dict:
    return framework_document("rugao-2024")


def merge(base: list[dict], changes: list[dict]) -> list[dict]:
    """The evaluation's tree merged over the framework's, as docs/formats.md describes."""
    out = [dict(indicator) for indicator in base]
    for change in changes:
        names = [indicator["name"] for indicator in out]
        if change.get("drop"):
            out.pop(names.index(change["name"]))
        elif "replaces" in change:
            replacement = {k: v for k, v in change.items() if k != "replaces"}
            out[names.index(change["replaces"])] = replacement
        elif change["name"] in names:
            i = names.index(change["name"])
            merged = out[i] | change
            if "children" in change:
                merged["children"] = merge(out[i].get("children", []), change["children"])
            out[i] = merged
        else:
            out.append(change)
    return out


def leaves(tree: list[dict], path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], dict]]:
    """(path of group names, leaf) for every leaf, in order."""
    found = []
    for indicator in tree:
        if "children" in indicator:
            found += leaves(indicator["children"], (*path, indicator["name"]))
        else:
            found.append((path, indicator))
    return found


def resolved(doc: dict, framework: dict) -> list[tuple[tuple[str, ...], dict]]:
    return leaves(merge(framework["indicators"], doc["indicators"]))


def find(doc: dict, framework: dict, name: str) -> tuple[tuple[str, ...], dict]:
    [hit] = [(path, leaf) for path, leaf in resolved(doc, framework) if leaf["name"] == name]
    return hit


def test_framework(framework):
    assert framework["id"] == "rugao-2024" and framework["total"] == 100
    groups = {group["name"]: group for group in framework["indicators"]}
    assert list(groups) == ["决策指标", "过程指标", "产出指标", "效益指标", "满意度指标"]
    for name, weight, count in (("决策指标", 12, 6), ("过程指标", 18, 5)):
        rows = leaves(groups[name]["children"])
        assert groups[name]["weight"] == sum(leaf["weight"] for _, leaf in rows) == weight
        assert len(rows) == count and all(leaf["target"] for _, leaf in rows)
    assert all(groups[name]["children"] == [] for name in ("产出指标", "效益指标", "满意度指标"))


# -- the seed as a whole --------------------------------------------------------------------------


def test_reports_found_in_order(docs):
    assert [doc["project"]["name"] for doc in docs] == NAMES
    assert all(doc["framework"] == "rugao-2024" for doc in docs)
    assert all(doc["project"]["unit"] == "如皋市人力资源和社会保障局" for doc in docs)
    assert all(doc["project"]["year"] == 2024 for doc in docs)
    assert [doc["narrative"]["form"] for doc in docs] == ["情况表"] * 12 + ["自评报告"]


@pytest.mark.parametrize("index", range(13))
def test_weights_and_scores_add_up(docs, framework, index):
    doc = docs[index]
    rows = resolved(doc, framework)
    assert all({"name", "target", "actual", "weight", "score"} <= leaf.keys() for _, leaf in rows)
    assert sum(leaf["weight"] for _, leaf in rows) == 100
    assert sum(leaf["score"] for _, leaf in rows) == doc["stated_total"] == TOTALS[index]


def test_numbers_are_never_float(docs):
    def walk(value):
        assert not isinstance(value, float)
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for doc in docs:
        walk(doc)


def narrative_text(doc: dict) -> str:
    sections = doc["narrative"]["sections"]
    return "\n".join(s["text"] for top in sections for s in [top, *top.get("sections", [])])


def stated_counts(doc: dict) -> tuple[int, int, int] | None:
    """(一级, 二级, 三级) as the narrative states them ("一级指标5个、二级指标13个、三级指标22个")."""
    text = narrative_text(doc)
    found = re.search(r"一级指标(\d+)个、二级指标(\d+)个、三级指标(\d+)个", text) or re.search(
        r"(\d+)个一级指标、(\d+)个二级指标、(\d+)个三级指标", text
    )
    return tuple(int(n) for n in found.groups()) if found else None


def test_which_reports_state_counts(docs):
    stating = [i for i, doc in enumerate(docs, start=1) if stated_counts(doc)]
    assert stating == [1, 4, 6, 8, 9, 10, 11, 13]
    assert not any("三级指标" in narrative_text(docs[i - 1]) for i in (2, 3, 5, 7, 12))


@pytest.mark.parametrize("number", [1, 4, 6, 8, 9, 10, 11, 13])
def test_counts_match_what_the_narrative_states(docs, framework, number):
    doc = docs[number - 1]
    rows = resolved(doc, framework)
    counts = (len({path[0] for path, _ in rows}), len({path for path, _ in rows}), len(rows))
    assert counts == stated_counts(doc)


# -- the seed's quirks ---------------------------------------------------------------------------


def test_leaf_shifted_left_stays_under_its_group(docs, framework):
    doc = docs[NAMES.index("全省社保基金监管软件联网经费")]  # seed line 662
    path, leaf = find(doc, framework, "制度执行有效性")
    assert path == ("过程指标", "组织实施")
    assert (leaf["actual"], leaf["score"]) == ("有效", 6)


def test_level2_shifted_into_level1_column(docs):
    doc = docs[NAMES.index("职业技能评价")]  # seed line 139
    benefit = next(group for group in doc["indicators"] if group["name"] == "效益指标")
    names = [group["name"] for group in benefit["children"]]
    assert names == ["社会效益指标", "经济效益指标", "生态效益指标", "可持续发展指标"]
    [leaf] = benefit["children"][-1]["children"]
    assert leaf["name"].startswith("持续开展该项活动，有利于营造企业重视技能人才的良好氛围")
    assert [group["name"] for group in doc["indicators"]][-1] == "满意度指标"


def test_cost_row_shifted_left_stays_under_output(docs, framework):
    doc = docs[NAMES.index("保障农民工工资支付系统")]  # seed line 332
    path, leaf = find(doc, framework, "是否超出预算")
    assert path == ("产出指标", "成本指标")
    assert leaf == {"name": "是否超出预算", "target": "否", "actual": "否", "weight": 5, "score": 5}


def test_broken_labels_are_repaired(docs):
    doc = docs[NAMES.index("职业技能评价")]  # seed lines 117-140
    assert [group["name"] for group in doc["indicators"]] == [
        "决策指标",
        "过程指标",
        "产出指标",
        "效益指标",
        "满意度指标",
    ]
    quantity = doc["indicators"][2]["children"][0]["children"]
    assert quantity[0] == {
        "name": "根据省市要求组织考评人员培训及继续教育人数",
        "target": "300 人次",
        "actual": "330 人次",
        "weight": 6,
        "score": 6,
    }
    assert doc["indicators"][4]["children"][0]["name"] == "满意度指标"


@pytest.mark.parametrize(
    ("raw", "repaired"),
    [
        ("一级 指标", "一级指标"),
        ("满意 度指 标", "满意度指标"),
        ("300 人 次", "300 人次"),
        ("8 次", "8 次"),
        ("（奖励） 项目", "（奖励）项目"),
        ("2024 年", "2024 年"),
    ],
)
def test_repair(raw, repaired):
    assert repair(raw) == repaired


def test_framework_rows_state_only_differences(docs, framework):
    first = docs[0]["indicators"][0]["children"][0]["children"][0]
    assert first == {"name": "立项依据充分性", "actual": "充分", "score": 2}
    doc = docs[NAMES.index("集聚人力资源补贴(奖励)")]  # seed line 902
    rate = doc["indicators"][1]["children"][0]["children"][0]
    assert rate == {"name": "资金到位率", "target": "序时", "actual": "序时", "score": 3}
    labour = docs[NAMES.index("劳动监察专项业务费")]  # seed line 195: target as in the framework
    rate = labour["indicators"][1]["children"][0]["children"][0]
    assert rate == {"name": "资金到位率", "actual": "序时", "score": 3}


def test_renamed_framework_leaf_replaces_it(docs, framework):
    doc = docs[NAMES.index("高级人才休养慰问费")]  # seed line 461
    row = doc["indicators"][1]["children"][1]["children"][0]
    assert row == {
        "name": "管理制度健全性",
        "replaces": "管理制度及安全性",
        "target": "健全",
        "actual": "健全",
        "weight": 2,
        "score": 2,
    }
    path, _ = find(doc, framework, "管理制度健全性")
    assert path == ("过程指标", "组织实施")


def test_header_fields_on_one_line(docs):
    doc = docs[NAMES.index("仲裁专项经费")]  # seed line 220
    assert doc["project"] == {
        "unit": "如皋市人力资源和社会保障局",
        "name": "仲裁专项经费",
        "year": 2024,
        "start": "2024-01",
        "end": "2024-12",
    }
    # full-width colons (line 550) and full-width parentheses (lines 616, 618)
    for name in ("“三支一扶”人员经费", "全省社保基金监管软件联网经费", "人社综合专项业务费"):
        project = docs[NAMES.index(name)]["project"]
        assert (project["start"], project["end"]) == ("2024-01", "2024-12")


def test_paragraphs_split_by_page_breaks_are_joined(docs):
    report = docs[-1]["narrative"]
    texts = {s["heading"]: s["text"] for t in report["sections"] for s in t.get("sections", [])}
    assert "经严格审核、复核和公示，报人社局党组研究同意拨付。" in texts["（三）评价工作情况"]
    assert "生活津补贴3090.37万元、126家企业的引才奖励 71.25 万元" in texts["（一）亮点工作"]
    assert texts["（一）亮点工作"].count("\n\n") == 4  # five numbered paragraphs stay text
    network = docs[NAMES.index("网络设备设施运行与维护费")]["narrative"]["sections"]
    assert "落实内网安全准入，实现内外网隔离" in network[1]["text"]
    assert network[1]["text"].count("\n\n") == 0


def test_report_narrative_structure(docs):
    narrative = docs[-1]["narrative"]
    assert narrative["title"] == "2024 年集聚人力资源补贴（奖励）项目支出绩效自评报告"
    assert [s["heading"] for s in narrative["sections"]] == [
        "一、项目情况",
        "二、评价情况",
        "三、项目绩效",
        "四、存在问题",
        "五、有关建议",
    ]
    assert [s["heading"] for s in narrative["sections"][1]["sections"]] == [
        "（一）项目特点",
        "（二）评价思路",
        "（三）评价工作情况",
        "（四）绩效评价结论",
    ]
    for doc in docs[:-1]:
        assert "title" not in doc["narrative"]
        assert [s["heading"][:2] for s in doc["narrative"]["sections"]] == [
            "一、",
            "二、",
            "三、",
            "四、",
            "五、",
        ]
        assert all("sections" not in s for s in doc["narrative"]["sections"])


# -- output ---------------------------------------------------------------------------------------


def test_dump_round_trips(docs):
    for doc in docs:
        text = dump_report(doc)
        assert text.startswith("# Transcribed from ")
        assert tomllib.loads(text, parse_float=Decimal) == doc
        assert dump_report(doc) == text


def test_committed_examples_are_current(docs):
    expected = {report_filename(doc, i): dump_report(doc) for i, doc in enumerate(docs, start=1)}
    actual = {path.name: path.read_text(encoding="utf-8") for path in EXAMPLES.glob("*.toml")}
    assert actual.keys() == expected.keys(), "run tools/import_seed.py"
    for name, text in expected.items():
        assert actual[name] == text, f"{name} is stale: run tools/import_seed.py"


def test_report_filename():
    doc = {"project": {"name": 'a/b\\c:d*e?f"g<h>i|j\x07k'}}
    assert report_filename(doc, 3) == "03-abcdefghijk.toml"
    assert report_filename({"project": {"name": NAMES[0]}}, 1) == f"01-{NAMES[0]}.toml"


def test_decimal_scores():
    text = (ROOT / "tests" / "data" / "seed-rugao-2024.txt").read_text(encoding="utf-8")
    first = text[: text.index("总计") + len("总计\t\t\t\t\t100\t98\t")]
    first = first.replace("可持续发展\t是\t是\t10\t10", "可持续发展\t是\t是\t10\t9.5")
    first = first.replace("100\t98\t", "100\t97.5\t")
    [doc] = parse_reports(first)
    assert doc["stated_total"] == Decimal("97.5")
    leaf = doc["indicators"][3]["children"][2]["children"][0]
    assert leaf["score"] == Decimal("9.5") and isinstance(leaf["weight"], int)


def test_basis_is_kept(seed):
    # The seed has no 评分依据 at all; a basis after the score is written on the leaf.
    lines = seed.split("\n")
    lines[56] = "\t\t资金使用合规性\t合规\t合规\t4\t3\t一笔支出凭证不全"  # line 57
    rows = parse_reports("\n".join(lines))[0]["indicators"][1]["children"][0]["children"]
    assert rows[2] == {
        "name": "资金使用合规性",
        "actual": "合规",
        "score": 3,
        "basis": "一笔支出凭证不全",
    }


# -- errors ---------------------------------------------------------------------------------------


def test_malformed_row_names_its_line(seed):
    lines = seed.split("\n")
    assert lines[55] == "\t\t预算执行率\t100%\t100%\t3\t3\t"  # line 56
    lines[55] = "\t\t预算执行率\t100%\t100%\t三\t3\t"
    with pytest.raises(TextImportError, match=r"^line 56: ") as caught:
        parse_reports("\n".join(lines))
    assert caught.value.line == 56
    assert isinstance(caught.value, ValueError)


def test_too_many_names_is_an_error(seed):
    lines = seed.split("\n")
    lines[55] = "过程指标\t资金管理\t预算\t执行率\t100%\t100%\t3\t3\t"
    with pytest.raises(TextImportError, match="line 56: table row with 4 indicator names"):
        parse_reports("\n".join(lines))


def test_text_outside_a_report_is_an_error():
    with pytest.raises(TextImportError, match="line 2: text outside a report"):
        parse_reports("\n随便一行\n")
