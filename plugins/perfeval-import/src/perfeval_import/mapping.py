"""From what was found to an evaluation: the rows mapped onto a framework, stating only what
differs from it, as a person writes an evaluation by hand.

A table's 一级 / 二级 match the framework's by name (exactly, or with 指标 and points left
out — a finding then says so); a leaf the framework has keeps its target and weight unless the
table differs, and gets its actual, score and 评分依据; a leaf of the project's own is written
whole; one that takes the place of a framework leaf of another name at the same position
``replaces`` it; what the framework has and the table does not is dropped. The budget block's
points and score are those of the leaf the form shows there (预算执行率).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from perfeval_core import (
    BudgetRowSpec,
    BudgetSourcesSpec,
    BudgetSpec,
    EvaluationSpec,
    Framework,
    GoalSpec,
    ImportFinding,
    Indicator,
    IndicatorSpec,
    NarrativeSpec,
    PerfevalError,
    ProjectSpec,
    Registry,
    SectionSpec,
    Trace,
    available_frameworks,
    from_spec,
    load_framework,
    score,
)

from .errors import ReadError
from .fillin import COMPUTED
from .found import Found, Row, Section, Value
from .grid import Location
from .labels import compact
from .normalize import magnitude, number_text, parse_number, split_comparator

#: How names below the last level column are joined into it on perfeval's forms.
JOIN = " › "
#: The leaf a budget block shows when the form does not say (the national forms' 预算执行率).
BUDGET_LEAF = "预算执行率"
_NONE_TEXT = frozenset({"", "/", "—", "——", "-", "--", "*", "无", "－"})
_QUALITATIVE = frozenset({"定性", "定性指标"})
_DIRECTIONS = frozenset({"正向", "反向", "正向指标", "反向指标", "定量", "定量指标"})
_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})")
_YEAR = re.compile(r"(\d{4})")
#: The sources of the money, in the order of BudgetSourcesSpec.
SOURCES = ("fiscal", "carryover", "special_account", "own", "other")


def name_key(name: str) -> str:
    """A name as it is matched: compact, without 指标 at the end (产出 = 产出指标)."""
    key = compact(name)
    return key[:-2] if key.endswith("指标") and len(key) > 2 else key


# -- frameworks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """What a framework looks like to the choice: its 一级 (with their stated weights), their
    二级, its fixed leaves (those with a weight), and the leaves whose actual is computed."""

    framework: Framework
    level1: dict[str, Decimal | None]
    level2: dict[str, set[str]]
    leaves: set[str]
    computed: frozenset[tuple[str, ...]]
    leaf_weight: dict[str, Decimal]


def profile(framework_id: str, registry: Registry) -> Profile:
    """A framework's profile, kept on the registry."""
    key = ("perfeval-import", "profile", framework_id)
    cached = registry.cache.get(key)
    if isinstance(cached, Profile):
        return cached
    framework = load_framework(framework_id, registry=registry)
    level1 = {name_key(i.name): i.stated_weight for i in framework.indicators}
    level2 = {
        name_key(i.name): {name_key(c.name) for c in i.children if c.is_group}
        for i in framework.indicators
    }
    leaves: set[str] = set()
    weights: dict[str, Decimal] = {}
    for top in framework.indicators:
        for path, leaf in top.leaves():
            leaves.add(name_key(leaf.name))
            weights[leaf.name] = leaf.weight
    evaluation = from_spec(
        EvaluationSpec(framework=framework.id, project=ProjectSpec(name="-")), registry=registry
    )
    computed = frozenset(path for path, rule in evaluation.rules.items() if rule.computes_actual)
    found = Profile(framework, level1, level2, leaves, computed, weights)
    registry.cache[key] = found
    return found


@dataclass
class Choice:
    framework: str
    reason: str


