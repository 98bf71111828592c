"""Hotlines and services (热线与服务): the directory, the three-level network, hours and "open now".

Sources: ``content/services/*.yml`` (each a mapping with a ``services:`` list) and the 校历
``content/school-calendar.yml``. Schema in `service_model`, pages in `service_render`, open data
and JSON-LD in `service_data`, hours in `xinyu.hours`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...diagnostics import Diagnostic, Diagnostics, Level, Loc
from ...mdtext import script_json
from ...model import validate
from ...project import EntryView, Page, Project, Site, Slot
from ...refs import Reference, Target
from ...yamlio import load_yaml
from ..base import Kind, Located, Ref
from .hours import SchoolCalendar, embed
from .model import LEVELS, File, Service

CALENDAR = "school-calendar.yml"


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


class ServiceKind(Kind[ServiceEntry]):
    """Hotlines and services."""

    name = "service"

    def sources(self, project: Project) -> list[Path]:
        """``content/services/*.yml`` and the 校历."""
        folder = project.docs_dir / "services"
        found = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])
        cal = project.docs_dir / CALENDAR
        return found + ([cal] if cal.is_file() else [])

    def load(self, project: Project, diags: Diagnostics) -> list[ServiceEntry]:
        """Read every services file (each service validated on its own) and the 校历."""
        out: list[ServiceEntry] = []
        calendar: Located[SchoolCalendar] | None = None
        for path in self.sources(project):
            doc = load_yaml(path, project.rel(path), diags)
            if doc is None:
                continue
            if path.name == CALENDAR and path.parent == project.docs_dir:
                cal = validate(SchoolCalendar, doc.data, doc, diags)
                calendar = Located(cal, doc) if cal is not None else None
                continue
            if validate(File, doc.data, doc, diags) is None:
                continue
            for i, raw in enumerate(doc.data["services"]):
                service = validate(Service, raw, doc, diags, ("services", i), today=project.today)
                if service is not None:
                    out.append(ServiceEntry(service, doc, ("services", i)))
        for e in out:
            e.calendar = calendar
        return out

    def views(self, entries: list[ServiceEntry]) -> Iterable[EntryView]:
        """Each service with its review state."""
        return (e.view("service") for e in entries)

    def targets(self, entries: list[ServiceEntry], project: Project) -> Iterable[Target]:
        """``service:<id>`` → its page."""
        for e in entries:
            yield Target(f"service:{e.item.id}", page_uri(e.item.id), e.item.name, None, e.loc("id"),
                         e.item.summary)

    def references(self, entries: list[ServiceEntry]) -> Iterable[Ref]:
        """Each service's parent in the network."""
        for e in entries:
            if e.item.parent:
                yield Ref(Reference(f"service:{e.item.parent}", e.loc("parent")), "service")

    def validate(self, site: Site) -> None:
        """The network goes one level up; school lines need the 校历; one crisis line answers around the clock."""
        entries = entries_of(site)
        by_id = {e.item.id: e.item for e in entries}
        for e in entries:
            s = e.item
            parent = by_id.get(s.parent or "")
            if parent is not None and s.level in LEVELS[2:] and parent.level != LEVELS[LEVELS.index(s.level) - 1]:
                site.diags.error(
                    e.loc("parent"), "service.parent-level",
                    f"“{s.name}”是{s.level}级，它的上一级“{parent.name}”却是{parent.level}级",
                    "parent 应指向上一级（市 → 镇街道 → 村社区）的服务",
                )
            for i, ch in enumerate(s.channels):
                if ch.hours.calendar and e.calendar is None:
                    site.diags.error(
                        e.loc("channels", i, "hours", "calendar"), "service.no-calendar",
                        "这条线路按校历开放，但找不到校历文件",
                        f"在 content/{CALENDAR} 写明学期、寒假和暑假",
                    )

        crisis = [e for e in entries if e.item.crisis]
        if not crisis:
            no_crisis_line(site, entries)
        if crisis and not any(ch.hours.always for e in crisis for ch in e.item.channels):
            site.diags.warning(
                crisis[0].loc("crisis"), "safety.crisis-not-24h",
                "页面顶部的紧急求助热线中没有一条全天 24 小时开放：夜间和节假日读者找不到能接通的线路",
                "至少保留一条 hours: {always: true} 的危机热线（例如 12356），并用 crisis: 排在前面",
            )

    def unsafe(self, entries: list[ServiceEntry], project: Project) -> Iterable[Diagnostic]:
        """Example numbers, unverified entries, entries past their review date, a sample 校历."""
        for e in entries:
            s, state = e.item, status(e, project)
            if state == "示例":
                yield Diagnostic(
                    e.loc("id"), Level.ERROR, "safety.example",
                    f"“{s.name}”（service:{s.id}）是示例条目（example: true），其号码不得公开发布",
                    "填入核实过的真实号码，删除 example: true，并填写 verification",
                )
            elif state == "待核实" and s.verification is not None:
                yield Diagnostic(
                    e.doc.key_loc((*e.base, "verification")), Level.ERROR, "safety.unverified",
                    f"“{s.name}”（service:{s.id}）只写了来源（{s.verification.source}），还没有本地编辑核实，不得公开发布",
                    "拨打确认本地的号码和服务时间后，在 verification 中填写 verified_on（核实日期）"
                    "和 verified_by（核实人）",
                )
            elif state == "待核实":
                yield Diagnostic(
                    e.loc("id"), Level.ERROR, "safety.unverified",
                    f"“{s.name}”（service:{s.id}）没有核实信息（verification），不得公开发布",
                    "填写 verified_on、verified_by、method、source",
                )
            elif state == "待复核":
                yield Diagnostic(
                    e.loc("verification"), Level.ERROR, "safety.review-overdue",
                    f"“{s.name}”（service:{s.id}）的核实已过期（应在 {review_due(s, project).isoformat()} 前复核）",
                    "重新拨打核实后更新 verified_on",
                )
        calendar = entries[0].calendar if entries else None
        if calendar is not None and calendar.item.example:
            yield Diagnostic(
                calendar.loc(), Level.ERROR, "safety.example",
                "校历是示例数据（example: true），不得据此公开发布开放时间",
                "按教育局公布的校历填写学期和寒暑假，删除 example: true，并在 source 写明出处",
            )

    def extra(self, site: Site) -> dict[str, Any]:
        """The crisis lines shown on every page, in order, with their hours data for "open now"."""
        lines = crisis_lines(site)
        return {"crisis_lines": lines, "crisis_hours": crisis_hours(lines)}

    def render(self, site: Site) -> Iterable[Page]:
        """The directory, a page per service, the network page and the open data."""
        from .data import data_files
        from .render import render_pages

        yield from render_pages(site)
        yield from data_files(site)


def entries_of(site: Site) -> list[ServiceEntry]:
    """The loaded services of `site`."""
    return KIND.of(site)


def no_crisis_line(site: Site, entries: list[ServiceEntry]) -> None:
    """A site without any crisis line is an error in every build: the bar would show only 110 / 120."""
    national = [e for e in entries if Path(e.path).name == "national.yml"] or list(entries)
    where = national[0].loc("id") if national else Loc(site.project.rel(site.project.docs_dir / "services"), 1, 1)
    site.diags.error(
        where, "safety.no-crisis-line",
        "热线目录中没有任何一条危机求助热线（没有条目写 crisis:）：每页顶部、页尾和打印页将只剩 110 和 120，"
        "读者找不到心理援助热线",
        "在至少一条心理援助热线的条目里加一行 crisis: 1（数字是它在求助栏中的位置），"
        "例如 content/services/national.yml 中 id: \"12356\" 的条目；110、120 依次写 crisis: 2、crisis: 3",
    )


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


KIND = ServiceKind()
