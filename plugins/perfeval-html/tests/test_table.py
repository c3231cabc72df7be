"""The 评分表 as rows of cells (table.py): spans, names, values and paths, checked against the
example's own hand computation (examples/national/cz-2020-10-self.toml) and trees of other
depths."""

from __future__ import annotations

from decimal import Decimal

from html_testkit import ROOT

from perfeval_core import load_evaluation, loads_evaluation, score
from perfeval_html import table

SELF = ROOT / "examples" / "national" / "cz-2020-10-self.toml"


def _cells(row):
    return [(c.text, c.colspan, c.rowspan) for c in row.cells]


def test_the_national_self_evaluation_as_the_form_lays_it_out():
    rows = table.rows(score(load_evaluation(SELF)))
    head, body, total = rows[:2], rows[2:-1], rows[-1]
    assert _cells(head[0]) == [
        ("评价指标", 3, 1),
        ("年初指标值", 1, 2),
        ("实际完成值", 1, 2),
        ("分值", 1, 2),
        ("得分", 1, 2),
        ("评分依据", 1, 2),
    ]
    assert _cells(head[1]) == [("一级指标", 1, 1), ("二级指标", 1, 1), ("三级指标", 1, 1)]
    assert all(c.header and c.scope == "col" for r in head for c in r.cells)
    # the leaves in the file's order, with the scores its comment works out by hand
    assert [(r.path[-1], r.cells[-2].number) for r in body] == [
        ("预算执行率", Decimal("9.5")),
        ("培训人数", 10),
        ("取得职业资格证书人数", Decimal("9.5")),
        ("培训合格率", 10),
        ("培训完成及时性", 10),
        ("人均培训成本", Decimal("9.6")),
        ("参训人员就业率", Decimal("9.75")),
        ("培训带动就业作用", 7),
        ("培训长效机制", 10),
        ("参训学员满意度", 10),
    ]
    # 预算执行率 sits directly under its 一级: its name spans 二级 and 三级
    assert _cells(body[0])[:2] == [("预算执行", 1, 1), ("预算执行率", 2, 1)]
    assert body[0].cells[3].text == "95.00%"  # computed from the budget: 171 / 180
    # 产出指标 spans its five rows, 数量指标 its two; the second row starts at 三级
    assert _cells(body[1])[:3] == [("产出指标", 1, 5), ("数量指标", 1, 2), ("培训人数", 1, 1)]
    assert _cells(body[2])[0] == ("取得职业资格证书人数", 1, 1)
    assert _cells(body[6])[:2] == [("效益指标", 1, 3), ("经济效益指标", 1, 1)]  # 生态 dropped
    assert [c.text for c in body[1].cells[3:]] == ["≥300人次", "320人次", "10", "10", ""]
    assert [c.role for c in body[1].cells] == [
        "name", "name", "name", "target", "actual", "weight", "score", "basis",
    ]  # fmt: skip
    assert [c.path for c in body[1].cells[:3]] == [
        ("产出指标",),
        ("产出指标", "数量指标"),
        ("产出指标", "数量指标", "培训人数"),
    ]
    assert _cells(total) == [("总计", 5, 1), ("100", 1, 1), ("95.35", 1, 1), ("", 1, 1)]
    assert total.cells[2].number == Decimal("95.35")


def test_every_row_covers_the_eight_columns():
    for path in sorted((ROOT / "examples").glob("*/*.toml")):
        rows = table.rows(score(load_evaluation(path)))
        covered: dict[int, int] = {}  # row → columns covered by cells spanning down into it
        for r, row in enumerate(rows):
            width = covered.get(r, 0) + sum(c.colspan for c in row.cells)
            assert width == table.COLUMNS, (path.name, r, row.path)
            for c in row.cells:
                for below in range(r + 1, r + c.rowspan):
                    covered[below] = covered.get(below, 0) + c.colspan


DEEP = """\
framework = "cz-2020-10-self"
[project]
name = "深层"
[[indicators]]
name = "加分项"
weight = 2
target = "是"
actual = "是"
[[indicators]]
name = "产出指标"
[[indicators.children]]
name = "培训"
[[indicators.children.children]]
name = "线上"
children = [ { name = "人次", target = "≥10", actual = "12", weight = 3 } ]
[[indicators.children.children]]
name = "线下"
children = [ { name = "人次", target = "≥10", actual = "8", weight = 3, score = 2 } ]
[[indicators.children]]
name = "资料"
weight = 1
target = "是"
actual = "是"
"""


def test_trees_of_other_depths_keep_the_eight_columns():
    rows = table.rows(score(loads_evaluation(DEEP, file="deep.toml")))
    by_path = {r.path: r for r in rows if r.path}
    # a leaf at the top spans all three indicator columns
    assert _cells(by_path[("加分项",)])[0] == ("加分项", 3, 1)
    # below the 二级 the names are joined into the 三级 column
    first = by_path[("产出指标", "培训", "线上", "人次")]
    second = by_path[("产出指标", "培训", "线下", "人次")]
    assert _cells(first)[:2] == [("培训", 1, 2), ("线上 › 人次", 1, 1)]  # 产出指标 began above
    assert _cells(second)[0] == ("线下 › 人次", 1, 1)
    # a leaf directly under a 一级 spans the 二级 and 三级 columns
    assert _cells(by_path[("产出指标", "资料")])[0] == ("资料", 2, 1)
    assert second.cells[-2].number == 2 and second.cells[-2].text == "2"
