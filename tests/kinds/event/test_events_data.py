"""Open data of the calendars: events.json / events.csv / weike.json, and subscribing with webcal://."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from icalendar import Calendar

from conftest import MINI_CONFIG
from kinds.event.test_events import EVENTS, SERIES, VENUES, demo_project, run_cli, tiny_events

BASE = "https://xinli.example.edu.cn/xinyu/"
EIGHT = dt.timedelta(hours=8)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo events (weike included) built as a preview for a sub-path site URL, build date 2026-11-29."""
    root = demo_project(tmp_path_factory.mktemp("evdata") / "proj")
    proc = run_cli("build", "--preview", "--today", "2026-11-29", "--base-url", BASE, cwd=root)
    # a build runs the whole-site link check: a broken link would make it fail
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root / "site"


def _json(site: Path, name: str = "events.json") -> dict:  # type: ignore[type-arg]
    return json.loads((site / "data" / name).read_text("utf-8"))


def _feed(path: Path) -> dict[str, object]:
    return {str(ev["UID"]): ev for ev in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_one_row_per_event_the_calendar_feed_carries(site: Path) -> None:
    rows = _json(site)["events"]
    feed = _feed(site / "calendar/all.ics")
    uids = [r["uid"] for r in rows]
    assert len(uids) == len(set(uids)) == len(feed) > 20
    assert set(uids) == set(feed)
    for r in rows:
        ev = feed[r["uid"]]
        assert dt.datetime.fromisoformat(r["startDate"]) == ev["DTSTART"].dt, r["uid"]  # type: ignore[index]
        assert dt.datetime.fromisoformat(r["endDate"]) == ev["DTEND"].dt, r["uid"]  # type: ignore[index]
        assert r["sequence"] == int(ev["SEQUENCE"])  # type: ignore[index]
        assert (r["status"] == "cancelled") == (str(ev["STATUS"]) == "CANCELLED")  # type: ignore[index]
        # each row names the feed it is in, and that feed holds it
        assert r["uid"] in _feed(site / r["ics"])


def test_cancelled_and_rescheduled_events_stay_with_their_status(site: Path) -> None:
    rows = {r["identifier"]: r for r in _json(site)["events"]}
    cancelled = rows["xunjiang-2026-11-longshan"]
    assert cancelled["status"] == "cancelled" and cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    moved = rows["xunjiang-2026-12-zhouxiang"]
    assert moved["status"] == "rescheduled"
    assert moved["previousStartDate"] == "2026-12-02T19:00:00+08:00"
    assert moved["startDate"] == "2026-12-09T19:00:00+08:00"
    assert moved["location"]["address"] and "周巷镇" in moved["location"]["address"]
    assert moved["url"] == "events/xunjiang-2026-12-zhouxiang/"
    assert (site / moved["url"] / "index.html").is_file()


def test_every_time_carries_the_china_offset(site: Path) -> None:
    times = []
    for r in _json(site)["events"]:
        times += [r["startDate"], r["endDate"]]
        times += [r["previousStartDate"]] if r["previousStartDate"] else []
        deadline = (r["registration"] or {}).get("deadline")
        if deadline and "T" in deadline:
            times.append(deadline)
    assert len(times) > 50
    for t in times:
        assert t.endswith("+08:00") and dt.datetime.fromisoformat(t).utcoffset() == EIGHT, t


def test_csv_opens_in_excel_with_the_same_rows(site: Path) -> None:
    raw = (site / "data/events.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    rows = _json(site)["events"]
    assert [t["uid"] for t in table] == [r["uid"] for r in rows]
    assert [(t["start"], t["end"], t["status"]) for t in table] == [
        (r["startDate"], r["endDate"], r["status"]) for r in rows]
    longshan = next(t for t in table if t["identifier"] == "xunjiang-2026-11-longshan")
    assert longshan["status"] == "cancelled" and longshan["ics"] == "calendar/xunjiang.ics"


def test_micro_lessons_are_listed_with_links_only_once_released(site: Path) -> None:
    weike = _json(site, "weike.json")
    releases = weike["releases"]
    assert weike["count"] == len(releases) == 24
    assert [r["position"] for r in releases] == list(range(1, 25))
    out = [r["identifier"] for r in releases if r["released"]]
    assert out == ["weike-01", "weike-02", "weike-03"]  # 9/15, 10/15, 11/15 before 2026-11-29
    assert all(r["url"] is None for r in releases if not r["released"])


def _hrefs(html: str, section: str) -> list[str]:
    part = re.split(r"<h2|</article>", html.split(f'id="{section}"', 1)[1], maxsplit=1)[0]
    return re.findall(r'href="([^"]+)"', part)


def test_events_page_links_the_open_data_and_every_feed(site: Path) -> None:
    html = (site / "events/index.html").read_text("utf-8")
    links = _hrefs(html, "open-data")
    assert {"../data/events.json", "../data/events.csv", "../data/weike.json", "../calendar/all.ics"} <= set(links)
    teachers = set(re.findall(r'href="(\.\./calendar/[a-z0-9-]+\.ics)"',
                              (site / "training/index.html").read_text("utf-8")))  # 教研与培训 feeds
    assert "../calendar/teachers.ics" in teachers and not teachers & set(links)
    assert {h for h in links if h.endswith(".ics")} | teachers == {
        f"../calendar/{p.name}" for p in (site / "calendar").glob("*.ics")}
    for href in links:
        assert (site / "events" / href).resolve().is_file(), href


@pytest.mark.parametrize("page", ["events/index.html", "events/series/xunjiang/index.html",
                                  "events/series/gongchengzhang/index.html"])
def test_webcal_link_is_the_ics_url_with_the_scheme_replaced(site: Path, page: str) -> None:
    html = (site / page).read_text("utf-8")
    webcal = re.findall(r'<a class="[^"]*xy-webcal[^"]*" href="([^"]+)"', html)
    ics = re.findall(r'<a class="[^"]*xy-ics[^"]*" href="([^"]+)"', html)
    assert len(webcal) == len(ics) == 1
    page_url = BASE + page.removesuffix("index.html")
    https = urljoin(page_url, ics[0])
    assert https.startswith(BASE + "calendar/") and https.endswith(".ics")
    assert webcal[0] == "webcal://" + https.removeprefix("https://")
    assert (site / https.removeprefix(BASE)).is_file()


def test_own_calendar_subscriptions_are_not_listed_as_outside_links(site: Path) -> None:
    proc = run_cli("check", "--external", cwd=site.parent)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    out = proc.stdout + proc.stderr
    assert "外部链接 https://live.example.edu.cn/" in out  # the listing works
    assert "webcal:" not in out


def test_webcal_needs_an_http_site_url_and_is_not_offered_offline(tmp_path: Path) -> None:
    from xinyu.kinds.event.pages import webcal_url
    from xinyu.project import Project, Settings, Site

    def url(site_url: str, directory_urls: bool | None = True) -> str | None:
        settings = Settings(site_url=site_url, directory_urls=directory_urls)
        return webcal_url(Site(Project(tmp_path, tmp_path, settings)), "calendar/all.ics")

    assert url(BASE) == "webcal://xinli.example.edu.cn/xinyu/calendar/all.ics"
    assert url("http://10.1.2.3:8080/") == "webcal://10.1.2.3:8080/calendar/all.ics"
    assert url(BASE, None) == "webcal://xinli.example.edu.cn/xinyu/calendar/all.ics"
    assert url("") is None
    assert url(BASE, directory_urls=False) is None  # the offline bundle (.html links, file://)


# --- a tiny site without a site URL ------------------------------------------------------------------

SPEAKERS = """\
speakers:
  - id: chen
    name: 陈老师
    title: 心理健康教育教师
    org: 私人咨询工作室
"""
MORE = """\
  - id: talk-2
    series: talks
    title: 第二讲
    start: 2026-11-07 14:00
    end: "16:00"
    status: cancelled
    note: 场地维修
  - id: talk-3
    series: talks
    title: 线上答疑
    start: 2026-12-05 19:30
    end: "20:30"
    venue: null
    online: https://meeting.example.edu.cn/abc
    registration:
      url: https://forms.example.edu.cn/signup
      deadline: 2026-12-04 18:00
"""
WEIKE = """\
series:
  id: weike
  title: 微课
  publisher: 指导中心
releases:
  - number: 1
    date: 2026-10-15
    title: 第一堂
    url: https://video.example.edu.cn/1
  - number: 2
    date: 2026-12-15
    title: 第二堂
    url: https://video.example.edu.cn/2
"""


def _tiny(make_project, xinyu) -> Path:  # type: ignore[no-untyped-def]
    config = MINI_CONFIG.replace("site_url: https://example.edu.cn/xinyu/\n", "")
    assert config != MINI_CONFIG
    files = tiny_events(EVENTS + MORE, **{"content/events/speakers.yml": SPEAKERS,
                                          "content/events/weike.yml": WEIKE})
    assert files["content/events/venues.yml"] == VENUES and files["content/events/series.yml"] == SERIES
    root = make_project(files, config=config)
    assert xinyu("lock", cwd=root).returncode == 0
    return root


def test_same_input_and_date_give_byte_identical_data(make_project, xinyu) -> None:
    root = _tiny(make_project, xinyu)
    outs = []
    for name, tz in (("one", "UTC"), ("two", "Pacific/Kiritimati")):
        # another process, hash seed and time zone (UTC+14 is often another calendar day)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TZ": tz, "PYTHONHASHSEED": str(len(name) + len(tz))}
        proc = subprocess.run([sys.executable, "-m", "xinyu.cli", "build", "--today", "2026-11-29", "-d", name],
                              cwd=root, capture_output=True, text=True, env=env, timeout=300)
        assert proc.returncode == 0, proc.stderr[-3000:]
        outs.append({p.name: p.read_bytes() for p in (root / name / "data").iterdir()})
    assert sorted(outs[0]) == ["events.csv", "events.json", "services.csv", "services.json", "weike.json"]
    assert outs[0] == outs[1]
    site = root / "one"

    # nothing beyond what the pages show: no speaker organisation, no source paths, no lock hashes
    lock = (root / "content/events/sequence.lock.yml").read_text("utf-8")
    hashes = re.findall(r'hash: "([0-9a-f]+)"', lock)
    assert hashes
    for name in ("events.json", "events.csv"):
        text = outs[0][name].decode("utf-8")
        assert "私人咨询工作室" not in text and "content/events" not in text and "yml" not in text
        assert not any(h in text for h in hashes)
        assert "陈老师" in text
    assert "心理健康教育教师" in outs[0]["events.json"].decode("utf-8")  # the job title, as the event page shows it

    rows = {r["identifier"]: r for r in _json(site)["events"]}
    assert rows["talk-2"]["status"] == "cancelled" and rows["talk-2"]["statusNote"] == "场地维修"
    online = rows["talk-3"]
    assert online["onlineUrl"] == "https://meeting.example.edu.cn/abc" and online["location"] is None
    assert online["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")
    assert online["registration"] == {"how": None, "url": "https://forms.example.edu.cn/signup",
                                      "deadline": "2026-12-04T18:00:00+08:00"}
    assert _json(site)["base_url"] is None
    weike = _json(site, "weike.json")["releases"]
    assert [(r["released"], r["url"]) for r in weike] == [(True, "https://video.example.edu.cn/1"), (False, None)]

    # without a site URL there is nothing to subscribe to: the download, with how to import it
    for page in ("events/index.html", "events/series/talks/index.html", "events/talk-1/index.html"):
        html = (site / page).read_text("utf-8")
        assert "webcal:" not in html and "xy-webcal" not in html, page
        sub = re.split(r"<h2|</article>", html.split('id="subscribe"', 1)[1], maxsplit=1)[0]
        assert "导入" in sub and "xy-ics" in sub, page
