"""Pages of the lesson kind: index with counts, browse pages by 学段 and area, lesson page,
print handout; JSON-LD ``LearningResource`` on each lesson page.

Every data value goes through `esc` (Markdown fields are editor Markdown, like hand-written
pages); links to lessons and services are typed references the core rewrites.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ...crisisline import number_html
from ...mdtext import attr, description_front_matter, esc, script_json
from ...project import Page, Site
from ...refs import relative_link
from ...text.frontmatter import split_markdown
from ..resource.render import downloads
from ..service.entries import crisis_lines
from .handout import EXAMPLE_NOTE, handout_page, lesson_item, procedure
from .model import AREAS, GRADES, INFUSION_NAMES, STAGES, Lesson, LessonEntry, lesson_link_locs
from .urls import area_uri, handout_uri, page_uri, stage_uri

INDEX = "lessons/index.md"
OUTREACH = "送教下乡"
def render_all(site: Site, entries: list[LessonEntry]) -> Iterator[Page]:
    """Every page of the lesson kind."""
    entries = sorted(entries, key=_order)
    hand = next((p for p in site.pages if p.src_uri == INDEX), None)
    intro = None
    if hand is not None:  # an editor's intro: strip its front matter, keep its words

        md = split_markdown(hand.text, hand.path, site.diags)
        intro = md.body if md is not None else None
    yield Page(INDEX, index_page(entries, intro), hand.path if hand else None, "心理辅导活动课教案")
    for stage in STAGES:
        chosen = [e for e in entries if e.item.stage == stage]
        title = f"{stage}教案"
        yield Page(stage_uri(stage), browse_page(stage_uri(stage), title, "学段", chosen), None, title)
    for area in AREAS:
        chosen = [e for e in entries if e.item.area == area]
        title = f"{area}教案"
        yield Page(area_uri(area), browse_page(area_uri(area), title, "纲要领域", chosen), None, title)
    crisis = _crisis_lines(site)
    for e in entries:
        locs = lesson_link_locs(e)
        yield Page(page_uri(e.item.id), lesson_page(e, site, crisis), e.path, e.item.title, locs)
        yield Page(handout_uri(e.item.id), handout_page(e), e.path, f"{e.item.title}（教师讲义）", dict(locs))


def _order(e: LessonEntry) -> tuple[int, int, int, str]:
    s = e.item
    return STAGES.index(s.stage), GRADES[s.stage].index(s.grade), AREAS.index(s.area), s.id


def _crisis_lines(site: Site) -> list[dict[str, Any]]:

    return crisis_lines(site)


def _link(from_uri: str, to_uri: str) -> str:
    return relative_link(from_uri, to_uri)


def _example_mark(lesson: Lesson) -> str:
    return ' <span class="xy-badge xy-badge--example">示例</span>' if lesson.example else ""


def _table(from_uri: str, entries: list[LessonEntry]) -> list[str]:
    """A table of lessons, wrapped so tests and styles can find exactly the listed lessons."""
    if not entries:
        return ['<p class="xy-lesson-empty">暂无教案。</p>', ""]
    out = ['<div class="xy-lesson-list" markdown>', "", "| 课题 | 学段 · 年级 | 纲要领域 | 活动形式 | 课时 |",
           "| --- | --- | --- | --- | --- |"]
    for e in entries:
        s = e.item
        out.append(
            f"| [{esc(s.title)}](lesson:{s.id}){_example_mark(s)} | {esc(s.stage)} · {esc(s.grade)} "
            f"| [{esc(s.area)}]({_link(from_uri, area_uri(s.area))}) | {esc(s.form)} | {s.duration} 分钟 |"
        )
    out += ["", "</div>", ""]
    return out


def _intro(text: str | None) -> tuple[str, str]:
    """An editor's ``content/lessons/index.md``: its H1 (or ours) and the rest, kept as written."""
    heading = "# 心理辅导活动课教案 {#lessons}"
    if not text:
        return heading, ""
    lines = text.strip().split("\n")
    if lines and lines[0].startswith("# "):
        heading, lines = lines[0], lines[1:]
    return heading, "\n".join(lines).strip()


