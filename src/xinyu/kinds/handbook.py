"""Print-ready PDF handbooks: one ``guides/<id>/<id>.pdf`` per practice guide (`guide.booklet`) and a
handout PDF per lesson (`lesson.handout`), both made by `xinyu.pdf`.

Not a source kind: it reads the guides the guide kind loaded. Without WeasyPrint or a Chinese
font a preview build warns (``pdf.unavailable``, one line) and a publishing build refuses.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Loc
from ..pdf import INSTALL, unavailable
from ..project import Page, Site
from .base import Kind
from .guide.booklet import guide_pdf
from .guide.kind import KIND as GUIDES
from .guide.names import pdf_uri
from .lesson.handout import lesson_pdf, lesson_pdf_uri
from .lesson.kind import KIND as LESSONS


class HandbookKind(Kind):
    """The PDF booklets of the practice guides."""

    name = "handbook"

    def validate(self, site: Site) -> None:
        """Say once, in Chinese, when PDFs cannot be made (a warning in preview, an error when publishing)."""
        if site.project.checking or not (GUIDES.of(site) or LESSONS.of(site)):
            return
        why = unavailable()
        if why is None:
            return
        loc = Loc(site.project.settings.config_file)
        if site.project.preview:
            site.diags.warning(loc, "pdf.unavailable", why, "预览版照常生成；发布前先安装。" + INSTALL)
        else:
            site.diags.error(loc, "pdf.unavailable", why, INSTALL)

    def render(self, site: Site) -> Iterable[Page]:
        """The PDF files (made once; the guide pages link them with their size)."""
        for g in GUIDES.of(site):
            data = guide_pdf(site, g)
            if data:
                yield Page(pdf_uri(g.id), data, g.path, f"{g.header.title}（PDF）")
        for e in LESSONS.of(site):
            data = lesson_pdf(site, e)
            if data:
                yield Page(lesson_pdf_uri(e.item.id), data, e.path, f"{e.item.title}（讲义 PDF）")


KIND = HandbookKind()
