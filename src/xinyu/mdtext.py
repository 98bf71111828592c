"""Markdown text helpers: typed references in link targets, escaping data, ASCII slugs."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from .diagnostics import Loc
from .refs import Reference, Registry, is_typed_ref
from .text.anchors import slugify as slugify  # the toc slugify users name in mkdocs.yml: xinyu.mdtext.slugify
from .text.markdown import RawLink, extract_links


def _md_links(text: str) -> list[RawLink]:
    return [r for r in extract_links(text, front_matter=False) if r.how == "md"]


def link_targets(text: str, start: Loc) -> Iterator[Reference]:
    """Every link target in Markdown `text` (outside code), located relative to `start`.

    `start` is where the text's first line sits in its source file.
    """
    for r in _md_links(text):
        column = (start.col if r.line == 0 else 1) + r.col - 1
        yield Reference(r.target, Loc(start.path, start.line + r.line, column))


def link_locs(text: str, start: Loc) -> dict[str, Loc]:
    """Where each link target of Markdown `text` is written, for `Page.link_locs` (first one wins).

    `start` is where the text's first line sits in its source file (a Markdown body, a guide's
    answer, a YAML field); links in a YAML block scalar are found from there by the link check.
    """
    found: dict[str, Loc] = {}
    for ref in link_targets(text, start):
        found.setdefault(ref.raw, ref.loc)
    return found


def entry_locs(text: str, registry: Registry) -> dict[str, Loc]:
    """For a kind's own Markdown `text`: each typed reference in it → where the entry it names is defined.

    The `Page.link_locs` of links a kind writes from entries' ids (a calendar, a list of events).
    """
    found: dict[str, Loc] = {}
    for r in _md_links(text):
        target = registry.get(r.target) if is_typed_ref(r.target) else None
        if target is not None and target.loc is not None:
            found.setdefault(r.target, target.loc)
    return found


def typed_refs(text: str, start: Loc) -> list[Reference]:
    """The typed references (``lesson:x`` …) among the link targets of `text`."""
    return [r for r in link_targets(text, start) if is_typed_ref(r.raw)]


def rewrite_links(text: str, fn: Callable[[str], str | None]) -> str:
    """Replace each Markdown link target `t` outside code with `fn(t)` unless it returns None."""
    links = _md_links(text)
    if not links:
        return text
    lines = text.split("\n")
    for r in reversed(links):  # from the end, so earlier columns stay where they are
        new = fn(r.target)
        if new is not None:
            line = lines[r.line]
            lines[r.line] = line[: r.col - 1] + new + line[r.col - 1 + len(r.target):]
    return "\n".join(lines)


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
