"""Links the kinds copy from YAML fields into their pages are reported at those fields (`Page.link_locs`).

Each file names the link in a comment above the field that writes it: a search of the file's text
would blame the comment; the field's own location blames the line the link is on.
"""

from __future__ import annotations

from pathlib import Path

from xinyu.diagnostics import Loc
from xinyu.pipeline import run
from xinyu.project import Project, Result, Settings

SPEAKERS = "speakers:\n  - id: chen\n    name: 陈老师\n"
SERIES = """\
series:
  - id: talks
    title: 大讲堂
    kind: 讲座
    organiser: 教育局
    audience: 家长
  - id: salon
    title: 家长沙龙
    kind: 沙龙
    organiser: 指导中心
    audience: 家长
    # 旧地址 http://live.example.cn/salon 不再使用
    online: http://live.example.cn/salon
"""
EVENTS = """\
# 报名网址以前是 http://live.example.cn/signup
events:
  - id: talk-1
    series: talks
    title: 第一讲
    start: 2026-10-24 14:00
    end: "16:00"
    online: https://live.example.cn/talk-1
    registration:
      url: http://live.example.cn/signup
  - id: salon-1
    series: salon
    title: 沙龙
    start: 2026-11-14 09:30
    end: "11:00"
"""
MENU = """\
# 以前的 ../abuot.md 已删除
how_to_order: |
  学校先读[点单说明](../about.md)，
  再读[旧说明](../abuot.md)。
topics:
  - id: t1
    title: 讲题
    audience: [小学]
    speaker: chen
    minutes: 60
    summary: 简介
"""
SERVICE = """\
# 官网 https://www.example.gov.cn/help 见下
services:
  - id: help
    name: 心理服务站
    type: 心理援助
    url: https://www.example.gov.cn/help
    channels:
      - number: "0574-63000000"
        hours: {always: true}
"""


def _run(root: Path) -> Result:
    return run(Project(root, root / "content", Settings(), preview=True))


def _found(result: Result, code: str) -> list[str]:
    return [d.format().split(" ")[0] for d in result.diagnostics.sorted() if d.code == code]


def test_an_insecure_link_in_an_event_is_reported_at_its_field(make_project) -> None:
    root = make_project({"content/events/speakers.yml": SPEAKERS, "content/events/series.yml": SERIES,
                         "content/events/events.yml": EVENTS, "content/about.md": "# 关于\n"})
    # the registration URL is the event's own field; the salon's online URL is its series' default
    assert _found(_run(root), "link.http") == ["content/events/events.yml:10:12:",
                                                "content/events/series.yml:13:13:"]


def test_a_broken_link_in_the_lecture_menu_is_reported_at_its_line(make_project) -> None:
    root = make_project({"content/events/speakers.yml": SPEAKERS, "content/events/series.yml": SERIES,
                         "content/events/menu.yml": MENU, "content/about.md": "# 关于\n"})
    line = MENU.split("\n")[3]
    assert _found(_run(root), "link.missing-page") == [f"content/events/menu.yml:4:{line.index('../abuot') + 1}:"]


def test_a_service_website_is_listed_at_its_field(make_project) -> None:
    root = make_project({"content/services/help.yml": SERVICE})
    links = _run(root).links
    assert links is not None
    # 内容体检 lists each outside link with where it is written
    assert links.external["https://www.example.gov.cn/help"] == [Loc("content/services/help.yml", 6, 10)]

