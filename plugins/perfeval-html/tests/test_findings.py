"""Findings at their rows of a layout table (findings.py): under the leaf's row, under the last
row of a group, inside the cells of the indicators above and of the block's side label; under
the budget block's total row for the leaf it shows; the table stays a grid."""

from __future__ import annotations

from html_testkit import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval_core import Finding, Severity, build_layout, load_evaluation, score
from perfeval_html.findings import place, shown

SELF = ROOT / "examples" / "national" / "cz-2020-10-self.toml"
SICHUAN = ROOT / "examples" / "sichuan-2023" / "青神-工资性支出.toml"
EXAMPLES = sorted((ROOT / "examples").glob("*/*.toml"))
FORMS = [None, "cz-2020-10-self", "cz-2020-10-review", "sichuan-2023", "yunnan-2020", "rugao-2024"]


def _finding(*path: str, code: str = "X101") -> Finding:
    return Finding(code, Severity.WARNING, f"about {'/'.join(path) or 'all'}", tuple(path))


def _table(path=SELF, form=None):
    return build_layout(score(load_evaluation(path)), form, roles={"form"}).tables()[0]


def _drawn(table, placement):
    """The table as drawn: each line (a row, or a row of findings) with the grid columns it
    covers, every cell's rows lengthened as placed; an independent check that it is a grid."""
    lines: list[tuple[str, object]] = []
    for r in range(len(table.rows)):
        lines.append(("row", r))
        lines.extend(("notes", n) for n in placement.after.get(r, ()))
    covered: dict[int, set[int]] = {}  # line → the columns cells from lines above cover
    widths = []
    for n, (kind, what) in enumerate(lines):
        taken = covered.setdefault(n, set())
        if kind == "notes":
            own = set(range(what.start, what.start + what.colspan))
            assert not own & taken, (n, what.path)
            widths.append(len(own | taken))
            continue
        col = 0
        mine: set[int] = set()
        for i, cell in enumerate(table.rows[what].cells):
            while col in taken:
                col += 1
            span = set(range(col, col + cell.colspan))
            assert not span & taken
            mine |= span
            for below in range(n + 1, n + cell.rowspan + placement.longer.get((what, i), 0)):
                covered.setdefault(below, set()).update(span)
            col += cell.colspan
        widths.append(len(mine | taken))
    return lines, widths


def test_findings_go_under_their_rows_inside_the_cells_to_their_left():
    table = _table()
    # the national form's table by hand: 0 项目名称, 1 主管部门, 2 the budget's heading row
    # (项目资金 down the left, 5 rows), 3 年度资金总额 (预算执行率's points and score), 4–6 其中,
    # 7–8 年度总体目标, 9 the grid's heading row (绩效指标 down the left, 11 rows), 10 培训人数,
    # 11 取得职业资格证书人数 (数量指标 ends), …, 15 参训人员就业率 (效益指标 starts),
    # 17 the empty 生态效益指标 slot, 18 培训长效机制 (效益指标 ends), 19 参训学员满意度, 20 总分
    assert [r.path[-1] if r.path else "" for r in table.rows][3:20] == [
        "预算执行率", "", "", "", "", "", "", "培训人数", "取得职业资格证书人数", "培训合格率",
        "培训完成及时性", "人均培训成本", "参训人员就业率", "培训带动就业作用", "生态效益指标",
        "培训长效机制", "参训学员满意度",
    ]  # fmt: skip
    findings = [
        _finding("产出指标", "数量指标", "培训人数"),
        _finding("产出指标", "数量指标", code="X102"),
        _finding("效益指标", code="X103"),
        _finding("预算执行", "预算执行率", code="X104"),
        _finding("效益指标", "生态效益指标", code="X105"),
        _finding("满意度指标", "服务对象满意度指标", "参训学员满意度", code="X106"),
        _finding("产出指标", "数量指标", "培训人数", code="X107"),
    ]
    placement = place(table, list(enumerate(findings, start=1)))
    after = {
        r: [(n.path[-1], n.start, n.colspan, [k for k, _ in n.findings]) for n in notes]
        for r, notes in placement.after.items()
    }
    assert after == {
        3: [("预算执行率", 1, 8, [4])],  # under 年度资金总额, inside 项目资金
        10: [("培训人数", 3, 6, [1, 7])],  # from the 三级 column, both of its findings
        11: [("数量指标", 2, 7, [2])],  # after the group's last row, from the 二级 column
        17: [("生态效益指标", 2, 7, [5])],  # the empty slot's own row
        18: [("效益指标", 1, 8, [3])],  # after the 一级's last row, from the 一级 column
        19: [("参训学员满意度", 3, 6, [6])],  # the grid's last row: inside 绩效指标 too
    }
    assert placement.longer == {
        (2, 0): 1,  # 项目资金
        (9, 0): 5,  # 绩效指标, over all five rows of findings in the grid
        (10, 0): 2,  # 产出指标: 培训人数's and 数量指标's
        (10, 1): 1,  # 数量指标: 培训人数's only (its own come after it)
        (15, 0): 1,  # 效益指标: the 生态效益指标 slot's (its own come after it)
        (19, 0): 1,  # 满意度指标
        (19, 1): 1,  # 服务对象满意度指标
    }
    _, widths = _drawn(table, placement)
    assert set(widths) == {9}


def test_a_cell_reaching_further_down_takes_the_findings_below_it():
    # 四川: 原因 is merged down the five rows of the budget; 预算执行率's findings go under it
    table = _table(SICHUAN)
    total = next(r for r, row in enumerate(table.rows) if row.block == "budget" and row.path)
    assert table.rows[total].cells[0].text == "总额"
    placement = place(table, [(1, _finding("预算执行情况", "预算执行率"))])
    [(r, [notes])] = placement.after.items()
    assert r == total + 4 and table.rows[r].cells[0].text == "其他资金"
    assert (notes.start, notes.colspan) == (1, 10)
    assert placement.longer == {(total - 1, 0): 1}  # 预算执行情况（10分）, down the left
    _, widths = _drawn(table, placement)
    assert set(widths) == {11}


def test_without_findings_nothing_moves():
    placement = place(_table(), [])
    assert placement.after == {} and placement.longer == {}


CASES = [
    (table, sorted(shown(table)))
    for path in EXAMPLES
    for form in FORMS
    for table in [_table(path, form)]
]


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_findings_keep_the_grid_and_each_appears_once_under_its_row(data):
    table, prefixes = data.draw(st.sampled_from(CASES))
    chosen = data.draw(st.lists(st.sampled_from(prefixes), max_size=12))
    findings = [_finding(*p, code=f"X{n:03d}") for n, p in enumerate(chosen)]
    placement = place(table, list(enumerate(findings, start=1)))
    lines, widths = _drawn(table, placement)
    assert set(widths) == {len(table.columns)}
    seen = []
    last_path = None  # the path of the last row above with one
    for k, (kind, what) in enumerate(lines):
        if kind == "row":
            last_path = table.rows[what].path or last_path
            continue
        for n, f in what.findings:
            assert f.path == what.path
            # under the last row of what it is about (or below cells reaching further down,
            # with no other indicator's row in between) …
            assert last_path is not None and last_path[: len(f.path)] == f.path
            # … and no row below is about it
            below = [table.rows[r].path for kind, r in lines[k + 1 :] if kind == "row"]
            assert not [p for p in below if p and p[: len(f.path)] == f.path]
            seen.append(n)
    assert sorted(seen) == list(range(1, len(findings) + 1))
