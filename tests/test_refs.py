"""Two-phase typed references: register targets, then resolve with suggestions."""

from __future__ import annotations

from xinyu.diagnostics import Diagnostics, Loc
from xinyu.mdtext import esc, slugify, typed_refs
from xinyu.refs import Reference, Registry, Target, relative_link


def registry() -> Registry:
    reg, diags = Registry(), Diagnostics()
    reg.add(Target("lesson:qingxu-tiaoshi", "lessons/qingxu-tiaoshi.md", "情绪调适"), diags)
    reg.add(Target("guide:shicao#fudaoshi", "guides/shicao/fudaoshi.md", "第1问"), diags)
    reg.add_anchors("lessons/qingxu-tiaoshi.md", {"mu-biao"})
    return reg


def test_unknown_reference_is_reported_at_source_with_suggestion() -> None:
    diags = Diagnostics()
    assert registry().resolve(Reference("lesson:qingxu-tiaoshe", Loc("a.yml", 7, 5)), diags) is None
    [d] = diags.items
    assert d.format().startswith("a.yml:7:5: 错误 ref.unknown")
    assert "lesson:qingxu-tiaoshi" in (d.hint or "")


def test_known_reference_becomes_relative_link() -> None:
    reg = registry()
    assert reg.href("lesson:qingxu-tiaoshi", "guides/shicao/fudaoshi.md") == "../../lessons/qingxu-tiaoshi.md"
    assert reg.href("guide:shicao#fudaoshi", "index.md") == "guides/shicao/fudaoshi.md"
    assert reg.href("lesson:qingxu-tiaoshi#mu-biao", "lessons/index.md") == "qingxu-tiaoshi.md#mu-biao"


def test_unknown_anchor_and_wrong_kind() -> None:
    reg, diags = registry(), Diagnostics()
    reg.resolve(Reference("lesson:qingxu-tiaoshi#mubiao", Loc("a.md", 1, 1)), diags)
    reg.resolve(Reference("guide:shicao#fudaoshi", Loc("a.yml", 2, 1)), diags, scheme="lesson")
    assert [d.code for d in diags] == ["ref.unknown-anchor", "ref.wrong-kind"]
    assert "#mu-biao" in (diags.items[0].hint or "")


def test_duplicate_target_is_an_error_at_second_definition() -> None:
    reg, diags = Registry(), Diagnostics()
    reg.add(Target("service:a", "services/a.md", "甲", loc=Loc("s.yml", 2, 9)), diags)
    reg.add(Target("service:a", "services/a.md", "乙", loc=Loc("t.yml", 5, 9)), diags)
    [d] = diags.items
    assert d.loc == Loc("t.yml", 5, 9) and "s.yml:2:9" in d.message


def test_refs_in_markdown_are_located_and_code_is_skipped() -> None:
    text = "第一行\n看 [第12问](guide:shicao#fudaoshi)。\n`[x](lesson:no)`\n```\n[y](lesson:no)\n```\n"
    refs = typed_refs(text, Loc("p.md", 10, 1))
    assert [(r.raw, r.loc.line) for r in refs] == [("guide:shicao#fudaoshi", 11)]


def test_relative_link_same_page() -> None:
    assert relative_link("a/b.md", "a/b.md", "x") == "#x"


def test_escape_and_slug() -> None:
    assert "<script>" not in esc("<script>alert(1)</script>")
    assert slugify("心理辅导室建设与管理") == "xin-li-fu-dao-shi-jian-she-yu-guan-li"
    assert slugify("C证 与 12356") == "c-zheng-yu-12356"
