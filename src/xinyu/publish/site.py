"""Publishing rules: the base URL, a build date MkDocs can use, robots.txt, on-site URL checks,
the 备案 numbers a public site shows.

Functions over strings and paths; the plugin and the CLI call them. The offline zip
lives in `bundle.py`.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
from collections.abc import Iterator, MutableMapping
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from ..diagnostics import Diagnostic, Level, Loc
from ..project import Project

TZ = ZoneInfo("Asia/Shanghai")
EPOCH_VAR = "SOURCE_DATE_EPOCH"


def normalize_base_url(url: str) -> str:
    """`url` as a site base: ``http(s)://host[:port]/path/`` with a trailing slash.

    Raises `ValueError` with a Chinese message an IT person can act on.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"网站地址“{url}”不完整：请写成 https://域名/ 或 https://域名/子路径/ 的形式，"
                         "例如 https://jyj.example.gov.cn/xinyu/")
    if parts.query or parts.fragment:
        raise ValueError(f"网站地址“{url}”不能带 ? 或 # 部分")
    path = parts.path or "/"
    if not path.endswith("/"):
        path += "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def base_path(site_url: str | None) -> str:
    """The path part of `site_url` (``/xinyu/``), or ``/`` when there is none."""
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


def build_epoch(day: dt.date) -> int:
    """Seconds since the epoch for noon of `day` in Asia/Shanghai.

    Noon, not midnight: MkDocs prints the UTC date of SOURCE_DATE_EPOCH into the sitemap, and
    noon in Shanghai (04:00 UTC) is the same calendar day in both zones.
    """
    return int(dt.datetime.combine(day, dt.time(12), TZ).timestamp())


def epoch_day(value: str) -> dt.date | None:
    """The Asia/Shanghai date of a SOURCE_DATE_EPOCH value, or None if it is not a number."""
    try:
        return dt.datetime.fromtimestamp(int(value), TZ).date()
    except (ValueError, OverflowError, OSError):
        return None


def pin_source_date_epoch(day: dt.date, environ: MutableMapping[str, str] = os.environ) -> str | None:
    """Make SOURCE_DATE_EPOCH name `day`, so MkDocs' own timestamps follow the build date.

    MkDocs stamps every page's ``update_date`` (the sitemap's ``lastmod``) and the gzip header of
    ``sitemap.xml.gz`` with SOURCE_DATE_EPOCH, or the wall clock without it. An existing value
    that already names `day` is kept as it is. Returns the value set, or None if none was changed.
    """
    current = environ.get(EPOCH_VAR)
    if current is not None and epoch_day(current) == day:
        return None
    value = str(build_epoch(day))
    environ[EPOCH_VAR] = value
    return value


class EpochPin:
    """SOURCE_DATE_EPOCH pinned for one build and put back when it ends (`mkdocs serve` rebuilds)."""

    def __init__(self, environ: MutableMapping[str, str] = os.environ) -> None:
        self.environ = environ
        self.pinned: str | None = None  # the value this build set
        self.saved: str | None = None  # and the value it replaced

    def pin(self, day: dt.date) -> None:
        """Pin SOURCE_DATE_EPOCH to `day` (see `pin_source_date_epoch`), remembering the old value."""
        self.restore()
        self.saved = self.environ.get(EPOCH_VAR)
        self.pinned = pin_source_date_epoch(day, self.environ)

    def restore(self) -> None:
        """Put back the value `pin` replaced, unless someone else has changed it since."""
        if self.pinned is not None and self.environ.get(EPOCH_VAR) == self.pinned:
            if self.saved is None:
                del self.environ[EPOCH_VAR]
            else:
                self.environ[EPOCH_VAR] = self.saved
        self.pinned = None


def robots_txt(site_url: str | None, preview: bool) -> str:
    """robots.txt for a build: a preview keeps every crawler out; a publishing build names its sitemap."""
    if preview:
        return "# 预览版：含示例内容，不得公开发布，也不让搜索引擎收录\nUser-agent: *\nDisallow: /\n"
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {urljoin(site_url, 'sitemap.xml')}")
    return "\n".join(lines) + "\n"


def write_robots(site_dir: Path, docs_dir: Path, site_url: str | None, preview: bool) -> bool:
    """Write robots.txt into `site_dir` unless the docs dir has a hand-written one; True if written."""
    if (docs_dir / "robots.txt").is_file():
        return False
    (site_dir / "robots.txt").write_text(robots_txt(site_url, preview), "utf-8", newline="\n")
    return True


