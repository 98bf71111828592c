"""The lecture menu (点单式讲座菜单) of the family-education lecturer group, grouped by audience.

Source: ``content/events/menu.yml`` with ``how_to_order`` (Markdown) and ``topics``. Each topic
is a target ``menu:<id>`` (an anchor on ``events/menu.md``); tour sessions name theirs in ``topic:``.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from ..diagnostics import Diagnostic, Diagnostics, Level
from ..htmlpolicy import check_markdown
from ..mdtext import esc, link_locs, typed_refs
from ..model import Review, Slug, Strict, Text, validate
from ..project import Page, Project, Site
from ..refs import Target
from ..text.yamlio import YamlDoc, load_yaml
from .base import Kind, Located, Ref
from .editorspec import Context, EditorSpec, Refused, Shape, fill
from .event.kind import _unknown, data_of
from .safety.model import RiskFlag
from .service.render import jump_list

Audience = Literal["幼儿园", "小学", "初中", "高中"]
GROUPS: tuple[tuple[str, str], ...] = (
    ("幼儿园", "youeryuan"), ("小学", "xiaoxue"), ("初中", "chuzhong"), ("高中", "gaozhong"),
)
PAGE = "events/menu.md"


class Topic(Strict):
    """One lecture a school can order."""

    id: Slug
    title: Text
    audience: list[Audience] = Field(min_length=1)
    speaker: Slug
    minutes: int = Field(ge=20, le=240)
    summary: Text
    review: Review | None = None  # a named professional's review (a topic that speaks of a risk topic needs one)
    risk: RiskFlag | None = None  # reviewed: no crisis box needed, or safe-messaging findings accepted


class MenuFile(Strict):
    """The menu file."""

    how_to_order: Text
    topics: list[dict[str, Any]] = Field(min_length=1)
    example: bool = False


@dataclass
class Menu:
    """The loaded menu: how to order, and its topics."""

    doc: YamlDoc
    how_to_order: str
    topics: list[Located[Topic]]
    example: bool


def prepare(c: Context, args: argparse.Namespace, site: Site) -> None:
    """The speakers and venues of the events section; a topic needs a speaker."""
    data = data_of(site)
    c.speakers, c.venues = list(data.speakers), list(data.venues)
    if not c.speakers:
        raise Refused("还没有主讲人：请先在 content/events/speakers.yml 中登记讲师，再新建讲题")


def menu_topic(c: Context) -> str:
    """One entry for the ``topics:`` list of ``content/events/menu.yml``."""
    speaker = c.speakers[0] if c.speakers else "chen-laoshi"
    return f"""  - id: {c.id}
    title: {c.title_or("讲题")}  # 填写：讲题（xinyu new 生成的草稿）
    audience: [小学]          # 填写：幼儿园 / 小学 / 初中 / 高中，可写多个
    speaker: {speaker}        # 填写：讲师编号（见 speakers.yml）：{'、'.join(c.speakers)}
    minutes: 60               # 时长（分钟）
    summary: {fill("讲座内容简介")}
