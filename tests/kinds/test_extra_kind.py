"""A kind is one place: a small kind defined in this file alone gets its pages, typed references,
`xinyu new` scaffold and `xinyu schema` shape, with no other module edited and nothing left behind."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
from pydantic import Field

from xinyu.cli.main import parser
from xinyu.cli.new import cmd_new
from xinyu.cli.schema import cmd_schema
from xinyu.diagnostics import Diagnostics
from xinyu.kinds import KINDS
from xinyu.kinds.base import Kind, Located, Ref
from xinyu.kinds.editorspec import Context, EditorSpec, RefCheck, Shape, fill
from xinyu.mdtext import esc
from xinyu.model import Strict, Text, validate
from xinyu.pipeline import run
from xinyu.project import Page, Project, Site, build_date
from xinyu.refs import Reference, Target, parse_ref
from xinyu.text.yamlio import load_yaml


class Tip(Strict):
    """One 小贴士 file: ``content/tips/<编号>.yml``."""

    title: Text
    text: Text
    see_also: list[str] = Field(default_factory=list)  # typed references


def tip_template(c: Context) -> str:
    return f"title: {c.title_or('贴士标题')}  # 填写：标题\ntext: {fill('一两句话')}\nsee_also: []\n"


TIP_SPEC = EditorSpec(
    "tip", "小贴士", ("贴士", "小贴士"), "一条小贴士 → content/tips/<编号>.yml",
    reserved=frozenset({"index"}), path=lambda project, ident: project.docs_dir / "tips" / f"{ident}.yml",
    same_kind_files=lambda project: sorted((project.docs_dir / "tips").glob("*.yml")), template=tip_template,
    shapes=(Shape("tip-file", "小贴士", "content/tips/*.yml：一条小贴士", ("tips/*.yml",), model=Tip),),
    checks={"Tip.see_also[]": RefCheck(None)}, search_label="贴士", related_title="相关贴士",
)


class TipKind(Kind):
    name = "tip"
    editors = (TIP_SPEC,)

    def sources(self, project: Project) -> list[Path]:
        return sorted((project.docs_dir / "tips").glob("*.yml"))

    def load(self, project: Project, diags: Diagnostics) -> list[tuple[str, Located[Tip]]]:
        out = []
        for path in self.sources(project):
            doc = load_yaml(path, project.rel(path), diags)
            tip = validate(Tip, doc.data, doc, diags) if doc else None
            if doc and tip:
                out.append((path.stem, Located(tip, doc)))
        return out

    def targets(self, entries: list[tuple[str, Located[Tip]]], project: Project) -> Iterable[Target]:
        for ident, tip in entries:
            yield Target(f"tip:{ident}", f"tips/{ident}.md", tip.item.title, loc=tip.loc("title"))

    def references(self, entries: list[tuple[str, Located[Tip]]]) -> Iterable[Ref]:
        for _, tip in entries:
            for i, raw in enumerate(tip.item.see_also):
                yield Ref(Reference(raw, tip.loc("see_also", i)))

    def render(self, site: Site) -> Iterable[Page]:
        entries = site.entries[self.name]
        for ident, tip in entries:
            see = [f"- [{raw}]({raw})" for raw in tip.item.see_also]
            yield Page(f"tips/{ident}.md", "\n".join([f"# {esc(tip.item.title)}", "", esc(tip.item.text), "", *see]))
        yield Page("tips/index.md", "# 小贴士\n\n" + "".join(f"- [{esc(t.item.title)}](tip:{i})\n" for i, t in entries))


EXTRA = TipKind()
ALL = (*KINDS, EXTRA)
STORY = "---\ntitle: 早睡以后\nplace: 周巷镇\ndate: 2026-10-08\nrelated: [\"tip:zao-shui\"]\n---\n\n正文。\n"
ABOUT = "# 关于\n\n睡前看看[这条贴士](tip:zao-shui)。\n\n还有[一条不存在的](tip:mei-you)。\n"


@pytest.fixture
def tips(make_project) -> Path:
    return make_project({
        "content/tips/zao-shui.yml": "title: 早点睡\ntext: 睡前一小时放下手机。\nsee_also: [\"story:zao\"]\n",
        "content/stories/zao.md": STORY,
        "content/about.md": ABOUT,
    })


def test_an_extra_kind_gets_pages_and_typed_references(tips: Path) -> None:
    project = Project(tips, tips / "content", preview=True, today=build_date("2026-11-29"))
    result = run(project, kinds=ALL)
    pages = {p.src_uri: p.content for p in result.pages}
    assert "# 早点睡" in str(pages["tips/zao-shui.md"])
    assert "[早点睡](zao-shui.md)" in str(pages["tips/index.md"])  # its own typed link, rewritten
    assert "[早点睡](../tips/zao-shui.md)" in str(pages["stories/zao.md"])  # another kind's page links to it
    assert "[story:zao](../stories/zao.md)" in str(pages["tips/zao-shui.md"])  # and it links to other kinds
    errors = [d.format() for d in result.site.diags.errors]
    assert errors == ["content/about.md:5:12: 错误 ref.unknown 引用“tip:mei-you”指向不存在的条目（你是不是想引用 tip:zao-shui？）"]
    assert parse_ref("tip:zao-shui") is None  # the scheme was known for that run only


def test_xinyu_new_writes_the_extra_kinds_template_at_its_path(tips: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = parser().parse_args(["-f", str(tips / "mkdocs.yml"), "new", "贴士", "he-shui", "--title", "多喝水"])
    assert args.func(args, kinds=ALL) == 0
    written = (tips / "content/tips/he-shui.yml").read_text("utf-8")
    assert written.startswith("title: 多喝水") and "（填写：一两句话）" in written
    err = capsys.readouterr().err
    assert "已新建 content/tips/he-shui.yml：小贴士 he-shui" in err and "[多喝水](tip:he-shui)" in err
    again = parser().parse_args(["-f", str(tips / "mkdocs.yml"), "new", "tip", "zao-shui"])
    assert cmd_new(again, kinds=ALL) == 2  # an id the kind already uses is refused
    assert "编号“zao-shui”已被小贴士“早点睡”使用（content/tips/zao-shui.yml:1）" in capsys.readouterr().err
    listing = parser().parse_args(["-f", str(tips / "mkdocs.yml"), "new", "--list"])
    assert cmd_new(listing, kinds=ALL) == 0
    assert "贴士/小贴士/tip" in capsys.readouterr().out
    assert cmd_new(listing) == 0 and "tip" not in capsys.readouterr().out  # only the kinds passed


def test_xinyu_schema_writes_the_extra_kinds_shape(tips: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = parser().parse_args(["-f", str(tips / "mkdocs.yml"), "schema"])
    assert cmd_schema(args, kinds=ALL) == 0
    assert "已写入：schemas/tip-file.schema.json" in capsys.readouterr().out
    schema = json.loads((tips / "schemas/tip-file.schema.json").read_text("utf-8"))
    assert schema["title"] == "小贴士" and set(schema["required"]) == {"title", "text"}
    pattern = schema["properties"]["see_also"]["items"]["pattern"]
    assert pattern.startswith("^(guide|lesson|") and "|tip)" in pattern  # any scheme, its own included
    settings = json.loads((tips / ".vscode/settings.json").read_text("utf-8"))
    assert settings["yaml.schemas"]["./schemas/tip-file.schema.json"] == ["content/tips/*.yml"]
