"""The demo portal's practice guides, as built: enough guides and questions, exact FAQPage data."""

from __future__ import annotations

import json
import re
from pathlib import Path

from xinyu.pipeline import run
from xinyu.project import Project, Settings

ROOT = Path(__file__).resolve().parents[3]


def _ld(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block, "no JSON-LD block"
    return json.loads(block.group(1))


def _guides() -> list:
    result = run(Project(ROOT, ROOT / "content", Settings(), preview=True), render=False)
    return result.site.entries["guide"]


def test_demo_has_three_guides_and_fifty_question_pages(demo_site: Path) -> None:
    guides = _guides()
    assert len(guides) >= 3
    pages = [p for g in guides for p in (demo_site / "guides" / g.id).glob("*/index.html")]
    assert len(pages) >= 50
    thirty = next(g for g in guides if g.id == "shicao-30wen")
    assert len(thirty.questions) == 30 and len(thirty.header.categories) == 6
    assert all(len(g.questions) >= 10 for g in guides)


def test_each_faq_page_lists_exactly_its_questions(demo_site: Path) -> None:
    for g in _guides():
        faq = _ld((demo_site / "guides" / g.id / "index.html").read_text("utf-8"))
        assert faq["@type"] == "FAQPage"
        assert [q["name"] for q in faq["mainEntity"]] == [q.title for q in g.questions], g.id
        assert all(q["acceptedAnswer"]["text"] for q in faq["mainEntity"])
        for q in g.questions:
            page = (demo_site / "guides" / g.id / q.id / "index.html").read_text("utf-8")
            data = _ld(page)
            assert data["@type"] == "Question" and data["name"] == q.title
            assert f"第{q.number}问" in page


def test_demo_risk_answers_show_the_crisis_box_first(demo_site: Path) -> None:
    risky = [(g, q) for g in _guides() for q in g.questions if q.meta.risk]
    assert len(risky) >= 10
    for g, q in risky:
        html = (demo_site / "guides" / g.id / q.id / "index.html").read_text("utf-8")
        article = html[html.index("<article"):]
        assert 'href="tel:12356"' in article[article.index("admonition danger"):article.index(f'id="{q.id}-jieda"')]


def test_demo_answers_are_marked_as_samples(demo_site: Path) -> None:
    for g in _guides():
        html = (demo_site / "guides" / g.id / g.questions[0].id / "index.html").read_text("utf-8")
        assert "示例内容（发布前须经专业审核）" in html


def test_lessons_that_name_a_question_are_linked_back(demo_site: Path) -> None:
    result = run(Project(ROOT, ROOT / "content", Settings(), preview=True), render=False)
    pairs = [
        (raw, e.item.id)
        for e in result.site.entries.get("lesson", [])
        for raw in getattr(e.item, "related_guides", [])
        if "#" in raw
    ]
    assert pairs, "the demo lessons name guide questions"
    for raw, lesson in pairs:
        guide, question = raw.removeprefix("guide:").split("#")
        html = (demo_site / "guides" / guide / question / "index.html").read_text("utf-8")
        assert f'href="../../../lessons/{lesson}/"' in html, (raw, lesson)