# --- 备案: what a site on the public internet shows in its footer -----------------------------

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


def _key_line(config_path: Path, key: str) -> int:
    """The line of the first ``key:`` in the config file (1 when it is not there or unreadable)."""
    try:
        for i, text in enumerate(config_path.read_text("utf-8").splitlines(), 1):
            if re.match(rf"\s*{key}\s*:", text):
                return i
    except OSError:
        pass
    return 1


def site_info_diagnostics(project: Project, site_url: str, config_path: Path) -> list[Diagnostic]:
    """A publishing build of a public site warns when the footer lacks ICP备案号 or 公网安备案号."""
    if project.preview or not is_public_site_url(site_url):
        return []
    info = project.settings.site_info
    missing = [label for key, label in (("icp", "ICP备案号"), ("police_record", "公网安备案号"))
               if not info.get(key, "").strip()]
    if not missing:
        return []
    loc = Loc(project.rel(config_path), _key_line(config_path, "site_info"), 1)
    return [Diagnostic(
        loc, Level.WARNING, "site.beian-missing",
        f"网站地址 {site_url} 是公网地址，但页脚缺少{'和'.join(missing)}（境内公网网站须在页脚展示）",
        "在 mkdocs.yml 的 extra.site_info 中填写 icp 和 police_record；只在校内网发布的，把 site_url 改为内网地址",
    )]


# --- URLs a browser fetches on its own -------------------------------------------------------

# <link rel=…> values that make the browser fetch (or connect to) the URL. Canonical and
# alternate links are only pointers and may name the public site.
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload", "modulepreload",
                 "prefetch", "preconnect", "dns-prefetch", "manifest", "prerender"}
_FETCH_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "iframe": ("src",),
    "frame": ("src",), "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "embed": ("src",),
    "object": ("data",), "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)


def css_urls(css: str) -> Iterator[str]:
    """Every ``url(…)`` and ``@import "…"`` target in CSS text."""
    for m in _CSS_URL.finditer(css):
        yield (m.group(2) or m.group(4) or "").strip()


class _Fetches(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.links: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link":
            rels = set(a.get("rel", "").lower().split())
            if rels & FETCHING_RELS and a.get("href"):
                self.urls.append(a["href"])
        for name in _FETCH_ATTRS.get(tag, ()):
            value = a.get(name)
            if value and name == "srcset":
                self.urls.extend(part.strip().split()[0] for part in value.split(",") if part.strip())
            elif value:
                self.urls.append(value)
        if tag in ("a", "area") and a.get("href"):
            self.links.append(a["href"])
        if "style" in a:
            self.urls.extend(css_urls(a["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls.extend(css_urls(data))


def fetched_urls(html: str) -> list[str]:
    """URLs a browser loads by itself when it shows `html`: scripts, styles, images, frames, CSS url()."""
    parser = _Fetches()
    parser.feed(html)
    parser.close()
    return parser.urls


def followed_urls(html: str) -> list[str]:
    """The ``href`` of every ``<a>`` and ``<area>`` in `html` (links a reader follows), unescaped."""
    parser = _Fetches()
    parser.feed(html)
    parser.close()
    return parser.links


def is_on_site(url: str, site_url: str | None = None) -> bool:
    """True if `url` stays on the site: relative, a data:/blob: URL, or under `site_url` / its path."""
    url = url.strip()
    if not url or url.startswith(("#", "data:", "blob:", "about:")):
        return True
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return not url.startswith("/") or url.startswith(base_path(site_url))
    return bool(site_url) and url.startswith(site_url)  # type: ignore[arg-type]


def offsite_fetches(site_dir: Path, site_url: str | None = None) -> list[tuple[str, str]]:
    """(file, url) for every URL in the built site's HTML and CSS a browser would fetch from elsewhere."""
    found: list[tuple[str, str]] = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in (".html", ".css") or not path.is_file():
            continue
        text = path.read_text("utf-8", errors="replace")
        urls = fetched_urls(text) if path.suffix == ".html" else list(css_urls(text))
        rel = path.relative_to(site_dir).as_posix()
        found.extend((rel, url) for url in urls if not is_on_site(url, site_url))
    return found


def offsite_warning(rel: str, url: str) -> str:
    """The build log's warning for a URL in `rel` that a browser would fetch from another host."""
    return (f"{rel}: 警告 publish.offsite 页面会从站外加载“{url}”（离线包和内网访问会失败，"
            "也会泄露读者的访问）；请把文件放进 content/ 并用相对链接引用")
