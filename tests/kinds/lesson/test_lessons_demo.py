"""The demo's lesson plans as a reader gets them: pages, browse lists, JSON-LD."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT
from xinyu.kinds.lesson.model import AREA_SLUGS, STAGE_SLUGS


def demo_lessons() -> dict[str, dict]:
    """Every demo lesson's front matter, read straight from content/lessons/."""
    out = {}
    for path in sorted((ROOT / "content/lessons").glob("*.md")):
        meta = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
        out[meta["id"]] = meta
    return out


def listed(page: Path) -> set[str]:
    """Ids of the lessons a browse page lists (inside its lesson list, not other links)."""
    html = page.read_text("utf-8")
    m = re.search(r'<div class="xy-lesson-list">(.*?)</div>', html, re.S)
    if m is None:
        assert "暂无教案" in html
        return set()
    return set(re.findall(r'href="\.\./\.\./([a-z0-9-]+)/"', m.group(1)))


def test_demo_has_enough_lessons_covering_every_stage_area_and_infusion(demo_site: Path) -> None:
    lessons = demo_lessons()
    assert len(lessons) >= 15
    assert {m["stage"] for m in lessons.values()} == set(STAGE_SLUGS)
    assert {m["area"] for m in lessons.values()} == set(AREA_SLUGS)
    assert sum(1 for m in lessons.values() if m.get("infusion")) >= 3
    for lesson_id, meta in lessons.items():
        assert meta["example"] is True and meta["duration"] in (40, 45)
        page = (demo_site / f"lessons/{lesson_id}/index.html").read_text("utf-8")
        assert f'<h1 id="lesson">{html.escape(meta["title"])}' in page
        assert "示例内容" in page  # sample content is marked as such
        assert (demo_site / f"lessons/{lesson_id}/print/index.html").is_file()
    index = (demo_site / "lessons/index.html").read_text("utf-8")
    assert f"共 <strong>{len(lessons)}</strong> 份教案" in index


@pytest.mark.parametrize(("field", "slugs"), [("stage", STAGE_SLUGS), ("area", AREA_SLUGS)])
def test_each_stage_and_area_page_lists_exactly_its_lessons(demo_site: Path, field: str,
                                                            slugs: dict[str, str]) -> None:
    lessons = demo_lessons()
    for value, slug in slugs.items():
        want = {i for i, m in lessons.items() if m[field] == value}
        assert want, value
        assert listed(demo_site / f"lessons/{field}/{slug}/index.html") == want, value


LEARNING_RESOURCE = {
    "type": "object",
    "required": ["@context", "@type", "name", "educationalLevel", "teaches", "timeRequired",
                 "learningResourceType", "inLanguage"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "LearningResource"},
        "name": {"type": "string", "minLength": 1},
        "educationalLevel": {"type": "string", "minLength": 1},
        "teaches": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
        "timeRequired": {"type": "string", "pattern": r"^PT[1-9][0-9]*M$"},
        "learningResourceType": {"type": "string", "minLength": 1},
        "inLanguage": {"const": "zh-CN"},
    },
}


def test_every_lesson_page_has_learning_resource_json_ld(demo_site: Path) -> None:
    for lesson_id, meta in demo_lessons().items():
        html = (demo_site / f"lessons/{lesson_id}/index.html").read_text("utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1, lesson_id
        data = json.loads(blocks[0])
        jsonschema.validate(data, LEARNING_RESOURCE)
        assert data["timeRequired"] == f"PT{meta['duration']}M", lesson_id
        assert data["name"] == meta["title"]
        assert data["educationalLevel"].startswith(meta["stage"]) and meta["grade"] in data["educationalLevel"]
        assert data["teaches"] == meta["objectives"]


def test_lesson_help_list_numbers_are_call_buttons_like_everywhere_else(demo_site: Path) -> None:
    html = (demo_site / "lessons/hezuo-hua/index.html").read_text("utf-8")
    help_list = html[html.index("紧急情况请立即求助"):]
    help_list = help_list[: help_list.index("</ul>")]
    assert '<a class="xy-tel" href="tel:12356">12356</a>' in help_list  # the one number snippet
    assert 'href="tel:110"' in help_list and 'href="tel:120"' in help_list
