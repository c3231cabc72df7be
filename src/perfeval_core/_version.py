"""The version of the installed perfeval-core distribution, from its metadata."""

from __future__ import annotations

import functools
import os
import sys

#: The distribution's metadata folder is ``perfeval_core-<version>.dist-info`` (PEP 427).
_DIST_INFO = "perfeval_core-"


@functools.cache
def version() -> str:
    """``0.1.0``: what the installed distribution says (``0+unknown`` when not installed).

    The metadata file is found on ``sys.path`` directly, as the installer laid it out, because
    ``importlib.metadata`` takes longer to import than ``perfeval --version`` takes in all;
    ``importlib.metadata`` answers when the folder is not there (a zip, another layout).
    """
    found = _from_dist_info()
    if found is not None:
        return found
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as distribution_version

    try:
        return distribution_version("perfeval-core")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def _from_dist_info() -> str | None:
    """The ``Version:`` of the first ``perfeval_core-*.dist-info/METADATA`` on ``sys.path``."""
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if not (name.startswith(_DIST_INFO) and name.endswith(".dist-info")):
                continue
            try:
                with open(os.path.join(entry, name, "METADATA"), encoding="utf-8") as f:
                    for line in f:
                        if line.startswith("Version:"):
                            return line.split(":", 1)[1].strip()
                        if not line.strip():  # the headers end at the first blank line
                            break
            except OSError:
                continue
    return None
