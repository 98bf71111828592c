"""The texts the safety checks read: one `Unit` per page or entry, each piece located in its source file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict

from ...diagnostics import Diagnostics, Loc
from ...model import validate
from ...project import HandPage, Site
from ...text.frontmatter import split_markdown
from ..event.kind import data_of
from ..event.urls import event_uri, series_uri
from ..guide.kind import KIND as GUIDES
from ..lesson.kind import KIND as LESSONS
from ..lesson.model import markdown_fields
from ..lesson.urls import page_uri
from ..menu import KIND as MENU
from ..menu import PAGE as MENU_PAGE
from ..release import KIND as RELEASES
from ..release import PAGE as RELEASES_PAGE
from ..service.entries import entries_of as services_of
from ..service.entries import page_uri as service_uri
from ..story import KIND as STORIES
from ..story import story_uri
from .model import RiskFlag, shows_box

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,}).*?^\s{0,3}\1[ \t]*$", re.M | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_H1 = re.compile(r"^#(?!#)[ \t]+(.*?)[ \t]*(\{[^}]*\})?[ \t]*$", re.M)
_HEADING = re.compile(r"^#{1,6}[ \t]", re.M)
_LINK = re.compile(r"!?\[[^\]]*\]\([^)]*\)")


@dataclass
class Piece:
    """A run of text and where it starts in its file."""

    text: str
    loc: Loc
    title: bool = False


@dataclass
class Unit:
    """A page or entry: its texts, its ``risk`` flag and what its kind already does about risk."""

    label: str  # how messages name it: 第3问“…”, 教案“…”, 页面 about.md
    loc: Loc  # where detection is reported
    page: str | None  # the src_uri of the page showing it (crisis box)
    pieces: list[Piece]
    risk: bool | RiskFlag | None = None
    reviewed: bool = False  # a named reviewer signed the entry (its kind's own ``review``)
    boxed: bool = False  # its renderer already shows the crisis box
    declared: bool = False  # its kind already requires a reviewer (risk: true, a sensitive lesson)
    audience: bool = False  # aimed at students or parents: the tone checks apply
    short: str | None = None  # the short answer shown before the long text
    ending: Piece | None = None  # the long text whose end must name a next step
    links_help: bool = False  # the page lists services (related service:…)
    also: list[str] = field(default_factory=list)  # other pages showing its text (a series' occurrences)

    @property
    def pages(self) -> list[str]:
        """Every page showing its text: its own and `also`."""
        return [*([self.page] if self.page else []), *self.also]

    @property
    def flag(self) -> RiskFlag | None:
        """The ``risk:`` mapping, if one was written."""
        return self.risk if isinstance(self.risk, RiskFlag) else None

    @property
    def text(self) -> str:
        """All its text except link texts (a list of links to risk pages is not about risk), for detection."""
        return _LINK.sub(" ", "\n".join(p.text for p in self.pieces))


def blank(text: str, pattern: re.Pattern[str]) -> str:
    """`text` with every match of `pattern` replaced by spaces (line breaks kept, so lines still count)."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def prose(markdown: str) -> str:
    """Markdown without code blocks and HTML comments (same length, same lines)."""
    return blank(blank(markdown, _FENCE), _COMMENT)


def last_section(markdown: str) -> tuple[str, int]:
    """The text after the last heading (or the last paragraph when there is none) and its line offset."""
    starts = [m.start() for m in _HEADING.finditer(markdown)]
    if starts:
        cut = starts[-1]
    else:
        breaks = [m.end() for m in re.finditer(r"\n[ \t]*\n(?=[ \t]*\S)", markdown.rstrip())]
        cut = breaks[-1] if breaks else 0
    return markdown[cut:], markdown.count("\n", 0, cut)


def _ending(text: str, loc: Loc) -> Piece:
    rest, offset = last_section(text)
    return Piece(rest, Loc(loc.path, loc.line + offset, 1))


def guide_units(site: Site) -> Iterator[Unit]:
    """A unit per guide question: title, short answer, answer."""
    for g in GUIDES.of(site):
        for q in g.questions:
            m = q.meta
            answer = prose(q.answer)
            yield Unit(
                f"第{q.number}问“{q.title}”", q.loc, f"guides/{g.id}/{q.id}.md",
                [Piece(q.title, q.loc, True), Piece(m.short, q.doc.loc(("short",))), Piece(answer, q.answer_loc)],
                m.risk if m.risk is not False else None, m.review is not None, shows_box(m.risk), m.risk is not False,
                "家长" in g.header.audience, m.short, _ending(answer, q.answer_loc),
                any(r.startswith("service:") for r in m.related),
            )


