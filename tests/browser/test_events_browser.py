"""Events in a real browser: the reader's clock corrects upcoming / past; calendar links serve text/calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from kinds.event.test_events import built_2027, demo_occurrences  # noqa: F401 - built_2027 is a fixture

pytestmark = pytest.mark.browser

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
IDS = "els => els.map(e => e.dataset.id)"


@pytest.fixture(scope="module")
def site_url(built_2027: Path) -> Iterator[str]:  # noqa: F811 - the imported fixture
    """The events site built on 2027-01-15, served on 127.0.0.1."""
    from support.servers import serve

    with serve(built_2027 / "site") as url:
        yield url


def test_reader_clock_moves_events_since_the_build_to_past(browser, site_url: str) -> None:
    occs = [o for o in demo_occurrences() if o.for_parents]  # teachers: 教研与培训
    context = browser.new_context()
    context.clock.set_fixed_time(dt.datetime(2027, 2, 1, 9, 0, tzinfo=SHANGHAI))
    page = context.new_page()
    page.goto(site_url + "events/")
    upcoming = page.locator("#xy-upcoming li.xy-event").evaluate_all(IDS)
    past = page.locator("#xy-past li.xy-event").evaluate_all(IDS)
    between = [o.id for o in occs if dt.date(2027, 1, 15) <= o.start.date() < dt.date(2027, 2, 1)]
    assert len(between) >= 3  # the January salon, lecture and tour session
    assert upcoming == [o.id for o in occs if o.start.date() >= dt.date(2027, 2, 1)]
    assert set(between) <= set(past) and not set(between) & set(upcoming)
    assert past[: len(between)] == list(reversed(between))  # newest first, above the older ones
    assert "2027-02-01" in page.locator(".xy-asof").inner_text()
    page.goto(site_url + "events/shalong-2027-01/")  # 2027-01-16: over by the reader's date
    assert page.locator(".xy-event-over").is_visible()
    # the micro-lessons released on 2027-01-15 and before show as released, later ones as coming
    states = page.locator("li.xy-release .xy-release__state")
    page.goto(site_url + "events/weike/")
    assert states.nth(4).inner_text() == "已发布" and states.nth(5).inner_text() == "即将推出"
    context.clock.set_fixed_time(dt.datetime(2027, 2, 16, 9, 0, tzinfo=SHANGHAI))
    page.reload()
    assert states.nth(5).inner_text() == "已发布"  # 第6堂 came out on 2027-02-15
    context.close()


def test_without_javascript_the_build_date_lists_stand(browser, site_url: str) -> None:
    occs = [o for o in demo_occurrences() if o.for_parents]  # teachers: 教研与培训
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "events/")
    upcoming = [li.get_attribute("data-id") for li in page.locator("#xy-upcoming li.xy-event").all()]
    assert upcoming == [o.id for o in occs if o.start.date() >= dt.date(2027, 1, 15)]
    assert page.locator("#xy-upcoming li.xy-event").first.is_visible()
    page.goto(site_url + "events/shalong-2027-01/")  # not over yet on the build date
    assert page.locator("h1").is_visible() and not page.locator(".xy-event-over").is_visible()
    page.goto(site_url + "events/shalong-2026-12/")
    assert page.locator(".xy-event-over").is_visible()
    context.close()


def test_event_page_calendar_link_serves_text_calendar(browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "events/shalong-2027-01/")
    assert page.locator("text=订阅到手机日历").first.is_visible()
    link = page.locator("a.xy-ics")
    href = link.get_attribute("href")
    assert href and href.endswith("calendar/gongchengzhang.ics")
    url = page.evaluate("h => new URL(h, location.href).href", href)
    response = context.request.get(url)
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.body().startswith(b"BEGIN:VCALENDAR") and b"UID:shalong-2027-01@xinyu" in response.body()
    context.close()
