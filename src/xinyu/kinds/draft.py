"""Unfinished drafts: text still holding ``xinyu new``'s placeholders ``（填写：…）`` is not published.

Not a content kind of its own: it reads the content and guide files for the placeholder the
scaffold writes (`kinds.editorspec.PLACEHOLDER`) and reports one `safety.placeholder` per file,
so the publishing build refuses a draft even after its ``example: true`` was removed (a lecture
topic, a policy entry or a hand-written page has no such flag). No targets, no pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Diagnostics, Level, Loc
from ..project import Project
from ..safefs import safe_files
from .base import Kind
from .guide.kind import guide_files

MARK = "（填写："  # the start of every placeholder (`editorspec.fill`)
SUFFIXES = (".md", ".yml", ".yaml")


@dataclass(frozen=True)
class Draft:
    """A file with placeholders: where the first one is, and how many there are."""

    loc: Loc
    count: int


def files(project: Project) -> list[Path]:
    """The content files (not in hidden folders) and the guides."""
    found = [p for p in safe_files(project.docs_dir) if p.suffix in SUFFIXES  # symlinks: errors elsewhere
             and not any(part.startswith(".") for part in p.relative_to(project.docs_dir).parts)]

    return sorted(found) + guide_files(project)


def find_drafts(project: Project) -> list[Draft]:
    """Every file still holding placeholders."""
    out = []
    for path in files(project):
        try:
            raw = b"" if path.is_symlink() else path.read_bytes()
        except OSError:  # a folder named x.md, an unreadable file: reported by the loaders
            continue
        if MARK.encode("utf-8") not in raw:
            continue
        text = raw.decode("utf-8", errors="replace")
        first = text.index(MARK)
        line = text.count("\n", 0, first) + 1
        col = first - (text.rfind("\n", 0, first) + 1) + 1
        out.append(Draft(Loc(project.rel(path), line, col), text.count(MARK)))
    return out


class DraftKind(Kind[Draft]):
    """Placeholders left in drafts."""

    name = "draft"

    def load(self, project: Project, diags: Diagnostics) -> list[Draft]:
        """The files with placeholders."""
        return find_drafts(project)

    def unsafe(self, entries: list[Draft], project: Project) -> Iterable[Diagnostic]:
        """A draft must not be published until every placeholder is filled in."""
        for d in entries:
            yield Diagnostic(d.loc, Level.ERROR, "safety.placeholder",
                             f"还有 {d.count} 处“（填写：…）”没有填写（第一处在这里），草稿不得公开发布",
                             "把每个“（填写：…）”换成实际内容；不需要的可省略字段整行删除")


KIND = DraftKind()
