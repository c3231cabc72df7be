"""Form texts with fields filled in: ``项目名称：{project.name}``, ``[（{project.year}年度）]``.

A template is text with fields in braces. A part in square brackets is left out when a field in
it has no value (``[填报单位：{project.unit}]`` gives nothing for a project without 填报单位; a
paragraph that comes out empty is left out). ``{{``, ``}}``, ``[[`` and ``]]`` stand for the
characters themselves. The fields are those of :data:`FIELDS`, ``section:名称`` (the text of the
narrative section of that name) and, in some places, a block's own (``points``, ``name``,
``weight``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

#: The fields every template may use, with what they show.
FIELDS: dict[str, str] = {
    "project.name": "项目名称",
    "project.unit": "填报单位",
    "project.year": "项目实施年度 (2024)",
    "project.start": "项目实施开始时间, written 2024/01",
    "project.end": "项目实施完成时间, written 2024/12",
    "project.department": "主管部门",
    "project.implementer": "实施单位",
    "project.content": "项目实施内容",
    "goal.target": "年度总体目标 › 预期目标",
    "goal.actual": "年度总体目标 › 实际完成情况",
    "budget.unit": "the money unit of the budget (万元 unless the evaluation says otherwise)",
    "budget.reason": "the reason for a low execution rate (原因)",
    "total": "the total score (总分)",
    "max": "the points of the table (normally 100)",
    "grade": "the grade (评价等级: 优, 良 …)",
    "narrative.title": "the 自评报告's own title",
    "framework.title": "the framework's title",
    "form.title": "the form's title",
}
#: The prefix of a field naming a narrative section: ``{section:存在问题}``.
SECTION = "section:"

Piece = str | tuple[str]  # literal text, or (field name,)


class TemplateError(ValueError):
    """A template that cannot be read (an unclosed brace or bracket)."""


@functools.lru_cache(maxsize=1024)
def parse(text: str) -> tuple[tuple[bool, tuple[Piece, ...]], ...]:
    """The template as segments: (optional, pieces); a piece is text or ``(field,)``."""
    segments: list[tuple[bool, tuple[Piece, ...]]] = []
    pieces: list[Piece] = []
    optional = False
    literal: list[str] = []
    i, n = 0, len(text)

    def flush_literal() -> None:
        if literal:
            pieces.append("".join(literal))
            literal.clear()

    def close(next_optional: bool) -> None:
        nonlocal optional, pieces
        flush_literal()
        if pieces:
            segments.append((optional, tuple(pieces)))
        pieces, optional = [], next_optional

    while i < n:
        ch = text[i]
        pair = text[i : i + 2]
        if pair in ("{{", "}}", "[[", "]]"):
            literal.append(ch)
            i += 2
        elif ch == "{":
            end = text.find("}", i)
            if end < 0:
                raise TemplateError(f"{text!r}: a brace {{ is not closed")
            name = text[i + 1 : end].strip()
            if not name:
                raise TemplateError(f"{text!r}: empty field {{}}")
            flush_literal()
            pieces.append((name,))
            i = end + 1
        elif ch == "}":
            raise TemplateError(f"{text!r}: a closing brace }} without an opening one")
        elif ch == "[":
            if optional:
                raise TemplateError(f"{text!r}: brackets [ ] cannot be nested")
            close(True)
            i += 1
        elif ch == "]":
            if not optional:
                raise TemplateError(f"{text!r}: a closing bracket ] without an opening one")
            close(False)
            i += 1
        else:
            literal.append(ch)
            i += 1
    if optional:
        raise TemplateError(f"{text!r}: a bracket [ is not closed")
    close(False)
    return tuple(segments)


def names(text: str) -> list[str]:
    """The fields a template uses, in order."""
    return [p[0] for _, pieces in parse(text) for p in pieces if isinstance(p, tuple)]


def fill(text: str, facts: Mapping[str, str | None]) -> str:
    """The template with its fields filled in from ``facts`` (a missing field is empty, and
    drops the bracketed part it is in)."""
    out: list[str] = []
    for optional, pieces in parse(text):
        parts: list[str] = []
        for piece in pieces:
            if isinstance(piece, str):
                parts.append(piece)
                continue
            value = facts.get(piece[0])
            if not value:
                if optional:
                    parts = []
                    break
                value = ""
            parts.append(value)
        out.extend(parts)
    return "".join(out)


_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[、.．])\s*"
)


def section_name(heading: str) -> str:
    """A narrative heading without its numbering: ``四、存在问题`` → ``存在问题``."""
    return _NUMBERING.sub("", heading).strip()
