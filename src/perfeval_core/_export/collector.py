"""The cyclic garbage collector paused while a document is made."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off inside the block, its state restored afterwards.

    A renderer makes tens of thousands of short-lived objects (no cycles: reference counting
    frees them), and every full collection would scan the whole scorecard again — time that
    grows with the square of the rows.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
