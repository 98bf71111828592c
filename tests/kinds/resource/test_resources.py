"""The resource library: files checked at the data's file:line, downloads, media with captions, library page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from support.golden import xinyu_check

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 60
RESOURCES = """\
resources:
  - id: ok-pdf
    title: 学习单
    type: 学习单
    file: files/ok.pdf
    stages: [初中]
    licence: CC BY 4.0
    author: 陈老师
  - id: missing
    title: 不存在的课件
    type: 课件
    file: files/nope.pptx
    stages: [初中]
    licence: CC BY 4.0
    author: 陈老师
  - id: big
    title: 太大的讲义
    type: 讲座材料
    file: files/big.pdf
    stages: [初中]
    licence: CC BY 4.0
    author: 陈老师
  - id: video
    title: 没有字幕的视频
    type: 微课视频
    file: files/clip.webm
    stages: [初中]
    licence: CC BY 4.0
    author: 陈老师
  - id: exe
    title: 安装程序
    type: 其他
    file: files/setup.exe
    stages: [初中]
    licence: CC BY 4.0
    author: 陈老师
  - id: macro
    title: 带宏的课件
    type: 课件
    file: files/kejian.pptm
    stages: [初中]
    licence: CC BY 4.0
    author: 陈老师
  - id: fake
    title: 其实是文本的 PDF
    type: 学习单
    file: files/fake.pdf
    stages: [初中]
    licence: CC BY 4.0
    author: 陈老师