def index_page(entries: list[LessonEntry], intro: str | None = None) -> str:
    """The lessons index: counts by 学段 × area, browse links, 学科渗透, the full list.

    `intro` is the hand-written ``content/lessons/index.md``, if any: its text opens the page.
    """
    heading, text = _intro(intro)
    out = [
        "---", "search_kind: 栏目", "---", "",
        heading,
        "",
        *([text, ""] if text else []),
        f"共 **{len(entries)}** 份教案，按《中小学心理健康教育指导纲要》的学段和六个领域编排。"
        "每份教案都有可直接打印的教师讲义（A4）。",
        "",
        "## 按学段和领域 {#counts}",
        "",
        '<div class="xy-lesson-counts" markdown>',  # phones: area names set vertically (portal.css)
        "",
        "| 学段 \\ 领域 | " + " | ".join(f"[{a}]({_link(INDEX, area_uri(a))})" for a in AREAS) + " | 合计 |",
        "| --- | " + " | ".join("---:" for _ in AREAS) + " | ---: |",
    ]
    for stage in STAGES:
        row = [sum(1 for e in entries if e.item.stage == stage and e.item.area == a) for a in AREAS]
        cells = " | ".join(str(n) if n else "–" for n in row)
        out.append(f"| [{stage}]({_link(INDEX, stage_uri(stage))}) | {cells} | {sum(row)} |")
    totals = [sum(1 for e in entries if e.item.area == a) for a in AREAS]
    out += ["| 合计 | " + " | ".join(str(n) for n in totals) + f" | {len(entries)} |", "", "</div>", ""]
    out += ["## 按学段浏览 {#by-stage}", ""]
    for stage in STAGES:
        n = sum(1 for e in entries if e.item.stage == stage)
        out.append(f"- [{stage}]({_link(INDEX, stage_uri(stage))})（{n} 份）")
    out += ["", "## 按纲要领域浏览 {#by-area}", ""]
    for area in AREAS:
        n = sum(1 for e in entries if e.item.area == area)
        out.append(f"- [{area}]({_link(INDEX, area_uri(area))})（{n} 份）")
    infused = [e for e in entries if e.item.infusion]
    out += ["", "## 全学科心育渗透 {#infusion}", "",
            "以德育心、以智启心、以体强心、以美润心、以劳健心：在学科课堂中渗透心理健康教育的课例。", ""]
    for e in infused:
        tags = "、".join(INFUSION_NAMES[t] for t in e.item.infusion)
        host = f"（{esc(e.item.subject)}课）" if e.item.subject else ""
        out.append(f"- [{esc(e.item.title)}](lesson:{e.item.id}){host}：{tags}")
    if not infused:
        out.append("暂无渗透课例。")
    outreach = [e for e in entries if OUTREACH in e.item.tags]
    if outreach:
        out += ["", "## 送教下乡推荐 {#outreach}", "",
                "准备简单、不依赖多媒体设备，适合送教下乡和资源薄弱学校使用的课例：", ""]
        out += [f"- [{esc(e.item.title)}](lesson:{e.item.id})（{esc(e.item.stage)} · {esc(e.item.grade)}）"
                for e in outreach]
    out += ["", "## 全部教案 {#all}", ""]
    out += _table(INDEX, entries)
    return "\n".join(out)


def browse_page(uri: str, title: str, what: str, entries: list[LessonEntry]) -> str:
    """A browse page listing exactly the lessons with one 学段 or one area."""
    out = ["---", "search_kind: 栏目", "---", "", f"# {esc(title)} {{#browse}}", "",
           f"本{what}共 **{len(entries)}** 份教案。[返回全部教案]({_link(uri, INDEX)})", ""]
    out += _table(uri, entries)
    return "\n".join(out)


def _bullets(items: Iterable[str]) -> list[str]:
    return [f"- {esc(i)}" for i in items]


def _crisis_md(from_uri: str, crisis: list[dict[str, Any]]) -> list[str]:
    out = []
    for line in crisis:
        shown = number_html(line["display"], line.get("tel"), example=line["example"])
        hours = f"，{esc(line['hours'])}" if line.get("hours") else ""
        out.append(f"- [{esc(line['name'])}]({_link(from_uri, line['url'])})：**{shown}**{hours}")
    return out


def _facts(e: LessonEntry, uri: str, preview: bool = True) -> list[str]:
    s = e.item
    rows = [
        ("学段 · 年级", f"[{esc(s.stage)}]({_link(uri, stage_uri(s.stage))}) · {esc(s.grade)}"),
        ("纲要领域", f"[{esc(s.area)}]({_link(uri, area_uri(s.area))})"),
        ("活动形式", esc(s.form)),
        ("课时", f"{s.duration} 分钟"),
    ]
    if s.infusion:
        host = f"{esc(s.subject)}课 · " if s.subject else ""
        rows.append(("学科渗透", host + "、".join(INFUSION_NAMES[t] for t in s.infusion)))
    if s.tags:
        rows.append(("标签", "、".join(esc(t) for t in s.tags)))
    rows.append(("设计", f"{esc(s.author)}（{esc(s.school)}）"))
    if preview:  # editors' metadata: preview builds only
        review = f"{esc(s.review.reviewer)}，{s.review.reviewed_on.isoformat()}" if s.review else "尚未审核"
        rows.append(("审核", review))
    rows.append(("许可", esc(s.licence)))
    return ["| 项目 | 内容 |", "| --- | --- |", *[f"| {k} | {v} |" for k, v in rows], ""]


