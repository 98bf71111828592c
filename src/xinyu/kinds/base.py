"""What every content kind provides, and the small helpers kinds share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from ..diagnostics import Diagnostic, Diagnostics, Loc
from ..project import Page, Project, Site
from ..refs import Ref, Target
from ..yamlio import PathKey, YamlDoc
from .editorspec import EditorSpec

M = TypeVar("M", bound=BaseModel)


@dataclass
class Located(Generic[M]):
    """A validated entry with the YAML document it came from, so any field can be located."""

    item: M
    doc: YamlDoc
    base: PathKey = ()
    body_line: int | None = None  # for Markdown sources: first line of the body

    def loc(self, *key: str | int) -> Loc:
        """Source position of a field of this entry (or of the entry itself)."""
        return self.doc.loc((*self.base, *key))

    @property
    def path(self) -> str:
        """The source file, relative to the project root."""
        return self.doc.path


class Kind:
    """A content kind: its sources, schema, targets, references, checks and pages.

    The core calls these in order: `load`, `targets` (all kinds), `references` (all kinds),
    `validate`, `unsafe`, `render`. Each returns data; none touches MkDocs.
    """

    name: str = ""
    editors: tuple[EditorSpec, ...] = ()  # its schemes for references, `xinyu new` and `xinyu schema`

    def sources(self, project: Project) -> list[Path]:
        """Files under the docs dir that are this kind's source (never published as they are)."""
        return []

    def load(self, project: Project, diags: Diagnostics) -> list[Any]:
        """Read and validate the sources into entries."""
        return []

    def targets(self, entries: list[Any], project: Project) -> Iterable[Target]:
        """Everything a typed reference can point at."""
        return ()

    def references(self, entries: list[Any]) -> Iterable[Ref]:
        """Every typed reference the entries make, with its source position."""
        return ()

    def validate(self, site: Site) -> None:
        """Checks across entries and kinds, after every reference is known."""

    def unsafe(self, entries: list[Any], project: Project) -> Iterable[Diagnostic]:
        """What must not be published: example or unverified data, unreviewed sensitive text."""
        return ()

    def render(self, site: Site) -> Iterable[Page]:
        """Generated Markdown pages (typed references in them are rewritten by the core)."""
        return ()

    def extra(self, site: Site) -> dict[str, Any]:
        """Values the theme templates need (merged into ``config.extra.xinyu``)."""
        return {}
