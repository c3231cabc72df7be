"""What a label of a form means: the vocabulary of the 自评表 / 申报表 blocks as published and
exported copies write them, plus every label of the forms on the search path.

A label is compared in its *compact* form: normalised (full-width digits, comparator glyphs),
without spaces and line breaks, brackets and colons in one width, a trailing colon and a
leading 其中 or numbering (``1.``, ``一、``) dropped, and bracketed notes at its end (``（万元）``,
``（A）``, ``(%)``, ``（50分）``) left out. Each context has its own table — a header fields' label,
a budget column, a budget row, an indicator grid column — because one word means different
things in different blocks (分值 is the budget's points in one and a leaf's weight in the
other). The forms' own labels (``forms/*.toml``, a county's form on the search path) are added
to these tables, so that a form described in TOML is read back without any Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .normalize import normalize_text

# -- compact labels -----------------------------------------------------------------------------

_WIDTH = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "：": ":",
        "【": "(",
        "】": ")",
        "［": "(",
        "］": ")",
        "〔": "(",
        "〕": ")",
        "，": ",",
        "；": ";",
        "、": "、",
    }
)
_SPACE = re.compile(r"\s+")
_LEADING = re.compile(
    r"^(?:其中\s*[:：]?|\d{1,2}\s*[.．、]|[一二三四五六七八九十]{1,3}\s*、|"
    r"\([一二三四五六七八九十]{1,3}\))"
)
_TRAILING_NOTE = re.compile(r"\([^()]{0,12}\)$")
_COMPACT: dict[str, str] = {}


def compact(text: str) -> str:
    """The form a label is looked up in: ``"其中：当年财政拨款"`` → ``"当年财政拨款"``,
    ``"项目资金（万元）"`` → ``"项目资金"``, ``"一级\\n指标"`` → ``"一级指标"``."""
    found = _COMPACT.get(text)
    if found is not None:
        return found
    value = _SPACE.sub("", normalize_text(text).translate(_WIDTH)).rstrip(":")
    value = _LEADING.sub("", value).lstrip(":")
    while True:
        cut = _TRAILING_NOTE.sub("", value)
        if cut == value or not cut:
            break
        value = cut
    if len(_COMPACT) < 100_000:
        _COMPACT[text] = value
    return value


def literal(template: str) -> str:
    """The literal text of a form template (its fields and brackets left out):
    ``"项目资金（{budget.unit}）"`` → ``"项目资金（）"``."""
    text = template.replace("{{", "\0").replace("}}", "\1")
    text = re.sub(r"\{[^{}]*\}", "", text)
    text = text.replace("[[", "\2").replace("]]", "\3").replace("[", "").replace("]", "")
    return text.replace("\0", "{").replace("\1", "}").replace("\2", "[").replace("\3", "]")


# -- the vocabulary -----------------------------------------------------------------------------
# Each table maps a compact label to what it means; patterns catch the variants.

#: Header fields: the project's facts, the goal, the narrative's closing fields.
FIELDS: dict[str, str] = {
    "项目名称": "project.name",
    "专项资金名称": "project.name",
    "项目编码": "project.code",
    "项目代码": "project.code",
    "项目编号": "project.code",
    "主管部门": "project.department",
    "主管单位": "project.department",
    "项目主管部门": "project.department",
    "市级主管部门": "project.department",
    "县级主管部门": "project.department",
    "省级主管部门": "project.department",
    "主管部门及代码": "project.department",
    "实施单位": "project.implementer",
    "项目实施单位": "project.implementer",
    "实施单位(盖章)": "project.implementer",
    "实施(主管)单位": "project.implementer",
    "填报单位": "project.unit",
    "填报单位(盖章)": "project.unit",
    "编制单位": "project.unit",
    "编制单位(盖章)": "project.unit",
    "单位名称": "project.unit",
    "项目实施年度": "project.year",
    "年度": "project.year",
    "项目年度": "project.year",
    "项目实施开始时间": "project.start",
    "开始时间": "project.start",
    "项目实施完成时间": "project.end",
    "完成时间": "project.end",
    "结束时间": "project.end",
    "项目起止时间": "project.period",
    "项目实施内容": "project.content",
    "项目实施内容及过程概述": "project.content",
    "预期目标": "goal.target",
    "年度目标": "goal.target",
    "项目年度目标": "goal.target",
    "年初设定目标": "goal.target",
    "年初预期目标": "goal.target",
    "年度绩效目标": "goal.target",
    "本年度目标": "goal.target",
    "年初绩效目标": "goal.target",
    "年度预期目标": "goal.target",
    "总体目标": "goal.target",
    "实际完成情况": "goal.actual",
    "年度目标完成情况": "goal.actual",
    "全年实际完成情况": "goal.actual",
    "年度实际完成情况": "goal.actual",
    "全年目标实际完成情况": "goal.actual",
    "具体完成情况": "goal.actual",
    "金额单位": "budget.unit",
    "资金单位": "budget.unit",
    "评价结论": "section:评价结论",
    "存在问题": "section:存在问题",
    "改进措施": "section:改进措施",
    "整改措施": "section:整改措施",
    "项目负责人": "signature",
    "财务负责人": "signature",
    "填报人": "signature",
    "单位负责人": "signature",
    "联系电话": "signature",
    "负责人及电话": "signature",
    "项目负责人及电话": "signature",
    "填报日期": "signature",
}
#: Labels over a block (a side label merged down it, or a heading row): they say what the
#: block is, not a value.
SIDES: dict[str, str] = {
    "年度总体目标": "goal",
    "项目基本情况": "goal",
    "项目年度目标完成情况": "goal",
    "目标完成情况": "goal",
    "当年绩效目标": "goal",
    "项目绩效目标": "goal",
    "项目资金": "budget",
    "预算执行情况": "budget",
    "资金情况": "budget",
    "项目资金情况": "budget",
    "项目预算": "budget",
    "年度预算数": "budget",
    "预算资金": "budget",
    "部门预算执行情况": "budget",
    "项目资金申请": "budget",
    "资金来源": "budget",
    "绩效指标": "grid",
    "评价指标": "grid",
    "年度绩效指标": "grid",
    "绩效指标完成情况": "grid",
    "年度绩效指标完成情况": "grid",
    "指标": "grid",
    "项目自我评价情况": "form",
    "基本情况": "form",
}
#: Columns of the budget block (项目资金 / 预算执行情况).
BUDGET_COLUMNS: dict[str, str] = {
    "年初预算数": "initial",
    "年初预算": "initial",
    "年初预算安排": "initial",
    "全年预算数": "adjusted",
    "调整后预算数": "adjusted",
    "全年(调整)预算数": "adjusted",
    "预算数": "adjusted",
    "调整预算数": "adjusted",
    "预算安排情况": "adjusted",
    "全年预算": "adjusted",
    "实际到位资金": "received",
    "到位数": "received",
    "资金到位情况": "received",
    "到位资金": "received",
    "全年执行数": "executed",
    "预算执行数": "executed",
    "执行数": "executed",
    "资金执行情况": "executed",
    "实际支出": "executed",
    "实际支出数": "executed",
    "全年执行": "executed",
    "执行率": "rate",
    "预算执行率": "rate",
    "预算执行进度": "rate",
    "分值": "points",
    "权重": "points",
    "执行率权重": "points",
    "得分": "score",
    "执行率得分": "score",
    "原因": "reason",
    "偏差原因分析及改进措施": "reason",
    "未完成原因": "reason",
}
#: Rows of the budget block: the total and the sources of the money.
BUDGET_ROWS: dict[str, str] = {
    "年度资金总额": "total",
    "总额": "total",
    "资金总额": "total",
    "合计": "total",
    "年度财政资金总额": "total",
    "年度资金总额(万元)": "total",
    "当年财政拨款": "fiscal",
    "本年财政拨款": "fiscal",
    "财政拨款": "fiscal",
    "财政资金": "fiscal",
    "财政拨款资金": "fiscal",
    "中央补助": "fiscal",
    "市财政资金": "fiscal",
    "上级财政资金": "fiscal",
    "本级财政资金": "fiscal",
    "中央、省、市补助县级资金": "fiscal",
    "财政补助": "fiscal",
    "上年结转资金": "carryover",
    "上年结转": "carryover",
    "上年结余资金": "carryover",
    "财政专户管理资金": "special_account",
    "财政专户拨款": "special_account",
    "财政专户资金": "special_account",
    "单位资金": "own",
    "自有资金": "own",
    "单位自有资金": "own",
    "其他资金": "other",
    "其他": "other",
}
#: Columns of the indicator grid.
GRID_COLUMNS: dict[str, str] = {
    "一级指标": "level1",
    "一级": "level1",
    "二级指标": "level2",
    "二级": "level2",
    "三级指标": "level3",
    "三级": "level3",
    "指标名称": "level3",
    "指标内容": "level3",
    "具体指标": "level3",
    "绩效指标名称": "level3",
    "四级指标": "level4",
    "指标性质": "nature",
    "计算符号": "comparator",
    "符号": "comparator",
    "指标方向": "comparator",
    "运算符号": "comparator",
    "指标值类型": "kind",
    "指标类型": "kind",
    "年度指标值": "target",
    "年初指标值": "target",
    "目标值": "target",
    "预期指标值": "target",
    "年初目标值": "target",
    "本年度计划水平": "target",
    "当年预期实现值": "target",
    "计划值": "target",
    "指标值": "target",
    "计量单位": "unit",
    "度量单位": "unit",
    "单位": "unit",
    "单位(文字描述)": "unit",
    "实际完成值": "actual",
    "完成值": "actual",
    "全年完成值": "actual",
    "实际值": "actual",
    "单项指标实际完成值": "actual",
    "全年实际完成值": "actual",
    "评价情况": "actual",
    "实际完成情况": "actual",
    "全年完成情况": "actual",
    "实际完成": "actual",
    "分值": "weight",
    "权重": "weight",
    "指标分值": "weight",
    "指标权重": "weight",
    "分数": "weight",
    "标准分": "weight",
    "满分": "weight",
    "得分": "score",
    "自评得分": "score",
    "自评分": "score",
    "评价得分": "score",
    "指标得分": "score",
    "实际得分": "score",
    "偏差原因分析及改进措施": "basis",
    "偏差原因及改进措施": "basis",
    "未完成原因分析": "basis",
    "未完成原因和改进措施": "basis",
    "评分依据": "basis",
    "扣分原因": "basis",
    "扣分理由": "basis",
    "原因分析": "basis",
    "偏差原因分析": "basis",
    "未完成原因分析及改进措施": "basis",
    "指标解释": "description",
    "指标说明": "description",
    "评分标准": "standard",
    "评价标准": "standard",
    "评(扣)分标准": "standard",
    "评分方法": "note",
    "备注": "note",
}
#: The total row under a grid.
TOTALS = frozenset(
    {
        "总分",
        "合计",
        "总计",
        "得分合计",
        "自评总分",
        "总分(满分)",
        "得分(合计)",
        "合计得分",
        "总得分",
        "评价总分",
    }
)
#: The line with the grade under a grid (the grade is worked out, not read).
_GRADE = re.compile(r"^(?:自评|评价|绩效)?等级\s*[:：]")
#: A title: the form's name, possibly with the year and the unit before it.
_TITLE = re.compile(
    r"(自评表|评分表|情况表|申报表|目标表|自评报告|评价报告|填报表)(?:\s*[(（].{0,12}[)）])?$"
)

#: Patterns for variants the tables do not list (tried after them, in order).
_FIELD_PATTERNS = [
    (re.compile(r"^(?:[市县省区]级|项目)?主管(?:部门|单位)"), "project.department"),
    (re.compile(r"^(?:项目)?实施(?:\(主管\))?单位"), "project.implementer"),
    (re.compile(r"^填报单位|^编制单位"), "project.unit"),
]
_BUDGET_COLUMN_PATTERNS = [
    (re.compile(r"^年初.*预算"), "initial"),
    (re.compile(r"调整后?.*预算|^全年.*预算|^预算(?:数|安排)"), "adjusted"),
    (re.compile(r"到位"), "received"),
    (re.compile(r"执行(?:数|金额)|^实际支出"), "executed"),
    (re.compile(r"执行(?:率|进度)"), "rate"),
    (re.compile(r"得分"), "score"),
    (re.compile(r"分值|权重"), "points"),
    (re.compile(r"原因"), "reason"),
]
_BUDGET_ROW_PATTERNS = [
    (re.compile(r"资金总额$|^总额"), "total"),
    (re.compile(r"财政专户"), "special_account"),
    (re.compile(r"上年结[转余]"), "carryover"),
    (re.compile(r"财政(?:拨款|资金|补助)|补助.*资金|财政资金$"), "fiscal"),
    (re.compile(r"^(?:单位|自有)"), "own"),
    (re.compile(r"^其他"), "other"),
]
_GRID_PATTERNS = [
    (re.compile(r"^一级"), "level1"),
    (re.compile(r"^二级"), "level2"),
    (re.compile(r"^三级"), "level3"),
    (re.compile(r"^四级"), "level4"),
    (re.compile(r"指标值$|目标值$|^年初.*值$|^年度.*值$"), "target"),
    (re.compile(r"完成值$|实际值$|完成情况$"), "actual"),
    (re.compile(r"得分$"), "score"),
    (re.compile(r"分值$|权重$"), "weight"),
    (re.compile(r"原因|评分依据|扣分"), "basis"),
    (re.compile(r"单位$"), "unit"),
]


def _lookup(
    table: dict[str, str], patterns: list[tuple[re.Pattern[str], str]], key: str
) -> str | None:
    found = table.get(key)
    if found is not None or not key:
        return found
    for pattern, value in patterns:
        if pattern.search(key):
            return value
    return None


class Vocabulary:
    """The label tables, with the forms' own labels added (see :func:`vocabulary`); every
    lookup is on the compact label and cached."""

    def __init__(self) -> None:
        self.fields = dict(FIELDS)
        self.sides = dict(SIDES)
        self.budget_columns = dict(BUDGET_COLUMNS)
        self.budget_rows = dict(BUDGET_ROWS)
        self.grid_columns = dict(GRID_COLUMNS)
        self.totals = set(TOTALS)
        self.titles: dict[str, str] = {}  # compact literal of a form's title → form id
        self._cache: dict[tuple[str, str], str | None] = {}

    def add(self, table: dict[str, str], label: str, meaning: str) -> None:
        """Add a form's label (the first meaning given for a label stays)."""
        key = compact(literal(label))
        if key and key not in table:
            table[key] = meaning

    def field(self, text: str) -> str | None:
        """``project.name``, ``goal.target``, ``section:评价结论`` … for a header field's label."""
        return self._get("f", text, self.fields, _FIELD_PATTERNS)

    def side(self, text: str) -> str | None:
        """``goal``, ``budget``, ``grid`` or ``form`` for a label over a block."""
        key = compact(text)
        found = self.sides.get(key)
        if found is None and key.endswith("指标") and key[:-2] in self.sides:
            found = self.sides[key[:-2]]
        return found

    def budget_column(self, text: str) -> str | None:
        """``initial``, ``adjusted``, ``received``, ``executed``, ``rate``, ``points``, ``score``,
        ``reason`` for a column of the budget block."""
        return self._get("bc", text, self.budget_columns, _BUDGET_COLUMN_PATTERNS)

    def budget_row(self, text: str) -> str | None:
        """``total`` or a source (``fiscal``, ``carryover``, ``special_account``, ``own``,
        ``other``) for a row of the budget block."""
        return self._get("br", text, self.budget_rows, _BUDGET_ROW_PATTERNS)

    def grid_column(self, text: str) -> str | None:
        """What a column of the indicator grid holds (``level1`` … ``level4``, ``target``,
        ``comparator``, ``nature``, ``kind``, ``unit``, ``actual``, ``weight``, ``score``,
        ``basis``, ``description``, ``standard``, ``note``)."""
        return self._get("g", text, self.grid_columns, _GRID_PATTERNS)

    def is_total(self, text: str) -> bool:
        """The label of the total row (总分, 合计, 总计 …)."""
        return compact(text) in self.totals

    def _get(
        self,
        kind: str,
        text: str,
        table: dict[str, str],
        patterns: list[tuple[re.Pattern[str], str]],
    ) -> str | None:
        cached = self._cache.get((kind, text), _MISSING)
        if cached is not _MISSING:
            return cached  # type: ignore[return-value]
        key = compact(text)
        # "填报单位:某局" is a field with its value, not a label
        found = _lookup(table, patterns, key) if 0 < len(key) <= 24 and ":" not in key else None
        if len(self._cache) < 200_000:
            self._cache[(kind, text)] = found
        return found


_MISSING = object()


def is_grade_line(text: str) -> bool:
    """``自评等级：优``, ``评价等级：良`` — the line under a table that states the grade."""
    return _GRADE.match(normalize_text(text)) is not None


def title_kind(text: str) -> str | None:
    """What a title names (``自评表``, ``评分表``, ``情况表``, ``申报表``, ``目标表``,
    ``自评报告`` …), or None for text that is no title."""
    value = _SPACE.sub("", normalize_text(text))
    if not 4 <= len(value) <= 80:
        return None
    found = _TITLE.search(value)
    return found.group(1) if found else None


def labels_of(texts: Iterable[str]) -> set[str]:
    """The compact forms of ``texts`` (the empty ones left out)."""
    return {key for key in map(compact, texts) if key}
