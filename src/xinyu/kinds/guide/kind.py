"""Practice guides (实操指南 / 30问): numbered Q&A handbooks in ``guides/*.md``.

The format is described in `guide_source` (and for editors in ``guides/README.md``); pages
are built by `guide_render`. Tags come from the shared vocabulary ``content/vocab/tags.yml``;
policy references point into ``content/policies.yml`` (the `policy` kind).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from ...diagnostics import Diagnostic, Diagnostics, Level, Loc
from ...htmlpolicy import check_markdown
from ...mdtext import typed_refs
from ...model import future_dates
from ...project import Page, Project, Site
from ...refs import Reference, Target
from ...text.frontmatter import load_markdown
from ...text.yamlio import load_yaml
from ..base import Kind, Ref
from .names import guide_uri, question_uri
from .render import render_guides
from .source import GuideFile, Question, parse_guide

TAGS_FILE = "vocab/tags.yml"  # under the docs dir


def guide_files(project: Project) -> list[Path]:
    """The guide sources: ``guides/*.md`` except README.md and drafts (names starting with _)."""
    folder = project.guides_dir
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.md") if p.stem.lower() != "readme" and not p.name.startswith("_"))


def load_tags(project: Project, diags: Diagnostics) -> dict[str, str] | None:
    """The shared tag vocabulary (``标签: 说明``), or None when the file does not exist."""
    path = project.docs_dir / TAGS_FILE
    if not path.is_file():
        return None
    doc = load_yaml(path, project.rel(path), diags)
    if doc is None:
        return {}
    data = doc.data if isinstance(doc.data, dict) else {}
    tags = data.get("tags")
    if not isinstance(tags, dict) or set(data) != {"tags"}:
        diags.error(doc.loc(), "vocab.format", "标签词表格式不对", "文件里只写 tags:，下面每行一个“标签: 说明”")
        return {}
    return {str(k): str(v or "") for k, v in tags.items()}


class GuideKind(Kind[GuideFile]):
    """Practice guides and their questions."""

    name = "guide"

    def sources(self, project: Project) -> list[Path]:
        """The tag vocabulary (guides themselves live outside the docs dir)."""
        path = project.docs_dir / TAGS_FILE
        return [path] if path.is_file() else []

    def load(self, project: Project, diags: Diagnostics) -> list[GuideFile]:
        """Parse every guide; check tags against the shared vocabulary."""
        vocab = load_tags(project, diags)
        out = []
        for path in guide_files(project):
            md = load_markdown(path, project.rel(path), diags)
            if md is None:
                continue
            guide = parse_guide(path.stem, md, diags)
            if guide is None:
                continue
            future_dates(guide.header, guide.meta.meta, diags, project.today)
            check_markdown(guide.intro, Loc(guide.path, guide.intro_line, 1), diags)  # answers: guide.raw-html
            for q in guide.questions:
                _check_question(guide, q, vocab, diags)
                future_dates(q.meta, q.doc, diags, project.today)
            out.append(guide)
        return sorted(out, key=lambda g: (g.header.order, g.id))

    def targets(self, entries: list[GuideFile], project: Project) -> Iterable[Target]:
        """``guide:<g>`` (contents), ``guide:<g>#<category>``, ``guide:<g>#<question>`` and answer headings."""
        for g in entries:
            page = guide_uri(g.id)
            yield Target(f"guide:{g.id}", page, g.header.title, None, g.loc("title"), g.header.summary)
            for i, c in enumerate(g.header.categories):
                yield Target(f"guide:{g.id}#{c.id}", page, c.title, c.id, g.loc("categories", i, "id"))
            for q in g.questions:
                uri = question_uri(g.id, q.id)
                yield Target(q.key, uri, q.title, None, q.loc, q.meta.short)
                for anchor, text in q.anchors:
                    yield Target(f"guide:{g.id}#{anchor}", uri, text, anchor, q.answer_loc)

    def references(self, entries: list[GuideFile]) -> Iterable[Ref]:
        """Policy references, related items and links written in answers, each with its line."""
        for g in entries:
            yield from (Ref(r) for r in typed_refs(g.intro, Loc(g.path, g.intro_line, 1)))
            for q in g.questions:
                for i, raw in enumerate(q.meta.policies):
                    yield Ref(Reference(raw, q.doc.loc(("policies", i))), "policy")
                for i, raw in enumerate(q.meta.related):
                    yield Ref(Reference(raw, q.doc.loc(("related", i))), related_of=q.key)
                yield from (Ref(r) for r in typed_refs(q.answer, q.answer_loc))

    def unsafe(self, entries: list[GuideFile], project: Project) -> Iterable[Diagnostic]:
        """Sample guides or questions and risk answers without a named reviewer."""
        for g in entries:
            for q in g.questions:
                if q.meta.risk and q.meta.review is None:
                    yield Diagnostic(
                        q.loc, Level.ERROR, "safety.risk-unreviewed",
                        f"第{q.number}问“{q.title}”涉及危机/自伤/受害（risk: true），尚未经专业人员审核",
                        "请具名专业人员审核后在字段块中填写 review: {reviewer: 姓名, reviewed_on: 日期}",
                    )
                elif (g.header.example or q.meta.example) and q.meta.review is None and g.header.review is None:
                    yield Diagnostic(
                        q.loc, Level.ERROR, "safety.example-unreviewed",
                        f"第{q.number}问“{q.title}”是示例内容，尚未经专业审核，不得公开发布",
                        "审核后填写 review（整本审核写在文件开头，单问审核写在字段块里），或删除示例内容",
                    )

    def render(self, site: Site) -> Iterable[Page]:
        """The guides index, a contents page per guide, a permalink page per question."""
        return render_guides(site, self.of(site))


def _check_question(g: GuideFile, q: Question, vocab: dict[str, str] | None, diags: Diagnostics) -> None:
    cats = g.categories
    if q.meta.category not in cats:
        close = difflib.get_close_matches(q.meta.category, list(cats), n=1, cutoff=0.5)
        known = "、".join(cats)
        hint = f"你是不是想写“{close[0]}”？" if close else f"本指南的分类：{known}（在文件开头的 categories 里定义）"
        diags.error(q.doc.loc(("category",)), "guide.unknown-category",
                    f"分类“{q.meta.category}”不在本指南的 categories 中", hint)
    for i, tag in enumerate(q.meta.tags):
        if vocab is None or tag not in vocab:
            close = difflib.get_close_matches(tag, list(vocab or {}), n=1, cutoff=0.5)
            hint = f"你是不是想写“{close[0]}”？" if close else f"新标签请先加到 content/{TAGS_FILE}"
            diags.error(q.doc.loc(("tags", i)), "guide.unknown-tag", f"标签“{tag}”不在共享标签词表中", hint)


KIND = GuideKind()
