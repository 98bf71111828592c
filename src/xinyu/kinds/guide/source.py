"""The source format of a practice guide, and its parser (pure functions, no MkDocs).

One guide is one Markdown file ``guides/<guide-id>.md``::

    ---                                  ← guide header (YAML)
    title: 中小学专兼职心理教师实操工作30问（示例）
    count: 30
    categories:
      - {id: fudaoshi, title: 心理辅导室建设与管理}
    ---

    ## 心理辅导室应该怎样选址？ {#fudaoshi-xuanzhi}   ← one question: its text and stable id

    ```yaml                              ← the question's fields
    category: fudaoshi
    short: 一两句话的简答。
    ```

    The full answer, in Markdown (### headings and deeper only) …

The question's id is the ``{#id}`` of its heading and never changes; its number is its
position in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field

from ...diagnostics import Diagnostics, Loc
from ...mdtext import slugify
from ...model import Review, Slug, Strict, Text, validate
from ...text.frontmatter import MarkdownDoc
from ...text.markdown import FENCE, blank_code_spans, closes, heading, scan
from ...text.yamlio import YamlDoc, parse_yaml
from ..safety.model import RiskFlag

Role = Literal["专职心理教师", "兼职心理教师", "班主任", "任课教师", "学校管理者", "家长"]
Stage = Literal["小学", "初中", "高中", "中职"]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QUESTION = re.compile(r"^##(?!#)\s*(.*?)\s*$")
_TOP_HEADING = re.compile(r"^#(?!#)\s")
_EXPLICIT = re.compile(r"\s*\{\s*#([^}\s]*)\s*\}\s*$")
_RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(\s|/?>)")


class Category(Strict):
    """A section of a guide's contents."""

    id: Slug
    title: Text


class Guide(Strict):
    """A guide's header (the YAML front matter)."""

    title: Text
    short_title: str | None = None
    issuer: Text
    edition: Text  # e.g. 2026年版（示例）
    published: dt.date | None = None
    updated: dt.date | None = None
    audience: list[Role] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)
    licence: Text
    summary: str | None = None
    order: int = 100  # position in the guides index (smaller first; then by file name)
    count: int | None = Field(default=None, ge=1)  # declared number of questions
    categories: list[Category] = Field(min_length=1)
    example: bool = False
    review: Review | None = None


class QuestionMeta(Strict):
    """The fields of one question (the ```yaml block under its heading)."""

    category: Slug
    short: Text  # the short answer: search snippets and link previews
    tags: list[Text] = Field(default_factory=list)
    policies: list[Text] = Field(default_factory=list)  # policy:<id>
    related: list[Text] = Field(default_factory=list)  # guide:…#…, lesson:…, service:…, event:…
    # self-harm, abuse or crisis: crisis box, named reviewer required; a mapping (xinyu.safety.model.RiskFlag)
    # may say no box is needed, with a reason, or accept text a safe-messaging rule flags
    risk: bool | RiskFlag = False
    example: bool = False
    review: Review | None = None


@dataclass
class Question:
    """One parsed question of a guide."""

    guide: str
    id: str
    title: str
    number: int
    meta: QuestionMeta
    doc: YamlDoc  # the question's YAML block, positions in the guide file
    loc: Loc  # its heading
    answer: str  # Markdown, headings re-anchored with the question id
    answer_loc: Loc
    anchors: list[tuple[str, str]] = field(default_factory=list)  # (anchor, heading text) in the answer

    @property
    def key(self) -> str:
        """Its typed reference, ``guide:<guide>#<question>``."""
        return f"guide:{self.guide}#{self.id}"


@dataclass
class GuideFile:
    """A parsed guide: header, intro Markdown, questions in order."""

    id: str
    path: str
    header: Guide
    meta: MarkdownDoc
    intro: str
    questions: list[Question]
    intro_line: int = 1  # file line where the intro's text starts

    def loc(self, *key: str | int) -> Loc:
        """Position of a header field."""
        return self.meta.meta.loc(tuple(key))

    @property
    def categories(self) -> dict[str, Category]:
        """Categories by id, in order."""
        return {c.id: c for c in self.header.categories}


def anchor_answer(qid: str, body: str) -> tuple[str, list[tuple[str, str]]]:
    """Give every heading of an answer an explicit anchor prefixed with the question id.

    ``### 怎么做`` becomes ``### 怎么做 {#<qid>-zen-me-zuo}``; an explicit ``{#x}`` becomes
    ``{#<qid>-x}``. Repeated headings get ``-2``, ``-3``.
    """
    out, anchors, seen = [], [], set()
    for _, line, in_code in scan(body):
        h = None if in_code else heading(line)
        if h and h.level >= 3:
            text = h.title
            ex = _EXPLICIT.search(text)
            if ex:
                text = text[: ex.start()].rstrip()
                base = ex.group(1)
            else:
                base = slugify(text)
            base = base if base.startswith(qid + "-") else f"{qid}-{base}"
            anchor, n = base, 2
            while anchor in seen:
                anchor, n = f"{base}-{n}", n + 1
            seen.add(anchor)
            anchors.append((anchor, text))
            line = f"{h.prefix}{'#' * h.level} {text} {{#{anchor}}}"
        out.append(line)
    return "\n".join(out), anchors


