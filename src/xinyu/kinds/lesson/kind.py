"""Lesson plans (心理辅导活动课教案): schema, checks, references.

Source: ``content/lessons/*.md``, one lesson per file: every field in YAML front matter, an
optional Markdown body for appendices (worksheets, stories read aloud). The pages are in
`lesson_render`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ...diagnostics import Diagnostic, Diagnostics, Level, Loc
from ...htmlpolicy import check_markdown
from ...mdtext import typed_refs
from ...model import validate
from ...project import EntryView, Page, Project, Site
from ...refs import Reference, Target
from ...text.frontmatter import load_markdown
from ..base import Kind, Located, Ref
from .model import GRADES, PHASES, TOLERANCE, Lesson, LessonEntry, markdown_fields
from .render import render_all
from .urls import page_uri


def check_lesson(e: Located[Lesson], diags: Diagnostics) -> bool:
    """Checks the schema cannot express; each problem is reported at its field's line."""
    ok = True
    lesson = e.item
    if lesson.grade not in GRADES[lesson.stage]:
        owner = next((s for s, grades in GRADES.items() if lesson.grade in grades), None)
        fits = f"“{lesson.grade}”属于{owner}" if owner else f"“{lesson.grade}”不是可识别的年级"
        diags.error(
            e.loc("grade"), "lesson.grade-stage",
            f"年级与学段不一致：学段是“{lesson.stage}”，{fits}",
            f"{lesson.stage}的年级可写：{'、'.join(GRADES[lesson.stage])}；或改正 stage",
        )
        ok = False
    total = sum(step.minutes for step in lesson.procedure)
    if abs(total - lesson.duration) > TOLERANCE:
        parts = " + ".join(str(step.minutes) for step in lesson.procedure)
        diags.error(
            e.loc("procedure"), "lesson.minutes-sum",
            f"各环节时间合计 {total} 分钟（{parts}），与课时 duration: {lesson.duration} 分钟相差超过 {TOLERANCE} 分钟",
            "调整各环节的 minutes，使合计与课时相符（允许相差 5 分钟以内）",
        )
        ok = False
    phases = [step.phase for step in lesson.procedure]
    missing = [p for p in PHASES if p not in phases]
    if missing or phases[0] != "导入" or phases[-1] != "总结":
        diags.error(
            e.loc("procedure"), "lesson.phase-order",
            f"教学流程应按“导入 → 活动 → 分享 → 总结”展开，现在是：{' → '.join(phases)}",
            "第一个环节为导入、最后一个为总结，中间至少各有一个活动和分享环节",
        )
        ok = False
    if len(set(lesson.infusion)) != len(lesson.infusion):
        diags.error(e.loc("infusion"), "lesson.infusion-duplicate", "学科渗透标签重复",
                    "德、智、体、美、劳每个只写一次")
        ok = False
    if lesson.infusion and not lesson.infusion_note:
        diags.error(
            e.loc("infusion"), "lesson.infusion-note",
            "写了学科渗透标签（infusion），但没有说明怎样渗透（infusion_note）",
            "用一两句话写明在哪门学科、哪个环节渗透心育，例如：体育课放松环节中的情绪调适",
        )
        ok = False
    stem = Path(e.path).stem
    if stem != lesson.id:
        diags.error(
            e.loc("id"), "lesson.file-name",
            f"文件名“{stem}.md”与 id “{lesson.id}”不一致",
            f"把文件改名为 {lesson.id}.md，或把 id 改为 {stem}",
        )
        ok = False
    return ok


