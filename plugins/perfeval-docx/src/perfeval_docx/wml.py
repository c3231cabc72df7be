"""WordprocessingML fragments written as text: runs and paragraphs with explicit fonts.

Building the body as markup and parsing it once is several times faster than python-docx's
object API, and lets every run carry its East Asian font (``w:eastAsia``) explicitly, which WPS
and older Word versions honour even when they ignore the style's.
"""

from __future__ import annotations

from .style import Font
from .text import clean

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def esc(text: str) -> str:
    """``text`` escaped for an attribute value (or an element's content)."""
    return text.translate(_ESCAPES)


def esc_text(text: str) -> str:
    """``text`` escaped for an element's content, as lxml writes it (quotes left as they are)."""
    return text.translate(_TEXT_ESCAPES)


def rfonts(font: Font) -> str:
    """``w:rFonts`` naming the Latin and the East Asian face (never a theme font)."""
    latin, east = esc(font.latin), esc(font.east_asia)
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}"/>'


def rpr(font: Font) -> str:
    """Run properties for ``font``: faces, weight, colour, size."""
    bold = "<w:b/><w:bCs/>" if font.bold else ""
    color = f'<w:color w:val="{font.color}"/>' if font.color else ""
    size = f'<w:sz w:val="{font.size}"/><w:szCs w:val="{font.size}"/>'
    return f"<w:rPr>{rfonts(font)}{bold}{color}{size}</w:rPr>"


def run(text: str, font: Font) -> str:
    """One run: line breaks become ``w:br``, tabs ``w:tab``; empty text gives no run."""
    text = clean(text)
    if not text:
        return ""
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{esc_text(piece)}</w:t>')
    return f"<w:r>{rpr(font)}{''.join(parts)}</w:r>"


def paragraph(
    text: str,
    style: str,
    font: Font,
    *,
    align: str | None = None,
    page_break_before: bool = False,
    keep_next: bool = False,
) -> str:
    """A paragraph of style ``style`` holding ``text`` in ``font``."""
    ppr = f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        ppr += "<w:keepNext/>"
    if page_break_before:
        ppr += "<w:pageBreakBefore/>"
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run(text, font)}</w:p>"
