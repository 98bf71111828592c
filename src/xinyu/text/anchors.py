"""Reading links and anchors out of Markdown source, without rendering it.

What a page links to: inline links and images, reference definitions, autolinks, and ``href`` /
``src`` in raw HTML, each with its line and column. What a page can be linked to: the anchors its
headings get from the toc (the same pinyin slugify, with toc's ``_1`` suffix for repeats),
explicit ``{#id}`` attribute lists, ``id=""`` in raw HTML and footnotes.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections import defaultdict
from pathlib import Path

from pypinyin import lazy_pinyin

from ..diagnostics import Loc
from .markdown import heading, scan

_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_ATTR_LIST = re.compile(r"\{:?\s*([^{}]*?)\}")
_ATTR_ID = re.compile(r"(?:^|\s)#([A-Za-z0-9_][\w:.-]*)")
_HTML_ID = re.compile(r"<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*(?:\"([^\"]+)\"|'([^']+)')")
_FOOTNOTE_DEF = re.compile(r"^\s{0,3}\[\^([^\]]+)\]:")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\](?!:)")
_TRAILING_ATTR = re.compile(r"\s*\{:?[^{}]*\}\s*$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")


def heading_text(title: str) -> tuple[str | None, str]:
    """(explicit id or None, plain text) of an ATX heading's content."""
    explicit = None
    attr = _TRAILING_ATTR.search(title)
    if attr:
        m = _ATTR_ID.search(attr.group(0).strip().strip("{}:"))
        if m:
            explicit = m.group(1)
        title = title[: attr.start()]
    title = _MD_IMAGE.sub("", title)
    title = _MD_LINK.sub(r"\1", title)
    title = html.unescape(_TAG.sub("", title))
    return explicit, title


def anchors(text: str) -> set[str]:
    """The fragment ids a page made from Markdown `text` carries."""
    found: set[str] = set()
    seen: set[str] = set()
    previous = ""

    def add_heading(title: str) -> None:
        explicit, plain = heading_text(title)
        if explicit:
            found.add(explicit)
            seen.add(explicit)
            return
        slug = slugify(plain)
        base, n = slug, 1
        while slug in seen:  # toc makes repeated headings unique with _1, _2 …
            slug = f"{base}_{n}"
            n += 1
        seen.add(slug)
        found.add(slug)

    for _, line, code in scan(text, front_matter=True):
        if code:
            continue
        h = heading(line)
        if h:
            add_heading(h.title)
        elif _SETEXT.match(line) and previous.strip() and not previous.lstrip().startswith(("-", "*", "+", "|")):
            add_heading(previous.strip())
        if "{" in line:
            for attr in _ATTR_LIST.finditer(line):
                for idm in _ATTR_ID.finditer(attr.group(1)):
                    found.add(idm.group(1))
        if "id=" in line or "name=" in line:
            for idm in _HTML_ID.finditer(line):
                found.add(idm.group(1) or idm.group(2))
        if "[^" in line:
            fm = _FOOTNOTE_DEF.match(line)
            if fm:
                found.add(f"fn:{fm.group(1)}")
            for rm in _FOOTNOTE_REF.finditer(line):
                found.add(f"fnref:{rm.group(1)}")
        previous = line
    return found


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives the page `src_uri`."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


class Blamer:
    """Finds the line of a generated page's source that holds a given link target."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.texts: dict[str, list[str] | None] = {}
        self.used: dict[tuple[str, str], int] = defaultdict(int)

    def lines(self, source: str) -> list[str] | None:
        """The lines of `source` (relative to the project root), read once."""
        if source not in self.texts:
            try:
                path = self.root / source
                self.texts[source] = None if path.is_symlink() else path.read_text("utf-8").split("\n")
            except (OSError, UnicodeDecodeError):
                self.texts[source] = None
        return self.texts[source]

    def locate(self, source: str | None, target: str, fallback: Loc) -> Loc:
        """The nth place `target` is written in `source` (n counts calls), else `fallback`."""
        if not source:
            return fallback
        lines = self.lines(source)
        if not lines:
            return fallback
        needles = [target]
        path, _, frag = target.partition("#")
        if frag:  # a typed reference the core rewrote: its fragment is still in the source
            needles.append(f"#{frag}")
        stem = posixpath.splitext(posixpath.basename(path.rstrip("/")))[0]
        if stem and stem != "index":
            needles.append(stem)
        hits: list[tuple[int, int]] = []
        for needle in needles:
            hits = [(i, line.find(needle)) for i, line in enumerate(lines) if needle in line]
            if hits:
                target = needle
                break
        if not hits:
            return fallback
        n = self.used[(source, target)]
        self.used[(source, target)] += 1
        i, col = hits[min(n, len(hits) - 1)]
        return Loc(source, i + 1, col + 1)

    def locate_from(self, start: Loc, target: str) -> Loc:
        """`target` at or after `start` in its file (a link in a YAML block scalar), else `start`."""
        lines = self.lines(start.path)
        if not lines:
            return start
        for i in range(max(start.line - 1, 0), len(lines)):
            col = lines[i].find(target)
            if col >= 0:
                return Loc(start.path, i + 1, col + 1)
        return start


@functools.lru_cache(maxsize=8192)
def slugify(value: str, separator: str = "-") -> str:
    """An ASCII `[a-z0-9-]` slug: Chinese becomes pinyin (心理辅导 → xin-li-fu-dao).

    Used as the Markdown `toc` slugify function so headings get stable, chat-safe anchors.
    """
    parts: list[str] = []
    # errors=: keep non-Chinese runs (Latin, digits) as they are
    for piece in lazy_pinyin(value, errors=lambda s: [s]):  # type: ignore[arg-type, return-value]
        for word in re.split(r"[^A-Za-z0-9]+", piece):
            if word:
                parts.append(word.lower())
    slug = separator.join(parts)
    return slug or "section"
