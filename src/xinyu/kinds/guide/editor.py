"""What `xinyu new` and `xinyu schema` know about practice guides: the starting file, its schemas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...project import Project
from ..editorspec import Context, EditorSpec, RefCheck, Shape, fill, scalar
from .source import Guide, QuestionMeta


def guide(c: Context) -> str:
    """A practice guide with two sample questions in the format of `kinds.guide_source`."""
    title = scalar(c.title if "示例" in c.title else f"{c.title}（示例）") if c.title else fill("指南全名（示例）")
    return f"""---
# 实操指南（问答手册，由 xinyu new 生成的草稿）。文件名就是指南编号（guide:{c.id}），发布后不要再改。
# 格式说明见 guides/README.md：每一问是一个“## 问题 {{#固定编号}}”，下面一个 yaml 字段块，再下面是解答。
title: {title}  # 填写：指南全名；示例或草稿在书名里写明“（示例）”
short_title: {fill("简称")}
issuer: {fill("编写或发布单位")}
edition: {c.today.year}年版（草稿）
published: {c.today.isoformat()}
# audience 可选：专职心理教师 / 兼职心理教师 / 班主任 / 任课教师 / 学校管理者 / 家长
audience: [专职心理教师, 兼职心理教师, 班主任]  # 填写：适用对象
stages: [小学, 初中, 高中]      # 学段：小学 / 初中 / 高中 / 中职
licence: 供学校内部教研使用     # 填写：使用许可
summary: {fill("一两句话介绍本指南")}
example: true                 # 草稿：发布版要求具名专业人员审核（review）后才能发布
count: 2                      # 问题数：增删问题时一起改
categories:                   # 分类：英文编号 id 和中文名称 title
  - {{id: changjian, title: {fill("分类名称")}}}
---

{fill("前言（可省略）")}

## {fill("第一个问题")}？ {{#changjian-1}}

```yaml
category: changjian
short: {fill("一两句话的简答，用于目录页、搜索结果和分享链接的预览")}
tags: []            # 标签须来自 content/vocab/tags.yml
policies: []        # 政策依据，如 [policy:gangyao-2012]
related: []         # 相关内容，如 [guide:shicao-30wen#fudaoshi-xuanzhi, service:12356]
risk: false         # 涉及自伤、自杀、虐待、欺凌时改为 true：必须在这里填写具名专业人员的 review
```

{fill("完整解答：先给做法，再讲注意事项；建议 150～600 字")}

### {fill("小标题用三级标题")}

{fill("分段、列表、加粗、表格都可以")}

## {fill("第二个问题")}？ {{#changjian-2}}

```yaml
category: changjian
short: {fill("简答")}
```

{fill("完整解答")}
"""



def _tags() -> dict[str, Any]:
    # kind.load_tags: exactly one key, `tags`, a mapping 标签 → 说明 (any scalar, kept as text)
    return {"type": "object", "additionalProperties": False, "required": ["tags"], "properties": {"tags": {
        "title": "标签", "description": "每行一个“标签: 说明”；实操指南各问的 tags 只能用这里的标签",
        "type": "object", "additionalProperties": {"type": ["string", "number", "boolean", "null"]}}}}


def _path(project: Project, ident: str) -> Path:
    return project.guides_dir / f"{ident}.md"


EDITOR = EditorSpec(
    "guide", "实操指南", ("指南", "实操指南"), "实操指南（问答手册，含两道示例问题）→ guides/<编号>.md",
    reserved=frozenset({"readme", "index", "policies"}), path=_path, template=guide,
    shapes=(
        Shape("vocab-tags", "共享标签词表", "content/vocab/tags.yml", ("vocab/tags.yml",), raw=_tags),
        Shape("guide-header", "实操指南信息块", "guides/*.md 开头 --- 之间的 YAML", model=Guide),
        Shape("guide-question", "问题字段块", "guides/*.md 每一问标题下 ```yaml 字段块中的 YAML", model=QuestionMeta),
    ),
    checks={"QuestionMeta.policies[]": RefCheck("policy"), "QuestionMeta.related[]": RefCheck(None)},
    search_label="问答", related_title="相关问题", scheme_rank=1, list_rank=3,
)
