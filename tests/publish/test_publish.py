"""Publishing: one base URL per build, byte-identical rebuilds, robots.txt, nothing fetched off-site."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, tree
from xinyu.publish.site import (
    build_epoch,
    fetched_urls,
    is_on_site,
    normalize_base_url,
    offsite_fetches,
    pin_source_date_epoch,
    robots_txt,
)

SUBPATH_URL = "https://jyj.example.gov.cn/xinyu/"
PAGES = {
    "content/index.md": "# 首页\n\n[深层页面](help/deep/index.md) · [关于](about.md) · [热线](services/index.md)\n",
    "content/help/deep/index.md": "# 深层页面\n\n打 [热线](service:12356)。\n",
    "content/about.md": "# 关于\n\n![标志](img/logo.png)\n",
    "content/img/logo.png": b"\x89PNG\r\n\x1a\n",
}


# --- pure functions ------------------------------------------------------------------------

def test_base_url_gets_a_trailing_slash_and_must_be_complete() -> None:
    assert normalize_base_url("https://jyj.example.gov.cn/xinyu") == SUBPATH_URL
    assert normalize_base_url(" http://10.0.0.5:8080 ") == "http://10.0.0.5:8080/"
    for bad in ("jyj.example.gov.cn/xinyu/", "/xinyu/", "ftp://host/", "https://host/x/?a=1"):
        with pytest.raises(ValueError, match="网站地址"):
            normalize_base_url(bad)


def test_build_epoch_is_the_same_day_in_shanghai_and_utc() -> None:
    for day in (dt.date(2026, 1, 1), dt.date(2026, 11, 29), dt.date(2027, 6, 30)):
        epoch = build_epoch(day)
        assert dt.datetime.fromtimestamp(epoch, dt.UTC).date() == day
        env: dict[str, str] = {}
        assert pin_source_date_epoch(day, env) == str(epoch) and env["SOURCE_DATE_EPOCH"] == str(epoch)
        # A value the publisher set that names the same day is kept as it is.
        env = {"SOURCE_DATE_EPOCH": str(epoch + 3600)}
        assert pin_source_date_epoch(day, env) is None and env["SOURCE_DATE_EPOCH"] == str(epoch + 3600)


def test_robots_txt_keeps_crawlers_out_of_previews_and_names_the_sitemap() -> None:
    assert "Disallow: /\n" in robots_txt(SUBPATH_URL, preview=True)
    public = robots_txt(SUBPATH_URL, preview=False)
    assert "Disallow" not in public and f"Sitemap: {SUBPATH_URL}sitemap.xml" in public.splitlines()


def test_fetched_urls_finds_what_a_browser_loads_and_not_what_it_only_links() -> None:
    html = (
        '<link rel="canonical" href="https://public.example/"><link rel="stylesheet" href="https://cdn.example/a.css">'
        '<link rel="preconnect" href="https://fonts.example"><a href="https://elsewhere.example/">外链</a>'
        '<script src="assets/x.js"></script>'
        '<img src="//img.example/p.png" srcset="a.png 1x, https://i.example/b.png 2x">'
        '<iframe src="https://video.example/e"></iframe><div style="background:url(\'https://bg.example/x.png\')"></div>'
        "<style>@import 'https://css.example/i.css'; .a{background:url(data:image/png;base64,AAAA)}</style>"
    )
    urls = fetched_urls(html)
    off = [u for u in urls if not is_on_site(u)]
    assert off == ["https://cdn.example/a.css", "https://fonts.example", "//img.example/p.png",
                   "https://i.example/b.png", "https://video.example/e", "https://bg.example/x.png",
                   "https://css.example/i.css"]
    assert is_on_site("/xinyu/assets/a.css", SUBPATH_URL) and not is_on_site("/other/a.css", SUBPATH_URL)
    assert is_on_site(SUBPATH_URL + "a.css", SUBPATH_URL)
    assert not is_on_site("https://jyj.example.gov.cn/a.css", SUBPATH_URL)


# --- real builds of tiny sites ---------------------------------------------------------------

def _build(root: Path, out: str, *args: str, seed: str = "0", epoch: str | None = None, tz: str = "UTC") -> Path:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_MKDOCS_2_WARNING": "1", "TZ": tz}
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    proc = subprocess.run([sys.executable, "-m", "xinyu.cli", "build", "-d", out, *args], cwd=root,
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return root / out


def test_sub_path_build_is_right_for_its_base_url(make_project, xinyu) -> None:
    root = make_project(PAGES)
    site = _build(root, "site", "--base-url", "https://jyj.example.gov.cn/xinyu", "--today", "2025-03-01")
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert SUBPATH_URL + "help/deep/" in locs and all(loc.startswith(SUBPATH_URL) for loc in locs)
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2025-03-01"}
    deep = (site / "help/deep/index.html").read_text("utf-8")
    assert f'<link rel="canonical" href="{SUBPATH_URL}help/deep/">' in deep
    assert 'href="../../services/12356/"' in deep  # links inside the site stay relative
    assert f"Sitemap: {SUBPATH_URL}sitemap.xml" in (site / "robots.txt").read_text("utf-8")
    # The 404 page is served for a missing path at any depth: its assets are absolute under the sub-path.
    page404 = (site / "404.html").read_text("utf-8")
    assets = [u for u in fetched_urls(page404) if not u.startswith("data:")]
    assert assets and all(u.startswith("/xinyu/") for u in assets), assets
    assert offsite_fetches(site, SUBPATH_URL) == []


def test_build_date_pins_sitemap_and_gzip_header(make_project, xinyu) -> None:
    root = make_project(PAGES)
    day = dt.date(2025, 3, 1)
    for out, args, epoch in (("by-today", ("--today", "2025-03-01"), None),
                             ("by-epoch", (), str(build_epoch(day) + 7 * 3600))):
        site = _build(root, out, *args, epoch=epoch)
        assert "<lastmod>2025-03-01</lastmod>" in (site / "sitemap.xml").read_text("utf-8")
        gz = (site / "sitemap.xml.gz").read_bytes()
        mtime = int.from_bytes(gz[4:8], "little")
        assert dt.datetime.fromtimestamp(mtime, dt.UTC).date() == day
        assert gzip.decompress(gz) == (site / "sitemap.xml").read_bytes()


def test_two_builds_of_the_same_input_are_byte_identical(make_project, xinyu) -> None:
    root = make_project(PAGES)
    # Another process, hash seed, wall-clock time and time zone (UTC+14 is often another calendar day).
    first = tree(_build(root, "one", "--today", "2025-03-01", seed="1"))
    second = tree(_build(root, "two", "--today", "2025-03-01", seed="2", tz="Pacific/Kiritimati"))
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_preview_robots_txt_keeps_crawlers_out_and_hand_written_one_wins(make_project, xinyu) -> None:
    root = make_project(PAGES)
    site = _build(root, "site", "--preview")
    assert "Disallow: /" in (site / "robots.txt").read_text("utf-8")
    (root / "content/robots.txt").write_text("User-agent: *\nDisallow: /private/\n", "utf-8")
    site = _build(root, "site2")
    assert (site / "robots.txt").read_text("utf-8") == "User-agent: *\nDisallow: /private/\n"


def test_publishing_build_fails_on_an_off_site_image(make_project, xinyu) -> None:
    root = make_project({"content/about.md": "# 关于\n\n![外链图](https://img.example.com/a.png)\n"})
    proc = xinyu("build", cwd=root)
    assert proc.returncode == 1
    assert "about/index.html: 警告 publish.offsite" in proc.stderr and "https://img.example.com/a.png" in proc.stderr
    assert not (root / "site").exists()


def test_bad_base_url_is_a_usage_error(make_project, xinyu) -> None:
    root = make_project()
    proc = xinyu("build", "--base-url", "jyj.example.gov.cn/xinyu", cwd=root)
    assert proc.returncode == 2 and "https://域名/子路径/" in proc.stderr


# --- the demo portal -----------------------------------------------------------------------------

@pytest.mark.slow
def test_demo_fetches_nothing_from_another_host(demo_site: Path) -> None:
    assert offsite_fetches(demo_site, None) == []


@pytest.mark.slow
def test_demo_rebuild_is_byte_identical(demo_site: Path, tmp_path: Path) -> None:
    """The session's demo build and a second one (another process, hash seed and time) match file by file."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "12345"}
    env.pop("SOURCE_DATE_EPOCH", None)
    out = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "xinyu.cli", "build", "--preview", "--today", "2026-11-29", "-d", str(out)],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    first, second = tree(demo_site), tree(out)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_in_process_build_puts_source_date_epoch_back(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from conftest import MINI_CONFIG

    config = MINI_CONFIG.replace("      maintainer_email:", "      today: '2025-03-01'\n      maintainer_email:")
    root = make_project({**PAGES, "mkdocs.yml": config})
    for before in (None, "1700000000"):
        if before is None:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", before)
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
        assert os.environ.get("SOURCE_DATE_EPOCH") == before
        assert "<lastmod>2025-03-01</lastmod>" in (root / "site/sitemap.xml").read_text("utf-8")
