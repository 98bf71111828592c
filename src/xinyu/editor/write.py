"""Writing what `xinyu new` made: the template filled from the project, the file, the check after.

Entries of single-file kinds are added to the file's list as text (`insert_item`): the file's
comments and layout stay byte-identical around the new block; the YAML is never re-dumped.

Separate from `scaffold` (the command line) so that module stays light to import.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from ..kinds.editorspec import Context, EditorSpec, Refused, align
from ..project import Project, Site

__all__ = ["Refused", "Written", "after_write", "context", "insert_item", "write"]


def context(spec: EditorSpec, args: argparse.Namespace, site: Site, today: dt.date) -> Context:
    """Everything the template of `spec` needs, from the options and the loaded project."""
    c = Context(id=args.id, title=(args.title or "").strip() or None, today=today)
    if spec.prepare is not None:
        spec.prepare(c, args, site)
    return c


@dataclasses.dataclass
class Written:
    """What was written, so it can be reported, checked and undone."""

    path: Path
    before: bytes | None  # None: the file is new
    first: int  # first line of the new entry
    last: int  # its last line
    edit: int  # where to start editing
    extra: dict[Path, bytes | None] = dataclasses.field(default_factory=dict)  # other files changed

    def undo(self) -> None:
        """Put every touched file back as it was."""
        for path, old in {self.path: self.before, **self.extra}.items():
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)


def write(spec: EditorSpec, c: Context, path: Path) -> Written:
    """Write the new entry: a new file (never replacing one), or an item appended to a list."""
    assert spec.template is not None, spec.name  # only makeable specs are found
    body = align(spec.template(c))
    if spec.list_key is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8", newline="\n") as fh:
                fh.write(body)
        except FileExistsError:
            raise Refused(f"文件 {path} 已经存在，xinyu new 不会覆盖它") from None
        return Written(path, None, 1, body.count("\n"), _edit_line(body, 1))
    before = path.read_bytes() if path.is_file() else None
    if before is None:
        header = spec.header
        new, first = header + body, header.count("\n") + 1
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        try:
            old = before.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(f"{path} 不是 UTF-8 编码，请先用 xinyu check 查看并修复") from None
        try:
            new, first = insert_item(old, spec.list_key, body)
        except InsertError as exc:
            raise Refused(f"无法在 {path} 中追加：{exc}") from None
    path.write_bytes(new.encode("utf-8"))
    last = first + body.count("\n") - 1
    return Written(path, before, first, last, _edit_line(new, first))


def _edit_line(body: str, first: int) -> int:
    """The first line from `first` on that asks to be filled in (not a file comment)."""
    lines = body.split("\n")
    for n in range(first - 1, len(lines)):
        if "填写" in lines[n] and not lines[n].lstrip().startswith("#"):
            return n + 1
    return first


def after_write(spec: EditorSpec, w: Written, ident: str, project: Project) -> None:
    """What the kind does once its entry is written (events: the calendar lock); recorded for undo."""
    if spec.after_write is not None:
        w.extra.update(spec.after_write(project, ident))


class InsertError(Exception):
    """The file's list cannot be appended to as text (a Chinese reason)."""


def insertion(text: str, key: str) -> tuple[int, bool, int]:
    """Where a new item of the top-level block list `key` goes in YAML `text`.

    Returns (offset, blank line between items, indent of the items' dash). The offset is the
    start of the line after the list's last item, so everything around it keeps its bytes.
    """
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise InsertError(f"文件有 YAML 语法错误，请先用 xinyu check 修复：{exc}") from None
    if not isinstance(root, yaml.MappingNode):
        raise InsertError(f"文件最外层不是“键: 值”形式，找不到 {key}: 列表")
    seq = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    if not isinstance(seq, yaml.SequenceNode) or not seq.value or seq.flow_style:
        raise InsertError(f"文件中的 {key}: 不是逐行书写（每项以“- ”开头）的非空列表")
    lines = text.split("\n")
    last = seq.value[-1]
    end = _last_end(last)
    line = end.line if end.column == 0 else end.line + 1
    offset = sum(len(x) + 1 for x in lines[:line])
    dash = lines[last.start_mark.line].rfind("-", 0, last.start_mark.column)
    blank = len(seq.value) > 1 and not lines[last.start_mark.line - 1].strip()
    return min(offset, len(text)), blank, max(dash, 0)


def _last_end(node: Any) -> Any:
    """The end mark of the last thing written inside `node` (nested block collections descended)."""
    while isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node.end_mark


def insert_item(text: str, key: str, item: str) -> tuple[str, int]:
    """`text` with `item` (written at dash column 2) added to list `key`; also the item's first line."""
    offset, blank, dash = insertion(text, key)
    if dash != 2:
        item = "\n".join((" " * (dash - 2) + x if dash > 2 else x[2 - dash:]) if x else x for x in item.split("\n"))
    head = text[:offset]
    if head and not head.endswith("\n"):
        head += "\n"
    block = ("\n" if blank else "") + item
    first = head.count("\n") + (2 if blank else 1)
    return head + block + text[offset:], first


