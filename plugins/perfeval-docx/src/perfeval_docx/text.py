"""Text as it goes into the document: cleaned of what XML cannot hold.

A layout's text is clean already; this is the guard for layouts built by hand.
"""

from __future__ import annotations

import re

# Characters XML 1.0 cannot hold (C0 controls but tab and newline, DEL, lone surrogates, the two
# non-characters U+FFFE/U+FFFF).
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str | None) -> str:
    """``text`` safe for WordprocessingML: line ends as ``\\n``, invalid characters removed."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVALID.sub("", text)
