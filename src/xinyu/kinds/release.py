"""Numbered monthly releases: 《送给家长们的24堂暖心微课》 (第1堂 … 第24堂).

Source: ``content/events/weike.yml``. Releases are publications, not calendar events: each has a
release date and shows 即将推出 before it (against the build date, corrected in the browser).
Targets: ``release:weike`` (the page) and ``release:weike-01`` … (each lesson's entry).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field

from ..diagnostics import Diagnostic, Diagnostics, Level
from ..mdtext import attr, esc
from ..model import Review, Slug, Strict, Text, validate
from ..opendata import json_text
from ..project import Page, Project, Site
from ..refs import Target
from ..text.yamlio import YamlDoc, load_yaml
from .base import Kind, Located
from .editorspec import EditorSpec, Shape
from .event.data import page_path
from .resource.render import items_for, link, media
from .safety.model import RiskFlag

PAGE = "events/weike.md"


class ReleaseSeries(Strict):
    """The publication."""

    id: Slug
    title: Text
    publisher: Text
    summary: str | None = None
    example: bool = False
    review: Review | None = None  # a named professional's review (needed when its text speaks of a risk topic)
    risk: RiskFlag | None = None  # reviewed: no crisis box needed, or safe-messaging findings accepted


class Release(Strict):
    """One numbered release."""

    number: int = Field(ge=1)
    date: dt.date
    title: Text
    summary: str | None = None
    url: str | None = None  # where to watch or read it once released
    review: Review | None = None  # a named professional's review (needed when its text speaks of a risk topic)
    risk: RiskFlag | None = None  # reviewed: no crisis box needed, or safe-messaging findings accepted


class ReleaseFile(Strict):
    """The releases file."""

    series: ReleaseSeries
    releases: list[dict[str, Any]] = Field(min_length=1)


@dataclass
class Releases:
    """A loaded publication with its releases."""

    doc: YamlDoc
    series: ReleaseSeries
    items: list[Located[Release]]

    def key(self, number: int) -> str:
        """The anchor / id of release `number`, e.g. ``weike-01``."""
        return f"{self.series.id}-{number:02d}"


EDITOR = EditorSpec(  # not made by `xinyu new`: a schema, a search label and a related heading
    "release", "系列微课",
    shapes=(Shape("releases-file", "系列微课", "content/events/weike.yml：series 和按月发布的 releases",
                  ("events/weike.yml",), model=ReleaseFile, entries={"releases": Release}, file_name="ReleaseFile"),),
    search_label="微课", related_title="相关微课", scheme_rank=9,
)


class ReleaseKind(Kind[Releases]):
    """Monthly numbered releases."""

    name = "release"
    editors = (EDITOR,)

    def sources(self, project: Project) -> list[Path]:
        """``content/events/weike.yml``."""
        path = project.docs_dir / "events" / "weike.yml"
        return [path] if path.is_file() else []

    def load(self, project: Project, diags: Diagnostics) -> list[Releases]:
        """The publication; numbers must run 1, 2, 3 … and dates must rise."""
        out: list[Releases] = []
        for path in self.sources(project):
            doc = load_yaml(path, project.rel(path), diags)
            head = None if doc is None else validate(ReleaseFile, doc.data, doc, diags)
            if doc is None or head is None:
                continue
            items: list[Located[Release]] = []
            for i, raw in enumerate(head.releases):
                rel = validate(Release, raw, doc, diags, ("releases", i))
                if rel is None:
                    continue
                e = Located(rel, doc, ("releases", i))
                if rel.number != i + 1:
                    diags.error(e.loc("number"), "release.number",
                                f"第 {i + 1} 条的编号应为 {i + 1}，这里写的是 {rel.number}",
                                "微课按第1堂、第2堂……顺序编号，不要跳号或重复")
                elif items and rel.date <= items[-1].item.date:
                    diags.error(e.loc("date"), "release.date-order",
                                f"第{rel.number}堂的发布日期 {rel.date} 不晚于上一堂（{items[-1].item.date}）",
                                "一月一堂：发布日期应逐堂推后")
                items.append(e)
            out.append(Releases(doc, head.series, items))
        return out

    def targets(self, entries: list[Releases], project: Project) -> Iterable[Target]:
        """``release:<series>`` and ``release:<series>-NN``."""
        for r in entries:
            yield Target(f"release:{r.series.id}", PAGE, r.series.title, None, r.doc.loc(("series", "id")))
            for e in r.items:
                yield Target(f"release:{r.key(e.item.number)}", PAGE, f"第{e.item.number}堂 {e.item.title}",
                             r.key(e.item.number), e.loc("number"), e.item.summary)

    def unsafe(self, entries: list[Releases], project: Project) -> Iterable[Diagnostic]:
        """Sample releases must not be published."""
        for r in entries:
            if r.series.example:
                yield Diagnostic(r.doc.loc(("series", "example")), Level.ERROR, "safety.example",
                                 f"{r.series.title}是示例内容（example: true），不得公开发布",
                                 "换成真实的微课标题和链接后删除 example: true")

    def render(self, site: Site) -> Iterable[Page]:
        """The publication's page and its open data (``data/weike.json``)."""
        for r in self.of(site):
            locs = {attr(e.item.url): e.loc("url") for e in reversed(r.items) if e.item.url}  # first one wins
            yield Page(PAGE, releases_page(r, site.project.today, site), r.doc.path, r.series.title, locs)
            yield releases_file(r, site)


