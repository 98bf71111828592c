"""Portal search in a real browser: the site's own search box on the demo portal, hosted, under a
sub-path and opened from file:// (where fetch() of index files fails)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def search(page, query: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """Type `query` into the search box and return the results as a reader sees them."""
    if not page.locator(".xy-search__input").is_visible():
        page.click(".xy-search-button")
    box = page.locator(".xy-search__input")
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function("q => document.querySelector('.xy-search__results').dataset.query === q", arg=query)
    return page.eval_on_selector_all(
        ".xy-search__item",
        """items => items.map(li => ({
            href: li.querySelector('.xy-search__link').href,
            kind: li.querySelector('.xy-search__kind').textContent,
            title: li.querySelector('.xy-search__title').textContent,
            summary: (li.querySelector('.xy-search__summary') || {textContent: ''}).textContent,
            tels: Array.from(li.querySelectorAll('a.xy-search__tel')).map(a => a.getAttribute('href')),
        }))""",
    )


@pytest.fixture
def page(browser, demo_url):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.goto(demo_url)
    yield p
    context.close()


def test_hotline_number_finds_the_hotline_with_a_tel_link(page) -> None:
    results = search(page, "12356")
    first = results[0]
    assert first["href"].endswith("/services/12356/")
    assert first["kind"] == "热线"
    assert "tel:12356" in first["tels"]
    # After a full-width colon, as the number is written in Chinese text.
    assert search(page, "热线：１２３５６")[0]["href"].endswith("/services/12356/")


def test_word_inside_a_compound(page) -> None:
    results = search(page, "呼吸")
    breathing_lessons = ("/lessons/kaoqian-jiaolv/", "/lessons/yali-yu-wo/", "/lessons/yundongchang-qingxu/")
    assert results[0]["href"].endswith(breathing_lessons)
    assert results[0]["kind"] == "教案"
    # The lesson with 深呼吸 (and 腹式呼吸) is among the first results.
    assert any(r["href"].endswith("/lessons/kaoqian-jiaolv/") for r in results[:5])


def test_synonym_finds_pages_about_anxiety(page) -> None:
    results = search(page, "紧张")
    assert "紧张" in results[0]["title"] or "焦虑" in results[0]["title"]
    # Pages that only say 焦虑 are found too (焦虑 / 紧张 are synonyms in content/vocab/synonyms.yml).
    assert any("焦虑" in r["title"] and "紧张" not in r["title"] for r in results[:5])


def test_results_say_what_they_are_and_show_the_short_answer(page) -> None:
    results = search(page, "手臂有划痕")
    first = results[0]
    assert first["href"].endswith("/guides/shicao-30wen/weiji-zishang/")
    assert first["kind"] == "问答"
    assert first["summary"] and "›" not in first["summary"]  # the 简答, not the breadcrumb
    salon = search(page, "家长沙龙")[0]
    assert salon["kind"] == "活动"


def test_typo_still_finds_the_page(page) -> None:
    assert search(page, "花季关扩")[0]["href"].endswith("/services/huaji-guanhu/")


def test_search_under_a_sub_path(browser, demo_site) -> None:
    from support.servers import serve

    with serve(demo_site, prefix="/portal/xinyu/") as url:
        context = browser.new_context()
        p = context.new_page()
        p.goto(url + "lessons/")
        first = search(p, "12356")[0]
        assert first["href"] == url + "services/12356/"
        context.close()


@pytest.fixture(scope="module")
def offline_bundle(demo_bundle: tuple[Path, Path]) -> Path:
    """The demo portal's offline bundle (`xinyu bundle --preview`), unzipped (built once, in conftest)."""
    return demo_bundle[1].parent


def test_search_works_from_file_url(browser, offline_bundle: Path) -> None:
    context = browser.new_context()
    p = context.new_page()
    p.goto((offline_bundle / "lessons" / "index.html").as_uri())
    first = search(p, "12356")[0]
    assert first["href"] == (offline_bundle / "services" / "12356.html").as_uri()
    p.click(".xy-search__link >> nth=0")
    p.wait_for_url("**/services/12356.html")
    assert "心理援助热线" in p.locator("article h1").inner_text()
    context.close()
