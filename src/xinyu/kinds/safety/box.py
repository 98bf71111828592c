"""The crisis box of pages the safety checks found speaking of a risk topic (the plugin calls this for
every page, generated or hand-written, so the box is in the HTML without JavaScript)."""

from __future__ import annotations

import re

from ...project import Site
from ..guide.render import crisis_box
from .kind import KIND

_H1_LINE = re.compile(r"^#(?!#)[ \t]")
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)  # MkDocs' own (utils.meta)


def with_crisis_box(site: Site, src_uri: str, markdown: str) -> str:
    """`markdown` with the crisis box after its H1 when the page speaks of a risk topic and shows none yet."""
    state = KIND.state(site)
    if state is None or src_uri not in state.boxes:
        return markdown

    box = "\n".join(crisis_box(site, src_uri))
    lines = markdown.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if _H1_LINE.match(line)), 0)
    return "\n".join([*lines[:at], "", box, *lines[at:]])


def source_with_crisis_box(site: Site, src_uri: str, text: str) -> str:
    """A page's whole source (front matter kept as it is) with the crisis box after its H1, as
    `with_crisis_box` gives MkDocs' body: for ``xinyu export``, whose pages no plugin will see."""
    front = _FRONT_MATTER.match(text)
    cut = front.end() if front else 0
    return text[:cut] + with_crisis_box(site, src_uri, text[cut:])
