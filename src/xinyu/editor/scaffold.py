"""``xinyu new <类型> <编号>``: write a commented starting file (or list entry) for one content entry.

It never overwrites: an existing file or an id any entry of the kind already uses is refused
(exit 2, nothing written). Markdown kinds and services get a new file; series, lecture-menu
topics and policies are appended as text to the list of their single YAML file, so every byte
of the file around the new block stays as it was. After writing, the project is checked; if
the new text itself has an error, the write is undone. The templates are in `scaffold_text`.

The command itself is `xinyu.cli.new`. Imported by the CLI on every command: nothing heavy at the top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..project import Project, Site

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Spec:
    """A kind the scaffold knows: names, where its entry goes, what references it."""

    name: str
    label: str
    aliases: tuple[str, ...]
    scheme: str
    about: str
    list_key: str | None = None  # set for kinds appended to a list in one YAML file
    reserved: frozenset[str] = frozenset()


SPECS: tuple[Spec, ...] = (
    Spec("lesson", "教案", ("教案", "活动课"), "lesson", "心理辅导活动课教案 → content/lessons/<编号>.md",
         reserved=frozenset({"index"})),
    Spec("story", "故事", ("故事", "家长故事"), "story", "溪上家长说 家长故事 → content/stories/<编号>.md",
         reserved=frozenset({"index"})),
    Spec("guide", "实操指南", ("指南", "实操指南"), "guide", "实操指南（问答手册，含两道示例问题）→ guides/<编号>.md",
         reserved=frozenset({"readme", "index", "policies"})),
    Spec("service", "热线与服务", ("热线", "服务"), "service",
         "热线与服务（示例号码，待核实）→ content/services/<编号>.yml", reserved=frozenset({"index", "network"})),
    Spec("event", "活动", ("活动", "教研", "培训"), "event",
         "一场活动（家长沙龙、讲座；教研、督导、培训用 --series 选教师系列）→ content/events/events-<编号>.yml",
         reserved=frozenset({"index", "calendar", "menu", "weike", "series", "stories"})),
    Spec("series", "活动系列", ("系列", "活动系列"), "series", "活动系列 → 追加到 content/events/series.yml",
         list_key="series"),
    Spec("menu", "讲座菜单讲题", ("讲座", "讲座菜单", "讲题"), "menu",
         "点单式讲座菜单的一个讲题 → 追加到 content/events/menu.yml", list_key="topics",
         reserved=frozenset({"how-to-order", "topics", "youeryuan", "xiaoxue", "chuzhong", "gaozhong"})),
    Spec("policy", "政策文件", ("政策", "政策文件"), "policy", "政策文件（待填来源）→ 追加到 content/policies.yml",
         list_key="policies", reserved=frozenset({"policies"})),
    Spec("resource", "资源", ("资源", "课件", "学习单"), "resource",
         "资源库的一个文件（课件、学习单、微课视频……）→ 追加到 content/library/resources.yml", list_key="resources"),
)


def find_spec(name: str) -> Spec | None:
    """The kind named `name` in English or Chinese."""
    wanted = name.strip().lower()
    return next((s for s in SPECS if wanted == s.name or wanted in s.aliases), None)


def list_kinds() -> str:
    """The kinds with one line each, for ``xinyu new --list``."""
    rows = ["可以新建的内容类型（xinyu new <类型> <编号> [--title 标题]）："]
    for s in SPECS:
        names = "/".join((*s.aliases, s.name))
        rows.append(f"  {names:<22} {s.about}")
    rows.append("例如：xinyu new 教案 qingxu-tiaoshi --title 情绪调适小妙招 --xueduan 初中")
    return "\n".join(rows)


def suggest_id(raw: str, title: str | None) -> str:
    """A valid slug close to what the editor meant (pinyin of the title or of the id)."""
    from ..mdtext import slugify

    slug = slugify(title or raw)[:60].strip("-")
    return slug if SLUG.match(slug) else "xin-tiao-mu"


def target_path(spec: Spec, ident: str, project: Project) -> Path:
    """The file the new entry is written to (a new file, or the YAML file it is appended to)."""
    docs = project.docs_dir
    return {
        "lesson": docs / "lessons" / f"{ident}.md",
        "story": docs / "stories" / f"{ident}.md",
        "guide": project.guides_dir / f"{ident}.md",
        "service": docs / "services" / f"{ident}.yml",
        "event": docs / "events" / f"events-{ident}.yml",
        "series": docs / "events" / "series.yml",
        "menu": docs / "events" / "menu.yml",
        "policy": docs / "policies.yml",
        "resource": docs / "library" / "resources.yml",
    }[spec.name]


def existing(spec: Spec, ident: str, site: Site, path: Path) -> str | None:
    """Why `ident` cannot be used for a new entry of `spec` (Chinese, names file and line), or None."""
    project = site.project
    key = f"{spec.scheme}:{ident}"
    target = site.registry.targets.get(key)
    if target is not None:
        where = f"{target.loc.path}:{target.loc.line}" if target.loc else target.src_uri
        return (f"编号“{ident}”已被{spec.label}“{target.title}”使用（{where}）。"
                f"要修改它请直接编辑 {where.split(':')[0]}；要新建请换一个编号，例如 {ident}-2")
    if spec.list_key is None and path.exists():
        return (f"文件 {project.rel(path)} 已经存在，xinyu new 不会覆盖它。"
                f"要修改请直接编辑这个文件；要新建请换一个编号，例如 {ident}-2")
    candidates = [path] if spec.list_key else _same_kind_files(spec, project)
    pattern = re.compile(rf"^\s*(?:-\s+)?id:\s*[\"']?{re.escape(ident)}[\"']?\s*(?:#.*)?$", re.M)
    for file in candidates:
        if not file.is_file():
            continue
        text = file.read_text("utf-8", errors="replace")
        m = pattern.search(text)
        if m:
            line = text.count("\n", 0, m.start()) + 1
            return (f"编号“{ident}”已写在 {project.rel(file)}:{line}（这一条目前有错误，xinyu check 会指出）。"
                    "请先修复或删除那一条，或换一个编号")
    return None


def _same_kind_files(spec: Spec, project: Project) -> list[Path]:
    """YAML files holding other entries of a file-per-entry kind (services, events)."""
    docs = project.docs_dir
    if spec.name == "service":
        return sorted((docs / "services").glob("*.y*ml"))
    if spec.name == "event":
        return sorted((docs / "events").glob("events*.y*ml"))
    return []

