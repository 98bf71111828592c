"""Whole-site link validation, without rendering HTML.

Every Markdown page the site will have (hand-written pages and the pages kinds generate) is read
for links: Markdown links and images, reference definitions, autolinks, ``href``/``src`` in raw
HTML. Each link is resolved against the page and file set and the anchors each page carries, the
way MkDocs will resolve it, for the URL scheme in use (directory URLs for hosting, ``.html`` for
the offline bundle); what only breaks the other scheme is a note. A broken link in a generated
page is blamed where the data that wrote it sits (`Page.link_locs`); for other links of a generated
page, on the line of its source that holds the link's text where one does.
Nav entries, the links theme templates emit, orphan pages, one-way ``related`` links and
``http://`` links to hosts known to serve ``https://`` are checked in `site`.
"""

from __future__ import annotations

import difflib
import functools
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostic, Level, Loc
from ..project import Page, Site
from ..refs import Reference, is_typed_ref, relative_link
from ..text.anchors import Blamer, anchors, page_url
from ..text.markdown import RawLink, extract_links

HEALTH_URI = "neirong-tijian.md"  # the content health page (preview builds only)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_HARMLESS = ("mailto", "tel", "sms", "data")


@dataclass
class MdPage:
    """A Markdown page of the site as the link check sees it."""

    src_uri: str
    text: str
    source: str | None  # the file to blame, relative to the project root
    generated: bool
    extra_anchors: set[str] = field(default_factory=set)  # anchors the registry knows (e.g. questions)
    text_anchors: set[str] | None = None  # the text's own anchors, when the core has already read them
    link_locs: dict[str, Loc] = field(default_factory=dict)  # a generated page's `Page.link_locs`

    @functools.cached_property
    def anchors(self) -> set[str]:
        """The fragment ids the page carries, read from its text when first asked for."""
        own = self.text_anchors if self.text_anchors is not None else anchors(self.text)
        return own | self.extra_anchors


@dataclass
class LinkReport:
    """What the link check found, for `xinyu check`, the health page and tests."""

    pages: dict[str, MdPage]
    files: set[str]
    directory_urls: bool = True
    links: int = 0
    external: dict[str, list[Loc]] = field(default_factory=lambda: defaultdict(list))
    linked: set[str] = field(default_factory=set)  # pages something links to
    nav: set[str] = field(default_factory=set)
    orphans: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _docs_files(site: Site, claimed: set[str]) -> set[str]:
    """Non-Markdown files of the docs dir that MkDocs copies to the site."""
    docs = site.project.docs_dir
    out: set[str] = set()
    for path in docs.rglob("*"):
        if not path.is_file() or path.suffix in (".md", ".yml", ".yaml"):
            continue
        uri = path.relative_to(docs).as_posix()
        if uri in claimed or any(part.startswith(".") for part in uri.split("/")):
            continue
        out.add(uri)
    return out


def collect(site: Site, pages: list[Page], claimed: set[str]) -> tuple[dict[str, MdPage], set[str]]:
    """The Markdown pages (hand-written and generated) and the other files the site will have."""
    target_anchors: dict[str, set[str]] = defaultdict(set)
    for t in site.registry.targets.values():
        if t.anchor:
            target_anchors[t.src_uri].add(t.anchor)
    md: dict[str, MdPage] = {}
    for hand in site.pages:
        md[hand.src_uri] = MdPage(hand.src_uri, hand.text, hand.path, False, target_anchors.get(hand.src_uri, set()),
                                  hand.anchors)
    files = _docs_files(site, claimed)
    for page in pages:
        if page.src_uri.endswith(".md") and isinstance(page.content, str):
            md[page.src_uri] = MdPage(page.src_uri, page.content, page.source, True,
                                      target_anchors.get(page.src_uri, set()), link_locs=page.link_locs)
        else:
            files.add(page.src_uri)
    return md, files


def _norm(uri: str) -> str:
    stem = posixpath.splitext(uri)[0]
    return stem[: -len("/index")] if stem.endswith("/index") else stem


def closest(wanted: str, candidates: list[str], exclude: str = "") -> str | None:
    """The existing path most like `wanted`: by page path, by file path, else by last path segment."""
    pool = [c for c in candidates if c != exclude]
    by_norm: dict[str, str] = {}
    for c in pool:
        by_norm.setdefault(_norm(c), c)
    close = difflib.get_close_matches(_norm(wanted), list(by_norm), n=1, cutoff=0.6)
    if close:
        return by_norm[close[0]]
    close = difflib.get_close_matches(wanted, pool, n=1, cutoff=0.6)
    if close:
        return close[0]
    by_name: dict[str, str] = {}
    for c in pool:
        by_name.setdefault(posixpath.basename(_norm(c)), c)
    close = difflib.get_close_matches(posixpath.basename(_norm(wanted)), list(by_name), n=1, cutoff=0.75)
    return by_name[close[0]] if close else None


def _suggest(wanted: str, candidates: list[str], from_uri: str) -> str | None:
    found = closest(wanted, candidates, exclude=from_uri)
    return f"你是不是想链接到 {relative_link(from_uri, found)}？" if found else None


