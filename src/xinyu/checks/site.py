"""Site-wide link checks around the per-page ones: nav, theme templates, orphans, related, http.

`check_links` runs the per-page checks of `links`, then these; everything here reads `mkdocs.yml`,
the theme templates and the kinds' entries, and adds diagnostics at the line that has to change.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from ..diagnostics import Level, Loc
from ..project import Page, Site
from ..text.anchors import page_url
from ..text.mkdocsyml import read_mkdocs_yml
from ..themedir import template_label, theme_folders
from .links import HEALTH_URI, Checker, LinkReport, collect, https_hosts, lookup, resolve_url

_TEMPLATE_URL = re.compile(r"""\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_URL_FILTER = re.compile(r"""^\{\{\s*['"]([^'"]*)['"]\s*\|\s*url\s*\}\}$""")


def read_config(site: Site) -> tuple[dict[str, Any], str, list[str]]:
    """The MkDocs config as plain data, its path relative to the root, and its lines."""
    name = site.project.settings.config_file or "mkdocs.yml"
    path = site.project.root / name
    data, text = read_mkdocs_yml(path)
    if text is None:
        return {}, name, []
    return data, site.project.rel(path), text.split("\n")


def _nav_entries(nav: Any) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_entries(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_entries(value)


def _line_of(lines: list[str], needle: str, start: int = 0) -> Loc | None:
    for i in range(start, len(lines)):
        col = lines[i].find(needle)
        if col >= 0:
            return Loc("", i + 1, col + 1)
    return None


def check_nav(site: Site, report: LinkReport, checker: Checker, config: dict[str, Any], path: str,
              lines: list[str]) -> None:
    """Every nav entry names a page; record which pages are in the nav."""
    nav = config.get("nav")
    if not nav:  # MkDocs puts every hand-written page in the nav
        report.nav = {uri for uri, page in report.pages.items() if not page.generated}
        return
    start = next((i for i, line in enumerate(lines) if line.startswith("nav:")), 0)
    for entry in _nav_entries(nav):
        if urlsplit(entry).scheme or entry.startswith("/"):
            continue
        uri = posixpath.normpath(entry)
        if uri in report.pages:
            report.nav.add(uri)
            continue
        found = _line_of(lines, entry, start)
        loc = Loc(path, found.line, found.col) if found else Loc(path, 1, 1)
        hint = checker_suggest(uri, report)
        checker.emit(loc, Level.ERROR, "link.nav-missing", f"导航中的“{entry}”不存在", hint)


def checker_suggest(uri: str, report: LinkReport) -> str | None:
    """A closest existing page, written as a nav entry."""
    close = difflib.get_close_matches(uri, sorted(report.pages), n=1, cutoff=0.6)
    return f"你是不是想链接到 {close[0]}？" if close else None


def check_assets(report: LinkReport, checker: Checker, config: dict[str, Any], path: str, lines: list[str]) -> None:
    """Every ``extra_css`` / ``extra_javascript`` file exists (in the docs dir or the theme overrides)."""
    for key in ("extra_css", "extra_javascript"):
        for entry in config.get(key) or []:
            value = entry.get("path") if isinstance(entry, dict) else entry
            if not isinstance(value, str) or urlsplit(value).scheme or value.startswith("//"):
                continue
            if posixpath.normpath(value) in report.files:
                continue
            found = _line_of(lines, value)
            loc = Loc(path, found.line, found.col) if found else Loc(path, 1, 1)
            checker.emit(loc, Level.ERROR, "link.asset-missing", f"{key} 中的“{value}”不存在",
                         "文件应放在 content/ 或 overrides/ 下的同一路径")


def check_templates(site: Site, report: LinkReport, checker: Checker, config: dict[str, Any]) -> None:
    """The fixed site links theme templates emit (``{{ 'x/' | url }}``) exist in both URL schemes."""
    theme = config.get("theme") or {}
    folders = theme_folders(site.project.root, theme.get("custom_dir") if isinstance(theme, dict) else None)
    url_index = {page_url(uri, True): uri for uri in report.pages}
    html_index = {page_url(uri, False): uri for uri in report.pages}
    seen: set[str] = set()  # a template of the site's custom_dir hides the package's
    for folder, template in ((f, t) for f in folders for t in sorted(f.rglob("*.html"))):
        name = template.relative_to(folder).as_posix()
        if name in seen:
            continue
        seen.add(name)
        rel = template_label(template, folder, site.project.root)
        for i, line in enumerate(template.read_text("utf-8", errors="replace").split("\n")):
            for m in _TEMPLATE_URL.finditer(line):
                group = 1 if m.group(1) is not None else 2
                value = m.group(group).strip()
                fm = _URL_FILTER.match(value)
                if fm:
                    _template_link(report, checker, Loc(rel, i + 1, m.start(group) + 1), fm.group(1),
                                   url_index, html_index)
                elif value.lower().startswith("javascript:"):
                    checker.emit(Loc(rel, i + 1, m.start(group) + 1), Level.ERROR, "link.javascript",
                                 "模板中不允许 javascript: 链接")


def _template_link(report: LinkReport, checker: Checker, loc: Loc, url: str,
                   url_index: dict[str, str], html_index: dict[str, str]) -> None:
    path = url.split("#", 1)[0]
    if urlsplit(path).scheme or path in report.files:
        return
    ok = {True: lookup(url_index, resolve_url("", path), True), False: lookup(html_index, resolve_url("", path), False)}
    for page in ok.values():
        if page:
            report.linked.add(page)
    in_use = report.directory_urls
    if not ok[in_use]:
        checker.emit(loc, Level.ERROR, "link.template", f"模板中的链接“{url}”指向不存在的页面")
    elif not ok[not in_use]:
        other = "离线版（.html）" if in_use else "网站版（目录网址）"
        page = ok[in_use]
        fix = page_url(page, not in_use) if page else ""
        checker.emit(loc, Level.INFO, "link.url-scheme", f"模板中的链接“{url}”在{other}中会失效",
                     f"两种网址都能用的写法：'{page_url(page, False) if in_use else fix}'" if page else None)


def check_http(report: LinkReport, checker: Checker, site_url: str) -> None:
    """``http://`` links to hosts the site also reaches over ``https://``."""
    secure = https_hosts(report, site_url)
    for url, locs in sorted(report.external.items()):
        if url.lower().startswith("http://") and (urlsplit(url).hostname or "") in secure:
            for loc in locs:
                checker.emit(loc, Level.WARNING, "link.http", f"“{url}”用的是不加密的 http://",
                             f"这个网站支持 https，请改为 https://{url[len('http://'):]}")


def _page_loc(site: Site, report: LinkReport, uri: str) -> Loc:
    page = report.pages[uri]
    for t in site.registry.targets.values():
        if t.src_uri == uri and t.anchor is None and t.loc is not None:
            return t.loc
    return Loc(page.source or (f"（生成页 {uri}）" if page.generated else uri), 1, 1)


def check_orphans(site: Site, report: LinkReport, checker: Checker) -> None:
    """Pages that nothing links to and the nav does not list."""
    for uri in sorted(report.pages):
        if uri in ("index.md", HEALTH_URI) or uri in report.nav or uri in report.linked:
            continue
        report.orphans.append(uri)
        checker.emit(_page_loc(site, report, uri), Level.WARNING, "link.orphan",
                     f"页面 {uri} 没有任何页面链接到它，也不在导航中",
                     "从相关页面或目录页加一个链接，或把它加入 mkdocs.yml 的 nav")


def check_related(site: Site, report: LinkReport, checker: Checker) -> None:
    """One-way ``related…`` links: A lists B, B's kind lists related entries, but B does not list A.

    Works from the references every kind gives: each item of a related list says whose list it is in
    (`Ref.related_of`) and where it is written.
    """
    links: dict[str, list[tuple[str, Loc]]] = {}
    for ref in site.refs:
        if ref.related_of is None:
            continue
        target = site.registry.get(ref.ref.raw)
        if target is not None:
            links.setdefault(ref.related_of, []).append((target.key, ref.ref.loc))
    relating = {key.split(":", 1)[0] for key in links}  # kinds whose entries list related entries
    level = Level.ERROR if site.project.settings.strict_related else Level.WARNING
    for key, targets in links.items():
        for other, loc in targets:
            if other == key or other.split(":", 1)[0] not in relating:
                continue
            if any(back == key for back, _ in links.get(other, [])):
                continue
            t = site.registry.targets[other]
            checker.emit(loc, level, "link.one-way-related", f"{key} 关联了 {other}，但 {other} 没有关联回来",
                         f"在 {t.loc or t.src_uri} 的 related 中加上 {key}")


def check_site(site: Site, report: LinkReport, checker: Checker) -> None:
    """Run every link check of the site."""
    config, config_path, lines = read_config(site)
    report.directory_urls = bool(config.get("use_directory_urls", True))
    override = site.project.settings.directory_urls
    if override is not None:
        report.directory_urls = bool(override)
    theme = config.get("theme") or {}
    for custom in theme_folders(site.project.root, theme.get("custom_dir") if isinstance(theme, dict) else None):
        report.files.update(p.relative_to(custom).as_posix() for p in custom.rglob("*")  # copied into the site
                            if p.is_file() and p.suffix != ".html")
    for uri in sorted(report.pages):
        if uri != HEALTH_URI:
            checker.check_page(report.pages[uri])
    check_nav(site, report, checker, config, config_path, lines)
    check_assets(report, checker, config, config_path, lines)
    check_templates(site, report, checker, config)
    check_http(report, checker, site.project.settings.site_url or str(config.get("site_url") or ""))
    check_orphans(site, report, checker)
    check_related(site, report, checker)


def check_links(site: Site, pages: list[Page], claimed: set[str]) -> LinkReport:
    """Check every link of the site; diagnostics go to `site.diags` and the returned report."""
    md, files = collect(site, pages, claimed)
    report = LinkReport(md, files)
    check_site(site, report, Checker(site, report))
    return report
