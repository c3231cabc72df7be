"""A form file (表样, ``forms/*.toml``) as attrs classes, key by key (docs/forms.md).

A form is a list of parts (page groups, sheets), each a list of blocks: paragraphs, the
narrative's sections, and table blocks — ``fields`` (label and value cells), ``budget`` (the
项目资金 block), ``indicators`` (the 绩效指标 grid), ``total`` (总分 / 总计 / 合计) and
``scoring-detail`` (the reviewer's 计分明细). Consecutive table blocks form one table.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class CellSpec:
    """A cell of a ``fields`` block: its text (a template with fields) and its spans."""

    text: str = ""
    span: int = 1
    rowspan: int = 1
    align: str | None = None
    style: str | None = None


@attrs.frozen
class SourceSpec:
    """A row of the budget block: which money it shows (``total`` or a source) and its label."""

    source: str
    label: str


@attrs.frozen
class ColumnSpec:
    """A column of a ``budget`` or ``indicators`` block: the field it shows and its heading."""

    field: str
    label: str = ""
    span: int = 1
    group: str | None = None
    total_only: bool = False
    merge: bool = False


@attrs.frozen
class BlockSpec:
    """One block of a part; ``type`` says which, and which keys it takes (docs/forms.md)."""

    type: str = "paragraph"
    text: str = ""
    fallback: str = ""
    style: str | None = None
    align: str | None = None
    label: str = ""
    head: str = ""
    head_span: int = 1
    rows: tuple[tuple[CellSpec, ...], ...] = ()
    sources: tuple[SourceSpec, ...] = ()
    columns: tuple[ColumnSpec, ...] = ()
    levels: tuple[str, ...] = ()
    group_text: tuple[str, ...] = ()
    indicator: str | None = None
    blank: str = ""
    keep_empty: bool = False
    not_applicable: str = "不适用"


@attrs.frozen
class PartSpec:
    """A part: a page group of a document, a sheet of a workbook."""

    name: str
    role: str = "form"
    narrative: str | None = None
    orientation: str = "portrait"
    header: str = ""
    blocks: tuple[BlockSpec, ...] = ()


@attrs.frozen
class FormSpec:
    """A form file."""

    id: str
    title: str = ""
    description: str = ""
    source: str = ""
    parts: tuple[PartSpec, ...] = ()