"""


def _line(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


@pytest.fixture(scope="module")
def bad_check(tmp_path_factory: pytest.TempPathFactory) -> str:
    """`xinyu check` (in-process) of a tiny portal whose resources.yml names five bad files (and one good one)."""
    from conftest import CRISIS, MINI_CONFIG

    root = tmp_path_factory.mktemp("res") / "proj"
    files = root / "content/lessons/files"
    files.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MINI_CONFIG, "utf-8")
    (root / "content/index.md").write_text("# 首页\n\n[资源库](library/index.md)\n", "utf-8")
    (root / "content/services").mkdir()
    (root / "content/services/national.yml").write_text(CRISIS, "utf-8")
    (root / "content/lessons/resources.yml").write_text(RESOURCES, "utf-8")
    (files / "ok.pdf").write_bytes(PDF)
    with (files / "big.pdf").open("wb") as fh:  # sparse: 21 MB on paper, little on disk
        fh.write(PDF)
        fh.truncate(21 * 1024 * 1024)
    (files / "clip.webm").write_bytes(WEBM)
    (files / "setup.exe").write_bytes(b"MZ\x90\x00")
    (files / "kejian.pptm").write_bytes(b"PK\x03\x04")
    (files / "fake.pdf").write_text("not a pdf", "utf-8")
    (root / "content/extra.js").write_text("alert(1)", "utf-8")  # unlisted, still refused
    proc = xinyu_check(root)
    assert proc.returncode == 1, proc.stdout
    return proc.stdout


@pytest.mark.parametrize(("needle", "code"), [
    ("files/nope.pptx", "resource.missing-file"),
    ("files/big.pdf", "resource.too-large"),
    ("files/clip.webm", "resource.no-captions"),
    ("files/setup.exe", "resource.executable"),
    ("files/kejian.pptm", "resource.executable"),
    ("files/fake.pdf", "resource.mismatch"),
])
def test_a_bad_file_fails_the_check_at_the_data_line(bad_check: str, needle: str, code: str) -> None:
    line = _line(RESOURCES, needle)
    assert re.search(rf"content/lessons/resources\.yml:{line}:\d+: 错误 {re.escape(code)} ", bad_check), bad_check


def test_the_size_is_shown_with_the_limit_and_unlisted_scripts_are_refused(bad_check: str) -> None:
    assert "21.0 MB，超过上限 20 MB" in bad_check
    assert "content/extra.js:1:1: 错误 resource.executable" in bad_check
    assert "ok.pdf" not in bad_check  # the good file draws nothing


def test_size_text_reads_like_the_issue_asks() -> None:
    from xinyu.kinds.resource.render import size_text

    assert size_text(int(1.2 * 1024 * 1024)) == "1.2 MB" and size_text(34 * 1024) == "34 KB" and size_text(10) == "1 KB"


def _demo_items():  # type: ignore[no-untyped-def]
    from xinyu.kinds.resource.kind import KIND
    from xinyu.pipeline import run
    from xinyu.project import Project

    result = run(Project(ROOT, ROOT / "content", preview=True), render=False, kinds=[KIND])
    assert not [d for d in result.diagnostics if d.code.startswith("resource.")]
    return result.site.entries["resource"]


def test_demo_library_has_ten_resources_of_four_types_and_no_large_binary() -> None:
    items = _demo_items()
    assert len(items) >= 10 and len({i.res.type for i in items}) >= 4
    media = [i for i in items if i.ext in {".webm", ".mp4"} and i.captions_uri
             and any(r.startswith("release:") for r in i.res.used_in)]
    assert len(media) >= 3
    for path in (ROOT / "content").rglob("*"):
        if path.suffix.lower() in {".pdf", ".pptx", ".docx", ".xlsx", ".mp3", ".mp4", ".webm", ".png", ".jpg"}:
            assert path.stat().st_size < 1024 * 1024, path


def test_each_resource_is_reachable_from_its_owner_and_the_library(demo_site: Path) -> None:
    from xinyu.kinds.resource.render import label

    library = (demo_site / "library/index.html").read_text("utf-8")
    owners = {"lesson": "lessons/{}/index.html", "event": "events/{}/index.html", "release": "events/weike/index.html"}
    for item in _demo_items():
        name = Path(item.file_uri).name
        assert f'id="{item.res.id}"' in library and name in library and label(item) in library
        for raw in item.res.used_in:
            scheme, ident = raw.split(":", 1)
            if scheme == "guide":
                guide, q = ident.split("#")
                page = demo_site / f"guides/{guide}/{q}/index.html"
            else:
                page = demo_site / owners[scheme].format(ident)
            html = page.read_text("utf-8")
            assert name in html and label(item).split(" · ")[0] in html, (raw, name)
        assert (demo_site / item.file_uri).is_file()
    assert "（PDF · " in (demo_site / "lessons/qingxu-xiao-guaishou/index.html").read_text("utf-8")


def test_release_pages_use_the_browsers_own_player_with_captions(demo_site: Path) -> None:
    html = (demo_site / "events/weike/index.html").read_text("utf-8")
    videos = re.findall(r'<video [^>]*src="([^"]+)"[^>]*><track kind="captions" src="([^"]+)"', html)
    assert len(videos) >= 3
    for src, vtt in videos:
        assert (demo_site / "events/weike" / src).is_file() and (demo_site / "events/weike" / vtt).is_file()
    assert "<audio " in html and "<script" not in html.split('class="xy-releases"')[1].split("</ol>")[0]


def test_source_yaml_is_not_published(demo_site: Path) -> None:
    assert not list(demo_site.rglob("resources.yml"))


@pytest.mark.browser
def test_a_release_video_loads_its_captions_track(browser, demo_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(demo_url + "events/weike/")
    video = page.locator("video.xy-media").first
    video.scroll_into_view_if_needed()
    cues = page.wait_for_function(
        """() => { const v = document.querySelector('video.xy-media'); const t = v && v.textTracks[0];
                   if (!t) return null; t.mode = 'showing';
                   return t.cues && t.cues.length ? Array.from(t.cues).map(c => c.text) : null; }""",
        timeout=15000)
    texts = cues.json_value()
    assert texts and "开学第一课" in texts[0]
    assert page.evaluate("document.querySelector('video.xy-media track').readyState") == 2  # LOADED
    page.close()


def test_the_bundle_warns_past_its_size_and_carries_the_files(tmp_path: Path, demo_bundle) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    from xinyu.publish.bundle import size_warning

    zip_path, _index = demo_bundle
    names = zipfile.ZipFile(zip_path).namelist()
    for want in ("events/weike/weike-01.webm", "events/weike/weike-01.vtt", "lessons/files/hezuo-hua-xuexidan.docx"):
        assert any(n.endswith(want) for n in names), want
    assert size_warning(zip_path, 1000) is None
    line = size_warning(zip_path, 0.5)
    assert line is not None and "警告 bundle.large" in line and "bundle_warn_mb" in line


def test_search_indexes_the_library_and_the_training_section(demo_site: Path) -> None:
    docs = "".join(p.read_text("utf-8") for p in (demo_site / "search").glob("d*.js"))
    assert '["library/","教师资源库"' in docs and '["training/","教研与培训"' in docs
