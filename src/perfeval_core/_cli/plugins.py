"""``perfeval plugins``: every plugin, its version, what it registers, and any error.

Exit code 2 when a plugin failed to load (or registered something refused), else 0.
"""

from __future__ import annotations

import argparse
import sys

from .._errors import exit_code


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print as JSON")


def run(args: argparse.Namespace) -> int:
    import attrs

    from .._io.jsonwriter import dumps
    from .._plugins.host import get_registry

    plugins = list(get_registry().plugins.values())
    code = exit_code(failed=any(p.error for p in plugins), errors=False)
    if args.json:
        sys.stdout.write(dumps([attrs.asdict(p) for p in plugins]) + "\n")
        return code
    for info in plugins:
        version = f" {info.version}" if info.version else ""
        status = f"  FAILED: {info.error}" if info.error else ""
        print(f"{info.name}{version}{status}")
        for item in info.registered:
            print(f"  {item}")
    return code
