"""How to install one of perfeval's own plugin distributions: the command a hint names.

In a checkout of perfeval (the core installed from ``src/``, the plugins beside it under
``plugins/``) that is ``make setup``; anywhere else the distribution comes from an index.
"""

from __future__ import annotations

from pathlib import Path

#: The export and summary formats that perfeval's own plugin distributions register.
FORMAT_PLUGINS = {"docx": "perfeval-docx", "xlsx": "perfeval-xlsx"}
#: The file suffixes perfeval's own import plugin reads (``perfeval import``).
IMPORT_SUFFIXES = {
    suffix: "perfeval-import"
    for suffix in (
        ".xlsx",
        ".xlsm",
        ".xltx",
        ".xltm",
        ".xls",
        ".xlsb",
        ".ods",
        ".docx",
        ".docm",
        ".dotx",
        ".pdf",
        ".txt",
        ".tsv",
        ".text",
    )
}
#: The blank formats (``perfeval new --format``) that perfeval's own plugins register.
BLANK_PLUGINS = {"xlsx": "perfeval-import"}


def checkout() -> Path | None:
    """The perfeval checkout this core runs from (an editable install), or None."""
    root = Path(__file__).resolve().parents[3]  # <root>/src/perfeval_core/_plugins/install.py
    if (root / "Makefile").is_file() and (root / "plugins").is_dir():
        return root
    return None


def install_hint(distribution: str) -> str:
    """``make setup`` (run in the checkout) when there is one with ``distribution`` in it, else
    ``pip install <distribution>``."""
    root = checkout()
    if root is not None and (root / "plugins" / distribution / "pyproject.toml").is_file():
        return f"install it with `make setup` in {root}"
    return f"install it with `pip install {distribution}`"