def releases_page(r: Releases, today: dt.date, site: Site | None = None) -> str:
    """All releases; those after `today` marked 即将推出 (the browser script updates the marks)."""
    s = r.series
    out = [f"# {esc(s.title)}", ""]
    if s.example:
        out += ['!!! warning "示例内容"', "    本页微课的标题和简介是示例内容，仅用于演示门户功能。", ""]
    if s.summary:
        out += [esc(s.summary), ""]
    out += [f"出品：{esc(s.publisher)}。一月一堂，共 {len(r.items)} 堂。", "",
            '<ol class="xy-releases" markdown>']
    for e in r.items:
        rel = e.item
        released = rel.date <= today
        state = "已发布" if released else "即将推出"
        link = f" [观看或阅读]({attr(rel.url)})" if rel.url and released else ""
        out.append(
            f'<li id="{r.key(rel.number)}" class="xy-release" data-release="{rel.date.isoformat()}" markdown="span">'
            f"<strong>第{rel.number}堂</strong> {esc(rel.title)} "
            f'<span class="xy-badge xy-release__state" data-released="已发布" data-upcoming="即将推出">{state}</span> '
            f'<time datetime="{rel.date.isoformat()}">{rel.date.year}年{rel.date.month}月{rel.date.day}日</time>{link}'
            + (f'<br><span class="xy-release__summary">{esc(rel.summary)}</span>' if rel.summary else "")
            + (_media(site, r.key(rel.number)) if site is not None else "")
            + "</li>"
        )
    out += ["</ol>", "", f'<p class="xy-asof" data-today="{attr(today.isoformat())}">按 {today.isoformat()} '
            "标注发布状态；打开本页时会按你设备上的日期更新。</p>", "", "[返回家长课堂与活动](index.md)", ""]
    return "\n".join(out)


def _media(site: Site, key: str) -> str:
    """A release's video or audio (the browser's own player, captions track) and other files."""
    parts = []
    for item in items_for(site, f"release:{key}"):
        player = media(item, PAGE, site)
        parts.append(f'<br><span class="xy-release__media">{player}</span>' if player else "")
        parts.append(f'<br><span class="xy-release__file">{esc(item.res.type)}：{link(item, PAGE)}</span>')
    return "".join(parts)


KIND = ReleaseKind()


def releases_file(r: Releases, site: Site) -> Page:
    """``data/<series>.json`` (``data/weike.json``): every release; a link only once it is out.

    Field names follow schema.org ``CreativeWork`` (``position``, ``name``, ``datePublished``).
    """
    uri = f"data/{r.series.id}.json"
    if site.project.checking:
        return Page(uri, "", None, r.series.title)
    today = site.project.today
    items = []
    for e in r.items:
        rel = e.item
        out = rel.date <= today
        items.append({"identifier": r.key(rel.number), "position": rel.number, "name": rel.title,
                      "datePublished": rel.date.isoformat(), "released": out, "description": rel.summary,
                      "url": rel.url if out else None})
    s = r.series
    doc = {"specification": "schema.org CreativeWorkSeries / CreativeWork (field names aligned)",
           "generated": today.isoformat(), "identifier": s.id, "name": s.title, "publisher": s.publisher,
           "description": s.summary, "example": s.example, "url": page_path(PAGE, site),
           "count": len(items), "releases": items}
    return Page(uri, json_text(doc), None, s.title)
