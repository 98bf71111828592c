"""Print-ready PDFs (WeasyPrint, A4, CSS paged media): the engine under the guides' booklets
(`kinds.guide.booklet`) and the lessons' handouts (`kinds.lesson.handout`), which know no kind.

A document is HTML made by its kind, with on every page the crisis line (passed in, from the
directory) and the page number in the page-margin boxes. No network:
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
from typing import Any

import markdown

from .project import Site

MISSING = "没有找到 PDF 生成库 WeasyPrint 或中文字体，本次构建不生成实操指南的 PDF 手册"
INSTALL = ("安装后重新构建：pip install weasyprint==70.0；"
           "apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk")
_CACHE: dict[str, Any] = {"site": None, "pdfs": {}}


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


def crisis_text(lines: list[dict[str, Any]]) -> str:
    """The crisis line of every printed page: the first three lines of the directory (name, number)."""
    if not lines:
        return "心理援助热线 12356"
    return "  ".join(f"{ln['name']} {ln['display']}" for ln in lines[:3])


def paper_html(markdown_text: str, extensions: list[str]) -> str:
    """Markdown as HTML for paper: links (typed references, page links) mean nothing there, so only
    their words are kept."""
    body = markdown.markdown(markdown_text, extensions=extensions)
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


def document(title: str, crisis: str, body: str) -> str:
    """A whole printable HTML document: `body` (already escaped HTML) under `title`, with the page style."""
    return ("<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><style>{_css(crisis)}</style></head><body>"
            + body + "</body></html>")


def made(site: Site, key: str, make: Any) -> bytes | None:
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
