"""Markdown text helpers: typed references in link targets, escaping data, ASCII slugs."""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from pypinyin import lazy_pinyin

from .diagnostics import Loc
from .refs import Reference, is_typed_ref

# [text](target "title") and reference definitions [label]: target
_INLINE_LINK = re.compile(r"(\]\(\s*<?)([^)\s>]+)(>?(?:\s+\"[^\"]*\")?\s*\))")
_REF_DEF = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*<?)(\S+?)(>?(?:\s.*)?)$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"`+[^`]*`+")


def lines_outside_code(text: str) -> Iterator[tuple[int, str, bool]]:
    """Yield (index, line, in_code) for each line, tracking fenced code blocks."""
    fence: str | None = None
    for i, line in enumerate(text.split("\n")):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * 3
            yield i, line, True
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            yield i, line, True
        else:
            yield i, line, False


def _rewrite_line(line: str, fn: Callable[[str, int], str | None]) -> str:
    if "](" not in line and "]:" not in line:
        return line  # most lines hold no link: skip the regular expressions
    spans = [m.span() for m in _CODE_SPAN.finditer(line)]

    def in_code(pos: int) -> bool:
        return any(a <= pos < b for a, b in spans)

    def inline(m: re.Match[str]) -> str:
        if in_code(m.start()):
            return m.group(0)
        new = fn(m.group(2), m.start(2))
        return m.group(0) if new is None else m.group(1) + new + m.group(3)

    line = _INLINE_LINK.sub(inline, line)
    m = _REF_DEF.match(line)
    if m:
        new = fn(m.group(2), m.start(2))
        if new is not None:
            line = m.group(1) + new + m.group(3)
    return line


def link_targets(text: str, start: Loc) -> Iterator[Reference]:
    """Every link target in Markdown `text` (outside code), located relative to `start`.

    `start` is where the text's first line sits in its source file.
    """
    found: list[Reference] = []
    for i, line, code in lines_outside_code(text):
        if code:
            continue

        def note(target: str, col: int, i: int = i) -> None:
            column = (start.col if i == 0 else 1) + col
            found.append(Reference(target, Loc(start.path, start.line + i, column)))

        _rewrite_line(line, lambda t, c: note(t, c))
    return iter(found)


def typed_refs(text: str, start: Loc) -> list[Reference]:
    """The typed references (``lesson:x`` …) among the link targets of `text`."""
    return [r for r in link_targets(text, start) if is_typed_ref(r.raw)]


def rewrite_links(text: str, fn: Callable[[str], str | None]) -> str:
    """Replace each link target `t` outside code with `fn(t)` unless it returns None."""
    out = []
    for _, line, code in lines_outside_code(text):
        out.append(line if code else _rewrite_line(line, lambda t, _c: fn(t)))
    return "\n".join(out)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def esc(value: object) -> str:
    """Escape a data value for inline Markdown: no HTML, no accidental formatting or links."""
    text = html.escape(str(value), quote=True)
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def attr(value: object) -> str:
    """Escape a data value for an HTML attribute inside generated Markdown."""
    return html.escape(str(value), quote=True)


_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                  "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: Any, *, compact: bool = True, sort_keys: bool = True) -> str:
    """`data` as JSON for inside a ``<script>`` element: the one escaper of JSON in HTML.

    ``<``, ``>``, ``&`` and U+2028/U+2029 are written as ``\\uXXXX``, so no value can close the tag,
    start markup or end a JavaScript line; `compact` drops the spaces after ``,`` and ``:``;
    `sort_keys` sorts object keys (JSON-LD keeps its written order with ``sort_keys=False``).
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":") if compact else None)
    return text.translate(_SCRIPT_ESCAPES)


def description_front_matter(description: str | None) -> list[str]:
    """Front matter lines giving a generated page's description (search snippets, link previews).

    The theme writes it into ``<meta>`` unescaped: HTML is escaped here. JSON is valid YAML, so the
    value stays one quoted string whatever the editor typed. No lines when there is no description.
    """
    if not description:
        return []
    return ["---", f"description: {json.dumps(attr(description), ensure_ascii=False)}", "---", ""]


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
