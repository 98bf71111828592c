"""The data every stage passes: the project and its settings, pages, the site, the build date.

Nothing here imports a kind, a check or MkDocs; every other module may import it.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from .diagnostics import Diagnostics, Loc
from .model import Review
from .refs import Ref, Reference, Registry
from .safefs import rel_path

TZ = ZoneInfo("Asia/Shanghai")


@dataclass
class Settings:
    """Options from the ``xinyu`` plugin entry and ``extra`` of mkdocs.yml."""

    guides_dir: str = "guides"
    maintainer_email: str = ""
    review_days: int = 180
    series_max_years: int = 3  # a recurring series spanning more is an error (a typo in `last:`)
    series_max_sessions: int = 200  # … and so is one giving more sessions
    strict_related: bool = False
    directory_urls: bool | None = None  # MkDocs' use_directory_urls (None: read from the config file)
    config_file: str = "mkdocs.yml"  # relative to the project root
    site_url: str = ""
    site_info: dict[str, str] = field(default_factory=dict)
    resource_max_mb: float = 20.0  # a resource file larger than this is an error (kinds/resource.py)
    bundle_warn_mb: float = 200.0  # the offline bundle warns when its zip grows past this (bundle.py)


@dataclass
class Project:
    """Where the content is and how this build is made."""

    root: Path
    docs_dir: Path
    settings: Settings = field(default_factory=Settings)
    preview: bool = False
    today: dt.date = field(default_factory=lambda: build_date(None))
    # Set by `xinyu check`: pages are rendered only for their links, so render() may skip output
    # that carries none (QR codes, calendar feeds, open-hours data, JSON-LD, data exports).
    checking: bool = False

    def rel(self, path: Path) -> str:
        """`path` relative to the project root, with forward slashes (as diagnostics show it)."""
        return rel_path(path, self.root)  # never follows a symlink at the end (safefs)

    def docs_uri(self, path: Path) -> str:
        """`path` relative to the docs dir (a MkDocs ``src_uri``)."""
        if ".." not in path.parts and not path.is_symlink():  # rglob's paths: no need to resolve
            try:
                return path.relative_to(self.docs_dir).as_posix()
            except ValueError:
                pass
        return rel_path(path, self.docs_dir)

    @property
    def guides_dir(self) -> Path:
        """The folder of practice guides (beside the docs dir, not inside it)."""
        return self.root / self.settings.guides_dir


def build_date(value: str | None) -> dt.date:
    """The build's "today": `value` (YYYY-MM-DD), else SOURCE_DATE_EPOCH, else now in Asia/Shanghai.

    Raises ValueError with a Chinese message when either is not a date.
    """
    if value:
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(f"日期“{value}”无效：请写成 YYYY-MM-DD，例如 2026-11-29") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), TZ).date()
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"环境变量 SOURCE_DATE_EPOCH=“{epoch}”不是有效的 Unix 时间戳（秒）") from None
    return dt.datetime.now(TZ).date()


@dataclass
class Page:
    """A generated file: a Markdown page (``.md``) or any other file (``.ics``, ``.json``, ``.svg`` …)."""

    src_uri: str  # where it pretends to live in the docs dir, e.g. "lessons/x.md"
    content: str | bytes
    source: str | None = None  # the source file it comes from, for the edit link
    title: str | None = None
    # link target as the kind wrote it -> where its source data holds it (`mdtext.link_locs`); the
    # link check blames a broken link there instead of searching `source` for the target's text
    link_locs: dict[str, Loc] = field(default_factory=dict)


@dataclass
class HandPage:
    """A hand-written Markdown page in the docs dir."""

    src_uri: str
    path: str  # relative to the project root
    text: str
    refs: list[Reference]
    anchors: set[str]


@dataclass(frozen=True)
class EntryView:
    """What the pipeline and the site-wide checks read of an entry of any kind (`Kind.views`)."""

    key: str  # its reference key, e.g. "lesson:x"
    loc: Loc  # where the entry starts in its source (its id)
    review: Review | None  # the named professional's review, None while nobody has reviewed it
    example: bool = False
    related: tuple[str, ...] = ()  # typed references naming other entries (guides show them both ways)


T = TypeVar("T")


@dataclass(frozen=True)
class Slot(Generic[T]):
    """A typed place on the site for what a kind keeps beside its entries (the events bundle, a cache)."""

    name: str
    type: type[T]  # called without arguments for the empty value


@dataclass
class Site:
    """Everything known after loading: entries of every kind, targets, diagnostics."""

    project: Project
    registry: Registry = field(default_factory=Registry)
    entries: dict[str, list[Any]] = field(default_factory=dict)  # by kind name; typed: `Kind.of(site)`
    views: dict[str, list[EntryView]] = field(default_factory=dict)  # by kind name, for the checks
    diags: Diagnostics = field(default_factory=Diagnostics)
    pages: list[HandPage] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)  # every typed reference the kinds' data makes, in kind order
    state: dict[str, object] = field(default_factory=dict)  # by slot name: `get` / `put`

    def get(self, slot: Slot[T]) -> T:
        """What is kept in `slot` (its empty value, kept from now on, when nothing is)."""
        value = self.state.get(slot.name)
        if not isinstance(value, slot.type):
            value = self.state[slot.name] = slot.type()
        return value

    def put(self, slot: Slot[T], value: T) -> None:
        """Keep `value` in `slot`."""
        self.state[slot.name] = value


@dataclass
class Result:
    """What one run of the core produced."""

    site: Site
    pages: list[Page]
    extra: dict[str, Any]
    claimed: set[str]  # docs-dir src_uris that are source data, not pages
    links: Any = None  # links.LinkReport of the whole-site link check (rendered runs only)

    @property
    def diagnostics(self) -> Diagnostics:
        """All diagnostics of the run."""
        return self.site.diags
