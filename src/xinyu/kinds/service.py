"""Hotlines and services (热线与服务): the minimal kind the crisis line needs.

Source: ``content/services/*.yml``, each a mapping with a ``services:`` list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..diagnostics import Diagnostic, Diagnostics, Level
from ..mdtext import esc
from ..model import Entry, Slug, Strict, Text, validate
from ..phones import Phone, PhoneError, parse_phone
from ..refs import Target
from ..yamlio import load_yaml
from .base import Kind, Located, Ref

if TYPE_CHECKING:
    from ..core import Page, Project, Site

ServiceType = Literal["心理援助", "家庭教育指导", "青少年服务", "医院门诊", "应急"]


class Hours(Strict):
    """When a channel answers."""

    always: bool = False  # 24 小时
    text: str | None = None  # as the service states it, e.g. 工作日 8:30–17:00

    @model_validator(mode="after")
    def _stated(self) -> Hours:
        if not self.always and not self.text:
            raise ValueError("请写明服务时间：24 小时的写 always: true，否则写 text")
        return self


class Channel(Strict):
    """One way to reach a service: a number with its own hours."""

    type: Literal["电话", "热线", "手机"] = "电话"
    area: str | None = None  # set for a landline outside the city's area code
    number: Text
    label: str | None = None
    hours: Hours

    @field_validator("number")
    @classmethod
    def _valid_number(cls, value: str, info: ValidationInfo) -> str:
        try:
            parse_phone(value, area_code=None if info.data.get("area") else "0574")
        except PhoneError as exc:
            raise ValueError(str(exc)) from None
        return value

    @property
    def phone(self) -> Phone:
        """The checked number."""
        return parse_phone(self.number, area_code=None if self.area else "0574")


class Verification(Strict):
    """Who checked the number, when, how, and where it comes from."""

    verified_on: dt.date
    verified_by: Text
    method: Text  # e.g. 拨打核实 / 官方网站 / 来函
    source: Text
    next_review: dt.date | None = None


class Service(Entry):
    """A hotline or service."""

    name: Text
    operator: str | None = None
    type: ServiceType
    summary: str | None = None
    crisis: int | None = Field(default=None, ge=1)  # position in the crisis line on every page
    channels: list[Channel] = Field(min_length=1)
    verification: Verification | None = None


class File(Strict):
    """A services file."""

    services: list[dict[str, Any]] = Field(min_length=1)


def page_uri(service_id: str) -> str:
    """The generated page of a service."""
    return f"services/{service_id}.md"


class ServiceKind(Kind):
    """Hotlines and services."""

    name = "service"

    def sources(self, project: Project) -> list[Path]:
        """``content/services/*.yml``."""
        folder = project.docs_dir / "services"
        return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])

    def load(self, project: Project, diags: Diagnostics) -> list[Located[Service]]:
        """Read every services file; each service is validated on its own."""
        out: list[Located[Service]] = []
        for path in self.sources(project):
            doc = load_yaml(path, project.rel(path), diags)
            if doc is None or validate(File, doc.data, doc, diags) is None:
                continue
            for i, raw in enumerate(doc.data["services"]):
                service = validate(Service, raw, doc, diags, ("services", i))
                if service is None:
                    continue
                out.append(Located(service, doc, ("services", i)))
        return out

    def targets(self, entries: list[Located[Service]], project: Project) -> Iterable[Target]:
        """``service:<id>`` → its page."""
        for e in entries:
            yield Target(f"service:{e.item.id}", page_uri(e.item.id), e.item.name, None, e.loc("id"))

    def references(self, entries: list[Located[Service]]) -> Iterable[Ref]:
        """The minimal kind makes no references."""
        return ()

    def unsafe(self, entries: list[Located[Service]], project: Project) -> Iterable[Diagnostic]:
        """Example numbers, unverified entries and entries past their review date."""
        for e in entries:
            s = e.item
            if s.example:
                yield Diagnostic(
                    e.loc("id"), Level.ERROR, "safety.example",
                    f"“{s.name}”是示例条目（example: true），其号码不得公开发布",
                    "填入核实过的真实号码，删除 example: true，并填写 verification",
                )
                continue
            v = s.verification
            if v is None:
                yield Diagnostic(
                    e.loc("id"), Level.ERROR, "safety.unverified",
                    f"“{s.name}”没有核实信息（verification），不得公开发布",
                    "填写 verified_on、verified_by、method、source",
                )
                continue
            due = v.next_review or v.verified_on + dt.timedelta(days=project.settings.review_days)
            if due < project.today:
                yield Diagnostic(
                    e.loc("verification"), Level.ERROR, "safety.review-overdue",
                    f"“{s.name}”的核实已过期（应在 {due.isoformat()} 前复核）",
                    "重新拨打核实后更新 verified_on",
                )

    def extra(self, site: Site) -> dict[str, Any]:
        """The crisis lines shown on every page, in order."""
        lines = []
        entries: list[Located[Service]] = site.entries.get(self.name, [])
        for e in sorted((e for e in entries if e.item.crisis), key=lambda e: e.item.crisis or 0):
            for ch in e.item.channels:
                phone = ch.phone
                lines.append(
                    {
                        "name": e.item.name,
                        "display": phone.display,
                        "tel": None if e.item.example else phone.tel,
                        "example": e.item.example,
                        "hours": "24小时" if ch.hours.always else (ch.hours.text or ""),
                        "url": page_uri(e.item.id),
                    }
                )
        return {"crisis_lines": lines}

    def render(self, site: Site) -> Iterable[Page]:
        """One page per service and the directory index."""
        from ..core import Page

        entries: list[Located[Service]] = site.entries.get(self.name, [])
        rows = []
        for e in entries:
            yield Page(page_uri(e.item.id), _service_page(e, site), e.path, e.item.name)
            rows.append(f"- [{esc(e.item.name)}](service:{e.item.id})")
        yield Page("services/index.md", "# 热线与服务\n\n" + "\n".join(rows) + "\n", None, "热线与服务")


def number_html(phone: Phone, example: bool) -> str:
    """A number as shown on pages: a `tel:` link, or a marked sample without one."""
    if example:
        return f'<span class="xy-example-number">{esc(phone.display)}（示例号码）</span>'
    return f'<a class="xy-tel" href="{phone.tel}">{esc(phone.display)}</a>'


def _service_page(e: Located[Service], site: Site) -> str:
    s = e.item
    out = [f"# {esc(s.name)}", ""]
    if s.example:
        out += ['!!! warning "示例条目"', "    这是示例数据，号码不是真实号码，发布前必须替换并核实。", ""]
    if s.summary:
        out += [esc(s.summary), ""]
    out += ["| 方式 | 号码 | 时间 |", "| --- | --- | --- |"]
    for ch in s.channels:
        shown = number_html(ch.phone, s.example)
        hours = "24小时" if ch.hours.always else esc(ch.hours.text or "")
        out.append(f"| {esc(ch.label or ch.type)} | {shown} | {hours} |")
    out.append("")
    v = s.verification
    if v:
        out += [f"核实：{v.verified_on.isoformat()}，{esc(v.verified_by)}（{esc(v.method)}）。来源：{esc(v.source)}", ""]
    email = site.project.settings.maintainer_email
    if email:
        from urllib.parse import quote

        subject = quote(f"[报告信息有误] service:{s.id} {s.name}")
        out += [f'<a class="xy-report" href="mailto:{email}?subject={subject}">报告信息有误</a>', ""]
    return "\n".join(out)


KIND = ServiceKind()
