"""Lesson plans on tiny real projects: schema errors at file:line, pages, JSON-LD, publishing rule."""

from __future__ import annotations

import json
import re

LESSON = """\
---
id: {id}
title: 测试课：情绪温度计
example: {example}
stage: {stage}
grade: {grade}
area: {area}
form: 游戏与分享
duration: 40
objectives:
  - 能说出三种情绪
key_points:
  - 认识情绪
difficult_points:
  - 表达情绪
materials:
  - 情绪卡片
procedure:
  - phase: 导入
    title: 热身
    minutes: 5
    content: 拍手游戏。
  - phase: 活动
    title: 情绪温度计
    minutes: {activity}
    content: |
      1. 给情绪打分。
      2. 见 [热线](service:12356)。
  - phase: 分享
    title: 说一说
    minutes: 10
    content: 小组分享。
  - phase: 总结
    title: 小结
    minutes: 5
    content: 教师小结。
differentiation: 表达困难的学生可用图卡。
assessment: 课堂观察。
safety:
  guidance: 只请自愿者分享。
  referral: 发现持续低落的学生，课后告知心理教师。
infusion: [体]
infusion_note: 体育课放松环节。
related_services:
  - service:12356
author: 测试教师
school: 测试小学
licence: CC BY-NC-SA 4.0
---
"""


def lesson(**kw: object) -> str:
    """A valid lesson file, with any field replaced."""
    values: dict[str, object] = {"id": "ceshi-ke", "example": "false", "stage": "小学中段", "grade": "三年级",
                                 "area": "情绪调适", "activity": 20}
    values.update(kw)
    return LESSON.format(**values)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_build_makes_lesson_browse_and_handout_pages(make_project, xinyu) -> None:
    intro = "# 我们的活动课\n\n本校教研组整理，求助请打 [热线](service:12356)。\n"
    root = make_project({"content/lessons/ceshi-ke.md": lesson(), "content/lessons/index.md": intro})
    proc = xinyu("build", "--today", "2026-11-29", cwd=root)
    assert proc.returncode == 0, proc.stderr
    site = root / "site"
    page = (site / "lessons/ceshi-ke/index.html").read_text("utf-8")
    assert "情绪温度计" in page and 'class="xy-procedure"' in page
    assert 'href="../../services/12356/"' in page  # typed reference inside a Markdown field
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "LearningResource" and data["timeRequired"] == "PT40M"
    assert data["educationalLevel"].startswith("小学中段") and data["inLanguage"] == "zh-CN"
    handout = (site / "lessons/ceshi-ke/print/index.html").read_text("utf-8")
    assert "md-sidebar" not in handout and "md-search" not in handout and "md-tabs" not in handout
    assert "12356" in handout
    stage = (site / "lessons/stage/xiaoxue-zhongduan/index.html").read_text("utf-8")
    assert "测试课：情绪温度计" in stage
    other = (site / "lessons/stage/gaozhong/index.html").read_text("utf-8")
    assert "测试课" not in other and "暂无教案" in other
    index = (site / "lessons/index.html").read_text("utf-8")  # the editor's intro opens the generated index
    assert "我们的活动课</h1>" in index and "本校教研组整理" in index and 'href="../services/12356/"' in index
    assert "共 <strong>1</strong> 份教案" in index
    # the source file is not published as a page of its own
    assert not (site / "lessons/ceshi-ke.md").exists()


def test_publishing_refuses_an_unreviewed_sample_lesson(make_project, xinyu) -> None:
    text = lesson(example="true")
    root = make_project({"content/lessons/ceshi-ke.md": text})
    proc = xinyu("build", "--today", "2026-11-29", cwd=root)
    assert proc.returncode == 1
    assert f"content/lessons/ceshi-ke.md:{_line_of(text, 'id:')}:5: 错误 safety.example" in proc.stderr
    preview = xinyu("build", "--preview", "--today", "2026-11-29", cwd=root)
    assert preview.returncode == 0, preview.stderr
    page = (root / "site/lessons/ceshi-ke/index.html").read_text("utf-8")
    assert "示例内容" in page


def test_data_cannot_inject_html_into_lesson_pages(make_project, xinyu) -> None:
    text = (lesson().replace("title: 测试课：情绪温度计", "title: 测试</title><script>alert(1)</script>课 *强调*")
            .replace("    title: 热身\n", "    title: 热身<img src=x onerror=alert(2)>\n")
            .replace("form: 游戏与分享", "form: 游戏_分享_<b>粗</b>")
            .replace("objectives:\n  - 能说出三种情绪", 'objectives:\n  - 能说出"三种"情绪<script>alert(3)</script>'))
    root = make_project({"content/lessons/ceshi-ke.md": text})
    proc = xinyu("build", "--today", "2026-11-29", cwd=root)
    assert proc.returncode == 0, proc.stderr
    for rel in ("lessons/ceshi-ke/index.html", "lessons/ceshi-ke/print/index.html", "lessons/index.html"):
        page = (root / "site" / rel).read_text("utf-8")
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>粗" not in page, rel
        assert "</script>\"" not in page, rel
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, rel
    handout = (root / "site/lessons/ceshi-ke/print/index.html").read_text("utf-8")
    assert "游戏_分享_&lt;b&gt;粗&lt;/b&gt;" in handout  # no stray Markdown backslashes in raw HTML


def _check(text: str) -> list[str]:
    """Codes of the problems the lesson kind finds in one lesson file (no build)."""
    from xinyu.diagnostics import Diagnostics
    from xinyu.kinds.lesson.kind import Lesson, LessonEntry, check_lesson
    from xinyu.model import validate
    from xinyu.text.frontmatter import split_markdown

    diags = Diagnostics()
    md = split_markdown(text, "content/lessons/ceshi-ke.md", diags)
    assert md is not None
    item = validate(Lesson, md.meta.data, md.meta, diags)
    if item is not None:
        check_lesson(LessonEntry(item, md.meta, (), md.body_line, md.body), diags)
    return [d.code for d in diags]


def test_pure_checks_on_boundaries() -> None:
    assert _check(lesson()) == []
    assert _check(lesson(activity=25)) == []  # 45 for 40: within five minutes
    assert _check(lesson(activity=26)) == ["lesson.minutes-sum"]  # 46 for 40
    assert _check(lesson(activity=14)) == ["lesson.minutes-sum"]  # 34 for 40
    assert _check(lesson(stage="初中", grade="七年级")) == []
    assert _check(lesson(stage="高中", grade="初三")) == ["lesson.grade-stage"]
    assert _check(lesson(stage="小学", grade="三年级")) == ["schema.literal-error"]
    assert _check(lesson(id="other-id")) == ["lesson.file-name"]
    assert _check(lesson().replace("infusion: [体]", "infusion: [体, 音]")) == ["schema.literal-error"]
    assert _check(lesson().replace("infusion_note: 体育课放松环节。\n", "")) == ["lesson.infusion-note"]
    assert _check(lesson().replace("objectives:\n  - 能说出三种情绪\n", "objectives: []\n")) == ["schema.too-short"]
