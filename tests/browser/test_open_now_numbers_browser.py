"""The number a closed line points to is the page's own call button (the theme's one number macro)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from kinds.service.test_services import build_services_site
from support.servers import serve

pytestmark = pytest.mark.browser
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_services_site(tmp_path_factory.mktemp("open-now-numbers"))
    with serve(site) as base:
        yield base


def test_a_closed_line_offers_call_buttons_written_by_the_theme(browser, url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(timezone_id="Asia/Shanghai", locale="zh-CN")
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime(2026, 12, 2, 18, 0, tzinfo=SHANGHAI))  # 办公热线 closed
    page.goto(url + "services/")
    alt = page.locator('[data-xy-open="bangong-rexian-0"] .xy-open__alt').first
    alt.wait_for()
    # 110 (open around the clock) and 12356 (to try): call buttons, as the crisis bar's templates write them
    assert [a.get_attribute("href") for a in alt.locator("a.xy-tel").all()] == ["tel:110", "tel:12356"]
    written = page.eval_on_selector('template[data-xy-number="110-0"]', "t => t.innerHTML")
    assert alt.locator("a.xy-tel").first.evaluate("a => a.outerHTML") == written
    context.close()
