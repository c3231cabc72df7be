"""What several commands share: expanding paths, loading and scoring files one by one,
reporting bad input without stopping, and aligning Chinese text in columns."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._model.scoring import Scorecard


def add_files_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="evaluation files (.toml), or folders of them"
    )


def add_policy_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy", metavar="ID", help="grade with this policy instead of the framework's"
    )


def expand(paths: list[str]) -> list[Path]:
    """Files as given; folders become their ``*.toml`` files, sorted, recursively."""
    from .._batch.batch import expand as expand_paths

    return expand_paths(paths)


def scorecards(paths: list[str], policy_id: str | None = None) -> Iterator[Scorecard | None]:
    """Load and score each file; a bad file is reported on stderr and yields None. A
    framework file found in a folder (beside its evaluations) is skipped with a note."""
    from .._batch.batch import expand_sources, skip_note
    from .._errors import PerfevalError, WrongKindError
    from .._loading.evaluations import load_evaluation
    from .._model.scoring import score
    from .._plugins.host import get_registry

    warn_broken_plugins()
    policy = get_registry().policy(policy_id) if policy_id else None
    for path, found in expand_sources(paths):
        try:
            yield score(load_evaluation(path), policy)
        except WrongKindError as exc:
            if found and exc.kind == "framework":
                print(skip_note(path), file=sys.stderr)
                continue
            report(exc)
            yield None
        except PerfevalError as exc:
            report(exc)
            yield None


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
