"""Finding TOML files by id on a search path, or by a path inside a folder — frameworks and
forms (表样) alike: one set of rules for ids, search paths, links and the errors about them."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from pathlib import Path

import attrs

from .._errors import InputError
from .._plugins.host import registry_or_default
from .._plugins.registry import Registry

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@attrs.frozen
class Catalogue:
    """The files of one kind (``framework``, ``form``): ``$env`` then the folders a registry
    holds (``plugin_folders``); ``command`` lists them, ``example`` is an id shown in hints."""

    kind: str
    env: str
    plugin_folders: Callable[[Registry], list[Path]]
    command: str
    example: str
    not_found: type[InputError] = InputError

    def search_path(self, registry: Registry | None = None) -> list[Path]:
        """Folders searched for ``<id>.toml``: ``$env``, then the plugins'."""
        env = [Path(p) for p in os.environ.get(self.env, "").split(os.pathsep) if p]
        return [*env, *self.plugin_folders(registry_or_default(registry))]

    def available(self, registry: Registry | None = None) -> dict[str, Path]:
        """Every id on the search path with its file (the first one found wins)."""
        found: dict[str, Path] = {}
        for folder in self.search_path(registry):
            if folder.is_dir():
                for file in sorted(folder.glob("*.toml")):
                    if file.is_file():  # not a folder, a FIFO or a device that happens to match
                        found.setdefault(file.stem, file)
        return found

    def find(
        self,
        ref: str,
        *,
        relative_to: Path | None = None,
        file: str | None = None,
        key: str | None = None,
        registry: Registry | None = None,
    ) -> Path:
        """The file of ``ref``: an id on the search path, or a ``.toml`` path relative to
        ``relative_to`` that stays inside that folder (symbolic links included); ``key`` is
        the key that names it (``framework``, ``extends``, ``form``), for the messages."""
        where = key or self.kind
        if ref.endswith(".toml"):
            return self._inside(ref, relative_to, file, where)
        if not ID_PATTERN.match(ref):
            raise InputError(
                f"{ref!r} is not a {self.kind} id",
                file=file,
                where=where,
                hint=f"ids are lower-case letters, digits and '-', e.g. {self.example}",
            )
        for folder in self.search_path(registry):  # a stat per folder, no listing
            candidate = folder / f"{ref}.toml"
            if candidate.is_file():
                return candidate
        known = sorted(self.available(registry))
        guess = difflib.get_close_matches(ref, known, n=1)
        raise self.not_found(
            f"unknown {self.kind} {ref!r}",
            file=file,
            where=where,
            hint=(f"did you mean {guess[0]!r}? " if guess else "")
            + f"`{self.command}` lists them: {', '.join(known) or 'none'}",
        )

    def _inside(self, ref: str, relative_to: Path | None, file: str | None, where: str) -> Path:
        hint = f"use a {self.kind} id on the search path, or a path inside that folder"
        if relative_to is None:
            raise InputError(
                f"{self.kind} path {ref!r} has no folder to be relative to",
                file=file,
                where=where,
                hint=f"use a {self.kind} id (`{self.command}` lists them)",
            )
        if os.path.isabs(ref) or ".." in Path(ref).parts:
            raise InputError(
                f"{self.kind} path {ref!r} leaves the folder of the file naming it",
                file=file,
                where=where,
                hint=hint,
            )
        target = relative_to / ref
        try:
            inside = target.resolve().is_relative_to(relative_to.resolve())
        except (OSError, RuntimeError):  # RuntimeError: a loop of links (before Python 3.13)
            raise InputError(
                f"{self.kind} path {ref!r} is a symbolic link that leads back to itself",
                file=file,
                where=where,
                hint=f"point the link at the {self.kind} file itself",
            ) from None
        if not inside:
            raise InputError(
                f"{self.kind} path {ref!r} is a link to a file outside the folder of "
                "the file naming it",
                file=file,
                where=where,
                hint=hint,
            )
        return target
