"""The thin MkDocs plugin: feeds the core's generated pages into the build.

Every event calls a pure function of the core; state is reset in `on_config`, so nothing
leaks between `mkdocs serve` rebuilds.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import posixpath
import re
from html import escape as html_escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .checks.links import rewrite_html_md_links
from .diagnostics import Diagnostic, Diagnostics, Level, Loc, summary
from .kinds import KINDS
from .kinds.editorspec import search_labels
from .kinds.safety.box import with_crisis_box
from .pipeline import rewrite_refs, run
from .project import Project, Result, Settings, build_date
from .publish import attest
from .publish import site as publish
from .safefs import check_tree, linked
from .search import VOCAB_DIR, SearchCollector
from .serve_errors import error_files
from .themedir import add_theme

log = logging.getLogger("mkdocs.plugins.xinyu")


class XinyuConfig(base.Config):
    """Options of the ``xinyu`` entry under ``plugins:`` in mkdocs.yml."""

    preview = c.Type(bool, default=False)
    today = c.Optional(c.Type(str))
    guides_dir = c.Type(str, default="guides")
    maintainer_email = c.Type(str, default="")
    review_days = c.Type(int, default=180)
    strict_related = c.Type(bool, default=False)
    search = c.Type(bool, default=True)  # the portal's search index (search/)
    resource_max_mb = c.Type((int, float), default=20)  # largest resource file (资源库)
    series_max_years = c.Type(int, default=3)  # a recurring series spanning more is an error
    series_max_sessions = c.Type(int, default=200)  # … and so is one giving more sessions
    bundle_warn_mb = c.Type((int, float), default=200)  # offline bundle size that draws a warning


def project_from_config(config: MkDocsConfig, options: XinyuConfig) -> Project:
    """Build the core's `Project` from MkDocs' config and the plugin's options."""
    root = Path(config.config_file_path).resolve().parent
    site_info = dict(config.extra.get("site_info") or {})
    settings = Settings(
        guides_dir=options.guides_dir,
        maintainer_email=options.maintainer_email,
        review_days=options.review_days,
        strict_related=options.strict_related,
        resource_max_mb=float(options.resource_max_mb),
        series_max_years=options.series_max_years,
        series_max_sessions=options.series_max_sessions,
        bundle_warn_mb=float(options.bundle_warn_mb),
        directory_urls=bool(config.use_directory_urls),
        config_file=Path(config.config_file_path).name,
        site_url=config.site_url or "",
        site_info={k: str(v) for k, v in site_info.items() if v is not None},
    )
    try:
        today = build_date(options.today)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    return Project(root, Path(config.docs_dir).resolve(), settings, options.preview, today)


def log_diagnostics(result: Result) -> None:
    """Log every diagnostic through MkDocs' logger so ``--strict`` counts them."""
    notes = 0
    for d in result.diagnostics.sorted():
        if d.level is Level.ERROR:
            log.error(d.format())
        elif d.level is Level.WARNING:
            log.warning(d.format())
        else:
            # Preview notes (what publishing would refuse) are many; list them only with -v.
            log.debug(d.format())
            notes += 1
    if notes:
        log.info(f"预览版：另有 {notes} 条发布前须处理的提示（运行 xinyu check --publish 查看）")


# Host suffixes that never name a site on the public internet (RFC 6761/6762/8375 and common intranet use).
_PRIVATE_SUFFIXES = (".localhost", ".local", ".localdomain", ".lan", ".internal", ".intranet", ".corp",
                     ".home", ".home.arpa", ".test", ".invalid", ".example")


def is_public_site_url(site_url: str) -> bool:
    """Whether `site_url` names a site on the public internet.

    Not public: no URL, not http(s), ``localhost``, a loopback/private/link-local IP address, a
    single-label intranet host (``http://xinyu/``), a private-use suffix (``.local``, ``.lan``,
    ``.internal``, ``.intranet``, ``.home.arpa`` …) and documentation placeholders (a host with a label
    ``example``, as in ``xinyu.example.edu.cn``).
    """
    parsed = urlsplit(site_url.strip())
    host = (parsed.hostname or "").rstrip(".").lower()
    if parsed.scheme not in ("http", "https") or not host:
        return False
    try:
        return ipaddress.ip_address(host).is_global
    except ValueError:
        pass
    if host == "localhost" or "." not in host or host.endswith(_PRIVATE_SUFFIXES):
        return False
    return "example" not in host.split(".")


