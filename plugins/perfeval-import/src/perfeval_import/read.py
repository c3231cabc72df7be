"""`read(path)`: pick the reader for a file by its suffix, after a look at its first bytes.

The bytes win over the name where they disagree in a way the reader cannot handle: an "xls"
that is an HTML page or an XML Spreadsheet 2003 (web systems export those), a Word 97 .doc
renamed .docx, a password-protected Office file (an OLE container around the encrypted zip).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .errors import ReadError
from .grid import Document

__all__ = ["SUFFIXES", "read"]

SUFFIXES: dict[str, str] = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xltx": "xlsx",
    ".xltm": "xlsx",
    ".xls": "xlsx",
    ".xlsb": "xlsx",
    ".ods": "xlsx",
    ".docx": "docx",
    ".docm": "docx",
    ".dotx": "docx",
    ".pdf": "pdf",
    ".txt": "text",
    ".tsv": "text",
    ".text": "text",
}
_ZIP, _OLE, _PDF = b"PK\x03\x04", bytes.fromhex("D0CF11E0A1B11AE1"), b"%PDF"
_SAVE_AS = {
    ".doc": "open it in Word or WPS and save it as .docx",
    ".wps": "open it in WPS and save it as .docx",
    ".et": "open it in WPS and save it as .xlsx",
    ".csv": "open it in Excel or WPS and save it as .xlsx, or give the text as .txt with "
    "tab-separated cells",
    ".ofd": "open it in the OFD reader and print it to PDF",
}


def read(path: str | os.PathLike[str]) -> Document:
    """Read a workbook, Word document, PDF or tab-separated text into a `Document`."""
    source = os.fspath(path)
    suffix = Path(source).suffix.lower()
    kind = SUFFIXES.get(suffix)
    if kind is None:
        hint = _SAVE_AS.get(
            suffix,
            "give an .xlsx/.xls/.ods workbook, a .docx, a .pdf with a "
            "text layer, or a .txt of tab-separated rows",
        )
        raise ReadError(source, f"cannot read {suffix or 'files without a suffix'} files", hint)
    try:
        with open(source, "rb") as fh:
            head = fh.read(2048)
    except FileNotFoundError as exc:
        raise ReadError(source, "no such file", "check the path") from exc
    except OSError as exc:
        raise ReadError(
            source, f"cannot open the file: {exc.strerror}", "check that the file can be read"
        ) from exc
    if not head:
        raise ReadError(source, "the file is empty", "export or save it again")
    kind = _sniff(source, suffix, kind, head)
    return _readers()[kind](source)


def _sniff(source: str, suffix: str, kind: str, head: bytes) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if kind in ("xlsx", "docx") and head.startswith(_OLE):
        if is_encrypted_office(source):
            raise encrypted_error(source, kind)
        return kind  # .xls is OLE by nature; a renamed .doc is reported by the docx reader
    if kind == "xlsx" and not head.startswith(_ZIP) and not head.startswith(_OLE):
        if (
            text.startswith((b"<html", b"<!doctype html", b"<table", b"<meta", b"<head"))
            or b"<html" in text[:512]
        ):
            raise ReadError(
                source,
                f"this {suffix} is a web page (HTML), not a workbook",
                "open it in Excel or WPS and save it as .xlsx (Excel 工作簿)",
            )
        if text.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
            raise ReadError(
                source,
                f"this {suffix} is an XML Spreadsheet 2003, not a workbook calamine reads",
                "open it in Excel or WPS and save it as .xlsx",
            )
        if head.startswith(_PDF):
            return "pdf"
    if kind == "pdf" and not head.startswith(_PDF) and _PDF not in head[:1024]:
        raise ReadError(source, "this is not a PDF file", "give the PDF itself, or its original")
    if kind == "docx" and head.startswith(_ZIP):
        return "docx"
    return kind


def is_encrypted_office(source: str) -> bool:
    """True for a password-protected Office file: an OLE container holding the encrypted
    zip as its "EncryptedPackage" stream."""
    with open(source, "rb") as fh:
        data = fh.read(1 << 20)
    return data.startswith(_OLE) and "EncryptedPackage".encode("utf-16-le") in data


def encrypted_error(source: str, kind: str) -> ReadError:
    what, program = ("workbook", "Excel") if kind == "xlsx" else ("document", "Word")
    return ReadError(
        source,
        f"the {what} is protected by a password (encrypted)",
        f"open it in {program} or WPS with the password, remove it (文件 → 信息 → "
        "保护 → 用密码进行加密, clear the password) and save a copy",
    )


def _readers() -> dict[str, Callable[[str], Document]]:
    from .read_docx import read_docx
    from .read_pdf import read_pdf
    from .read_text import read_text
    from .read_xlsx import read_xlsx

    return {"xlsx": read_xlsx, "docx": read_docx, "pdf": read_pdf, "text": read_text}
