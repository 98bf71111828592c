"""Parent events: recurrence, validation at file:line, and the upcoming / past split by build date."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import CRISIS, MINI_CONFIG, ROOT
from conftest import run_xinyu as run_cli

EVENTS_CONFIG = MINI_CONFIG + "extra_javascript:\n  - assets/javascripts/events.js\n"

VENUES = """\
venues:
  - id: room-a
    name: 指导中心
    room: 301 室
    address: 慈溪市示例路 1 号
  - id: room-b
    name: 指导中心
    room: 报告厅
    address: 慈溪市示例路 1 号
"""
SPEAKERS = "speakers:\n  - id: chen\n    name: 陈老师\n"
SERIES = """\
series:
  - id: salon
    title: 家长沙龙
    kind: 沙龙
    organiser: 指导中心
    audience: 家长
    venue: room-a
    recurrence:
      freq: monthly
      weekday: 六
      nth: 3
      start_time: "09:30"
      end_time: "11:00"
      first: 2026-09-01
      last: 2026-12-31
  - id: talks
    title: 大讲堂
    kind: 讲座
    organiser: 教育局
    audience: 家长
    venue: room-b
"""
EVENTS = """\
events:
  - id: talk-1
    series: talks
    title: 第一讲
    start: 2026-10-24 14:00
    end: "16:00"
    speakers: [chen]
    registration:
      deadline: 2026-10-22
"""


def tiny_events(events: str = EVENTS, **more: str) -> dict[str, str]:
    """The files of a tiny events section."""
    files = {"content/events/venues.yml": VENUES, "content/events/speakers.yml": SPEAKERS,
             "content/events/series.yml": SERIES, "content/events/events.yml": events}
    files.update(more)
    return files


def demo_project(root: Path) -> Path:
    """A tiny portal carrying the repository's whole events and stories content."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "content/events", root / "content/events", dirs_exist_ok=True)
    shutil.copytree(ROOT / "content/stories", root / "content/stories", dirs_exist_ok=True)
    for teachers in (root / "content/events").glob("events-jiaoyan-*.yml"):
        teachers.unlink()  # 送教下乡 sessions bring lessons this tiny portal does not carry (test_teachers.py)
    (root / "content/events/resources.yml").unlink()  # its files belong to those events (test_resources.py)
    nav = "nav:\n  - 首页: index.md\n  - 家长课堂与活动: events/index.md\n"
    (root / "mkdocs.yml").write_text(EVENTS_CONFIG + nav, "utf-8")
    (root / "content/index.md").write_text("# 首页\n", "utf-8")
    (root / "content/services").mkdir(parents=True, exist_ok=True)
    (root / "content/services/national.yml").write_text(CRISIS, "utf-8")
    return root


