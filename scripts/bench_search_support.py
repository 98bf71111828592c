"""Helpers for bench_search.py: a gzip static server that counts bytes, test projects, the browser driver."""

from __future__ import annotations

import fnmatch
import gzip
import http.server
import mimetypes
import re
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

TEXT_TYPES = (".html", ".js", ".css", ".json", ".svg", ".txt", ".xml", ".map", ".ics", ".csv")
XINYU_FILES = ("/search/", "xinyu-search", "/stylesheets/search.css")
MATERIAL_FILES = ("/search/search_index", "/workers/search", "/javascripts/bundle", "/javascripts/lunr/")


@dataclass
class Query:
    """A query and the page a reader means: a path without .md, `a|b` alternatives, `*` globs."""

    text: str
    expected: str

    def matches(self, key: str) -> bool:
        return any(fnmatch.fnmatchcase(key, pat.strip()) for pat in self.expected.split("|"))


def load_queries(path: Path, until: str | None = None) -> list[Query]:
    """`query<TAB>expected` lines; `#` lines are comments; stop at a line starting with `until`."""
    out = []
    for line in path.read_text("utf-8").splitlines():
        if until and line.startswith(until):
            break
        if not line.strip() or line.startswith("#"):
            continue
        text, expected = line.split("\t")[:2]
        out.append(Query(text.strip(), expected.strip()))
    return out


