"""``perfeval plugins``: every plugin, its version, what it registers, and any error.

Exit code 2 when a plugin failed to load (or registered something refused), else 0.
"""

from __future__ import annotations

import argparse
import sys

from .._errors import exit_code

#: A plugin taking longer than this (s) to load and register is pointed out.
SLOW = 0.5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print as JSON")


def run(args: argparse.Namespace) -> int:
    import attrs

    from .._io.jsonwriter import dumps
    from .._plugins.host import get_registry

    plugins = list(get_registry().plugins.values())
    code = exit_code(failed=any(p.error for p in plugins), errors=False)
    if args.json:
        rows = [attrs.asdict(p) | {"seconds": round(p.seconds, 3)} for p in plugins]
        sys.stdout.write(dumps(rows) + "\n")
        return code
    for info in plugins:
        version = f" {info.version}" if info.version else ""
        status = f"  FAILED: {info.error}" if info.error else ""
        print(f"{info.name}{version}{status}")
        for item in info.registered:
            print(f"  {item}")
        slow = " — slow: every perfeval command waits this long" if info.seconds >= SLOW else ""
        print(f"  loaded in {info.seconds * 1000:,.0f} ms{slow}")
    return code
