"""The version of the installed perfeval-core distribution, from its metadata."""

from __future__ import annotations

import functools


@functools.cache
def version() -> str:
    """``0.1.0``: what the installed distribution says (``0+unknown`` when not installed)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as distribution_version

    try:
        return distribution_version("perfeval-core")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"
