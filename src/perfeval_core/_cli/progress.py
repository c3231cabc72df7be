"""A progress bar for the terminal: one line, as wide as the terminal, with the count, the rate
and the time left, redrawn in place and cleared without a trace.

No library: the whole bar is these few lines, and the command stays quick to start.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

#: The narrowest bar drawn; in a terminal narrower than this and the counts, only the counts.
MIN_BAR = 10
#: Redraws per second, at most.
_REDRAW = 0.1
#: Seconds before the rate and the time left are shown.
_SETTLE = 0.5


def clock(seconds: float) -> str:
    """``0:07``, ``12:34``, ``1:02:03``: a duration as a clock shows it."""
    whole = int(seconds + 0.5)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def line(done: int, total: int, elapsed: float, columns: int) -> str:
    """The bar's text for ``done`` of ``total`` after ``elapsed`` seconds, shorter than
    ``columns`` (a line that fills the last column wraps in some terminals). The rate and the
    time left are shown after half a second (the first files say little about the rest)."""
    finished = done >= total
    known = done > 0 and (elapsed >= _SETTLE or (finished and elapsed > 0))
    rate = done / elapsed if known else 0.0
    if finished:
        left = f"in {clock(elapsed)}"
    elif known:
        left = f"ETA {clock((total - done) / rate)}"
    else:
        left = "ETA --:--"
    percent = 100 * done // total if total else 100
    shown_rate = "--/s" if not known else f"{rate:,.1f}/s" if rate < 10 else f"{rate:,.0f}/s"
    digits = len(str(total))
    counts = f" {done:>{digits}}/{total} {percent:3d}%  {shown_rate:>7}  {left}"
    room = columns - 1 - len(counts) - 2  # the brackets
    if room < MIN_BAR:
        return counts.strip()[: max(columns - 1, 0)]
    filled = room * done // total if total else room
    return f"[{'#' * filled}{'.' * (room - filled)}]{counts}"


class ProgressBar:
    """``bar(done, total)`` after each item; ``clear()`` before printing a message under it,
    ``finish()`` at the end (the final state stays on its line), ``clear()`` on an interrupt.

    The width is asked of the terminal at every redraw, so a resized window gets a bar that
    fits; redraws happen at most ten times a second, and always for the last item.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        columns: Callable[[], int] | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.columns = columns or _terminal_columns
        self.now = now
        self.start = now()
        self.last = float("-inf")
        self.text = ""

    def __call__(self, done: int, total: int) -> None:
        now = self.now()
        if done < total and now - self.last < _REDRAW:
            return
        self.last = now
        text = line(done, total, now - self.start, self.columns())
        # spaces over what is left of a longer previous text (a window made narrower)
        tail = " " * max(0, len(self.text) - len(text))
        self.stream.write("\r" + text + tail)
        self.stream.flush()
        self.text = text

    def clear(self) -> None:
        """Blank the bar's line and put the cursor at its start."""
        if self.text:
            self.stream.write("\r" + " " * len(self.text) + "\r")
            self.stream.flush()
            self.text = ""
            self.last = float("-inf")

    def finish(self) -> None:
        """End the bar's line, leaving its last state on screen."""
        if self.text:
            self.stream.write("\n")
            self.stream.flush()
            self.text = ""


def _terminal_columns() -> int:
    import shutil  # not at start-up: shutil brings the archive modules

    return shutil.get_terminal_size().columns