def choose_framework(
    found: Found,
    tree: list[_Node],
    form: str | None,
    form_share: float,
    budget_leaf: str,
    registry: Registry,
    given: str | None,
    candidates: Iterable[str] | None = None,
) -> Choice:
    """The framework the rows are mapped onto, and why: ``given`` (``--framework``), else the
    shipped framework the table matches best — its form, its 一级 and 二级 names and weights,
    its fixed leaves, the budget block's points. The choice is kept on the registry for
    tables of the same shape (a workbook of 300 sheets of one form is chosen for once)."""
    if given is not None:
        return Choice(given, "named by --framework")
    budget_points = _budget_points(found)
    shape = (form, round(form_share, 2), budget_points, budget_leaf, _shape(tree))
    cache = registry.cache.setdefault(("perfeval-import", "choices"), {})
    cached = cache.get(shape)
    if isinstance(cached, Choice):
        return cached
    best: tuple[float, str, list[str]] | None = None
    results: list[tuple[float, str]] = []
    ids = (
        sorted(candidates)
        if candidates is not None
        else sorted(available_frameworks(registry=registry))
    )
    for framework_id in ids:
        try:
            prof = profile(framework_id, registry)
        except PerfevalError:  # a framework that does not load is no candidate
            continue
        score, reasons = _score(prof, tree, budget_points, budget_leaf, form, form_share)
        results.append((score, framework_id))
        if best is None or score > best[0]:
            best = (score, framework_id, reasons)
    if best is None:
        raise ReadError(
            found.source, "no framework on the search path loads", "name one with --framework ID"
        )
    others = sorted((r for r in results if r[1] != best[1]), reverse=True)
    runner = f"; next {others[0][1]} ({others[0][0]:.1f} against {best[0]:.1f})" if others else ""
    choice = Choice(best[1], "best match: " + "; ".join(best[2]) + runner)
    if len(cache) < 10_000:
        cache[shape] = choice
    return choice


def _shape(tree: list[_Node]) -> tuple[object, ...]:
    """What the choice of a framework looks at in a table: its groups with their points and
    children's names, and its leaves' names."""

    def node(n: _Node) -> object:
        if not n.is_group:
            return n.name
        return (
            n.name,
            n.points if n.points is not None else n.weight_sum(),
            tuple(node(c) for c in n.children),
        )

    return tuple(node(n) for n in tree)


def _score(
    prof: Profile,
    tree: list[_Node],
    budget_points: Decimal | None,
    budget_leaf: str,
    form: str | None,
    form_share: float,
) -> tuple[float, list[str]]:
    score = 0.0
    reasons: list[str] = []
    fw = prof.framework
    if form is not None and fw.form == form and form_share >= 0.5:
        # the form says where the document comes from (a province's form, its rules): it
        # weighs more than the national vocabulary of 一级 and 二级 names
        score += 10 * form_share
        reasons.append(f"its form {form} is the one recognised")
    matched: list[str] = []
    weights_ok: list[str] = []
    for node in tree:
        key = name_key(node.name)
        if key in prof.level1:
            score += 2
            matched.append(node.name)
            stated = prof.level1[key]
            points = node.points if node.points is not None else node.weight_sum()
            if stated is not None and points is not None:
                if points == stated:
                    score += 1.5
                    weights_ok.append(f"{node.name} {points}")
                else:
                    score -= 1.5
            known = prof.level2.get(key, set())
            for child in node.children:
                if child.is_group and known:  # a 一级 the framework leaves open takes any 二级
                    score += 0.5 if name_key(child.name) in known else -0.25
        else:
            score -= 1
    leaf_names = {name_key(n.name) for node in tree for n in node.all_leaves()}
    fixed = prof.leaves & leaf_names
    score += len(fixed)
    if matched:
        reasons.append(f"一级 {'、'.join(matched)} are its own")
    if weights_ok:
        reasons.append(f"with its weights ({'、'.join(weights_ok)})")
    if fixed:
        reasons.append(f"{len(fixed)} of its fixed indicators found")
    if budget_points is not None:
        weight = prof.leaf_weight.get(budget_leaf)
        if weight == budget_points:
            score += 2
            reasons.append(f"its {budget_leaf} is worth the budget block's {budget_points} points")
        elif weight is not None:
            score += 0.5
        else:
            score -= 2
    return score, reasons


# -- the table as a tree ------------------------------------------------------------------------


