"""The batch progress bar: as wide as the terminal, with count, rate and time left, and gone
without a trace when the run is interrupted."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from perfeval_core._batch import batch
from perfeval_core._cli import main
from perfeval_core._cli.progress import ProgressBar, clock, line

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("columns", [20, 31, 40, 60, 80, 132, 300])
@pytest.mark.parametrize("done", [0, 1, 450, 999, 1000])
def test_the_line_never_reaches_the_last_column(columns, done):
    text = line(done, 1000, 12.0, columns)
    assert len(text) <= columns - 1
    assert text.startswith(("[", f"{done}/1000"))


def test_the_bar_takes_the_width_the_counts_leave():
    # the counts take 34 columns, the brackets 2, the last column stays empty: 43 for the bar,
    # a quarter of it (10) filled
    counts = "  250/1000  25%     50/s  ETA 0:15"
    assert len(counts) == 34
    assert line(250, 1000, 5.0, 80) == "[" + "#" * 10 + "." * 33 + "]" + counts
    # 250 of 1000 in 5 s is 50/s: the remaining 750 take 15 s
    narrow = line(250, 1000, 5.0, 40)
    assert narrow == "250/1000  25%     50/s  ETA 0:15"  # no room for a bar: the counts only


def test_rate_and_time_left_wait_for_half_a_second_and_the_end_says_how_long():
    assert line(3, 100, 0.2, 80).endswith("3/100   3%     --/s  ETA --:--")
    assert line(30, 100, 6.0, 80).endswith(" 30/100  30%    5.0/s  ETA 0:14")
    assert line(100, 100, 75.0, 80).endswith("100/100 100%    1.3/s  in 1:15")


def test_clock():
    assert [clock(s) for s in (0, 7.4, 59.6, 754, 3723)] == [
        "0:00",
        "0:07",
        "1:00",
        "12:34",
        "1:02:03",
    ]


def test_redraws_follow_the_terminal_width_and_clear_leaves_a_blank_line():
    stream = io.StringIO()
    widths = iter([80, 40])
    times = iter([0.0, 1.0, 2.0])
    bar = ProgressBar(stream, columns=lambda: next(widths), now=lambda: next(times))
    bar(1, 4)
    bar(2, 4)  # the window was made narrower: the old text is overwritten with spaces
    first, second = stream.getvalue().split("\r")[1:]
    assert len(first) == 79 and len(second) == 79
    assert second.rstrip(" ") == line(2, 4, 2.0, 40)
    bar.clear()
    assert stream.getvalue().endswith("\r" + " " * len(line(2, 4, 2.0, 40)) + "\r")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_ctrl_c_clears_the_bar_before_the_message(monkeypatch, tmp_path):
    """An interrupt on the third file: the bar's line is blanked and the message starts at the
    beginning of a clean line."""
    real = batch._process
    calls = []

    def interrupted(path, job):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(path, job)

    monkeypatch.setattr(batch, "_process", interrupted)
    monkeypatch.setattr("perfeval_core._cli.progress._REDRAW", 0.0)
    err = _Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["batch", str(ROOT / "examples" / "rugao-2024")]) == 130
    *drawn, blank, message = err.getvalue().split("\r")
    assert drawn[-1].startswith("[") and " 2/13 " in drawn[-1]
    assert blank == " " * len(drawn[-1].rstrip(" ")) or blank.strip() == ""
    assert message == "perfeval: interrupted\n"


def test_no_bar_when_stderr_is_not_a_terminal(capsys):
    assert main(["batch", str(ROOT / "examples" / "national")]) == 0
    assert capsys.readouterr().err == ""
