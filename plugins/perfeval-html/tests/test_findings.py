"""Findings at their rows (findings.py): under the leaf's row, under the last row of a group,
inside the spans of the indicators above; the table stays a grid."""

from __future__ import annotations

from html_testkit import EXAMPLES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval_core import Finding, Severity, load_evaluation, score
from perfeval_html import table
from perfeval_html.findings import Notes, place

SELF = ROOT / "examples" / "national" / "cz-2020-10-self.toml"


def _finding(*path: str, code: str = "X101") -> Finding:
    return Finding(code, Severity.WARNING, f"about {'/'.join(path) or 'all'}", tuple(path))


def _body(path=SELF):
    return [r for r in table.rows(score(load_evaluation(path))) if r.kind != "head"]


def _width_of_every_line(lines) -> list[int]:
    """The columns each line covers: its own cells (or findings) and those spanning into it."""
    covered: dict[int, int] = {}
    widths = []
    for n, line in enumerate(lines):
        own = line.colspan if isinstance(line, Notes) else sum(c.colspan for c in line.cells)
        widths.append(covered.get(n, 0) + own)
        if not isinstance(line, Notes):
            for c in line.cells:
                for below in range(n + 1, n + c.rowspan):
                    covered[below] = covered.get(below, 0) + c.colspan
    return widths


def test_findings_go_under_their_rows_inside_the_spans_above():
    body = _body()
    leaf = _finding("产出指标", "数量指标", "培训人数")
    group = _finding("产出指标", "数量指标", code="X102")
    top = _finding("效益指标", code="X103")
    direct = _finding("预算执行", "预算执行率", code="X104")
    stray, whole = _finding("不存在"), _finding()
    lines, unplaced = place(body, [leaf, group, top, direct, stray, whole], table.COLUMNS)
    assert unplaced == [(5, stray), (6, whole)]
    names = [
        ("notes", line.path, line.start)
        if isinstance(line, Notes)
        else (line.path[-1] if line.path else "总计")
        for line in lines
    ]
    assert names == [
        "预算执行率",
        ("notes", ("预算执行", "预算执行率"), 1),  # inside 预算执行, from the 二级 column
        "培训人数",
        ("notes", ("产出指标", "数量指标", "培训人数"), 2),  # inside 产出指标 and 数量指标
        "取得职业资格证书人数",
        ("notes", ("产出指标", "数量指标"), 1),  # after the group's last row, inside 产出指标
        "培训合格率",
        "培训完成及时性",
        "人均培训成本",
        "参训人员就业率",
        "培训带动就业作用",
        "培训长效机制",
        ("notes", ("效益指标",), 0),  # a 一级's findings: the whole width, after its rows
        "参训学员满意度",
        "总计",
    ]
    spans = {
        c.path: c.rowspan
        for line in lines
        if not isinstance(line, Notes)
        for c in line.cells
        if c.path and len(c.path) < 3
    }
    assert spans[("预算执行",)] == 2  # its row and the findings under it
    assert spans[("产出指标",)] == 5 + 2  # five rows and two rows of findings
    assert spans[("产出指标", "数量指标")] == 2 + 1  # its own group's findings come after it
    assert spans[("效益指标",)] == 3
    assert [line.findings for line in lines if isinstance(line, Notes)] == [
        ((4, direct),),
        ((1, leaf),),
        ((2, group),),
        ((3, top),),
    ]
    assert set(_width_of_every_line(lines)) == {table.COLUMNS}


def test_without_findings_the_table_is_unchanged():
    body = _body()
    lines, unplaced = place(body, [], table.COLUMNS)
    assert lines == body and unplaced == []


def _paths(path):
    body = _body(path)
    leaves = [r.path for r in body if r.path]
    prefixes = sorted({p[:k] for p in leaves for k in range(1, len(p) + 1)})
    return body, prefixes


CASES = [_paths(p) for p in EXAMPLES]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_findings_keep_the_grid_and_each_appears_once_under_its_row(data):
    body, prefixes = data.draw(st.sampled_from(CASES))
    chosen = data.draw(st.lists(st.sampled_from(prefixes), max_size=12))
    findings = [_finding(*p, code=f"X{n:03d}") for n, p in enumerate(chosen)]
    lines, unplaced = place(body, findings, table.COLUMNS)
    assert unplaced == []
    assert set(_width_of_every_line(lines)) == {table.COLUMNS}
    seen = []
    last_row = None
    for line in lines:
        if isinstance(line, Notes):
            for n, f in line.findings:
                assert f.path == line.path
                # under the last row of what it is about
                assert last_row is not None and last_row[: len(f.path)] == f.path
                seen.append(n)
        else:
            last_row = line.path
    assert sorted(seen) == list(range(1, len(findings) + 1))
    # the rows themselves are all there, in order
    assert [line.path for line in lines if not isinstance(line, Notes)] == [r.path for r in body]
