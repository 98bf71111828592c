"""What every content kind provides, and the small helpers kinds share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from pydantic import BaseModel

from ..diagnostics import Diagnostic, Diagnostics, Loc
from ..model import Entry
from ..project import EntryView, Page, Project, Site
from ..refs import Ref, Target
from ..text.yamlio import PathKey, YamlDoc
from .editorspec import EditorSpec

M = TypeVar("M", bound=BaseModel)
E = TypeVar("E")
N = TypeVar("N", bound=Entry)


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

    def view(self: Located[N], scheme: str, related: Iterable[str] = ()) -> EntryView:
        """This entry as the site-wide checks see it: ``<scheme>:<id>``, its review, what it names."""
        return EntryView(f"{scheme}:{self.item.id}", self.loc("id"), self.item.review, self.item.example,
                         tuple(related))


class Kind(Generic[E]):
    """A content kind over entries of type `E`: its sources, schema, targets, references, checks and pages.

    The core calls these in order: `open` (→ `load`), `targets` (all kinds), `references` (all kinds),
    `validate`, `unsafe`, `render`. Each returns data; none touches MkDocs. What the site-wide checks
    read of an entry comes from `views`, never from the entry itself.
    """

    name: str = ""
    editors: tuple[EditorSpec, ...] = ()  # its schemes for references, `xinyu new` and `xinyu schema`

    def sources(self, project: Project) -> list[Path]:
        """Files under the docs dir that are this kind's source (never published as they are)."""
        return []

    def load(self, project: Project, diags: Diagnostics) -> list[E]:
        """Read and validate the sources into entries."""
        return []

    def open(self, site: Site) -> list[E]:
        """`load` for `site`; a kind keeping state beside its entries puts it in a `Slot` here."""
        return self.load(site.project, site.diags)

    def of(self, site: Site) -> list[E]:
        """This kind's entries in `site` (what `open` returned; none when the kind did not run)."""
        return cast(list[E], site.entries.get(self.name, []))  # the pipeline stores `open`'s list here

    def views(self, entries: list[E]) -> Iterable[EntryView]:
        """The entries as the site-wide checks see them (review state, backlinks); none by default."""
        return ()

    def targets(self, entries: list[E], project: Project) -> Iterable[Target]:
        """Everything a typed reference can point at."""
        return ()

    def references(self, entries: list[E]) -> Iterable[Ref]:
        """Every typed reference the entries make, with its source position."""
        return ()

    def validate(self, site: Site) -> None:
        """Checks across entries and kinds, after every reference is known."""

    def unsafe(self, entries: list[E], project: Project) -> Iterable[Diagnostic]:
        """What must not be published: example or unverified data, unreviewed sensitive text."""
        return ()

    def render(self, site: Site) -> Iterable[Page]:
        """Generated Markdown pages (typed references in them are rewritten by the core)."""
        return ()

    def extra(self, site: Site) -> dict[str, Any]:
        """Values the theme templates need (merged into ``config.extra.xinyu``)."""
        return {}
