"""Safety against editors' mistakes (issue 19): crisis lines cannot vanish, runaway series and
future dates are errors before they cost anything, national lines claim only what their source says."""

from __future__ import annotations

import datetime as dt
import re
import time

import jinja2
import yaml

from conftest import CRISIS, ROOT
from conftest import run_xinyu as xinyu
from kinds.event.test_events import tiny_events
from support.golden import xinyu_check
from xinyu.diagnostics import Diagnostic, Diagnostics
from xinyu.kinds.event import load as event_load
from xinyu.kinds.service.hours import known_years_note, next_days
from xinyu.kinds.service.model import File as ServiceFile
from xinyu.kinds.service.model import Service
from xinyu.model import choices, validate
from xinyu.project import Project, Settings
from xinyu.text.yamlio import parse_yaml

NO_CRISIS = CRISIS.replace("    crisis: 1\n", "")


def diag_lines(text: str, code: str) -> list[str]:
    """The diagnostics of `code` in the CLI output."""
    return [line for line in text.splitlines() if re.match(r"\S+:\d+:\d+: ", line) and f" {code} " in line]


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
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "src/xinyu/theme")), autoescape=False)
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
    proc = xinyu_check(root, "--today", "2026-11-29")
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
    assert xinyu_check(root, "--today", "2027-11-20").returncode == 0


# --- Messages that say what to write instead, at the line that is wrong ---------------------------

ENTRY = """\
services:
  - id: ceshi
    name: 测试热线
    level: 市
    type: 心理援助
    channels:
      - number: "0574-8765 4321"
        hours:
          weekly:
            - {days: 一至五, opens: "08:30", closes: "17:00"}
"""


def check_services(text: str) -> list[Diagnostic]:
    """The diagnostics of loading `text` as a services file (no build)."""
    diags = Diagnostics()
    doc = parse_yaml(text, "content/services/x.yml", diags)
    assert doc is not None
    if validate(ServiceFile, doc.data, doc, diags) is not None:
        for i, raw in enumerate(doc.data["services"]):
            validate(Service, raw, doc, diags, ("services", i))
    return diags.sorted()


def only(diags: list[Diagnostic]) -> Diagnostic:
    """The one diagnostic."""
    assert len(diags) == 1, [str(d) for d in diags]
    return diags[0]


