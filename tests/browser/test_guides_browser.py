"""A reader reaches question 12 of the 30问 from the home page in three clicks; its URL is a permalink."""

from __future__ import annotations

from pathlib import Path

import pytest

from xinyu.pipeline import run
from xinyu.project import Project, Settings

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def test_question_12_in_three_clicks_and_by_url(browser, demo_url) -> None:
    guides = run(Project(ROOT, ROOT / "content", Settings(), preview=True), render=False).site.entries["guide"]
    thirty = next(g for g in guides if g.id == "shicao-30wen")
    q12 = thirty.questions[11]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(demo_url)
    page.locator(".md-tabs").get_by_role("link", name="实操指南").click()  # 1
    page.wait_for_url("**/guides/")
    page.locator("article").get_by_role("link", name=thirty.header.title).click()  # 2
    page.wait_for_url("**/guides/shicao-30wen/")
    page.locator("article").get_by_role("link", name=f"第12问　{q12.title}").click()  # 3
    page.wait_for_url(f"**/guides/shicao-30wen/{q12.id}/")
    assert "第12问" in page.locator("article h1").inner_text()
    url = page.url
    page.close()

    fresh = browser.new_context().new_page()
    fresh.goto(url)
    heading = fresh.locator("article h1").inner_text()
    assert heading.startswith("第12问") and q12.title in heading
    assert fresh.locator("article").get_by_text(q12.meta.short).is_visible()
    fresh.context.close()
