"""The ``xinyu`` command's log: MkDocs' messages in Chinese, buffered during a build.

A build's output is collected so that, when it fails, the grouped summary of its diagnostics
(`diagnostics.grouped_summary`) comes first, then every line as it was logged.
"""

from __future__ import annotations

import logging
import sys

from ..diagnostics import grouped_summary, parse
from .mkdocs_msgs import Context, translate, translate_progress


class _Format(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        if record.name == "mkdocs.plugins.xinyu":
            return record.getMessage()
        lines = translate(record.getMessage(), CONTEXT[0], record.levelno)
        if lines is not None:  # MkDocs' own warnings, in the diagnostics' words
            return "\n".join(lines)
        prefix = {"WARNING": "警告", "ERROR": "错误"}.get(record.levelname, "信息")
        return f"{prefix} - {translate_progress(record.getMessage()) or record.getMessage()}"


class Handler(logging.StreamHandler):  # type: ignore[type-arg]
    """stderr, or a buffer while a build runs (its output then starts with the grouped summary)."""

    buffer: list[str] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.buffer is None:
            self.stream = sys.stderr  # the current one (tests and callers may replace it)
            super().emit(record)
        else:
            self.buffer.append(self.format(record))


HANDLER = Handler(sys.stderr)
CONTEXT: list[Context | None] = [None]  # the project of the loaded config, for `translate`


def setup_logging(verbose: bool) -> None:
    """MkDocs' log to stderr through `HANDLER`, in Chinese; debug lines only when `verbose`."""
    handler = HANDLER
    handler.setFormatter(_Format())
    handler.filters = []
    handler.addFilter(
        lambda r: verbose or r.levelno >= logging.WARNING or r.name == "mkdocs.plugins.xinyu"
    )
    root = logging.getLogger("mkdocs")
    root.handlers = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.propagate = False


def flush(handler: Handler, title: str | None) -> None:
    """Print what the build logged; on failure (`title`) the grouped summary of its diagnostics first."""
    lines, handler.buffer = handler.buffer or [], None
    diags = [d for d in (parse(line) for text in lines for line in text.splitlines()) if d is not None]
    for line in grouped_summary(diags, title) if title else []:
        print(line, file=sys.stderr)
    for line in lines:
        print(line, file=sys.stderr)
