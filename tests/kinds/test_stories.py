"""Parent stories (溪上家长说): pages, the section index, sample marking and front-matter errors."""

from __future__ import annotations

import datetime as dt
import re

from conftest import copy_demo
from xinyu.checks.links import HEALTH_URI
from xinyu.pipeline import run
from xinyu.project import Project

STORY = """\
---
title: 一次家长会之后
author: 匿名家长
place: 周巷镇
date: 2026-10-08
tags: [亲子沟通]
related: ["story:liang"]
---

那天晚上我们聊了很久。
"""
SECOND = "---\ntitle: 两个孩子\nplace: 附海镇\ndate: 2026-11-20\nexample: true\n---\n\n故事正文。\n"


def test_stories_are_pages_and_an_index_newest_first(make_project, xinyu) -> None:
    root = make_project({"content/stories/jiazhanghui.md": STORY, "content/stories/liang.md": SECOND})
    proc = xinyu("build", "--preview", cwd=root)
    assert proc.returncode == 0, proc.stderr
    index = (root / "site/stories/index.html").read_text("utf-8")
    assert index.index("两个孩子") < index.index("一次家长会之后")  # newest first
    assert "示例内容" in index
    page = (root / "site/stories/jiazhanghui/index.html").read_text("utf-8")
    assert re.search(r"匿名家长 · 周巷镇 · <time datetime=\"2026-10-08\">2026年10月8日</time>", page)
    assert "那天晚上我们聊了很久。" in page and 'href="../liang/"' in page
    second = (root / "site/stories/liang/index.html").read_text("utf-8")
    assert "匿名家长" in second and "虚构的示例故事" in second  # author defaults to anonymous
    proc = xinyu("build", cwd=root)
    assert proc.returncode == 1 and "content/stories/liang.md:1:1: 错误 safety.example" in proc.stderr


def test_default_content_has_five_sample_stories() -> None:
    from conftest import ROOT

    files = sorted((ROOT / "content/stories").glob("*.md"))
    assert len(files) >= 5
    for f in files:
        text = f.read_text("utf-8")
        assert "example: true" in text and "虚构" in text, f.name


def test_a_story_naming_a_question_is_listed_there_and_by_name_on_the_health_page(tmp_path) -> None:
    root = copy_demo(tmp_path)
    story = root / "content/stories/kaoqian-xian-wenzhu.md"
    story.write_text(story.read_text("utf-8").replace(
        'related: ["release:weike"', 'related: ["guide:jiazhang-goutong#kaoshi-yali", "release:weike"'), "utf-8")
    result = run(Project(root, root / "content", preview=True, today=dt.date(2026, 11, 29)))
    pages = {p.src_uri: p.content for p in result.pages}
    # related links go both ways: the question lists the story that names it
    assert "../../stories/kaoqian-xian-wenzhu.md" in pages["guides/jiazhang-goutong/kaoshi-yali.md"]
    # the health page names each unreviewed story and where it is, not "story:?"
    health = str(pages[HEALTH_URI])
    assert "story:kaoqian-xian-wenzhu" in health and "content/stories/kaoqian-xian-wenzhu.md:1:1" in health
    assert "story:?" not in health
