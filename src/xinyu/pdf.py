"""Print-ready PDF handbooks of the practice guides (WeasyPrint, A4, CSS paged media).

Each guide becomes ``guides/<id>/<id>.pdf``: a cover (title, issuer, edition, date), a contents
list with page numbers (``target-counter``), every question with its number, and on every page
the crisis line (from the directory) and the page number in the page-margin boxes. No network:
the HTML has no outside resources and the URL fetcher refuses any; fonts are the system's
(fonts-noto-cjk). WeasyPrint is imported only here, and only when a PDF is made.

Without WeasyPrint (or its pango, or a Chinese font) a preview build warns in one Chinese line
and goes on without PDFs; a publishing build refuses with the same line and what to install.
``XINYU_NO_PDF=1`` makes the build behave as if WeasyPrint were missing.
"""

from __future__ import annotations

import glob
import html
import os
import re
import shutil
import subprocess
from typing import TYPE_CHECKING, Any

import markdown

from .mdtext import esc
from .project import Site
from .refs import relative_link

if TYPE_CHECKING:
    from .kinds.guide.source import GuideFile

MISSING = "没有找到 PDF 生成库 WeasyPrint 或中文字体，本次构建不生成实操指南的 PDF 手册"
INSTALL = ("安装后重新构建：pip install weasyprint==70.0；"
           "apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk")
_CACHE: dict[str, Any] = {"site": None, "pdfs": {}}


def pdf_uri(guide_id: str) -> str:
    """Where a guide's PDF lives in the site: ``guides/<id>/<id>.pdf``."""
    return f"guides/{guide_id}/{guide_id}.pdf"


def _cjk_font() -> bool:
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=20)
            return bool(out.stdout.strip())
        except (OSError, subprocess.SubprocessError):
            pass
    folders = ("/usr/share/fonts", "/usr/local/share/fonts")
    return any(glob.glob(f"{d}/**/*[Cc][Jj][Kk]*", recursive=True) for d in folders)


def unavailable() -> str | None:
    """None when PDFs can be made; otherwise the one Chinese line that says why not."""
    if os.environ.get("XINYU_NO_PDF"):
        return MISSING
    try:
        import weasyprint  # noqa: F401  # lazy: optional dependency; only asks whether it is installed
    except Exception:  # ImportError, or OSError when pango is missing
        return MISSING
    return None if _cjk_font() else MISSING


def _fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """No network, no files: a handbook is made from its own HTML only."""
    raise ValueError(f"PDF 手册不加载外部资源：{url}")


def _crisis_text(site: Site) -> str:

    from .kinds.service.kind import crisis_lines  # lazy: cycle pdf -> kinds -> kinds.handbook -> pdf, to fix

    lines = crisis_lines(site)[:3]
    if not lines:
        return "心理援助热线 12356"
    return "  ".join(f"{ln['name']} {ln['display']}" for ln in lines)


def _answer_html(markdown_text: str) -> str:

    body = markdown.markdown(markdown_text, extensions=["tables", "attr_list", "def_list", "footnotes",
                                                         "admonition", "md_in_html"])
    # typed references and page links mean nothing on paper: keep their words
    return re.sub(r"</a>", "</span>", re.sub(r"<a\b[^>]*>", "<span>", body))


def _css(crisis: str) -> str:
    quoted = crisis.replace("\\", "\\\\").replace('"', '\\"')
    return f"""
@page {{ size: A4; margin: 24mm 18mm 22mm 18mm;
  @top-center {{ content: "{quoted}"; font-size: 8.5pt; color: #9b1c1c; }}
  @bottom-center {{ content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 9pt; color: #444; }} }}
html {{ font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 10.5pt; line-height: 1.65; color: #111; }}
.cover {{ break-after: page; text-align: center; padding-top: 55mm; }}
.cover h1 {{ font-size: 24pt; margin-bottom: 18mm; }}
.cover p {{ font-size: 12pt; margin: 3mm 0; }}
.toc {{ break-after: page; }}
.toc h2 {{ font-size: 16pt; }}
.toc h3 {{ font-size: 11pt; margin: 4mm 0 1mm; }}
.toc ol {{ list-style: none; padding: 0; margin: 0; }}
.toc li a {{ color: #111; text-decoration: none; }}
.toc li a::after {{ content: leader(".") target-counter(attr(href), page); }}
.q h2 {{ font-size: 13pt; break-after: avoid; border-bottom: 1px solid #999; margin-top: 8mm; }}
.short {{ background: #f2f6f6; padding: 2mm 3mm; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #999; padding: 1mm 2mm; }}
th, td:first-child, td:nth-child(2) {{ white-space: nowrap; }}
"""


