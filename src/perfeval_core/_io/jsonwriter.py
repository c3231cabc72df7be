"""JSON as perfeval writes it: UTF-8 characters kept, two-space indent, Decimals exact."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import attrs

_MARK = "\x00"  # cannot occur in loaded text: the loader refuses control characters
_MARKED = re.compile(r'"\\u0000(-?[0-9.]+)"')


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
