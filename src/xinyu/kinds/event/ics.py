"""Calendar feeds (RFC 5545) and the committed sequence lock.

What breaks real calendars, and how each is kept:
- UID is derived from the event id, so it is the same in every build.
- DTSTAMP is the build date (``--today`` / SOURCE_DATE_EPOCH), never the wall clock, so two
  builds with the same date are byte-identical.
- SEQUENCE comes from ``content/events/sequence.lock.yml`` (event id → content hash, sequence):
  a build keeps no state, so ``xinyu lock`` raises it when an event changes and ``xinyu check``
  refuses an event whose hash no longer matches its lock entry.
- One VTIMEZONE for Asia/Shanghai, +0800 only, from ``Timezone.from_tzid(first_date=...)``.
- Cancelled events stay in the feed with STATUS:CANCELLED.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Any

from icalendar import Calendar, Event, Timezone, vDuration

from ...project import TZ
from ...text.yamlio import YamlDoc
from .model import STATUS_TEXT

if TYPE_CHECKING:
    from .load import EventData
    from .model import Occurrence

REFRESH = dt.timedelta(hours=12)
ICS_STATUS = {"scheduled": "CONFIRMED", "rescheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}
PREFIX = {"cancelled": "【已取消】", "postponed": "【延期】", "rescheduled": "【改期】"}
LOCK_HEADER = (
    "# 活动日历的修订号锁定文件（由 xinyu lock 生成，请一并提交；不要手工修改）。\n"
    "# 每个活动：内容指纹 hash 和修订号 sequence。活动内容改动后运行 xinyu lock，修订号加 1，\n"
    "# 订阅了日历的手机才会更新这条活动。\n"
)


def content_hash(occ: Occurrence, data: EventData) -> str:
    """A short fingerprint of everything a calendar shows about `occ` (venue address and speakers included)."""
    shown = {
        "title": occ.title, "start": occ.start.isoformat(), "end": occ.end.isoformat(), "status": occ.status,
        "location": _location(occ, data), "description": _description(occ, data, None), "series": occ.series,
    }
    raw = json.dumps(shown, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:16]


def lock_entries(doc: YamlDoc | None) -> dict[str, dict[str, Any]]:
    """The ``events:`` mapping of a loaded lock file (empty when there is none)."""
    if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("events"), dict):
        return {}
    return {str(k): v for k, v in doc.data["events"].items() if isinstance(v, dict)}


def sequence(occ: Occurrence, lock: dict[str, dict[str, Any]]) -> int:
    """The SEQUENCE of `occ` from the lock (0 when unknown)."""
    value = lock.get(occ.id, {}).get("sequence", 0)
    return value if isinstance(value, int) and value >= 0 else 0


def updated_lock(data: EventData, lock: dict[str, dict[str, Any]]) -> tuple[str, list[str]]:
    """The new lock file text, and the ids whose sequence rose or that were added.

    Entries of events that no longer exist are kept, so a re-added event never reuses a sequence.
    """
    new: dict[str, dict[str, Any]] = {k: dict(v) for k, v in lock.items()}
    changed = []
    for occ in data.occurrences:
        digest = content_hash(occ, data)
        old = new.get(occ.id)
        if old is None:
            new[occ.id] = {"hash": digest, "sequence": 0}
            changed.append(occ.id)
        elif old.get("hash") != digest:
            new[occ.id] = {"hash": digest, "sequence": sequence(occ, lock) + 1}
            changed.append(occ.id)
    lines = [LOCK_HEADER.rstrip("\n"), "events:"]
    for key in sorted(new):
        lines.append(f"  {key}: {{hash: \"{new[key].get('hash', '')}\", sequence: {int(new[key].get('sequence', 0))}}}")
    return "\n".join(lines) + "\n", changed


def write_lock(data: EventData) -> list[str]:
    """Rewrite the lock file of `data`; return the ids whose entry changed."""
    assert data.lock_path is not None
    text, changed = updated_lock(data, lock_entries(data.lock))
    if changed or not data.lock_path.is_file():
        data.lock_path.parent.mkdir(parents=True, exist_ok=True)
        data.lock_path.write_text(text, "utf-8")
    return changed


def _stamp(today: dt.date) -> dt.datetime:
    return dt.datetime.combine(today, dt.time(0), TZ).astimezone(dt.UTC)


def calendar(
    name: str,
    occurrences: list[Occurrence],
    data: EventData,
    today: dt.date,
    page_url: dict[str, str],
) -> bytes:
    """One VCALENDAR with `occurrences`; `page_url` maps event ids to their absolute page URL."""
    cal = Calendar()
    cal.add("prodid", "-//xinyu//家长课堂与活动//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    cal.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    first = min((o.start.date() for o in occurrences), default=today)
    cal.add_component(Timezone.from_tzid("Asia/Shanghai", first_date=first.replace(day=1)))
    lock = lock_entries(data.lock)
    stamp = _stamp(today)
    for occ in occurrences:
        ev = Event()
        ev.add("uid", f"{occ.id}@xinyu")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", occ.start)
        ev.add("dtend", occ.end)
        ev.add("sequence", sequence(occ, lock))
        ev.add("status", ICS_STATUS[occ.status])
        ev.add("summary", PREFIX.get(occ.status, "") + occ.title + ("（示例）" if occ.example else ""))
        where = _location(occ, data)
        if where:
            ev.add("location", where)
        ev.add("description", _description(occ, data, page_url.get(occ.id)))
        if occ.id in page_url:
            ev.add("url", page_url[occ.id])
        if occ.series in data.series:
            ev.add("categories", [data.series[occ.series].item.title])
        cal.add_component(ev)
    return cal.to_ical()


def _location(occ: Occurrence, data: EventData) -> str:
    parts = []
    if occ.venue and occ.venue in data.venues:
        v = data.venues[occ.venue].item
        parts.append(f"{v.name}{v.room or ''}（{v.address}）")
    if occ.online:
        parts.append(f"线上：{occ.online}")
    return "；".join(parts)


def _description(occ: Occurrence, data: EventData, url: str | None) -> str:
    lines = []
    if occ.status != "scheduled":

        line = STATUS_TEXT[occ.status]
        if occ.previous_start:
            line += f"（原定 {occ.previous_start:%Y-%m-%d %H:%M}）"
        if occ.note:
            line += f"：{occ.note}"
        lines.append(line)
    names = [data.speakers[s].item.name for s in occ.speakers if s in data.speakers]
    if names:
        lines.append("主讲：" + "、".join(names))
    if occ.summary:
        lines.append(occ.summary.strip())
    if occ.example:
        lines.append("示例内容，不是真实活动。")
    if url:
        lines.append(url)
    return "\n".join(lines)


def feed_uri(series_id: str | None) -> str:
    """Where a feed lives in the site: ``calendar/<series>.ics`` or ``calendar/all.ics``."""
    return f"calendar/{series_id or 'all'}.ics"


def parse_feed(raw: bytes) -> Calendar:
    """Parse a feed (used by tests and the open-data checks)."""
    return Calendar.from_ical(raw)
