"""Reading ``content/events/``: venues, speakers, series and events, resolved into occurrences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from pydantic import Field

from ...diagnostics import Diagnostics, Loc
from ...model import Strict, validate, what_it_is
from ...project import Project
from ...text.yamlio import YamlDoc, load_yaml
from ..base import Located
from .model import RESERVED, EventIn, Occurrence, Series, Speaker, Venue, at, local

LOCK_NAME = "sequence.lock.yml"


@dataclass
class EventData:
    """Everything the events section knows after loading (the event kind's single entry)."""

    venues: dict[str, Located[Venue]] = field(default_factory=dict)
    speakers: dict[str, Located[Speaker]] = field(default_factory=dict)
    series: dict[str, Located[Series]] = field(default_factory=dict)
    events: list[Located[EventIn]] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    lock: YamlDoc | None = None
    lock_path: Path | None = None
    unbounded: set[str] = field(default_factory=set)  # series whose rule is out of bounds: not expanded


def folder(project: Project) -> Path:
    """``content/events``."""
    return project.docs_dir / "events"


def event_files(project: Project) -> list[Path]:
    """The ``events*.yml`` files."""
    return sorted([*folder(project).glob("events*.yml"), *folder(project).glob("events*.yaml")])


def sources(project: Project) -> list[Path]:
    """Every file of the events section the event kind reads."""
    base = folder(project)
    fixed = [base / n for n in ("venues.yml", "speakers.yml", "series.yml", LOCK_NAME)]
    return [p for p in fixed if p.is_file()] + event_files(project)


class _ListFile(Strict):
    venues: list[dict[str, Any]] | None = None
    speakers: list[dict[str, Any]] | None = None
    series: list[dict[str, Any]] | None = None
    events: list[dict[str, Any]] | None = Field(default=None)


_HOMES = {
    "venues": "content/events/venues.yml",
    "speakers": "content/events/speakers.yml",
    "series": "content/events/series.yml",
    "events": "content/events/ 下以 events 开头的 .yml 文件（例如 events-2026-2027.yml）",
}


def _entries(path: Path, key: str, model: type[Any], project: Project, diags: Diagnostics) -> list[Located[Any]]:
    if not path.is_file():
        return []
    doc = load_yaml(path, project.rel(path), diags)
    if doc is None or doc.data is None:
        return []
    if not isinstance(doc.data, dict):
        diags.error(doc.loc(()), "schema.model-type",
                    f"{path.name} 的内容应为“键: 值”形式，最外层是 {key}:；{what_it_is(doc.data)}",
                    f"第一行写 {key}:，下一行起每一项以“  - ”开头（例如“  - id: …”）")
        return []
    if validate(_ListFile, doc.data, doc, diags) is None:
        return []
    for other, home in _HOMES.items():  # a list in the wrong file would be dropped without a word
        if other != key and other in doc.data:
            diags.error(doc.key_loc((other,)), "event.wrong-file",
                        f"{path.name} 只读取 {key}:，这里的 {other}: 不会生效",
                        f"把 {other}: 下的条目移到 {home}")
    if not doc.data.get(key):
        return []
    out = []
    for i, raw in enumerate(doc.data[key]):
        item = validate(model, raw, doc, diags, (key, i), today=project.today)
        if item is not None:
            out.append(Located(item, doc, (key, i)))
    return out


def _unique(items: list[Located[Any]], what: str, diags: Diagnostics) -> dict[str, Located[Any]]:
    out: dict[str, Located[Any]] = {}
    for e in items:
        if e.item.id in out:
            first = out[e.item.id].loc("id")
            diags.error(e.loc("id"), "event.duplicate-id", f"{what}编号“{e.item.id}”重复（已在 {first} 定义）",
                        "每个编号只能用一次")
            continue
        out[e.item.id] = e
    return out


def load(project: Project, diags: Diagnostics) -> EventData:
    """Load and resolve the events section; problems go to `diags` at their line."""
    base = folder(project)
    data = EventData()
    data.venues = _unique(_entries(base / "venues.yml", "venues", Venue, project, diags), "地点", diags)
    data.speakers = _unique(_entries(base / "speakers.yml", "speakers", Speaker, project, diags), "主讲人", diags)
    data.series = _unique(_entries(base / "series.yml", "series", Series, project, diags), "系列", diags)
    for path in event_files(project):
        data.events += _entries(path, "events", EventIn, project, diags)
    lock = base / LOCK_NAME
    data.lock_path = lock
    if lock.is_file():
        data.lock = load_yaml(lock, project.rel(lock), diags)
    data.unbounded = {sid for sid, s in data.series.items() if not within_bounds(s, project, diags)}
    data.occurrences = resolve(data, diags)
    return data


def within_bounds(s: Located[Series], project: Project, diags: Diagnostics) -> bool:
    """False (with an error at ``last:``) when a recurrence spans more years or gives more sessions
    than the settings allow: checked before the rule is expanded."""
    rec = s.item.recurrence
    if rec is None:
        return True
    max_years, max_sessions = project.settings.series_max_years, project.settings.series_max_sessions
    count = rec.estimate()
    days = (rec.last - rec.first).days
    limit = f"上限是 {max_years} 年、{max_sessions} 次"
    hint = (f"检查 last 的年份是否写错（例如 2226 应为 2026）；按学年安排的系列写到学年末"
            f"（例如 last: {rec.first.year + 1}-06-30），更长的安排分成几个系列")
    if rec.last > rec.first + relativedelta(years=max_years):
        diags.error(s.loc("recurrence", "last"), "event.series-too-long",
                    f"系列“{s.item.title}”从 {rec.first.isoformat()} 重复到 {rec.last.isoformat()}，"
                    f"跨 {days / 365.25:.1f} 年、约 {count} 次活动，超出合理范围（{limit}），没有展开",
                    hint)
        return False
    if count > max_sessions:
        field = "add" if len(set(rec.add)) > max_sessions else "last"
        diags.error(s.loc("recurrence", field), "event.series-too-many",
                    f"系列“{s.item.title}”的重复规则会生成约 {count} 次活动，超出合理范围（{limit}），没有展开",
                    hint)
        return False
    return True


def _fields(e: Located[Any]) -> Callable[..., Loc]:
    return lambda *key: e.loc(*key)


def resolve(data: EventData, diags: Diagnostics) -> list[Occurrence]:
    """Expand recurring series and apply event entries: one `Occurrence` per dated event."""
    planned: dict[tuple[str, dt.date], Located[Series]] = {}
    for s in data.series.values():
        rec = s.item.recurrence
        if rec is not None and s.item.id not in data.unbounded:
            for day in rec.dates():
                planned[(s.item.id, day)] = s
    described: set[tuple[str, dt.date]] = set()
    out: list[Occurrence] = []
    seen: dict[str, Loc] = {}
    for e in data.events:
        ev = e.item
        series = data.series.get(ev.series)
        if series is None or ev.series in data.unbounded:
            continue  # reported by validate() with a suggestion, or the series' rule is out of bounds
        occ = _from_entry(e, series, diags)
        if occ is None:
            continue
        if ev.date is not None:
            if (ev.series, ev.date) not in planned:
                diags.error(e.loc("date"), "event.not-in-schedule",
                            f"{ev.date.isoformat()} 不在系列“{series.item.title}”的日程中",
                            "date 只用于说明按规则重复的某一次活动；单独增加的活动请写 start 和 end，"
                            "或在系列的 recurrence.add 中加上这个日期")
                continue
            described.add((ev.series, ev.date))
        if ev.id in seen or ev.id in RESERVED:
            where = f"（已在 {seen[ev.id]} 使用）" if ev.id in seen else "（这是栏目页面的保留名）"
            diags.error(e.loc("id"), "event.duplicate-id", f"活动编号“{ev.id}”不能使用{where}", "换一个编号")
            continue
        seen[ev.id] = e.loc("id")
        out.append(occ)
    for (sid, day), s in sorted(planned.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if (sid, day) in described:
            continue
        rec = s.item.recurrence
        assert rec is not None
        occ_id = f"{sid}-{day:%Y%m%d}"
        if occ_id in seen:
            continue
        out.append(Occurrence(
            id=occ_id, series=sid, title=f"{s.item.title}（{day.month}月）",
            start=at(day, rec.start_time), end=at(day, rec.end_time),
            loc=lambda *key, s=s: s.loc("recurrence"),
            venue=s.item.venue, online=s.item.online, speakers=list(s.item.speakers),
            audience=s.item.audience, free=s.item.free, summary=s.item.summary, example=s.item.example,
            audiences=list(s.item.audiences), kind=s.item.kind, stages=list(s.item.stages), areas=list(s.item.areas),
        ))
    out.sort(key=lambda o: (o.start, o.id))
    return out


def _from_entry(e: Located[EventIn], s: Located[Series], diags: Diagnostics) -> Occurrence | None:
    ev, rec = e.item, s.item.recurrence
    start = local(ev.start) if ev.start else None
    previous = local(ev.previous_start) if ev.previous_start else None
    if ev.date is not None and rec is not None:
        planned_start = at(ev.date, rec.start_time)
        if start is None:
            start = planned_start
        elif previous is None and ev.status in ("rescheduled", "postponed"):
            previous = planned_start
    if start is None:
        diags.error(e.loc(), "event.no-start", f"活动“{ev.title or ev.id}”没有开始时间",
                    "写 start: 2026-10-17 09:30（或对按规则重复的系列写 date:）")
        return None
    end: dt.datetime | None
    if isinstance(ev.end, dt.datetime):
        end = local(ev.end)
    elif isinstance(ev.end, dt.time):
        end = dt.datetime.combine(start.date(), ev.end, start.tzinfo)
    elif rec is not None and ev.date is not None:
        end = start + (at(ev.date, rec.end_time) - at(ev.date, rec.start_time))
    else:
        end = None
    if end is None:
        diags.error(e.loc(), "event.no-end", f"活动“{ev.title or ev.id}”没有结束时间",
                    "写 end: 11:00 或 end: 2026-10-17 11:00")
        return None
    if end <= start:
        diags.error(e.loc("end"), "event.end-before-start",
                    f"活动“{ev.title or ev.id}”的结束时间 {end:%Y-%m-%d %H:%M} 不晚于开始时间 {start:%Y-%m-%d %H:%M}",
                    "检查 start 和 end 的日期与钟点")
        return None
    if ev.status == "rescheduled" and previous is None:
        diags.error(e.loc("status"), "event.rescheduled-without-previous", "改期的活动要写原定时间",
                    "加上 previous_start: 原定的开始时间")
        return None
    return Occurrence(
        id=ev.id, series=ev.series, title=ev.title or f"{s.item.title}（{start.month}月）",
        start=start, end=end, loc=_fields(e), status=ev.status, previous_start=previous, note=ev.note,
        venue=ev.venue if "venue" in ev.model_fields_set else s.item.venue, online=ev.online or s.item.online,
        speakers=list(ev.speakers if ev.speakers is not None else s.item.speakers), topic=ev.topic,
        audience=ev.audience or s.item.audience, capacity=ev.capacity,
        free=s.item.free if ev.free is None else ev.free, registration=ev.registration, summary=ev.summary,
        materials=list(ev.materials), recording=ev.recording, example=ev.example or s.item.example,
        audiences=list(ev.audiences or s.item.audiences), kind=ev.kind or s.item.kind,
        stages=list(ev.stages if ev.stages is not None else s.item.stages),
        areas=list(ev.areas if ev.areas is not None else s.item.areas), hours=ev.hours, cert=ev.cert,
        brings=list(ev.brings),
    )
