"""A batch's report being written: each project's page as its row comes back, the index at the
end, the whole folder put in place only once complete (see :mod:`.._export.report`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from .._errors import ExportError, PerfevalError
from .._export.report import PAGES, PageLinks, Report, ReportFolder
from .._io.files import OutputNames
from .._io.folders import StagedFolder, relative_path
from .._plugins.registry import Registry

if TYPE_CHECKING:
    from .batch import BatchResult, ProjectRow


class ReportWriter:
    """Writes ``report`` into the folder ``target`` during a batch (replacing a report there
    only with ``force``); nothing appears at ``target`` until :meth:`finish`."""

    def __init__(
        self,
        report: Report,
        target: str | os.PathLike[str],
        *,
        force: bool,
        registry: Registry,
    ) -> None:
        self.report = report
        self.folder = StagedFolder(target, report.name, overwrite=force)
        self.registry = registry
        self.names = OutputNames(PAGES, report.suffix)

    def add(self, row: ProjectRow, page: bytes) -> ProjectRow:
        """Write the project's page under a name of its own; the row, with the page's name."""
        name = self.names.claim(row.project).as_posix()
        if self.report.finish_page is not None:
            export = relative_path(row.export, self.folder.target) if row.export else None
            page = self.report.finish_page(page, PageLinks(name, export))
        self.folder.write(name, page)
        return attrs.evolve(row, page=name)

    def finish(self, result: BatchResult) -> Path:
        """Write the index, put the report in place; the path of the file to open first."""
        try:
            first = self.report.index(result, ReportFolder(self.folder, self.registry))
        except PerfevalError:
            raise
        except Exception as exc:  # a plugin's bug: the report is not put in place
            raise ExportError(
                f"the {self.report.name} report's index failed: {type(exc).__name__}: {exc}",
                hint="the previous report, if any, is left as it was",
            ) from None
        self.folder.commit()
        return self.folder.target / first

    def discard(self) -> None:
        """Remove what was written, unless it was put in place."""
        self.folder.discard()
