"""Import self-evaluation reports from their PDF text into evaluation documents.

The input is the text a PDF extractor gives for the published 项目支出绩效自评 reports: one line
per paragraph or table row, table cells separated by tabs, a merged cell written only on its
first row. Each report is a narrative (情况表, or the long 自评报告) followed by its 评分表.
`parse_reports` turns every report into a plain dict in the evaluation format of
docs/formats.md, stating only what differs from the framework; `dump_report` writes it as TOML.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ._errors import InputError
from ._io.reading import parse_toml, read_text
from ._io.tomlwriter import dumps_document

#: An evaluation (or a framework, or a part of one) as plain TOML data.
Doc = dict[str, Any]

__all__ = ["TextImportError", "dump_report", "parse_reports", "repair", "report_filename"]

FRAMEWORK_ID = "rugao-2024"

# Ideographs, CJK punctuation and full-width forms: a space between two of these is a PDF artefact.
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SENTENCE_END = "。！？；：”」）"
_HEADING = re.compile(r"[一二三四五六七八九十]+、[^\s。，,；;：:]{1,20}")
_SUBHEADING = re.compile(r"[（(][一二三四五六七八九十]+[）)]\s*[^\s。，,；;：:]{1,20}")
_SUBTITLE = re.compile(r"[(（]\s*(\d{4})\s*年?\s*[)）]")
_FIELD = re.compile(
    r"(填报单位|项目名称|项目实施年度|项目实施开始时间|项目实施完成时间)\s*(?:[(（]年/月[)）])?\s*[:：]"
)
_MONTH = re.compile(r"(\d{4})\s*[/.\-年]\s*(\d{1,2})\s*月?")

_SITUATION_TITLE = "项目支出绩效自我评价情况表"
_REPORT_TITLE = re.compile(r"[^。，；\t]{0,60}自评报告")
_SCORE_TITLE = "项目支出绩效自我评价评分表"
_FORM_LABELS = {"项目自我评价情况"}
_UNSAFE_FILENAME = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')


class TextImportError(InputError):
    """A line of report text that the importer cannot make sense of."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(
            message,
            line=line,
            hint="the text must hold 情况表/评分表 reports as tab-separated rows",
        )


def repair(text: str) -> str:
    """Remove the spaces a PDF extractor puts between two CJK characters ("效益指 标")."""
    return _CJK_GAP.sub("", text.strip())


def parse_reports(text: str, framework: Doc | None = None) -> list[Doc]:
    """Parse every report in `text` into an evaluation dict, in the order of the text.

    `framework` is the parsed framework the evaluations refer to; by default the bundled
    rugao-2024 framework.
    """
    framework = framework or framework_document(FRAMEWORK_ID)
    reports: list[_Report] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = repair(raw)
        if not line:
            continue
        if line == _SITUATION_TITLE:
            reports.append(_Report("情况表", number))
        elif "\t" not in raw and _REPORT_TITLE.fullmatch(line):
            reports.append(_Report("自评报告", number, title=line))
        elif not reports or reports[-1].finished:
            raise TextImportError(f"text outside a report: {line[:40]!r}", number)
        else:
            reports[-1].feed(raw, line, number)
    return [report.to_dict(framework) for report in reports]


def framework_document(framework_id: str) -> Doc:
    """The framework file with that id on the framework search path, as a plain dict."""
    from ._loading.frameworks import find

    path = find(framework_id)
    return parse_toml(read_text(path), file=str(path))


def dump_report(doc: Doc) -> str:
    """The evaluation as TOML text: a comment line, then the document with one row per leaf."""
    return (
        "# Transcribed from the PDF text of the published report by "
        "perfeval_core.textimport.\n\n" + dumps_document(doc)
    )


def report_filename(doc: Doc, index: int) -> str:
    """File name for the report at 1-based position `index`: "01-项目名称.toml"."""
    name = _UNSAFE_FILENAME.sub("", doc["project"]["name"]).strip(" .")
    return f"{index:02d}-{name}.toml"


