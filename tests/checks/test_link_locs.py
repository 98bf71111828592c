"""A broken link that data wrote into a generated page is reported where that data is (`Page.link_locs`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from xinyu.kinds import KINDS
from xinyu.kinds.base import Kind, Located
from xinyu.mdtext import link_locs
from xinyu.model import Entry, validate
from xinyu.pipeline import run
from xinyu.project import Page, Project, Settings
from xinyu.text.yamlio import load_yaml


class Card(Entry):
    """A test entry whose Markdown `body` (a YAML field) is copied into its page."""

    title: str
    body: str = ""


class CardKind(Kind):
    """Cards in content/cards.yml, one page each; `located` says whether pages carry link_locs."""

    name = "card"

    def __init__(self, located: bool) -> None:
        self.located = located

    def sources(self, project: Project) -> list[Path]:
        return [project.docs_dir / "cards.yml"]

    def load(self, project, diags):  # type: ignore[no-untyped-def]
        doc = load_yaml(project.docs_dir / "cards.yml", "content/cards.yml", diags)
        assert doc is not None
        items = (validate(Card, raw, doc, diags, ("cards", i)) for i, raw in enumerate(doc.data["cards"]))
        return [Located(item, doc, ("cards", i)) for i, item in enumerate(items) if item is not None]

    def render(self, site) -> Iterable[Page]:  # type: ignore[no-untyped-def]
        entries = site.entries["card"]
        yield Page("cards/index.md", "# 卡片\n\n" + "".join(f"- [{e.item.title}]({e.item.id}.md)\n" for e in entries))
        for e in entries:
            locs = link_locs(e.item.body, e.loc("body")) if self.located else {}
            yield Page(f"cards/{e.item.id}.md", f"# {e.item.title}\n\n{e.item.body}\n", e.path, e.item.title, locs)


# The comment names the broken target before the field that writes it: a text search blames the
# comment; the field's Loc blames line 9, where the link is.
CARDS = """\
# 以前的 ../abuot.md 已删除
cards:
  - id: a
    title: 甲
    body: 见[关于](../about.md)。
  - id: b
    title: 乙
    body: |
      先读[旧页](../abuot.md)，再读[关于](../about.md)。
"""
FILES = {"content/cards.yml": CARDS, "content/about.md": "# 关于\n",
         "content/index.md": "# 首页\n\n[卡片](cards/index.md) [关于](about.md)\n"}


def _missing(root: Path, located: bool) -> list[str]:
    project = Project(root, root / "content", Settings(), preview=True)
    result = run(project, kinds=[*KINDS, CardKind(located)])
    return [d.format() for d in result.diagnostics.sorted() if d.code == "link.missing-page"]


def test_a_broken_link_in_a_yaml_field_is_reported_at_that_field(make_project) -> None:
    root = make_project(FILES)
    assert _missing(root, located=True) == [
        "content/cards.yml:9:14: 错误 link.missing-page 链接“../abuot.md”指向不存在的页面（你是不是想链接到 ../about.md？）",
    ]
    # a page that does not say where its links come from falls back to searching the file's text
    assert [m.split(": ")[0] for m in _missing(root, located=False)] == ["content/cards.yml:1:7"]
