"""Test helpers: a static host on 127.0.0.1 and Debian's Chromium through Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import mimetypes
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

mimetypes.add_type("text/calendar", ".ics")
mimetypes.add_type("application/json", ".json")


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".ics": "text/calendar; charset=utf-8",
                      ".js": "text/javascript", ".css": "text/css", ".html": "text/html; charset=utf-8"}

    def __init__(self, *args: object, prefix: str = "/", **kwargs: object) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def end_headers(self) -> None:
        # LinkChecker throttles every host to 0.1-0.6 s per request unless the server answers with
        # this header; this is our own loopback test server, so let it go at full speed.
        self.send_header("LinkChecker", "full-speed")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet test server
        pass

    def translate_path(self, path: str) -> str:
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        elif self.prefix != "/":
            path = "/__outside_prefix__"
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextlib.contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `directory` at http://127.0.0.1:<port><prefix> (the 404 page for misses); yield the base URL."""
    handler = functools.partial(_Handler, directory=str(directory), prefix=prefix)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
