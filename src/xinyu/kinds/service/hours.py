"""Opening hours: weekly rules, dated exceptions, 法定节假日 / 调休 and the 校历.

Everything here is a pure function of the data and the build date. The page embeds what it
computes (per-date deviations from the weekly rule, for the years the holiday library knows), so
"open now" is decided in the reader's browser in Asia/Shanghai time without any date hard-coded.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ...model import Strict, Text
from .schoolcal import SchoolCalendar, SchoolYear, Term

__all__ = ["SchoolCalendar", "SchoolYear", "Term"]  # the 校历 models, long imported from here

DAY_NAMES = "一二三四五六日"
_DAY_INDEX = {**{c: i for i, c in enumerate(DAY_NAMES)}, "天": 6}
_DAY_SETS = {"工作日": [0, 1, 2, 3, 4], "周末": [5, 6], "每天": [0, 1, 2, 3, 4, 5, 6]}
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$|^24:00$")

Interval = tuple[int, int]  # minutes after midnight, [opens, closes)


def parse_days(value: str) -> list[int]:
    """``一至五`` / ``一、三、五`` / ``工作日`` / ``每天`` → weekday numbers (Monday = 0)."""
    text = value.strip().replace("周", "").replace("星期", "")
    if value.strip() in _DAY_SETS:
        return list(_DAY_SETS[value.strip()])
    m = re.fullmatch(r"(.)\s*[至到\-–~]\s*(.)", text)
    if m and m.group(1) in _DAY_INDEX and m.group(2) in _DAY_INDEX:
        a, b = _DAY_INDEX[m.group(1)], _DAY_INDEX[m.group(2)]
        if a > b:
            raise ValueError(f"星期范围“{value}”首尾颠倒")
        return list(range(a, b + 1))
    parts = [p for p in re.split(r"[、,，\s]+", text) if p]
    if parts and all(p in _DAY_INDEX for p in parts):
        return sorted({_DAY_INDEX[p] for p in parts})
    raise ValueError(f"看不懂星期“{value}”：请写“一至五”“一、三、五”“工作日”“周末”或“每天”")


def next_days(value: str) -> str:
    """The days after each of `value`'s days, written as an editor would (``一至五`` → ``二至六``)."""
    days = sorted((d + 1) % 7 for d in parse_days(value))
    if len(days) == 7:
        return "每天"
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"{DAY_NAMES[days[0]]}至{DAY_NAMES[days[-1]]}"
    return "、".join(DAY_NAMES[d] for d in days)


def minutes(value: str) -> int:
    """``08:30`` → 510 (``24:00`` allowed as a closing time)."""
    h, m = value.split(":")
    return int(h) * 60 + int(m)


def _check_time(value: str) -> str:
    if not _TIME.match(value):
        raise ValueError(f"时间“{value}”格式不对：请写 24 小时制 HH:MM，例如 08:30、17:00（用引号括起来）")
    return value


class WeeklyRule(Strict):
    """Open on these weekdays from `opens` to `closes`."""

    days: Text
    opens: Text
    closes: Text

    @field_validator("days")
    @classmethod
    def _days(cls, value: str) -> str:
        parse_days(value)
        return value

    @field_validator("opens", "closes")
    @classmethod
    def _time(cls, value: str) -> str:
        return _check_time(value)

    @model_validator(mode="after")
    def _order(self) -> WeeklyRule:
        if minutes(self.opens) == minutes(self.closes):
            raise ValueError(f"开始时间和结束时间都是 {self.opens}：全天 24 小时服务的线路写 always: true，不写 weekly")
        if minutes(self.opens) > minutes(self.closes):
            later = next_days(self.days)
            raise ValueError(
                f"开始时间 {self.opens} 不早于结束时间 {self.closes}：跨夜的时段要拆成两天写，在 weekly 下写两行 "
                f"- {{days: {self.days}, opens: \"{self.opens}\", closes: \"24:00\"}} 和 "
                f"- {{days: {later}, opens: \"00:00\", closes: \"{self.closes}\"}}")
        return self

    @property
    def weekdays(self) -> list[int]:
        """The weekdays this rule covers."""
        return parse_days(self.days)


