"""The crisis box reaches every page that shows risk text: a detected series' occurrence pages, and
the exported Markdown tree (``xinyu export``, whose pages no xinyu plugin will see)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from support.golden import write_project
from xinyu.diagnostics import Level
from xinyu.kinds.safety.box import with_crisis_box
from xinyu.pipeline import run
from xinyu.plugin import project_from_config
from xinyu.project import Project
from xinyu.publish.export import export

BOX = "xy-crisis-box"
RISK = "topics:\n  自伤: [自伤, 伤害自己]\nhelp: [心理老师, 热线]\n"
EVENTS = {
    "content/vocab/risk.yml": RISK,
    "content/events/venues.yml": "venues:\n  - {id: room, name: 指导中心, room: 301 室, address: 慈溪市示例路 1 号}\n",
    "content/events/series.yml": """\
series:
  - id: salon
    title: 家长沙龙
    kind: 沙龙
    organiser: 指导中心
    audience: 家长
    summary: 孩子有自伤行为时，家长怎样陪伴、怎样联系心理老师。
    venue: room
    recurrence: {freq: monthly, weekday: 六, nth: 3, start_time: "09:30", end_time: "11:00",
                 first: 2026-09-01, last: 2026-11-30}
  - id: club
    title: 读书会
    kind: 沙龙
    organiser: 指导中心
    audience: 家长
    summary: 一起读一本讲亲子沟通的书。
    venue: room
    recurrence: {freq: monthly, weekday: 六, nth: 1, start_time: "09:30", end_time: "11:00",
                 first: 2026-09-01, last: 2026-09-30}
""",
    "content/events/events.yml": """\
events:
  - id: salon-oct
    series: salon
    date: 2026-10-17
    title: 家长沙龙（10月）：亲子沟通
    risk: {box: false, reason: 这一期只讲亲子沟通，不谈自伤, reviewed_by: 王老师}
""",
}


def _project(root: Path, *, preview: bool = True) -> tuple[Project, object]:
    cfg = load_config(config_file=str(root / "mkdocs.yml"))
    options = cfg.plugins["xinyu"].config
    options["preview"] = preview
    options["today"] = "2026-11-29"
    project = project_from_config(cfg, options)
    project.preview = preview
    return project, cfg


def test_occurrence_pages_of_a_detected_series_show_the_crisis_box(tmp_path: Path) -> None:
    project, _ = _project(write_project(tmp_path, EVENTS))
    result = run(project)
    pages = {p.src_uri: p.content for p in result.pages if isinstance(p.content, str)}

    def boxed(uri: str) -> bool:
        return BOX in with_crisis_box(result.site, uri, pages[uri])  # what the plugin does for every page

    # the series page and each of its generated dates; not the date a reviewer said needs none,
    # not another series' date
    assert boxed("events/series/salon.md")
    assert boxed("events/salon-20260919.md") and boxed("events/salon-20261121.md")
    assert not boxed("events/salon-oct.md")
    assert not boxed("events/club-20260905.md") and not boxed("events/series/club.md")
    # the box comes right after the H1: help before the facts table
    text = with_crisis_box(result.site, "events/salon-20260919.md", pages["events/salon-20260919.md"])
    assert text.index(BOX) < text.index("xy-facts")


LESSON = """\
---
id: peiban
title: 陪伴：当同学伤害自己
example: false
stage: 初中
grade: 八年级
area: 情绪调适
form: 讨论与分享
duration: 40
objectives: [知道同学有自伤行为时该找谁]
key_points: [求助]
difficult_points: [说出担心]
materials: [卡片]
procedure:
  - {phase: 导入, title: 热身, minutes: 5, content: 拍手游戏。}
  - {phase: 活动, title: 讨论, minutes: 20, content: 同学有自伤行为时，我可以告诉谁？}
  - {phase: 分享, title: 说一说, minutes: 10, content: 小组分享。}
  - {phase: 总结, title: 小结, minutes: 5, content: 找心理老师，拨打热线。}
differentiation: 可用图卡。
assessment: 课堂观察。
safety:
  guidance: 只请自愿者分享。
  referral: 发现有自伤行为的学生，课后告知心理教师。
author: 测试教师
school: 测试中学
licence: CC BY-NC-SA 4.0
---
"""


def test_export_writes_the_crisis_box_into_a_detected_lesson_page(tmp_path: Path) -> None:
    root = write_project(tmp_path / "proj", {
        "content/vocab/risk.yml": RISK,
        "content/lessons/peiban.md": LESSON,
        "content/help.md": "---\ntitle: 求助\n---\n\n# 求助\n\n孩子伤害自己时，先联系心理老师。\n",
        "content/index.md": "# 首页\n\n[陪伴](lessons/peiban.md) · [求助](help.md)\n",
    })
    project, cfg = _project(root)
    diags = export(project, cfg, tmp_path / "out")
    assert not [d for d in diags if d.level is Level.ERROR], [d.format() for d in diags]
    docs = tmp_path / "out" / "docs"
    lesson = (docs / "lessons/peiban.md").read_text("utf-8")
    assert BOX in lesson and "tel:12356" in lesson
    assert lesson.index(BOX) > lesson.index("# ")  # after the H1, as in the built site
    page = (docs / "help.md").read_text("utf-8")  # a hand-written page keeps its front matter first
    assert page.startswith("---\ntitle: 求助\n---\n") and BOX in page
    assert BOX not in (docs / "index.md").read_text("utf-8")
