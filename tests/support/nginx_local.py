"""Run the sample nginx config (deploy/nginx/xinyu.conf) on 127.0.0.1 against a built site.

For the tests and ``make bench``: nginx runs as a child process with its own prefix, pid file,
logs and temp paths under a scratch folder; no system service is touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

SAMPLE_SUBPATH = "/xinyu/"


def find_nginx() -> str | None:
    """The nginx binary, or None if it is not installed."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def render_config(sample: str, *, www: Path, port: int, subpath: str = SAMPLE_SUBPATH) -> str:
    """The sample server block made to listen on 127.0.0.1:`port`, serving `www`/<subpath>."""
    if not (subpath.startswith("/") and subpath.endswith("/")):
        raise ValueError(f"sub-path must start and end with '/': {subpath!r}")
    text = re.sub(r"^(\s*)listen\s+80;", rf"\g<1>listen 127.0.0.1:{port};", sample, count=1, flags=re.M)
    text = re.sub(r"^(\s*)server_name\s+[^;]+;", r"\g<1>server_name 127.0.0.1;", text, count=1, flags=re.M)
    text = re.sub(r"^(\s*)root\s+/srv/www;", rf"\g<1>root {www};", text, count=1, flags=re.M)
    for directive in ("error_page 404 ", "location ^~ ", "return 301 "):
        text = text.replace(directive + SAMPLE_SUBPATH, directive + subpath)
    exact = re.compile(r"^\s*location = /xinyu \{[^}]*\}\n", re.M)
    text = exact.sub("", text) if subpath == "/" else text.replace("location = /xinyu ", f"location = {subpath[:-1]} ")
    if f"listen 127.0.0.1:{port};" not in text or f"root {www};" not in text:
        raise ValueError("the sample nginx config no longer has the expected 'listen 80;' and 'root /srv/www;'")
    return text


def _main_config(scratch: Path, server: Path) -> str:
    temp = "\n".join(f"    {d}_temp_path {scratch / d};" for d in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read files in a private tmp dir
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {scratch / 'nginx.pid'};\n"
        f"error_log {scratch / 'error.log'} warn;\n"
        "events { worker_connections 512; }\n"
        "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    access_log off;\n    sendfile on;\n{temp}\n    include {server};\n}}\n"
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_listening(port: int, proc: subprocess.Popen[bytes], deadline: float) -> bool:
    while time.monotonic() < deadline and proc.poll() is None:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
        time.sleep(0.05)
    return False


@contextlib.contextmanager
def serve_with_nginx(site_dir: Path, sample: Path, subpath: str = SAMPLE_SUBPATH,
                     port: int | None = None) -> Iterator[str]:
    """Serve `site_dir` with the sample config at http://127.0.0.1:<port><subpath>; yield that URL."""
    nginx = find_nginx()
    if nginx is None:
        raise FileNotFoundError("nginx is not installed (scripts/ensure-system-deps.sh installs it)")
    with tempfile.TemporaryDirectory(prefix="xinyu-nginx-") as tmp:
        scratch = Path(tmp)
        www = scratch / "www"
        mount = www / subpath.strip("/")
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(site_dir.resolve(), target_is_directory=True)
        for attempt in range(3):
            use = port or free_port()
            server = scratch / "xinyu.conf"
            server.write_text(render_config(sample.read_text("utf-8"), www=www, port=use, subpath=subpath), "utf-8")
            main = scratch / "nginx.conf"
            main.write_text(_main_config(scratch, server), "utf-8")
            proc = subprocess.Popen([nginx, "-p", str(scratch), "-c", str(main)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if _wait_listening(use, proc, time.monotonic() + 15):
                break
            proc.kill()
            _, err = proc.communicate()
            if port is not None or attempt == 2:
                raise RuntimeError(f"nginx did not start: {err.decode(errors='replace')}")
        try:
            yield f"http://127.0.0.1:{use}{subpath}"
        finally:
            stop(proc, 10)


def stop(proc: subprocess.Popen, timeout: float) -> None:  # type: ignore[type-arg]
    """Ask a server process to end; kill it if it has not within `timeout` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
