"""Saving the package byte for byte the same each time.

python-docx stamps every zip member with the current time; here the members are written in a
fixed order (content types, package relationships, then each part and its relationships in the
order the relationships reach them) with a fixed timestamp, into memory first so that the bytes
do not depend on whether the target stream can seek.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any, BinaryIO

from .template import content_types_xml

#: The timestamp of every zip member, and the created / modified dates of the document. A
#: constant: nothing variable goes into the file.
FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def save(document: Any, stream: BinaryIO) -> None:
    """Write the python-docx ``document`` to ``stream`` deterministically."""
    package = document.part.package
    parts = list(package.iter_parts())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        members = [
            (
                "[Content_Types].xml",
                content_types_xml([(str(p.partname), p.content_type) for p in parts]).encode(
                    "utf-8"
                ),
            ),
            ("_rels/.rels", package.rels.xml),
        ]
        for part in parts:
            part.before_marshal()
            members.append((part.partname[1:], part.blob))
            if len(part.rels):
                members.append((part.partname.rels_uri[1:], part.rels.xml))
        for name, data in members:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    stream.write(buffer.getvalue())
