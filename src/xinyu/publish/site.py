"""Publishing helpers: the base URL, a build date MkDocs can use, robots.txt, on-site URL checks.

All pure functions over strings and paths; the plugin and the CLI call them. The offline zip
lives in `bundle.py`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, MutableMapping
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

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
