"""Accessibility in a real browser: axe-core on every page, the keyboard, the search dialog as a modal,
and crisis numbers a thumb can hit (issue 14, WCAG 2.1 AA)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# One page of each kind a reader meets.
KINDS = {
    "home": "",
    "guides index": "guides/",
    "guide question": "guides/weiji-zhuanjie/yingdui-weixian/",
    "lesson": "lessons/hezuo-hua/",
    "handout": "lessons/hezuo-hua/print/",
    "events index": "events/",
    "event": "events/shalong-2026-12/",
    "calendar": "events/calendar/",
    "services index": "services/",
    "service": "services/12356/",
    "network": "services/network/",
    "story": "stories/shouji-yueding/",
    "404": "404.html",
}

# Runs axe with the WCAG 2.0/2.1 A and AA rules only (no rule disabled, no element excluded) and
# returns the serious and critical violations with the elements they were found on.
RUN_AXE = """async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                                     resultTypes: ['violations']});
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | '));
}"""

# Describes the focused element, and whether a sighted reader can see it: rendered, inside the
# viewport (the page scrolls it into view), not transparent or hidden by an ancestor.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {name: 'body', visible: true};
  const r = el.getBoundingClientRect();
  let visible = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
  for (let n = el; n && n !== document && visible; n = n.parentNode) {
    if (n.nodeType !== 1) continue;
    const s = getComputedStyle(n);
    if (s.visibility === 'hidden' || s.display === 'none' || parseFloat(s.opacity) < 0.1) visible = false;
  }
  const text = (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 30);
  return {name: el.tagName + '.' + (el.className || '') + ' ' + text, visible,
          box: [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)]};
}"""


def every_page(site: Path) -> list[str]:
    """Every page of a built site, as URL paths (``about/``, ``404.html``)."""
    found = [p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name in ("index.html", "404.html")]
    return sorted(rel[: -len("index.html")] if rel.endswith("index.html") else rel for rel in found)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_axe_finds_no_serious_violation_on_any_page(browser, demo_site: Path, demo_url: str, viewport) -> None:
    pages = every_page(demo_site)
    assert len(pages) > 150
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems = []
    for rel in pages:
        page.goto(demo_url + rel)
        page.add_script_tag(path=str(AXE))
        problems += [f"/{rel}: {v}" for v in page.evaluate(RUN_AXE)]
    context.close()
    assert problems == [], f"{len(problems)} violations at {viewport['width']} px:\n" + "\n".join(problems)


@pytest.mark.parametrize("kind", list(KINDS))
def test_first_tab_lands_on_a_visible_skip_link(browser, demo_url: str, kind: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(demo_url + KINDS[kind])
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    skip = page.locator(".md-skip")
    assert skip.count() == 1, kind
    assert page.evaluate("document.activeElement.classList.contains('md-skip')"), focused
    assert focused["visible"], focused
    assert skip.inner_text().strip().startswith("跳转至")
    page.keyboard.press("Enter")  # it jumps past the header and the crisis line to the content
    assert page.evaluate("location.hash") != ""
    page.close()


@pytest.mark.parametrize("kind", ["home", "guide question", "lesson", "services index", "calendar"])
def test_forty_tabs_on_a_phone_never_reach_an_invisible_element(browser, demo_url: str, kind: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_url + KINDS[kind])
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused["name"])
        assert focused["visible"], f"{kind}: Tab {len(seen)} on an invisible element {focused}"
    # The menu button is among them, and opens the drawer from the keyboard.
    page.goto(demo_url + KINDS[kind])
    menu = page.locator(".md-header label[for='__drawer']")
    menu.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert menu.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    page.close()


def test_menu_button_is_a_tab_stop_on_a_phone(browser, demo_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_url + "guides/")
    names = []
    for _ in range(15):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.getAttribute('aria-label') || ''"))
    assert "打开导航菜单" in names
    page.close()