class _Report:
    """One report as it is read, line by line: narrative first, then the 评分表."""

    def __init__(self, form: str, line: int, title: str | None = None) -> None:
        self.form = form
        self.title = title
        self.line = line
        self.project: Doc = {}
        self.year_subtitle: int | None = None
        self.sections: list[Doc] = []  # {"heading", "paragraphs", "sections"}
        self.in_table = False
        self.rows: list[tuple[str, str, Doc]] = []  # (一级, 二级, leaf)
        self.stated_total: int | Decimal | None = None
        self.finished = False

    # -- reading -------------------------------------------------------------------------------

    def feed(self, raw: str, line: str, number: int) -> None:
        if line == _SCORE_TITLE:
            self.in_table = True
        elif "\t" in raw:
            if not self.in_table:
                raise TextImportError(f"table row before {_SCORE_TITLE!r}", number)
            self._row([repair(cell) for cell in raw.split("\t")], number)
        elif _FIELD.match(line):
            self._fields(line, number)
        elif m := _SUBTITLE.fullmatch(line):
            self.year_subtitle = int(m.group(1))
        elif self.in_table:
            raise TextImportError(f"unexpected line in the 评分表: {line[:40]!r}", number)
        else:
            self._narrative(line, number)

    def _fields(self, line: str, number: int) -> None:
        parts = _FIELD.split(line)  # ["", label, value, label, value, ...]
        for label, value in zip(parts[1::2], parts[2::2], strict=False):
            value = value.strip()
            if label == "填报单位":
                self._set("unit", value, number)
            elif label == "项目名称":
                self._set("name", value, number)
            elif label == "项目实施年度":
                m = re.fullmatch(r"(\d{4})\s*年?", value)
                if not m:
                    raise TextImportError(f"cannot read the year {value!r}", number)
                self._set("year", int(m.group(1)), number)
            else:
                m = _MONTH.fullmatch(value)
                if not m or not 1 <= int(m.group(2)) <= 12:
                    raise TextImportError(f"cannot read the month {value!r} (want YYYY/MM)", number)
                key = "start" if label == "项目实施开始时间" else "end"
                self._set(key, f"{m.group(1)}-{int(m.group(2)):02d}", number)

    def _set(self, key: str, value: object, number: int) -> None:
        if key in self.project and self.project[key] != value:
            raise TextImportError(
                f"{key} {value!r} differs from {self.project[key]!r} stated earlier", number
            )
        self.project[key] = value

    def _narrative(self, line: str, number: int) -> None:
        if line in _FORM_LABELS:
            return
        if _HEADING.fullmatch(line):
            self.sections.append({"heading": line, "paragraphs": [], "sections": []})
            return
        if not self.sections:
            raise TextImportError(f"narrative text before the first heading: {line[:40]!r}", number)
        section = self.sections[-1]
        if _SUBHEADING.fullmatch(line):
            section["sections"].append({"heading": line, "paragraphs": [], "sections": []})
            return
        paragraphs = (section["sections"][-1] if section["sections"] else section)["paragraphs"]
        if paragraphs and not paragraphs[-1].endswith(tuple(_SENTENCE_END)):
            paragraphs[-1] += line  # a paragraph split by a page break
        else:
            paragraphs.append(line)

    def _row(self, cells: list[str], number: int) -> None:
        first = cells[0]
        if first in ("评价指标", "一级指标"):
            if first == "评价指标" and not ({"分值", "权重"} & set(cells) and "得分" in cells):
                raise TextImportError("table header without 分值/权重 and 得分 columns", number)
            return
        pair = _numeric_pair(cells)
        if first == "总计":
            if pair is None:
                raise TextImportError("总计 row without weight and score", number)
            self.stated_total = _number(cells[pair + 1])
            self.finished = True
            return
        if pair is None or pair < 2:
            raise TextImportError(
                "table row without adjacent weight and score cells after target and actual", number
            )
        names = [cell for cell in cells[: pair - 2] if cell]
        if not 1 <= len(names) <= 3:
            raise TextImportError(
                f"table row with {len(names)} indicator names (want 1 to 3)", number
            )
        # Names are right-aligned: leaf last; a missing 二级 or 一级 is a merged cell above.
        level1, level2 = self.rows[-1][:2] if self.rows else (None, None)
        if len(names) >= 2:
            level2 = names[-2]
        if len(names) == 3:
            level1 = names[-3]
        if not level1 or not level2:
            raise TextImportError(
                "first table row does not name its 一级 and 二级 indicators", number
            )
        leaf: Doc = {"name": names[-1]}
        target, actual = cells[pair - 2], cells[pair - 1]
        if target:
            leaf["target"] = target
        if actual:
            leaf["actual"] = actual
        leaf["weight"] = _number(cells[pair])
        leaf["score"] = _number(cells[pair + 1])
        after = [cell for cell in cells[pair + 2 :] if cell]
        if len(after) > 1:
            raise TextImportError("table row with more than one cell after the score", number)
        if after:
            leaf["basis"] = after[0]
        if any(r[:2] == (level1, level2) and r[2]["name"] == leaf["name"] for r in self.rows):
            raise TextImportError(
                f"indicator {leaf['name']!r} appears twice under {level2}", number
            )
        self.rows.append((level1, level2, leaf))

    # -- output --------------------------------------------------------------------------------

    def to_dict(self, framework: Doc) -> Doc:
        if not self.rows:
            raise TextImportError("report without a 评分表", self.line)
        project = dict(self.project)
        if "year" not in project and self.year_subtitle is not None:
            project["year"] = self.year_subtitle
        for key in ("unit", "name"):
            if key not in project:
                raise TextImportError(f"report does not state its {key}", self.line)
        order = ("unit", "name", "year", "start", "end")
        doc: Doc = {"framework": framework["id"]}
        if self.stated_total is not None:
            doc["stated_total"] = self.stated_total
        doc["project"] = {key: project[key] for key in order if key in project}
        narrative: Doc = {"form": self.form}
        if self.title:
            narrative["title"] = self.title
        narrative["sections"] = [_section(s) for s in self.sections]
        doc["narrative"] = narrative
        doc["indicators"] = _diff_tree(_tree(self.rows), framework.get("indicators", []))
        return doc