def site_info_diagnostics(config: MkDocsConfig, project: Project) -> list[Diagnostic]:
    """A publishing build of a public site warns when the footer lacks ICP备案号 or 公网安备案号."""
    if project.preview or not is_public_site_url(config.site_url or ""):
        return []
    info = project.settings.site_info
    missing = [label for key, label in (("icp", "ICP备案号"), ("police_record", "公网安备案号"))
               if not info.get(key, "").strip()]
    if not missing:
        return []
    config_path = Path(config.config_file_path)
    line = 1
    try:
        for i, text in enumerate(config_path.read_text("utf-8").splitlines(), 1):
            if re.match(r"\s*site_info\s*:", text):
                line = i
                break
    except OSError:
        pass
    loc = Loc(project.rel(config_path), line, 1)
    return [Diagnostic(
        loc, Level.WARNING, "site.beian-missing",
        f"网站地址 {config.site_url} 是公网地址，但页脚缺少{'和'.join(missing)}（境内公网网站须在页脚展示）",
        "在 mkdocs.yml 的 extra.site_info 中填写 icp 和 police_record；只在校内网发布的，把 site_url 改为内网地址",
    )]


def _href(files: Files, src_uri: str, page: Page) -> str | None:
    """The URL of the page `src_uri`, relative to `page`, or None."""
    from mkdocs.utils import get_relative_url

    file = files.get_file_from_path(src_uri)
    return None if file is None else get_relative_url(file.url, page.url)


# Material writes these front matter values into <head> and the header without escaping them.
_META_SHOWN = ("title", "description", "author")
_RAW_META = "_xinyu_raw"


def escape_front_matter(page: Page) -> None:
    """Escape a hand-written page's front matter title, description and author (rule 4: data is text).

    Generated pages escape their own values. The unescaped text is kept for the search index.
    """
    raw = {k: page.meta[k] for k in _META_SHOWN if isinstance(page.meta.get(k), str)}
    page.meta[_RAW_META] = raw
    for key, value in raw.items():
        page.meta[key] = html_escape(value, quote=True)


def attest_build(site_dir: Path, config: MkDocsConfig, project: Project, result: Result, offsite: int) -> None:
    """Write xinyu-attestation.json: what was checked, the content's hash, every page's hash."""
    roots = [Path(config.config_file_path), project.docs_dir, project.guides_dir]
    checks = attest.check_counts(result.diagnostics.sorted(), {"publish.offsite": offsite})
    attest.write(site_dir, attest.make(
        site_dir=site_dir, preview=project.preview, build_date=project.today.isoformat(),
        strict=bool(config.strict), kinds=[k.name for k in KINDS], checks=checks,
        inputs=attest.input_digest(project.root, roots), roots=[project.rel(p) for p in roots]))


