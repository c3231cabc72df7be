"""Numbers as people read them: one way to show a score, a weight or an amount everywhere.

A number is shown with the digits it has, without trailing zeros after the point (``17.90`` is
``17.9``, ``12.00`` is ``12``), never in exponent form; a missing number is ``—``. The terminal,
the checks' messages, the summaries and every document show a number this way.
"""

from __future__ import annotations

from decimal import Decimal


def format_number(value: Decimal | int | None, *, none: str = "—") -> str:
    """``value`` as shown to a reader: ``17.9``, ``12``, ``0.5``; ``none`` when it is None."""
    if value is None:
        return none
    if isinstance(value, int):
        return str(value)
    if not value.is_finite():
        return str(value)
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
