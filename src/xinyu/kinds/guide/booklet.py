"""The printed booklet of a practice guide, ``guides/<id>/<id>.pdf`` (made by `xinyu.pdf`): a cover
(title, issuer, edition, date), a contents list with page numbers (``target-counter``), every
question with its number; the guide page links it with its size."""

from __future__ import annotations

import html

from ...pdf import crisis_text, document, made, paper_html
from ...project import Site
from ...refs import relative_link
from ..resource.render import size_text
from ..service.entries import crisis_lines
from .names import number_label, pdf_uri
from .source import GuideFile

EXTENSIONS = ["tables", "attr_list", "def_list", "footnotes", "admonition", "md_in_html"]


def guide_html(g: GuideFile, site: Site) -> str:
    """The booklet as one HTML document (every data value escaped)."""
    e = html.escape
    h = g.header
    date = h.updated or h.published
    cover = [f"<section class='cover'><h1>{e(h.title)}</h1>", f"<p>{e(h.issuer)}</p>", f"<p>{e(h.edition)}</p>"]
    if date:
        cover.append(f"<p>{date.year}年{date.month}月{date.day}日</p>")
    cover.append(f"<p>共 {len(g.questions)} 问</p></section>")
    toc = ["<section class='toc'><h2>目录</h2>"]
    current = None
    for q in g.questions:
        cat = q.meta.category
        if cat != current:
            if current is not None:
                toc.append("</ol>")
            title = g.categories[cat].title if cat in g.categories else cat
            toc.append(f"<h3>{e(title)}</h3><ol>")
            current = cat
        toc.append(f"<li><a href='#{e(q.id)}'>{e(number_label(q))}　{e(q.title)}</a></li>")
    toc.append("</ol></section>" if current is not None else "</section>")
    body = []
    for q in g.questions:
        body.append(f"<section class='q' id='{e(q.id)}'><h2>{e(number_label(q))}　{e(q.title)}</h2>"
                    f"<p class='short'>{e(q.meta.short)}</p>{paper_html(q.answer, EXTENSIONS)}</section>")
    return document(h.title, crisis_text(crisis_lines(site)), "".join(cover + toc + body))


def guide_pdf(site: Site, g: GuideFile) -> bytes | None:
    """The guide's PDF (made once per site), or None when PDFs cannot be made or the build only checks."""
    return made(site, f"guide:{g.id}", lambda: guide_html(g, site))


def link_line(site: Site, g: GuideFile, from_uri: str) -> list[str]:
    """The guide page's line linking its PDF with its size ([] without a PDF)."""
    data = guide_pdf(site, g)
    if not data:
        return []
    return [f"[下载打印版 PDF 手册（PDF · {size_text(len(data))}）]({relative_link(from_uri, pdf_uri(g.id))})"
            "{ .md-button .xy-pdf-link }", ""]