def parse_guide(guide_id: str, md: MarkdownDoc, diags: Diagnostics) -> GuideFile | None:
    """Parse a guide file already split into front matter and body; report problems at file:line."""
    path = md.path
    header = validate(Guide, md.meta.data, md.meta, diags)
    if not _SLUG.match(guide_id):
        diags.error(Loc(path, 1, 1), "guide.bad-file-name",
                    f"指南文件名“{guide_id}”不能作为网址：只能用小写英文字母、数字和连字符",
                    f"把文件改名为例如 {slugify(guide_id)}.md")
        return None
    if header is None:
        return None
    lines = md.body.split("\n")
    starts: list[int] = []
    for i, line, in_code in scan(md.body):
        if in_code:
            continue
        if _QUESTION.match(line):
            starts.append(i)
        elif _TOP_HEADING.match(line):
            diags.error(Loc(path, md.body_line + i, 1), "guide.heading-level",
                        "指南正文里不能用一级标题（# ）：指南标题写在文件开头的 title 里",
                        "每一问用二级标题（## ），解答里的小标题用三级及以下（### ）")
    head = lines[: starts[0] if starts else len(lines)]
    lead = next((k for k, line in enumerate(head) if line.strip()), 0)
    intro = "\n".join(head[lead:]).rstrip()
    questions: list[Question] = []
    seen: dict[str, Loc] = {}
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        q = _parse_question(guide_id, path, lines, start, end, md.body_line, n + 1, diags)
        if q is None:
            continue
        if q.id in seen:
            diags.error(q.loc, "guide.duplicate-question", f"问题编号“{q.id}”重复（已在 {seen[q.id]} 使用）",
                        "每一问的 {#编号} 在本指南内必须唯一；请换一个编号")
            continue
        seen[q.id] = q.loc
        questions.append(q)
    if header.count is not None and header.count != len(starts):
        diags.error(md.meta.loc(("count",)), "guide.count-mismatch",
                    f"count 写的是 {header.count} 问，正文实际有 {len(starts)} 问",
                    f"把 count 改为 {len(starts)}，或补齐/删除问题")
    return GuideFile(guide_id, path, header, md, intro, questions, md.body_line + lead)


def _parse_question(guide_id: str, path: str, lines: list[str], start: int, end: int, body_line: int,
                    number: int, diags: Diagnostics) -> Question | None:
    heading = _QUESTION.match(lines[start])
    assert heading is not None
    hloc = Loc(path, body_line + start, 1)
    text = heading.group(1)
    ex = _EXPLICIT.search(text)
    title = text[: ex.start()].strip() if ex else text.strip()
    if not ex:
        diags.error(hloc, "guide.missing-question-id", f"问题“{title}”没有编号",
                    f"在标题末尾加上固定的英文编号，例如 ## {title} {{#{slugify(title)[:40].strip('-')}}}")
        return None
    qid = ex.group(1)
    if not _SLUG.match(qid):
        diags.error(hloc, "guide.bad-question-id", f"问题编号“{qid}”格式不对",
                    "只能用小写英文字母、数字和连字符（-），例如 {#fudaoshi-xuanzhi}")
        return None
    if not title:
        diags.error(hloc, "guide.empty-question", "问题标题是空的", "在 ## 后写出问题本身")
        return None
    i = start + 1
    while i < end and not lines[i].strip():
        i += 1
    m = FENCE.match(lines[i]) if i < end else None
    if not m or m.group(2).lower() not in ("yaml", "yml"):
        diags.error(hloc, "guide.missing-fields", f"问题“{title}”下面缺少 ```yaml 字段块",
                    "在标题下一行写 ```yaml，列出 category 和 short，再用 ``` 结束")
        return None
    fence = m.group(1)
    j = i + 1
    while j < end and not closes(fence, lines[j]):
        j += 1
    if j >= end:
        diags.error(Loc(path, body_line + i, 1), "guide.unclosed-fields", "```yaml 字段块没有结束",
                    "在字段后面单独写一行 ``` ")
        return None
    doc = parse_yaml("\n".join(lines[i + 1 : j]), path, diags, line_offset=body_line + i)
    if doc is None:
        return None
    meta = validate(QuestionMeta, doc.data if doc.data is not None else {}, doc, diags)
    if meta is None:
        return None
    raw_answer = "\n".join(lines[j + 1 : end])
    first = j + 1
    while first < end and not lines[first].strip():
        first += 1
    answer_loc = Loc(path, body_line + first, 1)
    if not raw_answer.strip():
        diags.error(hloc, "guide.empty-answer", f"问题“{title}”没有解答",
                    "在字段块下面写出完整解答（Markdown）；还没写好的问题先删掉或移到草稿里")
        return None
    _check_raw_html(raw_answer, Loc(path, body_line + j + 1, 1), diags)
    answer, anchors = anchor_answer(qid, raw_answer.strip("\n"))
    return Question(guide_id, qid, title, number, meta, doc, hloc, answer.strip(), answer_loc, anchors)


def _check_raw_html(text: str, start: Loc, diags: Diagnostics) -> None:
    """Raw HTML in an answer is a decision the format does not allow (it could run script)."""
    for i, line, in_code in scan(text):
        if not in_code and _RAW_HTML.search(blank_code_spans(line)):
            diags.error(start.shifted(i, 1), "guide.raw-html", "解答里不能写 HTML 标签",
                        "请只用 Markdown；要显示尖括号请写成 &lt; 或放进 `代码` 里")
