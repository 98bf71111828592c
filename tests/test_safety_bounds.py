"""Safety against editors' mistakes (issue 19): crisis lines cannot vanish, runaway series and
future dates are errors before they cost anything, national lines claim only what their source says."""

from __future__ import annotations

import datetime as dt
import time

import jinja2

from conftest import CRISIS, ROOT
from conftest import run_xinyu as xinyu
from test_events import tiny_events
from test_guides import files as guide_files
from test_guides import guide_text, line_of, question
from test_stories import STORY
from xinyu.core import Project, Settings
from xinyu.diagnostics import Diagnostics
from xinyu.kinds import event_load

NO_CRISIS = CRISIS.replace("    crisis: 1\n", "")


def diag_lines(text: str, code: str) -> list[str]:
    """The diagnostics of `code` in the CLI output."""
    return [line for line in text.splitlines() if f" {code} " in line]


def test_a_site_without_any_crisis_line_is_an_error_in_every_build(make_project) -> None:
    root = make_project({"content/services/national.yml": NO_CRISIS})
    for args in (("check",), ("build", "--preview")):
        proc = xinyu(*args, "--today", "2026-11-29", cwd=root)
        assert proc.returncode == 1, args
        found = diag_lines(proc.stdout + proc.stderr, "safety.no-crisis-line")
        assert found and found[0].startswith("content/services/national.yml:2:"), found
        assert "crisis: 1" in found[0]


def test_the_built_in_fallback_is_tap_to_call_and_the_print_footer_never_empty() -> None:
    # The theme without crisis lines (an exported site, or a theme used without the plugin).
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")), autoescape=False)
    env.filters["url"] = lambda value: value
    config = {"extra": {"xinyu": {"crisis_lines": []}}}
    bar = env.get_template("partials/xinyu-crisis.html").render(config=config)
    assert 'href="tel:110"' in bar and 'href="tel:120"' in bar
    footer = env.get_template("partials/xinyu-crisis-print.html").render(config=config)
    assert "求助：。" not in footer and "：。" not in footer
    assert 'href="tel:110"' in footer and 'href="tel:120"' in footer
    margin = env.get_template("partials/xinyu-print-style.html").render(config=config)
    assert "求助：。" not in margin and "110" in margin


RUNAWAY = tiny_events()["content/events/series.yml"].replace("last: 2026-12-31", "last: 2226-06-30")


def test_a_runaway_series_is_an_error_at_its_last_line_before_expanding(make_project) -> None:
    files = tiny_events(events="events: []\n")
    files["content/events/series.yml"] = RUNAWAY
    root = make_project(files)
    started = time.monotonic()
    proc = xinyu("check", "--today", "2026-11-29", cwd=root)
    elapsed = time.monotonic() - started
    assert proc.returncode == 1
    found = diag_lines(proc.stdout, "event.series-too-long")
    line = next(i for i, text in enumerate(RUNAWAY.splitlines(), 1) if "last: 2226" in text)
    assert found and found[0].startswith(f"content/events/series.yml:{line}:"), proc.stdout
    assert "2226-06-30" in found[0] and "199.8 年" in found[0] and "约 2398 次" in found[0]
    assert elapsed < 60  # expanding 10,000+ sessions took minutes; generous for a loaded machine


def test_the_bounds_are_settings_and_the_count_is_named(make_project) -> None:
    root = make_project(tiny_events(events="events: []\n"))  # monthly, September to December: 4 sessions
    diags = Diagnostics()
    settings = Settings(series_max_sessions=3)
    data = event_load.load(Project(root, root / "content", settings, today=dt.date(2026, 11, 29)), diags)
    [found] = [d for d in diags.sorted() if d.code == "event.series-too-many"]
    assert str(found.loc) == "content/events/series.yml:15:13" and "约 4 次" in found.message
    assert "3 次" in found.message and not [o for o in data.occurrences if o.series == "salon"]
    assert event_load.load(Project(root, root / "content", today=dt.date(2026, 11, 29)), Diagnostics()).occurrences


def test_a_school_year_series_is_within_bounds(make_project) -> None:
    root = make_project(tiny_events(events="events: []\n"))
    proc = xinyu("check", "--today", "2026-11-29", cwd=root)
    assert "event.series-too" not in proc.stdout, proc.stdout


def test_a_verification_date_in_the_future_is_an_error_at_its_line(make_project) -> None:
    future = CRISIS.replace("verified_on: 2025-01-15", "verified_on: 2027-11-20")
    root = make_project({"content/services/national.yml": future})
    for args in (("check",), ("build", "--preview")):
        proc = xinyu(*args, "--today", "2026-11-29", cwd=root)
        assert proc.returncode == 1, args
        found = diag_lines(proc.stdout + proc.stderr, "safety.future-date")
        line = next(i for i, text in enumerate(future.splitlines(), 1) if "verified_on" in text)
        assert found and found[0].startswith(f"content/services/national.yml:{line}:"), found
        assert "2027-11-20" in found[0] and "构建日期 2026-11-29" in found[0]
    assert xinyu("check", "--today", "2027-11-20", cwd=root).returncode == 0


def test_review_dates_in_the_future_are_errors_in_guides_and_stories(make_project) -> None:
    review = "review: {reviewer: 王老师, reviewed_on: 2030-01-01}\n"
    guide = guide_text([question("alpha", "第一个问题", extra=review)])
    story = STORY.replace("tags: [亲子沟通]\n", "tags: [亲子沟通]\n" + review).replace('related: ["story:liang"]\n', "")
    root = make_project(guide_files(guide, **{"content/stories/jiazhanghui.md": story}))
    proc = xinyu("check", "--today", "2026-11-29", cwd=root)
    found = diag_lines(proc.stdout, "safety.future-date")
    assert proc.returncode == 1 and len(found) == 2, proc.stdout
    assert any(f.startswith(f"guides/test.md:{line_of(guide, 'reviewed_on')}:") for f in found), found
    assert any(f.startswith(f"content/stories/jiazhanghui.md:{line_of(story, 'reviewed_on')}:") for f in found)
    assert all("reviewed_on: 2030-01-01" in f and "2026-11-29" in f for f in found)
