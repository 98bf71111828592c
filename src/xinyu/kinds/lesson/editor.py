"""What `xinyu new` and `xinyu schema` know about lessons: the starting file, its place, its schema."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...project import Project, Site
from ..editorspec import Context, EditorSpec, RefCheck, Refused, Shape, fill
from .model import AREAS, GRADES, Lesson


def prepare(c: Context, args: argparse.Namespace, site: Site) -> None:
    """The 学段 and 领域 of ``--xueduan`` / ``--lingyu``, checked against the lesson kind's tables."""
    c.stage = args.xueduan or c.stage
    c.area = args.lingyu or c.area
    if c.stage not in GRADES:
        raise Refused(f"学段“{c.stage}”不对，可写：{'、'.join(GRADES)}")
    if c.area not in AREAS:
        raise Refused(f"领域“{c.area}”不对，可写：{'、'.join(AREAS)}")


def lesson(c: Context) -> str:
    """A lesson plan file (front matter with every field, a short appendix)."""
    grade = GRADES[c.stage][0]
    duration = 40 if c.stage.startswith("小学") else 45
    grades = "、".join(GRADES[c.stage])
    return f"""---
# 心理辅导活动课教案（由 xinyu new 生成的草稿）。写法见 docs/editors/lessons.md。
# 带“填写”的地方都要改成本课的内容；各环节分钟数合计须与 duration 相差不超过 5 分钟。
id: {c.id}                    # 编号，与文件名一致；发布后不要再改
title: {c.title_or("教案标题")}  # 填写：教案标题
example: true                 # 草稿：发布版拒绝发布，专业人员审核后填写 review 并删除这一行
stage: {c.stage}                # 学段：小学低段 / 小学中段 / 小学高段 / 初中 / 高中
grade: {grade}                # 年级，须属于该学段：{grades}
area: {c.area}                 # 纲要领域：{" / ".join(AREAS)}
form: {fill("活动形式，如 游戏、情景剧、小组分享")}
duration: {duration}                  # 课时（分钟）
summary: {fill("一两句话的简介，显示在教案目录和搜索结果中")}
objectives:                   # 教学目标，至少一条
  - {fill("教学目标")}
key_points:                   # 教学重点，至少一条
  - {fill("教学重点")}
difficult_points:             # 教学难点，至少一条
  - {fill("教学难点")}
materials:                    # 活动准备（可省略）
  - {fill("教具、学习单等")}
procedure:                    # 教学过程：导入 → 活动 → 分享 → 总结
  - phase: 导入
    title: {fill("导入环节名称")}
    minutes: 5
    content: |
      {fill("教师和学生做什么，可用 Markdown 列表")}
    purpose: {fill("设计意图（可省略）")}
  - phase: 活动
    title: {fill("活动环节名称")}
    minutes: {duration - 20}
    content: |
      {fill("活动步骤")}
  - phase: 分享
    title: {fill("分享环节名称")}
    minutes: 10
    content: |
      {fill("分享方式，只请自愿的学生发言")}
  - phase: 总结
    title: {fill("总结环节名称")}
    minutes: 5
    content: |
      {fill("师生一起总结")}
differentiation: |            # 分层与调适（Markdown）
  - {fill("对表达有困难或能力较强的学生怎样调整")}
assessment: |                 # 评价（Markdown）
  - {fill("课堂观察、学习单等")}
safety:
  sensitive: false            # 涉及欺凌、丧失、自伤等敏感话题时改为 true：发布前必须经专业人员审核
  guidance: |                 # 敏感话题的处理提示
    {fill("分享只请自愿的学生；学生谈到被伤害的经历时课上不追问，课后单独了解")}
  referral: |                 # 转介提示
    {fill("发现学生情绪持续低落或提到伤害自己时，当天告知班主任和心理教师，按学校危机干预流程处理")}
infusion: []                  # 全学科心育渗透：德 / 智 / 体 / 美 / 劳（写了就要写 infusion_note）
tags: []                      # 标签（可省略），如 [送教下乡, 主题班会]
related_guides: []            # 相关指南问题，如 [guide:shicao-30wen#tuanti-jilu]（对方也要写回本课）
related_services: []          # 相关热线与服务，如 [service:12356]
related_lessons: []           # 相关教案，如 [lesson:qingxu-xiao-guaishou]
author: {fill("执教或编写教师")}
school: {fill("学校")}
licence: CC BY-NC-SA 4.0      # 使用许可
# review:                     # 专业审核（发布前必填）：审核后去掉下面三行开头的 #
#   reviewer: 某某（心理健康教育专职教师）
#   reviewed_on: {c.today.isoformat()}
---

### 附：学习单

{fill("学习单、故事原文等附录；没有附录可以删掉这一节")}
"""



def _path(project: Project, ident: str) -> Path:
    return project.docs_dir / "lessons" / f"{ident}.md"


EDITOR = EditorSpec(
    "lesson", "教案", ("教案", "活动课"), "心理辅导活动课教案 → content/lessons/<编号>.md",
    reserved=frozenset({"index"}), path=_path, template=lesson, prepare=prepare,
    shapes=(Shape("lesson-front-matter", "教案信息块", "content/lessons/*.md 开头 --- 之间的 YAML", model=Lesson),),
    checks={f"Lesson.{f}[]": RefCheck(s) for f, s in (
        ("related_guides", "guide"), ("related_services", "service"), ("related_lessons", "lesson"))},
    search_label="教案", related_title="相关教案", scheme_rank=2, list_rank=1,
)