@dataclass
class _Node:
    name: str
    location: Location
    children: list[_Node] = field(default_factory=list)
    is_group: bool = True
    points: Decimal | None = None
    row: Row | None = None
    _sum: object = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._sum = _UNSET

    def child(self, name: str, location: Location) -> _Node:
        for node in self.children:
            if node.is_group and node.name == name:
                return node
        node = _Node(name, location)
        self.children.append(node)
        return node

    def all_leaves(self) -> Iterable[_Node]:
        for node in self.children:
            if node.is_group:
                yield from node.all_leaves()
            else:
                yield node

    def weight_sum(self) -> Decimal | None:
        """The sum of the leaves' weights (None when one has none), worked out once."""
        if self._sum is not _UNSET:
            return self._sum  # type: ignore[return-value]
        total: Decimal | None = Decimal(0)
        leaves = 0
        for leaf in self.all_leaves():
            leaves += 1
            value = leaf.row.values.get("weight") if leaf.row is not None else None
            number = _number_or_none(value)
            if number is None:
                total = None
                break
            total += number  # type: ignore[operator]
        self._sum = total if leaves else None
        return self._sum


_UNSET = object()


def table_tree(found: Found) -> list[_Node]:
    """The grid's rows as a tree of groups and leaves, in the table's order."""
    root = _Node("", found.start)
    for row in found.rows:
        names = [n.text for n in row.names]
        if row.names and not row.slot and JOIN in names[-1]:
            extra = names[-1].split(JOIN)
            names = names[:-1] + extra
        node = root
        depth = len(names) if row.slot else len(names) - 1
        for i in range(depth):
            node = node.child(names[i], row.names[min(i, len(row.names) - 1)].location)
            points = row.points[i] if i < len(row.points) else None
            if points is not None:
                node.points = points
        if not row.slot:
            leaf = row.names[-1]
            for existing in node.children:
                if not existing.is_group and existing.name == names[-1]:
                    raise ReadError(
                        found.source,
                        f"{leaf.location}: indicator {names[-1]!r} appears twice under "
                        f"{JOIN.join(names[:-1]) or 'the table'} (also {existing.location})",
                        "give the two rows different names, or delete one",
                    )
            points = row.points[-1] if row.points else None
            node.children.append(
                _Node(names[-1], leaf.location, is_group=False, points=points, row=row)
            )
    return root.children


def _budget_points(found: Found) -> Decimal | None:
    if found.budget is None:
        return None
    value = found.budget.lines.get("total", {}).get("points")
    return _number_or_none(value)


# -- numbers ----------------------------------------------------------------------------------


def _plain(number: Decimal) -> Decimal:
    """``number`` without trailing zeros (9.50 → 9.5, 10.00 → 10), never in exponent form."""
    if number == number.to_integral_value():
        return Decimal(int(number))
    return Decimal(format(number.normalize(), "f"))


#: Numbers a workbook stores, as Decimals (the same few values repeat over a workbook).
_NUMBERS: dict[float | int, Decimal] = {}


