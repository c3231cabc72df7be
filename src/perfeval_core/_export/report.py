"""Reports: a batch written as a folder of files — one page per project and an index — by a
plugin (``perfeval_register_reports``; the html site of perfeval-html is one).

The work is split where the data is. A project's page is rendered in the process that scored it
(a worker under ``--jobs N``), from its scorecard and findings; what only the whole batch knows
— the page's own name, the document exported for it — is filled in afterwards, in the main
process (``finish_page``); the index is written at the end, from the roll-up rows alone (the
scorecards are never kept). perfeval names the pages (``projects/<project>.<suffix>``, unique),
writes everything into a new folder and puts it in place only when it is complete.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from .._io.folders import StagedFolder, relative_path

if TYPE_CHECKING:
    from .._batch.batch import BatchResult
    from .._checks.base import Finding
    from .._model.scoring import Scorecard
    from .._plugins.registry import Registry

#: The folder of the project pages inside a report.
PAGES = "projects"


@attrs.frozen
class PageLinks:
    """What the main process knows about one project's page: its path in the report folder
    (``projects/职业技能评价.html``) and the document exported for the project (``--export``),
    relative to the report folder (``../docx/职业技能评价.docx``), or None. Paths use ``/``."""

    page: str
    export: str | None = None


@attrs.frozen
class Report:
    """A report format: ``page(scorecard, findings)`` renders one project's page (bytes) in the
    process that scored it; ``finish_page(page, links)`` completes it in the main process with
    its :class:`PageLinks` (None: pages are written as rendered); ``index(result, folder)``
    writes the index files from the roll-up into the :class:`ReportFolder` and returns the path
    of the file to open first."""

    name: str
    suffix: str
    page: Callable[[Scorecard, Sequence[Finding]], bytes]
    index: Callable[[BatchResult, ReportFolder], str]
    finish_page: Callable[[bytes, PageLinks], bytes] | None = None
    description: str = ""


class ReportFolder:
    """The folder a report is being written into, as its ``index`` function sees it.

    ``path`` is where the report will be once complete (links are relative to it);
    ``registry`` the plugins of the batch (its checks, policies). Files are written into a
    folder beside ``path`` until the report is complete.
    """

    def __init__(self, staged: StagedFolder, registry: Registry) -> None:
        self._staged = staged
        self.path: Path = staged.target
        self.registry = registry

    def write(self, name: str, data: bytes) -> None:
        """Write a file of the report: ``name`` is relative, with ``/`` (``lists/all-2.html``)."""
        self._staged.write(name, data)

    def relative(self, path: str | os.PathLike[str]) -> str:
        """A file's path relative to the report folder, with ``/`` (for links to exports)."""
        return relative_path(path, self.path)


__all__ = ["PAGES", "PageLinks", "Report", "ReportFolder"]
