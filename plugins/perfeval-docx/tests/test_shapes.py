"""Trees and inputs the seed does not have: other depths, separate unit / comparator columns,
missing header fields, no narrative, control characters, odd text (hypothesis)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from docx_testkit import W, block_order, paragraphs, render, table, text, vertical_spans, whole_grid
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from perfeval_core import build_layout, format_number, from_spec, loads_evaluation, score
from perfeval_core._forms.engine import split_paragraphs
from perfeval_docx.text import clean

FRAMEWORK = """
id = "shapes"
title = "测试框架"
total = 100
policy = "cz-2020-10"
"""


def card_from(
    tmp_path: Path, indicators: str, *, project: str | None = None, narrative: str = ""
) -> object:
    (tmp_path / "shapes.toml").write_text(FRAMEWORK, "utf-8")
    project = project or '[project]\nunit = "某单位"\nname = "测试项目"\nyear = 2024\n'
    text = f'framework = "shapes.toml"\n{project}\n{narrative}\n{indicators}'
    return score(loads_evaluation(text, base_dir=tmp_path))


DEEP = """
[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
[[indicators.children.children]]
name = "培训"
children = [
  { name = "培训人次", weight = 10, target = "≥300人次", actual = "330人次", score = 10 },
  { name = "培训天数", weight = 10, target = "5天", actual = "5天", score = 10 },
]
[[indicators.children.children]]
name = "竞赛场次"
weight = 10
target = "10场"
actual = "8场"
score = 8
[[indicators]]
name = "效益指标"
[[indicators.children]]
name = "社会效益"
weight = 20
target = "是"
actual = "是"
score = 18
[[indicators.children]]
name = "经济效益"
weight = 20
target = "是"
actual = "是"
score = 20
[[indicators]]
name = "满意度"
weight = 30
target = "95%"
actual = "96%"
score = 30
"""


def test_deeper_and_shallower_trees(tmp_path):
    card = card_from(tmp_path, DEEP)
    rows = whole_grid(render(card))[2:-1]
    assert len(rows) == len(card.leaves) == 6
    # depth 4: the names below the 二级 joined into the 三级 column
    assert [c.text for c in rows[0][:3]] == ["产出指标", "数量指标", "培训 › 培训人次"]
    assert rows[1][2].text == "培训 › 培训天数"
    assert rows[2][2].text == "竞赛场次"
    assert vertical_spans(rows, 0) == [("产出指标", 3), ("效益指标", 2)]
    assert vertical_spans(rows, 1) == [("数量指标", 3)]
    # depth 2: the leaf spans the 二级 and 三级 columns, the 一级 still merges
    assert [(c.column, c.span, c.text) for c in rows[3][:2]] == [
        (0, 1, "效益指标"),
        (1, 2, "社会效益"),
    ]
    assert rows[4][1].span == 2 and rows[4][1].text == "经济效益"
    # depth 1: the leaf spans all three indicator columns
    assert (rows[5][0].span, rows[5][0].text, rows[5][0].merge) == (3, "满意度", None)
    assert [c.text for c in rows[5][1:]] == ["95%", "96%", "30", "30", ""]
    total = whole_grid(render(card))[-1]
    assert [c.text for c in total[1:3]] == ["100", "96"]


def test_layout_rows_are_a_full_grid(tmp_path):
    card = card_from(tmp_path, DEEP)
    table = build_layout(card).tables("form")[0]
    assert len(table.columns) == 8
    origins = table.origins()  # raises unless every row fills the grid exactly
    assert all(len(line) == 8 for line in origins)


def test_unit_and_comparator_in_columns_of_their_own(tmp_path):
    card = card_from(
        tmp_path,
        """
[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
[[indicators.children.children]]
name = "培训人次"
weight = 50
target = "300"
comparator = "≥"
unit = "人次"
actual = "330"
score = 50
[[indicators.children.children]]
name = "已带单位"
weight = 50
target = "≥300人次"
unit = "人次"
actual = "是"
score = 50
""",
    )
    rows = whole_grid(render(card))[2:-1]
    assert [c.text for c in rows[0][3:5]] == ["≥300人次", "330人次"]
    assert [c.text for c in rows[1][3:5]] == ["≥300人次", "是"]


def test_numbers_are_shown_as_everywhere_else(tmp_path):
    """2.50 points read 2.5, in the document as on the terminal and in the workbook."""
    card = card_from(
        tmp_path,
        """
[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "数量指标"
children = [
  { name = "甲", weight = 2.50, target = "100%", actual = "100%", score = 2.5 },
  { name = "乙", weight = 97.50, target = "100%", actual = "90%", score = 87.75 },
]
""",
    )
    rows = whole_grid(render(card))
    assert [c.text for c in rows[2][5:7]] == ["2.5", "2.5"]
    assert rows[3][6].text == "87.75"
    assert [c.text for c in rows[-1][1:3]] == ["100", "90.25"]
    assert format_number(Decimal("2")) == "2" and format_number(Decimal("2.0")) == "2"
    assert format_number(Decimal("1E+2")) == "100"


def test_missing_header_fields_are_left_out(tmp_path):
    card = card_from(
        tmp_path,
        DEEP,
        project='[project]\nname = "只有名称"\n',
        narrative='[narrative]\nform = "情况表"\n[[narrative.sections]]\n'
        'heading = "一、项目概况"\ntext = "甲。\\n\\n乙。"\n',
    )
    blocks = block_order(render(card))
    assert blocks[:3] == ["项目支出绩效自我评价情况表", "项目名称：只有名称", "项目自我评价情况"]
    assert blocks[3:6] == ["一、项目概况", "甲。", "乙。"]
    at = blocks.index("项目支出绩效自我评价评分表")
    assert blocks[at + 1] == "项目名称：只有名称"  # no year line, no 填报单位
    assert not any(b.startswith(("填报单位", "项目实施", "(")) for b in blocks)


def test_no_narrative_gives_the_sheet_alone_without_a_blank_first_page(tmp_path):
    card = card_from(tmp_path, DEEP)
    paras = paragraphs(render(card))
    assert paras[0].text == "项目支出绩效自我评价评分表"
    assert paras[0].element.find(f"{W}pPr/{W}pageBreakBefore") is None


def test_report_without_a_title_gets_one(tmp_path):
    card = card_from(
        tmp_path,
        DEEP,
        narrative='[narrative]\nform = "自评报告"\n'
        '[[narrative.sections]]\nheading = "一、项目情况"\n'
        '[[narrative.sections.sections]]\nheading = "（一）项目概况"\n'
        '[[narrative.sections.sections.sections]]\nheading = "1. 背景"\ntext = "正文"\n',
    )
    paras = paragraphs(render(card))
    assert paras[0].text == "2024年测试项目项目支出绩效自评报告"
    assert [(p.text, p.style) for p in paras[1:5]] == [
        ("一、项目情况", "Heading1"),
        ("（一）项目概况", "Heading2"),
        ("1. 背景", "Heading3"),
        ("正文", "BodyText"),
    ]


def _seed_spec(root):
    from perfeval_core import load_evaluation

    return load_evaluation(
        root / "examples" / "rugao-2024" / "01-新录用事业人员培训及事业人员嘉奖证书.toml"
    ).spec


OUTPUT_ROW = 2 + 11  # the first 产出指标 leaf of seed 01 (after 6 决策 and 5 过程 leaves)


def _with_text(spec, value: str):
    """The seed spec with ``value`` put into the first 产出指标 leaf's name, actual and basis, the
    project name, and a narrative paragraph."""
    top = spec.indicators[2]
    assert top.name == "产出指标"
    group = top.children[0]
    leaf = attrs.evolve(group.children[0], name="指标" + value, actual=value, basis=value)
    group = attrs.evolve(group, children=(leaf, *group.children[1:]))
    top = attrs.evolve(top, children=(group, *top.children[1:]))
    section = attrs.evolve(spec.narrative.sections[0], text=value)
    narrative = attrs.evolve(spec.narrative, sections=(section, *spec.narrative.sections[1:]))
    return attrs.evolve(
        spec,
        indicators=(*spec.indicators[:2], top, *spec.indicators[3:]),
        narrative=narrative,
        project=attrs.evolve(spec.project, name="项目" + value),
    )


def test_control_characters_are_stripped_not_fatal(root):
    spec = _with_text(_seed_spec(root), 'a\x00b\x0bc\x1f<&>"\ud800\uffffd\te\r\nf')
    card = score(from_spec(spec))
    data = render(card)
    rows = whole_grid(data)
    assert rows[OUTPUT_ROW][2].text == '指标abc<&>"d\te\nf'
    assert rows[OUTPUT_ROW][7].text == 'abc<&>"d\te\nf'
    assert '项目名称：项目abc<&>"d\te\nf' in block_order(data)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=st.text(min_size=1, max_size=40))
def test_any_text_gives_a_valid_document(root, value):
    card = score(from_spec(_with_text(_seed_spec(root), value)))
    data = render(card)
    rows = whole_grid(data)  # parses: the XML is well formed
    assert rows[OUTPUT_ROW][2].text == clean("指标" + value).strip()
    assert rows[OUTPUT_ROW][7].text == clean(value).strip()
    assert len(rows) == 2 + len(card.leaves) + 1


def test_text_helpers():
    assert clean("a\r\nb\rc\x00") == "a\nb\nc"
    assert split_paragraphs("一\n\n二\n  \n三\n四") == ["一", "二", "三\n四"]
    assert split_paragraphs("") == [] and split_paragraphs(None) == []


def test_paragraph_text_keeps_line_breaks_inside(tmp_path):
    card = card_from(
        tmp_path,
        DEEP,
        narrative="[narrative]\n[[narrative.sections]]\n"
        'heading = "一、项目概况"\ntext = "第一行\\n第二行"\n',
    )
    p = next(p for p in paragraphs(render(card)) if p.style == "BodyText")
    assert p.text == "第一行\n第二行"
    assert etree.tostring(p.element).count(b"<w:br/>") == 1


def test_empty_groups_still_show(tmp_path):
    card = card_from(
        tmp_path,
        """
[[indicators]]
name = "决策指标"
children = [ { name = "立项依据充分性", weight = 100, target = "充分", actual = "充分", score = 100 } ]
[[indicators]]
name = "产出指标"
children = []
""",
    )
    rows = whole_grid(render(card))[2:-1]
    assert [(c.text, c.span) for c in rows[-1][:1]] == [("产出指标", 3)]
    assert text(table(render(card))).count("产出指标") == 1


@pytest.mark.parametrize("stream_type", [io.BytesIO])
def test_write_to_any_binary_stream(tmp_path, stream_type):
    card = card_from(tmp_path, DEEP)
    stream = stream_type()
    import perfeval_docx

    perfeval_docx.write(card, stream)
    assert stream.getvalue()[:2] == b"PK"
