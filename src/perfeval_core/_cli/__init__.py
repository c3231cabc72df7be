"""The ``perfeval`` command line: one module per command, imported only when it runs."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any

from .._errors import EXIT_INPUT, EXIT_OK
from .._version import version

#: command name → (module in this package, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "score": ("score", "score evaluations: 一级 subtotals, total and grade"),
    "check": ("check", "review evaluations: arithmetic, scoring, values, narrative, structure"),
    "export": ("export", "write evaluations as documents (docx, xlsx, json, …)"),
    "new": ("new", "write a blank evaluation for a framework, ready to fill in"),
    "frameworks": ("frameworks", "list the frameworks on the search path"),
    "framework": ("framework", "show or check one framework (inheritance resolved)"),
    "forms": ("forms", "list the forms (表样) on the search path"),
    "form": ("form", "show one form, or an evaluation laid out on it"),
    "plugins": ("plugins", "list plugins, what they register, and any that failed"),
    "import": ("import_files", "import evaluations from workbooks, Word documents, PDFs, text"),
    "import-text": ("import_text", "the same as import (its older name, for report text)"),
    "batch": ("batch", "score (and export) a whole directory, with a roll-up summary"),
    "completion": ("completion", "print a shell completion script (bash, zsh)"),
    "report": ("report", "write a batch as a review site: each project's page, and an index"),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every command's options — or, given the command ``only``,
    with that command's options alone (the others listed, their modules not imported: a
    command starts without importing what the other commands need)."""
    parser = argparse.ArgumentParser(
        prog="perfeval", description="Budget performance evaluation (项目支出绩效评价) as data."
    )
    parser.add_argument("--version", action="version", version=f"perfeval {version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        if only is None or name == only:
            _module(module_name).add_arguments(command)
        command.set_defaults(module=module_name)
    return parser


def _module(name: str) -> Any:
    return importlib.import_module(f"perfeval_core._cli.{name}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``perfeval`` script; returns the exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args in (["--version"], ["-V"]):  # the fast path: no parser, no plugins
        print(f"perfeval {version()}")
        return EXIT_OK
    parser = build_parser(args[0] if args and args[0] in COMMANDS else None)
    ns = parser.parse_args(args)
    if not getattr(ns, "command", None):
        parser.print_help()
        return EXIT_INPUT
    from .._errors import PerfevalError

    previous = _on_sigterm(_terminate)
    try:
        return int(_module(ns.module).run(ns) or 0)
    except PerfevalError as exc:
        print(f"perfeval: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("perfeval: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("perfeval: terminated", file=sys.stderr)
        return 143
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # the disk, not the input: a folder that is a file, no permission …
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"perfeval: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    finally:
        _on_sigterm(previous)


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C (temporary files removed, workers stopped)."""


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated


def _on_sigterm(handler: Any) -> Any:
    """Install ``handler`` for SIGTERM (in the main thread only); returns the previous one."""
    import signal
    import threading

    if handler is None or threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, handler)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
