"""Schemas of parent events (家长课堂与活动) and the resolved occurrences built from them.

Sources live in ``content/events/``: ``venues.yml``, ``speakers.yml``, ``series.yml`` and any
``events*.yml``. A series either recurs (``recurrence:``, expanded with ``dateutil.rrule``) or is
a list of dated events; an event entry in a recurring series may name the occurrence it
describes by ``date:`` and take its times from the rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from dateutil import rrule
from pydantic import Field, model_validator

from ...diagnostics import Loc
from ...model import Entry, ServedStage, Slug, Strict, Text
from ...project import TZ
from ..safety.model import RiskFlag

Status = Literal["scheduled", "cancelled", "postponed", "rescheduled"]
Audience = Literal["家长", "教师", "学生", "公众"]
# Activity types: the parents' (沙龙 / 讲座 / 巡讲) and the teachers' 教研与培训 ones.
EventType = Literal["沙龙", "讲座", "巡讲", "其他",
                    "教研活动", "案例督导", "技能培训", "跨校教研", "送教下乡", "持证培训"]
TEACHER_TYPES = ("教研活动", "案例督导", "技能培训", "跨校教研", "送教下乡", "持证培训")
Cert = Literal["C证", "B证"]
STATUS_TEXT = {"scheduled": "如期举行", "cancelled": "已取消", "postponed": "延期举行", "rescheduled": "已改期"}
WEEKDAYS = {"一": rrule.MO, "二": rrule.TU, "三": rrule.WE, "四": rrule.TH, "五": rrule.FR, "六": rrule.SA,
            "日": rrule.SU}
NTH = {1: "第一个", 2: "第二个", 3: "第三个", 4: "第四个", 5: "第五个", -1: "最后一个"}
# Event ids that would collide with the section's own pages.
RESERVED = {"index", "calendar", "menu", "weike", "series", "stories"}


class Venue(Strict):
    """A place (one room: overlap checks are per venue id)."""

    id: Slug
    name: Text
    address: Text
    room: str | None = None
    example: bool = False


class Speaker(Strict):
    """A speaker of salons, lectures and tours."""

    id: Slug
    name: Text
    title: str | None = None  # e.g. 心理健康教育高级教师
    org: str | None = None
    example: bool = False


class Recurrence(Strict):
    """A rule such as "每月第三个星期六 09:30–11:00", with added and excluded dates."""

    freq: Literal["monthly", "weekly"] = "monthly"
    weekday: Literal["一", "二", "三", "四", "五", "六", "日"]
    nth: int | None = Field(default=None, ge=-1, le=5)  # monthly: which weekday of the month
    start_time: dt.time
    end_time: dt.time
    first: dt.date
    last: dt.date
    add: list[dt.date] = Field(default_factory=list)  # extra dates (same times)
    exclude: list[dt.date] = Field(default_factory=list)  # dates without a session (假期)

    @model_validator(mode="after")
    def _order(self) -> Recurrence:
        if self.end_time <= self.start_time:
            raise ValueError("结束时间（end_time）必须晚于开始时间（start_time）")
        if self.last < self.first:
            raise ValueError("last 不能早于 first")
        if self.freq == "monthly" and self.nth is None:
            raise ValueError("按月重复时请写 nth（第几个星期几，例如 3 表示第三个，-1 表示最后一个）")
        return self

    def estimate(self) -> int:
        """How many sessions `dates()` would give, counted without expanding the rule (upper bound
        for a monthly rule: one per month), so a typo such as ``last: 2226-06-30`` costs nothing."""
        if self.freq == "weekly":
            first_day = self.first + dt.timedelta(days=(list(WEEKDAYS).index(self.weekday) - self.first.weekday()) % 7)
            rule = 0 if first_day > self.last else (self.last - first_day).days // 7 + 1
        else:
            rule = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
        return rule + len(set(self.add))

    def dates(self) -> list[dt.date]:
        """Every date the rule gives, plus `add`, minus `exclude`, in order."""
        wd = WEEKDAYS[self.weekday]
        day = wd(self.nth) if self.freq == "monthly" and self.nth else wd
        rule = rrule.rrule(
            rrule.MONTHLY if self.freq == "monthly" else rrule.WEEKLY,
            dtstart=dt.datetime.combine(self.first, dt.time(0)),
            until=dt.datetime.combine(self.last, dt.time(0)),
            byweekday=day,
        )
        found = {d.date() for d in rule} | set(self.add)
        return sorted(found - set(self.exclude))

    def describe(self) -> str:
        """The rule in Chinese, e.g. ``每月第三个星期六 09:30–11:00``."""
        if self.freq == "monthly":
            when = f"每月{NTH.get(self.nth or 1, '')}星期{self.weekday}"
        else:
            when = f"每周{self.weekday}"
        return f"{when} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class Series(Entry):
    """A series: the monthly salon, the lecture hall, the school tour."""

    title: Text
    kind: EventType = "其他"
    organiser: Text
    audience: Text  # e.g. 小学、初中学生家长
    audiences: list[Audience] = Field(default_factory=lambda: ["家长"], min_length=1)  # type: ignore[arg-type]  # 面向：家长/教师/学生/公众
    stages: list[ServedStage] = Field(default_factory=list)  # 学段 served (teacher events)
    areas: list[Text] = Field(default_factory=list)  # 区域 served (镇街道, 片区)
    summary: str | None = None
    venue: Slug | None = None  # default venue of its events
    online: str | None = None  # default online link
    speakers: list[Slug] = Field(default_factory=list)
    free: bool = True
    recurrence: Recurrence | None = None
    risk: RiskFlag | None = None  # reviewed: no crisis box needed, or safe-messaging findings accepted


class Registration(Strict):
    """How to sign up."""

    url: str | None = None
    how: str | None = None  # e.g. 扫码或致电报名
    deadline: dt.datetime | dt.date | None = None


class EventIn(Entry):
    """An event as an editor writes it."""

    series: Slug
    title: str | None = None
    date: dt.date | None = None  # the occurrence of a recurring series this entry describes
    start: dt.datetime | None = None
    end: dt.datetime | dt.time | None = None
    status: Status = "scheduled"
    previous_start: dt.datetime | None = None  # for rescheduled / postponed
    note: str | None = None  # why cancelled / postponed
    venue: Slug | None = None
    online: str | None = None
    speakers: list[Slug] | None = None
    topic: str | None = None  # menu:<id>, for tour sessions ordered from the lecture menu
    audience: str | None = None
    audiences: list[Audience] | None = Field(default=None, min_length=1)  # default: the series'
    kind: EventType | None = None  # default: the series' kind
    stages: list[ServedStage] | None = None
    areas: list[Text] | None = None
    hours: float | None = Field(default=None, gt=0, le=200)  # 学时 (C证/B证 training)
    cert: Cert | None = None  # the certificate a training session counts towards
    brings: list[str] = Field(default_factory=list)  # 送教下乡: lesson:<id> / resource:<id> it brings
    capacity: int | None = Field(default=None, ge=1)
    free: bool | None = None
    registration: Registration | None = None
    summary: str | None = None
    materials: list[str] = Field(default_factory=list)  # links or titles, after the event
    recording: str | None = None
    risk: RiskFlag | None = None  # reviewed: no crisis box needed, or safe-messaging findings accepted


@dataclass
class Occurrence:
    """One dated event, resolved: absolute times in Asia/Shanghai, defaults from its series."""

    id: str
    series: str
    title: str
    start: dt.datetime
    end: dt.datetime
    loc: Callable[..., Loc]  # field → source position
    status: str = "scheduled"
    previous_start: dt.datetime | None = None
    note: str | None = None
    venue: str | None = None
    online: str | None = None
    speakers: list[str] = field(default_factory=list)
    topic: str | None = None
    audience: str = ""
    audiences: list[str] = field(default_factory=lambda: ["家长"])
    kind: str = "其他"
    stages: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    hours: float | None = None
    cert: str | None = None
    brings: list[str] = field(default_factory=list)
    capacity: int | None = None
    free: bool = True
    registration: Registration | None = None
    summary: str | None = None
    materials: list[str] = field(default_factory=list)
    recording: str | None = None
    example: bool = False

    @property
    def day(self) -> dt.date:
        """The start date in Asia/Shanghai."""
        return self.start.date()

    @property
    def for_teachers(self) -> bool:
        """Listed in 教研与培训 (its audiences include 教师)."""
        return "教师" in self.audiences

    @property
    def for_parents(self) -> bool:
        """Listed in 家长课堂与活动 (it has an audience besides 教师)."""
        return any(a != "教师" for a in self.audiences)

    @property
    def attendance(self) -> str:
        """offline, online or mixed."""
        if self.venue and self.online:
            return "mixed"
        return "online" if self.online else "offline"


def local(value: dt.datetime) -> dt.datetime:
    """A datetime as Asia/Shanghai time (naive values are taken to be local)."""
    return value.replace(tzinfo=TZ) if value.tzinfo is None else value.astimezone(TZ)


def at(day: dt.date, time: dt.time) -> dt.datetime:
    """`day` at `time` in Asia/Shanghai."""
    return dt.datetime.combine(day, time, TZ)


WEEKDAY_CN = "一二三四五六日"


def moment_text(value: dt.datetime) -> str:
    """``2026年10月17日（星期六）09:30``."""
    return f"{value.year}年{value.month}月{value.day}日（星期{WEEKDAY_CN[value.weekday()]}）{value:%H:%M}"


def when_text(start: dt.datetime, end: dt.datetime) -> str:
    """``2026年10月17日（星期六）09:30–11:00``."""
    text = f"{start.year}年{start.month}月{start.day}日（星期{WEEKDAY_CN[start.weekday()]}）{start:%H:%M}–"
    if end.date() != start.date():
        text += f"{end.month}月{end.day}日 "
    return text + f"{end:%H:%M}"
