"""Markdown pages of the events section: index (即将举行 / 往期), month calendar, event and series pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import segno

from ...diagnostics import Loc
from ...mdtext import attr, entry_locs, esc, script_json
from ...project import Page, Site
from ...refs import relative_link
from ..resource.render import downloads
from .calendar import month_page, when_html
from .ics import feed_uri
from .load import EventData
from .model import STATUS_TEXT, Occurrence, moment_text, when_text

SUBSCRIBE_HELP = (
    "**订阅到手机日历**：点击“订阅”，手机会用“日历”打开并提示订阅；"
    "也可以复制下面的日历地址，在 iPhone 的“设置 → 日历 → 账户 → 添加账户 → 其他 → 添加已订阅的日历”"
    "或安卓手机日历的“订阅日历”中粘贴。订阅后，活动改期或取消会自动同步到手机（约每 12 小时更新一次）。"
    "“下载日历文件”只导入当前的安排，以后的改动不会同步。"
)
IMPORT_HELP = (
    "**添加到手机日历**：点击下面的链接下载日历文件（.ics），用手机或电脑的“日历”打开并导入即可。"
    "导入的是当前的安排，活动改期或取消不会自动同步，请以后再来本页查看或重新下载。"
)
LD_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed",
             "rescheduled": "EventRescheduled"}
LD_MODE = {"offline": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
           "mixed": "MixedEventAttendanceMode"}
EXAMPLE_NOTE = ['!!! warning "示例内容"', "    本页活动是示例内容，不是真实安排，仅用于演示门户功能。", ""]


def absolute(base: str, path: str) -> str:
    """`path` under the site URL `base`."""
    return base.rstrip("/") + "/" + path.lstrip("/")


def pages(site: Site, data: EventData) -> Iterator[Page]:
    """Every Markdown page of the events section."""
    for occ in data.occurrences:
        # the edit link opens the file the event is written in (series.yml for a rule's session)
        yield Page(f"events/{occ.id}.md", event_page(occ, site, data), occ.loc("id").path, occ.title,
                   event_link_locs(occ, data))
    for s in data.series.values():
        yield Page(f"events/series/{s.item.id}.md", series_page(s.item.id, site, data), s.path, s.item.title)
    index = index_page(site, data)
    yield Page("events/index.md", index, None, "家长课堂与活动", entry_locs(index, site.registry))
    month = month_page(site, data)
    yield Page("events/calendar.md", month, None, "活动月历", entry_locs(month, site.registry))


def field_loc(occ: Occurrence, data: EventData, *key: str | int) -> Loc:
    """Where an event's field is written: its own entry, else its series (which gave the default)."""
    own = occ.loc(*key)
    series = data.series.get(occ.series)
    return series.loc(*key) if own == occ.loc() and series is not None else own


def event_link_locs(occ: Occurrence, data: EventData) -> dict[str, Loc]:
    """Where the links an event's page takes from its data are written (online, registration, topic, brings)."""
    locs = {occ.online: field_loc(occ, data, "online")} if occ.online else {}
    if occ.registration and occ.registration.url:
        locs.setdefault(occ.registration.url, occ.loc("registration", "url"))
    if occ.topic:
        locs.setdefault(occ.topic, occ.loc("topic"))
    for i, raw in enumerate(occ.brings):
        locs.setdefault(raw, occ.loc("brings", i))
    return locs


def _item(occ: Occurrence, data: EventData, *, with_series: bool = True) -> str:
    """One row of an events list: the date column, then the title with its marks (portal.css aligns them)."""
    s = occ.start
    when = when_html(s)
    bits = [f"[{esc(occ.title)}](event:{occ.id})"]
    if occ.status != "scheduled":
        bits.append(f'<span class="xy-badge xy-badge--{occ.status}">{STATUS_TEXT[occ.status]}</span>')
    if occ.example:
        bits.append('<span class="xy-badge xy-badge--example">示例</span>')
    if with_series and occ.series in data.series:
        bits.append(f'<span class="xy-event__series">{esc(data.series[occ.series].item.title)}</span>')
    return (f'<li class="xy-event" data-id="{attr(occ.id)}" data-date="{occ.day.isoformat()}" '
            f'data-start="{s.isoformat()}" markdown="span">{when} <span class="xy-event__what">'
            + " ".join(bits) + "</span></li>")