"""


EDITOR = EditorSpec(
    "menu", "讲座菜单讲题", ("讲座", "讲座菜单", "讲题"), "点单式讲座菜单的一个讲题 → 追加到 content/events/menu.yml",
    reserved=frozenset({"how-to-order", "topics", "youeryuan", "xiaoxue", "chuzhong", "gaozhong"}),
    path=lambda project, ident: project.docs_dir / "events" / "menu.yml", list_key="topics",
    header=("# 家庭教育讲师团“点单式”讲座菜单（由 xinyu new 创建）。\n"
            f"how_to_order: {fill('学校怎样点单：联系方式、提前多久、讲师团怎样确认')}\n"
            "example: true\ntopics:\n"),
    template=menu_topic, prepare=prepare,
    shapes=(Shape("lecture-menu", "点单式讲座菜单", "content/events/menu.yml：how_to_order 和 topics",
                  ("events/menu.yml",), model=MenuFile, entries={"topics": Topic}, file_name="MenuFile"),),
    related_title="相关讲座", scheme_rank=8, list_rank=7,
)


class MenuKind(Kind[Menu]):
    """The 点单式 lecture menu."""

    name = "menu"
    editors = (EDITOR,)

    def sources(self, project: Project) -> list[Path]:
        """``content/events/menu.yml``."""
        path = project.docs_dir / "events" / "menu.yml"
        return [path] if path.is_file() else []

    def load(self, project: Project, diags: Diagnostics) -> list[Menu]:
        """The menu, topics validated one by one."""
        out: list[Menu] = []
        for path in self.sources(project):
            doc = load_yaml(path, project.rel(path), diags)
            if doc is None:
                continue
            head = validate(MenuFile, doc.data, doc, diags)
            if head is None:
                continue
            topics = []
            for i, raw in enumerate(head.topics):
                topic = validate(Topic, raw, doc, diags, ("topics", i))
                if topic is not None:
                    topics.append(Located(topic, doc, ("topics", i)))
            check_markdown(head.how_to_order, doc.loc(("how_to_order",)), diags)  # Markdown: HTML allow-list
            out.append(Menu(doc, head.how_to_order, topics, head.example))
        return out

    def targets(self, entries: list[Menu], project: Project) -> Iterable[Target]:
        """``menu:<topic>`` → its entry on the menu page."""
        for menu in entries:
            for t in menu.topics:
                yield Target(f"menu:{t.item.id}", PAGE, t.item.title, t.item.id, t.loc("id"), t.item.summary)

    def references(self, entries: list[Menu]) -> Iterable[Ref]:
        """Typed references written in the ordering instructions."""
        for menu in entries:
            for ref in typed_refs(menu.how_to_order, menu.doc.loc(("how_to_order",))):
                yield Ref(ref)

    def validate(self, site: Site) -> None:
        """Every topic's speaker is a known speaker of the events section."""
        speakers = data_of(site).speakers
        for menu in self.of(site):
            for t in menu.topics:
                if t.item.speaker not in speakers:
                    _unknown(site.diags, t.loc("speaker"), "主讲人", t.item.speaker, speakers,
                             "event.unknown-speaker", "speakers.yml")

    def unsafe(self, entries: list[Menu], project: Project) -> Iterable[Diagnostic]:
        """A sample menu must not be published."""
        for menu in entries:
            if menu.example:
                yield Diagnostic(menu.doc.loc(("example",)), Level.ERROR, "safety.example",
                                 "讲座菜单是示例内容（example: true），不得公开发布",
                                 "换成讲师团的真实讲题后删除 example: true")

    def render(self, site: Site) -> Iterable[Page]:
        """The menu page."""
        events = data_of(site)
        for menu in self.of(site):
            locs = link_locs(menu.how_to_order, menu.doc.loc(("how_to_order",)))
            yield Page(PAGE, _menu_page(menu, events.speakers, events.occurrences), menu.doc.path, "点单式讲座菜单",
                       locs)


def _menu_page(menu: Menu, speakers: dict[str, Any], sessions: list[Any]) -> str:
    out = ["# 点单式讲座菜单", "",
           "家庭教育讲师团为学校和幼儿园提供“点单式”讲座：学校按家长的需要从菜单中选讲题，讲师到校开讲。", ""]
    if menu.example:
        out += ['!!! warning "示例内容"', "    本页讲题和讲师是示例内容，仅用于演示门户功能。", ""]

    groups = [(a, f"{label}家长") for label, a in GROUPS if any(label in t.item.audience for t in menu.topics)]
    # plain anchor links: work without JavaScript, in the offline bundle too
    out += [jump_list("按学段查找", [*groups, ("topics", "讲题介绍")]), ""]
    out += ["## 怎样点单 {#how-to-order}", "", menu.how_to_order.strip(), ""]
    for label, anchor in GROUPS:
        topics = [t for t in menu.topics if label in t.item.audience]
        if not topics:
            continue
        out += [f"## {label}家长 {{#{anchor}}}", "", "| 讲题 | 时长 | 主讲 |", "| --- | --- | --- |"]
        for t in topics:
            who = _speaker(t.item, speakers)
            out.append(f"| [{esc(t.item.title)}](#{t.item.id}) | {t.item.minutes} 分钟 | {who} |")
        out.append("")
    out += ["## 讲题介绍 {#topics}", ""]
    for t in menu.topics:
        out += [f"### {esc(t.item.title)} {{#{t.item.id}}}", "",
                f"- 编号：`{t.item.id}`（点单时请写这个编号）",
                f"- 适合：{'、'.join(t.item.audience)}家长", f"- 时长：约 {t.item.minutes} 分钟",
                f"- 主讲：{_speaker(t.item, speakers)}", "", esc(t.item.summary), ""]
        given = [o for o in sessions if o.topic == f"menu:{t.item.id}"]
        if given:
            out += ["已安排的场次：" + "；".join(
                f"[{o.start.year}年{o.start.month}月{o.start.day}日 {esc(o.audience)}](event:{o.id})" for o in given
            ), ""]
    out += ["[返回家长课堂与活动](index.md)", ""]
    return "\n".join(out)


def _speaker(topic: Topic, speakers: dict[str, Any]) -> str:
    sp = speakers.get(topic.speaker)
    return esc(sp.item.name) if sp else esc(topic.speaker)


KIND = MenuKind()
