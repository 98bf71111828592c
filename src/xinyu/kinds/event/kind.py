"""Parent events and series (家长沙龙, 家庭教育大讲堂, 讲师团巡讲): pages, calendar feeds, checks.

Sources: ``content/events/{venues,speakers,series}.yml``, ``content/events/events*.yml`` and the
committed ``content/events/sequence.lock.yml`` (see `xinyu.ics`). The kind's single entry is an
`EventData` bundle (`data_of`), which the lecture menu kind reads for its speakers; the kind's
entries are the bundle's venues, speakers, series, events and occurrences.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ...diagnostics import Diagnostic, Diagnostics, Level, Loc
from ...project import Page, Project, Site, Slot
from ...refs import Reference, Target
from ..base import Kind, Located, Ref
from . import data as event_data
from . import load as event_load
from . import pages as event_pages
from . import teachers as event_teachers
from .ics import calendar, content_hash, feed_uri, lock_entries
from .load import EventData
from .model import EventIn, Occurrence, Series, Speaker, Venue, local
from .urls import event_uri, series_uri

# An entry of the events section, in the bundle's order: venues, speakers, series, events, occurrences.
EventEntry = Located[Venue] | Located[Speaker] | Located[Series] | Located[EventIn] | Occurrence
EVENTS = Slot("event", EventData)


def data_of(site: Site) -> EventData:
    """The events bundle of a site (empty when the section has no data)."""
    return site.get(EVENTS)


def bundle(project: Project, diags: Diagnostics) -> EventData | None:
    """The events section loaded on its own (None when there is none): what `xinyu new` needs for the lock."""
    return event_load.load(project, diags) if event_load.folder(project).is_dir() else None


def entries(data: EventData) -> list[EventEntry]:
    """The kind's entries, in the bundle's order."""
    return [*data.venues.values(), *data.speakers.values(), *data.series.values(), *data.events, *data.occurrences]


def _unknown(diags: Diagnostics, loc: Loc, what: str, value: str, known: Iterable[str], code: str, file: str) -> None:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.5)
    hint = f"你是不是想写“{close[0]}”？" if close else f"请先在 content/events/{file} 中登记"
    diags.error(loc, code, f"{what}“{value}”不存在", hint)


class EventKind(Kind[EventEntry]):
    """Events and series with calendar feeds."""

    name = "event"

    def sources(self, project: Project) -> list[Path]:
        """The section's YAML files."""
        return event_load.sources(project)

    def open(self, site: Site) -> list[EventEntry]:
        """The entries of `load`, with their bundle kept on the site for `data_of`."""
        data = bundle(site.project, site.diags)
        if data is None:
            return []
        site.put(EVENTS, data)
        return entries(data)

    def load(self, project: Project, diags: Diagnostics) -> list[EventEntry]:
        """Every venue, speaker, series, event and resolved occurrence."""
        data = bundle(project, diags)
        return entries(data) if data is not None else []

    def targets(self, entries: list[EventEntry], project: Project) -> Iterable[Target]:
        """``series:<id>`` and ``event:<id>``."""
        for e in entries:
            if isinstance(e, Occurrence):
                yield Target(f"event:{e.id}", event_uri(e.id), e.title, None, e.loc("id"))
            elif isinstance(e.item, Series):
                yield Target(f"series:{e.item.id}", series_uri(e.item.id), e.item.title, None, e.loc("id"))

    def references(self, entries: list[EventEntry]) -> Iterable[Ref]:
        """Lecture-menu topics of tour sessions (``topic: menu:<id>``)."""
        for e in entries:
            if isinstance(e, Occurrence) or not isinstance(e.item, EventIn):
                continue
            if e.item.topic:
                yield Ref(Reference(e.item.topic, e.loc("topic")), "menu")
            for i, raw in enumerate(e.item.brings):  # lesson: or resource: (checked in validate)
                yield Ref(Reference(raw, e.loc("brings", i)))

    def validate(self, site: Site) -> None:
        """Unknown series, venues and speakers; overlaps; deadlines; the sequence lock."""
        data = data_of(site)
        diags = site.diags
        for s in data.series.values():
            if s.item.venue and s.item.venue not in data.venues:
                _unknown(diags, s.loc("venue"), "地点", s.item.venue, data.venues, "event.unknown-venue", "venues.yml")
            for i, sp in enumerate(s.item.speakers):
                if sp not in data.speakers:
                    _unknown(diags, s.loc("speakers", i), "主讲人", sp, data.speakers, "event.unknown-speaker",
                             "speakers.yml")
        for e in data.events:
            ev = e.item
            if ev.series not in data.series:
                _unknown(diags, e.loc("series"), "系列", ev.series, data.series, "event.unknown-series", "series.yml")
            if ev.venue and ev.venue not in data.venues:
                _unknown(diags, e.loc("venue"), "地点", ev.venue, data.venues, "event.unknown-venue", "venues.yml")
            for i, sp in enumerate(ev.speakers or []):
                if sp not in data.speakers:
                    _unknown(diags, e.loc("speakers", i), "主讲人", sp, data.speakers, "event.unknown-speaker",
                             "speakers.yml")
        for occ in data.occurrences:
            if not occ.venue and not occ.online:
                diags.error(occ.loc("id"), "event.no-place", f"活动“{occ.title}”既没有地点也没有线上链接",
                            "写 venue:（地点编号）或 online:（线上链接）")
            _check_deadline(occ, diags)
        _check_overlaps(data, diags)
        _check_lock(data, diags, publishing=not site.project.preview)
        event_teachers.validate(data, diags)

    def unsafe(self, entries: list[EventEntry], project: Project) -> Iterable[Diagnostic]:
        """Example venues, speakers, series and events must not be published."""
        series = {e.item.id: e.item for e in entries if not isinstance(e, Occurrence) and isinstance(e.item, Series)}
        for e in entries:
            if isinstance(e, Occurrence) or not e.item.example:
                continue
            item = e.item
            if isinstance(item, (Venue, Speaker)):
                what = "地点" if isinstance(item, Venue) else "主讲人"
                yield Diagnostic(e.loc("id"), Level.ERROR, "safety.example",
                                 f"{what}“{item.name}”是示例内容（example: true），不得公开发布",
                                 "换成真实信息后删除 example: true")
            elif isinstance(item, Series):
                yield Diagnostic(e.loc("id"), Level.ERROR, "safety.example",
                                 f"系列“{item.title}”是示例内容（example: true），不得公开发布",
                                 "换成真实的活动安排后删除 example: true")
            elif not (item.series in series and series[item.series].example):
                yield Diagnostic(e.loc("id"), Level.ERROR, "safety.example",
                                 f"活动“{item.title or item.id}”是示例内容（example: true），不得公开发布",
                                 "换成真实的活动后删除 example: true")

    def render(self, site: Site) -> Iterable[Page]:
        """Event, series, index and month pages; one feed per series and one for all; the open data."""
        full = data_of(site)
        if not full.series:
            return
        data = event_teachers.parent_view(full)  # 家长课堂与活动; teachers' events: event_teachers
        yield from event_pages.pages(site, data)
        yield from event_data.events_files(site, full)
        base = site.project.settings.site_url
        urls = {o.id: event_pages.absolute(base, f"events/{o.id}/") for o in data.occurrences} if base else {}
        today = site.project.today
        # `xinyu check` needs the feed files to exist (pages link to them), not their contents.
        feed = (lambda *_: b"") if site.project.checking else calendar
        yield Page(feed_uri(None), feed("家长课堂与活动（全部）", data.occurrences, data, today, urls),
                   None, "全部活动日历")
        yield from event_teachers.pages(site, full, feed)
        data = full
        for s in data.series.values():
            own = [o for o in data.occurrences if o.series == s.item.id]
            yield Page(feed_uri(s.item.id), feed(s.item.title, own, data, today, urls), s.path, s.item.title)

    def extra(self, site: Site) -> dict[str, Any]:
        """Nothing for the theme: the pages carry their own data attributes."""
        return {}