def event_lists(occs: list[Occurrence], today: dt.date, data: EventData, *, with_series: bool = True) -> list[str]:
    """The 即将举行 and 往期 lists as of `today`, with ISO dates the browser script re-sorts."""
    upcoming = [o for o in occs if o.day >= today]
    past = sorted((o for o in occs if o.day < today), key=lambda o: (o.start, o.id), reverse=True)
    out = [f'<p class="xy-asof" data-today="{today.isoformat()}">按 {today.year}年{today.month}月{today.day}日'
           "排列；打开本页时会按你设备上的日期自动更新。</p>", "",
           "## 即将举行 {#upcoming}", "", '<ul class="xy-events xy-upcoming" id="xy-upcoming" markdown>']
    out += [_item(o, data, with_series=with_series) for o in upcoming]
    empty = "" if upcoming else "近期暂无活动。"
    out += ["</ul>", "", f'<p class="xy-empty" data-for="xy-upcoming">{empty}</p>',
            "", "## 往期 {#past}", "", '<ul class="xy-events xy-past" id="xy-past" markdown>']
    out += [_item(o, data, with_series=with_series) for o in past]
    out += ["</ul>", ""]
    return out


def webcal_url(site: Site, uri: str) -> str | None:
    """The ``webcal://`` address of the site file `uri`, or None when the build cannot offer one.

    It needs an absolute http(s) ``site_url``; the offline bundle (``.html`` URLs, opened from
    ``file://``) offers only the download, since a subscription needs the network.
    """
    base = site.project.settings.site_url
    if site.project.settings.directory_urls is False or not base.startswith(("https://", "http://")):
        return None
    return "webcal://" + absolute(base, uri).split("://", 1)[1]


def quoted(title: str) -> str:
    """`title` in Chinese quotes, unless it has its own (no “““…”…”)."""
    return title if "“" in title or "”" in title else f"“{title}”"


def _subscribe(from_uri: str, series_id: str | None, title: str, site: Site) -> list[str]:
    link = relative_link(from_uri, feed_uri(series_id))
    webcal = webcal_url(site, feed_uri(series_id))
    buttons = f'[下载{esc(quoted(title))}日历文件（.ics）]({link}){{.md-button .xy-ics}}'
    if webcal:
        buttons = (f'<a class="md-button md-button--primary xy-webcal" href="{attr(webcal)}">'
                   f"订阅{attr(quoted(title))}日历</a> " + buttons)
    if series_id:
        buttons += f" [全部活动日历文件（.ics）]({relative_link(from_uri, feed_uri(None))}){{.md-button}}"
    out = ["## 订阅到手机日历 {#subscribe}", "", SUBSCRIBE_HELP if webcal else IMPORT_HELP, "", buttons]
    base = site.project.settings.site_url
    if base:
        lead = "日历地址（可复制）" if webcal else "联网时可在网站上订阅，日历地址"
        out += ["", f"{lead}：`{absolute(base, feed_uri(series_id))}`"]
    return [*out, ""]


def _place(occ: Occurrence, data: EventData) -> str:
    parts = []
    if occ.venue and occ.venue in data.venues:
        v = data.venues[occ.venue].item
        parts.append(f"{esc(v.name)}{esc(v.room or '')}（{esc(v.address)}）")
    if occ.online:
        parts.append(f"线上：{link_html(occ.online)}")
    return "；".join(parts) or "待定"


def link_html(url: str) -> str:
    """An http(s) address as a link (raw HTML: no Markdown escapes inside a URL); anything else as text."""
    if url.startswith(("https://", "http://")):
        return f'<a href="{attr(url)}">{attr(url)}</a>'
    return esc(url)


def _status_box(occ: Occurrence) -> list[str]:
    # a raw HTML block: its text is HTML-escaped, not Markdown-escaped (Markdown is not applied inside)
    if occ.status == "scheduled":
        return []
    text = f"<strong>{STATUS_TEXT[occ.status]}</strong>"
    if occ.previous_start is not None:
        text += f" 原定 {attr(moment_text(occ.previous_start))}，改为 {attr(when_text(occ.start, occ.end))}"
    else:
        text += f" 原定 {attr(when_text(occ.start, occ.end))}"
        if occ.status == "postponed":
            text += "，新日期另行通知"
    if occ.note:
        text += f"。{attr(occ.note)}"
    return [f'<div class="xy-event-status xy-event-status--{occ.status}" role="status">{text}</div>', ""]


