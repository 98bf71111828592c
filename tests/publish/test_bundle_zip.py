"""`xinyu bundle` on tiny projects: a reproducible zip with ASCII names and file links."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from xinyu.publish.bundle import link_folders_to_files

PAGES = {
    "content/index.md": "# 首页\n\n[深层页面](help/deep/index.md) · [热线](services/index.md)\n",
    "content/help/deep/index.md": "# 深层页面\n\n打 [热线](service:12356)。[回首页](../../index.md)\n",
}


def _bundle(root: Path, out: Path, *args: str, seed: str = "0") -> subprocess.CompletedProcess[str]:
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, "-m", "xinyu.cli", "bundle", "-o", str(out), *args], cwd=root,
                          capture_output=True, text=True, env=env, timeout=300)


def test_bundle_is_a_reproducible_zip_of_html_links(make_project, tmp_path: Path) -> None:
    root = make_project(PAGES)
    one = _bundle(root, tmp_path / "one", "--today", "2025-03-01", seed="1")
    assert one.returncode == 0, one.stderr
    two = _bundle(root, tmp_path / "two", "--today", "2025-03-01", seed="2")
    assert two.returncode == 0, two.stderr
    first = tmp_path / "one/xinyu-offline-2025-03-01.zip"
    assert first.read_bytes() == (tmp_path / "two/xinyu-offline-2025-03-01.zip").read_bytes()
    with zipfile.ZipFile(first) as zf:
        infos = zf.infolist()
        index = zf.read("xinyu-offline-2025-03-01/index.html").decode("utf-8")
        deep = zf.read("xinyu-offline-2025-03-01/help/deep/index.html").decode("utf-8")
        readme = zf.read("xinyu-offline-2025-03-01/README.txt").decode("utf-8-sig")
    assert {i.date_time for i in infos} == {(2025, 3, 1, 12, 0, 0)}
    assert all(i.filename.isascii() and i.filename.startswith("xinyu-offline-2025-03-01/") for i in infos)
    assert not any(i.filename.endswith((".map", "/404.html")) for i in infos)
    assert 'href="help/deep/index.html"' in index and 'href="services/index.html"' in index
    assert 'href="../../services/12356.html"' in deep and 'href="../../index.html"' in deep
    assert "index.html" in readme and "2025-03-01" in readme


def test_bundle_refuses_non_ascii_file_names(make_project, tmp_path: Path) -> None:
    root = make_project({**PAGES, "content/files/家长手册.pdf": b"%PDF-1.4\n"})
    proc = _bundle(root, tmp_path / "out", "--today", "2025-03-01")
    assert proc.returncode == 1
    assert "files/家长手册.pdf: 错误 bundle.non-ascii-name" in proc.stdout
    assert list((tmp_path / "out").iterdir()) == []


def test_publishing_bundle_refuses_example_numbers(make_project, tmp_path: Path) -> None:
    example = (
        "services:\n  - id: xiao-rexian\n    name: 学校心理热线\n    type: 心理援助\n    example: true\n"
        "    channels:\n      - number: 0574-6300 0001\n        hours: {text: 工作日}\n"
    )
    root = make_project({**PAGES, "content/services/school.yml": example})
    proc = _bundle(root, tmp_path / "out", "--today", "2025-03-01")
    assert proc.returncode == 1 and "safety.example" in proc.stderr
    assert not list((tmp_path / "out").glob("*.zip"))
    proc = _bundle(root, tmp_path / "out", "--today", "2025-03-01", "--preview")
    assert proc.returncode == 0 and "预览版" in proc.stderr


def test_folder_links_point_at_index_files(tmp_path: Path) -> None:
    (tmp_path / "services").mkdir()
    (tmp_path / "services/index.html").write_text("x", "utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "lessons/x").mkdir(parents=True)
    (tmp_path / "lessons/x.html").write_text("x", "utf-8")
    (tmp_path / "lessons/x/print.html").write_text('<a href="../x/">在线版</a><a href="../../lessons/">l</a>', "utf-8")
    page = tmp_path / "a/p.html"
    html = ('<a href="../services/">s</a><a href="..">h</a><a href="../services/#x">s</a><a href="">self</a>'
            '<a href="/xinyu/services/">abs</a><a href="../nope/">n</a><a href="https://e.example/">e</a>')
    page.write_text(html, "utf-8")
    (tmp_path / "index.html").write_text('<a class="x" href=".">h</a><a href=\'./\'>h</a>', "utf-8")
    assert link_folders_to_files(tmp_path) == 6
    handout = (tmp_path / "lessons/x/print.html").read_text("utf-8")
    assert handout == '<a href="../x.html">在线版</a><a href="../../lessons/">l</a>'
    assert page.read_text("utf-8") == (
        '<a href="../services/index.html">s</a><a href="../index.html">h</a><a href="../services/index.html#x">s</a>'
        '<a href="">self</a><a href="/xinyu/services/">abs</a><a href="../nope/">n</a><a href="https://e.example/">e</a>')
    home = (tmp_path / "index.html").read_text("utf-8")
    assert home == '<a class="x" href="./index.html">h</a><a href=\'./index.html\'>h</a>'


def test_bundle_turns_off_instant_navigation(make_project, tmp_path: Path) -> None:
    """Material's instant navigation fetches pages by XHR, which file:// refuses."""
    from conftest import MINI_CONFIG

    features = "  features:\n    - navigation.instant\n    - toc.follow\n"
    config = MINI_CONFIG.replace("  font: false\n", "  font: false\n" + features)
    root = make_project({**PAGES, "mkdocs.yml": config})
    proc = _bundle(root, tmp_path / "out", "--today", "2025-03-01")
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(tmp_path / "out/xinyu-offline-2025-03-01.zip") as zf:
        index = zf.read("xinyu-offline-2025-03-01/index.html").decode("utf-8")
    assert '"toc.follow"' in index and "navigation.instant" not in index
