"""What several commands share: expanding paths, loading and scoring files one by one,
reporting bad input without stopping, and aligning Chinese text in columns."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .._errors import PerfevalError
    from .._model.scoring import Scorecard


def add_files_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="evaluation files (.toml), folders of them, or - for standard input",
    )


def add_policy_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy", metavar="ID", help="grade with this policy instead of the framework's"
    )


#: What stands for standard input or output where a file is read or written.
STDIO = "-"


def sources(paths: list[str]) -> list[tuple[Path | str, bool]]:
    """Files as given; folders become their ``*.toml`` files, sorted, recursively, each with
    whether it was found in a folder; ``-`` (standard input) stays ``-`` and may be given once."""
    from .._batch.inputs import expand_sources
    from .._errors import InputError

    if paths.count(STDIO) > 1:
        raise InputError("standard input (-) is given more than once", hint="give - once")
    out: list[tuple[Path | str, bool]] = []
    for p in paths:
        if p == STDIO:
            out.append((STDIO, False))
        else:
            out.extend(expand_sources([p]))
    return out


class Loaded(NamedTuple):
    """One file of a command's arguments, scored, or the error that stopped it."""

    file: str  # as named on the command line (folders expanded), ``-`` for standard input
    card: Scorecard | None = None
    error: PerfevalError | None = None

    @property
    def shown(self) -> str:
        """The file as the text output names it (``<stdin>`` for ``-``)."""
        from .._io.reading import STDIN_NAME

        return STDIN_NAME if self.file == STDIO else self.file

    def failure_data(self) -> dict[str, Any]:
        """A failed file as an entry of a ``--json`` array: the file and its error."""
        assert self.error is not None
        return {"file": self.file, "error": self.error.as_dict()}


def load_all(paths: list[str], policy_id: str | None = None) -> Iterator[Loaded]:
    """Load and score each file (``-``: standard input); a bad file is reported on stderr and
    comes with its error, and the others go on."""
    from .._batch.inputs import skip_note
    from .._errors import PerfevalError, WrongKindError
    from .._loading.evaluations import load_evaluation, loads_evaluation
    from .._model.scoring import score
    from .._plugins.host import get_registry

    warn_broken_plugins()
    policy = get_registry().policy(policy_id) if policy_id else None
    for path, found in sources(paths):
        try:
            if path == STDIO:
                from .._io.reading import STDIN_NAME, read_stream

                text = read_stream(sys.stdin.buffer)
                evaluation = loads_evaluation(text, file=STDIN_NAME, base_dir=Path.cwd())
            else:
                evaluation = load_evaluation(path)
            yield Loaded(str(path), score(evaluation, policy))
        except WrongKindError as exc:
            if found and exc.kind == "framework":
                print(skip_note(Path(path)), file=sys.stderr)
                continue
            report(exc)
            yield Loaded(str(path), error=exc)
        except PerfevalError as exc:
            report(exc)
            yield Loaded(str(path), error=exc)


def scorecards(paths: list[str], policy_id: str | None = None) -> Iterator[Scorecard | None]:
    """Load and score each file; a bad file is reported on stderr and yields None."""
    for loaded in load_all(paths, policy_id):
        yield loaded.card


def report(exc: Exception) -> None:
    print(f"perfeval: error: {exc}", file=sys.stderr)


def warn_broken_plugins() -> None:
    from .._plugins.host import get_registry

    for info in get_registry().broken():
        print(
            f"perfeval: warning: plugin {info.name!r} is not loaded: {info.error} "
            "(`perfeval plugins` lists plugins)",
            file=sys.stderr,
        )


def width(text: str) -> int:
    """Display width in a terminal: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    """``text`` padded with spaces to ``columns`` display columns."""
    return text + " " * max(0, columns - width(text))
