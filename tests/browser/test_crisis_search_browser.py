"""The search's crisis card in a real browser (issues 14 and 20): a query that shows someone may be
at risk puts the crisis lines (tel: links from the directory) above every result; other queries do not."""

from __future__ import annotations

import pytest

from browser.test_search_browser import search

pytestmark = pytest.mark.browser

RISK_QUERIES = ["自杀", "想死", "不想活", "自残", "割腕", "轻生", "我想自杀怎么办", "活着没意思", "孩子自伤",
                "被欺负了", "家暴", "伤害自己"]


@pytest.fixture(scope="module")
def page(browser, demo_url):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 375, "height": 740})
    p = context.new_page()
    p.goto(demo_url)
    yield p
    context.close()


def first_tel_then_result(page) -> tuple[list[str], bool]:  # type: ignore[no-untyped-def]
    """The visible card's tel: links, and whether the card comes before the first result in the dialog."""
    return page.evaluate("""() => {
        const card = document.querySelector('.xy-search .xy-crisis-card');
        if (!card || card.hidden) return [[], false];
        const tels = Array.from(card.querySelectorAll('a[href^="tel:"]')).map(a => a.getAttribute('href'));
        const first = document.querySelector('.xy-search__item');
        const before = !first || !!(card.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
        const box = card.getBoundingClientRect();
        return [tels, before && box.height > 0];
    }""")


@pytest.mark.parametrize("query", RISK_QUERIES)
def test_risk_query_shows_crisis_lines_first(page, query: str) -> None:  # type: ignore[no-untyped-def]
    search(page, query)
    tels, first = first_tel_then_result(page)
    assert tels, f"no tel: link for {query}"
    assert first
    bar = page.eval_on_selector_all(".xy-crisis a.xy-crisis__tel", "as => as.map(a => a.getAttribute('href'))")
    assert tels == bar  # the directory's crisis lines, as in the crisis bar


def test_ordinary_query_has_no_card_and_clearing_hides_it(page) -> None:  # type: ignore[no-untyped-def]
    search(page, "自杀")
    assert first_tel_then_result(page)[0]
    search(page, "家长沙龙")
    assert first_tel_then_result(page) == [[], False]
