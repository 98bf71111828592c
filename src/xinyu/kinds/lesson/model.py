"""The lesson plan schema (心理辅导活动课教案): 学段, grades, 纲要 areas, steps, the entry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from ...diagnostics import Loc
from ...mdtext import link_locs
from ...model import Entry, Strict, Text
from ..base import Located
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


def lesson_link_locs(e: LessonEntry) -> dict[str, Loc]:
    """Where the links a lesson's pages copy from its Markdown fields and body are written."""
    found: dict[str, Loc] = {}
    for key, text in markdown_fields(e.item):
        found = link_locs(text, e.doc.loc(key)) | found
    if e.body_line:
        found = link_locs(e.body, Loc(e.path, e.body_line, 1)) | found
    return found