def _section(section: Doc) -> Doc:
    out = {"heading": section["heading"], "text": "\n\n".join(section["paragraphs"])}
    if section["sections"]:
        out["sections"] = [_section(s) for s in section["sections"]]
    return out


def _numeric_pair(cells: list[str]) -> int | None:
    """Index of the rightmost pair of adjacent numeric cells (weight, score)."""
    for i in range(len(cells) - 2, -1, -1):
        if _NUMBER.fullmatch(cells[i]) and _NUMBER.fullmatch(cells[i + 1]):
            return i
    return None


def _number(text: str) -> int | Decimal:
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else value


def _tree(rows: list[tuple[str, str, Doc]]) -> dict[str, dict[str, list[Doc]]]:
    """The rows grouped as {一级: {二级: [leaf, …]}}, in document order."""
    tree: dict[str, dict[str, list[Doc]]] = {}
    for level1, level2, leaf in rows:
        tree.setdefault(level1, {}).setdefault(level2, []).append(leaf)
    return tree


def _diff_tree(tree: dict[str, dict[str, list[Doc]]], framework: list[Doc]) -> list[Doc]:
    """The evaluation's indicators, stating only what differs from the framework's tree."""
    fw_level1 = {group["name"]: group for group in framework}
    out: list[Doc] = []
    for name1, groups in tree.items():
        fw_level2 = {g["name"]: g for g in fw_level1.get(name1, {}).get("children", [])}
        children: list[Doc] = []
        for name2, leaves in groups.items():
            fw_leaves = fw_level2.get(name2, {}).get("children", [])
            children.append({"name": name2, "children": _diff_leaves(leaves, fw_leaves)})
        children += [{"name": name, "drop": True} for name in fw_level2 if name not in groups]
        out.append({"name": name1, "children": children})
    out += [{"name": name, "drop": True} for name in fw_level1 if name not in tree]
    return out


def _diff_leaves(leaves: list[Doc], framework: list[Doc]) -> list[Doc]:
    """Leaves matched to the framework's by name, else by position (`replaces`), else added."""
    by_name = {leaf["name"]: leaf for leaf in framework}
    names = {leaf["name"] for leaf in leaves}
    used: set[str] = set()
    out = []
    for i, leaf in enumerate(leaves):
        fw = by_name.get(leaf["name"])
        if fw is not None:
            used.add(fw["name"])
            row = {"name": leaf["name"]}  # results always; target and weight if they differ
            for key in ("target", "actual", "weight", "score", "basis"):
                if key in leaf and (key not in ("target", "weight") or leaf[key] != fw.get(key)):
                    row[key] = leaf[key]
            out.append(row)
        elif i < len(framework) and framework[i]["name"] not in names | used:
            used.add(framework[i]["name"])
            out.append(
                {"name": leaf["name"], "replaces": framework[i]["name"]}
                | {k: v for k, v in leaf.items() if k != "name"}
            )
        else:
            out.append(dict(leaf))
    out += [{"name": fw["name"], "drop": True} for fw in framework if fw["name"] not in used]
    return out
