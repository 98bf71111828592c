"""Calendar feeds: exactly each series' events, RFC 5545 details, reproducible bytes, SEQUENCE from the lock."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from icalendar import Calendar

from kinds.event.test_events import EVENTS, demo_occurrences, demo_project, run_cli, tiny_events

# The second build runs later, and with time.time() a year and a half ahead, so anything stamped
# from the wall clock (through time.time) would differ. (datetime.now() cannot be shifted from
# Python; DTSTAMP is pinned to the build date in test_feed_details_that_real_calendars_need.)
CLOCK_SHIFT = '''\
import time as _time
_SHIFT = 4.0e7
_real, _real_ns = _time.time, _time.time_ns
_time.time = lambda: _real() + _SHIFT
_time.time_ns = lambda: _real_ns() + int(_SHIFT * 1e9)
'''


@pytest.fixture(scope="module")
def feeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo events built once (preview, build date 2026-11-29); returns the site dir."""
    root = demo_project(tmp_path_factory.mktemp("ics") / "proj")
    proc = run_cli("build", "--preview", "--today", "2026-11-29", cwd=root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root / "site"


def _events(path: Path) -> dict[str, object]:
    cal = Calendar.from_ical(path.read_bytes())
    return {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}


def test_each_feed_holds_exactly_its_series(feeds: Path) -> None:
    occs = demo_occurrences()
    names = sorted(p.name for p in (feeds / "calendar").glob("*.ics"))
    teachers = ["anli-dudao.ics", "chizheng-peixun.ics", "shiji-yanxun.ics", "songjiao-xiaxiang.ics", "teachers.ics"]
    assert names == sorted(["all.ics", "dajiangtang.ics", "gongchengzhang.ics", "xunjiang.ics", *teachers])
    for series in ("dajiangtang", "gongchengzhang", "xunjiang"):
        got = set(_events(feeds / "calendar" / f"{series}.ics"))
        assert got == {f"{o.id}@xinyu" for o in occs if o.series == series}, series
    assert set(_events(feeds / "calendar/all.ics")) == {f"{o.id}@xinyu" for o in occs if o.for_parents}


def test_feed_details_that_real_calendars_need(feeds: Path) -> None:
    raw = (feeds / "calendar/xunjiang.ics").read_bytes()
    cal = Calendar.from_ical(raw)
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in raw and b"X-PUBLISHED-TTL:PT12H\r\n" in raw
    zones = cal.walk("VTIMEZONE")
    assert len(zones) == 1 and str(zones[0]["TZID"]) == "Asia/Shanghai"
    for sub in zones[0].subcomponents:  # no 1986–91 daylight-saving rules: +0800 only
        assert sub.name == "STANDARD"
        assert sub["TZOFFSETFROM"].td == sub["TZOFFSETTO"].td == dt.timedelta(hours=8)
    events = _events(feeds / "calendar/xunjiang.ics")
    cancelled = events["xunjiang-2026-11-longshan@xinyu"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    moved = events["xunjiang-2026-12-zhouxiang@xinyu"]
    assert moved["DTSTART"].dt == dt.datetime(2026, 12, 9, 19, 0, tzinfo=moved["DTSTART"].dt.tzinfo)
    assert moved["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert moved["DTSTART"].dt.utcoffset() == dt.timedelta(hours=8)
    stamp = moved["DTSTAMP"].dt
    assert stamp == dt.datetime(2026, 11, 28, 16, 0, tzinfo=dt.UTC)  # the build date, 00:00 in Shanghai
    assert int(moved["SEQUENCE"]) == 0
    assert str(moved["URL"]) == "https://example.edu.cn/xinyu/events/xunjiang-2026-12-zhouxiang/"


def test_two_builds_at_different_clock_times_are_byte_identical(feeds: Path, tmp_path: Path) -> None:
    root = demo_project(tmp_path / "proj")
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(CLOCK_SHIFT, "utf-8")
    path = os.pathsep.join(filter(None, [str(shim), os.environ.get("PYTHONPATH")]))  # keep the tree under test
    proc = run_cli("build", "--preview", "--today", "2026-11-29", cwd=root, env={"PYTHONPATH": path})
    assert proc.returncode == 0, proc.stderr[-3000:]
    first = {p.name: p.read_bytes() for p in (feeds / "calendar").glob("*.ics")}
    second = {p.name: p.read_bytes() for p in (root / "site/calendar").glob("*.ics")}
    assert first == second and len(first) == 9  # 4 parent feeds, 4 teacher series and teachers.ics


def test_sequence_rises_when_an_event_changes(make_project, xinyu) -> None:
    root = make_project(tiny_events())
    assert xinyu("lock", cwd=root).returncode == 0
    assert xinyu("build", "--preview", "--today", "2026-10-01", cwd=root).returncode == 0
    before = _events(root / "site/calendar/talks.ics")["talk-1@xinyu"]
    assert int(before["SEQUENCE"]) == 0
    (root / "content/events/events.yml").write_text(EVENTS.replace("14:00", "14:30"), "utf-8")
    assert xinyu("lock", cwd=root).returncode == 0
    proc = xinyu("build", "--preview", "--today", "2026-10-01", cwd=root)
    assert proc.returncode == 0, proc.stderr
    after = _events(root / "site/calendar/talks.ics")["talk-1@xinyu"]
    assert int(after["SEQUENCE"]) == 1 and str(after["UID"]) == str(before["UID"])
    assert after["DTSTART"].dt.hour == 14 and after["DTSTART"].dt.minute == 30
    salon = _events(root / "site/calendar/salon.ics")["salon-20261017@xinyu"]
    assert int(salon["SEQUENCE"]) == 0  # unchanged events keep theirs


def test_lock_refuses_to_rewrite_an_unreadable_lock(make_project, xinyu) -> None:
    broken = "events:\n  talk-1: {hash: \"abc\", sequence: 3\n"
    root = make_project(tiny_events(**{"content/events/sequence.lock.yml": broken}))
    proc = xinyu("lock", cwd=root)
    assert proc.returncode == 1 and "content/events/sequence.lock.yml:" in proc.stdout
    assert (root / "content/events/sequence.lock.yml").read_text("utf-8") == broken


def test_a_new_venue_address_needs_a_new_sequence(tmp_path: Path) -> None:
    from xinyu.kinds.event.ics import write_lock
    from xinyu.kinds.event.kind import EventKind, data_of
    from xinyu.pipeline import run
    from xinyu.project import Project

    for rel, text in tiny_events().items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")

    def load():  # type: ignore[no-untyped-def]
        result = run(Project(tmp_path, tmp_path / "content", preview=True), render=False, kinds=[EventKind()])
        return data_of(result.site), [str(d) for d in result.diagnostics]

    data, _ = load()
    write_lock(data)
    assert load()[1] == []
    venues = tmp_path / "content/events/venues.yml"
    venues.write_text(venues.read_text("utf-8").replace("room: 报告厅\n    address: 慈溪市示例路 1 号",
                                                         "room: 报告厅\n    address: 慈溪市示例路 9 号"), "utf-8")
    data, diags = load()
    assert len(diags) == 1 and diags[0].startswith("content/events/events.yml:2:9: 提示 event.lock-stale")
    assert write_lock(data) == ["talk-1"]
    assert load()[1] == []
