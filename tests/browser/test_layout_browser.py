"""Phone and desktop layouts of the demo in Chromium: tables, events rows, calendar, jump lists, home."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
SHANGHAI = dt.timezone(dt.timedelta(hours=8))

# Tables (and the page) wider than the reader's screen: a table whose content overflows its own box
# (hidden behind a sideways scroll) or whose box is wider than the article.
OVERFLOW = """() => {
  const article = document.querySelector('article');
  const bad = [];
  for (const t of document.querySelectorAll('article table')) {
    if (t.offsetParent === null) continue;  // not shown at this width
    const wide = t.scrollWidth > t.clientWidth + 1
      || t.getBoundingClientRect().right > article.getBoundingClientRect().right + 1;
    if (wide) bad.push(t.scrollWidth + 'px');
  }
  return {tables: bad, sideways: document.documentElement.scrollWidth > window.innerWidth};
}"""


def pages_of(site: Path) -> list[str]:
    """Every HTML page of the site as a URL path ('' for the home)."""
    out = []
    for p in sorted(site.rglob("index.html")):
        rel = p.parent.relative_to(site).as_posix()
        out.append("" if rel == "." else rel + "/")
    return out


def test_no_table_wider_than_its_box_and_no_sideways_scroll_at_375(browser, demo_site: Path, demo_url: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    problems = {}
    paths = pages_of(demo_site)
    assert len(paths) > 150
    for path in paths:
        page.goto(demo_url + path, wait_until="domcontentloaded")
        found = page.evaluate(OVERFLOW)
        if found["tables"] or found["sideways"]:
            problems[path] = found
    page.close()
    assert problems == {}


@pytest.mark.parametrize("width", [375, 1280])
def test_events_list_rows_are_aligned_date_then_title(browser, demo_url: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(demo_url + "events/")
    for list_id in ("#xy-upcoming", "#xy-past"):
        rows = page.locator(f"{list_id} li.xy-event").evaluate_all("""rows => rows.map(li => {
          const when = li.querySelector('.xy-event__when').getBoundingClientRect();
          const what = li.querySelector('.xy-event__what').getBoundingClientRect();
          return [Math.round(when.left), Math.round(what.left), Math.round(when.right), Math.round(what.top - when.top)];
        })""")
        assert len(rows) >= 3
        assert len({r[0] for r in rows}) == 1 and len({r[1] for r in rows}) == 1, rows  # two columns
        assert all(r[2] <= r[1] for r in rows) and all(abs(r[3]) < 12 for r in rows), rows  # date left, same line
    page.close()


def test_calendar_is_a_list_on_phones_and_a_grid_from_tablets(browser, demo_url: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(demo_url + "events/calendar/")
    assert page.locator(".xy-month-list").first.is_visible()
    assert not page.locator("table.xy-month").first.is_visible()
    first = page.locator(".xy-month-list li.xy-event").first
    assert first.locator(".xy-event__day").inner_text().endswith("日") and first.locator("a").is_visible()
    page.set_viewport_size({"width": 1024, "height": 800})
    assert page.locator("table.xy-month").first.is_visible()
    assert not page.locator(".xy-month-list").first.is_visible()
    page.close()


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize(("path", "expected"), [("events/menu/", "小学家长"), ("services/network/", "浒山街道")])
def test_jump_lists_link_to_places_on_the_page(browser, demo_url: str, path: str, expected: str,
                                               javascript: bool) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(demo_url + path)
    jump = page.locator("nav.xy-jump")
    assert jump.count() == 1 and jump.is_visible() and expected in jump.inner_text()
    hrefs = jump.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) >= 4
    for href in hrefs:
        assert href.startswith("#")
        assert page.locator(f"[id='{href[1:]}']").count() == 1, href
    jump.locator("a").last.click()
    top = page.locator(f"[id='{hrefs[-1][1:]}']").evaluate("e => e.getBoundingClientRect().top")
    below = page.locator(".md-header").evaluate("e => e.getBoundingClientRect().bottom")
    assert below <= top < 400  # it jumped there, and the sticky header does not cover it
    context.close()


def test_home_has_roles_search_and_this_month(browser, demo_url: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(demo_url)
    assert page.locator(".xy-roles > ul > li").count() == 3
    for role in ("我是教师", "我是家长", "我是学生"):
        assert page.get_by_text(role).is_visible()
    form = page.locator("form.xy-home-search[role=search]")
    assert form.locator("input[name=q]").is_visible() and form.locator("button[type=submit]").is_visible()
    for card in ("#jinqi-huodong", "#nuanxin-weike", "#zuixin-wenda"):
        section = page.locator(f"section:has({card})")
        assert section.locator("li:visible a").count() >= 1, card
    # the crisis line shows once in the first screen: in the bar, not again in the content
    assert page.locator("article a[href^='tel:']").count() == 0
    form.locator("input[name=q]").fill("家长沙龙")
    form.locator("button[type=submit]").click()
    dialog = page.locator(".xy-search")
    dialog.wait_for(state="visible")
    assert page.locator(".xy-search__input").input_value() == "家长沙龙"
    page.locator(".xy-search__results li").first.wait_for()
    page.close()


def test_home_search_without_javascript_leads_to_the_sections(browser, demo_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url)
    note = page.locator(".xy-home-search__noscript")
    assert note.is_visible() and "需要启用 JavaScript" in note.inner_text()
    page.locator("form.xy-home-search input[name=q]").fill("焦虑")
    page.locator("form.xy-home-search button[type=submit]").click()
    page.wait_for_url("**#wo-shi")
    assert page.locator("#wo-shi").is_visible()
    context.close()


def test_home_this_month_follows_the_readers_date(browser, demo_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime(2027, 1, 18, 9, 0, tzinfo=SHANGHAI))  # weeks after the build date
    page.goto(demo_url)
    dates = page.locator(".xy-home-events li.xy-event:visible").evaluate_all(
        "items => items.map(li => li.getAttribute('data-date'))")
    assert len(dates) == 3 and all(d >= "2027-01-18" for d in dates), dates
    weike = page.locator(".xy-home-weike li:visible")
    assert weike.count() == 1 and weike.get_attribute("data-release") == "2027-01-15"  # released since the build
    context.close()