def _located(e: Any, key: tuple[str | int, ...], value: str | None, title: bool = False) -> list[Piece]:
    return [Piece(value, e.loc(*key), title)] if value else []


def lesson_units(site: Site) -> Iterator[Unit]:
    """A unit per lesson: title, summary, goals, every step and Markdown field, appendices."""
    for e in LESSONS.of(site):
        les = e.item
        pieces = _located(e, ("title",), les.title, True) + _located(e, ("summary",), les.summary)
        for name in ("objectives", "key_points", "difficult_points"):
            for i, text in enumerate(getattr(les, name)):
                pieces += _located(e, (name, i), text)
        for i, step in enumerate(les.procedure):
            pieces += _located(e, ("procedure", i, "title"), step.title)
            pieces += _located(e, ("procedure", i, "purpose"), step.purpose)
        for key, text in markdown_fields(les):
            pieces += _located(e, key, prose(text))
        if e.body.strip():
            pieces.append(Piece(prose(e.body), Loc(e.path, e.body_line or 1, 1)))
        yield Unit(f"教案“{les.title}”", e.loc("title"), page_uri(les.id), pieces, les.risk,
                   les.review is not None, False, les.safety.sensitive)


def story_units(site: Site) -> Iterator[Unit]:
    """A unit per parents' story: title, summary, body."""
    for s in STORIES.of(site):
        st = s.item
        body = prose(s.body)
        body_loc = Loc(s.meta.path, s.body_line, 1)
        pieces = _located(s.meta, ("title",), st.title, True) + _located(s.meta, ("summary",), st.summary)
        yield Unit(f"家长故事“{st.title}”", s.meta.loc("title"), story_uri(s.id), [*pieces, Piece(body, body_loc)],
                   st.risk, st.review is not None, False, False, True, st.summary, _ending(body, body_loc),
                   any(r.startswith("service:") for r in st.related))


def event_units(site: Site) -> Iterator[Unit]:
    """A unit per event entry and per series: title, summary, note."""
    data = data_of(site)
    no_box = set()
    for e in data.events:
        ev = e.item
        if ev.risk is not None and not ev.risk.box:
            no_box.add(ev.id)  # reviewed: its page needs no box, even when its series has one
        pieces = (_located(e, ("title",), ev.title, True) + _located(e, ("summary",), ev.summary)
                  + _located(e, ("note",), ev.note))
        yield Unit(f"活动“{ev.title or ev.id}”", e.loc("id"), event_uri(ev.id), pieces, ev.risk,
                   ev.review is not None)
    for s in data.series.values():
        se = s.item
        pieces = _located(s, ("title",), se.title, True) + _located(s, ("summary",), se.summary)
        # each occurrence page (events/<id>.md) belongs to its series: the series' summary is shown there
        # and the reader arrives from the calendar, so it gets the box whenever the series page does
        occurrences = [event_uri(o.id) for o in data.occurrences if o.series == se.id and o.id not in no_box]
        yield Unit(f"活动系列“{se.title}”", s.loc("id"), series_uri(se.id), pieces, se.risk,
                   se.review is not None, also=occurrences)


def menu_units(site: Site) -> Iterator[Unit]:
    """A unit per topic of the lecture menu: title, summary (all on ``events/menu.md``)."""
    for menu in MENU.of(site):
        for t in menu.topics:
            to = t.item
            pieces = _located(t, ("title",), to.title, True) + _located(t, ("summary",), to.summary)
            yield Unit(f"讲座菜单讲题“{to.title}”", t.loc("id"), MENU_PAGE, pieces, to.risk, to.review is not None)


def release_units(site: Site) -> Iterator[Unit]:
    """A unit for the 微课 publication and one per release: title, summary (all on ``events/weike.md``)."""
    for r in RELEASES.of(site):
        se = r.series
        pieces = [Piece(se.title, r.doc.loc(("series", "title")), True)]
        if se.summary:
            pieces.append(Piece(se.summary, r.doc.loc(("series", "summary"))))
        yield Unit(f"“{se.title}”", r.doc.loc(("series", "id")), RELEASES_PAGE, pieces, se.risk,
                   se.review is not None)
        for e in r.items:
            rel = e.item
            pieces = _located(e, ("title",), rel.title, True) + _located(e, ("summary",), rel.summary)
            yield Unit(f"第{rel.number}堂微课“{rel.title}”", e.loc("number"), RELEASES_PAGE, pieces, rel.risk,
                       rel.review is not None)


