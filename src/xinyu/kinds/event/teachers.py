"""The teachers' side of the events section: 教研与培训 (``training/index.md``), its feed and checks.

Teacher events live in the same files as parent events (``content/events/``); a series or event
whose ``audiences`` include 教师 is listed here, one with any other audience in 家长课堂与活动.
Event and series pages stay at ``events/<id>/`` and ``events/series/<id>/``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from ...diagnostics import Diagnostics
from ...mdtext import entry_locs, esc
from ...project import Page, Site
from ...refs import parse_ref, relative_link
from ..lesson.urls import handout_uri
from . import pages as event_pages
from .ics import feed_uri
from .load import EventData
from .model import TEACHER_TYPES, Occurrence

INDEX = "training/index.md"
FEED = "calendar/teachers.ics"
FEED_NAME = "教研与培训（全部）"
BRING_SCHEMES = ("lesson", "resource")


def parent_view(data: EventData) -> EventData:
    """The parents' section: series and occurrences with an audience besides 教师."""
    return dataclasses.replace(
        data, series={k: s for k, s in data.series.items() if any(a != "教师" for a in s.item.audiences)},
        occurrences=[o for o in data.occurrences if o.for_parents])


def teacher_view(data: EventData) -> EventData:
    """The teachers' section: series and occurrences whose audiences include 教师."""
    return dataclasses.replace(
        data, series={k: s for k, s in data.series.items() if "教师" in s.item.audiences},
        occurrences=[o for o in data.occurrences if o.for_teachers])


def validate(data: EventData, diags: Diagnostics) -> None:
    """Teacher activity types need 教师 among the audiences; training needs hours and a certificate."""
    for s in data.series.values():
        if s.item.kind in TEACHER_TYPES and "教师" not in s.item.audiences:
            diags.error(s.loc("kind"), "event.audience-kind",
                        f"系列“{s.item.title}”的类型是{s.item.kind}，但面向对象（audiences）里没有“教师”",
                        "写 audiences: [教师]，或改用家长活动的类型（沙龙 / 讲座 / 巡讲 / 其他）")
    for e in data.events:
        ev = e.item
        if ev.kind in TEACHER_TYPES and ev.audiences is not None and "教师" not in ev.audiences:
            diags.error(e.loc("kind"), "event.audience-kind",
                        f"活动“{ev.title or ev.id}”的类型是{ev.kind}，但面向对象（audiences）里没有“教师”",
                        "在 audiences 中加上 教师")
        for i, raw in enumerate(ev.brings):
            parts = parse_ref(raw)
            if parts is not None and parts[0] not in BRING_SCHEMES:
                diags.error(e.loc("brings", i), "event.brings-kind",
                            f"brings 只能引用教案或资源，而“{raw}”是 {parts[0]}:",
                            "写 lesson:<教案编号> 或 resource:<资源编号>")
    for occ in data.occurrences:
        if occ.kind == "持证培训" and (occ.hours is None or occ.cert is None):
            diags.error(occ.loc("id"), "event.training-hours",
                        f"持证培训“{occ.title}”要写学时和证书类型", "加上 hours: 6 和 cert: C证（或 B证）")
        if occ.kind == "送教下乡" and not occ.brings:
            diags.warning(occ.loc("id"), "event.brings-missing",
                          f"送教下乡“{occ.title}”没有写带去的课和讲义", "加上 brings: [lesson:<教案编号>]")


def _ref_title(raw: str, site: Site) -> str:
    target = site.registry.get(raw)
    return target.title if target is not None else raw


def details(occ: Occurrence, site: Site) -> list[str]:
    """The 教研信息 section of a teacher event's page: type, 学段, 区域, hours, what it brings."""
    rows = [("类型", esc(occ.kind)), ("面向", esc("、".join(occ.audiences)))]
    if occ.stages:
        rows.append(("学段", esc("、".join(occ.stages))))
    if occ.areas:
        rows.append(("区域", esc("、".join(occ.areas))))
    if occ.hours is not None:
        rows.append(("学时", f"{occ.hours:g} 学时" + (f"（计入{esc(occ.cert)}培训）" if occ.cert else "")))
    out = ["## 教研信息 {#jiaoyan}", "", "| 项目 | 内容 |", "| --- | --- |", *(f"| {k} | {v} |" for k, v in rows), ""]
    if occ.brings:
        out += ["### 带去的课和讲义 {#brings}", ""]
        for raw in occ.brings:
            out.append(f"- [{esc(_ref_title(raw, site))}]({raw})")
            parts = parse_ref(raw)
            if parts is not None and parts[0] == "lesson" and site.registry.get(raw) is not None:

                link = relative_link(f"events/{occ.id}.md", handout_uri(parts[1]))
                out[-1] += f" · [打印讲义]({link})"
        out.append("")
    out += [f"[返回教研与培训]({relative_link(f'events/{occ.id}.md', INDEX)})", ""]
    return out