def test_search_dialog_keeps_focus_and_gives_it_back(browser, demo_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(demo_url + "guides/")
    button = page.locator(".xy-search-button")
    button.focus()
    page.keyboard.press("Enter")
    box = page.locator(".xy-search__input")
    box.wait_for(state="visible")
    assert page.evaluate("document.activeElement.classList.contains('xy-search__input')")
    box.press_sequentially("焦虑")
    page.locator(".xy-search__link").first.wait_for()
    assert page.evaluate("document.querySelector('.md-container').inert")  # the page behind is inert
    inside = "document.querySelector('.xy-search__dialog').contains(document.activeElement)"
    for _ in range(30):  # more Tabs than the dialog has stops: focus cycles, never leaves
        page.keyboard.press("Tab")
        assert page.evaluate(inside)
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(inside)
    # A focused result is visibly outlined.
    page.locator(".xy-search__link").first.focus()
    page.keyboard.press("ArrowDown")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Escape")
    assert page.locator(".xy-search").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('xy-search-button')")
    assert not page.evaluate("document.querySelector('.md-container').inert")
    page.close()


def test_search_shortcuts_need_a_modifier_unless_turned_on(browser, demo_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(demo_url)
    page.keyboard.press("s")
    page.keyboard.press("/")
    assert page.locator(".xy-search").is_hidden()  # single keys do nothing by default (WCAG 2.1.4)
    page.keyboard.press("Control+k")
    page.locator(".xy-search__input").wait_for(state="visible", timeout=5000)
    page.locator(".xy-search__single").check()  # the reader turns single keys on
    page.keyboard.press("Escape")
    page.locator(".xy-search").wait_for(state="hidden", timeout=5000)
    page.keyboard.press("/")
    page.locator(".xy-search__input").wait_for(state="visible", timeout=5000)
    page.close()


def test_search_on_a_phone_leaves_the_crisis_line_in_sight(browser, demo_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_url + "guides/")
    page.mouse.wheel(0, 600)
    page.locator(".xy-search-button").click()
    page.locator(".xy-search__input").wait_for(state="visible")
    bar = page.locator(".xy-crisis").bounding_box()
    dialog = page.locator(".xy-search__dialog").bounding_box()
    assert bar and dialog and bar["y"] >= 0
    assert dialog["y"] >= bar["y"] + bar["height"] - 1
    tel = page.locator(".xy-crisis a[href='tel:12356']")
    box = tel.bounding_box()
    assert box and page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a').href",
                                 [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]) == "tel:12356"
    page.close()


@pytest.mark.parametrize("kind", ["home", "guide question", "service", "404"])
def test_crisis_numbers_are_big_buttons_and_the_bar_is_compact_on_a_phone(browser, demo_url: str, kind: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_url + KINDS[kind])
    tels = page.locator(".xy-crisis a[href^='tel:']")
    assert tels.count() >= 2
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    for i in range(tels.count()):
        box = tels.nth(i).bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, (tels.nth(i).inner_text(), box)
        size = tels.nth(i).evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert size >= body, (size, body)
    top = page.evaluate("""() => {
      const first = document.querySelector('.xy-preview') || document.querySelector('.xy-crisis');
      return [first.getBoundingClientRect().top, document.querySelector('.xy-crisis').getBoundingClientRect().bottom];
    }""")
    assert top[0] == 0 and top[1] <= 200, top
    page.close()


def test_call_buttons_in_the_crisis_box_and_on_service_pages(browser, demo_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    for rel, where in [(KINDS["guide question"], ".xy-crisis-box"), (KINDS["service"], "article"),
                       ("lessons/hezuo-hua/", "article")]:  # a lesson's help list: the same number snippet
        page.goto(demo_url + rel)
        tel = page.locator(f"{where} a.xy-tel[href='tel:12356']").first
        box = tel.bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, (rel, box)
        size = tel.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert size >= 16, (rel, size)
    page.close()