class LessonKind(Kind[LessonEntry]):
    """心理辅导活动课教案."""

    name = "lesson"

    def sources(self, project: Project) -> list[Path]:
        """``content/lessons/*.md`` except the hand-written index, if any."""
        folder = project.docs_dir / "lessons"
        return sorted(p for p in folder.glob("*.md") if p.name != "index.md")

    def load(self, project: Project, diags: Diagnostics) -> list[LessonEntry]:
        """Read every lesson file; front matter is validated, then the cross-field checks run."""
        out: list[LessonEntry] = []
        for path in self.sources(project):
            rel = project.rel(path)
            md = load_markdown(path, rel, diags)
            if md is None:
                continue
            if not md.meta.data:
                diags.error(
                    Loc(rel, 1, 1), "lesson.no-front-matter", "教案文件缺少开头的 YAML 信息块（--- 之间）",
                    "参照 docs/editors/lessons.md 中的模板，在文件开头写 --- id: … ---",
                )
                continue
            lesson = validate(Lesson, md.meta.data, md.meta, diags, today=project.today)
            if lesson is None:
                continue
            located = LessonEntry(lesson, md.meta, (), md.body_line, md.body)
            lines = md.text.split("\n")
            for key, text in markdown_fields(lesson):  # Markdown data: raw HTML only from the allow-list
                check_markdown(text, md.meta.loc(key), diags, source=lines)
            check_markdown(md.body, Loc(rel, md.body_line, 1), diags)
            if check_lesson(located, diags):
                out.append(located)
        return out

    def views(self, entries: list[LessonEntry]) -> Iterable[EntryView]:
        """Each lesson with its review state and the guides, services and lessons it names."""
        return (e.view("lesson", [*e.item.related_guides, *e.item.related_services, *e.item.related_lessons])
                for e in entries)

    def targets(self, entries: list[LessonEntry], project: Project) -> Iterable[Target]:
        """``lesson:<id>`` → its page."""
        for e in entries:
            yield Target(f"lesson:{e.item.id}", page_uri(e.item.id), e.item.title, None, e.loc("id"), e.item.summary)

    def references(self, entries: list[LessonEntry]) -> Iterable[Ref]:
        """Related guides, services and lessons, and typed links inside Markdown fields and the body."""
        for e in entries:
            for field, scheme, refs in (("related_guides", "guide", e.item.related_guides),
                                        ("related_services", "service", e.item.related_services),
                                        ("related_lessons", "lesson", e.item.related_lessons)):
                for i, raw in enumerate(refs):
                    yield Ref(Reference(raw, e.loc(field, i)), scheme, f"lesson:{e.item.id}")
            for key, text in markdown_fields(e.item):
                for ref in typed_refs(text, e.loc(*key)):
                    yield Ref(ref)
            if e.body.strip() and e.body_line:
                for ref in typed_refs(e.body, Loc(e.path, e.body_line, 1)):
                    yield Ref(ref)

    def unsafe(self, entries: list[LessonEntry], project: Project) -> Iterable[Diagnostic]:
        """Sample lessons and lessons on sensitive topics need a named professional reviewer."""
        for e in entries:
            lesson = e.item
            if lesson.review is not None:
                continue
            if lesson.example:
                yield Diagnostic(
                    e.loc("id"), Level.ERROR, "safety.example",
                    f"教案“{lesson.title}”是示例内容（example: true），未经专业人员审核，不得公开发布",
                    "请心理健康教育专业人员审核后填写 review（reviewer、reviewed_on），或删除这份示例教案",
                )
            elif lesson.safety.sensitive:
                yield Diagnostic(
                    e.loc("safety", "sensitive"), Level.ERROR, "safety.unreviewed-risk",
                    f"教案“{lesson.title}”涉及敏感话题，未经专业人员审核，不得公开发布",
                    "请心理健康教育专业人员审核后填写 review（reviewer、reviewed_on）",
                )

    def render(self, site: Site) -> Iterable[Page]:
        """Index, browse pages, one page and one print handout per lesson."""
        return render_all(site, self.of(site))

    def extra(self, site: Site) -> dict[str, Any]:
        """Counts for the theme (the home page may show them)."""
        entries = self.of(site)
        return {"lesson_count": len(entries)}


KIND = LessonKind()

