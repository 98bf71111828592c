"""Open data of the directory (HSDS 3.0-aligned JSON, CSV) and JSON-LD for each service page.

Only public fields are exported: no verifier names, no source notes, no example numbers' links.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...mdtext import script_json
from ...opendata import csv_text, json_text
from ...project import Page, Site
from .entries import entries_of, page_uri, status
from .hours import DAY_NAMES, Hours, parse_days
from .model import Channel, Service

if TYPE_CHECKING:
    from ..base import Located

# uuid5 namespace of the portal's ids: uuid5(NAMESPACE_URL, "xinyu")
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "xinyu")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def json_script(data: Any, kind: str, cls: str = "") -> str:
    """Data in a script tag, escaped so no value can close the tag or start markup."""
    css = f' class="{cls}"' if cls else ""
    return f'<script type="{kind}"{css}>{script_json(data)}</script>'


def uid(*parts: str | int) -> str:
    """A stable uuid5 of our slugs, e.g. uid("service", "12356")."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def page_url(service_id: str, site: Site) -> str | None:
    """The absolute URL of a service page (None when the site has no site_url)."""
    base = site.project.settings.site_url
    if not base:
        return None
    return base.rstrip("/") + "/" + page_uri(service_id)[: -len(".md")] + "/"


def _schedules(s: Service, i: int, ch: Channel) -> list[dict[str, Any]]:
    h: Hours = ch.hours
    sid = uid("service", s.id)
    if h.always:
        return [{"id": uid("schedule", s.id, i, 0), "service_id": sid, "freq": "WEEKLY",
                 "byday": ",".join(RRULE_DAYS), "opens_at": "00:00", "closes_at": "24:00",
                 "timezone": 8, "description": "24小时"}]
    out = []
    for j, rule in enumerate(h.weekly):
        out.append({"id": uid("schedule", s.id, i, j), "service_id": sid, "freq": "WEEKLY", "wkst": "MO",
                    "byday": ",".join(RRULE_DAYS[d] for d in rule.weekdays), "opens_at": rule.opens,
                    "closes_at": rule.closes, "timezone": 8,
                    "description": h.describe(), "notes": h.rules_text() or None})
    if not out:
        out.append({"id": uid("schedule", s.id, i, 0), "service_id": sid, "description": h.describe(), "timezone": 8})
    return [{k: v for k, v in x.items() if v is not None} for x in out]


def _area(s: Service) -> str:
    return s.area or ("全国" if s.level == "全国" else "慈溪市")


def hsds(e: Located[Service], site: Site) -> dict[str, Any]:
    """One service as an HSDS 3.0 service object (compiled-service.json shape)."""
    s = e.item
    sid = uid("service", s.id)
    state = status(e, site.project)
    out: dict[str, Any] = {
        "id": sid,
        "name": s.name,
        "alternate_name": s.id,
        "description": s.summary or s.name,
        "status": "active",
        "url": page_url(s.id, site) or s.url,
        "phones": [{"id": uid("phone", s.id, i), "service_id": sid, "number": ch.phone.display,
                    "type": "voice",
                    "description": ch.label or ch.type} for i, ch in enumerate(s.channels)],
        "schedules": [x for i, ch in enumerate(s.channels) for x in _schedules(s, i, ch)],
        "service_areas": [{"id": uid("area", s.id), "service_id": sid, "name": _area(s),
                           "description": f"{s.level}级服务" if s.level != "全国" else "全国性服务"}],
    }
    if s.ages and s.ages.min is not None:
        out["minimum_age"] = s.ages.min
    if s.ages and s.ages.max is not None:
        out["maximum_age"] = s.ages.max
    if s.audience:
        out["eligibility_description"] = "、".join(s.audience)
    if s.clinic:
        out["application_process"] = s.clinic.booking
        out["fees_description"] = s.clinic.insurance
    if s.verification and s.verification.verified_on and not s.example:
        out["assured_date"] = s.verification.verified_on.isoformat()
    if state:
        out["alert"] = f"{state}：号码为虚构示例或尚未核实，不得使用" if state == "示例" else f"{state}：尚未核实"
    if s.operator:
        out["organization"] = {"id": uid("organization", s.operator), "name": s.operator,
                               "description": s.operator}
    return {k: v for k, v in out.items() if v is not None}


