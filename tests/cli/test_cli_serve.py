"""`xinyu serve` with a content error shows a Chinese error page in the browser, and the site once fixed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from support.nginx_local import free_port, stop

BROKEN = "services:\n  - id: a\n    id: b\n"


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=20) as resp:  # noqa: S310 - 127.0.0.1 only
            return str(resp.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
        return f"<unreachable {exc}>"


def _wait_for(url: str, ok: Callable[[str], bool], proc: subprocess.Popen[str], seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        assert proc.poll() is None, "xinyu serve exited"
        text = _get(url)
        if ok(text):
            return text
        time.sleep(0.5)
    raise AssertionError(f"no such page within {seconds} s; last response:\n{text[:2000]}")


def test_serve_shows_errors_in_the_browser_and_the_site_once_fixed(make_project) -> None:
    root: Path = make_project({"content/services/local.yml": BROKEN, "content/about.md": "# 关于\n\n[首页](index.md)\n"})
    port = free_port()
    url = f"http://127.0.0.1:{port}/xinyu/"  # the path of the test config's site_url
    proc = subprocess.Popen(
        [sys.executable, "-m", "xinyu.cli", "serve", "-a", f"127.0.0.1:{port}"], cwd=root, text=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        page = _wait_for(url, lambda t: "内容有误" in t, proc)
        assert "content/services/local.yml:3:5" in page and "yaml.duplicate-key" in page
        assert "livereload" in page  # reloads by itself once the file is fixed
        # Any page's URL shows it too, not an endless wait.
        assert "内容有误" in _get(url + "about/")
        (root / "content/services/local.yml").unlink()  # the fix: the broken file goes
        page = _wait_for(url, lambda t: "欢迎" in t, proc)
        assert "内容有误" not in page and "测试门户" in page
        (root / "content/services/local.yml").write_text(BROKEN, "utf-8")
        _wait_for(url, lambda t: "内容有误" in t, proc)
    finally:
        stop(proc, 20)