class Checker:
    """Resolves the links of every page; adds diagnostics to the report."""

    def __init__(self, site: Site, report: LinkReport) -> None:
        self.site = site
        self.report = report
        self.blamer = Blamer(site.project.root)
        self.url_index = {page_url(uri): uri for uri in report.pages}
        self.html_index = {page_url(uri, False): uri for uri in report.pages}
        # lines the core already reported a typed reference on (a rewritten one must not count twice)
        self.ref_lines = {(d.loc.path, d.loc.line) for d in site.diags if d.code.startswith("ref.")}

    def emit(self, loc: Loc, level: Level, code: str, message: str, hint: str | None = None) -> None:
        """Record a diagnostic found by the link check."""
        if (loc.path, loc.line) in self.ref_lines:
            return
        d = Diagnostic(loc, level, code, message, hint)
        self.report.diagnostics.append(d)
        self.site.diags.add(d)

    def where(self, page: MdPage, link: RawLink) -> Loc:
        """The source position of `link` (a generated page's link: where its data wrote it)."""
        if not page.generated:
            return Loc(page.source or page.src_uri, link.line + 1, link.col)
        written = page.link_locs.get(link.target)
        if written is not None:  # the kind said which data wrote it
            return self.blamer.locate_from(written, link.target)
        fallback = Loc(page.source or f"（生成页 {page.src_uri}）", 1, 1)
        return self.blamer.locate(page.source, link.target, fallback)  # hand-written into a kind's page

    def check_page(self, page: MdPage) -> None:
        """Check every link on `page`."""
        for link in extract_links(page.text):
            self.report.links += 1
            self.check_link(page, link)

    def check_link(self, page: MdPage, link: RawLink) -> None:
        """Resolve one link."""
        raw = link.target.strip()
        if is_typed_ref(raw):
            self._typed(page, link, raw)
            return
        m = _SCHEME.match(raw)
        if m or raw.startswith("//"):
            self._external(page, link, raw, (m.group(1) if m else "").lower())
            return
        path, _, frag = raw.partition("#")
        path = unquote(path.split("?", 1)[0])
        frag = unquote(frag)
        if not path:
            if frag and frag not in page.anchors:
                self._missing_anchor(page, link, page.src_uri, frag)
            return
        if path.startswith("/"):
            self.emit(self.where(page, link), Level.WARNING, "link.absolute",
                      f"链接“{raw}”以 / 开头：网站放在子路径下或离线打开时会失效",
                      "请改用相对链接，例如 ../services/index.md")
            return
        if (path.endswith(("/", ".html")) or path in (".", "..")) and self._url_link(page, link, raw, path, frag):
            return
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path))
        if target.startswith("../") or target == "..":
            self.emit(self.where(page, link), Level.ERROR, "link.outside", f"链接“{raw}”指向网站目录以外")
            return
        if link.how == "html" and not path.endswith(".md") and self._url_link(page, link, raw, path, frag, True):
            return
        if target in self.report.pages:
            if target != page.src_uri:
                self.report.linked.add(target)
            if frag and frag not in self.report.pages[target].anchors:
                self._missing_anchor(page, link, target, frag)
            return
        if target in self.report.files:
            return
        if path.endswith(".md"):
            hint = _suggest(target, sorted(self.report.pages), page.src_uri)
            self.emit(self.where(page, link), Level.ERROR, "link.missing-page", f"链接“{raw}”指向不存在的页面", hint)
            return
        suffix = posixpath.splitext(target)[1]
        same = sorted(f for f in self.report.files if f.endswith(suffix)) if suffix else sorted(self.report.files)
        what = "图片" if suffix.lower() in (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp") else "文件"
        hint = _suggest(target, same, page.src_uri) or _suggest(target, sorted(self.report.files), page.src_uri)
        self.emit(self.where(page, link), Level.ERROR, "link.missing-file", f"链接“{raw}”指向不存在的{what}", hint)

    def _url_link(self, page: MdPage, link: RawLink, raw: str, path: str, frag: str, files: bool = False) -> bool:
        """A link MkDocs leaves as written (``x/``, ``x.html``, or with `files` a file in raw HTML): relative
        to the page URL. False only for `files` with nothing there (then it is reported as a missing file)."""
        results = {}
        for scheme, index in ((True, self.url_index), (False, self.html_index)):
            url = resolve_url(page_url(page.src_uri, scheme), path)
            results[scheme] = lookup(index, url, scheme) or (url if files and url in self.report.files else None)
        in_use = self.report.directory_urls
        ok_now, ok_other = results[in_use], results[not in_use]
        if files and not ok_now and not ok_other:
            return False  # nothing there in either scheme: reported as a missing file
        if ok_now and ok_now in self.report.pages:
            self.report.linked.add(ok_now)
            if frag and frag not in self.report.pages[ok_now].anchors:
                self._missing_anchor(page, link, ok_now, frag)
        wanted = ok_now or ok_other
        hint = None
        if wanted in self.report.pages:
            hint = f"请链接到 Markdown 文件：{relative_link(page.src_uri, wanted)}"
        elif wanted:
            written = relative_link(page.src_uri, wanted)
            hint = f"HTML 中的地址不会被转换，请改用 Markdown 写法 ![](…) 或 [](…)：{written}"
        if ok_now and not ok_other:
            other = "离线版（.html）" if in_use else "网站版（目录网址）"
            self.emit(self.where(page, link), Level.INFO, "link.url-scheme",
                      f"链接“{raw}”在{other}中会失效", hint)
        elif not ok_now and ok_other:
            broken_in = "离线版（.html）" if not in_use else "网站版（目录网址）"
            self.emit(self.where(page, link), Level.ERROR, "link.url-scheme",
                      f"链接“{raw}”在{broken_in}中会失效", hint)
        elif not ok_now:
            if not wanted:
                stem = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path))
                wanted_uri = stem.removesuffix(".html") + ".md" if path.endswith(".html") else stem + "/index.md"
                hint = _suggest(wanted_uri, sorted(self.report.pages), page.src_uri)
            self.emit(self.where(page, link), Level.ERROR, "link.missing-page",
                      f"链接“{raw}”指向不存在的页面", hint)
        return True

    def _missing_anchor(self, page: MdPage, link: RawLink, target: str, frag: str) -> None:
        known = sorted(self.report.pages[target].anchors)
        close = difflib.get_close_matches(frag, known, n=1, cutoff=0.5)
        base = "" if target == page.src_uri else relative_link(page.src_uri, target)
        hint = f"你是不是想链接到 {base}#{close[0]}？" if close else None
        self.emit(self.where(page, link), Level.ERROR, "link.unknown-anchor",
                  f"页面 {target} 上没有锚点 #{frag}", hint)

    def _typed(self, page: MdPage, link: RawLink, raw: str) -> None:
        """Typed references: hand-written ones were resolved by the core; count them as links."""
        target = self.site.registry.get(raw)
        if target is not None:
            self.report.linked.add(target.src_uri)
            return
        if page.generated:  # left unresolved by a kind: blame its source unless already reported
            loc = self.where(page, link)
            if not any(d.loc.path == loc.path and d.loc.line == loc.line and d.code.startswith("ref.")
                       for d in self.site.diags):
                self.site.registry.resolve(Reference(raw, loc), self.site.diags)

    def _external(self, page: MdPage, link: RawLink, raw: str, scheme: str) -> None:
        if scheme == "javascript":
            self.emit(self.where(page, link), Level.ERROR, "link.javascript",
                      f"不允许 javascript: 链接（“{raw[:40]}”）", "请改为普通链接或按钮说明")
            return
        if scheme in _HARMLESS or (scheme == "webcal" and self._own_feed(raw)):
            return
        self.report.external[raw].append(self.where(page, link))

    def _own_feed(self, raw: str) -> bool:
        """A ``webcal://`` subscription to this site's own calendar (not an outside link)."""
        base = self.site.project.settings.site_url.split("://", 1)[-1]
        return bool(base) and raw.split("://", 1)[-1].startswith(base)


