"""The YAML loader: positions kept, editors' mistakes caught with file and line."""

from __future__ import annotations

import datetime as dt

from xinyu.diagnostics import Diagnostics
from xinyu.text.frontmatter import split_markdown
from xinyu.text.yamlio import decode_source, parse_yaml


def parse(text: str) -> tuple[object, list[str]]:
    diags = Diagnostics()
    doc = parse_yaml(text, "x.yml", diags)
    return (doc.data if doc else None), [d.format() for d in diags]


def test_positions_point_at_values() -> None:
    diags = Diagnostics()
    doc = parse_yaml("a: 1\nlist:\n  - name: 甲\n  - name: 乙\n", "x.yml", diags)
    assert doc is not None and not diags.items
    assert (doc.loc(("list", 1, "name")).line, doc.loc(("list", 1, "name")).col) == (4, 11)
    # a key that is absent falls back to its closest parent
    assert doc.loc(("list", 1, "missing")).line == 4


def test_times_and_leading_zeros_stay_text() -> None:
    data, errors = parse("open: 08:30\nclose: 17:00\narea: 0574\nanswer: no\nday: 2026-09-19\n")
    assert errors == []
    assert data == {"open": "08:30", "close": "17:00", "area": "0574", "answer": "no", "day": dt.date(2026, 9, 19)}


def test_duplicate_key_names_both_lines() -> None:
    data, errors = parse("name: 甲\ntype: 心理援助\nname: 乙\n")
    assert data is None
    assert errors[0].startswith("x.yml:3:1: 错误 yaml.duplicate-key")
    assert "第 1 行" in errors[0]


def test_tab_indentation_is_refused() -> None:
    data, errors = parse("services:\n\t- id: a\n")
    assert data is None and errors[0].startswith("x.yml:2:1: 错误 yaml.tab")


def test_alias_bomb_stops_at_first_alias() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)
    )
    data, errors = parse(bomb)
    assert data is None
    assert errors == ["x.yml:1:4: 错误 yaml.alias 不允许使用 YAML 锚点（&）和别名（*）（请把内容直接写出来；别名会让文件难以审核，也可能被用来制造超大数据）"]


def test_python_tags_never_build_objects() -> None:
    data, errors = parse("x: !!python/object/apply:os.system ['echo hi']\n")
    assert data is None and "yaml.tag" in errors[0]


def test_syntax_error_is_located_and_chinese() -> None:
    data, errors = parse("name: 甲\ntitle: 乙: 丙\n")
    assert data is None and errors[0].startswith("x.yml:2:")
    assert "引号" in errors[0]


def test_gbk_file_is_named_as_such() -> None:
    diags = Diagnostics()
    raw = "name: 心理\n".encode() + "title: 家长沙龙\n".encode("gbk")
    assert decode_source(raw, "x.yml", diags) is None
    [d] = diags.items
    assert d.loc.line == 2 and d.code == "file.encoding" and "GBK" in (d.hint or "")


def test_bom_is_accepted() -> None:
    diags = Diagnostics()
    assert decode_source("\ufeffname: 甲\n".encode(), "x.yml", diags) == "name: 甲\n"


def test_front_matter_lines_are_file_lines() -> None:
    diags = Diagnostics()
    md = split_markdown("---\ntitle: 甲\nid: a\nid: b\n---\n# 正文\n", "x.md", diags)
    assert md is None and diags.items[0].loc.line == 4
    md = split_markdown("---\ntitle: 甲\n---\n# 正文\n", "x.md", Diagnostics())
    assert md is not None and md.body_line == 4 and md.body.startswith("# 正文")
