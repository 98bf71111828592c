""""现在是否开放" in a real browser, with the clock and time zone set by the test.

The reader's machine is in Los Angeles on purpose: the page must decide in Asia/Shanghai time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest

from kinds.service.test_phones import dialled
from kinds.service.test_services import build_services_site
from support.servers import serve

pytestmark = pytest.mark.browser
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
OFFICE = '[data-xy-open="bangong-rexian-0"]'  # Mon–Fri 08:30–17:00, 法定节假日休息
SCHOOL = '[data-xy-open="shili-zhongxue-xinli-0"]'  # 心理辅导室: Mon–Fri 08:30–17:00, follows the 校历


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_services_site(tmp_path_factory.mktemp("open-now"))
    with serve(site) as base:
        yield base


def status_at(browser, url: str, when: str, selector: str, page_uri: str = "services/") -> str:  # type: ignore[no-untyped-def]
    """The open-now text of `selector` with the browser's clock at `when` (Asia/Shanghai wall time)."""
    context = browser.new_context(timezone_id="America/Los_Angeles", locale="zh-CN")
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(when).replace(tzinfo=SHANGHAI))
    page.goto(url + page_uri)
    spot = page.locator(selector).first
    spot.locator(".xy-open__state").wait_for()
    text = spot.inner_text()
    for link in spot.locator("a[href^='tel:']").all():
        assert dialled(link.get_attribute("href") or "") == re.sub(r"\D", "", link.inner_text())
    context.close()
    return text


def test_open_on_a_wednesday_morning(browser, url: str) -> None:
    text = status_at(browser, url, "2026-12-02T10:00", OFFICE)  # Tuesday 18:00 in Los Angeles
    assert text.startswith("开放中") and "17:00 结束" in text


def test_closed_in_the_evening_points_to_an_open_line(browser, url: str) -> None:
    text = status_at(browser, url, "2026-12-02T18:00", OFFICE)
    assert text.startswith("已关闭")
    # 12356's hours are set locally: an always-open line first, 12356 only as a line to try.
    assert "现在可拨打：报警电话 110" in text
    assert "也可试拨：全国统一心理援助热线 12356（时间以当地公布为准）" in text


def test_closed_on_a_statutory_holiday(browser, url: str) -> None:
    text = status_at(browser, url, "2026-10-01T10:00", OFFICE, "services/bangong-rexian/")
    assert text.startswith("已关闭") and "国庆节" in text and "12356" in text


def test_open_on_a_tiaoxiu_saturday(browser, url: str) -> None:
    assert status_at(browser, url, "2026-05-09T10:00", OFFICE).startswith("开放中")
    assert status_at(browser, url, "2026-05-16T10:00", OFFICE).startswith("已关闭")  # an ordinary Saturday


def test_school_line_closed_in_summer_holidays(browser, url: str) -> None:
    text = status_at(browser, url, "2026-07-15T10:00", SCHOOL)
    assert text.startswith("已关闭") and "暑假" in text
    assert status_at(browser, url, "2026-03-04T10:00", SCHOOL).startswith("开放中")


def test_unknown_year_is_said(browser, url: str) -> None:
    text = status_at(browser, url, "2027-03-03T10:00", OFFICE)
    assert text.startswith("开放中") and "2027 年的节假日或校历安排未收录" in text


def test_24_hour_line(browser, url: str) -> None:
    assert status_at(browser, url, "2026-10-01T03:00", '[data-xy-open="110-0"]').startswith("24小时")


def test_hours_are_plain_text_without_javascript(browser, url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "services/bangong-rexian/")
    assert "周一至五 08:30–17:00" in page.locator("article").inner_text()
    assert page.locator(OFFICE).inner_text() == ""
    context.close()


@pytest.fixture(scope="module")
def crisis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from kinds.service.test_services import CONFIG, EVENING_CRISIS, service_files, write, xinyu

    root = tmp_path_factory.mktemp("crisis-hours")
    write(root, {"mkdocs.yml": CONFIG, **service_files(), "content/services/zz-evening.yml": EVENING_CRISIS})
    proc = xinyu("build", "--preview", "--today", "2026-11-29", cwd=root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    with serve(root / "site") as base:
        yield base


def test_crisis_bar_says_when_a_line_is_closed_and_points_to_an_open_one(browser, crisis_url: str) -> None:
    spot = '#xy-crisis [data-xy-open="wanjian-rexian-0"]'
    assert status_at(browser, crisis_url, "2026-12-05T10:00", spot, "").startswith("开放中")
    text = status_at(browser, crisis_url, "2026-12-05T23:30", spot, "")
    assert text.startswith("已关闭") and "现在可拨打：报警电话 110" in text and "试拨：全国统一心理援助热线 12356" in text


@pytest.mark.parametrize("page_uri", ["services/", "services/network/", "services/bangong-rexian/"])
def test_on_a_phone_every_number_is_on_screen_without_sideways_scrolling(browser, url: str, page_uri: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.goto(url + page_uri)
    page.evaluate("window.scrollTo(100, 0)")
    assert page.evaluate("window.scrollX") == 0  # the page cannot be dragged sideways
    numbers = page.locator(".xy-cards a[href^='tel:'], .xy-cards .xy-example-number")
    assert numbers.count() > 0
    for i in range(numbers.count()):
        box = numbers.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, (page_uri, i, box)
    # no table of lines scrolls inside its box either
    assert page.evaluate("""() => Array.from(document.querySelectorAll('.xy-cards table'))
                              .every(t => t.scrollWidth <= t.clientWidth)""")
    context.close()
