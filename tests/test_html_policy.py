"""The HTML policy: data never carries script; editors' Markdown may use the allow-list only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import copy_demo
from support.golden import xinyu_check
from xinyu.diagnostics import Diagnostics, Loc
from xinyu.htmlpolicy import check_markdown

PAGE_VECTORS = [
    ("<script>alert(1)</script>", "不允许使用 <script> 标签"),
    ('<iframe src="https://evil.example/"></iframe>', "不允许使用 <iframe> 标签"),
    ('<object data="x.swf"></object>', "不允许使用 <object> 标签"),
    ('<embed src="x.swf">', "不允许使用 <embed> 标签"),
    ('<form action="https://evil.example/">密码</form>', "不允许使用 <form> 标签"),
    ("<style>body{display:none}</style>", "不允许使用 <style> 标签"),
    ('<img src="x.png" onerror="alert(1)">', "<img> 的事件属性 onerror 会运行脚本"),
    ('<div onclick="alert(1)">点我</div>', "<div> 的事件属性 onclick 会运行脚本"),
    ('<a href="javascript:alert(1)">链接</a>', "<a> 的 href 用了不允许的地址类型“javascript:”"),
    ('<a href="java&#x09;script:alert(1)">链接</a>', "<a> 的 href 用了不允许的地址类型“javascript:”"),
    ('<a href="VBScript:msgbox(1)">链接</a>', "<a> 的 href 用了不允许的地址类型“vbscript:”"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "<img> 的 src 用了不允许的地址类型“data:”"),
    ('<p style="width: expression(alert(1))">文字</p>', "<p> 的 style 里有 expression("),
    ('<span style="background: url(javascript:alert(1))">文字</span>', "<span> 的 style 里有 expression("),
    ("[点我](data:text/html;base64,PHNjcmlwdD4=)", "链接地址不能以 data: 开头"),
    # Python-Markdown passes these through as HTML or as live links:
    ("\\<script>alert(1)</script>", "不允许使用 <script> 标签"),  # a backslash does not escape "<"
    ("<svg:x/onload=alert(1)>", "不允许使用 <svg:x> 标签"),  # looks like an autolink, is not one
    ("<x@y.cn/onfocus=alert(1)>", None),  # an e-mail autolink: its text is escaped
    ("<javascript://%0Aalert(1)>", "网址不能以 javascript: 开头"),
]


@pytest.mark.parametrize(("html", "reason"), PAGE_VECTORS)
def test_each_vector_is_forbidden_at_its_position(html: str, reason: str | None) -> None:
    diags = Diagnostics()
    check_markdown(f"# 标题\n\n前面的文字 {html}\n", Loc("content/p.md", 5, 1), diags)
    if reason is None:
        assert [d.format() for d in diags] == []
        return
    col = 7 + (html.index("(") + 1 if html.startswith("[") else html.startswith("\\"))  # link: its target
    assert [(str(d.loc), d.code) for d in diags] == [(f"content/p.md:7:{col}", "html.forbidden")]
    assert reason in diags.items[0].message


ALLOWED = """\
<table class="xy-table">
<thead><tr><th scope="col">时间</th><th>内容</th></tr></thead>
<tbody><tr><td colspan="2" align="center">合计</td></tr></tbody>
</table>

<details open markdown><summary>展开看看</summary>

里面的 **Markdown**。

</details>

<figure><img src="../img/ketang.png" alt="课堂" width="300" loading="lazy"><figcaption>课堂一角</figcaption></figure>