class XinyuPlugin(BasePlugin[XinyuConfig]):
    """Generated pages from guides, lessons, events and services; typed references resolved."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.result: Result | None = None
        self.project: Project | None = None
        self.search = SearchCollector(search_labels(KINDS))  # result labels from the kinds' specs
        self._pinned_epoch: str | None = None  # the SOURCE_DATE_EPOCH we set for this build
        self._saved_epoch: str | None = None  # and the value it replaced, put back after the build
        self.serving = False  # `mkdocs serve` / `xinyu serve`: content errors become an error page

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is a live preview (the plugin then lives across rebuilds)."""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Reset state and publish the build mode to the theme."""
        self.result = None
        self._restore_epoch()
        self.project = project_from_config(config, self.config)
        add_theme(config)  # the package's theme (xinyu/theme) after the site's custom_dir, before Material's
        # MkDocs stamps the sitemap and its gzip header from SOURCE_DATE_EPOCH: pin it to our build
        # date so two builds of the same input are byte-identical; undone when the build ends.
        self._saved_epoch = os.environ.get(publish.EPOCH_VAR)
        self._pinned_epoch = publish.pin_source_date_epoch(self.project.today)
        logging.getLogger("jieba").setLevel(logging.WARNING)
        config.extra["xinyu"] = {"preview": self.project.preview, "today": self.project.today.isoformat()}
        fs = Diagnostics()
        for folder in (self.project.docs_dir, self.project.guides_dir):
            check_tree(folder, self.project.root, fs)
        if fs.errors:  # stop before MkDocs' own file walk, which follows symlinked folders (and loops)
            result = run(self.project)
            log_diagnostics(result)
            raise PluginError(f"内容检查未通过：{summary(result.diagnostics)}，请按上面的提示逐条修改")
        vocab_diags = Diagnostics()
        self.search.reset(self.project.docs_dir, vocab_diags)
        for d in vocab_diags.sorted():
            log.error(d.format())
        if vocab_diags.errors:
            raise PluginError("搜索词表有误，请按上面的提示修改")
        return config

    # Run before other plugins (search, tags) so they see the generated pages.
    @event_priority(100)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Run the core, fail once with every error, swap source data for generated pages."""
        assert self.project is not None
        docs_dir = Path(config.docs_dir)  # as MkDocs joins abs_src_path (not resolved)
        for file in list(files):  # never publish a symlink (each is a file.symlink error of the core)
            if file.generated_by is None and file.abs_src_path and linked(Path(file.abs_src_path), docs_dir):
                files.remove(file)
        result = run(self.project)
        result.diagnostics.extend(site_info_diagnostics(config, self.project))
        log_diagnostics(result)
        errors = result.diagnostics.errors
        if errors and self.serving:  # xinyu serve: show the errors in the browser, reload when fixed
            return error_files(files, config, result.diagnostics.sorted(), [p.src_uri for p in result.pages])
        if errors:
            raise PluginError(f"内容检查未通过：{summary(result.diagnostics)}，请按上面的提示逐条修改")
        self.result = result
        for file in list(files):
            if file.generated_by is None and (
                file.src_uri in result.claimed or file.src_uri.endswith((".yml", ".yaml"))
                or file.src_uri.startswith(VOCAB_DIR)  # search vocabulary: build input, not a page
            ):
                files.remove(file)
        docs_rel = self.project.rel(self.project.docs_dir)
        for page in result.pages:
            old = files.get_file_from_path(page.src_uri)
            if old is not None:
                files.remove(old)
            # Generated pages are reached through their index pages; orphans are our check's job.
            file = File.generated(config, page.src_uri, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV)
            # Edit links point at the YAML or Markdown source, not at a page that does not exist.
            file.edit_uri = posixpath.relpath(page.source, docs_rel) if page.source else None
            files.append(file)
        config.extra["xinyu"].update(result.extra)
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Rewrite typed references in hand-written pages (generated ones are done by the core)."""
        if page.file.generated_by is None:
            escape_front_matter(page)
        if self.result is not None:  # a page that speaks of a risk topic gets the crisis box (xinyu.safety)
            markdown = with_crisis_box(self.result.site, page.file.src_uri, markdown)
        if self.result is None or page.file.generated_by is not None:
            return markdown
        return rewrite_refs(markdown, page.file.src_uri, self.result.site.registry)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Point raw-HTML links to ``.md`` pages at their URLs; hand the article HTML to the search index."""
        html = rewrite_html_md_links(html, page.file.src_uri, lambda uri: _href(files, uri, page))
        if self.config.search:
            meta = {k: v for k, v in page.meta.items() if k != _RAW_META} | page.meta.get(_RAW_META, {})
            self.search.add(page.url, page.file.src_uri, meta.get("title") or page.title or "", html, meta)
        return html

    # Last of all plugins: the attestation hashes the pages as they are finally written.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """robots.txt for this build; warn about anything a browser would fetch from another host;
        then the attestation that the checks ran (xinyu-attestation.json)."""
        if self.project is None:
            return
        site_dir = Path(config.site_dir)
        if self.config.search:
            self.search.write(site_dir)  # the search index, search/
        publish.write_robots(site_dir, self.project.docs_dir, config.site_url, self.project.preview)
        offsite = publish.offsite_fetches(site_dir, config.site_url)
        for rel, url in offsite:
            log.warning(f"{rel}: 警告 publish.offsite 页面会从站外加载“{url}”（离线包和内网访问会失败，"
                        "也会泄露读者的访问）；请把文件放进 content/ 并用相对链接引用")
        if self.result is not None:
            attest_build(site_dir, config, self.project, self.result, len(offsite))
        self._restore_epoch()

    def on_build_error(self, *, error: Exception) -> None:
        """Put back the SOURCE_DATE_EPOCH this build pinned."""
        self._restore_epoch()

    def _restore_epoch(self) -> None:
        if self._pinned_epoch is not None and os.environ.get(publish.EPOCH_VAR) == self._pinned_epoch:
            if self._saved_epoch is None:
                del os.environ[publish.EPOCH_VAR]
            else:
                os.environ[publish.EPOCH_VAR] = self._saved_epoch
        self._pinned_epoch = None

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when guides change (the docs dir is watched already)."""
        if self.project is not None and self.project.guides_dir.is_dir():
            server.watch(str(self.project.guides_dir))
        return server
