"""Hotlines and services (热线与服务): the directory, the three-level network, hours and "open now".

Sources: ``content/services/*.yml`` (each a mapping with a ``services:`` list) and the 校历
``content/school-calendar.yml``. Schema in `service_model`, pages in `service_render`, open data
and JSON-LD in `service_data`, hours in `xinyu.hours`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ...diagnostics import Diagnostic, Diagnostics, Level, Loc
from ...model import validate
from ...project import EntryView, Page, Project, Site
from ...refs import Reference, Target
from ...text.yamlio import load_yaml
from ..base import Kind, Located, Ref
from .data import data_files
from .entries import (
    NAME,
    ServiceEntry,
    crisis_hours,
    crisis_lines,
    entries_of,
    page_uri,
    review_due,
    status,
)
from .hours import SchoolCalendar
from .model import LEVELS, File, Service
from .render import render_pages

CALENDAR = "school-calendar.yml"


class ServiceKind(Kind[ServiceEntry]):
    """Hotlines and services."""

    name = NAME

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
        yield from render_pages(site)
        yield from data_files(site)


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


KIND = ServiceKind()
