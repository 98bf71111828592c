"""The hotline and service directory, built for real: pages, network, clinic, open data, safety."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import uuid
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
import yaml

from conftest import MINI_CONFIG, ROOT
from conftest import run_xinyu as xinyu
from kinds.service.test_phones import dialled
from support.golden import xinyu_check

TOWNS = ("浒山街道 白沙路街道 古塘街道 宗汉街道 坎墩街道 观海卫镇 周巷镇 龙山镇 掌起镇 附海镇 桥头镇 匡堰镇 "
         "逍林镇 新浦镇 胜山镇 横河镇 崇寿镇 天元镇 长河镇 庵东镇").split()

# The tiny-site config of conftest.py, plus the directory's stylesheet, open-now.js and a nav.
CONFIG = MINI_CONFIG.replace(
    "  - assets/stylesheets/xinyu.css\n",
    "  - assets/stylesheets/xinyu.css\n  - assets/stylesheets/services.css\n"
    "extra_javascript:\n  - assets/javascripts/open-now.js\n",
) + "nav:\n  - 首页: index.md\n  - 热线与服务: services/index.md\n"

# A verified office-hours line (Mon–Fri 08:30–17:00) whose name tries to break out of the page.
OFFICE = """\
services:
  - id: bangong-rexian
    name: 测试热线</script><script>alert(1)</script>
    operator: 测试中心
    level: 市
    area: 慈溪市
    type: 心理援助
    summary: 工作日开放的测试热线。
    channels:
      - number: "0574-8765 4321"
        hours:
          weekly:
            - {days: 一至五, opens: "08:30", closes: "17:00"}
    verification: {verified_on: 2026-11-01, verified_by: 测试编辑, method: 拨打核实, source: 测试}
  - id: weihe-shi
    name: 未核实的服务
    level: 市
    type: 青少年服务
    channels:
      - number: "0574-8765 4322"
        hours: {text: 工作日白天}
"""


def service_files() -> dict[str, str]:
    """The repository's own directory content (services and 校历)."""
    files = {f"content/services/{p.name}": p.read_text("utf-8") for p in (ROOT / "content/services").glob("*.yml")}
    files["content/school-calendar.yml"] = (ROOT / "content/school-calendar.yml").read_text("utf-8")
    files["content/index.md"] = "# 首页\n\n[热线与服务](services/index.md)\n"
    return files


def write(root: Path, files: dict[str, str]) -> None:
    """Write a project of `files` (the theme comes with the package)."""
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")