def _line(occ: Occurrence) -> str:
    s = occ.start
    bits = [f'<time datetime="{s.isoformat()}">{s.year}年{s.month}月{s.day}日 {s:%H:%M}</time>',
            f"[{esc(occ.title)}](event:{occ.id})", f'<span class="xy-badge">{esc(occ.kind)}</span>']
    served = "、".join([*occ.stages, *occ.areas])
    if served:
        bits.append(f"（{esc(served)}）")
    if occ.hours is not None:
        bits.append(f"{occ.hours:g} 学时" + (f" · {esc(occ.cert)}" if occ.cert else ""))
    if occ.status != "scheduled":
        label = "已取消" if occ.status == "cancelled" else "有变动"
        bits.append(f'<span class="xy-badge xy-badge--{occ.status}">{label}</span>')
    if occ.example:
        bits.append('<span class="xy-badge xy-badge--example">示例</span>')
    return f'<li class="xy-event" data-date="{occ.day.isoformat()}" markdown="span">' + " ".join(bits) + "</li>"


def index_page(site: Site, data: EventData) -> str:
    """``training/index.md``: upcoming and past teacher events by type, series, feed and open data."""
    today = site.project.today
    out = ["# 教研与培训", "",
           "面向专兼职心理教师和班主任：分学段、按区域的心理教研活动，“市级研训—校级实践”联动的案例督导、"
           "技能培训和跨校教研，为资源薄弱地区和学校组织的送教下乡，以及“全员持证上岗”的 C 证、B 证培训。", ""]
    if any(o.example for o in data.occurrences):
        out += ['!!! warning "示例内容"', "    本页活动是示例内容，不是真实安排，仅用于演示门户功能。", ""]
    more = " · [教师资源库](../library/index.md)" if site.entries.get("resource") else ""
    out += [f"[下载教研与培训日历文件（.ics）]({relative_link(INDEX, FEED)}){{.md-button .xy-ics}}{more}", ""]
    upcoming = [o for o in data.occurrences if o.day >= today]
    past = sorted((o for o in data.occurrences if o.day < today), key=lambda o: (o.start, o.id), reverse=True)
    out += ["## 即将举行 {#upcoming}", ""]
    for kind in TEACHER_TYPES:
        mine = [o for o in upcoming if o.kind == kind]
        if mine:
            out += [f"### {kind}", "", '<ul class="xy-events" markdown>', *(_line(o) for o in mine), "</ul>", ""]
    if not upcoming:
        out += ["近期暂无活动。", ""]
    out += ["## 往期 {#past}", "", '<ul class="xy-events xy-past" markdown>', *(_line(o) for o in past), "</ul>", ""]
    out += ["## 活动系列 {#series}", ""]
    for s in data.series.values():
        out.append(f"- [{esc(s.item.title)}](series:{s.item.id})（{esc(s.item.audience)}）"
                   f" · [日历]({relative_link(INDEX, feed_uri(s.item.id))})")
    out += ["", "## 开放数据 {#open-data}", "",
            f"教研与培训的安排也在 [JSON]({relative_link(INDEX, 'data/events.json')}) 和 "
            f"[CSV]({relative_link(INDEX, 'data/events.csv')}) 中（audiences 列含“教师”），"
            f"日历文件：[教研与培训]({relative_link(INDEX, FEED)})。", ""]
    return "\n".join(out)


def _own_feed(text: str, uri: str) -> str:
    """A teacher page offers the 教研与培训 feed where a parent page offers the all-events one."""
    parents = f"[全部活动日历文件（.ics）]({relative_link(uri, feed_uri(None))})"
    return text.replace(parents, f"[教研与培训日历文件（.ics）]({relative_link(uri, FEED)})")


def pages(site: Site, full: EventData, feed: object) -> Iterator[Page]:
    """Teacher event and series pages, the section index and ``calendar/teachers.ics``."""
    data = teacher_view(full)
    if not data.occurrences and not data.series:
        return
    for occ in data.occurrences:
        if occ.for_parents:
            continue  # already rendered with the parent section
        uri = f"events/{occ.id}.md"
        text = _own_feed(event_pages.event_page(occ, site, full), uri) + "\n" + "\n".join(details(occ, site))
        yield Page(uri, text, occ.loc("id").path, occ.title, event_pages.event_link_locs(occ, full))
    for s in data.series.values():
        if any(a != "教师" for a in s.item.audiences):
            continue
        uri = f"events/series/{s.item.id}.md"
        yield Page(uri, _own_feed(event_pages.series_page(s.item.id, site, full), uri), s.path, s.item.title)
    index = index_page(site, data)
    yield Page(INDEX, index, None, "教研与培训", entry_locs(index, site.registry))
    base = site.project.settings.site_url
    urls = {o.id: event_pages.absolute(base, f"events/{o.id}/") for o in data.occurrences} if base else {}
    assert callable(feed)
    yield Page(FEED, feed(FEED_NAME, data.occurrences, full, site.project.today, urls), None, FEED_NAME)