def line(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    return next(i for i, t in enumerate(text.splitlines(), 1) if needle in t)


def test_an_extension_in_the_number_says_how_to_write_it() -> None:
    text = ENTRY.replace('"0574-8765 4321"', '"0574-6300 0000转801"')
    d = only(check_services(text))
    assert d.loc.line == line(text, "number:") and "分机" in d.message
    assert 'number: "0574-6300 0000"' in d.message and 'ext: "801"' in d.message


def test_an_extension_is_shown_as_zhuan_and_dialled_after_a_pause() -> None:
    text = ENTRY.replace('"0574-8765 4321"\n', '"0574-8765 4321"\n        ext: "801"\n')
    assert check_services(text) == []
    channel = Service.model_validate(yaml.safe_load(text)["services"][0]).channels[0]
    assert channel.phone.display == "0574-8765 4321 转801" and channel.phone.tel == "tel:+86-574-8765-4321,801"
    bad = only(check_services(text.replace('ext: "801"', "ext: 转801")))
    assert bad.loc.line == line(text, "ext:") and 'ext: "801"' in (bad.hint or "")


def test_an_overnight_line_is_told_to_split_over_two_days_with_the_yaml_to_write() -> None:
    text = ENTRY.replace('opens: "08:30", closes: "17:00"', 'opens: "17:00", closes: "08:00"')
    d = only(check_services(text))
    assert d.loc.line == line(text, "days:")
    assert '- {days: 一至五, opens: "17:00", closes: "24:00"}' in d.message
    assert '- {days: 二至六, opens: "00:00", closes: "08:00"}' in d.message
    assert next_days("日") == "一" and next_days("每天") == "每天" and next_days("五、六") == "六、日"


def test_text_where_hours_belong_gets_the_expected_shape() -> None:
    text = ENTRY.replace('        hours:\n          weekly:\n            - {days: 一至五, opens: "08:30", closes: "17:00"}\n',
                         "        hours: 24小时\n")
    d = only(check_services(text))
    assert d.loc.line == line(text, "hours:") and "24小时" in d.message
    assert "hours: {always: true}" in (d.hint or "") and "local: true" in (d.hint or "")


def test_an_empty_file_or_a_bare_list_is_told_to_start_with_services() -> None:
    for text in ("", "- id: ceshi\n  name: 测试\n"):
        d = only(check_services(text))
        assert d.loc.line == 1 and "services:" in d.message and "第一行写 services:" in (d.hint or ""), d


def test_a_javascript_url_is_reported_at_the_url_line() -> None:
    text = ENTRY.replace("    type: 心理援助\n", "    type: 心理援助\n    url: javascript:alert(1)\n")
    d = only(check_services(text))
    assert d.loc.line == line(text, "url:") and "https://" in d.message


def test_choice_lists_are_chinese() -> None:
    d = only(check_services(ENTRY.replace("level: 市", "level: 乡")))
    assert d.message.endswith("‘全国’、‘市’、‘镇街道’、‘村社区’或‘学校’") and " or " not in d.message
    assert choices("'小学', '初中' or '高中'") == "‘小学’、‘初中’或‘高中’" and choices("'是'") == "‘是’"


def test_the_holiday_note_names_no_library() -> None:
    note = known_years_note(dt.date(2026, 11, 29))
    assert "holidays" not in note and "库" not in note and note.startswith("法定节假日与调休安排：")


# --- National lines state only what their source says ------------------------------------------

LOCAL_LINES = """\
services:
  - id: "12356"
    name: 全国统一心理援助热线
    type: 心理援助
    crisis: 1
    channels:
      - number: "12356"
        hours: {local: true, note: 各地每天至少 18 小时，以当地公布为准}
    verification:
      method: 官方公布
      source: 国家卫生健康委公告
  - id: "110"
    name: 报警电话
    type: 应急
    crisis: 2
    channels:
      - number: "110"
        hours: {always: true}
    verification: {verified_on: 2026-11-01, verified_by: 测试编辑, method: 官方公布, source: 测试}
"""


def test_a_line_with_local_hours_shows_no_status_and_points_to_the_always_open_lines(make_project) -> None:
    root = make_project({"content/services/national.yml": LOCAL_LINES})
    proc = xinyu("build", "--preview", "--today", "2026-11-29", cwd=root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    bar = re.search(r'<aside class="xy-crisis".*?</aside>', (root / "site/index.html").read_text("utf-8"), re.S)
    assert bar
    first = re.search(r'<li class="xy-crisis__line">.*?</li>', bar.group(0), re.S)
    # The local line names the always-open line, which has its own call button in the same bar.
    assert first and "以当地公布为准" in first.group(0) and "未接通时可拨打全天开放的报警电话 110" in first.group(0)
    assert '<a class="xy-crisis__tel" href="tel:110">110</a>' in bar.group(0)
    assert "data-xy-open" not in bar.group(0) and "xy-hours-data" not in bar.group(0)
    page = (root / "site/services/12356/index.html").read_text("utf-8")
    contact = page[page.index('id="contact"'):page.index('id="info"')]
    assert 'data-xy-open="12356-0"' not in contact and "未接通时可拨打全天开放的报警电话" in contact
    assert "尚未由本地编辑核实" in page and "国家卫生健康委公告" in page


def test_the_demo_national_lines_claim_no_more_than_their_source() -> None:
    data = yaml.safe_load((ROOT / "content/services/national.yml").read_text("utf-8"))
    by_id = {s["id"]: s for s in data["services"]}
    hours = by_id["12356"]["channels"][0]["hours"]
    assert hours.get("local") is True and not hours.get("always") and "当地公布" in hours["note"]
    for s in data["services"]:
        assert "verified_on" not in s["verification"] and "verified_by" not in s["verification"], s["id"]

