"""JSON as perfeval writes it: UTF-8 characters kept, two-space indent, Decimals exact."""

from __future__ import annotations

import json
import re
import secrets
from decimal import Decimal
from typing import Any

import attrs

#: Marks a Decimal's text for its quotes to be removed: a control character (a file cannot hold
#: one) and a token drawn at random per process, so that no text, not even one built in Python,
#: can pass for a number.
_MARK = f"\x00{secrets.token_hex(8)}:"
_MARKED = re.compile('"' + re.escape(json.dumps(_MARK)[1:-1]) + r'(-?[0-9.]+)"')


def dumps(data: Any) -> str:
    """JSON text, UTF-8 characters kept, two-space indent, Decimals as exact numbers."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=_default)
    return _MARKED.sub(r"\1", text)


def _default(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return _MARK + format(obj, "f")
    if isinstance(obj, tuple):
        return list(obj)
    if attrs.has(type(obj)):  # a rule parameter such as a Band of a bands rule
        return attrs.asdict(obj, recurse=False)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")