def event_page(occ: Occurrence, site: Site, data: EventData) -> str:
    """One event: status, facts, calendar link, poster QR code and JSON-LD."""
    uri = f"events/{occ.id}.md"
    series = data.series.get(occ.series)
    out = [f"# {esc(occ.title)}", "", *_status_box(occ)]
    over = occ.end.date() < site.project.today
    out += [f'<p class="xy-event-over" data-after="{occ.end.date().isoformat()}"{"" if over else " hidden"}>'
            "本活动已经结束。资料和回放（如有）见下文。</p>", ""]
    if occ.example:
        out += EXAMPLE_NOTE
    when = when_text(occ.start, occ.end)
    rows = [("时间", f'<time datetime="{occ.start.isoformat()}">{esc(when)}</time>'), ("地点", _place(occ, data))]
    names = [data.speakers[s].item for s in occ.speakers if s in data.speakers]
    if names:
        rows.append(("主讲", "、".join(esc(p.name + (f" · {p.title}" if p.title else "")) for p in names)))
    if series:
        rows.append(("系列", f"[{esc(series.item.title)}](series:{series.item.id})"))
        rows.append(("主办", esc(series.item.organiser)))
    if occ.topic:
        rows.append(("讲座菜单", f"[查看本讲题]({occ.topic})"))
    rows.append(("对象", esc(occ.audience)))
    if occ.capacity:
        rows.append(("名额", f"{occ.capacity} 人"))
    rows.append(("费用", "免费" if occ.free else "收费，详见报名说明"))
    reg = occ.registration
    if reg:
        parts = [esc(reg.how)] if reg.how else []
        if reg.url:
            parts.append(link_html(reg.url))
        if reg.deadline:
            d = reg.deadline
            parts.append(f"截止 {d:%Y-%m-%d %H:%M}" if isinstance(d, dt.datetime) else f"截止 {d.isoformat()}")
        rows.append(("报名", "；".join(parts)))
    out += ['<div class="xy-facts" markdown>', "", "| 项目 | 内容 |", "| --- | --- |",
            *(f"| {k} | {v} |" for k, v in rows), "", "</div>", ""]
    if occ.summary:
        out += [esc(occ.summary), ""]
    if occ.materials or occ.recording:
        out += ["## 资料与回放 {#materials}", ""]
        out += [f"- {esc(m)}" for m in occ.materials]
        if occ.recording:
            out.append(f"- 回放：{esc(occ.recording)}")
        out.append("")
    out += downloads(site, f"event:{occ.id}", uri, "资料下载 {#downloads}")  # resource library
    out += _subscribe(uri, occ.series, series.item.title if series else occ.title, site)
    base = site.project.settings.site_url
    if base:
        url = absolute(base, f"events/{occ.id}/")
        # `xinyu check` renders pages only for their links: a QR code has none and is costly.
        svg = "" if site.project.checking else segno.make(url, error="m").svg_inline(
            scale=4, title=f"{occ.title} 二维码")
        out += ["## 海报二维码 {#qr}", "", f'<figure class="xy-qr">{svg}<figcaption>扫码查看本活动：'
                f"{attr(url)}</figcaption></figure>", ""]
    out += [json_ld(occ, data, absolute(base, f"events/{occ.id}/") if base else None), ""]
    return "\n".join(out)


