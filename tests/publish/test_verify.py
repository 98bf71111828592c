"""`xinyu verify`: a site is uploaded only with proof that xinyu's checks ran on it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import MINI_CONFIG, ROOT, run_xinyu
from xinyu.publish.verify import scan_page

DAY = "2026-11-29"
ABOUT = "# 关于\n\n关于本站。\n"


def _verify(site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    # Run outside any project: verify needs only the built files.
    return run_xinyu("verify", *extra, str(site), cwd=site.parent)


def _publish(make_project, out: str = "site") -> Path:  # type: ignore[no-untyped-def]
    root = make_project({"content/about.md": ABOUT})
    proc = run_xinyu("build", "--today", DAY, "-d", out, cwd=root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root / out


def test_demo_preview_build_passes_as_preview(demo_site: Path) -> None:
    proc = _verify(demo_site)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "通过（预览版）" in proc.stderr and "不得公开发布" in proc.stderr
    # The upload scripts ask for a publishing build: a preview is refused there.
    strict = _verify(demo_site, "--publish")
    assert strict.returncode == 1 and "这是预览版" in strict.stderr


def test_clean_publishing_build_passes_and_is_reproducible(make_project) -> None:  # type: ignore[no-untyped-def]
    site = _publish(make_project)
    proc = _verify(site)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "通过（发布版）" in proc.stderr and proc.stdout == ""
    data = json.loads((site / "xinyu-attestation.json").read_text("utf-8"))
    assert data["mode"] == "safe" and data["build_date"] == DAY and data["strict"] is True
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert set(data["pages"]) == pages and {"404.html", "index.html", "about/index.html"} <= pages
    assert "links" in data["checks"]["ran"] and data["checks"]["errors"] == data["checks"]["warnings"] == 0
    # Same input, same date: the same bytes (no wall-clock time in it).
    again = _publish(make_project, "site2")
    assert (again / "xinyu-attestation.json").read_bytes() == (site / "xinyu-attestation.json").read_bytes()
    # The publishing site passes the upload scripts' check too.
    assert _verify(site, "--publish").returncode == 0


def test_content_change_changes_the_input_hash(make_project) -> None:  # type: ignore[no-untyped-def]
    site = _publish(make_project)
    before = json.loads((site / "xinyu-attestation.json").read_text("utf-8"))["inputs"]["sha256"]
    (site.parent / "content" / "about.md").write_text(ABOUT + "\n新的一段。\n", "utf-8")
    after_site = site.parent / "site2"
    assert run_xinyu("build", "--today", DAY, "-d", str(after_site), cwd=site.parent).returncode == 0
    after = json.loads((after_site / "xinyu-attestation.json").read_text("utf-8"))["inputs"]["sha256"]
    assert before != after


def test_site_built_without_the_plugin_fails(make_project) -> None:  # type: ignore[no-untyped-def]
    config = MINI_CONFIG.replace("plugins:\n  - xinyu:\n      maintainer_email: editor@example.edu.cn\n", "")
    assert "xinyu:" not in config
    root = make_project({"content/about.md": ABOUT}, config=config)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "plain"], cwd=root,
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    result = _verify(root / "plain")
    assert result.returncode == 1
    assert "xinyu-attestation.json:1:1: 错误 verify.no-attestation" in result.stdout
    assert "没有运行 xinyu 的检查" in result.stdout and "plugins 中去掉了 xinyu" in result.stdout
    # Without the plugin the packaged theme is not added either: no page carries the crisis line.
    assert "index.html:1:1: 错误 verify.no-crisis-line 页面没有心理危机求助栏" in result.stdout
    assert "不能上传" in result.stderr


def test_page_without_crisis_line_fails_naming_it(make_project) -> None:  # type: ignore[no-untyped-def]
    site = _publish(make_project)
    page = site / "about" / "index.html"
    html = page.read_text("utf-8")
    cut = re.sub(r'<aside class="xy-crisis" id="xy-crisis".*?</aside>', "", html, count=1, flags=re.S)
    assert cut != html
    page.write_text(cut, "utf-8")
    proc = _verify(site)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert "about/index.html:1:1: 错误 verify.no-crisis-line 页面没有心理危机求助栏" in proc.stdout
    assert any(line.startswith("about/index.html:1:1: 错误 verify.page-changed") for line in lines)
    assert not any(line.startswith("index.html") for line in lines)  # the other pages are fine


def test_added_and_removed_pages_fail(make_project) -> None:  # type: ignore[no-untyped-def]
    site = _publish(make_project)
    (site / "about" / "index.html").unlink()
    (site / "extra.html").write_text((site / "index.html").read_text("utf-8"), "utf-8")
    out = _verify(site).stdout
    assert "about/index.html:1:1: 错误 verify.page-missing" in out
    assert "extra.html:1:1: 错误 verify.page-added" in out


def test_publishing_attestation_refuses_preview_marks(make_project) -> None:  # type: ignore[no-untyped-def]
    """A page that somehow carries preview marks in a 'safe' site fails, whatever its hash says."""
    site = _publish(make_project)
    page = site / "about" / "index.html"
    html = page.read_text("utf-8").replace(
        "<head>", '<head>\n<meta name="robots" content="noindex, nofollow">', 1)
    html = html.replace("<body", '<div class="xy-preview">预览版</div><span>0574-6300 0101（示例号码）</span><body', 1)
    page.write_text(html, "utf-8")
    att = site / "xinyu-attestation.json"
    data = json.loads(att.read_text("utf-8"))
    from xinyu.publish.attest import page_digest

    data["pages"]["about/index.html"] = page_digest(page)  # as if the build itself had made it
    att.write_text(json.dumps(data), "utf-8")
    proc = _verify(site)
    assert proc.returncode == 1
    for code in ("verify.preview-mark", "verify.noindex", "verify.example-number"):
        assert re.search(rf"^about/index\.html:\d+:1: 错误 {code}", proc.stdout, re.M), proc.stdout
    assert "page-changed" not in proc.stdout


def test_missing_site_dir_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_xinyu("verify", str(tmp_path / "nope"), cwd=tmp_path)
    assert proc.returncode == 2 and "不存在" in proc.stderr


def test_scan_page_finds_the_crisis_bar_and_its_numbers() -> None:
    marks = scan_page('<aside id="xy-crisis"><ul><li><a href="tel:12356">12356</a></li></ul></aside>'
                      '<footer><a href="tel:110">110</a></footer>')
    assert marks.crisis and marks.crisis_tel == 1  # the footer's number is not the crisis bar's
    empty = scan_page('<aside id="xy-crisis"><ul><li>有生命危险请立即拨打 110 或 120</li></ul></aside>'
                      '<a href="tel:110">110</a>')
    assert empty.crisis and empty.crisis_tel == 0
    assert not scan_page("<p>发布版会拒绝示例号码。</p>").example  # prose about example numbers is fine


def test_offline_bundle_verifies(demo_bundle: tuple[Path, Path]) -> None:
    """The bundle rewrites folder links after the build and leaves out 404.html: its attestation follows."""
    _, index = demo_bundle
    proc = _verify(index.parent)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "通过（预览版）" in proc.stderr


def _upload(site: Path, dest: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XINYU": f"{sys.executable} -m xinyu.cli", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(["bash", str(ROOT / "deploy" / "upload.sh"), str(site), str(dest)], capture_output=True,
                          text=True, env=env, timeout=300)


def test_upload_script_verifies_before_upload(make_project, demo_site: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dest = tmp_path / "www" / "xinyu"
    dest.mkdir(parents=True)
    (dest / "index.html").write_text("旧版", "utf-8")
    refused = _upload(demo_site, dest)  # a preview build is never uploaded
    assert refused.returncode == 1 and "上传已取消" in refused.stderr
    assert (dest / "index.html").read_text("utf-8") == "旧版" and not (tmp_path / "www" / "xinyu.new").exists()
    site = _publish(make_project)
    done = _upload(site, dest)
    assert done.returncode == 0, done.stderr
    assert (dest / "index.html").read_bytes() == (site / "index.html").read_bytes()
    assert _verify(dest).returncode == 0  # what was uploaded still verifies