def build_services_site(root: Path, *, today: str = "2026-11-29") -> Path:
    """A preview build of the directory content (plus OFFICE) in `root`; returns site/."""
    write(root, {"mkdocs.yml": CONFIG, **service_files(), "content/services/zz-office.yml": OFFICE})
    proc = xinyu("build", "--preview", "--today", today, cwd=root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_services_site(tmp_path_factory.mktemp("services"))


def page(site: Path, uri: str) -> str:
    return (site / uri / "index.html").read_text("utf-8")


def article(text: str) -> str:
    """The page's content, without navigation and table of contents."""
    return text[text.index("<article"):text.index("</article>")]


def scripts(text: str, kind: str) -> list[str]:
    return re.findall(rf'<script type="{re.escape(kind)}"[^>]*>(.*?)</script>', text, re.S)


def test_directory_home_lists_crisis_lines_first_then_by_need(site: Path) -> None:
    text = article(page(site, "services"))
    heads = re.findall(r"<h2[^>]*>(.*?)<", text)
    assert heads[:5] == ["紧急求助", "心理援助", "家庭教育指导", "青少年", "医院门诊"]
    crisis = text[text.index("紧急求助"):text.index(">心理援助<")]
    numbers = ["12356", "12355", "110", "120"]
    assert [m for m in numbers if f'href="tel:{m}"' in crisis] == numbers
    assert 'href="network/"' in text and 'href="../data/services.json"' in text


def test_example_numbers_are_marked_and_never_linked(site: Path) -> None:
    text = page(site, "services/jiating-jiaoyu-rexian")
    assert "0574-6300 0001（示例号码）" in text and "tel:+86-574-6300-0001" not in text
    assert 'class="xy-badge xy-badge--warn">示例<' in text
    directory = page(site, "services")
    assert "tel:+86-574-6300" not in directory and directory.count(">示例<") >= 5


def test_unverified_entry_is_badged_in_preview(site: Path) -> None:
    text = article(page(site, "services/weihe-shi"))
    assert 'class="xy-badge xy-badge--warn">待核实<' in text and "尚未核实" in text


def test_service_page_has_report_link_qr_code_and_hours_as_text(site: Path) -> None:
    for folder in sorted((site / "services").iterdir()):
        if not (folder / "index.html").is_file() or folder.name == "network":
            continue
        text = (folder / "index.html").read_text("utf-8")
        if folder.name == "services":
            continue
        m = re.search(r'class="xy-report" href="mailto:([^"?]+)\?subject=([^"&]+)', text)
        assert m, folder.name
        assert m.group(1) == "editor@example.edu.cn" and f"service:{folder.name}" in unquote(m.group(2))
        assert re.search(r'<figure class="xy-qr"><svg [^>]*class="segno"', text), folder.name
        assert f"<figcaption>https://example.edu.cn/xinyu/services/{folder.name}/</figcaption>" in text
    office = page(site, "services/bangong-rexian")
    assert "周一至五 08:30–17:00" in office and "法定节假日休息，调休上班日按工作日时间开放" in office
    assert "2027 年的法定节假日和调休安排尚未收录" in office


def test_data_in_script_tags_cannot_close_the_tag(site: Path) -> None:
    text = page(site, "services/bangong-rexian")
    assert "<script>alert(1)" not in text
    for kind in ("application/json", "application/ld+json"):
        for body in scripts(text, kind):
            assert "<" not in body
            json.loads(body)


def test_network_page_lists_every_town_and_street_by_level(site: Path) -> None:
    text = article(page(site, "services/network"))
    heads = re.findall(r"<h2[^>]*>(.*?)<", text)
    assert heads == ["市级", "镇（街道）级", "村（社区）级"]
    town_part = text[text.index("镇（街道）级"):text.index("村（社区）级")]
    for town in TOWNS:
        assert f"{town}家庭教育指导服务站" in town_part, town
    village = text[text.index("村（社区）级"):]
    assert "浒山街道示例社区家长学校" in village


def test_clinic_page_shows_four_sessions_booking_and_insurance(site: Path) -> None:
    text = article(page(site, "services/fenzhendian"))
    assert "每周 4 次" in text
    table = text[text.index('id="clinic"'):text.index('id="booking"')]
    assert len(re.findall(r"<td>周[一二三四五六日]</td>", table)) == 4
    assert 'id="booking"' in text and 'id="insurance"' in text and "医保" in text
    ld = [json.loads(s) for s in scripts(text, "application/ld+json")]
    assert ld[0]["@type"] == "MedicalClinic" and len(ld[0]["openingHoursSpecification"]) == 4


def test_json_ld_government_service_with_contact_points(site: Path) -> None:
    ld = json.loads(scripts(page(site, "services/bangong-rexian"), "application/ld+json")[0])
    assert ld["@type"] == "GovernmentService"
    point = ld["availableChannel"][0]["servicePhone"]
    assert point["@type"] == "ContactPoint" and point["telephone"] == "+86-574-8765-4321"
    assert point["hoursAvailable"][0]["dayOfWeek"][:2] == ["Monday", "Tuesday"]
    assert point["hoursAvailable"][0]["opens"] == "08:30"
    example = json.loads(scripts(page(site, "services/jiating-jiaoyu-rexian"), "application/ld+json")[0])
    assert "telephone" not in example["availableChannel"][0]["servicePhone"]


def test_open_data_validates_against_vendored_hsds_schema(site: Path) -> None:
    schema = json.loads((ROOT / "src/xinyu/data/hsds/compiled-service.json").read_text("utf-8"))
    assert (ROOT / "src/xinyu/data/hsds/LICENSE").is_file()
    doc = json.loads((site / "data/services.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for service in doc["services"]:
        errors = sorted(validator.iter_errors(service), key=str)
        assert not errors, (service["name"], [e.message for e in errors])
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, "xinyu")
    by_slug = {s["alternate_name"]: s for s in doc["services"]}
    assert by_slug["12356"]["id"] == str(uuid.uuid5(namespace, "service:12356"))
    assert by_slug["12356"]["phones"][0]["number"] == "12356"
    office = by_slug["bangong-rexian"]["schedules"][0]
    assert (office["byday"], office["opens_at"], office["closes_at"]) == ("MO,TU,WE,TH,FR", "08:30", "17:00")
    assert {t for t in TOWNS} <= {s["service_areas"][0]["name"] for s in doc["services"]}
    assert "测试编辑" not in json.dumps(doc, ensure_ascii=False)  # verifiers' names are not public
    rows = list(csv.DictReader(io.StringIO((site / "data/services.csv").read_text("utf-8-sig"))))
    assert len(rows) >= len(doc["services"]) and rows[0]["service_id"] == doc["services"][0]["id"]
    assert not list(site.rglob("*.yml"))


def test_crisis_lines_feed_the_shell_with_hours(site: Path) -> None:
    text = page(site, "services")
    m = re.search(r'<aside class="xy-crisis".*?</aside>', text, re.S)
    assert m and 'href="tel:12356"' in m.group(0)
    import datetime as dt

    from xinyu.kinds.service.kind import KIND
    from xinyu.pipeline import run
    from xinyu.project import Project, Settings

    root = site.parent
    result = run(Project(root, root / "content", Settings(), True, dt.date(2026, 11, 29)), kinds=[KIND])
    lines = result.extra["crisis_lines"]
    assert [x["display"] for x in lines] == ["12356", "12355", "110", "120"]
    assert set(lines[0]) >= {"name", "display", "tel", "example", "hours", "url", "key", "open"}
    # 12356's hours are set by each city (以当地公布为准): no open / closed status, 110 and 120 instead.
    assert lines[0]["open"] == {} and lines[0]["local"] and lines[0]["tel"] == "tel:12356"
    assert [a["tel"] for a in lines[0]["fallback"]] == ["tel:110", "tel:120"]
    assert lines[2]["open"] == {"always": True}


# A crisis line that answers 08:00–22:00 every day, placed second in the crisis bar.
EVENING_CRISIS = """\
services:
  - id: wanjian-rexian
    name: 测试夜间热线
    operator: 测试中心
    level: 市
    type: 心理援助
    crisis: 2
    channels:
      - number: "0574-8765 4323"
        hours:
          weekly:
            - {days: 一至日, opens: "08:00", closes: "22:00"}
          holidays: 照常
    verification: {verified_on: 2026-11-01, verified_by: 测试编辑, method: 拨打核实, source: 测试}
"""


def test_crisis_bar_needs_no_script_when_every_line_is_24_hour_or_text(site: Path) -> None:
    bar = re.search(r'<aside class="xy-crisis".*?</aside>', page(site, "services"), re.S)
    assert bar and "xy-hours-data" not in bar.group(0) and "data-xy-open" not in bar.group(0)


def test_crisis_line_with_limited_hours_carries_its_hours_data(tmp_path: Path) -> None:
    write(tmp_path, {"mkdocs.yml": CONFIG, **service_files(), "content/services/zz-evening.yml": EVENING_CRISIS})
    proc = xinyu("build", "--preview", "--today", "2026-11-29", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    bar = re.search(r'<aside class="xy-crisis".*?</aside>', (tmp_path / "site/index.html").read_text("utf-8"), re.S)
    assert bar
    spots = re.findall(r'data-xy-open="([^"]+)"', bar.group(0))
    assert spots == ["wanjian-rexian-0"]  # the 24-hour lines need no status
    data = json.loads(re.search(r'class="xy-hours-data">(.*?)</script>', bar.group(0), re.S).group(1))  # type: ignore[union-attr]
    assert data["lines"]["wanjian-rexian-0"]["open"]["week"][0] == [[480, 1320]]
    assert data["fallback"][0] == "12356-0" and data["lines"]["110-0"]["open"] == {"always": True}


def test_no_24_hour_crisis_line_is_a_warning(tmp_path: Path) -> None:
    national = (ROOT / "content/services/national.yml").read_text("utf-8")
    national = national.replace("always: true", "weekly: [{days: 一至五, opens: \"08:00\", closes: \"17:00\"}]")
    write(tmp_path, {"mkdocs.yml": CONFIG, **service_files(), "content/services/national.yml": national})
    proc = xinyu_check(tmp_path, "--today", "2026-11-29")
    line = next(i for i, text in enumerate(national.splitlines(), 1) if "crisis: 1" in text)
    assert f"content/services/national.yml:{line}:13: 警告 safety.crisis-not-24h" in proc.stdout, proc.stdout


def _entries(path: Path) -> list[tuple[int, str]]:
    """(line, id) of every service in a services file, as the loader locates them."""
    from xinyu.diagnostics import Diagnostics
    from xinyu.text.yamlio import load_yaml

    doc = load_yaml(path, path.name, Diagnostics())
    assert doc is not None
    return [(doc.loc(("services", i, "id")).line, s["id"]) for i, s in enumerate(doc.data["services"])]


def test_publishing_the_demo_lists_every_example_entry(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(".git", ".venv", "site", "tests", "*.egg-info",
                                                              "__pycache__", ".site-*"))
    proc = xinyu("build", "--today", "2026-11-29", cwd=root)
    assert proc.returncode == 1 and not (root / "site").exists()
    expected = 0
    for path in sorted((ROOT / "content/services").glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for (line, sid), raw in zip(_entries(path), data["services"], strict=True):
            if raw.get("example"):
                expected += 1
                assert re.search(rf"content/services/{path.name}:{line}:\d+: 错误 safety.example .*service:{sid}",
                                 proc.stderr), (path.name, sid)
    assert expected >= 25  # the centre, the schools, every town and street
    assert "content/school-calendar.yml:" in proc.stderr


def _verified(text: str) -> str:
    data = yaml.safe_load(text)
    for s in data.get("services", []):
        s.pop("example", None)
        s["verification"] = {"verified_on": "2026-11-20", "verified_by": "测试编辑", "method": "拨打核实",
                             "source": "测试核实"}
    data.pop("example", None)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_publishing_succeeds_once_every_entry_is_verified(tmp_path: Path) -> None:
    files = {k: (_verified(v) if k.endswith(".yml") else v) for k, v in service_files().items()}
    write(tmp_path, {"mkdocs.yml": CONFIG, **files})
    proc = xinyu("build", "--today", "2026-11-29", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    text = page(tmp_path / "site", "services/jiating-jiaoyu-rexian")
    assert 'href="tel:+86-574-6300-0001">0574-6300 0001</a>' in text and "示例号码" not in text
    # Past the review date (180 days by default) the same content is refused again.
    proc = xinyu("build", "--today", "2027-06-01", cwd=tmp_path)
    assert proc.returncode == 1 and "safety.review-overdue" in proc.stderr
    assert "content/services/centre.yml:" in proc.stderr


def test_every_tel_link_dials_the_number_shown(demo_site: Path) -> None:
    links = 0
    for path in demo_site.rglob("*.html"):
        for href, inner in re.findall(r'<a\b[^>]*href="(tel:[^"]*)"[^>]*>(.*?)</a>', path.read_text("utf-8"), re.S):
            shown = re.sub(r"\D", "", html.unescape(re.sub(r"<[^>]+>", "", inner)))
            assert dialled(html.unescape(href)) == shown, (path, href, inner)
            links += 1
    assert links > 100