def page_key(url: str, base: str, copies: int = 1) -> str:
    """`http://127.0.0.1:p/chapter_x/page/#a` → `chapter_x/page`; copies' `cN/` prefix removed."""
    path = url[len(base):] if url.startswith(base) else urlsplit(url).path.lstrip("/")
    path = unquote(path.split("#", 1)[0].split("?", 1)[0])
    for suffix in ("index.html", ".html", "/"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    if copies > 1 and len(path) > 2 and path[0] == "c" and path[1].isdigit() and path[2] == "/":
        path = path[3:]
    return path.strip("/")


class _Handler(http.server.BaseHTTPRequestHandler):
    server: GzipServer.HTTP

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        root: Path = self.server.root
        rel = unquote(urlsplit(self.path).path).lstrip("/")
        target = (root / rel).resolve()
        if target.is_dir():
            target = target / "index.html"
        status = 200
        if root.resolve() not in target.parents or not target.is_file():
            status, target = 404, root / "404.html"
        body = target.read_bytes() if target.is_file() else b"not found"
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or target.suffix == ".js":
            ctype = ("text/javascript" if target.suffix == ".js" else ctype) + "; charset=utf-8"
        encoded = target.suffix in TEXT_TYPES and "gzip" in self.headers.get("Accept-Encoding", "")
        if encoded:
            body = gzip.compress(body, 6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)
        with self.server.lock:
            self.server.log.append((urlsplit(self.path).path, len(body)))


class GzipServer:
    """Serve a folder on 127.0.0.1 with gzip for text types; remember the bytes of every response."""

    class HTTP(http.server.ThreadingHTTPServer):
        root: Path
        log: list[tuple[str, int]]
        lock: threading.Lock

    def __init__(self, root: Path) -> None:
        self.httpd = self.HTTP(("127.0.0.1", 0), _Handler)
        self.httpd.root = root
        self.httpd.log = []
        self.httpd.lock = threading.Lock()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> GzipServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def reset(self) -> None:
        with self.httpd.lock:
            self.httpd.log.clear()

    def bytes_for(self, patterns: tuple[str, ...]) -> int:
        with self.httpd.lock:
            return sum(n for path, n in self.httpd.log if any(p in path for p in patterns))


# Pagefind's default UI in the header of every page (as the anchor in corpus/README.md was measured).
PAGEFIND_MAIN = """{% extends "base.html" %}
{% block extrahead %}<link href="{{ base_url }}/pagefind/pagefind-ui.css" rel="stylesheet">
<script src="{{ base_url }}/pagefind/pagefind-ui.js"></script>{% endblock %}
{% block content %}<div id="pf-search"></div>
<script>window.addEventListener("DOMContentLoaded", function () {
  new PagefindUI({ element: "#pf-search", showSubResults: false, showImages: false }); });</script>
{{ super() }}{% endblock %}
"""
PAGEFIND_FILES = ("/pagefind/",)

MD_EXTENSIONS = """\
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""


def hello_project(root: Path, corpus: Path, overrides: Path, engine: str, copies: int) -> Path:
    """A MkDocs project over a copy of the corpus: our theme and plugin, or plain Material search."""
    docs = root / "docs"
    if copies == 1:
        shutil.copytree(corpus, docs, ignore=shutil.ignore_patterns("LICENSE"))
    else:
        for i in range(1, copies + 1):
            shutil.copytree(corpus, docs / f"c{i}", ignore=shutil.ignore_patterns("LICENSE"))
        (docs / "index.md").write_text("# Hello 算法 ×4\n", "utf-8")
    _placeholder_images(docs)
    if engine == "pagefind":
        (root / "pf").mkdir()
        (root / "pf" / "main.html").write_text(PAGEFIND_MAIN, "utf-8")
        config = ("site_name: Hello 算法\ndocs_dir: docs\ntheme:\n  name: material\n  custom_dir: pf\n  language: zh\n"
                  "  font: false\nplugins: []\n")
    elif engine == "xinyu":
        shutil.copytree(overrides, root / "overrides")
        config = ("site_name: Hello 算法\ndocs_dir: docs\ntheme:\n  name: material\n  custom_dir: overrides\n"
                  "  language: zh\n  font: false\nextra_css:\n  - assets/stylesheets/search.css\n"
                  "extra_javascript:\n  - assets/javascripts/xinyu-search.js\nplugins:\n  - xinyu\n")
    else:
        config = ("site_name: Hello 算法\ndocs_dir: docs\ntheme:\n  name: material\n  language: zh\n  font: false\n"
                  "plugins:\n  - search:\n      lang: zh\n")
    (root / "mkdocs.yml").write_text(config + "validation:\n  links:\n    not_found: ignore\n" + MD_EXTENSIONS, "utf-8")
    return root


_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)")


def _placeholder_images(docs: Path) -> None:
    """The corpus ships without its 506 images; empty stand-ins keep our link check quiet."""
    for md in docs.rglob("*.md"):
        for target in _LINK.findall(md.read_text("utf-8")):
            if "://" in target or target.startswith(("#", "mailto:")) or target.split("#")[0].endswith(".md"):
                continue
            path = (md.parent / unquote(target.split("#")[0])).resolve()
            if docs.resolve() in path.parents and not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(b"")


try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # only the browser driver needs it
    PlaywrightTimeout = TimeoutError  # type: ignore[misc,assignment]


def run_queries(browser: Any, server: GzipServer, engine: str, text: str) -> tuple[list[str], int, float]:
    """Type `text` into the site's search box on a fresh page (cold cache): result URLs, search bytes
    sent before the first result appeared, and milliseconds from the last key to that result."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    server.reset()
    page.goto(server.url)
    if engine == "xinyu":
        page.click(".xy-search-button")
        page.locator(".xy-search__input").press_sequentially(text)
        t0 = time.monotonic()
        page.wait_for_function("q => { const l = document.querySelector('.xy-search__results');"
                               " return l && l.dataset.query === q; }", arg=text, timeout=20000)
        ms = (time.monotonic() - t0) * 1000
        sent = server.bytes_for(XINYU_FILES)
        urls = page.eval_on_selector_all(".xy-search__link", "els => els.map(e => e.href)")
    elif engine == "pagefind":
        page.locator(".pagefind-ui__search-input").press_sequentially(text)
        t0 = time.monotonic()
        page.wait_for_function("() => document.querySelectorAll('.pagefind-ui__result-link').length > 0 ||"
                               " /\\S/.test((document.querySelector('.pagefind-ui__message') || {}).textContent || '')",
                               timeout=60000)
        ms = (time.monotonic() - t0) * 1000
        page.wait_for_timeout(600)
        sent = server.bytes_for(PAGEFIND_FILES)
        urls = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
    else:
        page.click(".md-search__input")
        page.locator(".md-search__input").press_sequentially(text)
        t0 = time.monotonic()
        try:
            page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0 ||"
                                   " /没有/.test(document.querySelector('.md-search-result__meta').textContent)",
                                   timeout=120000)
        except PlaywrightTimeout:  # counted as a miss, with the bytes sent so far
            pass
        ms = (time.monotonic() - t0) * 1000
        sent = server.bytes_for(MATERIAL_FILES)
        page.wait_for_timeout(600)  # let the results of the whole query settle
        urls = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                         "els => els.map(e => e.href)")
    context.close()
    return urls, sent, ms