def _number_or_none(value: Value | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return _amount(value, "", strict=False)
    except ReadError:
        return None


def _amount(
    value: Value, source: str, *, strict: bool = True, what: str = "value"
) -> Decimal | None:
    """A number from a cell: what a workbook stores, or text (１０, 1,234.5, 10分); the
    placeholders of "none" (/, —) give None; anything else is an error naming the cell."""
    raw = value.raw
    if type(raw) is float or type(raw) is int:
        number: Decimal | None = _NUMBERS.get(raw)
        if number is None:
            number = _plain(Decimal(number_text(raw)))
            if len(_NUMBERS) < 100_000 and raw not in (0, 1):
                _NUMBERS[raw] = number
    else:
        text = value.text.strip()
        if text in _NONE_TEXT:
            return None
        text = re.sub(r"\s*(?:分|万元|元)$", "", text)
        percent = text.endswith(("%", "％"))
        number = parse_number(text)
        if number is not None and percent:
            number *= 100
    if number is None or not number.is_finite():
        if not strict:
            return None
        raise ReadError(
            source,
            f"{value.location}: {what} {value.text!r} is not a number",
            "write a number there (or leave it empty)",
        )
    if number < 0:
        if not strict:
            return None
        raise ReadError(
            source,
            f"{value.location}: {what} {value.text!r} is negative",
            "write the points or amount as 0 or more",
        )
    return _plain(number)


# -- building the evaluation ------------------------------------------------------------------


@dataclass
class Built:
    spec: EvaluationSpec
    traces: list[Trace]
    findings: list[ImportFinding]


class Builder:
    """Builds the evaluation of one project found, on one framework."""

    def __init__(
        self,
        found: Found,
        framework_id: str,
        registry: Registry,
        *,
        budget_leaf: str = BUDGET_LEAF,
        blank: str = "",
        not_applicable: str = "不适用",
        tree: list[_Node] | None = None,
    ) -> None:
        self.found = found
        self.tree = tree
        self.prof = profile(framework_id, registry)
        self.registry = registry
        #: actuals the table shows for leaves whose rule works them out (执行率 …): compared
        #: with what the budget figures give once the evaluation is built
        self.shown_computed: list[tuple[tuple[str, ...], Value]] = []
        self.budget_leaf = budget_leaf
        self.blank = blank
        self.na = {not_applicable, "不适用"}
        self.traces: list[Trace] = []
        self.findings: list[ImportFinding] = []
        self.source = found.source
        self.declaration = found.declaration

    def note(self, message: str, location: object = "", kind: str = "note") -> None:
        self.findings.append(ImportFinding(message, str(location) if location else "", kind))

    def trace(self, key: tuple[str, ...], value: Value) -> None:
        self.traces.append(Trace(key, value.location, value.text))

    def build(self) -> Built:
        found = self.found
        project = self._project()
        budget = self._budget()
        goal = self._goal()
        narrative = self._narrative()
        indicators = self._indicators()
        stated = None
        if found.total is not None:
            stated = _amount(found.total, self.source, what="总分")
            self.trace(("stated_total",), found.total)
        spec = EvaluationSpec(
            framework=self.prof.framework.id,
            project=project,
            stated_total=stated,  # type: ignore[arg-type]
            goal=goal,
            budget=budget,
            narrative=narrative,
            indicators=tuple(indicators),
        )
        if self.shown_computed:
            self._compare_computed(spec)
        return Built(spec, self.traces, self.findings)

    def _compare_computed(self, spec: EvaluationSpec) -> None:
        """A computed leaf's actual as the table shows it against what its rule works out from
        the budget figures read: the rule's stands; a difference, or figures the tables do not
        give, is a finding (never a value dropped in silence)."""
        # a computed actual depends on the framework's rule and the budget figures only
        alone = EvaluationSpec(framework=spec.framework, project=spec.project, budget=spec.budget)
        try:
            card = score(from_spec(alone, registry=self.registry))
        except PerfevalError:
            return  # the evaluation does not load: check_import says why
        leaves = {leaf.path: leaf for leaf in card.leaves}
        for here, value in self.shown_computed:
            leaf = leaves.get(here)
            if leaf is None:
                continue
            where = JOIN.join(here)
            shown = "".join(value.text.split())
            if leaf.result.actual is None:
                why = f" ({leaf.result.note})" if leaf.result.note else ""
                self.note(
                    f"{where}: the table's {shown!r} is not imported: the rule works it out "
                    f"from budget figures the tables do not give{why}; state them under "
                    "[budget] to have it computed",
                    value.location,
                    "skipped",
                )
            elif _percent(shown) != _percent(leaf.result.actual):
                self.note(
                    f"{where}: the table shows {shown!r}, the budget figures give "
                    f"{leaf.result.actual!r}: the rule's value is the evaluation's",
                    value.location,
                    "changed",
                )

    # -- project, goal, narrative ---------------------------------------------------------------

    def _project(self) -> ProjectSpec:
        fields = self.found.fields
        values: dict[str, object] = {}
        for key in ("name", "unit", "code", "department", "implementer", "content"):
            value = fields.get(f"project.{key}")
            if value is not None and value.text:
                values[key] = value.text
                self.trace(("project", key), value)
        year = fields.get("project.year")
        if year is not None and (found := _YEAR.search(year.text)):
            number = int(found.group(1))
            if 1949 <= number <= 2100:
                values["year"] = number
                self.trace(("project", "year"), year)
        for key in ("start", "end"):
            value = fields.get(f"project.{key}")
            if value is None or not value.text:
                continue
            month = _MONTH.search(value.text)
            if month and 1 <= int(month.group(2)) <= 12:
                values[key] = f"{month.group(1)}-{int(month.group(2)):02d}"
                self.trace(("project", key), value)
            else:
                self.note(
                    f"the month {value.text!r} is not a year and month: left out",
                    value.location,
                    "skipped",
                )
        if "name" not in values:
            name = self._fallback_name()
            values["name"] = name
        return ProjectSpec(**values)  # type: ignore[arg-type]

    def _fallback_name(self) -> str:
        found = self.found
        if found.title is not None and found.title.text:
            name = found.title.text
        elif found.start.sheet:
            name = found.start.sheet
        else:
            from pathlib import Path

            name = Path(found.source).stem
        self.note(
            f"the table names no 项目名称: the project is called {name!r} (from the "
            f"{'title' if found.title else 'sheet or file name'})",
            found.start,
            "assumed",
        )
        return name

    def _goal(self) -> GoalSpec | None:
        target = self.found.fields.get("goal.target")
        actual = self.found.fields.get("goal.actual")
        values: dict[str, str] = {}
        for key, value in (("target", target), ("actual", actual)):
            if value is not None and value.text:
                values[key] = value.text
                self.trace(("goal", key), value)
        return GoalSpec(**values) if values else None

    def _narrative(self) -> NarrativeSpec | None:
        found = self.found
        sections = [self._section(s, ()) for s in found.sections]
        closing = [
            (k[len("section:") :], v)
            for k, v in found.fields.items()
            if k.startswith("section:") and v.text
        ]
        for heading, value in closing:
            sections.append(SectionSpec(heading, value.text))
            self.trace(("narrative", "sections", heading), value)
        if not sections and found.narrative is None:
            return None
        form = found.narrative or "情况表"
        title = found.report_title.text if found.report_title is not None else ""
        if found.report_title is not None:
            self.trace(("narrative", "title"), found.report_title)
        return NarrativeSpec(form=form, title=title, sections=tuple(sections))

    def _section(self, section: Section, parent: tuple[str, ...]) -> SectionSpec:
        heading = section.heading.text
        self.trace(("narrative", "sections", *parent, heading), section.heading)
        return SectionSpec(
            heading,
            "\n\n".join(section.paragraphs),
            tuple(self._section(s, (*parent, heading)) for s in section.sections),
        )

    # -- budget ---------------------------------------------------------------------------------

    def _budget(self) -> BudgetSpec | None:
        block = self.found.budget
        if block is None or not block.lines:
            return None
        figures: dict[str, dict[str, Decimal]] = {}
        amounts: list[Value] = []
        for source, line in block.lines.items():
            row: dict[str, Decimal] = {}
            for key in ("initial", "adjusted", "received", "executed", "amount"):
                value = line.get(key)
                if value is None or key == "received" and source != "total":
                    continue  # 实际到位资金 is the total's only
                if value.text.strip() == self.blank and self.blank:
                    continue
                number = _amount(value, self.source, what=f"budget {key}")
                if number is None:
                    continue
                target = key
                if key == "amount":
                    target = "initial"
                    amounts.append(value)
                row[target] = number
                self.trace(
                    ("budget", *(() if source == "total" else ("sources", source)), target), value
                )
            if row:
                figures[source] = row
        if amounts:
            self.note(
                f"the amounts without a column heading ({'、'.join(a.text for a in amounts)})"
                " read as 年初预算数 (a 申报表's year's budget)",
                amounts[0].location,
                "assumed",
            )
        if not figures:
            return None
        unit = "万元"
        stated = block.unit or self.found.fields.get("budget.unit")
        if stated is not None and stated.text:
            unit = stated.text
            self.trace(("budget", "unit"), stated)
        else:
            self.note(
                "the budget block does not state its money unit: 万元 assumed",
                block.location,
                "assumed",
            )
        unit = self._magnitude(unit, figures, block.location)
        total = figures.get("total", {})
        sources = {s: BudgetRowSpec(**figures[s]) for s in SOURCES if s in figures}  # type: ignore[arg-type]
        reason = None
        if block.reason is not None and block.reason.text and not _is_form_note(block.reason.text):
            reason = block.reason.text
            self.trace(("budget", "reason"), block.reason)
        elif block.reason is not None and block.reason.text:
            self.note(
                "the form's own note in the 原因 cell left out", block.reason.location, "skipped"
            )
        if not total and sources:
            self.note("the budget block has no total row (年度资金总额)", block.location, "note")
        return BudgetSpec(
            unit=unit,
            reason=reason,
            sources=BudgetSourcesSpec(**sources) if sources else None,
            **total,  # type: ignore[arg-type]
        )

    def _magnitude(
        self, unit: str, figures: dict[str, dict[str, Decimal]], location: Location
    ) -> str:
        """万元 stated, 元 meant: amounts of a million or more under 万元, every one of them a
        whole number, are 元 (a project's budget is rarely 10 亿元; 元 amounts are typed in
        whole)."""
        if unit != "万元":
            return unit
        amounts = [n for row in figures.values() for n in row.values() if n]
        if (
            amounts
            and max(amounts) >= 1_000_000
            and all(n == n.to_integral_value() for n in amounts)
        ):
            largest = max(amounts)
            self.note(
                f"amounts under 万元 of up to {largest} ({(magnitude(largest) or 0) + 1} "
                f'digits) are 元-sized: read as 元 (unit = "元")',
                location,
                "inferred",
            )
            return "元"
        return unit

    # -- indicators -----------------------------------------------------------------------------

    def _indicators(self) -> list[IndicatorSpec]:
        tree = self.tree if self.tree is not None else table_tree(self.found)
        budget = self._budget_row()
        if budget is not None:
            tree = self._place_budget(tree, budget)
        return self._children(tree, list(self.prof.framework.indicators), ())

    def _budget_row(self) -> dict[str, Value] | None:
        """The budget leaf's points, score and rate (its actual), from the budget block's
        total row."""
        block = self.found.budget
        if block is None:
            return None
        line = block.lines.get("total", {})
        values: dict[str, Value] = {
            k: line[k]
            for k in ("points", "score", "rate")
            if k in line
            and line[k].text.strip() not in _NONE_TEXT
            and line[k].text.strip() != self.blank
        }
        return values or None

    def _place_budget(self, tree: list[_Node], values: dict[str, Value]) -> list[_Node]:
        """The budget block's leaf at its place in the framework's tree, first."""
        path = next(
            (
                p
                for top in self.prof.framework.indicators
                for p, leaf in top.leaves()
                if leaf.name == self.budget_leaf
            ),
            None,
        )
        if path is None:
            where = values.get("points") or values.get("score")
            self.note(
                f"the budget block's points and score belong to {self.budget_leaf}, which "
                f"framework {self.prof.framework.id} does not have: not read",
                where.location if where else "",
                "skipped",
            )
            return tree
        location = next(iter(values.values())).location
        row = Row(
            [Value(name, location) for name in path],
            {_BUDGET_ROW_FIELD.get(k, k): v for k, v in values.items()},
            location,
        )
        for node in tree:
            if name_key(node.name) == name_key(path[0]):
                parent = node
                for name in path[1:-1]:
                    parent = parent.child(name, location)
                parent.children.insert(0, _Node(path[-1], location, is_group=False, row=row))
                return tree
        top = _Node(path[0], location)
        parent = top
        for name in path[1:-1]:
            parent = parent.child(name, location)
        parent.children.append(_Node(path[-1], location, is_group=False, row=row))
        return [top, *tree]

    def _children(
        self, nodes: list[_Node], framework: list[Indicator], path: tuple[str, ...]
    ) -> list[IndicatorSpec]:
        out: list[IndicatorSpec] = []
        used: set[str] = set()
        by_name = {ind.name: ind for ind in framework}
        by_key: dict[str, Indicator] = {}
        for ind in framework:
            by_key.setdefault(name_key(ind.name), ind)
        table_names = {n.name for n in nodes} | {name_key(n.name) for n in nodes}
        for i, node in enumerate(nodes):
            fw = by_name.get(node.name)
            if fw is None:
                candidate = by_key.get(name_key(node.name))
                if (
                    candidate is not None
                    and candidate.name not in used
                    and candidate.is_group == node.is_group
                ):
                    fw = candidate
                    self.note(
                        f"{node.name!r} read as the framework's {fw.name!r}",
                        node.location,
                        "approximate",
                    )
            if fw is not None and (fw.name in used or fw.is_group != node.is_group):
                fw = None
            if fw is None and not node.is_group and i < len(framework):
                slot = framework[i]
                if (
                    not slot.is_group
                    and slot.name not in used
                    and slot.name not in table_names
                    and name_key(slot.name) not in table_names
                ):
                    used.add(slot.name)
                    self.note(
                        f"{node.name!r} takes the place of the framework's {slot.name!r} "
                        "(same position, another name): written as replaces",
                        node.location,
                        "approximate",
                    )
                    out.append(self._new_leaf(node, path, replaces=slot.name))
                    continue
            if fw is None:
                out.append(self._new(node, path))
                continue
            used.add(fw.name)
            spec = self._matched(node, fw, path)
            if spec != IndicatorSpec(fw.name) and spec != IndicatorSpec(fw.name, children=()):
                out.append(spec)  # one that states nothing the framework does not say is left out
        for ind in framework:
            if ind.name in used:
                continue
            if self.declaration and any(p in self.prof.computed for p, _ in ind.leaves(path)):
                continue  # 预算执行率 and the like: worked out from the budget at year end
            out.append(IndicatorSpec(ind.name, drop=True))
        return out

    def _matched(self, node: _Node, fw: Indicator, path: tuple[str, ...]) -> IndicatorSpec:
        here = (*path, fw.name)
        if not node.is_group:
            return self._leaf(node, here, fw)
        leaves = list(node.all_leaves())
        if not leaves and not fw.children:
            return IndicatorSpec(fw.name, drop=True)  # an empty slot of the framework's
        children = self._children(node.children, list(fw.children), here)
        weight = None
        points = node.points
        if points is not None and points != fw.weight:
            weight = points
            self.note(
                f"{fw.name} is worth {points} points in the table, {fw.weight} in the "
                "framework: the table's weight is written",
                node.location,
                "note",
            )
        elif fw.stated_weight is not None and points is None:
            total = node.weight_sum()
            if total is not None and total != fw.stated_weight and leaves:
                self.note(
                    f"{fw.name}'s indicators add up to {total} in the table, the framework "
                    f"gives it {fw.stated_weight} (perfeval check will say so)",
                    node.location,
                    "note",
                )
        return IndicatorSpec(fw.name, weight=weight, children=tuple(children))  # type: ignore[arg-type]

    def _new(self, node: _Node, path: tuple[str, ...]) -> IndicatorSpec:
        if not node.is_group:
            return self._new_leaf(node, path)
        here = (*path, node.name)
        children = tuple(self._new(child, here) for child in node.children)
        return IndicatorSpec(
            node.name,
            weight=node.points,  # type: ignore[arg-type]
            children=children,
        )

    def _values(self, node: _Node, here: tuple[str, ...]) -> dict[str, object]:
        """The leaf's keys read from its row, traced."""
        row = node.row
        assert row is not None
        key = ("indicators", *here)
        self.trace((*key, "name"), row.names[-1])
        out: dict[str, object] = {}
        values = row.values
        comparator = self._comparator(values, key)
        if comparator is not None:
            out["comparator"] = comparator
        computed = here in self.prof.computed
        for name in ("target", "unit", "actual", "description"):
            value = values.get(name)
            if name == "actual" and computed:
                if value is not None and value.text.strip() not in (*_NONE_TEXT, COMPUTED):
                    self.shown_computed.append((here, value))
                continue  # 执行率 and the like: worked out from the budget figures
            if value is not None and value.text:
                out[name] = value.text
                self.trace((*key, name), value)
        for name in ("weight", "score"):
            value = values.get(name)
            if value is not None and value.text.strip() in self.na:
                out["not_applicable"] = True
                self.trace((*key, "not_applicable"), value)
                continue
            if value is not None:
                number = _amount(value, self.source, what="分值" if name == "weight" else "得分")
                if number is not None:
                    out[name] = number
                    self.trace((*key, name), value)
        if "weight" not in out and node.points is not None:
            out["weight"] = node.points
            self.trace((*key, "weight"), row.names[-1])
        basis = values.get("basis")
        if basis is not None and basis.text:
            out["basis"] = basis.text
            self.trace((*key, "basis"), basis)
        if "weight" in out and not out.get("not_applicable"):
            out["not_applicable"] = False
        return out

    def _comparator(self, values: dict[str, Value], key: tuple[str, ...]) -> str | None:
        """The comparator of a row: from the 计算符号 / 指标方向 column, or from 指标性质 when
        it holds one (四川 ≥, 云南 ﹦); 正向 / 反向 / 定量 there say what kind of indicator it
        is, and one that contradicts the comparator is a finding (正向 with 小于等于)."""
        direction: Value | None = None
        found: str | None = None
        for column in ("comparator", "nature", "kind"):
            value = values.get(column)
            if value is None or not value.text:
                continue
            text = value.text.strip()
            if text in _QUALITATIVE:
                self.trace((*key, "comparator"), value)
                return "定性"
            if text in _DIRECTIONS:
                direction = value  # 正向 / 定量: what kind of indicator, not a comparator
                continue
            symbol, rest = split_comparator(text)
            if symbol is not None and not rest:
                if found is None:
                    self.trace((*key, "comparator"), value)
                    found = symbol
                continue
            self.note(
                f"{text!r} in the {column} column is not a comparator: left out",
                value.location,
                "skipped",
            )
        if found is not None and direction is not None:
            word = direction.text.strip()[:2]
            if (word == "正向" and found in ("≤", "<")) or (word == "反向" and found in ("≥", ">")):
                self.note(
                    f"{JOIN.join(key[1:])}: 指标性质 {word} with the comparator {found}: "
                    "the two disagree; the comparator is imported",
                    direction.location,
                    "note",
                )
        return found

    def _leaf(self, node: _Node, here: tuple[str, ...], fw: Indicator) -> IndicatorSpec:
        values = self._values(node, here)
        keep: dict[str, object] = {}
        computed = here in self.prof.computed
        for name in ("comparator", "target", "unit", "weight", "description", "not_applicable"):
            if name in values and values[name] != getattr(fw, name):
                keep[name] = values[name]
        for name in ("actual", "score", "basis"):
            if name in values:
                keep[name] = values[name]
        if self.declaration and "actual" not in keep and not computed:
            keep["actual"] = ""
        return IndicatorSpec(fw.name, **keep)  # type: ignore[arg-type]

    def _new_leaf(
        self, node: _Node, path: tuple[str, ...], *, replaces: str | None = None
    ) -> IndicatorSpec:
        here = (*path, node.name)
        values = self._values(node, here)
        if "weight" not in values and not values.get("not_applicable"):
            raise ReadError(
                self.source,
                f"{node.location}: indicator {node.name!r} has no "
                "分值 / 权重, and the framework does not give one",
                "write its points in the 分值 column",
            )
        if self.declaration and "actual" not in values:
            values["actual"] = ""
        if not values.get("not_applicable"):
            values.pop("not_applicable", None)
        return IndicatorSpec(node.name, replaces=replaces, **values)  # type: ignore[arg-type]


def _is_form_note(text: str) -> bool:
    """The 四川 form's own note printed in the 原因 cell (预算执行率=预算执行数/调整后预算数 …)."""
    return "预算执行率=" in compact(text) or "预算执行率＝" in text


#: The budget block's total row as the budget leaf's row: its 分值 is the weight, its 执行率 the
#: actual.
_BUDGET_ROW_FIELD = {"points": "weight", "rate": "actual"}


def _percent(text: str) -> Decimal | str:
    """A rate as a number (``96%``, ``96.00%`` and ``0.96`` alike), else the text itself."""
    number = parse_number(text)
    return text if number is None else number.normalize()
