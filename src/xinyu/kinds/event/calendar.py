"""The events month calendar (``events/calendar.md``): a Monday-first grid per month for tablets and
PCs, and the same month as date | title rows for phones; both in the HTML (portal.css shows one), no JS;
and `when_html`, the date column every events list shares."""

from __future__ import annotations

import calendar as pycal
import datetime as dt
from typing import TYPE_CHECKING

from ...mdtext import esc
from ...project import Site
from .model import STATUS_TEXT, WEEKDAY_CN, Occurrence

if TYPE_CHECKING:
    from .load import EventData


def when_html(s: dt.datetime, *, year: bool = True) -> str:
    """The date column of an events row: (year,) day, weekday and time, each a span portal.css can stack."""
    y = f'<span class="xy-event__year">{s.year}年</span>' if year else ""
    return (f'<time class="xy-event__when" datetime="{s.isoformat()}">{y}<span class="xy-event__day">'
            f'{s.month}月{s.day}日</span><span class="xy-event__time">（{WEEKDAY_CN[s.weekday()]}）{s:%H:%M}'
            "</span></time>")


def month_page(site: Site, data: EventData) -> str:
    """A month-by-month grid (Monday first) that needs no JavaScript."""
    today = site.project.today
    out = ["# 活动月历", "", "每月一张表，点击活动名称查看详情。[返回活动列表](index.md)", ""]
    if not data.occurrences:
        return "\n".join([*out, "暂无活动。", ""])
    months = sorted({(o.start.year, o.start.month) for o in data.occurrences})
    out += [" · ".join(f"[{y}年{m}月](#m-{y}-{m:02d})" for y, m in months), ""]
    by_day: dict[dt.date, list[Occurrence]] = {}
    for o in data.occurrences:
        by_day.setdefault(o.day, []).append(o)
    for y, m in months:
        out += [f"## {y}年{m}月 {{#m-{y}-{m:02d}}}", "", '<table class="xy-month" markdown>',
                '<tr markdown><th>一</th><th>二</th><th>三</th><th>四</th><th>五</th><th>六</th><th>日</th></tr>']
        for week in pycal.Calendar(firstweekday=0).monthdatescalendar(y, m):
            cells = []
            for day in week:
                if day.month != m:
                    cells.append('<td class="xy-month__pad"></td>')
                    continue
                cls = "xy-month__day" + (" xy-month__today" if day == today else "")
                items = " ".join(
                    f'<span class="xy-month__event xy-month__event--{o.status}">[{esc(o.title)}](event:{o.id})'
                    + (f"（{STATUS_TEXT[o.status]}）" if o.status != "scheduled" else "") + "</span>"
                    for o in by_day.get(day, [])
                )
                num = f'<span class="xy-month__num">{day.day}</span>'
                cells.append(f'<td class="{cls}" markdown="span">{num} {items}</td>')
            out.append("<tr markdown>" + "".join(cells) + "</tr>")
        out += ["</table>", "", *_month_list(y, m, by_day, today)]
    return "\n".join(out)


def _month_list(y: int, m: int, by_day: dict[dt.date, list[Occurrence]], today: dt.date) -> list[str]:
    """The month as date | title rows: what phones show instead of the grid (portal.css)."""
    out = ['<ol class="xy-month-list xy-events" markdown>']
    for day in sorted(d for d in by_day if (d.year, d.month) == (y, m)):
        for o in by_day[day]:
            mark = "" if o.status == "scheduled" else \
                f'<span class="xy-badge xy-badge--{o.status}">{STATUS_TEXT[o.status]}</span>'
            out.append(f'<li class="xy-event{" xy-month-list__today" if day == today else ""}" markdown="span">'
                       f'{when_html(o.start, year=False)} <span class="xy-event__what">[{esc(o.title)}](event:{o.id})'
                       f" {mark}</span></li>")
    return [*out, "</ol>", ""]