def _check_deadline(occ: Occurrence, diags: Diagnostics) -> None:
    reg = occ.registration
    if reg is None or reg.deadline is None:
        return
    deadline = reg.deadline
    late = (local(deadline) > occ.start) if isinstance(deadline, dt.datetime) else deadline > occ.start.date()
    if late:
        diags.error(occ.loc("registration", "deadline"), "event.deadline-after-start",
                    f"活动“{occ.title}”的报名截止时间晚于活动开始时间（{occ.start:%Y-%m-%d %H:%M}）",
                    "把 registration.deadline 改到活动开始之前")


def _check_overlaps(data: EventData, diags: Diagnostics) -> None:
    by_venue: dict[str, list[Occurrence]] = {}
    for occ in data.occurrences:
        if occ.venue and occ.status not in ("cancelled", "postponed"):
            by_venue.setdefault(occ.venue, []).append(occ)
    for venue, items in by_venue.items():
        items.sort(key=lambda o: o.start)
        for i, later in enumerate(items):
            for earlier in items[:i]:
                if earlier.end > later.start:
                    name = data.venues[venue].item.name if venue in data.venues else venue
                    diags.error(later.loc("id"), "event.overlap",
                                f"活动“{later.title}”与“{earlier.title}”（{earlier.loc('id')}）"
                                f"在同一地点“{name}”时间重叠",
                                "调整时间，或改用另一个地点")


def _check_lock(data: EventData, diags: Diagnostics, *, publishing: bool) -> None:
    """Every occurrence is in the lock; a stale entry is a note until publishing (feeds are published then)."""
    lock = lock_entries(data.lock)
    hint = "运行 xinyu lock 更新 content/events/sequence.lock.yml（修订号加 1），并一并提交"
    for occ in data.occurrences:
        entry = lock.get(occ.id)
        if entry is None:
            diags.error(occ.loc("id"), "event.lock-missing", f"活动“{occ.title}”还没有登记到日历修订号锁定文件", hint)
        elif entry.get("hash") != content_hash(occ, data):
            level = Level.ERROR if publishing else Level.INFO
            diags.add(Diagnostic(occ.loc("id"), level, "event.lock-stale",
                                 f"活动“{occ.title}”已修改，但锁定文件中的修订号没有更新（订阅日历的手机不会收到改动）",
                                 hint))


KIND = EventKind()
