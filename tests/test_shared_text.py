"""The shared text utilities every kind writes through: one JSON-in-script escaper, one mkdocs.yml reader,
one Markdown scanner, one phone-number snippet."""

from __future__ import annotations

import json
from pathlib import Path

from xinyu.crisisline import number_html
from xinyu.diagnostics import Loc
from xinyu.mdtext import rewrite_links, script_json, typed_refs
from xinyu.text.markdown import extract_links, headings, scan
from xinyu.text.mkdocsyml import read_mkdocs_yml

HOSTILE = {"b": "</script><!-- & \u2028 \u2029 >", "a": 1}


def test_script_json_escapes_everything_that_could_end_or_change_the_script() -> None:
    text = script_json(HOSTILE)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == HOSTILE  # still the same JSON value
    assert text.startswith('{"a":1,')  # compact, keys sorted


def test_script_json_keeps_written_key_order_when_asked() -> None:
    text = script_json(HOSTILE, compact=False, sort_keys=False)
    assert text.startswith('{"b": "\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028 \\u2029 \\u003e", "a": 1}')


def test_mkdocs_yml_reader_reads_tags_as_plain_values(tmp_path: Path) -> None:
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_url: !ENV [SITE_URL, 'https://x.example/']\n"
                    "markdown_extensions:\n  - toc:\n      slugify: !!python/name:xinyu.mdtext.slugify\n", "utf-8")
    data, text = read_mkdocs_yml(path)
    assert data["site_url"] == "https://x.example/"  # what MkDocs uses when SITE_URL is unset
    assert data["markdown_extensions"] == [{"toc": {"slugify": None}}]
    assert text is not None and text.startswith("site_url")
    assert read_mkdocs_yml(tmp_path / "missing.yml") == ({}, None)


MD = """---
title: x
---
# 标题 #
正文 [a](one.md) `[b](code.md)` <https://x.example/>

- 列表

    ````python
    [c](inside.md)
    ```
    [d](still-inside.md)
    ````

## 第二 {#two}
[e]: <ref def.md> "t"
"""


def test_one_scanner_agrees_on_code_headings_and_link_columns() -> None:
    code = [i for i, _, in_code in scan(MD, front_matter=True) if in_code]
    assert code == [8, 9, 10, 11, 12]  # an indented fence, closed only by as many backticks
    assert [(i, h.level, h.title) for i, h in headings(MD)] == [(3, 1, "标题"), (14, 2, "第二 {#two}")]
    links = [(r.target, r.line + 1, r.col, r.how) for r in extract_links(MD)]
    assert links == [("one.md", 5, 8, "md"), ("https://x.example/", 5, 32, "auto"), ("ref def.md", 16, 7, "md")]


def test_typed_refs_and_rewriting_use_the_same_links() -> None:
    text = "见 [教案](lesson:x) 和 `[不是](lesson:y)`\n```\n[也不是](lesson:z)\n```\n[定义]: lesson:w"
    refs = typed_refs(text, Loc("a.yml", 7, 12))
    assert [(r.raw, r.loc.line, r.loc.col) for r in refs] == [("lesson:x", 7, 19), ("lesson:w", 11, 7)]
    out = rewrite_links(text, lambda t: t.upper() if t.startswith("lesson:") else None)
    assert "(LESSON:X)" in out and "lesson:y" in out and "lesson:z" in out and "LESSON:W" in out


def test_one_number_snippet_for_theme_and_pages() -> None:
    assert number_html("12356", "tel:12356") == '<a class="xy-tel" href="tel:12356">12356</a>'
    sample = number_html("0574-6300 0001", "tel:+86-574-6300-0001", example=True)
    assert sample == '<span class="xy-example-number">0574-6300 0001（示例号码）</span>'  # never dialled
    assert number_html("1*2", None, cls="", example_cls="") == "1\\*2（示例号码）"  # escaped for Markdown
    assert number_html("110", "tel:110", cls="") == '<a href="tel:110">110</a>'
