"""``perfeval score FILE...``: per evaluation the 一级 subtotals, the total and the grade."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .._errors import exit_code
from .._model.numbers import format_number as fmt
from .._model.tree import show_path
from .common import STDIO, add_files_argument, add_policy_argument, load_all, pad, width

if TYPE_CHECKING:
    from .._model.scoring import Scorecard


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_files_argument(parser)
    add_policy_argument(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON array, one object per file, a file that failed with its error "
        "(see docs/cli.md)",
    )


def run(args: argparse.Namespace) -> int:
    if args.json:
        from .._export.data import scorecard_data
        from .._io.jsonwriter import dumps

    entries, failed = [], 0
    for loaded in load_all(args.files, args.policy):
        card = loaded.card
        if card is None:
            failed += 1
            if args.json:
                entries.append(loaded.failure_data())
        elif args.json:
            data = scorecard_data(card)
            if loaded.file == STDIO:
                data["file"] = STDIO
            entries.append(data)
        else:
            print_card(card)
    if args.json:
        sys.stdout.write(dumps(entries) + "\n")
    return exit_code(failed=bool(failed), errors=False)


def print_card(card: Scorecard) -> None:
    """The text form: a heading, one line per 一级, the total and the grade — or, for an
    incomplete evaluation, 未完成 and each leaf without a score with the reason."""
    ev = card.evaluation
    facts = " · ".join(str(x) for x in (ev.project.unit, ev.project.year, ev.framework.id) if x)
    print(f"{ev.project.name}  ({ev.path})" if ev.path else ev.project.name)
    print(f"  {facts}")
    names = [lv.indicator.name for lv in card.levels] + ["总计"]
    col = max(width(n) for n in names) + 2
    for lv in card.levels:
        print(f"  {pad(lv.indicator.name, col)}{fmt(lv.score):>8} / {fmt(lv.weight)}")
    print(f"  {pad('总计', col)}{fmt(card.total):>8} / {fmt(card.max)}  {card.grade_label}")
    missing = card.unscored
    if missing:
        leaves = "1 leaf" if len(missing) == 1 else f"{len(missing)} leaves"
        print(f"  no grade: {leaves} without a score (counted as 0 in the total)")
        for leaf in missing:
            print(f"    {show_path(leaf.path)}: {leaf.why_unscored}")
    print()
