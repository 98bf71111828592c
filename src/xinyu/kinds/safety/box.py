"""The crisis box of pages the safety checks found speaking of a risk topic (the plugin calls this for
every page, generated or hand-written, so the box is in the HTML without JavaScript)."""

from __future__ import annotations

import re

from ...project import Site
from ..guide.render import crisis_box
from .kind import KIND

_H1_LINE = re.compile(r"^#(?!#)[ \t]")


def with_crisis_box(site: Site, src_uri: str, markdown: str) -> str:
    """`markdown` with the crisis box after its H1 when the page speaks of a risk topic and shows none yet."""
    state = KIND.state(site)
    if state is None or src_uri not in state.boxes:
        return markdown

    box = "\n".join(crisis_box(site, src_uri))
    lines = markdown.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if _H1_LINE.match(line)), 0)
    return "\n".join([*lines[:at], "", box, *lines[at:]])
