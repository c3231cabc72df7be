"""The TOML parser: tomli's compiled (mypyc) wheel when it is installed, else the standard
library's ``tomllib`` — the same parser (tomli < 2.4 reads TOML 1.0, as ``tomllib`` does), the
same results and the same error messages, about three times faster (docs/performance.md).

A pure-Python tomli is no faster than ``tomllib``, so only the compiled one is used. The
compiled parser runs out of stack a little earlier than ``tomllib`` on absurdly nested input
(≈ 400 levels): such a text is parsed again with ``tomllib``, so that even its error is the same.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from decimal import Decimal
from typing import Any


def _compiled() -> tuple[Callable[..., dict[str, Any]], type[ValueError]] | None:
    """tomli's ``loads`` and its error class when tomli is installed compiled, else None."""
    try:
        import tomli
        import tomli._parser
    except ImportError:
        return None
    if not tomli._parser.__file__.endswith((".so", ".pyd")):
        return None  # the pure-Python wheel
    return tomli.loads, tomli.TOMLDecodeError


_FAST = _compiled()
#: Whether the compiled tomli parses (for ``perfeval --version`` and the benchmarks).
COMPILED = _FAST is not None
#: The errors :func:`loads` raises for invalid TOML (``str(exc)`` ends ``(at line L, column C)``).
TOMLDecodeError: tuple[type[ValueError], ...] = (
    (tomllib.TOMLDecodeError, _FAST[1]) if _FAST is not None else (tomllib.TOMLDecodeError,)
)


def loads(text: str) -> dict[str, Any]:
    """``text`` parsed as TOML, floats as exact Decimals."""
    if _FAST is not None:
        try:
            return _FAST[0](text, parse_float=Decimal)
        except RecursionError:
            pass  # tomllib goes a little deeper: let it parse, or fail, as it always has
    return tomllib.loads(text, parse_float=Decimal)
