"""Policy documents (政策文件) that guide answers cite: ``content/policies.yml``.

Each entry carries the document's real title, 文号 (only when known for certain), issuer,
year and a source. ``policy:<id>`` references point at the entry's anchor on the generated
policies page; an entry without a source blocks the publishing build.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import Field

from ..diagnostics import Diagnostic, Diagnostics, Level
from ..mdtext import attr, esc
from ..model import Entry, Strict, Text, validate
from ..project import EntryView, Page, Project, Site
from ..refs import Target
from ..text.yamlio import load_yaml
from .base import Kind, Located
from .editorspec import Context, EditorSpec, Shape, fill

PAGE = "guides/policies.md"


class Policy(Entry):
    """A policy document or law."""

    title: Text  # without 《》
    number: str | None = None  # 文号, e.g. 教基一〔2012〕15号; omitted when not known for certain
    issuer: Text
    year: int | None = Field(default=None, ge=1949, le=2100)
    note: str | None = None  # e.g. 2020年修订
    source: str | None = None  # where the text can be read; required for publishing
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")


class File(Strict):
    """The policies file."""

    policies: list[dict[str, Any]] = Field(min_length=1)


def cite(p: Policy) -> str:
    """The citation as shown on pages: 《标题》（文号）, escaped."""
    text = f"《{esc(p.title)}》"
    return text + (f"（{esc(p.number)}）" if p.number else "")


def policy(c: Context) -> str:
    """One entry for the ``policies:`` list of ``content/policies.yml`` (no source yet: not publishable)."""
    return f"""  - id: {c.id}
    title: {c.title_or("文件全称，不带书名号")}  # 填写：文件全称（xinyu new 生成的草稿）
    # number: 文号，只写核实过的；拿不准就不写
    issuer: {fill("发布机关")}
    # year: 发布年份
    # source: 来源（如 教育部网站）。没有来源的条目发布版会拒绝：核实原文后填写
"""


EDITOR = EditorSpec(
    "policy", "政策文件", ("政策", "政策文件"), "政策文件（待填来源）→ 追加到 content/policies.yml",
    reserved=frozenset({"policies"}), path=lambda project, ident: project.docs_dir / "policies.yml",
    list_key="policies", template=policy,
    header="# 政策文件（由 xinyu new 创建）：只收录确实存在的文件，每条必须有 source。\npolicies:\n",
    shapes=(Shape("policies-file", "政策文件", "content/policies.yml：policies 列表，每项一份法律法规或政策文件",
                  ("policies.yml",), model=File, entries={"policies": Policy}, file_name="PolicyFile"),),
    scheme_rank=7, list_rank=8,
)


class PolicyKind(Kind[Located[Policy]]):
    """Policy documents."""

    name = "policy"
    editors = (EDITOR,)

    def sources(self, project: Project) -> list[Path]:
        """``content/policies.yml``."""
        path = project.docs_dir / "policies.yml"
        return [path] if path.is_file() else []

    def load(self, project: Project, diags: Diagnostics) -> list[Located[Policy]]:
        """Read the policies file; each entry is validated on its own."""
        out: list[Located[Policy]] = []
        for path in self.sources(project):
            doc = load_yaml(path, project.rel(path), diags)
            if doc is None or validate(File, doc.data, doc, diags) is None:
                continue
            for i, raw in enumerate(doc.data["policies"]):
                policy = validate(Policy, raw, doc, diags, ("policies", i))
                if policy is not None:
                    out.append(Located(policy, doc, ("policies", i)))
        return out

    def views(self, entries: list[Located[Policy]]) -> Iterable[EntryView]:
        """Each policy with its review state."""
        return (e.view("policy") for e in entries)

    def targets(self, entries: list[Located[Policy]], project: Project) -> Iterable[Target]:
        """``policy:<id>`` → its entry on the policies page."""
        for e in entries:
            yield Target(f"policy:{e.item.id}", PAGE, f"《{e.item.title}》", e.item.id, e.loc("id"))

    def unsafe(self, entries: list[Located[Policy]], project: Project) -> Iterable[Diagnostic]:
        """An entry without a source must not be cited in public."""
        for e in entries:
            if not (e.item.source or "").strip():
                yield Diagnostic(
                    e.loc("id"), Level.ERROR, "safety.policy-source",
                    f"政策文件《{e.item.title}》没有注明来源（source），不得公开引用",
                    "写明可以查到原文的来源，例如 source: 教育部网站；不能确定的文号宁可不写",
                )

    def render(self, site: Site) -> Iterable[Page]:
        """The policies page, one anchored section per document."""
        entries = self.of(site)
        if not entries:
            return
        out = [
            "# 政策文件 {#policies}", "",
            "实操指南的解答所依据的法律法规和政策文件。引用时以原文为准；文号不确定的不写。", "",
        ]
        for e in entries:
            p = e.item
            out += [f"## {cite(p)} {{#{p.id}}}", ""]
            rows = [("发布机关", esc(p.issuer))]
            if p.number:
                rows.append(("文号", esc(p.number)))
            if p.year:
                rows.append(("年份", str(p.year) + (f"（{esc(p.note)}）" if p.note else "")))
            elif p.note:
                rows.append(("说明", esc(p.note)))
            if p.source:
                src = esc(p.source)
                if p.url:
                    src = f'<a href="{attr(p.url)}">{src}</a>'
                rows.append(("来源", src))
            else:
                rows.append(("来源", "**待补充**（发布前必须写明来源）"))
            out += [f"- {k}：{v}" for k, v in rows]
            out.append("")
        locs = {e.item.url: e.loc("url") for e in reversed(entries) if e.item.url}  # first one wins
        yield Page(PAGE, "\n".join(out), entries[0].path, "政策文件", locs)


KIND = PolicyKind()
