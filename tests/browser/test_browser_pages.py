"""Every page of the demo portal in a real browser, on a phone and on a school PC.

One browser context per width and one tab reused for every page; nothing is blocked, and each page
is waited for until its `load` event only, so hundreds of pages take a few minutes on two cores.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.browser_checks import CRISIS_ON_SCREEN, MAIN_CONTENT, offsite, site_pages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [375, 1280])
def test_every_page_keeps_to_its_host_and_shows_the_crisis_line(browser, demo_site: Path, demo_url: str,
                                                                width: int) -> None:
    paths = site_pages(demo_site)
    assert "" in paths and len(paths) > 5
    context = browser.new_context(viewport={"width": width, "height": 800})
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"exception: {e}"))
    problems: list[str] = []
    for path in paths:
        requests.clear()
        errors.clear()
        response = page.goto(demo_url + path, wait_until="load")
        if response is None or response.status != 200:
            problems.append(f"/{path}: HTTP {response.status if response else 'no response'}")
        problems += [f"/{path}: crisis line {p}" for p in page.evaluate(CRISIS_ON_SCREEN)]
        problems += [f"/{path}: request to another host: {u}" for u in requests if offsite(u, demo_url)]
        problems += [f"/{path}: {e}" for e in errors]
    context.close()
    assert problems == [], f"{len(problems)} problems on {len(paths)} pages at {width}px:\n" + "\n".join(problems[:40])


def test_every_page_without_javascript_has_crisis_line_and_content(browser, demo_site: Path, demo_url: str) -> None:
    paths = site_pages(demo_site)
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    problems: list[str] = []
    for path in paths:
        page.goto(demo_url + path, wait_until="load")
        problems += [f"/{path}: crisis line {p}" for p in page.evaluate(CRISIS_ON_SCREEN)]
        if path != "404.html":
            missing = page.evaluate(MAIN_CONTENT)
            if missing:
                problems.append(f"/{path}: {missing}")
    context.close()
    assert problems == [], f"{len(problems)} problems without JavaScript:\n" + "\n".join(problems[:40])
