"""The portal home and the reader-facing polish, checked in the generated HTML (no browser)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import ROOT
from kinds.lesson.test_lessons import lesson


def visible_events(home: str) -> list[str]:
    """Ids of the "近期活动" items a reader sees without JavaScript (not `hidden`)."""
    block = home[home.index('class="xy-home-events'):]
    block = block[:block.index("</ul>")]
    return re.findall(r'<li class="xy-event" data-date="[^"]+">.*?href="events/([a-z0-9-]+)/"', block)


def expected_next(site: Path, today: str, n: int = 3) -> list[str]:
    """The next `n` not cancelled events on or after `today`, from the site's own open data."""
    rows = json.loads((site / "data/events.json").read_text("utf-8"))["events"]
    rows = [r for r in rows if r["startDate"][:10] >= today and r["status"] != "cancelled"]
    return [r["identifier"] for r in sorted(rows, key=lambda r: (r["startDate"], r["identifier"]))][:n]


def test_this_month_shows_the_next_events_of_the_build_date(demo_site: Path, tmp_path: Path, xinyu) -> None:
    home = (demo_site / "index.html").read_text("utf-8")
    shown = visible_events(home)
    assert len(shown) == 3 and shown == expected_next(demo_site, "2026-11-29")
    later = tmp_path / "site"
    proc = xinyu("build", "--preview", "--today", "2027-03-15", "-d", str(later), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    shown_later = visible_events((later / "index.html").read_text("utf-8"))
    assert shown_later == expected_next(later, "2027-03-15") and not set(shown) & set(shown_later)


def test_home_has_roles_search_form_latest_weike_and_questions(demo_site: Path) -> None:
    home = (demo_site / "index.html").read_text("utf-8")
    article = home[home.index("<article"):home.index("</article>")]
    for role in ("我是教师", "我是家长", "我是学生"):
        assert role in article
    assert "编辑指南" not in article.split("示例内容")[0]  # the editors' card moved to the about page
    assert "editors/" in (demo_site / "about/index.html").read_text("utf-8")
    form = re.search(r'<form [^>]*class="xy-home-search"[^>]*>', article)
    assert form and 'role="search"' in form.group(0) and 'name="q"' in article
    assert 'action="#wo-shi"' in form.group(0) and 'id="wo-shi"' in article  # leads somewhere without JS
    weike = re.findall(r'<li data-release="([\d-]+)">', article)  # the shown one only
    assert weike == ["2026-11-15"] or (len(weike) == 1 and weike[0] <= "2026-11-29")
    questions = article[article.index('class="xy-home-questions"'):]
    assert len(re.findall(r'href="guides/[a-z0-9-]+/[a-z0-9-]+/"', questions[:questions.index("</ul>")])) == 4
    # the crisis line is the bar's job: no danger box repeating it in the home's first screen
    assert "admonition danger" not in article and "tel:12356" not in article


def test_the_site_has_its_own_logo_not_materials(demo_site: Path) -> None:
    home = (demo_site / "index.html").read_text("utf-8")
    assert 'src="assets/images/logo.svg"' in home and 'href="assets/images/logo.svg"' in home  # logo, favicon
    assert (demo_site / "assets/images/logo.svg").read_text("utf-8").startswith("<svg")


def test_no_doubled_quotes_and_24h_once_per_line(demo_site: Path) -> None:
    for page in demo_site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert "““" not in text and "””" not in text, page
    events = (demo_site / "events/series/gongchengzhang/index.html").read_text("utf-8")
    assert "订阅“我与孩子共成长”家长沙龙日历" in events or "下载“我与孩子共成长”家长沙龙日历文件" in events
    directory = (demo_site / "services/index.html").read_text("utf-8")
    assert 'class="xy-hours xy-hours--always">24小时' in directory  # open-now.js' 24小时 is hidden there


def test_handout_css_only_on_handouts(demo_site: Path) -> None:
    lesson_page = (demo_site / "lessons/hezuo-hua/index.html").read_text("utf-8")
    handout = (demo_site / "lessons/hezuo-hua/print/index.html").read_text("utf-8")
    assert "handout.css" not in lesson_page and "handout.css" in handout
    assert ".md-skip" not in (demo_site / "assets/stylesheets/handout.css").read_text("utf-8")


def test_editor_metadata_only_in_preview_builds(make_project, xinyu) -> None:
    root = make_project({"content/lessons/ceshi-ke.md": lesson()})
    proc = xinyu("build", "--today", "2026-11-29", cwd=root)
    assert proc.returncode == 0, proc.stderr
    page = (root / "site/lessons/ceshi-ke/index.html").read_text("utf-8")
    assert "测试课：情绪温度计" in page and "审核" not in page and "尚未审核" not in page
    preview = xinyu("build", "--preview", "--today", "2026-11-29", cwd=root)
    assert preview.returncode == 0, preview.stderr
    assert "尚未审核" in (root / "site/lessons/ceshi-ke/index.html").read_text("utf-8")


def test_a_home_without_markers_is_published_as_written(make_project, xinyu) -> None:
    root = make_project({"content/index.md": "# 首页\n\n欢迎来到本校心理健康教育资源站。\n"})
    proc = xinyu("build", "--today", "2026-11-29", cwd=root)
    assert proc.returncode == 0, proc.stderr
    home = (root / "site/index.html").read_text("utf-8")
    assert "欢迎来到本校心理健康教育资源站" in home and "xy-home-search" not in home and "本月" not in home


def test_home_markers_in_a_tiny_project_without_events(make_project, xinyu) -> None:
    text = "# 首页\n\n<!-- xinyu:search -->\n\n## 栏目 {#wo-shi}\n\n<!-- xinyu:this-month -->\n"
    root = make_project({"content/index.md": text})
    proc = xinyu("build", "--today", "2026-11-29", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    home = (root / "site/index.html").read_text("utf-8")
    assert 'class="xy-home-search"' in home and 'class="xy-month-cards"' in home and "xinyu:" not in home
    assert "近期活动" not in home  # no events section, no card (and no link to a page that does not exist)
