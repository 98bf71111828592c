"""Pages of the practice guides: the index, a contents page per guide, a page per question.

Links to other generated pages are typed references (the core rewrites them); data values go
through `esc`; JSON-LD goes through `mdtext.script_json`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...crisisline import number_html
from ...diagnostics import Loc
from ...mdtext import description_front_matter, esc, link_locs, script_json
from ...project import Page, Site
from ...refs import parse_ref, related_title, relative_link
from ..policy import KIND as POLICIES
from ..policy import cite
from ..resource.render import downloads
from ..safety.model import shows_box
from ..service.entries import crisis_lines
from .booklet import link_line
from .names import guide_uri, number_label, question_uri
from .source import GuideFile, Question

EXAMPLE_NOTE = "示例内容（发布前须经专业审核）"


def jsonld(data: dict[str, Any]) -> str:
    """A JSON-LD block for generated Markdown (raw HTML passes through), escaped by `script_json`."""
    return f'<script type="application/ld+json">{script_json(data, compact=False, sort_keys=False)}</script>'


_MD_MARKS = re.compile(r"(^#{1,6}[ \t]+|\{#[^}]*\}|[*_`>]|^[ \t]*[-+][ \t]+|^[ \t]*\d+\.[ \t]+)", re.M)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def plain(markdown: str) -> str:
    """Markdown reduced to readable plain text (for JSON-LD)."""
    text = _MD_LINK.sub(r"\1", markdown)
    text = _MD_MARKS.sub("", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    # Chinese text is hard-wrapped without spaces: join its lines directly.
    return "\n".join("".join(line.strip() for line in p.split("\n")) for p in paragraphs)


_CJK = "\u2014\u2018-\u201d\u2026\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])\n[ \t]*(?=[{_CJK}])")
_CODE_BLOCK = re.compile(r"(^\s{0,3}(?:`{3,}|~{3,})[^\n]*\n.*?^\s{0,3}(?:`{3,}|~{3,})[ \t]*$)", re.M | re.S)


def unwrap(markdown: str) -> str:
    """Join hard-wrapped Chinese lines (a browser shows a line break between two 汉字 as a space).

    Only a break between two Chinese characters or punctuation marks is removed, outside code
    blocks; a line starting with a list marker, heading or table never starts with one.
    """
    parts = _CODE_BLOCK.split(markdown)
    return "".join(part if i % 2 else _CJK_BREAK.sub("", part) for i, part in enumerate(parts))


def _is_example(g: GuideFile, q: Question | None = None) -> bool:
    return g.header.example or bool(q and q.meta.example)


def _example_box() -> list[str]:
    return [f'!!! warning "{EXAMPLE_NOTE}"',
            "    本页为示例，用于演示门户功能，不是教育行政部门的正式文件；发布前须由具名专业人员审核。", ""]


def render_guides(site: Site, guides: list[GuideFile]) -> Iterator[Page]:
    """Every page of the guides section."""
    if not guides:
        return
    yield Page("guides/index.md", _index(guides, site), None, "实操指南")
    incoming = backlink_index(site)  # once per build: per question it was quadratic
    for g in guides:
        yield Page(guide_uri(g.id), _guide_page(g, site), g.path, g.header.title,
                   link_locs(g.intro, Loc(g.path, g.intro_line, 1)))
        for i, q in enumerate(g.questions):
            prev = g.questions[i - 1] if i else None
            nxt = g.questions[i + 1] if i + 1 < len(g.questions) else None
            yield Page(question_uri(g.id, q.id), _question_page(g, q, prev, nxt, site, incoming), g.path,
                       f"{number_label(q)} {q.title}", link_locs(q.answer, q.answer_loc))


def _index(guides: list[GuideFile], site: Site) -> str:
    out = [
        "# 实操指南 {#guides}", "",
        "面向专兼职心理教师、班主任和家长的问答式指南和手册。每一问都有固定网址，"
        "可以直接复制到工作群里（例如“见第12问”），问题顺序调整后链接也不会失效。", "",
        # phones show each row as a card (portal.css labels the columns)
        '<div class="xy-stack xy-stack--guides" markdown>', "",
        "| 指南 | 适用对象 | 学段 | 版本 | 问题数 |", "| --- | --- | --- | --- | --- |",
    ]
    for g in guides:
        h = g.header
        mark = "（示例）" if h.example and "示例" not in h.title else ""
        out.append(
            f"| [{esc(h.title)}](guide:{g.id}){mark} | {esc('、'.join(h.audience))} | "
            f"{esc('、'.join(h.stages))} | {esc(h.edition)} | {len(g.questions)} |"
        )
    out += ["", "</div>", ""]
    if "policy" in site.entries and site.entries["policy"]:
        out += ["解答所依据的法律法规和政策文件见[政策文件](policies.md)。", ""]
    return "\n".join(out)


def _guide_page(g: GuideFile, site: Site) -> str:
    h = g.header
    out = [*description_front_matter(h.summary), f"# {esc(h.title)} {{#top}}", ""]
    if _is_example(g):
        out += _example_box()
    if h.summary:
        out += [esc(h.summary), ""]
    facts = [("编写", esc(h.issuer)), ("版本", esc(h.edition))]
    if h.published:
        facts.append(("发布日期", h.published.isoformat()))
    if h.updated:
        facts.append(("更新日期", h.updated.isoformat()))
    facts += [("适用对象", esc("、".join(h.audience))), ("学段", esc("、".join(h.stages))),
              ("问题数", str(len(g.questions))), ("许可", esc(h.licence))]
    if site.project.preview:  # editors' metadata: preview builds only
        facts.append(("审核", _review_text(h.review)))
    out += [f"- **{k}**：{v}" for k, v in facts] + [""]
    out += link_line(site, g, guide_uri(g.id))  # the print-ready PDF booklet, with its size
    if g.intro:
        out += [unwrap(g.intro), ""]
    by_cat: dict[str, list[Question]] = {c: [] for c in g.categories}
    for q in g.questions:
        by_cat.setdefault(q.meta.category, []).append(q)
    for cat_id, qs in by_cat.items():
        cat = g.categories.get(cat_id)
        if not qs or cat is None:
            continue
        out += [f"## {esc(cat.title)} {{#{cat_id}}}", ""]
        for q in qs:
            risk = "（含危机求助信息）" if shows_box(q.meta.risk) else ""
            out += [f"### [{number_label(q)}　{esc(q.title)}](guide:{g.id}#{q.id}) {{#{q.id}}}", "",
                    esc(q.meta.short) + risk, ""]
    faq = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "name": h.title,
        "mainEntity": [_question_ld(g, q, site, full=False) for q in g.questions],
    }
    out += [jsonld(faq), ""]
    return "\n".join(out)


def _review_text(review: Any) -> str:
    if review is None:
        return "尚未经专业审核"
    role = f"（{esc(review.role)}）" if review.role else ""
    return f"{esc(review.reviewer)}{role}，{review.reviewed_on.isoformat()}"


def _question_url(g: GuideFile, q: Question, site: Site) -> str | None:
    base = site.project.settings.site_url
    return f"{base.rstrip('/')}/guides/{g.id}/{q.id}/" if base else None


def _question_ld(g: GuideFile, q: Question, site: Site, *, full: bool) -> dict[str, Any]:
    text = q.meta.short + ("\n" + plain(q.answer) if full else "")
    data: dict[str, Any] = {
        "@type": "Question",
        "name": q.title,
        "identifier": f"{g.id}#{q.id}",
        "position": q.number,
        "acceptedAnswer": {"@type": "Answer", "text": text},
    }
    url = _question_url(g, q, site)
    if url:
        data["url"] = url
        data["acceptedAnswer"]["url"] = url
    if q.meta.tags:
        data["keywords"] = ",".join(q.meta.tags)
    return data


def crisis_box(site: Site, from_uri: str) -> list[str]:
    """The crisis lines (from the service kind) as a box at the top of a risk answer."""
    lines = crisis_lines(site)
    # xy-crisis-box: body-size text and call buttons (overrides/assets/stylesheets/services.css).
    out = ['!!! danger xy-crisis-box "学生有自伤、自杀风险或正处于危险中时，请立即求助"']
    if not lines:
        out.append("    立即联系当地心理援助热线；有生命危险时拨打 110 或 120。")
    for line in lines:
        number = number_html(line["display"], line.get("tel"), example=bool(line.get("example")))
        name = esc(line["name"])
        if line.get("url"):
            name = f"[{name}]({relative_link(from_uri, line['url'])})"
        hours = f"（{esc(line['hours'])}）" if line.get("hours") else ""
        out.append(f"    - {name}：{number}{hours}")
    out += ["", "    不要让学生独处；按学校危机干预预案，第一时间报告并通知监护人。", ""]
    return out


def _question_page(g: GuideFile, q: Question, prev: Question | None, nxt: Question | None, site: Site,
                   incoming: dict[str, list[str]]) -> str:
    m = q.meta
    uri = question_uri(g.id, q.id)
    cat = g.categories.get(m.category)
    out = [*description_front_matter(m.short), f"# {number_label(q)}　{esc(q.title)} {{#{q.id}}}", ""]
    crumbs = f"[{esc(g.header.title)}](guide:{g.id})"
    if cat:
        crumbs += f" › [{esc(cat.title)}](guide:{g.id}#{cat.id})"
    out += [crumbs, ""]
    if _is_example(g, q):
        out += _example_box()
    if shows_box(m.risk):
        out += crisis_box(site, uri)
    out += ['!!! abstract "简答"', f"    {esc(m.short)}", ""]
    out += [f"## 解答 {{#{q.id}-jieda}}", "", unwrap(q.answer), ""]
    if m.policies:
        out += [f"## 政策依据 {{#{q.id}-zhengce}}", ""]
        for raw in m.policies:
            out.append(f"- {_policy_line(raw, site)}")
        out.append("")
    groups: dict[str, list[str]] = {}
    for raw in dict.fromkeys([*m.related, *incoming.get(q.key, [])]):
        line = _related_line(raw, g, site)
        parts = parse_ref(raw)
        if line and parts:
            groups.setdefault(related_title(parts[0], "相关内容"), []).append(line)
    if groups:
        out += [f"## 相关内容 {{#{q.id}-xiangguan}}", ""]
        for title, items in groups.items():
            out += [f"**{title}**", ""] + [f"- {item}" for item in items] + [""]
    out += downloads(site, f"guide:{g.id}#{q.id}", uri, f"下载 {{#{q.id}-xiazai}}")  # resource library
    if m.tags:
        out += ["标签：" + "、".join(esc(t) for t in m.tags), ""]
    if site.project.preview:  # editors' metadata: preview builds only
        out += [f'<p class="xy-editor-meta">审核：{_review_text(m.review or g.header.review)}</p>', ""]
    nav = []
    if prev:
        nav.append(f"[‹ 上一问：{number_label(prev)}　{esc(prev.title)}](guide:{g.id}#{prev.id})")
    nav.append(f"[返回目录](index.md#{q.id})")  # the question's own entry on the contents page
    if nxt:
        nav.append(f"[下一问：{number_label(nxt)}　{esc(nxt.title)} ›](guide:{g.id}#{nxt.id})")
    out += ["---", "", " · ".join(nav), ""]
    ld = {"@context": "https://schema.org", **_question_ld(g, q, site, full=True),
          "isPartOf": {"@type": "FAQPage", "name": g.header.title}}
    out += [jsonld(ld), ""]
    return "\n".join(out)


def backlink_index(site: Site) -> dict[str, list[str]]:
    """For each target, the entries of other kinds (lessons, stories …) whose related list names it.

    Related links go both ways: a question lists the lessons and stories that name it.
    """
    found: dict[str, list[str]] = {}
    for kind, views in site.views.items():
        if kind in ("guide", "policy"):
            continue
        for e in views:
            if site.registry.get(e.key) is None:
                continue
            for key in dict.fromkeys(e.related):
                found.setdefault(key, []).append(e.key)
    return found


def _policy_line(raw: str, site: Site) -> str:
    target = site.registry.get(raw)
    for e in POLICIES.of(site):
        if raw == f"policy:{e.item.id}":

            p = e.item
            return f"[{cite(p)}]({raw})，{esc(p.issuer)}" + (f"，{p.year}年" if p.year else "")
    return f"[{esc(target.title if target else raw)}]({raw})"


def _related_line(raw: str, g: GuideFile, site: Site) -> str | None:
    target = site.registry.get(raw)
    if target is None:
        return None
    parts = parse_ref(raw)
    if parts and parts[0] == "guide" and parts[2]:
        for other in site.entries.get("guide", []):
            if other.id != parts[1]:
                continue
            for q in other.questions:
                if q.id == parts[2]:
                    where = "" if other.id == g.id else f"《{esc(other.header.title)}》"
                    return f"[{where}{number_label(q)}　{esc(q.title)}]({raw})"
    summary = f"：{esc(target.summary)}" if target.summary and parts and parts[0] != "guide" else ""
    return f"[{esc(target.title)}]({raw}){summary}"
