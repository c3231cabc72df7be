"""The template engine: one Jinja2 environment, autoescaping on, undefined names an error, and
the filters the templates share (numbers as perfeval shows them, links, labels)."""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Any

import jinja2

from perfeval_core import __version__, format_number

#: Severity labels as the pages show them.
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}

#: ASCII characters that cannot stand in a link as they are; other text (Chinese names) stays
#: readable and the browser encodes it (UTF-8) when it follows the link.
_NOT_IN_LINK = re.compile(r'[\x00-\x20"#%<>?\\^`{|}\x7f]')


def href(path: str) -> str:
    """A relative path as a link target: the characters a URL would misread percent-encoded."""
    return _NOT_IN_LINK.sub(lambda m: f"%{ord(m.group()):02X}", path)


@functools.lru_cache(maxsize=1024)
def number(value: Decimal | None) -> str:
    """A number as every perfeval output shows it (``9.5``, ``98``); empty for None. (Equal
    numbers show alike, so the few a batch has are remembered.)"""
    return "" if value is None else format_number(value)


@functools.cache
def environment() -> jinja2.Environment:
    """The environment of every page (built once per process)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("perfeval_html", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["href"] = href
    env.filters["number"] = number
    env.filters["severity"] = lambda s: SEVERITY.get(str(s), str(s))
    env.globals["generator"] = f"perfeval {__version__}"
    return env


def render(template: str, **context: Any) -> bytes:
    """The template rendered with ``context``, as UTF-8."""
    return environment().get_template(template).render(**context).encode("utf-8")
