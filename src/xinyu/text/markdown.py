"""The one Markdown scanner: fenced code, front matter, ATX headings, code spans and links.

Everything that reads Markdown without rendering it (link rewriting and checking, heading anchors,
guide files, ``xinyu export``) walks the text through `scan`, so all agree on what is code.
Fences follow CommonMark: up to any indentation (fences inside lists and admonitions) and
blockquote markers, closed by the same character repeated at least as often, with nothing after.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

FENCE = re.compile(r"^\s*(?:>\s*)*(`{3,}|~{3,})\s*([A-Za-z]*)")
_ATX = re.compile(r"^(\s*(?:>\s*)*)(#{1,6})\s+(.*?)\s*#*\s*$")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_INLINE = re.compile(r"\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REF_DEF = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*(<[^>]*>|\S+)")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto|tel):[^>\s]+)>")
_HTML_URL = re.compile(
    r"<(?:a|img|link|script|source|iframe|area|video|audio|embed)\b[^>]*?\s(?:href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')",
    re.IGNORECASE,
)


def front_matter_end(lines: list[str]) -> int:
    """Index of the first line after a YAML front matter block (0 when there is none)."""
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                return i + 1
    return 0


def closes(fence: str, line: str) -> bool:
    """Whether `line` ends the fenced block opened by `fence` (e.g. ```` ``` ```` or ``~~~~``)."""
    m = FENCE.match(line)
    return bool(m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence)
                and not line[m.end(1):].strip())


def scan(text: str, *, front_matter: bool = False) -> Iterator[tuple[int, str, bool]]:
    """(index, line, in_code) for every line of `text`; fence lines count as code.

    With `front_matter`, a leading YAML front matter block is skipped (its lines are not yielded).
    """
    lines = text.split("\n")
    fence: str | None = None
    for i in range(front_matter_end(lines) if front_matter else 0, len(lines)):
        line = lines[i]
        if fence is None:
            m = FENCE.match(line)
            if m:
                fence = m.group(1)
            yield i, line, fence is not None
        else:
            if closes(fence, line):
                fence = None
            yield i, line, True


@dataclass(frozen=True)
class Heading:
    """An ATX heading line: its prefix (indent, ``>``), level and title (closing ``#`` removed)."""

    prefix: str
    level: int
    title: str


def heading(line: str) -> Heading | None:
    """The ATX heading `line` is (``## 标题``), or None; call it on lines outside code only."""
    m = _ATX.match(line)
    if not m:
        return None
    return Heading(m.group(1), len(m.group(2)), m.group(3))


def headings(text: str) -> Iterator[tuple[int, Heading]]:
    """(index, heading) for every ATX heading of `text` outside front matter and code."""
    for i, line, code in scan(text, front_matter=True):
        h = None if code else heading(line)
        if h:
            yield i, h


def blank_code_spans(line: str) -> str:
    """`line` with inline code replaced by spaces (columns stay where they were)."""
    if "`" not in line:
        return line
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


@dataclass(frozen=True)
class RawLink:
    """A link target as written: 0-based line index in the text, 1-based column, and how it was written."""

    target: str
    line: int
    col: int
    how: str  # "md" (link or image), "html" (href/src), "auto" (<https://…>)


def extract_links(text: str, *, front_matter: bool = True) -> list[RawLink]:
    """Every link target in Markdown `text` outside code (and front matter), in reading order."""
    out: list[RawLink] = []
    for i, raw_line, code in scan(text, front_matter=front_matter):
        if code:
            continue
        if "](" not in raw_line and "<" not in raw_line and "]:" not in raw_line:
            continue
        line = blank_code_spans(raw_line)
        found: list[RawLink] = []
        for m in _INLINE.finditer(line):
            target = m.group(1)
            start = m.start(1)
            if target.startswith("<"):
                target, start = target[1:-1], start + 1
            found.append(RawLink(target, i, start + 1, "md"))
        d = _REF_DEF.match(line)
        if d:
            target = d.group(1).strip("<>")
            found.append(RawLink(target, i, d.start(1) + 1 + (d.group(1)[0] == "<"), "md"))
        if "<" in line:
            for m in _AUTOLINK.finditer(line):
                found.append(RawLink(m.group(1), i, m.start(1) + 1, "auto"))
            for m in _HTML_URL.finditer(line):
                group = 1 if m.group(1) is not None else 2
                found.append(RawLink(html.unescape(m.group(group)), i, m.start(group) + 1, "html"))
        out.extend(sorted(found, key=lambda r: r.col))
    return out
