"""``xinyu new <类型> <编号>``: write a commented starting file (or list entry) for one content entry.

It never overwrites: an existing file or an id any entry of the kind already uses is refused
(exit 2, nothing written). Markdown kinds and services get a new file; series, lecture-menu
topics and policies are appended as text to the list of their single YAML file, so every byte
of the file around the new block stays as it was. After writing, the project is checked; if
the new text itself has an error, the write is undone. What a kind's entry looks like and where it
goes is the kind's own `EditorSpec` (``Kind.editors``); nothing here names a kind.

The command itself is `xinyu.cli.new`. Imported by the CLI on every command: nothing heavy at the top.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..project import Project, Site

if TYPE_CHECKING:  # the kinds are imported when a command runs (`xinyu --help` stays fast)
    from ..kinds.base import Kind
    from ..kinds.editorspec import EditorSpec

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def makeable(kinds: Iterable[Kind]) -> list[EditorSpec]:
    """The specs of `kinds` that `xinyu new` can write, in the order of ``xinyu new --list``."""
    return sorted((s for k in kinds for s in k.editors if s.makeable), key=lambda s: s.list_rank)


def find_spec(name: str, kinds: Iterable[Kind]) -> EditorSpec | None:
    """The kind named `name` in English or Chinese."""
    wanted = name.strip().lower()
    return next((s for s in makeable(kinds) if wanted == s.name or wanted in s.aliases), None)


def list_kinds(kinds: Iterable[Kind]) -> str:
    """The kinds with one line each, for ``xinyu new --list``."""
    rows = ["可以新建的内容类型（xinyu new <类型> <编号> [--title 标题]）："]
    for s in makeable(kinds):
        names = "/".join((*s.aliases, s.name))
        rows.append(f"  {names:<22} {s.about}")
    rows.append("例如：xinyu new 教案 qingxu-tiaoshi --title 情绪调适小妙招 --xueduan 初中")
    return "\n".join(rows)


def suggest_id(raw: str, title: str | None) -> str:
    """A valid slug close to what the editor meant (pinyin of the title or of the id)."""
    from ..mdtext import slugify  # lazy: startup, mdtext loads pypinyin (~0.13 s); `xinyu --help` must not

    slug = slugify(title or raw)[:60].strip("-")
    return slug if SLUG.match(slug) else "xin-tiao-mu"


def target_path(spec: EditorSpec, ident: str, project: Project) -> Path:
    """The file the new entry is written to (a new file, or the YAML file it is appended to)."""
    assert spec.path is not None, spec.name  # only makeable specs are found
    return spec.path(project, ident)


def existing(spec: EditorSpec, ident: str, site: Site, path: Path) -> str | None:
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
    others = spec.same_kind_files(project) if spec.same_kind_files else []
    candidates = [path] if spec.list_key else others
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
