"""Open data of the events section: ``data/events.json`` and ``data/events.csv``.

One row per occurrence, the same set the ``calendar/all.ics`` feed carries (cancelled events
included). Field names follow schema.org ``Event`` where one fits (``name``, ``startDate``,
``endDate``, ``previousStartDate``, ``eventStatus``, ``eventAttendanceMode``, ``location``,
``organizer``, ``performer``, ``audience``, ``maximumAttendeeCapacity``, ``isAccessibleForFree``,
``superEvent``, ``url``); the rest are ours (``status``, ``uid``, ``sequence``, ``ics``,
``registration``, ``example``). Releases (24堂微课, ``data/weike.json``) are written by `kinds.release`.

Only what the pages already show is exported: speakers by name and job title (no organisation
or contact data), venues by name, room and address. No source paths, no lock hashes. Times are
ISO 8601 with ``+08:00``. The bytes depend only on the content, the build date and the site URL:
keys sorted, rows in calendar order, no wall clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...opendata import csv_text, json_text
from ...project import Page, Site
from ...text.anchors import page_url
from .ics import feed_uri, lock_entries, sequence
from .model import Occurrence, local
from .pages import LD_MODE, LD_STATUS
from .urls import event_uri, series_uri

if TYPE_CHECKING:
    from .load import EventData

EVENTS_JSON = "data/events.json"
EVENTS_CSV = "data/events.csv"
# one CSV column per row field: (column, path into the JSON row); `_csv_row` derives the two with no path
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("uid", "uid"), ("identifier", "identifier"), ("series", "superEvent.identifier"),
    ("series_name", "superEvent.name"), ("name", "name"), ("status", "status"), ("start", "startDate"),
    ("end", "endDate"), ("previous_start", "previousStartDate"), ("status_note", "statusNote"),
    ("location_name", "location.name"), ("location_room", "location.room"), ("location_address", "location.address"),
    ("online_url", "onlineUrl"), ("attendance_mode", ""), ("audience", "audience"), ("organizer", "organizer"),
    ("performers", ""), ("capacity", "maximumAttendeeCapacity"), ("free", "isAccessibleForFree"),
    ("registration_how", "registration.how"), ("registration_url", "registration.url"),
    ("registration_deadline", "registration.deadline"), ("sequence", "sequence"), ("example", "example"),
    ("url", "url"), ("ics", "ics"), ("audiences", ""), ("activity_type", "activityType"), ("stages", ""),
    ("areas", ""), ("hours", "trainingHours"), ("cert", "certificate"),
)
CSV_FIELDS = tuple(column for column, _ in CSV_COLUMNS)


def page_path(src_uri: str, site: Site) -> str:
    """The URL of a generated page relative to the site root (``events/x/``, or ``events/x.html`` offline)."""
    return page_url(src_uri, site.project.settings.directory_urls is not False)


def _moment(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    return local(value).isoformat() if isinstance(value, dt.datetime) else value.isoformat()


def event_row(occ: Occurrence, data: EventData, site: Site, lock: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One occurrence as a JSON object (schema.org ``Event`` names where natural)."""
    series = data.series.get(occ.series)
    location = None
    if occ.venue and occ.venue in data.venues:
        v = data.venues[occ.venue].item
        location = {"name": v.name, "room": v.room, "address": v.address}
    reg = occ.registration
    return {
        "uid": f"{occ.id}@xinyu",
        "identifier": occ.id,
        "name": occ.title,
        "superEvent": {"identifier": occ.series, "name": series.item.title if series else None},
        "status": occ.status,
        "eventStatus": "https://schema.org/" + LD_STATUS[occ.status],
        "statusNote": occ.note,
        "startDate": occ.start.isoformat(),
        "endDate": occ.end.isoformat(),
        "previousStartDate": _moment(occ.previous_start),
        "location": location,
        "onlineUrl": occ.online,
        "eventAttendanceMode": "https://schema.org/" + LD_MODE[occ.attendance],
        "audience": occ.audience,
        "organizer": series.item.organiser if series else None,
        "performer": [{"name": p.name, "jobTitle": p.title}
                      for p in (data.speakers[s].item for s in occ.speakers if s in data.speakers)],
        "maximumAttendeeCapacity": occ.capacity,
        "isAccessibleForFree": occ.free,
        "registration": None if reg is None else {"how": reg.how, "url": reg.url, "deadline": _moment(reg.deadline)},
        "description": occ.summary,
        "sequence": sequence(occ, lock),
        "example": occ.example,
        "url": page_path(event_uri(occ.id), site),
        "ics": feed_uri(occ.series if series else None),
        "audiences": list(occ.audiences),
        "activityType": occ.kind,
        "stages": list(occ.stages),
        "areas": list(occ.areas),
        "trainingHours": occ.hours,
        "certificate": occ.cert,
    }


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _csv_row(row: dict[str, Any]) -> list[str]:
    derived = {"attendance_mode": row["eventAttendanceMode"].rsplit("/", 1)[-1],
               "performers": "、".join(p["name"] for p in row["performer"]),
               "audiences": "、".join(row["audiences"]), "stages": "、".join(row["stages"]),
               "areas": "、".join(row["areas"])}
    values = []
    for column, path in CSV_COLUMNS:
        if not path:
            values.append(derived[column])
            continue
        value: Any = row
        for key in path.split("."):
            value = (value or {}).get(key)
        values.append(value)
    return [_csv_text(v) for v in values]


def _series(data: EventData, site: Site) -> list[dict[str, Any]]:

    out = []
    for s in data.series.values():
        item = s.item
        out.append({"identifier": item.id, "name": item.title, "organizer": item.organiser, "audience": item.audience,
                    "audiences": list(item.audiences), "activityType": item.kind, "description": item.summary,
                    "schedule": item.recurrence.describe() if item.recurrence else None,
                    "example": item.example, "url": page_path(series_uri(item.id), site), "ics": feed_uri(item.id)})
    return out


def events_files(site: Site, data: EventData) -> Iterator[Page]:
    """``data/events.json`` and ``data/events.csv`` (empty while checking: only their links matter then)."""
    if site.project.checking:
        yield Page(EVENTS_JSON, "", None, "活动开放数据")
        yield Page(EVENTS_CSV, "", None, "活动开放数据")
        return
    lock = lock_entries(data.lock)
    rows = [event_row(o, data, site, lock) for o in data.occurrences]
    doc = {"specification": "schema.org Event (field names aligned)", "generated": site.project.today.isoformat(),
           "timezone": "Asia/Shanghai", "base_url": site.project.settings.site_url or None,
           "calendar": feed_uri(None), "count": len(rows), "series": _series(data, site), "events": rows}
    yield Page(EVENTS_JSON, json_text(doc), None, "活动开放数据")
    yield Page(EVENTS_CSV, csv_text(CSV_FIELDS, (_csv_row(r) for r in rows)), None, "活动开放数据")
