"""The whole-site link check on tiny real projects: every kind of link, at its source line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from conftest import MINI_CONFIG, ROOT
from support.golden import xinyu_check
from xinyu.kinds import KINDS
from xinyu.kinds.base import Kind, Located, Ref
from xinyu.model import Entry, validate
from xinyu.pipeline import run
from xinyu.project import Page, Project, Settings
from xinyu.refs import Reference, Target
from xinyu.text.yamlio import load_yaml

PAGES = {
    "content/index.md": "# 首页\n\n见[关于本站](about.md)和[报告错误](about.md#bao-gao-cuo-wu)。\n",
    "content/about.md": (
        "# 关于\n\n## 报告错误\n\n## 常见问题\n\n## 常见问题\n\n## 联系 {#lianxi}\n\n"
        "段落[锚点]{#duan-luo}\n\n[回首页](index.md)\n"
    ),
    "content/img/logo.png": b"\x89PNG",
}


def lines(proc) -> list[str]:  # type: ignore[no-untyped-def]
    """The diagnostics `xinyu check` printed (errors and warnings; notes with -v)."""
    return [line for line in proc.stdout.splitlines() if ": " in line and line.startswith(("content/", "mkdocs", "overrides", "guides"))]  # noqa: E501


def test_demo_content_checks_clean() -> None:
    # Editors start from the demo: it must carry no broken link, orphan or one-way `related` link,
    # or their own first mistake drowns in old warnings (and a publishing build refuses warnings).
    proc = xinyu_check(ROOT, "--today", "2026-11-29")
    assert proc.returncode == 0, proc.stdout
    assert lines(proc) == []
    assert proc.stdout == ""  # 0 个错误、0 个警告 (notes are shown only with -v)


def test_javascript_and_http_links(make_project, xinyu) -> None:
    page = "# 外链\n\n[a](https://www.example.org/x) [b](http://www.example.org/y)\n\n[c](javascript:void)\n"
    root = make_project({**PAGES, "content/ext.md": page})
    proc = xinyu("check", "--external", cwd=root)
    assert proc.returncode == 1
    assert lines(proc) == [
        "content/ext.md:3:36: 警告 link.http “http://www.example.org/y”用的是不加密的 http://"
        "（这个网站支持 https，请改为 https://www.example.org/y）",
        "content/ext.md:5:5: 错误 link.javascript 不允许 javascript: 链接（“javascript:void”）（请改为普通链接或按钮说明）",  # noqa: E501
    ]
    assert "外部链接 https://www.example.org/x（1 处，首次出现于 content/ext.md:3:5）" in proc.stdout


def test_template_links_are_checked(make_project, xinyu) -> None:
    # The site's own custom_dir overrides the package theme's copyright.html: its links are checked.
    root = make_project(PAGES, config=MINI_CONFIG.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    partial = root / "overrides/partials/copyright.html"
    partial.parent.mkdir(parents=True)
    partial.write_text((ROOT / "src/xinyu/theme/partials/copyright.html").read_text("utf-8") + '\n<a href="{{ \'jiaoan/\' | url }}">教案</a>\n', "utf-8")
    proc = xinyu_check(root)
    line = partial.read_text("utf-8").count("\n")
    assert f"overrides/partials/copyright.html:{line}:10: 错误 link.template 模板中的链接“jiaoan/”指向不存在的页面" in proc.stdout  # noqa: E501


# --- a test kind: generated pages from YAML, with related links ----------------------------------


class Note(Entry):
    """A test entry whose Markdown body is copied into its page."""

    title: str
    body: str = ""
    related: list[str] = []


class NoteKind(Kind):
    """Notes in content/notes.yml, one page each, linked from an index."""

    name = "note"

    def sources(self, project: Project) -> list[Path]:
        return [project.docs_dir / "notes.yml"]

    def load(self, project, diags):  # type: ignore[no-untyped-def]
        doc = load_yaml(project.docs_dir / "notes.yml", "content/notes.yml", diags)
        assert doc is not None
        out = []
        for i, raw in enumerate(doc.data["notes"]):
            item = validate(Note, raw, doc, diags, ("notes", i))
            if item is not None:
                out.append(Located(item, doc, ("notes", i)))
        return out

    def targets(self, entries, project) -> Iterable[Target]:  # type: ignore[no-untyped-def]
        for e in entries:
            yield Target(f"lesson:{e.item.id}", f"notes/{e.item.id}.md", e.item.title, None, e.loc("id"))

    def references(self, entries) -> Iterable[Ref]:  # type: ignore[no-untyped-def]
        for e in entries:
            for i, raw in enumerate(e.item.related):
                yield Ref(Reference(raw, e.loc("related", i)), "lesson", f"lesson:{e.item.id}")

    def render(self, site) -> Iterable[Page]:  # type: ignore[no-untyped-def]
        entries = site.entries["note"]
        yield Page("notes/index.md", "# 笔记\n\n" + "".join(f"- [{e.item.title}](lesson:{e.item.id})\n" for e in entries))  # noqa: E501
        for e in entries:
            yield Page(f"notes/{e.item.id}.md", f"# {e.item.title}\n\n{e.item.body}\n", e.path, e.item.title)


NOTES = """\
notes:
  - id: a
    title: 甲
    related: [lesson:b]
    body: |
      见[关于](../about.md)，以及[不存在的页](../abuot.md)。
  - id: b
    title: 乙
    related: []
    body: "[锚点](../about.md#nope)"