def json_ld(occ: Occurrence, data: EventData, url: str | None) -> str:
    """A schema.org ``Event`` as a script block (escaped by `mdtext.script_json`)."""
    places: list[dict[str, Any]] = []
    if occ.venue and occ.venue in data.venues:
        v = data.venues[occ.venue].item
        places.append({"@type": "Place", "name": v.name + (v.room or ""),
                       "address": {"@type": "PostalAddress", "streetAddress": v.address, "addressCountry": "CN"}})
    if occ.online:
        places.append({"@type": "VirtualLocation", "url": occ.online})
    series = data.series.get(occ.series)
    ld: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Event", "name": occ.title,
        "startDate": occ.start.isoformat(), "endDate": occ.end.isoformat(),
        "eventStatus": "https://schema.org/" + LD_STATUS[occ.status],
        "eventAttendanceMode": "https://schema.org/" + LD_MODE[occ.attendance],
        "location": places[0] if len(places) == 1 else places,
        "organizer": {"@type": "Organization", "name": series.item.organiser if series else ""},
        "isAccessibleForFree": occ.free,
    }
    if occ.previous_start is not None:
        ld["previousStartDate"] = occ.previous_start.isoformat()
    if occ.summary:
        ld["description"] = occ.summary
    names = [data.speakers[s].item.name for s in occ.speakers if s in data.speakers]
    if names:
        ld["performer"] = [{"@type": "Person", "name": n} for n in names]
    if url:
        ld["url"] = url
    return f'<script type="application/ld+json">{script_json(ld, compact=False)}</script>'


def series_page(series_id: str, site: Site, data: EventData) -> str:
    """A series: what, who for, when it recurs, its events and its feed."""
    s = data.series[series_id].item
    uri = f"events/series/{series_id}.md"
    out = [f"# {esc(s.title)}", ""]
    if s.example:
        out += EXAMPLE_NOTE
    if s.summary:
        out += [esc(s.summary), ""]
    out += [f"- 主办：{esc(s.organiser)}", f"- 对象：{esc(s.audience)}"]
    if s.recurrence:
        out.append(f"- 时间：{esc(s.recurrence.describe())}")
    if s.venue and s.venue in data.venues:
        v = data.venues[s.venue].item
        out.append(f"- 地点：{esc(v.name)}{esc(v.room or '')}（{esc(v.address)}）")
    out += ["", *event_lists([o for o in data.occurrences if o.series == series_id], site.project.today, data,
                             with_series=False)]
    out += _subscribe(uri, series_id, s.title, site)
    return "\n".join(out)


def index_page(site: Site, data: EventData) -> str:
    """The section's landing page: upcoming and past events, series, feeds, other parent resources."""
    uri = "events/index.md"
    out = ["# 家长课堂与活动", "",
           "家长沙龙、家庭教育大讲堂、讲师团进校巡讲的时间和地点，以及给家长的微课和家长故事。", ""]
    if any(o.example for o in data.occurrences):
        out += EXAMPLE_NOTE
    more = ["[活动月历](calendar.md)"]
    if site.entries.get("menu"):
        more.append("[点单式讲座菜单](menu.md)")
    if site.entries.get("release"):
        more.append("[《送给家长们的24堂暖心微课》](weike.md)")
    if site.entries.get("story"):
        more.append("[溪上家长说](../stories/index.md)")
    out += [" · ".join(more), ""]
    out += event_lists(data.occurrences, site.project.today, data)
    out += ["## 活动系列 {#series}", ""]
    for s in data.series.values():
        when = f"，{esc(s.item.recurrence.describe())}" if s.item.recurrence else ""
        link = relative_link(uri, feed_uri(s.item.id))
        out.append(f"- [{esc(s.item.title)}](series:{s.item.id})（{esc(s.item.audience)}{when}）· [日历]({link})")
    out += ["", *_subscribe(uri, None, "家长课堂与活动（全部）", site)]
    out += open_data(uri, data, site)
    return "\n".join(out)


def open_data(uri: str, data: EventData, site: Site) -> list[str]:
    """The 开放数据 lines of the index: JSON, CSV and every feed (wording as on the directory page)."""
    feeds = [f"[全部活动]({relative_link(uri, feed_uri(None))})"]
    feeds += [f"[{esc(s.item.title)}]({relative_link(uri, feed_uri(s.item.id))})" for s in data.series.values()]
    out = ["## 开放数据 {#open-data}", "",
           f"活动安排可下载为 [JSON]({relative_link(uri, 'data/events.json')})（字段参照 schema.org Event）"
           f"和 [CSV]({relative_link(uri, 'data/events.csv')})，日历文件（.ics）：{' · '.join(feeds)}。"]
    for r in site.entries.get("release") or []:
        out[-1] += f"微课发布计划：[JSON]({relative_link(uri, f'data/{r.series.id}.json')})。"
    return [*out, ""]