CSV_FIELDS = ("service_id", "slug", "name", "organization", "level", "parent", "type", "area",
              "phone", "tel", "hours", "hours_rules", "status", "assured_date", "url")


def data_files(site: Site) -> Iterator[Page]:
    """``data/services.json`` and ``data/services.csv``."""
    entries = entries_of(site)
    services = [hsds(e, site) for e in entries]
    doc = {"specification": "Open Referral HSDS 3.0 (service)", "generated": site.project.today.isoformat(),
           "count": len(services), "services": services}
    yield Page("data/services.json", json_text(doc), None)
    rows = []
    for e in entries:
        s = e.item
        for ch in s.channels:
            rows.append([uid("service", s.id), s.id, s.name, s.operator or "", s.level, s.parent or "", s.type,
                         s.area or "", ch.phone.display, "" if s.example else ch.phone.tel, ch.hours.describe(),
                         ch.hours.rules_text(), status(e, site.project) or "已核实",
                         s.verification.verified_on.isoformat()
                         if s.verification and s.verification.verified_on and not s.example else "",
                         page_url(s.id, site) or ""])
    yield Page("data/services.csv", csv_text(CSV_FIELDS, rows), None)


def _hours_spec(h: Hours) -> list[dict[str, Any]]:
    if h.always:
        return [{"@type": "OpeningHoursSpecification", "dayOfWeek": list(SCHEMA_DAYS),
                 "opens": "00:00", "closes": "23:59"}]
    return [{"@type": "OpeningHoursSpecification", "dayOfWeek": [SCHEMA_DAYS[d] for d in r.weekdays],
             "opens": r.opens, "closes": r.closes} for r in h.weekly]


def _telephone(ch: Channel) -> str:
    return ch.phone.tel[len("tel:"):]


def jsonld(e: Located[Service], site: Site) -> str:
    """``GovernmentService`` (``MedicalClinic`` for a clinic) as a JSON-LD script tag."""
    s = e.item
    url = page_url(s.id, site)
    points = []
    for ch in s.channels:
        point: dict[str, Any] = {"@type": "ContactPoint", "contactType": ch.label or ch.type,
                                 "hoursAvailable": _hours_spec(ch.hours)}
        if not s.example:
            point["telephone"] = _telephone(ch)
        points.append(point)
    data: dict[str, Any] = {"@context": "https://schema.org", "name": s.name}
    if s.clinic:
        c = s.clinic
        data.update({"@type": "MedicalClinic", "address": c.address, "medicalSpecialty": "Psychiatric",
                     "openingHoursSpecification": [
                         {"@type": "OpeningHoursSpecification", "dayOfWeek": SCHEMA_DAYS[parse_days(x.day)[0]],
                          "opens": x.opens, "closes": x.closes} for x in c.sessions],
                     "contactPoint": points, "isAcceptingNewPatients": True,
                     "description": f"{c.hospital}专家每周坐诊 {len(c.sessions)} 次（周"
                                    + "、".join(DAY_NAMES[parse_days(x.day)[0]] for x in c.sessions) + "）"})
    else:
        data.update({"@type": "GovernmentService", "serviceType": s.type,
                     "availableChannel": [{"@type": "ServiceChannel", "name": ch.label or ch.type,
                                           "servicePhone": p} for ch, p in zip(s.channels, points, strict=True)]})
        if s.operator:
            data["provider"] = {"@type": "GovernmentOrganization", "name": s.operator}
        data["areaServed"] = {"@type": "AdministrativeArea", "name": _area(s)}
    if s.summary:
        data["description"] = data.get("description") or s.summary
    if url:
        data["url"] = url
    return json_script(data, "application/ld+json")
