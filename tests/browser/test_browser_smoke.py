"""The home page in a real browser: the crisis line on a phone, without JavaScript, and on paper."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from support.browser_checks import CRISIS_ON_SCREEN, MAIN_CONTENT, site_pages

pytestmark = pytest.mark.browser


def test_home_on_a_phone_calls_12356_in_one_tap(browser, demo_url: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 667})
    page.goto(demo_url)
    assert page.evaluate(CRISIS_ON_SCREEN) == []
    tel = page.locator(".xy-crisis a[href='tel:12356']")
    assert tel.is_visible() and tel.inner_text() == "12356"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing pushed off to the side
    page.close()


def test_home_without_javascript(browser, demo_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url)
    assert page.locator(".xy-crisis a[href='tel:12356']").is_visible()
    assert page.evaluate(MAIN_CONTENT) == ""
    assert page.locator("article h1").inner_text().startswith("慈溪市")
    context.close()


def test_printed_page_keeps_the_crisis_line(browser, demo_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(demo_url + "about/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()  # Material drops its chrome on paper …
    assert page.locator(".xy-crisis").is_visible()  # … but not the crisis line, at the top
    assert page.locator(".xy-crisis-print").is_visible()  # and at the end
    assert "12356" in page.locator(".xy-crisis-print").inner_text()
    # Every printed page repeats it in the page margin (browsers with CSS page-margin boxes).
    style = page.locator("style[media=print]").first.inner_text()
    assert "@bottom-center" in style and "12356" in style
    page.close()


def test_every_printed_page_ends_with_the_crisis_line(browser, demo_site: Path, demo_url: str) -> None:
    from pypdf import PdfReader

    longest = max(site_pages(demo_site), key=lambda p: (demo_site / p / "index.html").stat().st_size
                  if p.endswith("/") or p == "" else 0)
    page = browser.new_page()
    page.goto(demo_url + longest)
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    page.close()
    assert len(pdf.pages) >= 2, longest
    without = [i + 1 for i, sheet in enumerate(pdf.pages) if "12356" not in sheet.extract_text()]
    assert without == [], f"/{longest}: printed pages {without} of {len(pdf.pages)} lack the crisis line"