class DateException(Strict):
    """A dated change: closed, or other hours, on one date or from `date` to `until`."""

    date: dt.date
    until: dt.date | None = None
    closed: bool = False
    opens: str | None = None
    closes: str | None = None
    note: str | None = None

    @field_validator("opens", "closes")
    @classmethod
    def _time(cls, value: str | None) -> str | None:
        return None if value is None else _check_time(value)

    @model_validator(mode="after")
    def _shape(self) -> DateException:
        if self.closed == bool(self.opens or self.closes):
            raise ValueError("例外日期要么写 closed: true，要么写 opens 和 closes（不能都写或都不写）")
        if not self.closed and not (self.opens and self.closes):
            raise ValueError("例外日期的 opens 和 closes 要一起写")
        if self.until and self.until < self.date:
            raise ValueError("until 早于 date")
        return self

    def covers(self, day: dt.date) -> bool:
        """True when `day` falls in this exception."""
        return self.date <= day <= (self.until or self.date)


LOCAL_NOTE = "以当地公布为准"


class Hours(Strict):
    """When a channel answers: 24 小时, weekly rules with holidays, 校历 and exceptions, or `local`."""

    always: bool = False  # 24 小时
    local: bool = False  # hours not known here: no open / closed status, point to a 24-hour line
    note: str | None = None  # with `local`: what the source says, e.g. 各地每天至少 18 小时，以当地公布为准
    text: str | None = None  # as the service states it, e.g. 工作日 8:30–17:00
    weekly: list[WeeklyRule] = Field(default_factory=list)
    holidays: Literal["按国家安排", "照常"] = "按国家安排"
    calendar: Literal["校历"] | None = None
    exceptions: list[DateException] = Field(default_factory=list)

    @model_validator(mode="after")
    def _stated(self) -> Hours:
        if self.always and (self.weekly or self.calendar):
            raise ValueError("24 小时的线路（always: true）不要再写 weekly 或 calendar")
        mixed = self.local and (self.always or self.weekly or self.calendar or self.text)
        if mixed or (self.note and not self.local):
            raise ValueError(f"以当地公布为准的线路只写 {{local: true, note: \"{LOCAL_NOTE}\"}}（note 可不写），"
                             "不再写 always、weekly、calendar 或 text；其他线路的时间说明写在 text")
        if not self.always and not self.local and not self.text and not self.weekly:
            raise ValueError("请写明服务时间：24 小时的写 always: true，否则写 weekly（每周时间）或 text；"
                             f"时间由各地自定、这里不知道的写 {{local: true, note: \"{LOCAL_NOTE}\"}}")
        if self.calendar and not self.weekly:
            raise ValueError("按校历开放的线路还要写 weekly（上课期间每周的时间）")
        return self

    @property
    def structured(self) -> bool:
        """True when "open now" can be computed (24 小时 or weekly rules)."""
        return self.always or bool(self.weekly)

    def week(self) -> list[list[Interval]]:
        """Open intervals for each weekday (Monday first)."""
        out: list[list[Interval]] = [[] for _ in range(7)]
        for rule in self.weekly:
            for d in rule.weekdays:
                out[d].append((minutes(rule.opens), minutes(rule.closes)))
        return [sorted(x) for x in out]

    def describe(self) -> str:
        """The hours as plain text (the service's own words first)."""
        if self.always:
            return "24小时"
        if self.local:
            return self.note or LOCAL_NOTE
        if self.text:
            return self.text
        parts = [f"周{rule.days.replace('周', '')} {rule.opens}–{rule.closes}"
                 if rule.days not in _DAY_SETS else f"{rule.days} {rule.opens}–{rule.closes}"
                 for rule in self.weekly]
        return "，".join(parts)

    def rules_text(self) -> str:
        """How holidays, the 校历 and exceptions change the weekly hours."""
        notes = []
        if self.calendar:
            notes.append("按校历开放：寒假、暑假及上课期以外休息")
        if self.holidays == "按国家安排" and self.weekly:
            notes.append("法定节假日休息，调休上班日按工作日时间开放")
        for ex in self.exceptions:
            span = ex.date.isoformat() + (f" 至 {ex.until.isoformat()}" if ex.until else "")
            what = "休息" if ex.closed else f"{ex.opens}–{ex.closes}"
            notes.append(f"{span} {what}" + (f"（{ex.note}）" if ex.note else ""))
        return "；".join(notes)


