"""The teachers' side of the events: audiences, the 教研与培训 section, its feed and open data."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import ROOT
from kinds.event.test_events import tiny_events

TEACHER_SERIES = """\
  - id: dudao
    title: 案例督导
    kind: 案例督导
    audiences: [教师]
    organiser: 指导中心
    audience: 心理教师
    venue: room-a
"""


def _check(tmp_path: Path, series_extra: str, events: str = "events: []\n"):  # type: ignore[no-untyped-def]
    from kinds.event.test_events import SERIES
    from xinyu.kinds.event.kind import EventKind
    from xinyu.pipeline import run
    from xinyu.project import Project

    files = tiny_events(events)
    files["content/events/series.yml"] = SERIES + series_extra
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    result = run(Project(tmp_path, tmp_path / "content", preview=True), render=False, kinds=[EventKind()])
    return [d for d in result.diagnostics if not d.code.startswith("event.lock")]


def test_an_audience_outside_the_fixed_list_is_an_error_at_its_line(tmp_path: Path) -> None:
    diags = _check(tmp_path, TEACHER_SERIES.replace("[教师]", "[老师]"))
    assert diags, "an unknown audience must be refused"
    assert "教师" in "\n".join(str(d) for d in diags)  # the message lists what may be written
    line = next(i for i, ln in enumerate((tmp_path / "content/events/series.yml").read_text().splitlines(), 1)
                if "[老师]" in ln)
    assert any(d.loc.path == "content/events/series.yml" and d.loc.line == line for d in diags)


def test_a_teacher_activity_type_needs_teachers_in_its_audience(tmp_path: Path) -> None:
    diags = _check(tmp_path, TEACHER_SERIES.replace("    audiences: [教师]\n", "    audiences: [家长]\n"))
    codes = [(d.code, d.loc.line) for d in diags]
    assert ("event.audience-kind", 24) in codes, codes  # the kind: line


def test_training_needs_hours_and_a_certificate(tmp_path: Path) -> None:
    series = TEACHER_SERIES.replace("kind: 案例督导", "kind: 持证培训")
    events = "events:\n  - id: c1\n    series: dudao\n    start: 2026-10-31 08:30\n    end: \"16:30\"\n"
    diags = _check(tmp_path, series, events)
    assert [(d.code, d.loc.line) for d in diags] == [("event.training-hours", 2)]


def test_demo_has_teacher_events_of_several_types_and_two_outreach_sessions_with_lessons() -> None:
    from kinds.event.test_events import demo_occurrences

    teachers = [o for o in demo_occurrences() if o.for_teachers]
    assert len(teachers) >= 8
    assert len({o.kind for o in teachers}) >= 3
    outreach = [o for o in teachers if o.kind == "送教下乡"]
    assert len(outreach) >= 2 and all(any(b.startswith("lesson:") for b in o.brings) for o in outreach)
    assert all(o.stages for o in teachers)
    assert [o.hours for o in teachers if o.kind == "持证培训"] and all(
        o.hours and o.cert for o in teachers if o.kind == "持证培训")


def test_the_training_section_lists_teacher_events_and_the_parent_section_does_not(demo_site: Path) -> None:
    from kinds.event.test_events import demo_occurrences

    occs = demo_occurrences()
    teachers = [o for o in occs if o.for_teachers and not o.for_parents]
    training = (demo_site / "training/index.html").read_text("utf-8")
    parents = (demo_site / "events/index.html").read_text("utf-8")
    for o in teachers:
        assert f"/events/{o.id}/" in training.replace("../", "/") or f'href="../events/{o.id}/"' in training
        assert f"{o.id}/" not in parents
    assert "送教下乡" in training and "学时" in training and "龙山镇" in training
    page = (demo_site / "events/songjiao-2026-11/index.html").read_text("utf-8")
    assert "带去的课和讲义" in page and "lessons/qingxu-xiao-guaishou/" in page and "打印讲义" in page
    home = (demo_site / "index.html").read_text("utf-8")
    assert 'href="training/"' in home


def test_the_teacher_feed_parses_and_the_parent_feed_keeps_only_parent_events(demo_site: Path) -> None:
    from icalendar import Calendar

    teachers = Calendar.from_ical((demo_site / "calendar/teachers.ics").read_bytes())
    uids = [str(e["uid"]) for e in teachers.walk("VEVENT")]
    assert len(uids) >= 8 and "songjiao-2026-11@xinyu" in uids
    parents = Calendar.from_ical((demo_site / "calendar/all.ics").read_bytes())
    parent_uids = {str(e["uid"]) for e in parents.walk("VEVENT")}
    assert parent_uids and not parent_uids & set(uids)


def test_open_data_rows_carry_the_audiences(demo_site: Path) -> None:
    doc = json.loads((demo_site / "data/events.json").read_text("utf-8"))
    rows = {r["identifier"]: r for r in doc["events"]}
    assert rows["songjiao-2026-11"]["audiences"] == ["教师"]
    assert rows["songjiao-2026-11"]["activityType"] == "送教下乡"
    assert rows["cizheng-c-2026-10"]["trainingHours"] == 6 and rows["cizheng-c-2026-10"]["certificate"] == "C证"
    assert rows["shalong-2026-10"]["audiences"] == ["家长"]
    header = (demo_site / "data/events.csv").read_text("utf-8-sig").splitlines()[0].split(",")
    assert header[:3] == ["uid", "identifier", "series"] and "audiences" in header and "audience" in header


def test_demo_lock_covers_the_teacher_events() -> None:
    assert "songjiao-2027-03" in (ROOT / "content/events/sequence.lock.yml").read_text("utf-8")


def test_xinyu_new_writes_a_teacher_event_with_its_fields(tmp_path: Path) -> None:
    from conftest import copy_demo, run_xinyu

    root = copy_demo(tmp_path / "proj")
    proc = run_xinyu("new", "活动", "dudao-test", "--series", "anli-dudao", "--title", "督导测试", "--today",
                     "2026-11-29", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = (root / "content/events/events-dudao-test.yml").read_text("utf-8")
    assert "series: anli-dudao" in text and "stages: [全学段]" in text and "# brings:" in text
    parent = run_xinyu("new", "活动", "jiangzuo-test", "--series", "dajiangtang", "--today", "2026-11-29", cwd=root)
    assert parent.returncode == 0 and "stages:" not in (root / "content/events/events-jiangzuo-test.yml").read_text()


def test_the_pdf_switch_reports_the_one_line(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from xinyu import pdf

    monkeypatch.setenv("XINYU_NO_PDF", "1")
    assert pdf.unavailable() == pdf.MISSING


def test_teacher_pages_offer_the_teacher_feed_not_the_parents_one(demo_site: Path) -> None:
    for page in ("events/dudao-2026-11/index.html", "events/series/anli-dudao/index.html"):
        html = (demo_site / page).read_text("utf-8")
        assert re.search(r'href="(\.\./)+calendar/teachers\.ics"', html) and "calendar/all.ics" not in html, page


def test_the_teacher_feed_parses_in_ical_js_when_it_is_at_hand(demo_site: Path) -> None:
    """ical.js is not a project dependency: set ICALJS_DIR to a folder where `npm install ical.js` ran."""
    import os
    import shutil
    import subprocess

    folder = os.environ.get("ICALJS_DIR")
    if not folder or not shutil.which("node") or not (Path(folder) / "node_modules/ical.js").is_dir():
        import pytest

        pytest.skip("ICALJS_DIR (a folder with node_modules/ical.js) not set")
    script = ("const ICAL=require('ical.js');const fs=require('fs');"
              "const c=new ICAL.Component(ICAL.parse(fs.readFileSync(process.argv[1],'utf8')));"
              "const ev=c.getAllSubcomponents('vevent').map(v=>new ICAL.Event(v));"
              "console.log(JSON.stringify(ev.map(e=>[e.uid,e.startDate.toJSDate().toISOString()])));")
    out = subprocess.run(["node", "-e", script, str(demo_site / "calendar/teachers.ics")], cwd=folder,
                         capture_output=True, text=True, timeout=60, check=True).stdout
    events = json.loads(out)
    assert len(events) >= 8 and ["songjiao-2026-11@xinyu", "2026-11-18T05:30:00.000Z"] in events