<div class="grid cards" markdown>
<span id="tip" style="color: #c00">提示</span> <abbr title="心理健康">心健</abbr> <kbd>Ctrl</kbd> <mark>重点</mark>
H<sub>2</sub>O x<sup>2</sup><br>
<a href="../about.md#contact" target="_blank" rel="noopener">联系</a> <a href="mailto:a@example.edu.cn">写信</a>
<a href="tel:12356">12356</a> <a href="https://www.nhc.gov.cn/">卫健委</a>
</div>
"""


def test_allowed_html_passes() -> None:
    diags = Diagnostics()
    check_markdown(ALLOWED, Loc("content/p.md", 1, 1), diags)
    assert [d.format() for d in diags] == []


def test_html_in_code_is_text() -> None:
    text = "写 `<script>alert(1)</script>` 会被拒绝。\n\n```html\n<iframe src=x></iframe>\n<img onerror=x>\n```\n" \
           "邮件 <xinyu@example.edu.cn>，网址 <https://example.edu.cn/>，比较 1 < 2。\n"
    diags = Diagnostics()
    check_markdown(text, Loc("content/p.md", 1, 1), diags)
    assert [d.format() for d in diags] == []


def test_page_html_fails_preview_and_publishing_builds(make_project, xinyu) -> None:
    page = "# 求助\n\n<script>alert(document.cookie)</script>\n\n<img src=x onerror=\"alert(1)\">\n\n" + ALLOWED
    root = make_project({"content/help/index.md": page})
    check = xinyu_check(root, "--today", "2026-11-29")
    assert check.returncode == 1
    assert "content/help/index.md:3:1: 错误 html.forbidden 不允许使用 <script> 标签" in check.stdout
    assert "content/help/index.md:5:1: 错误 html.forbidden <img> 的事件属性 onerror 会运行脚本" in check.stdout
    assert check.stdout.count(": 错误 html.forbidden") == 2  # the allowed table, details, img … pass
    for args in (("--preview",), ()):
        build = xinyu("build", *args, "--today", "2026-11-29", cwd=root)
        assert build.returncode == 1 and "content/help/index.md:3:1: 错误 html.forbidden" in build.stderr
        assert not (root / "site").exists()


def test_allowed_html_reaches_the_page(make_project, xinyu) -> None:
    root = make_project({"content/help/index.md": "# 求助\n\n" + ALLOWED, "content/img/ketang.png": b"\x89PNG\r\n",
                         "content/about.md": "# 关于\n\n## 联系 {#contact}\n\n邮件。\n"})
    build = xinyu("build", "--today", "2026-11-29", cwd=root)
    assert build.returncode == 0, build.stderr
    html = (root / "site/help/index.html").read_text("utf-8")
    assert '<td colspan="2" align="center">合计</td>' in html and "<summary>展开看看</summary>" in html
    assert 'alt="课堂"' in html and "<strong>Markdown</strong>" in html
    assert list((root / "site/assets/stylesheets").glob("main.*.min.css"))  # theme files are kept


PAYLOAD = '<img src=x onerror="alert(1)">'


def _inject(path: Path, after: str, text: str) -> int:
    """Insert `text` right after the first `after` in `path`; return the 1-based line it is on."""
    source = path.read_text("utf-8")
    at = source.index(after) + len(after)
    path.write_text(source[:at] + text + source[at:], "utf-8")
    return source.count("\n", 0, at) + 1


def test_html_in_data_fields_is_refused(tmp_path: Path, xinyu) -> None:
    root = copy_demo(tmp_path / "demo")
    lesson = root / "content/lessons/hezuo-hua.md"
    step = _inject(lesson, "两名学生上台，共同握一支笔在黑板上画一个房子", PAYLOAD)  # procedure[0].content
    src = lesson.read_text("utf-8")
    assessment = _inject(lesson, re.search(r"\nassessment: \|\n\s+", src).group(0), "<iframe src=x></iframe>")
    menu = _inject(root / "content/events/menu.yml", "学校（幼儿园）家长学校负责人", "<script>alert(1)</script>")
    story = next(p for p in sorted((root / "content/stories").glob("*.md")) if p.name != "index.md")
    story_text = story.read_text("utf-8")
    story.write_text(story_text + '\n<a href="javascript:alert(1)">更多</a>\n', "utf-8")
    story_line = story_text.count("\n") + 2
    guide = root / "guides/jiazhang-goutong.md"
    head, sep, rest = guide.read_text("utf-8").partition("\n---\n")
    guide.write_text(head + sep + "<iframe src=\"https://evil.example/\"></iframe>\n" + rest, "utf-8")
    guide_line = head.count("\n") + 3  # the line after the closing ---
    proc = xinyu_check(root, "--publish", "--today", "2026-11-29")
    out = proc.stdout
    forbidden = [line for line in out.splitlines() if ": 错误 html.forbidden" in line]
    step_col = lesson.read_text("utf-8").split("\n")[step - 1].index(PAYLOAD) + 1  # inside `content: |`
    assert f"content/lessons/hezuo-hua.md:{step}:{step_col}: 错误 html.forbidden <img> 的事件属性 onerror" in out
    assert f"content/lessons/hezuo-hua.md:{assessment}:" in "\n".join(forbidden)
    assert f"content/events/menu.yml:{menu}:" in "\n".join(forbidden)
    assert f"content/stories/{story.name}:{story_line}:1: 错误 html.forbidden" in "\n".join(forbidden)
    assert f"guides/jiazhang-goutong.md:{guide_line}:1: 错误 html.forbidden 不允许使用 <iframe> 标签" in out
    assert len(forbidden) == 5, forbidden
    preview = xinyu("build", "--preview", "--today", "2026-11-29", "-d", str(tmp_path / "site"), cwd=root)
    assert preview.returncode == 1 and not (tmp_path / "site").exists()


def test_plain_data_text_is_escaped(make_project, xinyu) -> None:
    service = """\
services:
  - id: "12356"
    name: 全国统一心理援助热线<img src=x onerror=alert(1)>
    type: 心理援助
    crisis: 1
    summary: 说明<script>alert(1)</script>
    channels:
      - number: "12356"
        hours: {always: true}
    verification:
      verified_on: 2026-11-01
      verified_by: 测试编辑
      method: 官方公布
      source: 测试
"""
    root = make_project({"content/services/national.yml": service})
    build = xinyu("build", "--preview", "--today", "2026-11-29", cwd=root)
    if build.returncode != 0:
        pytest.fail(build.stderr[-2000:])
    for page in (root / "site").rglob("*.html"):
        text = page.read_text("utf-8")
        assert "<img src=x onerror" not in text and "<script>alert(1)" not in text, page
    home = (root / "site/services/12356/index.html").read_text("utf-8")
    assert "全国统一心理援助热线&lt;img src=x onerror=alert(1)&gt;" in home
