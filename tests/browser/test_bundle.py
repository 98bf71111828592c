"""The offline bundle: a zip of the demo that works from file:// with no request leaving the machine."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from xinyu.kinds import KINDS
from xinyu.publish.site import fetched_urls, followed_urls

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DAY = "2026-11-29"
KIND_NAMES = {kind.name for kind in KINDS}


@pytest.fixture(scope="module")
def bundle(demo_bundle: tuple[Path, Path]) -> tuple[Path, Path]:
    """(zip, index.html): the demo bundled once (conftest), unzipped into a folder with spaces and Chinese."""
    return demo_bundle


def _html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_zip_has_ascii_names_under_one_folder_and_no_server_paths(bundle) -> None:
    archive, index = bundle
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    assert all(name.isascii() for name in names)
    assert {name.split("/")[0] for name in names} == {f"xinyu-offline-{DAY}"}
    assert f"xinyu-offline-{DAY}/index.html" in names and f"xinyu-offline-{DAY}/README.txt" in names
    assert index.is_file()


def test_every_link_in_the_bundle_names_a_file(bundle) -> None:
    """file:// shows a folder listing for a folder link, so every on-site link must end in a file."""
    _, index = bundle
    root = index.parent
    broken = []
    for page in _html_files(root):
        html = page.read_text("utf-8")
        for link in fetched_urls(html) + followed_urls(html):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path or link.startswith("#"):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file() or not target.is_relative_to(root.resolve()):
                broken.append(f"{page.relative_to(root)} → {link}")
    assert broken == [], "\n".join(broken[:40])


@pytest.fixture
def offline(browser, bundle):  # type: ignore[no-untyped-def]
    """A page whose every non-file:// request is blocked and recorded (the network is off)."""
    context = browser.new_context(accept_downloads=True)
    escaped: list[str] = []

    def route(r):  # type: ignore[no-untyped-def]
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            escaped.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    context.on("request", lambda req: None if req.url.startswith(("file://", "data:")) else escaped.append(req.url))
    page = context.new_page()
    yield page, bundle[1], escaped
    context.close()


def test_navigation_works_from_disk_with_no_request_leaving(offline) -> None:
    page, index, escaped = offline
    page.goto(index.as_uri())
    assert page.locator(".xy-crisis a[href='tel:12356']").first.is_visible()
    tab = page.locator(".md-tabs__link", has_text="热线与服务")
    tab.click()
    page.wait_for_load_state()
    assert page.url.endswith("/services/index.html")
    assert page.locator("article h1").first.is_visible()
    # Pages reached by following links from the home page load from disk: one per folder, so
    # every section is visited (test_every_link_in_the_bundle_names_a_file checks every link).
    root = index.parent.resolve()
    seen: set[str] = set()
    folders: set[Path] = set()
    queue = [index.as_uri()]
    while queue:
        url = queue.pop(0)
        path = Path(unquote(urlsplit(url).path))
        if url in seen or path.parent in folders:
            continue
        seen.add(url)
        folders.add(path.parent)
        page.goto(url)
        assert page.locator("article").count() == 1, url
        assert page.locator(".xy-crisis a[href='tel:12356']").count() >= 1, url
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            target = urldefrag(href)[0]
            if target.startswith("file://") and target.endswith(".html") and target not in seen:
                if Path(unquote(urlsplit(target).path)).resolve().is_relative_to(root):
                    queue.append(target)
    assert len(folders) >= 4, folders
    assert escaped == []


def test_print_handout_and_calendar_download_work_offline(offline) -> None:
    page, index, escaped = offline
    root = index.parent
    if "lesson" in KIND_NAMES:
        handouts = sorted((root / "lessons").rglob("print.html"))
        assert handouts, "lessons are built but no print handout is in the bundle"
        lesson = handouts[0].parent.with_suffix(".html")
        page.goto(lesson.as_uri() if lesson.is_file() else index.as_uri())
        link = page.locator("a[href$='print.html']").first
        link.click()
        page.wait_for_load_state()
        assert page.url.endswith("print.html")
        page.emulate_media(media="print")
        assert "12356" in page.locator("body").inner_text()  # the crisis line is printed too
        page.emulate_media(media="screen")
    if "event" in KIND_NAMES:
        page.goto((root / "events/index.html").as_uri())
        link = page.locator("a[href$='.ics']").first
        with page.expect_download() as info:
            link.click()
        body = Path(info.value.path()).read_bytes()
        assert body.startswith(b"BEGIN:VCALENDAR") and b"END:VCALENDAR" in body
    assert escaped == []


def test_search_works_offline(offline) -> None:
    page, index, escaped = offline
    if not (index.parent / "search/manifest.js").is_file():
        pytest.fail("search/manifest.js is missing: search must load by script tags in the bundle")
    page.goto(index.as_uri())
    page.locator(".xy-search-button").click()
    page.locator(".xy-search__input").fill("心理援助热线")
    first = page.locator(".xy-search__results .xy-search__link").first
    first.wait_for(timeout=15000)
    first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and ".html" in page.url
    assert page.locator("article h1").first.is_visible()
    assert escaped == []