@functools.cache
def holiday_data(year: int) -> tuple[dict[dt.date, str], frozenset[dt.date], bool]:
    """(法定节假日 → name, 调休上班日, known?) for `year`, from the `holidays` library.

    A year counts as known only if the library lists 调休 working days in it.
    """
    import holidays  # lazy: ~45 ms; only hours that follow 国家安排 need it

    cn = holidays.China(years=[year - 1, year, year + 1], language="zh_CN")
    offs = {d: str(name) for d, name in cn.items()}
    work = frozenset(d for d in cn.weekend_workdays if d.year == year)
    day, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    while day <= last:
        # A weekend inside a holiday block (e.g. the Sunday of 国庆) is part of it.
        if day.weekday() >= 5 and day not in offs and day not in work:
            before, after = day, day
            while before.weekday() >= 5:
                before -= dt.timedelta(days=1)
            while after.weekday() >= 5:
                after += dt.timedelta(days=1)
            if before in offs and after in offs:
                offs[day] = offs[before]
        day += dt.timedelta(days=1)
    return {d: n for d, n in sorted(offs.items()) if d.year == year}, work, bool(work)


def window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The dates the page carries data for: this calendar year and the next."""
    return dt.date(today.year, 1, 1), dt.date(today.year + 1, 12, 31)


def day_plan(hours: Hours, day: dt.date, cal: SchoolCalendar | None,
             week: list[list[Interval]] | None = None) -> tuple[list[Interval], str | None, bool]:
    """(open intervals, why they differ from the weekly rule, known?) for one date."""
    week = week or hours.week()
    for ex in hours.exceptions:
        if ex.covers(day):
            ivs = [] if ex.closed else [(minutes(ex.opens or "00:00"), minutes(ex.closes or "00:00"))]
            return ivs, ex.note or ("休息" if ex.closed else "时间调整"), True
    if hours.calendar:
        if cal is None:
            return week[day.weekday()], None, False
        session, name = cal.status(day)
        if session is None:
            return week[day.weekday()], None, False
        if not session:
            return [], name, True
    if hours.holidays == "按国家安排":
        offs, work, known = holiday_data(day.year)
        if not known:
            return week[day.weekday()], None, False
        if day in offs:
            return [], f"法定节假日（{offs[day]}）", True
        if day in work:
            workday = next((w for w in week[:5] if w), [])
            return workday, "调休上班日", True
    return week[day.weekday()], None, True


def embed(hours: Hours, today: dt.date, cal: SchoolCalendar | None) -> dict[str, Any]:
    """The data open-now.js needs for one channel: weekly intervals and per-date deviations."""
    if hours.always:
        return {"always": True}
    start, end = window(today)
    week = hours.week()
    dates: dict[str, Any] = {}
    unknown: list[str] = []
    day = start
    while day <= end:
        ivs, note, known = day_plan(hours, day, cal, week)
        if not known:
            unknown.append(day.isoformat())
        elif ivs != week[day.weekday()] or note:
            dates[day.isoformat()] = {"i": [list(i) for i in ivs], "n": note or ""}
        day += dt.timedelta(days=1)
    return {
        "always": False,
        "week": [[list(i) for i in w] for w in week],
        "dates": dates,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "unknown": _ranges(unknown),
    }


def _ranges(days: list[str]) -> list[list[str]]:
    """Consecutive ISO dates as [first, last] pairs (keeps the page small)."""
    out: list[list[str]] = []
    for d in days:
        if out and dt.date.fromisoformat(out[-1][1]) + dt.timedelta(days=1) == dt.date.fromisoformat(d):
            out[-1][1] = d
        else:
            out.append([d, d])
    return out


def known_years_note(today: dt.date) -> str:
    """Which years' 法定节假日 and 调休 the build knows, in a sentence for the page."""
    start, end = window(today)
    years = list(range(start.year, end.year + 1))
    known = [y for y in years if holiday_data(y)[2]]
    unknown = [y for y in years if y not in known]
    text = "法定节假日与调休安排："
    text += "已收录 " + "、".join(f"{y} 年" for y in sorted(known)) if known else "尚无收录年份"
    if unknown:
        text += "；" + "、".join(f"{y} 年" for y in unknown) + (
            "的法定节假日和调休安排尚未收录，这些日期的“是否开放”只按平日时间推算，请以服务方公告为准")
    return text + "。"