_HTML_MD_LINK = re.compile(r"""(<a\b[^>]*?\shref=["'])([^"'#?]+?\.md)([#?][^"']*)?(["'])""", re.IGNORECASE)


def rewrite_html_md_links(html: str, src_uri: str, href_for: Callable[[str], str | None]) -> str:
    """Point ``<a href="x.md">`` in raw HTML (which MkDocs leaves as written) at the page's URL.

    `href_for(target_src_uri)` gives the URL relative to the current page, or None when there is no
    such page (the link check reports that one).
    """

    def fix(m: re.Match[str]) -> str:
        raw = m.group(2)
        if _SCHEME.match(raw) or raw.startswith("/"):
            return m.group(0)
        href = href_for(posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(raw))))
        return m.group(0) if href is None else f"{m.group(1)}{href}{m.group(3) or ''}{m.group(4)}"

    return _HTML_MD_LINK.sub(fix, html) if ".md" in html else html


def resolve_url(base_url: str, path: str) -> str:
    """The site-relative URL a relative `path` written on the page at `base_url` points to."""
    base = base_url.rstrip("/") if base_url.endswith("/") else posixpath.dirname(base_url)
    url = posixpath.normpath(posixpath.join(base, path)) if base else posixpath.normpath(path)
    if url == ".":
        return ""
    return url + "/" if path.endswith("/") or path in (".", "..") else url


def lookup(index: dict[str, str], url: str, directory_urls: bool) -> str | None:
    """The page at site-relative `url`; offline, a folder means its index.html (`xinyu bundle` links it so)."""
    if not directory_urls and (url == "" or url.endswith("/")):
        url += "index.html"
    return index.get(url)


def https_hosts(report: LinkReport, site_url: str) -> set[str]:
    """Hosts the site links to over https (and its own host)."""
    hosts = {urlsplit(u).hostname or "" for u in report.external if u.lower().startswith("https://")}
    if site_url.startswith("https://"):
        hosts.add(urlsplit(site_url).hostname or "")
    return hosts - {""}
