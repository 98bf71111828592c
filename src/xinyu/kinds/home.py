"""The portal home: the hand-written ``content/index.md`` with two generated parts.

Where the page has the marker ``<!-- xinyu:search -->`` it gets a search form (``home.js`` opens
the site's search dialog with the query; without JavaScript the form leads to the page's list of
sections). Where it has ``<!-- xinyu:this-month -->`` it gets "本月": the next events, the latest
微课 and the newest questions, picked at the build date; each item carries its ISO date so
``home.js`` can correct the picks with the reader's own date (Asia/Shanghai), as ``events.js``
does for the events list. A home page without markers is published as written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..diagnostics import Loc
from ..mdtext import attr, entry_locs, esc
from ..project import Page, Site
from .base import Kind
from .event.calendar import when_html
from .event.kind import data_of
from .event.model import STATUS_TEXT
from .guide.kind import KIND as GUIDES
from .release import KIND as RELEASES

HOME = "index.md"
SEARCH_MARK = "<!-- xinyu:search -->"
MONTH_MARK = "<!-- xinyu:this-month -->"
EVENTS_SHOWN = 3  # visible items of the events list; a few more follow, hidden, for home.js
EVENTS_KEPT = 12
QUESTIONS_SHOWN = 4


def search_form(fallback: str) -> str:
    """The on-page search form; without JavaScript it submits to `fallback` (an anchor on the page)."""
    return (
        f'<form class="xy-home-search" action="#{attr(fallback)}" role="search" data-xy-home-search>'
        '<label class="xy-home-search__label" for="xy-home-q">搜索问答、教案、活动和热线</label>'
        '<span class="xy-home-search__row"><input id="xy-home-q" class="xy-home-search__input" type="search" '
        'name="q" autocomplete="off" placeholder="如：厌学、家长沙龙、12356">'
        '<button type="submit" class="md-button md-button--primary xy-home-search__go">搜索</button></span>'
        '<noscript><span class="xy-home-search__noscript">搜索需要启用 JavaScript；'
        "也可以从下面的栏目进入。</span></noscript></form>"
    )


def next_events(site: Site) -> list[Any]:
    """Upcoming, not cancelled occurrences from the build date on, soonest first (at most EVENTS_KEPT)."""
    data = data_of(site)
    today = site.project.today
    occs = [o for o in data.occurrences if o.day >= today and o.status != "cancelled"]
    return sorted(occs, key=lambda o: (o.start, o.id))[:EVENTS_KEPT]


def weike_picks(site: Site) -> list[tuple[Any, Any, bool]]:
    """(publication, release, shown): the latest release out by the build date (else the first one),
    and the next two, hidden, for home.js to show once the reader's date reaches them."""
    today = site.project.today
    out: list[tuple[Any, Any, bool]] = []
    for r in RELEASES.of(site):
        items = [e.item for e in r.items]
        out_now = [i for i, x in enumerate(items) if x.date <= today]
        at = out_now[-1] if out_now else 0
        out += [(r, x, k == at) for k, x in enumerate(items) if at <= k <= at + 2]
    return out


def newest_questions(site: Site) -> list[tuple[Any, Any]]:
    """(guide, question) pairs, most recently reviewed or updated first."""
    pairs = []
    for g in GUIDES.of(site):
        h = g.header
        fallback = h.updated or h.published or dt.date.min
        for q in g.questions:
            review = q.meta.review or h.review
            when = review.reviewed_on if review is not None else fallback
            pairs.append((max(when, fallback), h.order, q.number, g, q))
    pairs.sort(key=lambda t: (-t[0].toordinal(), t[1], -t[2]))
    return [(g, q) for *_, g, q in pairs[:QUESTIONS_SHOWN]]


def _event_li(o: Any, hidden: bool) -> str:
    mark = f' <span class="xy-badge xy-badge--{o.status}">{STATUS_TEXT[o.status]}</span>' \
        if o.status != "scheduled" else ""
    return (f'<li class="xy-event" data-date="{o.day.isoformat()}"{" hidden" if hidden else ""} markdown="span">'
            f'{when_html(o.start, year=False)} <span class="xy-event__what">[{esc(o.title)}](event:{o.id}){mark}'
            "</span></li>")


def this_month(site: Site) -> list[str]:
    """The three "本月" cards (raw HTML with Markdown spans; typed references are rewritten)."""
    today = site.project.today
    out = [f'<div class="xy-month-cards" data-today="{today.isoformat()}" markdown>', ""]
    if data_of(site).series:  # the events section exists
        events = next_events(site)
        out += ['<section class="xy-month-card" markdown="block">', "", "### 近期活动 {#jinqi-huodong}", "",
                f'<ul class="xy-home-events xy-events" data-show="{EVENTS_SHOWN}" markdown>']
        out += [_event_li(o, k >= EVENTS_SHOWN) for k, o in enumerate(events)]
        empty = "" if events else "近期暂无活动。"
        out += ["</ul>", "", f'<p class="xy-home-empty">{empty}</p>', "",
                "[全部活动和月历](events/index.md)", "", "</section>", ""]
    picks = weike_picks(site)
    if picks:
        out += ['<section class="xy-month-card" markdown="block">', "", "### 暖心微课 {#nuanxin-weike}", "",
                '<ul class="xy-home-weike" markdown>']
        for r, x, shown in picks:
            out.append(f'<li data-release="{x.date.isoformat()}"{"" if shown else " hidden"} markdown="span">'
                       f"[第{x.number}堂　{esc(x.title)}](release:{r.key(x.number)})"
                       f'<br><span class="xy-home-note">{x.date.year}年{x.date.month}月{x.date.day}日发布</span></li>')
        out += ["</ul>", "", f"[全部 {len(picks[0][0].items)} 堂微课](release:{picks[0][0].series.id})", "",
                "</section>", ""]
    questions = newest_questions(site)
    if questions:
        out += ['<section class="xy-month-card" markdown="block">', "", "### 最新问答 {#zuixin-wenda}", "",
                '<ul class="xy-home-questions" markdown>']
        out += [f'<li markdown="span">[{esc(q.title)}](guide:{g.id}#{q.id})</li>' for g, q in questions]
        out += ["</ul>", "", "[全部实操指南](guides/index.md)", "", "</section>", ""]
    return [*out, "</div>", ""]


def home_page(text: str, site: Site) -> str:
    """The hand-written home with its markers replaced."""
    if SEARCH_MARK in text:
        text = text.replace(SEARCH_MARK, search_form("wo-shi"), 1)
    if MONTH_MARK in text:
        text = text.replace(MONTH_MARK, "\n".join(this_month(site)), 1)
    return text


def home_link_locs(text: str, site: Site) -> dict[str, Loc]:
    """The generated "本月" links of the home (`text` as written by hand) → the entries they name."""
    return entry_locs("\n".join(this_month(site)), site.registry) if MONTH_MARK in text else {}


class HomeKind(Kind):
    """Not a content kind of its own: it fills in the markers of the hand-written home page."""

    name = "home"

    def render(self, site: Site) -> Iterable[Page]:
        """The home page, when ``content/index.md`` has a marker."""
        hand = next((p for p in site.pages if p.src_uri == HOME), None)
        if hand is None or (SEARCH_MARK not in hand.text and MONTH_MARK not in hand.text):
            return
        yield Page(HOME, home_page(hand.text, site), hand.path, None, home_link_locs(hand.text, site))


KIND = HomeKind()
