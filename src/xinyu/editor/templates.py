"""The starting text `xinyu new` writes for each content kind.

Pure functions over plain values (no MkDocs, no file access). Every template is sample or draft
content: placeholders read ``（填写：…）`` and comments ``# 填写：…`` say what to complete; entries
carry ``example: true`` (or no source / verification) so the publishing build refuses them until
an editor has completed and a named professional has reviewed them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field

from ..kinds.lesson.kind import AREAS, GRADES

#: 学段 → grades, the lesson kind's own table (this module is imported only once `xinyu new` has
#: loaded the project, so the kinds and pydantic are already imported).
STAGES: dict[str, tuple[str, ...]] = GRADES
PLACEHOLDER = "（填写：{}）"

_PLAIN = re.compile(r"^[^\x00-\x7f]([^\x00-\x1f:#'\"{}\[\],&*!|>%@`\\]*[^\s:#'\"{}\[\],&*!|>%@`\\])?$")


_COMMENTED = re.compile(r"^(\s*(?:- )?[a-z_]+:(?:.*?\S)?)\s{2,}(# .*)$")


def width(value: str) -> int:
    """Display width in a monospaced editor (Chinese characters count two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


def align(yaml_text: str, column: int = 32) -> str:
    """Line up the ``# …`` comments after ``key: value`` lines at `column` (display width)."""
    out = []
    for line in yaml_text.split("\n"):
        m = _COMMENTED.match(line)
        if m:
            line = m.group(1) + " " * max(2, column - width(m.group(1))) + m.group(2)
        out.append(line)
    return "\n".join(out)


def fill(what: str) -> str:
    """A visible placeholder such as ``（填写：教案标题）``."""
    return PLACEHOLDER.format(what)


def scalar(value: str) -> str:
    """`value` as a YAML scalar: plain when it is safe (Chinese text), else double-quoted."""
    if _PLAIN.match(value) and ": " not in value and " #" not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Context:
    """What a template needs: the id, the title, the date and what the project already has."""

    id: str
    title: str | None
    today: dt.date
    stage: str = "小学中段"
    area: str = "情绪调适"
    series: str = ""  # event: its series
    series_ids: list[str] = field(default_factory=list)
    venue: str | None = None  # event: the venue to write (None: the series' own venue applies)
    venues: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    start: dt.datetime | None = None  # event: a start that overlaps nothing at its venue
    number: str = "0574-6300 0900"  # service: an unused fictional number
    teacher: bool = False  # event: its series is for teachers (教研与培训)

    def title_or(self, what: str) -> str:
        """The given title (as a YAML scalar) or a placeholder."""
        return scalar(self.title) if self.title else fill(what)


def lesson(c: Context) -> str:
    """A lesson plan file (front matter with every field, a short appendix)."""
    grade = STAGES[c.stage][0]
    duration = 40 if c.stage.startswith("小学") else 45
    grades = "、".join(STAGES[c.stage])
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


def story(c: Context) -> str:
    """A parent story (溪上家长说)."""
    return f"""---
# 溪上家长说：一篇家长故事（由 xinyu new 生成的草稿）。文件名就是编号（story:{c.id}），发布后不要再改。
title: {c.title_or("故事标题")}  # 填写：故事标题
author: 匿名家长               # 填写：署名，如“初二学生家长 周先生（化名）”；不写则显示“匿名家长”
place: {fill("学校或镇街道，如 观海卫镇")}
date: {c.today.isoformat()}              # 发表日期
tags: []                      # 标签（可省略），如 [手机与网络, 家庭规则]
summary: {fill("一句话简介，显示在栏目目录")}
related: []                   # 相关内容（可省略），如 [lesson:yu-fumu-goutong, service:12356]
example: true                 # 草稿：发布版拒绝发布；换成经家长同意发表的真实故事后删除这一行
---

{fill("故事正文：发生了什么，家长怎样做，孩子有什么变化。人名用化名，不写能认出孩子的细节")}

{fill("第二段")}
"""


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


def service(c: Context) -> str:
    """A services file with one entry: an example number, no verification yet."""
    name = scalar(f"{c.title}（示例）") if c.title else fill("服务名称（示例）")
    return f"""# 新的热线与服务条目（由 xinyu new 生成的草稿）。带“填写”的地方都要改。
# 号码是虚构的示例号码（example: true），发布版会拒绝发布：填入拨打核实过的真实号码，
# 删除 example: true，并填写 verification（核实日期、核实人、方式、来源）后才能发布。
services:
  - id: {c.id}
    name: {name}  # 填写：服务名称
    operator: {fill("主办或运营单位")}
    level: 市                 # 网络层级：全国 / 市 / 镇街道 / 村社区 / 学校（镇街道、村社区级要写 parent）
    # parent: 上一级服务的编号
    area: {fill("服务范围，如 浒山街道")}
    type: 心理援助            # 类型：心理援助 / 家庭教育指导 / 青少年服务 / 医院门诊 / 应急
    audience: [家长, 中小学生]  # 填写：服务对象
    topics: []                # 服务内容，如 [家庭教育咨询, 心理咨询]
    summary: {fill("一两句话介绍服务内容")}
    example: true             # 示例号码：核实真实号码后删除这一行
    channels:
      - type: 电话            # 电话 / 热线 / 手机
        number: "{c.number}"  # 填写：核实过的号码（现在是虚构的示例号码）
        hours:                # 服务时间：24 小时写 always: true
          weekly:
            - {{days: 一至五, opens: "08:30", closes: "17:00"}}
    # verification:           # 核实信息（发布前必填）：核实后去掉下面几行开头的 #
    #   verified_on: {c.today.isoformat()}
    #   verified_by: 某某（编辑）
    #   method: 拨打核实
    #   source: 填写：信息来源，如 单位官网、来函
"""


def event(c: Context) -> str:
    """An events file with one dated event (its start overlaps nothing at its venue)."""
    assert c.start is not None
    end = c.start + dt.timedelta(minutes=90)
    place = (f"    venue: {c.venue}          # 地点编号（见 content/events/venues.yml）：{'、'.join(c.venues)}；"
             "线上活动改写 online: https://…\n") if c.venue else (
        "    # venue: 地点编号       # 不写则沿用系列的地点（见 content/events/venues.yml）\n")
    speakers = "、".join(c.speakers) or "先在 speakers.yml 中登记"
    return f"""# 新活动（由 xinyu new 生成的草稿）。带“填写”的地方都要改。
# 改完后运行 xinyu lock 更新日历修订号（content/events/sequence.lock.yml），再运行 xinyu check。
# 示例活动（example: true）发布版会拒绝发布：换成真实的时间、地点和主讲人后删除这一行。
events:
  - id: {c.id}
    series: {c.series}          # 所属系列（见 content/events/series.yml）：{'、'.join(c.series_ids)}
    title: {c.title_or("活动标题")}  # 填写：活动标题
    start: {c.start:%Y-%m-%d %H:%M}    # 填写：开始时间（北京时间）
    end: "{end:%H:%M}"               # 填写：结束时间
{place}    # speakers: [主讲人编号]  # 主讲人（见 content/events/speakers.yml）：{speakers}
    # audience: 不写则沿用系列的对象
    # capacity: 名额
    # registration: {{how: 扫码或致电报名, deadline: {(c.start.date() - dt.timedelta(days=2)).isoformat()}}}
{TEACHER_FIELDS if c.teacher else ""}    summary: {fill("一两句话介绍活动")}
    example: true
"""


TEACHER_FIELDS = """\
    # kind: 技能培训          # 不写则沿用系列的类型（可写 教研活动、案例督导、技能培训、跨校教研等）
    stages: [全学段]          # 服务的学段：幼儿园、小学、小学低段…高段、初中、高中、全学段
    # areas: [龙山镇]         # 服务的区域（镇街道或片区）
    # hours: 6                # 持证培训：学时
    # cert: C证               # 持证培训：计入 C证 或 B证
    # brings: [lesson:教案编号]  # 送教下乡：带去的课和讲义（lesson:<编号>、resource:<编号>）
"""


def series(c: Context) -> str:
    """One entry for the ``series:`` list of ``content/events/series.yml``."""
    return f"""  - id: {c.id}
    title: {c.title_or("系列名称")}  # 填写：系列名称（xinyu new 生成的草稿）
    kind: 讲座                # 沙龙/讲座/巡讲/其他；教师：教研活动/案例督导/技能培训/跨校教研/送教下乡/持证培训
    audiences: [家长]         # 面向：家长 / 教师 / 学生 / 公众，可写多个；含“教师”的列在“教研与培训”
    organiser: {fill("主办单位")}
    audience: {fill("面向对象，如 小学学生家长")}
    summary: {fill("一两句话介绍这个系列")}
    # venue: 默认地点编号（见 venues.yml）
    # speakers: [主讲人编号]
    example: true             # 示例：发布版拒绝发布；换成真实安排后删除这一行
    # 每月或每周按规则举行的，去掉下面几行开头的 # 并填写；逐场安排的在 events-*.yml 中逐条写活动：
    # recurrence:
    #   freq: monthly
    #   weekday: 六
    #   nth: 3
    #   start_time: "09:30"
    #   end_time: "11:00"
    #   first: {c.today.isoformat()}
    #   last: {c.today.replace(year=c.today.year + 1, day=1).isoformat()}
"""


def menu_topic(c: Context) -> str:
    """One entry for the ``topics:`` list of ``content/events/menu.yml``."""
    speaker = c.speakers[0] if c.speakers else "chen-laoshi"
    return f"""  - id: {c.id}
    title: {c.title_or("讲题")}  # 填写：讲题（xinyu new 生成的草稿）
    audience: [小学]          # 填写：幼儿园 / 小学 / 初中 / 高中，可写多个
    speaker: {speaker}        # 填写：讲师编号（见 speakers.yml）：{'、'.join(c.speakers)}
    minutes: 60               # 时长（分钟）
    summary: {fill("讲座内容简介")}
"""


def policy(c: Context) -> str:
    """One entry for the ``policies:`` list of ``content/policies.yml`` (no source yet: not publishable)."""
    return f"""  - id: {c.id}
    title: {c.title_or("文件全称，不带书名号")}  # 填写：文件全称（xinyu new 生成的草稿）
    # number: 文号，只写核实过的；拿不准就不写
    issuer: {fill("发布机关")}
    # year: 发布年份
    # source: 来源（如 教育部网站）。没有来源的条目发布版会拒绝：核实原文后填写
"""


def resource(c: Context) -> str:
    """One entry for the ``resources:`` list of a ``resources.yml`` (a link until the file is there)."""
    return f"""  - id: {c.id}
    title: {c.title_or("资源标题")}  # 填写：资源标题（xinyu new 生成的草稿）
    type: 学习单              # 课件 / 学习单 / 微课视频 / 音频 / 心理剧剧本 / 讲座材料 / 其他
    url: {fill("发布地址；文件放进 content 后改写 file 并删除这一行")}
    # file: files/{c.id}.pdf   # 相对于本 resources.yml 所在文件夹；PDF、PPTX、DOCX、XLSX、MP3、MP4、WebM、图片
    # captions: files/{c.id}.vtt  # 视频必须有 .vtt 字幕，或 transcript: 文字稿
    stages: [初中]            # 学段：幼儿园 / 小学 / 小学低段 / 小学中段 / 小学高段 / 初中 / 高中 / 全学段
    licence: {fill("授权方式，如 CC BY-NC 4.0")}
    author: {fill("作者")}
    # used_in: [lesson:教案编号]  # 所属：lesson:、guide:指南#问题、event:、series:、release:
    example: true             # 示例：发布版拒绝发布；换成真实资源后删除这一行
"""


HEADERS: dict[str, str] = {
    "series": "# 活动系列（由 xinyu new 创建）。\nseries:\n",
    "topics": ("# 家庭教育讲师团“点单式”讲座菜单（由 xinyu new 创建）。\n"
               f"how_to_order: {fill('学校怎样点单：联系方式、提前多久、讲师团怎样确认')}\n"
               "example: true\ntopics:\n"),
    "policies": "# 政策文件（由 xinyu new 创建）：只收录确实存在的文件，每条必须有 source。\npolicies:\n",
    "resources": "# 资源库（由 xinyu new 创建）：文件路径相对于本文件夹。见 docs/editors/teachers.md。\nresources:\n",
}
