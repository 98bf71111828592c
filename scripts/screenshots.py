"""Screenshots of the demo's key pages for the README: docs/screenshots/<page>-375.png and -1280.png.

Builds the demo as a preview into a temporary folder (fixed build date, and the browser's clock set
to it, so "本月" and the events lists do not change from run to run), serves it on 127.0.0.1 and
photographs the first screen of each page with Debian's Chromium, on a phone (375 px) and a PC
(1280 px). Usage: ``make screenshots`` (or ``.venv/bin/python scripts/screenshots.py``).
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
TODAY = "2026-11-29"
SIZES = ((375, 812), (1280, 800))
# (file name, URL path): the home, a guide question, a lesson, the events, the directory, a service.
PAGES = (
    ("home", ""),
    ("question", "guides/shicao-30wen/dangan-baomi/"),
    ("lesson", "lessons/hezuo-hua/"),
    ("events", "events/"),
    ("services", "services/"),
    ("service", "services/fenzhendian/"),
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def photograph(url: str) -> list[Path]:
    """Every page at every size; returns the files written."""
    from playwright.sync_api import sync_playwright

    written = []
    noon = dt.datetime.fromisoformat(f"{TODAY}T12:00:00+08:00")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for width, height in SIZES:
            context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1,
                                          locale="zh-CN", timezone_id="Asia/Shanghai")
            page = context.new_page()
            page.clock.set_fixed_time(noon)
            for name, path in PAGES:
                page.goto(url + path, wait_until="load")
                target = OUT / f"{name}-{width}.png"
                page.screenshot(path=str(target))
                written.append(target)
            context.close()
        browser.close()
    return written


def main() -> int:
    """Build, serve, photograph; returns the exit status."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        build = subprocess.run([sys.executable, "-m", "xinyu.cli", "build", "--preview", "--today", TODAY,
                                "-d", str(site)], cwd=ROOT, env=env)
        if build.returncode:
            return build.returncode
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        OUT.mkdir(parents=True, exist_ok=True)
        try:
            for path in photograph(f"http://127.0.0.1:{server.server_address[1]}/"):
                print(f"已保存 {path.relative_to(ROOT)}（{path.stat().st_size // 1024} KB）", file=sys.stderr)
        finally:
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
