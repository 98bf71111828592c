"""Lesson handouts printed to PDF by Chromium: A4, at most 3 pages, title and crisis line, no navigation."""

from __future__ import annotations

import io
import re
import unicodedata

import pypdf
import pytest

from conftest import ROOT
from kinds.lesson.test_lessons_demo import demo_lessons

pytestmark = pytest.mark.browser

# Every navigation title of the demo, plus what Material's header and buttons say.
_NAV_YAML = re.split(r"\n(?=\S)", (ROOT / "mkdocs.yml").read_text("utf-8").split("\nnav:\n", 1)[1])[0]
NAV = re.findall(r"^ +- ([^:\n]+?):", _NAV_YAML, re.M)
CHROME = ["跳转至", "回到页面顶部", "慈溪市学生心理健康教育资源门户", "更多热线与服务", "打印"]


def pdf_text(pdf: bytes) -> tuple[int, str]:
    """Page count and NFKC-normalised text without whitespace (PDF extraction inserts spaces)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() or "" for page in reader.pages))
    return len(reader.pages), re.sub(r"\s+", "", text)


def contains(text: str, wanted: str) -> bool:
    """`wanted` occurs in `text`, allowing a CJK radical glyph (U+2E80–U+2FDF) for any character.

    CJK fonts draw some characters (青, 长, 角 …) with glyphs whose Unicode mapping is the
    radical, which NFKC does not fold back.
    """
    wanted = unicodedata.normalize("NFKC", re.sub(r"\s+", "", wanted))
    pattern = "".join(f"(?:{re.escape(c)}|[\u2e80-\u2fdf])" for c in wanted)
    return re.search(pattern, text) is not None


def test_nav_titles_were_found() -> None:
    assert "活动课教案" in NAV and len(NAV) >= 3


def test_every_handout_prints_on_one_to_three_a4_pages(browser, demo_url) -> None:
    page = browser.new_page()
    page.emulate_media(media="print")
    for lesson_id, meta in demo_lessons().items():
        source = (ROOT / f"content/lessons/{lesson_id}.md").read_text("utf-8")
        page.goto(f"{demo_url}lessons/{lesson_id}/print/")
        pages, text = pdf_text(page.pdf(format="A4"))
        assert 1 <= pages <= 3, (lesson_id, pages)
        assert contains(text, meta["title"]), (lesson_id, text[:200])
        assert "12356" in text, lesson_id
        assert contains(text, "示例内容"), lesson_id
        for word in NAV + CHROME:
            if word not in source:  # a nav title the lesson itself uses is not evidence of navigation
                assert word not in text, (lesson_id, word)
    page.close()


def test_handout_on_screen_has_no_navigation_but_the_crisis_line(browser, demo_url) -> None:
    page = browser.new_page(viewport={"width": 1024, "height": 800})
    page.goto(f"{demo_url}lessons/yundongchang-qingxu/print/")
    assert page.locator(".md-header, .md-tabs, .md-sidebar, .md-search, .md-footer").count() == 0
    assert page.locator(".xy-crisis a[href='tel:12356']").is_visible()
    page.close()
