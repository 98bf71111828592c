"""What Windows editors meet, tested on Linux: a GBK console (PYTHONIOENCODING), CRLF files, and
backslashes in links. Untested here (no Windows CI): see README, “在 Windows 上”."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import run_xinyu


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A starter portal whose about page has a broken link quoting characters GBK cannot encode."""
    base = tmp_path_factory.mktemp("win")
    proc = run_xinyu("init", "门户", "--name", "测试门户", cwd=base, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr
    root = base / "门户"
    about = root / "content/about.md"
    about.write_text(about.read_text("utf-8") + "\n[表情 😀](missing-😀.md) 与 [破折号](缺页⸺.md)\n", "utf-8")
    return root


def check_bytes(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """`xinyu check` with its output as bytes (to decode as the console would)."""
    import os
    import sys

    return subprocess.run([sys.executable, "-m", "xinyu.cli", "check", *args], cwd=root, capture_output=True,
                          timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def _gbk_view(text: str) -> str:
    """`text` as a GBK console shows it: what GBK cannot encode becomes "?"."""
    return text.encode("gbk", errors="replace").decode("gbk")


@pytest.mark.parametrize("args", [(), ("--publish",)])
def test_gbk_console_gets_the_same_diagnostics(portal: Path, args: tuple[str, ...]) -> None:
    utf8 = check_bytes(portal, *args, env={"PYTHONIOENCODING": "utf-8"})
    gbk = check_bytes(portal, *args, env={"PYTHONIOENCODING": "gbk"})
    assert utf8.returncode == gbk.returncode == 1
    assert b"Traceback" not in gbk.stderr
    out, err = utf8.stdout.decode("utf-8"), utf8.stderr.decode("utf-8")
    assert "missing-😀.md" in out
    assert gbk.stdout.decode("gbk") == _gbk_view(out)  # Chinese kept, the emoji and ⸺ replaced by "?"
    assert gbk.stderr.decode("gbk") == _gbk_view(err)
    assert "链接“missing-?.md”指向不存在的页面" in gbk.stdout.decode("gbk")


def test_crlf_files_give_the_same_diagnostics(portal: Path, tmp_path: Path) -> None:
    import shutil

    crlf = tmp_path / "crlf"
    shutil.copytree(portal, crlf)
    converted = 0
    for path in [crlf / "mkdocs.yml", *crlf.glob("content/**/*.*"), *crlf.glob("guides/*.md")]:
        if path.suffix in (".md", ".yml", ".txt"):
            path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
            converted += 1
    assert converted > 15 and b"\r\n" in (crlf / "content/lessons/shili-jiaoan.md").read_bytes()
    for args in ((), ("--publish",)):
        lf, windows = check_bytes(portal, *args), check_bytes(crlf, *args)
        assert windows.returncode == lf.returncode == 1
        assert windows.stdout == lf.stdout and windows.stdout.count(b"\n") >= (25 if args else 2)
        assert windows.stderr == lf.stderr


def test_backslash_links_get_the_slash_spelling(make_project, xinyu) -> None:
    root = make_project({
        "content/index.md": "# 首页\n\n[子页](sub\\page.md)\n",
        "content/sub/page.md": "# 子页\n\n[首页](..\\index.md) [首页](.\\..\\index.md)\n",
    })
    proc = xinyu("check", cwd=root)
    assert proc.returncode == 1
    assert "content/index.md:3:6: 错误 link.missing-page 链接“sub\\page.md”指向不存在的页面（你是不是想链接到 sub/page.md？）" in proc.stdout
    assert "content/sub/page.md:3:6: 错误 link.missing-page 链接“..\\index.md”指向不存在的页面（你是不是想链接到 ../index.md？）" in proc.stdout


def test_chinese_file_names_with_spaces_build(make_project, xinyu, tmp_path: Path) -> None:
    root = make_project({
        "content/index.md": "# 首页\n\n[家长须知](<家长 须知.md>)\n",
        "content/家长 须知.md": "# 家长须知\n\n回到[首页](index.md)。\n",
    })
    proc = xinyu("build", "--preview", "--today", "2026-11-29", "-d", str(tmp_path / "site"), cwd=root,
                 env={"PYTHONIOENCODING": "gbk"}, encoding="gbk")
    assert proc.returncode == 0, proc.stderr[-2000:]
    page = tmp_path / "site" / "家长 须知" / "index.html"
    assert page.is_file() and "回到" in page.read_text("utf-8")
