"""Text of a rendered page, as the search index sees it.

Reads the HTML MkDocs renders from a page's Markdown (the article body, no theme chrome):
the headings, the body text (code blocks skipped), `tel:` links, and the hints a generated page
can give: ``data-search-kind`` (问答 / 教案 / 活动 / 热线 …), ``data-search-summary`` (the
element's text is the short answer or key fact) and ``data-search-ignore`` (left out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

SKIP_TAGS = {"script", "style", "pre", "svg", "template", "button"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "li", "td", "th", "dt", "dd", "div", "section", "blockquote", "tr", "summary", "figcaption"}
_SPACE = re.compile(r"\s+")
# Admonitions that hold the page's short answer; other admonitions (sample notices, crisis boxes)
# are not the summary.
SUMMARY_ADMONITIONS = {"abstract", "summary", "tldr"}
# Rows of a two-column fact table shown on the result as the key fact (an event's time and place,
# a lesson's stage and length).
KEY_LABELS = ("时间", "日期", "地点", "学段 · 年级", "学段", "课时", "服务时间")
# Numbers as pages show them: 0574-6300 0004, 0574-63000004, 138 0000 0000 (example numbers have no tel: link).
PHONE = re.compile(r"(?<![\d-])(0\d{2,3}[- ]?\d{3,4} ?\d{4}|1[3-9]\d[ -]?\d{4}[ -]?\d{4})(?![\d-])")


@dataclass
class Extracted:
    """What one page contributes to the index."""

    h1: str = ""
    headings: list[tuple[str, str]] = field(default_factory=list)  # (anchor id, text)
    body: str = ""
    first_paragraph: str = ""
    summary: str = ""
    kind: str = ""
    tels: list[tuple[str, str]] = field(default_factory=list)  # (tel: href, text shown)
    link_chars: int = 0  # characters of text inside links (a list page is mostly links)
    facts: dict[str, str] = field(default_factory=dict)  # key facts from a two-column table


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Extracted()
        self.stack: list[tuple[str, str]] = []  # (tag, role): role in {"", "skip", "heading", "summary", "tel", "p"}
        self.skip = 0
        self.body: list[str] = []
        self.cur: dict[str, list[str]] = {}
        self.heading_id = ""
        self.lead_over = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if a.get("data-search-kind") and not self.out.kind:
            self.out.kind = a["data-search-kind"].strip()
        if tag in VOID:
            return
        cls = a.get("class", "").split()
        role = ""
        if self.skip or tag in SKIP_TAGS or "data-search-ignore" in a or "headerlink" in cls:
            role = "skip"
            self.skip += 1
        elif tag in HEADINGS:
            role = "heading"
            self.heading_id = a.get("id", "")
            if tag != "h1":
                self.lead_over = True  # the summary comes from the page's lead, not from a section
        elif "data-search-summary" in a or (tag == "div" and "admonition" in cls and SUMMARY_ADMONITIONS & set(cls)):
            role = "summary"
        elif tag == "p" and "admonition-title" in cls:
            role = "skip"
            self.skip += 1
        elif tag == "div" and "admonition" in cls:
            role = "aside"
        elif tag == "tr":
            role = "tr"
            self.cells: list[str] = []
        elif tag in ("td", "th") and any(r == "tr" for _, r in self.stack):
            role = "cell"
            self.cur["cell"] = []
        elif tag == "a" and a.get("href", "").startswith("tel:"):
            role = "tel"
            self.cur["tel:" + a["href"]] = []
        elif tag == "p" and not self.out.first_paragraph and "p" not in self.cur and not self._in("aside") \
                and not self.lead_over:
            role = "p"
        if role in ("heading", "summary", "p"):
            self.cur[role] = []
        self.stack.append((tag, role))
        if tag in BLOCKS:
            self.body.append("\n")

    def _in(self, role: str) -> bool:
        return any(r == role for _, r in self.stack)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack:
            open_tag, role = self.stack.pop()
            self._close(role)
            if open_tag == tag:
                break
        if tag in BLOCKS:
            self.body.append("\n")

    def _close(self, role: str) -> None:
        if role == "skip":
            self.skip -= 1
        elif role == "heading":
            text = _clean("".join(self.cur.pop("heading", [])))
            if text and not self.out.h1:
                self.out.h1 = text
            elif text:
                self.out.headings.append((self.heading_id, text))
        elif role == "summary":
            text = _clean("".join(self.cur.pop("summary", [])))
            if text and not self.out.summary:
                self.out.summary = text
        elif role == "p":
            text = _clean("".join(self.cur.pop("p", [])))
            if len(text) >= 8 and "›" not in text:  # not a breadcrumb or a bare link line
                self.out.first_paragraph = text
        elif role == "cell":
            self.cells.append(_clean("".join(self.cur.pop("cell", []))))
        elif role == "tr":
            cells = getattr(self, "cells", [])
            if len(cells) == 2 and cells[0] in KEY_LABELS and cells[1] and cells[0] not in self.out.facts:
                self.out.facts[cells[0]] = cells[1]
        elif role == "tel":
            for key in [k for k in self.cur if k.startswith("tel:")]:
                text = _clean("".join(self.cur.pop(key)))
                href = key[4:]
                if href not in {h for h, _ in self.out.tels}:
                    self.out.tels.append((href, text))

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        for parts in self.cur.values():
            parts.append(data)
        if any(tag == "a" for tag, _ in self.stack):
            self.out.link_chars += len(data.strip())
        if not any(role == "heading" for _, role in self.stack):
            self.body.append(data)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def extract(html: str) -> Extracted:
    """Parse the article HTML of one page."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    while parser.stack:
        parser._close(parser.stack.pop()[1])
    out = parser.out
    out.body = _clean("".join(parser.body))
    known = {re.sub(r"\D", "", href)[-8:] for href, _ in out.tels}
    for m in PHONE.finditer(out.body):
        digits = re.sub(r"\D", "", m.group(1))
        if digits[-8:] not in known:
            known.add(digits[-8:])
            out.tels.append(("", m.group(1)))
    return out
