"""Practice guides on tiny real projects: permalinks, numbering, validation at file:line, safety."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from xinyu.kinds.guide.render import unwrap
from xinyu.pipeline import run
from xinyu.project import Project, Settings

POLICIES = """\
policies:
  - id: gangyao-2012
    title: 中小学心理健康教育指导纲要（2012年修订）
    number: 教基一〔2012〕15号
    issuer: 教育部
    year: 2012
    source: 教育部网站
"""

TAGS = "tags:\n  个别辅导: 一对一辅导\n  心理危机: 危机\n"

HEADER = """\
---
title: 测试指南
issuer: 测试中心
edition: 第1版
audience: [班主任]
stages: [初中]
licence: 测试
count: {count}
categories:
  - {{id: geti, title: 个别辅导}}
  - {{id: weiji, title: 危机识别与干预}}
---

"""


def question(qid: str, title: str, *, category: str = "geti", extra: str = "", answer: str | None = None) -> str:
    """One question in the guide source format."""
    body = answer if answer is not None else f"{title}的完整解答。\n\n### 怎么做\n\n第一步。\n"
    return f"## {title} {{#{qid}}}\n\n```yaml\ncategory: {category}\nshort: {title}的简答。\n{extra}```\n\n{body}\n"


THREE = [
    question("alpha", "第一个问题", extra="tags: [个别辅导]\npolicies: [policy:gangyao-2012]\n"),
    question("beta", "第二个问题", extra="related: [guide:test#alpha, service:12356]\n"),
    question("gamma", "第三个问题", category="weiji"),
]


def guide_text(questions: list[str], count: int | None = None) -> str:
    """A whole guide file."""
    return HEADER.format(count=len(questions) if count is None else count) + "\n".join(questions)


def files(guide: str, **more: str) -> dict[str, str]:
    """Project files with one guide called `test`."""
    return {"guides/test.md": guide, "content/policies.yml": POLICIES, "content/vocab/tags.yml": TAGS, **more}


def line_of(text: str, needle: str) -> int:
    """1-based line number of the first line containing `needle`."""
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def pages_of(root: Path) -> dict[str, str]:
    """The core's generated Markdown pages for a project, by src_uri."""
    project = Project(root, root / "content", Settings(), preview=True)
    result = run(project)
    ours = [str(d) for d in result.diagnostics.errors if d.loc.path.startswith(("guides/", "content/"))]
    assert not ours, ours
    return {p.src_uri: p.content for p in result.pages if isinstance(p.content, str)}


def h1(page: str) -> str:
    """The first-level heading of a generated page."""
    return next(line for line in page.split("\n") if line.startswith("# "))


def test_question_pages_and_numbers(make_project) -> None:
    pages = pages_of(make_project(files(guide_text(THREE))))
    assert {"guides/index.md", "guides/test/index.md", "guides/test/alpha.md", "guides/test/beta.md",
            "guides/test/gamma.md"} <= set(pages)
    assert h1(pages["guides/test/beta.md"]) == "# 第2问　第二个问题 {#beta}"
    # related question and service become relative links; the policy shows its 文号
    assert "[第1问　第一个问题](alpha.md)" in pages["guides/test/beta.md"]
    assert "../../services/12356.md" in pages["guides/test/beta.md"]
    assert "教基一〔2012〕15号" in pages["guides/test/alpha.md"]
    # headings inside an answer carry the question id
    assert "### 怎么做 {#alpha-zen-me-zuo}" in pages["guides/test/alpha.md"]


def test_reordering_changes_numbers_not_urls_or_anchors(make_project) -> None:
    before = pages_of(make_project(files(guide_text(THREE))))
    after = pages_of(make_project(files(guide_text([THREE[2], THREE[1], THREE[0]]))))
    assert set(before) == set(after)

    def anchors(text: str) -> set[str]:
        return set(re.findall(r"\{#([a-z0-9-]+)\}", text))

    for uri in before:
        assert anchors(before[uri]) == anchors(after[uri]), uri
    assert h1(before["guides/test/alpha.md"]).startswith("# 第1问")
    assert h1(after["guides/test/alpha.md"]).startswith("# 第3问")
    assert h1(after["guides/test/gamma.md"]).startswith("# 第1问")
    assert "[第3问　第一个问题](alpha.md)" in after["guides/test/beta.md"]


RISK = question("weixian", "学生说不想活了怎么办", category="weiji", extra="risk: true\n")
EXAMPLE_CRISIS = """\
services:
  - id: xiaoyuan-rexian
    name: 学校心理热线（示例）
    type: 心理援助
    crisis: 2
    example: true
    channels:
      - number: "0574-63000001"
        hours: {text: 工作日 8:00-17:00}
"""


def test_built_risk_page_crisis_box_and_json_ld(make_project, xinyu) -> None:
    title = "学生说<b>不想活了</b>怎么办"
    risky = question("weixian", title, category="weiji", extra="risk: true\n", answer="先陪着学生。\n")
    root = make_project(files(guide_text([THREE[0], risky]), **{"content/services/local.yml": EXAMPLE_CRISIS}))
    proc = xinyu("build", "--preview", cwd=root)
    assert proc.returncode == 0, proc.stderr
    html = (root / "site/guides/test/weixian/index.html").read_text("utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    box = article[article.index('class="admonition danger xy-crisis-box"'):]
    box = box[: box.index("</div>")]
    assert 'href="tel:12356"' in box
    assert "0574-6300 0001（示例号码）" in box and "tel:0574" not in box
    visible = re.sub(r"<script.*?</script>", "", article, flags=re.S)
    assert "<b>" not in visible and "&lt;b&gt;" in visible
    # inside JSON-LD every "<" is \u003c (and ">" \u003e): "</" cannot close the script early,
    # "<!--" cannot start a comment (mdtext.script_json, the one escaper)
    assert "\\u003c/b\\u003e" in article and "</b>" not in article.split("application/ld+json")[1]
    # the short answer is the page description (link previews), escaped like everything else
    assert '<meta name="description" content="学生说&lt;b&gt;不想活了&lt;/b&gt;怎么办的简答。">' in html
    assert article.index("admonition danger") < article.index('id="weixian-jieda"')
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', article, re.S)
    assert block
    data = json.loads(block.group(1))
    assert data["@type"] == "Question" and data["name"] == title
    assert data["acceptedAnswer"]["@type"] == "Answer" and data["acceptedAnswer"]["text"]
    guide_html = (root / "site/guides/test/index.html").read_text("utf-8")
    faq = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', guide_html, re.S).group(1))
    assert faq["@type"] == "FAQPage"
    assert [q["name"] for q in faq["mainEntity"]] == ["第一个问题", title]
    assert (root / "site/guides/index.html").is_file()


@pytest.mark.parametrize("name", ["README.md", "_draft.md"])
def test_readme_and_drafts_are_not_guides(make_project, name: str) -> None:
    pages = pages_of(make_project(files(guide_text(THREE), **{f"guides/{name}": "# 说明\n\n不是指南。\n"})))
    assert not any(uri.startswith("guides/readme") or "draft" in uri for uri in pages)


def test_hard_wrapped_chinese_is_joined_outside_code() -> None:
    text = "第一行，\n第二行。\n\n- 列表项\n  续行\n- 下一项\n\n```\n代码一\n代码二\n```\nabc\ndef"
    assert unwrap(text) == "第一行，第二行。\n\n- 列表项续行\n- 下一项\n\n```\n代码一\n代码二\n```\nabc\ndef"
