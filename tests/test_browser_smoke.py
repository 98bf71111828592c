"""A first real-browser check of the shell: the crisis line is there, with and without JavaScript."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_home_shows_crisis_line(browser, demo_url) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(demo_url)
    crisis = page.locator(".xy-crisis")
    assert crisis.is_visible()
    assert crisis.locator('a[href="tel:12356"]').is_visible()
    page.close()


def test_crisis_line_without_javascript(browser, demo_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url)
    assert page.locator(".xy-crisis a[href='tel:12356']").is_visible()
    assert page.locator("article h1").inner_text().startswith("慈溪市")
    context.close()
