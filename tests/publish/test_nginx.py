"""The demo built for a sub-path, served by a real nginx with deploy/nginx/xinyu.conf, crawled whole."""

from __future__ import annotations

import gzip
import http.client
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from conftest import ROOT
from support.nginx_local import free_port, serve_with_nginx
from xinyu.publish.site import css_urls, fetched_urls, followed_urls

pytestmark = pytest.mark.slow
SAMPLE = ROOT / "deploy/nginx/xinyu.conf"
PROBE_ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//xinyu//test//ZH\r\nEND:VCALENDAR\r\n"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The demo built with --base-url http://127.0.0.1:<port>/xinyu/ and served there by nginx."""
    port = free_port()
    site = tmp_path_factory.mktemp("nginx") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "xinyu.cli", "build", "--preview", "--today", "2026-11-29", "-d", str(site),
         "--base-url", f"http://127.0.0.1:{port}/xinyu/"],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    if not any(site.rglob("*.ics")):  # the demo has no calendar yet: the config is tested all the same
        (site / "probe.ics").write_text(PROBE_ICS, "utf-8")
    with serve_with_nginx(site, SAMPLE, "/xinyu/", port=port) as url:
        yield url, site


def get(url: str, *, encoding: str = "gzip") -> tuple[int, dict[str, str], bytes]:
    """GET without following redirects; the body is decompressed; header names lower-case."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("GET", parts.path or "/", headers={"Accept-Encoding": encoding})
        resp = conn.getresponse()
        headers = {k.lower(): v for k, v in resp.getheaders()}
        body = resp.read()
    finally:
        conn.close()
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return resp.status, headers, body


def _links(html: str) -> list[str]:
    """Every URL a reader can follow or the browser loads: fetched URLs plus <a href>."""
    return fetched_urls(html) + followed_urls(html)


def test_crawl_every_page_and_asset_under_the_sub_path(served) -> None:
    base, site = served
    seen: set[str] = set()
    queue = [base]
    failures: list[str] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, headers, body = get(url)
        if status != 200:
            failures.append(f"{status} {url}")
            continue
        ctype = headers.get("content-type", "")
        text = body.decode("utf-8", errors="replace")
        found = _links(text) if ctype.startswith("text/html") else list(css_urls(text)) if "css" in ctype else []
        for link in found:
            target = urldefrag(urljoin(url, link.strip()))[0]
            if target.startswith(base) and target not in seen:
                queue.append(target)
    assert failures == [], "\n".join(failures)
    pages = [u for u in seen if u.endswith("/")]
    assert len(pages) >= 5 and any("/assets/" in u for u in seen)
    # Every file of the build is served, byte for byte, at its path under /xinyu/.
    wrong = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        status, _, body = get(base + rel)
        if status != 200 or body != path.read_bytes():
            wrong.append(f"{status} {rel}")
    assert wrong == []


@pytest.mark.parametrize("missing", ["nope", "nope/", "services/nope/", "a/b/c/d/e.html", "assets/x/y.css"])
def test_missing_path_gets_the_chinese_404_page_with_working_assets(served, missing: str) -> None:
    base, _ = served
    url = base + missing
    status, headers, body = get(url)
    assert status == 404 and headers["content-type"].startswith("text/html")
    html = body.decode("utf-8")
    assert "找不到这个页面" in html and "12356" in html
    assets = [u for u in fetched_urls(html) if not u.startswith("data:")]
    assert any(u.endswith(".css") for u in assets) and any(u.endswith(".js") for u in assets)
    for asset in assets:  # resolved against the missing URL, as the browser does
        assert get(urljoin(url, asset))[0] == 200, asset
    home = [u for u in _links(html) if u.rstrip("/").endswith("/xinyu")]
    assert home and get(urljoin(url, home[0]))[0] == 200


def test_compression_and_cache_headers(served) -> None:
    base, site = served
    status, headers, _ = get(base)
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert headers["content-type"] == "text/html; charset=utf-8" and headers["cache-control"] == "no-cache"
    hashed = sorted(p.relative_to(site).as_posix() for p in (site / "assets").rglob("*.min.*") if "." in p.stem)
    bundle_js = [p for p in hashed if p.startswith("assets/javascripts/bundle.") and p.endswith(".js")]
    assert bundle_js, hashed
    main_css = [p for p in hashed if p.startswith("assets/stylesheets/main.") and p.endswith(".css")]
    for rel in (bundle_js[0], main_css[0]):
        status, headers, _ = get(base + rel)
        assert status == 200 and headers["content-encoding"] == "gzip", rel
        assert headers["cache-control"] == "public, max-age=31536000, immutable", rel
    status, headers, _ = get(base + "assets/stylesheets/xinyu.css")  # not hashed: revalidated every time
    assert status == 200 and headers["cache-control"] == "no-cache"
    status, headers, _ = get(base + "assets/images/favicon.png")
    assert status == 200 and headers["cache-control"] == "public, max-age=86400"
    status, headers, _ = get(base + "search/search_index.json") if (site / "search/search_index.json").exists() \
        else get(base + "sitemap.xml")
    assert status == 200 and headers["content-encoding"] == "gzip" and headers["cache-control"] == "no-cache"
    status, headers, _ = get(base, encoding="identity")
    assert status == 200 and "content-encoding" not in headers


def test_calendar_files_are_text_calendar(served) -> None:
    base, site = served
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.ics"))
    assert files
    for rel in files:
        status, headers, body = get(base + rel)
        assert status == 200 and headers["content-type"].startswith("text/calendar"), rel
        assert body.startswith(b"BEGIN:VCALENDAR")


def test_folder_without_slash_redirects_within_the_sub_path(served) -> None:
    base, _ = served
    status, headers, _ = get(base + "services")
    assert status == 301 and headers["location"] == "/xinyu/services/"
    status, headers, _ = get(base.rstrip("/"))
    assert status == 301 and headers["location"] == "/xinyu/"
    status, _, _ = get(base.replace("/xinyu/", "/elsewhere/"))
    assert status == 404


def test_robots_and_sitemap_name_the_sub_path(served) -> None:
    base, _ = served
    status, _, body = get(base + "sitemap.xml")
    assert status == 200 and f"<loc>{base}services/</loc>".encode() in body
    status, _, body = get(base + "robots.txt")
    assert status == 200 and b"Disallow: /" in body  # a preview build keeps crawlers out


@pytest.mark.browser
def test_404_page_deep_down_is_styled_in_a_browser(served, browser) -> None:
    base, _ = served
    page = browser.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and "/missing/" not in r.url
            else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    response = page.goto(base + "a/b/c/missing/")
    assert response is not None and response.status == 404
    page.wait_for_load_state("networkidle")
    assert page.locator("h1", has_text="找不到这个页面").is_visible()
    assert page.locator(".xy-crisis a[href='tel:12356']").first.is_visible()
    # Material's stylesheet loaded: the header is coloured, not an unstyled white block.
    colour = page.eval_on_selector(".md-header", "e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), colour
    page.locator("a", has_text="返回首页").click()
    page.wait_for_load_state()
    assert page.url == base and failed == []
    page.close()