def guide_html(g: GuideFile, site: Site) -> str:
    """The booklet as one HTML document (every data value escaped)."""
    from .kinds.guide.render import number_label  # lazy: cycle pdf -> kinds.guide.render -> pdf, to fix

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
                    f"<p class='short'>{e(q.meta.short)}</p>{_answer_html(q.answer)}</section>")
    return ("<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
            f"<title>{e(h.title)}</title><style>{_css(_crisis_text(site))}</style></head><body>"
            + "".join(cover + toc + body) + "</body></html>")


def _made(site: Site, key: str, make: Any) -> bytes | None:
    """The PDF `key` of this site, made once from the HTML `make()` returns; None when PDFs cannot be made."""
    if site.project.checking or unavailable():
        return None
    if _CACHE["site"] is not site:
        _CACHE["site"], _CACHE["pdfs"] = site, {}
    pdfs: dict[str, bytes] = _CACHE["pdfs"]
    if key not in pdfs:
        from weasyprint import HTML  # lazy: optional dependency, ~0.4 s; only when a PDF is made

        pdfs[key] = HTML(string=make(), url_fetcher=_fetch, base_url=None).write_pdf() or b""
    return pdfs[key]


def guide_pdf(site: Site, g: GuideFile) -> bytes | None:
    """The guide's PDF (made once per site), or None when PDFs cannot be made or the build only checks."""
    return _made(site, f"guide:{g.id}", lambda: guide_html(g, site))


def lesson_pdf_uri(lesson_id: str) -> str:
    """Where a lesson handout's PDF lives: ``lessons/<id>/handout.pdf``."""
    return f"lessons/{lesson_id}/handout.pdf"


def lesson_html(e: Any, site: Site) -> str:
    """The print handout of a lesson (the same Markdown as its print page) as one HTML document."""

    from .kinds.lesson.render import handout_page  # lazy: cycle pdf -> kinds.lesson.render -> pdf, to fix

    text = handout_page(e).split("---", 2)[2]  # without the front matter
    body = markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html", "def_list"])
    body = re.sub(r"</a>", "</span>", re.sub(r"<a\b[^>]*>", "<span>", body))
    return ("<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
            f"<title>{html.escape(e.item.title)}</title><style>{_css(_crisis_text(site))}</style></head><body>"
            + body + "</body></html>")


def lesson_pdf(site: Site, e: Any) -> bytes | None:
    """The lesson handout's PDF, or None."""
    return _made(site, f"lesson:{e.item.id}", lambda: lesson_html(e, site))


def lesson_item(site: Site, e: Any, from_uri: str) -> list[str]:
    """The downloads-list line of a lesson's PDF handout ([] without a PDF)."""
    from .kinds.resource.render import size_text  # lazy: cycle pdf -> kinds -> kinds.handbook -> pdf, to fix

    data = lesson_pdf(site, e)
    if not data:
        return []
    link = relative_link(from_uri, lesson_pdf_uri(e.item.id))
    return [f"- 讲义：[{esc(e.item.title)}（打印版）]({link})（PDF · {size_text(len(data))}）"]


def link_line(site: Site, g: GuideFile, from_uri: str) -> list[str]:
    """The guide page's line linking its PDF with its size ([] without a PDF)."""
    from .kinds.resource.render import size_text  # lazy: cycle pdf -> kinds -> kinds.handbook -> pdf, to fix

    data = guide_pdf(site, g)
    if not data:
        return []
    return [f"[下载打印版 PDF 手册（PDF · {size_text(len(data))}）]({relative_link(from_uri, pdf_uri(g.id))})"
            "{ .md-button .xy-pdf-link }", ""]
