"""Lesson plans (心理辅导活动课教案): schema, checks, references.

Source: ``content/lessons/*.md``, one lesson per file: every field in YAML front matter, an
optional Markdown body for appendices (worksheets, stories read aloud). The pages are in
`lesson_render`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from ...diagnostics import Diagnostic, Diagnostics, Level, Loc
from ...htmlpolicy import check_markdown
from ...mdtext import link_locs, typed_refs
from ...model import Entry, Strict, Text, validate
from ...project import EntryView, Page, Project, Site
from ...refs import Reference, Target
from ...yamlio import load_markdown
from ..base import Kind, Located, Ref
from ..safety.model import RiskFlag

Stage = Literal["小学低段", "小学中段", "小学高段", "初中", "高中"]
Area = Literal["认识自我", "学会学习", "人际交往", "情绪调适", "升学择业", "生活和社会适应"]
Phase = Literal["导入", "活动", "分享", "总结"]
Infusion = Literal["德", "智", "体", "美", "劳"]

#: 学段 → its grades, in school order. 初中 also accepts 七/八/九年级.
GRADES: dict[str, tuple[str, ...]] = {
    "小学低段": ("一年级", "二年级"),
    "小学中段": ("三年级", "四年级"),
    "小学高段": ("五年级", "六年级"),
    "初中": ("初一", "初二", "初三", "七年级", "八年级", "九年级"),
    "高中": ("高一", "高二", "高三"),
}
STAGES: tuple[str, ...] = tuple(GRADES)
AREAS: tuple[str, ...] = ("认识自我", "学会学习", "人际交往", "情绪调适", "升学择业", "生活和社会适应")
PHASES: tuple[str, ...] = ("导入", "活动", "分享", "总结")
#: ASCII URL slugs of the browse pages.
STAGE_SLUGS: dict[str, str] = {
    "小学低段": "xiaoxue-diduan", "小学中段": "xiaoxue-zhongduan", "小学高段": "xiaoxue-gaoduan",
    "初中": "chuzhong", "高中": "gaozhong",
}
AREA_SLUGS: dict[str, str] = {
    "认识自我": "renshi-ziwo", "学会学习": "xuehui-xuexi", "人际交往": "renji-jiaowang",
    "情绪调适": "qingxu-tiaoshi", "升学择业": "shengxue-zeye", "生活和社会适应": "shenghuo-shiying",
}
#: 全学科心育渗透: 以德育心、以智启心、以体强心、以美润心、以劳健心.
INFUSION_NAMES: dict[str, str] = {
    "德": "以德育心", "智": "以智启心", "体": "以体强心", "美": "以美润心", "劳": "以劳健心",
}
#: Step minutes may differ from the stated duration by this much.
TOLERANCE = 5


class Step(Strict):
    """One timed step of the procedure."""

    phase: Phase
    title: Text
    minutes: int = Field(ge=1, le=90)
    content: Text  # Markdown: what the teacher and the students do
    purpose: str | None = None  # 设计意图


class Safety(Strict):
    """Guidance for sensitive topics and where to refer a student."""

    sensitive: bool = False  # the lesson itself touches loss, self-harm, abuse or bullying
    guidance: Text  # Markdown
    referral: Text  # Markdown: the referral note (班主任 → 心理教师 → 家长 / 专业机构)


class Lesson(Entry):
    """A 心理辅导活动课 lesson plan."""

    title: Text
    stage: Stage  # 学段
    grade: Text
    area: Area  # 纲要 area
    form: Text  # 活动形式
    duration: int = Field(ge=10, le=120)  # minutes
    summary: str | None = None
    subject: str | None = None  # host subject when the lesson is a 学科渗透 segment
    objectives: list[Text] = Field(min_length=1)
    key_points: list[Text] = Field(min_length=1)  # 教学重点
    difficult_points: list[Text] = Field(min_length=1)  # 教学难点
    materials: list[Text] = Field(default_factory=list)
    procedure: list[Step] = Field(min_length=2)
    differentiation: Text  # Markdown: 分层与调适
    assessment: Text  # Markdown: 评价
    safety: Safety
    infusion: list[Infusion] = Field(default_factory=list)  # 全学科心育渗透
    tags: list[Text] = Field(default_factory=list)  # e.g. 送教下乡, 主题班会, 成长主题教育
    infusion_note: str | None = None
    related_guides: list[str] = Field(default_factory=list)
    related_services: list[str] = Field(default_factory=list)
    related_lessons: list[str] = Field(default_factory=list)
    author: Text
    school: Text
    licence: Text
    risk: RiskFlag | None = None  # reviewed: no crisis box needed, or safe-messaging findings accepted


@dataclass
class LessonEntry(Located[Lesson]):
    """A validated lesson with its Markdown body (appendices)."""

    body: str = ""


def markdown_fields(lesson: Lesson) -> Iterable[tuple[tuple[str | int, ...], str]]:
    """Every Markdown text of a lesson with its key path."""
    for i, step in enumerate(lesson.procedure):
        yield ("procedure", i, "content"), step.content
    yield ("differentiation",), lesson.differentiation
    yield ("assessment",), lesson.assessment
    yield ("safety", "guidance"), lesson.safety.guidance
    yield ("safety", "referral"), lesson.safety.referral


def page_uri(lesson_id: str) -> str:
    """The lesson's page."""
    return f"lessons/{lesson_id}.md"


def handout_uri(lesson_id: str) -> str:
    """The lesson's print handout."""
    return f"lessons/{lesson_id}/print.md"


def stage_uri(stage: str) -> str:
    """The browse page of a 学段."""
    return f"lessons/stage/{STAGE_SLUGS[stage]}.md"


def area_uri(area: str) -> str:
    """The browse page of a 纲要 area."""
    return f"lessons/area/{AREA_SLUGS[area]}.md"


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
        from .render import render_all  # lazy: cycle lesson.kind -> lesson.render -> lesson.kind, to fix

        return render_all(site, self.of(site))

    def extra(self, site: Site) -> dict[str, Any]:
        """Counts for the theme (the home page may show them)."""
        entries = self.of(site)
        return {"lesson_count": len(entries)}


KIND = LessonKind()


def lesson_link_locs(e: LessonEntry) -> dict[str, Loc]:
    """Where the links a lesson's pages copy from its Markdown fields and body are written."""
    found: dict[str, Loc] = {}
    for key, text in markdown_fields(e.item):
        found = link_locs(text, e.doc.loc(key)) | found
    if e.body_line:
        found = link_locs(e.body, Loc(e.path, e.body_line, 1)) | found
    return found