"""


def _project(root: Path, **settings: object) -> Project:
    return Project(root, root / "content", Settings(**settings), preview=True)  # type: ignore[arg-type]


def test_generated_page_links_blame_the_yaml_line(make_project) -> None:
    root = make_project({**PAGES, "content/notes.yml": NOTES, "content/index.md": "# 首页\n\n[笔记](notes/index.md)\n"})
    result = run(_project(root), kinds=[*KINDS, NoteKind()])
    got = [d.format() for d in result.diagnostics.sorted() if d.code.startswith("link.") and d.level.value != "提示"]
    assert got == [
        "content/notes.yml:4:15: 警告 link.one-way-related lesson:a 关联了 lesson:b，但 lesson:b 没有关联回来"
        "（在 content/notes.yml:7:9 的 related 中加上 lesson:a）",
        "content/notes.yml:6:36: 错误 link.missing-page 链接“../abuot.md”指向不存在的页面（你是不是想链接到 ../about.md？）",  # noqa: E501
        "content/notes.yml:10:17: 错误 link.unknown-anchor 页面 about.md 上没有锚点 #nope",
    ]


def test_strict_related_makes_one_way_links_errors(make_project) -> None:
    root = make_project({**PAGES, "content/notes.yml": NOTES.replace("../abuot.md", "../about.md").replace("#nope", ""),
                         "content/index.md": "# 首页\n\n[笔记](notes/index.md)\n"})
    result = run(_project(root, strict_related=True), kinds=[*KINDS, NoteKind()])
    assert [d.level.value + " " + d.code for d in result.diagnostics.sorted()
            if d.code.startswith("link.") and d.level.value != "提示"] == [
        "错误 link.one-way-related"
    ]
    both = NOTES.replace("related: []", "related: [lesson:a]").replace("../abuot.md", "../about.md")
    (root / "content/notes.yml").write_text(both.replace("#nope", ""), "utf-8")
    result = run(_project(root, strict_related=True), kinds=[*KINDS, NoteKind()])
    assert [d for d in result.diagnostics if d.code.startswith("link.") and d.level.value != "提示"] == []


def test_orphan_generated_page_is_reported_at_its_entry(make_project) -> None:
    root = make_project({**PAGES, "content/notes.yml": NOTES.replace("../abuot.md", "../about.md").replace("#nope", "")})  # noqa: E501
    result = run(_project(root), kinds=[*KINDS, NoteKind()])
    orphans = [d.format() for d in result.diagnostics.sorted() if d.code == "link.orphan"]
    assert orphans == [
        "（生成页 notes/index.md）:1:1: 警告 link.orphan 页面 notes/index.md 没有任何页面链接到它，也不在导航中"
        "（从相关页面或目录页加一个链接，或把它加入 mkdocs.yml 的 nav）"
    ]


def test_raw_html_files_resolve_from_the_page_url(make_project, xinyu) -> None:
    root = make_project({
        **PAGES,
        # sub/index.md has the URL sub/: img/logo.png would be sub/img/logo.png in either scheme
        "content/sub/index.md": '# 子目录\n\n<img src="../img/logo.png" alt="">\n',
        # page.md has the URL page/ on the web: the same src only works offline (page.html)
        "content/page.md": '# 页\n\n<img src="img/logo.png" alt=""> <a href="about.md">关于</a>\n',
    })
    proc = xinyu_check(root)
    assert proc.returncode == 1
    assert lines(proc) == [
        "content/page.md:3:11: 错误 link.url-scheme 链接“img/logo.png”在网站版（目录网址）中会失效"
        "（HTML 中的地址不会被转换，请改用 Markdown 写法 ![](…) 或 [](…)：img/logo.png）"
    ]
    # a raw-HTML link to a .md page is pointed at the page's URL by the plugin
    assert xinyu("build", "--preview", cwd=root).returncode == 1  # the image above still fails the build
    (root / "content/page.md").write_text('# 页\n\n<a href="about.md#bao-gao-cuo-wu">关于</a>\n', "utf-8")
    proc = xinyu("build", "--preview", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert 'href="../about/#bao-gao-cuo-wu"' in (root / "site/page/index.html").read_text("utf-8")
