"""Hours: weekly rules, 法定节假日 and 调休 from the holidays library, the 校历, dated exceptions."""

from __future__ import annotations

import datetime as dt

import pytest

from xinyu.kinds.service.hours import (
    Hours,
    SchoolCalendar,
    day_plan,
    embed,
    holiday_data,
    known_years_note,
    parse_days,
)

OFFICE = Hours.model_validate({"weekly": [{"days": "一至五", "opens": "08:30", "closes": "17:00"}]})
CALENDAR = SchoolCalendar.model_validate({
    "source": "测试",
    "years": [{
        "name": "2025学年",
        "terms": [{"name": "第一学期", "start": "2025-09-01", "end": "2026-01-23"},
                  {"name": "第二学期", "start": "2026-02-25", "end": "2026-07-03"}],
        "breaks": [{"name": "寒假", "start": "2026-01-24", "end": "2026-02-24"},
                   {"name": "暑假", "start": "2026-07-04", "end": "2026-08-31"}],
    }],
})
SCHOOL = Hours.model_validate({"weekly": [{"days": "工作日", "opens": "08:30", "closes": "17:00"}], "calendar": "校历"})


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(("text", "days"), [
    ("一至五", [0, 1, 2, 3, 4]), ("周一至周五", [0, 1, 2, 3, 4]), ("一、三、五", [0, 2, 4]),
    ("工作日", [0, 1, 2, 3, 4]), ("周末", [5, 6]), ("每天", list(range(7))), ("六", [5]), ("日", [6]),
])
def test_days_are_read_as_editors_write_them(text: str, days: list[int]) -> None:
    assert parse_days(text) == days


def test_bad_days_and_times_are_refused() -> None:
    with pytest.raises(ValueError):
        parse_days("周八")
    with pytest.raises(ValueError, match="HH:MM"):
        Hours.model_validate({"weekly": [{"days": "一", "opens": "8:30", "closes": "17:00"}]})
    with pytest.raises(ValueError, match="不早于"):
        Hours.model_validate({"weekly": [{"days": "一", "opens": "17:00", "closes": "08:30"}]})


def test_weekday_hours_and_weekend() -> None:
    assert day_plan(OFFICE, d("2026-03-04"), None) == ([(510, 1020)], None, True)  # Wednesday
    assert day_plan(OFFICE, d("2026-03-07"), None)[0] == []  # Saturday


def test_statutory_holiday_closes_and_tiaoxiu_saturday_opens() -> None:
    ivs, note, known = day_plan(OFFICE, d("2026-10-01"), None)
    assert ivs == [] and known and "国庆" in (note or "")
    ivs, note, known = day_plan(OFFICE, d("2026-05-09"), None)  # Saturday, a 调休 working day
    assert ivs == [(510, 1020)] and note == "调休上班日"
    # The Sunday inside the National Day block counts as part of it.
    assert day_plan(OFFICE, d("2026-10-04"), None)[0] == []


def test_ignore_holidays_rule_keeps_weekly_hours() -> None:
    always_open = Hours.model_validate({"weekly": [{"days": "一至五", "opens": "08:30", "closes": "17:00"}],
                                        "holidays": "照常"})
    assert day_plan(always_open, d("2026-10-01"), None)[0] == [(510, 1020)]


def test_known_years_come_from_the_library_tiaoxiu_list() -> None:
    offs, work, known = holiday_data(2026)
    assert known and d("2026-05-09") in work and d("2026-10-01") in offs
    assert holiday_data(2027)[2] is False  # the library lists no 调休 for 2027 yet
    ivs, note, known = day_plan(OFFICE, d("2027-03-03"), None)
    assert not known
    note_text = known_years_note(d("2026-11-29"))
    assert "已收录 2026 年" in note_text and "2027 年的法定节假日和调休安排尚未收录" in note_text


def test_school_line_follows_the_school_calendar() -> None:
    assert day_plan(SCHOOL, d("2026-07-15"), CALENDAR) == ([], "暑假", True)
    assert day_plan(SCHOOL, d("2026-02-03"), CALENDAR) == ([], "寒假", True)
    assert day_plan(SCHOOL, d("2026-03-04"), CALENDAR)[0] == [(510, 1020)]
    assert day_plan(SCHOOL, d("2026-10-14"), CALENDAR)[2] is False  # outside the 校历


def test_dated_exception_wins() -> None:
    h = Hours.model_validate({
        "weekly": [{"days": "一至五", "opens": "08:30", "closes": "17:00"}],
        "exceptions": [{"date": "2026-12-31", "opens": "08:30", "closes": "12:00", "note": "年末半天"},
                       {"date": "2026-03-02", "until": "2026-03-03", "closed": True, "note": "设备检修"}],
    })
    assert day_plan(h, d("2026-12-31"), None) == ([(510, 720)], "年末半天", True)
    assert day_plan(h, d("2026-03-03"), None) == ([], "设备检修", True)
    with pytest.raises(ValueError):
        Hours.model_validate({"weekly": [], "text": "x", "exceptions": [{"date": "2026-01-01"}]})


def test_embedded_data_lists_deviations_and_unknown_dates() -> None:
    data = embed(OFFICE, d("2026-11-29"), None)
    assert data["week"][2] == [[510, 1020]] and data["week"][5] == []
    assert data["dates"]["2026-10-01"]["i"] == [] and data["dates"]["2026-05-09"]["i"] == [[510, 1020]]
    assert "2026-03-04" not in data["dates"]
    assert data["unknown"] == [["2027-01-01", "2027-12-31"]]
    assert embed(Hours(always=True), d("2026-11-29"), None) == {"always": True}