def service_units(site: Site) -> Iterator[Unit]:
    """A unit per hotline or service: its name and every text its page shows.

    Services are the help itself: a crisis line's page names 自杀 or 自伤 because that is what it is
    for, and it already puts its own numbers first (with the crisis bar every page carries). So the
    safe-messaging rules apply (no method detail, no sensational or romanticising wording), but the
    page gets no extra crisis box (`boxed`) and no per-line reviewer (`declared`): the service kind
    already refuses to publish an entry no named editor has verified (``verification.verified_by``).
    """
    for e in services_of(site):
        s = e.item
        pieces = (_located(e, ("name",), s.name, True) + _located(e, ("operator",), s.operator)
                  + _located(e, ("summary",), s.summary) + _located(e, ("address",), s.address))
        for i, topic in enumerate(s.topics):
            pieces += _located(e, ("topics", i), topic)
        for i, ch in enumerate(s.channels):
            pieces += _located(e, ("channels", i, "label"), ch.label)
            pieces += _located(e, ("channels", i, "hours", "note"), ch.hours.note)
            pieces += _located(e, ("channels", i, "hours", "text"), ch.hours.text)
            for j, ex in enumerate(ch.hours.exceptions):
                pieces += _located(e, ("channels", i, "hours", "exceptions", j, "note"), ex.note)
        if s.clinic is not None:
            for name in ("booking", "insurance", "green_channel"):
                pieces += _located(e, ("clinic", name), getattr(s.clinic, name))
            for i, session in enumerate(s.clinic.sessions):
                pieces += _located(e, ("clinic", "sessions", i, "note"), session.note)
        yield Unit(f"热线与服务“{s.name}”", e.loc("id"), service_uri(s.id), pieces, s.risk,
                   s.review is not None, True, True)


class _Front(BaseModel):
    """The one front matter key of a hand-written page the safety checks read."""

    model_config = ConfigDict(extra="ignore")
    risk: bool | RiskFlag | None = None


def page_unit(page: HandPage, diags: Diagnostics) -> Unit | None:
    """A hand-written page: its H1 (or front matter title) and its body; ``risk:`` from its front matter."""
    md = split_markdown(page.text, page.path, Diagnostics())
    if md is None:
        return None
    front = validate(_Front, md.meta.data, md.meta, diags)
    risk = front.risk if front else None
    body = prose(md.body)
    pieces: list[Piece] = []
    title = md.meta.data.get("title") if isinstance(md.meta.data, dict) else None
    h1 = _H1.search(body)
    if isinstance(title, str):
        pieces.append(Piece(title, md.meta.loc(("title",)), True))
    elif h1:
        line = md.body_line + body.count("\n", 0, h1.start())
        pieces.append(Piece(h1.group(1), Loc(page.path, line, 3), True))
    if h1:
        body = body[:h1.start()] + " " * (h1.end() - h1.start()) + body[h1.end():]
    body_loc = Loc(page.path, md.body_line, 1)
    pieces.append(Piece(body, body_loc))
    description = md.meta.data.get("description") if isinstance(md.meta.data, dict) else None
    lead = body[:m.start()] if (m := re.search(r"^##", body, re.M)) else body
    short = description if isinstance(description, str) else (lead.strip() or None)
    risk_loc = md.meta.loc(("risk",)) if risk is not None else Loc(page.path, 1, 1)
    return Unit(f"页面“{page.path}”", risk_loc, page.src_uri, pieces, risk, False, False, False, True, short,
                _ending(body, body_loc), bool(re.search(r"\]\((service:|[./]*services/)", body)))


def units(site: Site) -> Iterator[Unit]:
    """Every unit of the site, in a stable order."""
    yield from guide_units(site)
    yield from lesson_units(site)
    yield from story_units(site)
    yield from event_units(site)
    yield from menu_units(site)
    yield from release_units(site)
    yield from service_units(site)
    for page in site.pages:
        unit = page_unit(page, site.diags)
        if unit is not None:
            yield unit