def json_ld(lesson: Lesson) -> str:
    """A schema.org ``LearningResource`` as a script block (``</`` can never close it early)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "name": lesson.title,
        "description": lesson.summary or "；".join(lesson.objectives),
        "inLanguage": "zh-CN",
        "learningResourceType": "心理辅导活动课教案",
        "educationalUse": "心理辅导活动课",
        "educationalLevel": f"{lesson.stage}（{lesson.grade}）",
        "about": lesson.area,
        "teaches": list(lesson.objectives),
        "timeRequired": f"PT{lesson.duration}M",
        "audience": {"@type": "EducationalAudience", "educationalRole": "teacher"},
        "author": {"@type": "Person", "name": lesson.author,
                   "affiliation": {"@type": "EducationalOrganization", "name": lesson.school}},
        "license": lesson.licence,
        "isAccessibleForFree": True,
    }
    if lesson.tags:
        data["keywords"] = list(lesson.tags)
    return f'<script type="application/ld+json">{script_json(data, compact=False)}</script>'


def _related(e: LessonEntry, site: Site) -> list[str]:
    out: list[str] = []
    for label, refs in (("实操指南", e.item.related_guides), ("相关教案", e.item.related_lessons),
                        ("热线与服务", e.item.related_services)):
        items = []
        for raw in refs:
            target = site.registry.get(raw)
            book = site.registry.get(raw.split("#", 1)[0]) if "#" in raw else None
            source = f" · {esc(book.title)}" if book is not None and book is not target else ""
            items.append(f"- [{esc(target.title if target else raw)}]({raw}){source}")
        if items:
            out += [f"**{label}**", "", *items, ""]
    return out


def lesson_page(e: LessonEntry, site: Site, crisis: list[dict[str, Any]]) -> str:
    """The lesson page: facts, objectives, 重难点, materials, timed procedure, and the rest."""
    s = e.item
    uri = page_uri(s.id)
    out = description_front_matter(s.summary or "；".join(s.objectives))
    out += [f"# {esc(s.title)} {{#lesson}}", ""]
    if s.example:
        out += ['!!! warning "示例内容"', f"    {EXAMPLE_NOTE}", ""]
    if s.summary:
        out += [f'<p class="xy-lesson-summary" data-search-summary>{attr(s.summary)}</p>', ""]
    out += [f'[打印教师讲义（A4）]({_link(uri, handout_uri(s.id))}){{ .md-button .xy-print-link }}', ""]
    out += _facts(e, uri, site.project.preview)
    out += ["## 教学目标 {#objectives}", "", *[f"{i}. {esc(o)}" for i, o in enumerate(s.objectives, 1)], ""]
    out += ["## 教学重难点 {#key-points}", "", "**重点**", "", *_bullets(s.key_points), "", "**难点**", "",
            *_bullets(s.difficult_points), ""]
    if s.materials:
        out += ["## 活动准备 {#materials}", "", *_bullets(s.materials), ""]
    out += ["## 教学过程 {#procedure}", "", *procedure(s.procedure, s.duration, purpose=True)]
    out += ["## 分层与调适 {#differentiation}", "", s.differentiation.strip(), ""]
    out += ["## 评价 {#assessment}", "", s.assessment.strip(), ""]
    out += ["## 敏感话题与转介 {#referral}", ""]
    if s.safety.sensitive:
        out += ['!!! danger "本课涉及敏感话题"', "    授课前请与心理教师沟通，课后留意学生反应。", ""]
    out += [s.safety.guidance.strip(), "", "**转介提示**", "", s.safety.referral.strip(), "",
            "紧急情况请立即求助：", "", *_crisis_md(uri, crisis), ""]
    if s.infusion:
        out += ["## 全学科心育渗透 {#infusion}", "",
                "、".join(INFUSION_NAMES[t] for t in s.infusion) + "：" + esc(s.infusion_note or ""), ""]
    if e.body.strip():
        out += ["## 附录 {#appendix}", "", e.body.strip(), ""]
    out += downloads(site, f"lesson:{s.id}", uri, extra=lesson_item(site, e, uri))  # PDF handout, resources
    related = _related(e, site)
    if related:
        out += ["## 相关内容 {#related}", "", *related]
    out += [json_ld(s), ""]
    return "\n".join(out)
