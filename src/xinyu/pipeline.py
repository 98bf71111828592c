"""The pure core: load → validate → resolve → render, over plain data.

Nothing here imports MkDocs. `run()` returns generated pages and every diagnostic found in
one pass; the MkDocs plugin and the CLI are thin adapters around it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from .diagnostics import Diagnostic, Diagnostics, Level, Loc
from .htmlpolicy import check_markdown
from .linkscan import anchors as page_anchors
from .mdtext import rewrite_links, typed_refs
from .refs import Reference, Registry, Target, is_typed_ref
from .safefs import check_tree, read_source, rel_path
from .yamlio import decode_source, split_markdown

if TYPE_CHECKING:
    from .kinds.base import Ref

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


@dataclass
class HandPage:
    """A hand-written Markdown page in the docs dir."""

    src_uri: str
    path: str  # relative to the project root
    text: str
    refs: list[Reference]
    anchors: set[str]


@dataclass
class Site:
    """Everything known after loading: entries of every kind, targets, diagnostics."""

    project: Project
    registry: Registry = field(default_factory=Registry)
    entries: dict[str, list[Any]] = field(default_factory=dict)
    diags: Diagnostics = field(default_factory=Diagnostics)
    pages: list[HandPage] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)  # every typed reference the kinds' data makes, in kind order


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


def scan_pages(project: Project, claimed: set[str], diags: Diagnostics) -> list[HandPage]:
    """Read the hand-written Markdown pages of the docs dir (not kinds' sources)."""
    pages = []
    for path in sorted(project.docs_dir.rglob("*.md")):
        uri = project.docs_uri(path)
        if uri in claimed or any(part.startswith(".") for part in Path(uri).parts):
            continue
        rel = project.rel(path)
        raw = read_source(path, rel, diags)  # a symlink, a folder named x.md, unreadable: an error
        text = None if raw is None else decode_source(raw, rel, diags)
        if text is None:
            continue
        md = split_markdown(text, rel, diags)  # front matter through our YAML loader: errors at their line
        if md is not None:
            check_markdown(md.body, Loc(rel, md.body_line, 1), diags)  # raw HTML only from the allow-list
        pages.append(HandPage(uri, rel, text, typed_refs(text, Loc(rel, 1, 1)), page_anchors(text)))
    return pages


def rewrite_refs(text: str, src_uri: str, registry: Registry) -> str:
    """Turn typed references in Markdown `text` on page `src_uri` into relative links."""

    def fn(target: str) -> str | None:
        return registry.href(target, src_uri) if is_typed_ref(target) else None

    return rewrite_links(text, fn)


def run(project: Project, *, render: bool = True, kinds: Iterable[Any] | None = None) -> Result:
    """Load, validate and resolve all content; render pages unless `render` is False."""
    from .kinds import KINDS

    whole = kinds is None  # a run over some kinds only cannot tell which files nobody reads
    kinds = list(KINDS if kinds is None else kinds)
    site = Site(project)
    diags = site.diags
    for folder in (project.docs_dir, project.guides_dir):  # symlinks and other file-system oddities
        check_tree(folder, project.root, diags)
    claimed: set[str] = set()
    for kind in kinds:
        for path in kind.sources(project):
            claimed.add(project.docs_uri(path))
        site.entries[kind.name] = kind.load(project, diags)
    if whole:
        unread_yaml(project, claimed, diags)
    for kind in kinds:
        for target in kind.targets(site.entries[kind.name], project):
            site.registry.add(target, diags)
    site.pages = scan_pages(project, claimed, diags)
    for page in site.pages:
        site.registry.add_anchors(page.src_uri, page.anchors)
    for kind in kinds:
        site.refs += kind.references(site.entries[kind.name])
    for ref in site.refs:
        site.registry.resolve(ref.ref, diags, ref.scheme)
    for page in site.pages:
        for reference in page.refs:
            site.registry.resolve(reference, diags)
    for kind in kinds:
        kind.validate(site)
    for kind in kinds:
        for problem in kind.unsafe(site.entries[kind.name], project):
            level = Level.INFO if project.preview else Level.ERROR
            diags.add(Diagnostic(problem.loc, level, problem.code, problem.message, problem.hint))
    extra: dict[str, Any] = {"preview": project.preview, "today": project.today.isoformat()}
    pages: list[Page] = []
    if render:
        for kind in kinds:
            extra.update(kind.extra(site))
            for page in kind.render(site):
                if page.src_uri.endswith(".md") and isinstance(page.content, str):
                    page.content = rewrite_refs(page.content, page.src_uri, site.registry)
                pages.append(page)
    links = None
    if render:  # the link check needs the generated Markdown, never HTML
        from .kinds.health import health_page
        from .links import check_links

        links = check_links(site, pages, claimed)
        if project.preview and not project.checking:
            pages.append(health_page(site, links))
    return Result(site, pages, extra, claimed, links)


def unread_yaml(project: Project, claimed: set[str], diags: Diagnostics) -> None:
    """Warn about YAML files in the docs dir that nothing reads: their content would silently vanish.

    (YAML is never published as it is, so a misnamed ``evnets-2027.yml`` would show nowhere.)
    """
    from .search.vocab import SYNONYMS  # the one YAML file read by something other than a kind

    known = claimed | {SYNONYMS}
    yaml_like = sorted(k for k in known if k.endswith((".yml", ".yaml")))  # candidates for the hint
    for path in sorted([*project.docs_dir.rglob("*.yml"), *project.docs_dir.rglob("*.yaml")]):
        uri = project.docs_uri(path)
        if uri in known or any(part.startswith(".") for part in uri.split("/")) or not path.is_file() \
                or path.is_symlink():  # symlinks and folders are errors already (safefs)
            continue
        close = difflib.get_close_matches(uri, yaml_like, n=1, cutoff=0.6)
        hint = (f"文件名或位置与 {project.rel(project.docs_dir / close[0])} 相近：是不是放错了目录或写错了文件名？"
                if close else "各栏目读取哪些文件见 content/editors/index.md；不需要的文件请删除")
        diags.warning(Loc(project.rel(path), 1, 1), "file.unread",
                      "没有哪个栏目读取这个 YAML 文件：其中的内容不会出现在网站上", hint)


def target(key: str, src_uri: str, title: str, loc: Loc | None, anchor: str | None = None,
           summary: str | None = None) -> Target:
    """Shorthand for building a `Target`."""
    return Target(key, src_uri, title, anchor, loc, summary)
