"""The thin MkDocs plugin: feeds the core's generated pages into the build.

Every event calls a pure function of the core; state is reset in `on_config`, so nothing
leaks between `mkdocs serve` rebuilds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .checks.links import rewrite_html_md_links
from .diagnostics import Diagnostics, log_all, summary
from .htmlpolicy import escape_front_matter, unescaped_meta
from .kinds import KINDS
from .kinds.editorspec import search_labels
from .kinds.safety.box import with_crisis_box
from .options import XinyuConfig, project_from_config
from .pipeline import edit_uri, rewrite_refs, run, tree_failure, unpublished
from .project import Project, Result
from .publish import site as publish
from .publish.attest import attest_build
from .safefs import linked
from .search import SearchCollector
from .serve_errors import error_files
from .themedir import add_theme

log = logging.getLogger("mkdocs.plugins.xinyu")


def _href(files: Files, src_uri: str, page: Page) -> str | None:
    """The URL of the page `src_uri`, relative to `page`, or None."""
    file = files.get_file_from_path(src_uri)
    return None if file is None else get_relative_url(file.url, page.url)


def _drop(files: Files, source: Callable[[File], bool]) -> None:
    """Remove the files MkDocs found in the docs dir (not generated ones) for which `source` is true."""
    for file in list(files):
        if file.generated_by is None and source(file):
            files.remove(file)


def _fail(result: Result) -> PluginError:
    """The one error that stops a build after every diagnostic has been logged."""
    return PluginError(f"内容检查未通过：{summary(result.diagnostics)}，请按上面的提示逐条修改")


class XinyuPlugin(BasePlugin[XinyuConfig]):
    """Generated pages from guides, lessons, events and services; typed references resolved."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.result: Result | None = None
        self.project: Project | None = None
        self.search = SearchCollector(search_labels(KINDS))  # result labels from the kinds' specs
        self.epoch = publish.EpochPin()  # SOURCE_DATE_EPOCH of this build, put back after it
        self.serving = False  # `mkdocs serve` / `xinyu serve`: content errors become an error page

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is a live preview (the plugin then lives across rebuilds)."""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Reset state and publish the build mode to the theme."""
        self.result = None
        self.project = project = project_from_config(config, self.config)
        add_theme(config)  # the package's theme (xinyu/theme) after the site's custom_dir, before Material's
        # MkDocs stamps the sitemap and its gzip header from SOURCE_DATE_EPOCH: the build date makes
        # two builds of the same input byte-identical.
        self.epoch.pin(project.today)
        logging.getLogger("jieba").setLevel(logging.WARNING)
        config.extra["xinyu"] = {"preview": project.preview, "today": project.today.isoformat()}
        failed = tree_failure(project)  # before MkDocs' own file walk, which follows symlinked folders
        if failed is not None:
            log_all(failed.diagnostics, log)
            raise _fail(failed)
        vocab_diags = Diagnostics()
        self.search.reset(project.docs_dir, vocab_diags)
        log_all(vocab_diags, log)
        if vocab_diags.errors:
            raise PluginError("搜索词表有误，请按上面的提示修改")
        return config

    # Run before other plugins (search, tags) so they see the generated pages.
    @event_priority(100)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Run the core, fail once with every error, swap source data for generated pages."""
        assert self.project is not None
        docs_dir = Path(config.docs_dir)  # as MkDocs joins abs_src_path (not resolved)
        # Never publish a symlink (each is a file.symlink error of the core).
        _drop(files, lambda f: bool(f.abs_src_path) and linked(Path(f.abs_src_path or ""), docs_dir))
        result = run(self.project)
        result.diagnostics.extend(publish.site_info_diagnostics(
            self.project, config.site_url or "", Path(config.config_file_path)))
        log_all(result.diagnostics, log)
        if result.diagnostics.errors and self.serving:  # xinyu serve: the errors in the browser until fixed
            return error_files(files, config, result.diagnostics.sorted(), [p.src_uri for p in result.pages])
        if result.diagnostics.errors:
            raise _fail(result)
        self.result = result
        _drop(files, lambda f: unpublished(f.src_uri, result.claimed))
        for page in result.pages:
            if (old := files.get_file_from_path(page.src_uri)) is not None:
                files.remove(old)
            # Generated pages are reached through their index pages; orphans are our check's job.
            file = File.generated(config, page.src_uri, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV)
            file.edit_uri = edit_uri(self.project, page)
            files.append(file)
        config.extra["xinyu"].update(result.extra)
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Rewrite typed references in hand-written pages (generated ones are done by the core)."""
        if page.file.generated_by is None:
            escape_front_matter(page.meta)
        if self.result is not None:  # a page that speaks of a risk topic gets the crisis box (xinyu.safety)
            markdown = with_crisis_box(self.result.site, page.file.src_uri, markdown)
        if self.result is None or page.file.generated_by is not None:
            return markdown
        return rewrite_refs(markdown, page.file.src_uri, self.result.site.registry)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Point raw-HTML links to ``.md`` pages at their URLs; hand the article HTML to the search index."""
        html = rewrite_html_md_links(html, page.file.src_uri, lambda uri: _href(files, uri, page))
        if self.config.search:
            meta = unescaped_meta(page.meta)
            self.search.add(page.url, page.file.src_uri, meta.get("title") or page.title or "", html, meta)
        return html

    # Last of all plugins: the attestation hashes the pages as they are finally written.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The search index and robots.txt; warn about anything a browser would fetch from another
        host; then the attestation that the checks ran (xinyu-attestation.json)."""
        if self.project is None:
            return
        site_dir = Path(config.site_dir)
        if self.config.search:
            self.search.write(site_dir)
        publish.write_robots(site_dir, self.project.docs_dir, config.site_url, self.project.preview)
        offsite = publish.offsite_fetches(site_dir, config.site_url)
        for rel, url in offsite:
            log.warning(publish.offsite_warning(rel, url))
        if self.result is not None:
            attest_build(site_dir, self.project, config_file=Path(config.config_file_path),
                         diagnostics=self.result.diagnostics.sorted(), offsite=len(offsite),
                         strict=bool(config.strict), kinds=[k.name for k in KINDS])
        self.epoch.restore()

    def on_build_error(self, *, error: Exception) -> None:
        """Put back the SOURCE_DATE_EPOCH this build pinned."""
        self.epoch.restore()

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when guides change (the docs dir is watched already)."""
        if self.project is not None and self.project.guides_dir.is_dir():
            server.watch(str(self.project.guides_dir))
        return server
