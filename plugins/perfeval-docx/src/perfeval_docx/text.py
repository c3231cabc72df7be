"""Text as it goes into the document: cleaned of what XML cannot hold, split into paragraphs,
numbers written exactly from their Decimals."""

from __future__ import annotations

import re
from decimal import Decimal

from perfeval_core import format_number

# Characters XML 1.0 cannot hold (C0 controls but tab and newline, DEL, lone surrogates, the two
# non-characters U+FFFE/U+FFFF). The loader already rejects control characters; this is the
# guard for scorecards built in Python.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BLANK_LINES = re.compile(r"\n[ \t\u3000]*\n\s*")


def clean(text: str | None) -> str:
    """``text`` safe for WordprocessingML: line ends as ``\\n``, invalid characters removed."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVALID.sub("", text)


def paragraphs(text: str | None) -> list[str]:
    """A narrative text's paragraphs: split on blank lines, stripped, empty ones dropped."""
    body = clean(text).strip()
    if not body:
        return []
    return [p.strip() for p in _BLANK_LINES.split(body) if p.strip()]


def number(value: Decimal | None) -> str:
    """A score or a weight as every output shows it (``9.5``, ``12``); None is empty."""
    if value is None or not value.is_finite():
        return ""
    return format_number(value)