@pytest.fixture(scope="module")
def built_2027(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo events built as a preview with the build date 2027-01-15."""
    root = demo_project(tmp_path_factory.mktemp("ev") / "proj")
    proc = run_cli("build", "--preview", "--today", "2027-01-15", cwd=root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root


def demo_occurrences() -> list:  # type: ignore[type-arg]
    """The demo's resolved events, loaded by the core."""
    from xinyu.kinds.event.kind import EventKind, data_of
    from xinyu.pipeline import run
    from xinyu.project import Project

    result = run(Project(ROOT, ROOT / "content", preview=True), render=False, kinds=[EventKind()])
    return data_of(result.site).occurrences


def test_monthly_third_saturday_with_added_and_excluded_dates() -> None:
    from xinyu.kinds.event.model import Recurrence

    rec = Recurrence(freq="monthly", weekday="六", nth=3, start_time=dt.time(9, 30), end_time=dt.time(11),
                     first=dt.date(2026, 9, 1), last=dt.date(2027, 6, 30),
                     exclude=[dt.date(2027, 2, 20)], add=[dt.date(2027, 2, 27)])
    days = rec.dates()
    assert len(days) == 10 and all(d.weekday() == 5 for d in days)
    assert days[:4] == [dt.date(2026, 9, 19), dt.date(2026, 10, 17), dt.date(2026, 11, 21), dt.date(2026, 12, 19)]
    assert dt.date(2027, 2, 20) not in days and dt.date(2027, 2, 27) in days
    assert rec.describe() == "每月第三个星期六 09:30–11:00"


def _load(tmp_path: Path, events: str):  # type: ignore[no-untyped-def]
    from xinyu.kinds.event.kind import EventKind, data_of
    from xinyu.pipeline import run
    from xinyu.project import Project

    for rel, text in tiny_events(events).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    result = run(Project(tmp_path, tmp_path / "content", preview=True), render=False, kinds=[EventKind()])
    return data_of(result.site).occurrences, [d for d in result.diagnostics if not d.code.startswith("event.lock")]


def test_a_rescheduled_session_of_a_recurring_series_keeps_its_planned_date(tmp_path: Path) -> None:
    moved = ("  - id: salon-oct\n    series: salon\n    date: 2026-10-17\n    title: 十月沙龙\n"
             "    status: rescheduled\n    start: 2026-10-24 09:30\n")
    occs, diags = _load(tmp_path, EVENTS + moved)
    assert diags == []
    salon = {o.id: o for o in occs if o.series == "salon"}
    assert sorted(salon) == ["salon-20260919", "salon-20261121", "salon-20261219", "salon-oct"]
    oct_ = salon["salon-oct"]
    assert (oct_.start.isoformat(), oct_.end.isoformat()) == ("2026-10-24T09:30:00+08:00", "2026-10-24T11:00:00+08:00")
    assert oct_.previous_start is not None and oct_.previous_start.isoformat() == "2026-10-17T09:30:00+08:00"
    off = "  - id: salon-x\n    series: salon\n    date: 2026-10-18\n"
    _, diags = _load(tmp_path, EVENTS + off)
    assert [(str(d.loc), d.code) for d in diags] == [("content/events/events.yml:12:11", "event.not-in-schedule")]


def test_default_content_is_a_full_sample_school_year() -> None:
    occs = demo_occurrences()
    by_series: dict[str, list] = {}  # type: ignore[type-arg]
    for o in occs:
        by_series.setdefault(o.series, []).append(o)
    assert len(occs) >= 24
    assert len(by_series["gongchengzhang"]) == 10 and len(by_series["dajiangtang"]) >= 4
    assert {o.status for o in by_series["xunjiang"]} >= {"cancelled", "rescheduled"}
    assert all(o.example for o in occs)
    assert min(o.start for o in occs).date() >= dt.date(2026, 9, 1)
    assert max(o.start for o in occs).date() <= dt.date(2027, 7, 31)


def test_changed_event_without_lock_update_fails_until_xinyu_lock(make_project, xinyu) -> None:
    root = make_project(tiny_events())
    assert xinyu("lock", cwd=root).returncode == 0
    lock = (root / "content/events/sequence.lock.yml").read_text("utf-8")
    assert "talk-1: {hash:" in lock and "salon-20261017: {hash:" in lock
    assert xinyu("check", cwd=root).returncode == 0
    events = root / "content/events/events.yml"
    events.write_text(EVENTS.replace("title: 第一讲", "title: 第一讲（改题）"), "utf-8")
    proc = xinyu("check", cwd=root)  # a note while editing: preview and serve keep working
    assert proc.returncode == 0
    assert "event.lock-stale" not in proc.stdout and "1 条发布前须处理的提示" in proc.stderr
    proc = xinyu("-v", "check", cwd=root)
    assert "content/events/events.yml:2:9: 提示 event.lock-stale 活动“第一讲（改题）”已修改" in proc.stdout
    proc = xinyu("check", "--publish", cwd=root)  # an error only when publishing
    assert proc.returncode == 1
    assert "content/events/events.yml:2:9: 错误 event.lock-stale 活动“第一讲（改题）”已修改" in proc.stdout
    assert "xinyu lock" in proc.stdout
    proc = xinyu("lock", cwd=root)
    assert proc.returncode == 0 and "已更新：talk-1" in proc.stdout
    assert "talk-1: {hash:" in (root / "content/events/sequence.lock.yml").read_text("utf-8")
    assert "sequence: 1}" in (root / "content/events/sequence.lock.yml").read_text("utf-8")
    assert xinyu("check", cwd=root).returncode == 0


def test_committed_lock_matches_the_default_content() -> None:
    from xinyu.kinds.event.kind import EventKind
    from xinyu.pipeline import run
    from xinyu.project import Project

    result = run(Project(ROOT, ROOT / "content", preview=True), render=False, kinds=[EventKind()])
    stale = [str(d) for d in result.diagnostics if d.code.startswith("event.")]
    assert stale == []  # after editing content/events, run `xinyu lock`


def test_upcoming_list_holds_exactly_events_from_the_build_date(built_2027: Path) -> None:
    html = (built_2027 / "site/events/index.html").read_text("utf-8")
    upcoming_html = html.split('id="xy-upcoming"')[1].split("</ul>")[0]
    past_html = html.split('id="xy-past"')[1].split("</ul>")[0]
    upcoming = re.findall(r'data-id="([a-z0-9-]+)"', upcoming_html)
    past = re.findall(r'data-id="([a-z0-9-]+)"', past_html)
    occs = [o for o in demo_occurrences() if o.for_parents]  # teachers' events: 教研与培训 (test_teachers.py)
    want = [o.id for o in occs if o.start.date() >= dt.date(2027, 1, 15)]
    assert upcoming == want  # in time order
    assert sorted(past) == sorted(o.id for o in occs if o.start.date() < dt.date(2027, 1, 15))
    starts = re.findall(r'data-start="([^"]+)"', past_html)
    assert starts == sorted(starts, reverse=True)  # newest first
    assert "xunjiang-2027-01-hushan" in upcoming and "shalong-2027-01" in upcoming


def test_event_page_shows_status_calendar_link_qr_and_json_ld(built_2027: Path) -> None:
    page = (built_2027 / "site/events/xunjiang-2026-12-zhouxiang/index.html").read_text("utf-8")
    status = page.split('class="xy-event-status xy-event-status--rescheduled"')[1].split("</div>")[0]
    assert "已改期" in status and "原定 2026年12月2日（星期三）19:00" in status and "2026年12月9日" in status
    assert 'href="../../calendar/xunjiang.ics"' in page and "订阅到手机日历" in page
    assert '<svg' in page and 'class="xy-qr"' in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert ld["@type"] == "Event" and ld["startDate"] == "2026-12-09T19:00:00+08:00"
    assert ld["eventStatus"] == "https://schema.org/EventRescheduled"
    assert ld["previousStartDate"] == "2026-12-02T19:00:00+08:00"
    assert ld["location"]["@type"] == "Place" and "周巷镇" in ld["location"]["address"]["streetAddress"]
    assert ld["eventAttendanceMode"].endswith("OfflineEventAttendanceMode") and ld["isAccessibleForFree"] is True
    assert ld["organizer"]["name"]
    cancelled = (built_2027 / "site/events/xunjiang-2026-11-longshan/index.html").read_text("utf-8")
    assert 'xy-event-status--cancelled' in cancelled and "已取消" in cancelled
    online = (built_2027 / "site/events/dajiangtang-2027-01/index.html").read_text("utf-8")
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', online, re.S).group(1))
    assert ld["location"]["@type"] == "VirtualLocation"
    assert ld["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")


def test_series_page_describes_its_rule_and_links_its_feed(built_2027: Path) -> None:
    page = (built_2027 / "site/events/series/gongchengzhang/index.html").read_text("utf-8")
    assert "每月第三个星期六 09:30–11:00" in page
    assert 'href="../../../calendar/gongchengzhang.ics"' in page and "订阅到手机日历" in page
    assert page.count('class="xy-event"') == 10


def test_month_calendar_works_without_javascript(built_2027: Path) -> None:
    page = (built_2027 / "site/events/calendar/index.html").read_text("utf-8")
    assert page.count('<table class="xy-month">') == 10  # 2026-09 … 2027-06
    assert 'id="m-2026-11"' in page
    assert 'href="../xunjiang-2026-11-longshan/"' in page and "（已取消）" in page
    assert 'class="xy-month__day xy-month__today"' in page  # 2027-01-15


def test_lecture_menu_and_micro_lessons(built_2027: Path) -> None:
    menu = (built_2027 / "site/events/menu/index.html").read_text("utf-8")
    for anchor in ("youeryuan", "xiaoxue", "chuzhong", "gaozhong", "how-to-order"):
        assert f'id="{anchor}"' in menu
    assert len(re.findall(r'<h3 id="[a-z0-9-]+"', menu)) >= 12
    assert 'href="../xunjiang-2026-10-xishang/"' in menu  # the sessions schools ordered
    weike = (built_2027 / "site/events/weike/index.html").read_text("utf-8")
    items = re.findall(r'<li class="xy-release" data-release="([0-9-]+)" id="weike-(\d\d)">.*?'
                       r'class="xy-badge xy-release__state"[^>]*>([^<]+)<', weike, re.S)
    assert [int(n) for _, n, _ in items] == list(range(1, 25))
    assert items[0][0] == "2026-09-15"
    for date, _, state in items:
        assert state == ("已发布" if date <= "2027-01-15" else "即将推出")
    tour = (built_2027 / "site/events/xunjiang-2026-10-xishang/index.html").read_text("utf-8")
    assert 'href="../menu/#xuexi-xiguan"' in tour


def test_publishing_build_refuses_sample_events(make_project, xinyu) -> None:
    sample = EVENTS.replace("    title: 第一讲\n", "    title: 第一讲\n    example: true\n")
    root = make_project(tiny_events(sample))
    assert xinyu("lock", cwd=root).returncode == 0
    proc = xinyu("build", cwd=root)
    assert proc.returncode == 1
    assert "content/events/events.yml:2:9: 错误 safety.example 活动“第一讲”是示例内容" in proc.stderr
    assert not (root / "site").exists()


def test_editor_text_cannot_run_as_script(tmp_path: Path) -> None:
    from xinyu.kinds.event.kind import EventKind
    from xinyu.pipeline import run
    from xinyu.project import Project

    evil = EVENTS.replace("title: 第一讲", "title: <script>alert(1)</script>") + (
        "    status: cancelled\n    note: '<img src=x onerror=alert(2)> </script>'\n"
        "    online: 'https://x.example/a_b?c=<d>'\n")
    for rel, text in tiny_events(evil).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    result = run(Project(tmp_path, tmp_path / "content", preview=True), kinds=[EventKind()])
    page = next(p.content for p in result.pages if p.src_uri == "events/talk-1.md")
    assert isinstance(page, str)
    assert "<script>alert" not in page.split('<script type="application/ld+json">')[0] and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert '<a href="https://x.example/a_b?c=&lt;d&gt;">' in page  # no Markdown escapes inside the URL
    ld = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in ld and json.loads(ld)["name"] == "<script>alert(1)</script>"
