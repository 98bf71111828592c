"""Parent stories (溪上家长说): Markdown articles with author, school or town, date and tags.

Source: ``content/stories/<id>.md`` with YAML front matter; the file name is the id
(``story:<id>``). Pages: ``stories/<id>.md`` and the section index ``stories/index.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from ..diagnostics import Diagnostic, Diagnostics, Level, Loc
from ..htmlpolicy import check_markdown
from ..mdtext import attr, esc, link_locs, typed_refs
from ..model import Review, Strict, Text, validate
from ..project import EntryView, Page, Project, Site
from ..refs import Reference, Target
from ..text.frontmatter import load_markdown
from .base import Kind, Located, Ref
from .editorspec import Context, EditorSpec, RefCheck, Shape, fill
from .safety.model import RiskFlag

SECTION = "溪上家长说"
INTRO = "“溪上家长说”请家长讲述自己家的育儿故事：身边的榜样、可借鉴的做法，以及走过的弯路。"


class Story(Strict):
    """Front matter of a story."""

    title: Text
    author: str = "匿名家长"
    place: Text  # school or town, e.g. 周巷镇某小学
    date: dt.date
    tags: list[str] = Field(default_factory=list)
    summary: str | None = None
    related: list[str] = Field(default_factory=list)  # typed references: lesson:, service:, event: …
    example: bool = False
    review: Review | None = None
    risk: RiskFlag | None = None  # reviewed: no crisis box needed, or safe-messaging findings accepted


@dataclass
class StoryEntry:
    """A loaded story: its id, front matter and body."""

    id: str
    meta: Located[Story]
    body: str
    body_line: int

    @property
    def item(self) -> Story:
        """The front matter."""
        return self.meta.item


def story_uri(story_id: str) -> str:
    """The page of a story."""
    return f"stories/{story_id}.md"


def story(c: Context) -> str:
    """A parent story (溪上家长说)."""
    return f"""---
# 溪上家长说：一篇家长故事（由 xinyu new 生成的草稿）。文件名就是编号（story:{c.id}），发布后不要再改。
title: {c.title_or("故事标题")}  # 填写：故事标题
author: 匿名家长               # 填写：署名，如“初二学生家长 周先生（化名）”；不写则显示“匿名家长”
place: {fill("学校或镇街道，如 观海卫镇")}
date: {c.today.isoformat()}              # 发表日期
tags: []                      # 标签（可省略），如 [手机与网络, 家庭规则]
summary: {fill("一句话简介，显示在栏目目录")}
related: []                   # 相关内容（可省略），如 [lesson:yu-fumu-goutong, service:12356]
example: true                 # 草稿：发布版拒绝发布；换成经家长同意发表的真实故事后删除这一行
---

{fill("故事正文：发生了什么，家长怎样做，孩子有什么变化。人名用化名，不写能认出孩子的细节")}

