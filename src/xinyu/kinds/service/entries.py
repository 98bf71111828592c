"""The loaded services on a site and what pages read from them: page URLs, status, hours, crisis lines.

Below `kind` (which loads and checks the services): `render`, `data` and the kinds that show the
crisis lines import this module, never the kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from ...mdtext import script_json
from ...project import Project, Site, Slot
from ..base import Located
from .hours import SchoolCalendar, embed
from .model import Service

NAME = "service"


@dataclass
class ServiceEntry(Located[Service]):
    """A validated service with the 校历 loaded beside it (the same for every service of a build)."""

    calendar: Located[SchoolCalendar] | None = None


@dataclass
class HoursCache:
    """Embedded hours of channels, computed once per build (a service's page and the crisis bar share them)."""

    by_channel: dict[tuple[str | int, ...], dict[str, Any]] = field(default_factory=dict)  # (file, *key path)


HOURS = Slot("service.hours", HoursCache)


def page_uri(service_id: str) -> str:
    """The generated page of a service."""
    return f"services/{service_id}.md"


def channel_key(service_id: str, index: int) -> str:
    """The id of a channel in the page's hours data (``12356-0``)."""
    return f"{service_id}-{index}"


def status(e: Located[Service], project: Project) -> str | None:
    """示例 / 待核实 / 待复核, or None for an entry fit to publish."""
    s = e.item
    if s.example:
        return "示例"
    if s.verification is None or not s.verification.confirmed:
        return "待核实"
    if review_due(s, project) < project.today:
        return "待复核"
    return None


def review_due(s: Service, project: Project) -> dt.date:
    """When the entry must be checked again."""
    v = s.verification
    assert v is not None and v.verified_on is not None
    return v.next_review or v.verified_on + dt.timedelta(days=project.settings.review_days)


def entries_of(site: Site) -> list[ServiceEntry]:
    """The loaded services of `site` (what the service kind loaded; none when it did not run)."""
    return cast(list[ServiceEntry], site.entries.get(NAME, []))


def hours_data(e: ServiceEntry, index: int, site: Site) -> dict[str, Any]:
    """The embedded hours of channel `index` of `e` (see `hours.embed`); none while checking (they hold
    no links)."""
    ch = e.item.channels[index]
    if not ch.hours.structured or site.project.checking:
        return {}
    cache, key = site.get(HOURS).by_channel, (e.path, *e.base, "channels", index)
    if key not in cache:
        cache[key] = embed(ch.hours, site.project.today, e.calendar.item if e.calendar else None)
    return cache[key]


# Shown when no crisis line in the directory answers around the clock.
BUILT_IN = ({"name": "报警电话", "display": "110", "tel": "tel:110"},
            {"name": "急救电话", "display": "120", "tel": "tel:120"})


def always_open(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The crisis lines open around the clock that can be dialled (name, display, tel), else 110 and 120:
    where a line whose hours are "as published locally" points its readers. `in_bar`: the line has its
    own call button in the crisis bar already (the bar then names it instead of a second, smaller link)."""
    found = [{k: c[k] for k in ("name", "display", "tel")} | {"in_bar": True}
             for c in lines if c["always"] and c["tel"]]
    return found or [dict(b) | {"in_bar": False} for b in BUILT_IN]


def crisis_lines(site: Site) -> list[dict[str, Any]]:
    """The crisis lines: name, display, tel (None for examples), example, hours, url, key, open, always,
    local, and for a line with local hours `fallback`: the always-open lines to call instead."""
    lines: list[dict[str, Any]] = []
    entries = entries_of(site)
    for e in sorted((e for e in entries if e.item.crisis), key=lambda e: e.item.crisis or 0):
        for i, ch in enumerate(e.item.channels):
            phone = ch.phone
            lines.append(
                {
                    "name": e.item.name,
                    "display": phone.display,
                    "tel": None if e.item.example else phone.tel,
                    "example": e.item.example,
                    "hours": ch.hours.describe(),
                    "url": page_uri(e.item.id),
                    "key": channel_key(e.item.id, i),
                    "open": hours_data(e, i, site),
                    "always": ch.hours.always,
                    "local": ch.hours.local,
                }
            )
    for c in lines:
        if c["local"]:
            c["fallback"] = always_open(lines)
    return lines


def crisis_hours(lines: list[dict[str, Any]]) -> str:
    """The hours data of crisis lines that are not open around the clock, for ``open-now.js``.

    Escaped JSON for the ``xy-hours-data`` block of the crisis bar, or "" when every line is 24-hour
    or has hours only as text: then the bar needs no script. A closed line points to an open one.
    """
    limited = [c for c in lines if c["open"] and not c["open"].get("always")]
    return script_json(hours_payload({}, lines)) if limited else ""


def hours_payload(lines: dict[str, dict[str, Any]], crisis: list[dict[str, Any]]) -> dict[str, Any]:
    """What ``open-now.js`` reads from an ``xy-hours-data`` block: the page's `lines` by key (name,
    display, tel, open) plus the `crisis` lines, which it points to when a line is closed (an open or
    24-hour one first; one whose hours are set locally, flagged `local`, only as a line to try)."""
    out = dict(lines)
    for c in crisis:
        line = out.setdefault(c["key"], {"name": c["name"], "display": c["display"], "tel": c["tel"],
                                         "open": c["open"]})
        if c.get("local"):
            out[c["key"]] = {**line, "local": True}
    return {"lines": out, "fallback": [c["key"] for c in crisis]}
