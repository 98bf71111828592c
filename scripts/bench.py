"""`make bench`: a bounded local load on the demo served by nginx (deploy/nginx/xinyu.conf) on 127.0.0.1.

Builds the demo (preview) for http://127.0.0.1:<port>/xinyu/, serves it with the sample nginx config,
runs wrk against every page in turn (gzip, like a browser) and writes bench-results/nginx.md.
Loopback only. BENCH_SECONDS (default 10), BENCH_CONNECTIONS (16), BENCH_THREADS (2) bound the load.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # nginx_local, the test helper that runs deploy/nginx/xinyu.conf

from support.nginx_local import find_nginx, free_port, serve_with_nginx  # noqa: E402

LUA = """\
-- Rotate through every page of the site; ask for gzip like a browser.
local paths = {%s}
local i = 0
wrk.headers["Accept-Encoding"] = "gzip"
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def _pages(site: Path, prefix: str) -> list[str]:
    """URL paths of every HTML page (folder URLs for index.html), the 404 page left out."""
    out = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        out.append(prefix + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return out


def _wrk(wrk: str, url: str, script: Path | None, seconds: int, conns: int, threads: int) -> dict[str, str]:
    cmd = [wrk, f"-t{threads}", f"-c{conns}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        cmd += ["-s", str(script)]
    else:
        cmd += ["-H", "Accept-Encoding: gzip"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True, timeout=seconds + 60).stdout

    def grab(pattern: str) -> str:
        m = re.search(pattern, out, re.M)
        return m.group(1) if m else "?"

    return {
        "rps": grab(r"^Requests/sec:\s+([\d.]+)"),
        "p50": grab(r"^\s+50%\s+(\S+)"),
        "p99": grab(r"^\s+99%\s+(\S+)"),
        "transfer": grab(r"^Transfer/sec:\s+(\S+)"),
        "requests": grab(r"^\s+(\d+) requests in"),
        "errors": grab(r"^\s+Non-2xx or 3xx responses:\s+(\d+)") if "Non-2xx" in out else "0",
    }


def main() -> int:
    """Build, serve, load, report; 0 when done or skipped."""
    wrk = shutil.which("wrk")
    nginx = find_nginx()
    if wrk is None or nginx is None:
        missing = " 和 ".join(n for n, p in (("wrk", wrk), ("nginx", nginx)) if p is None)
        print(f"跳过压力测试：没有安装 {missing}（Debian：apt-get install -y wrk nginx，"
              "或运行 bash scripts/ensure-system-deps.sh）")
        return 0
    seconds = int(os.environ.get("BENCH_SECONDS", "10"))
    conns = int(os.environ.get("BENCH_CONNECTIONS", "16"))
    threads = int(os.environ.get("BENCH_THREADS", "2"))
    today = os.environ.get("BENCH_TODAY", dt.date.today().isoformat())
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="xinyu-bench-") as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        build = subprocess.run(
            [sys.executable, "-m", "xinyu.cli", "build", "--preview", "--today", today, "-d", str(site),
             "--base-url", f"http://127.0.0.1:{port}/xinyu/"],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )
        if build.returncode != 0:
            print(build.stderr[-3000:], file=sys.stderr)
            print("压力测试失败：示例门户构建失败", file=sys.stderr)
            return 1
        pages = _pages(site, "/xinyu/")
        script = Path(tmp) / "pages.lua"
        script.write_text(LUA % ", ".join(f'"{p}"' for p in pages), "utf-8")
        with serve_with_nginx(site, ROOT / "deploy/nginx/xinyu.conf", "/xinyu/", port=port) as url:
            print(f"对 {url} 施加 {seconds} 秒负载（{threads} 线程，{conns} 个连接，{len(pages)} 个页面轮流请求）…")
            rotate = _wrk(wrk, url, script, seconds, conns, threads)
            home = _wrk(wrk, url, None, seconds, conns, threads)
        wrk_version = subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout.splitlines()
        nginx_version = subprocess.run([nginx, "-v"], capture_output=True, text=True).stderr.strip()
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    out_dir = ROOT / "bench-results"
    out_dir.mkdir(exist_ok=True)
    report = out_dir / "nginx.md"
    rows = "\n".join(
        f"| {name} | {r['rps']} | {r['p50']} | {r['p99']} | {r['transfer']} | {r['requests']} | {r['errors']} |"
        for name, r in ((f"全部 {len(pages)} 个页面轮流", rotate), ("首页", home))
    )
    report.write_text(
        f"# 压力测试结果 {stamp}\n\n"
        f"示例门户（预览版，{len(pages)} 个页面）由 `deploy/nginx/xinyu.conf` 在 127.0.0.1 的子路径 `/xinyu/` 下提供，"
        f"wrk {threads} 线程、{conns} 个连接、每项 {seconds} 秒，请求带 `Accept-Encoding: gzip`。\n\n"
        "| 负载 | 页面/秒 | 延迟中位数 | 延迟 99% | 传输/秒 | 请求总数 | 非 2xx/3xx |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        f"{rows}\n\n"
        f"机器：{platform.platform()}，{os.cpu_count()} 核（负载和服务器在同一台机器上，与其他任务共享）；"
        f"{nginx_version}；{wrk_version[0] if wrk_version else 'wrk'}。\n",
        "utf-8",
    )
    print(report.read_text("utf-8"))
    print(f"结果已写入 {report.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