{fill("第二段")}
"""


EDITOR = EditorSpec(
    "story", "故事", ("故事", "家长故事"), "溪上家长说 家长故事 → content/stories/<编号>.md",
    reserved=frozenset({"index"}), path=lambda project, ident: project.docs_dir / "stories" / f"{ident}.md",
    template=story,
    shapes=(Shape("story-front-matter", "家长故事信息块", "content/stories/*.md 开头 --- 之间的 YAML", model=Story),),
    checks={"Story.related[]": RefCheck(None)},
    search_label="故事", related_title="相关文章", scheme_rank=6, list_rank=2,
)


class StoryKind(Kind[StoryEntry]):
    """溪上家长说."""

    name = "story"
    editors = (EDITOR,)

    def sources(self, project: Project) -> list[Path]:
        """``content/stories/*.md`` except a hand-written index."""
        folder = project.docs_dir / "stories"
        return sorted(p for p in folder.glob("*.md") if p.name != "index.md")

    def load(self, project: Project, diags: Diagnostics) -> list[StoryEntry]:
        """Each story's front matter validated; the file name must be a slug."""
        out: list[StoryEntry] = []
        for path in self.sources(project):
            rel = project.rel(path)
            md = load_markdown(path, rel, diags)
            if md is None:
                continue
            if not path.stem.replace("-", "").isalnum() or path.stem != path.stem.lower() or not path.stem.isascii():
                diags.error(Loc(rel, 1, 1), "story.file-name", f"文件名“{path.name}”不能作为网址",
                            "文件名只用小写英文字母、数字和连字符，例如 zuoye-bu-da-zhang.md")
                continue
            story = validate(Story, md.meta.data, md.meta, diags, today=project.today)
            check_markdown(md.body, Loc(rel, md.body_line, 1), diags)  # raw HTML only from the allow-list
            if story is not None:
                out.append(StoryEntry(path.stem, Located(story, md.meta), md.body, md.body_line))
        return out

    def views(self, entries: list[StoryEntry]) -> Iterable[EntryView]:
        """Each story with its review state and what it names."""
        for s in entries:
            yield EntryView(f"story:{s.id}", Loc(s.meta.path, 1, 1), s.item.review, s.item.example,
                            tuple(s.item.related))

    def targets(self, entries: list[StoryEntry], project: Project) -> Iterable[Target]:
        """``story:<id>``."""
        for s in entries:
            yield Target(f"story:{s.id}", story_uri(s.id), s.item.title, None, Loc(s.meta.path, 1, 1), s.item.summary)

    def references(self, entries: list[StoryEntry]) -> Iterable[Ref]:
        """``related`` entries and typed links in the body."""
        for s in entries:
            for i, raw in enumerate(s.item.related):
                yield Ref(Reference(raw, s.meta.loc("related", i)), related_of=f"story:{s.id}")
            for ref in typed_refs(s.body, Loc(s.meta.path, s.body_line, 1)):
                yield Ref(ref)

    def unsafe(self, entries: list[StoryEntry], project: Project) -> Iterable[Diagnostic]:
        """Sample stories need a named reviewer before they could ever be published; samples never are."""
        for s in entries:
            if s.item.example:
                yield Diagnostic(Loc(s.meta.path, 1, 1), Level.ERROR, "safety.example",
                                 f"家长故事“{s.item.title}”是示例内容（example: true），不得公开发布",
                                 "换成经家长同意发表的真实故事后删除 example: true")

    def render(self, site: Site) -> Iterable[Page]:
        """One page per story and the section index, newest first."""
        stories = sorted(self.of(site), key=lambda s: (s.item.date, s.id),
                                           reverse=True)
        if not stories:
            return
        for s in stories:
            yield Page(story_uri(s.id), _story_page(s, site), s.meta.path, s.item.title,
                       link_locs(s.body, Loc(s.meta.path, s.body_line, 1)))
        out = [f"# {SECTION}", "", INTRO, ""]
        if any(s.item.example for s in stories):
            out += ['!!! warning "示例内容"', "    本栏目的故事是虚构的示例，用于演示门户功能，"
                    "不是真实家长的经历。", ""]
        for s in stories:
            tags = "".join(f' <span class="xy-tag">{esc(t)}</span>' for t in s.item.tags)
            out += [f"## [{esc(s.item.title)}](story:{s.id}) {{#{s.id}}}", "",
                    f"{esc(s.item.author)} · {esc(s.item.place)} · {s.item.date.isoformat()}{tags}", ""]
            if s.item.summary:
                out += [esc(s.item.summary), ""]
        out += ["[返回家长课堂与活动](../events/index.md)", ""] if site.entries.get("event") else []
        yield Page("stories/index.md", "\n".join(out), None, SECTION)


def _story_page(s: StoryEntry, site: Site) -> str:
    st = s.item
    out = [f"# {esc(st.title)}", "", f'<p class="xy-byline">{attr(st.author)} · {attr(st.place)} · '
           f'<time datetime="{st.date.isoformat()}">{st.date.year}年{st.date.month}月{st.date.day}日</time></p>', ""]
    if st.example:
        out += ['!!! warning "示例内容"', "    这是虚构的示例故事，用于演示门户功能，不是真实家长的经历。", ""]
    if st.tags:
        out += ["标签：" + "、".join(esc(t) for t in st.tags), ""]
    out += [s.body.strip(), ""]
    if st.related:
        out += ["## 相关内容 {#related}", ""]
        for raw in st.related:
            target = site.registry.get(raw)
            out.append(f"- [{esc(target.title if target else raw)}]({raw})")
        out.append("")
    out += [f"[返回{SECTION}](index.md)", ""]
    return "\n".join(out)


KIND = StoryKind()
