"""A console that never crashes on Chinese text: Windows pipes and `PYTHONIOENCODING` may give a
legacy encoding (GBK, cp1252 …) that cannot encode every character a diagnostic quotes.

Imported by `xinyu.cli` on every command: only the standard library.
"""

from __future__ import annotations

import codecs
import io
import sys


def _is_utf(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "ascii").name.startswith("utf")
    except LookupError:
        return False


def fit_console() -> None:
    """Make stdout and stderr replace what their encoding cannot encode (``?``) instead of raising.

    UTF-8 streams are left alone; a GBK console keeps GBK (Chinese shows as Chinese), only the rare
    characters GBK lacks (emoji, some dashes) become ``?``.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not _is_utf(stream.encoding) and stream.errors == "strict":
            stream.reconfigure(errors="replace")
