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

from ..kinds.event.kind import data_of
from ..project import TZ, Project, Site
from . import templates as text
from .scaffold import Spec


class Refused(Exception):
    """The entry cannot be made in this project (a Chinese reason; exit 2, nothing written)."""


def _event_data(site: Site) -> Any:
    return data_of(site)


def context(spec: Spec, args: argparse.Namespace, site: Site, today: dt.date) -> text.Context:
    """Everything the template of `spec` needs, from the options and the loaded project."""
    c = text.Context(id=args.id, title=(args.title or "").strip() or None, today=today)
    if spec.name == "lesson":
        c.stage = args.xueduan or c.stage
        c.area = args.lingyu or c.area
        if c.stage not in text.STAGES:
            raise Refused(f"学段“{c.stage}”不对，可写：{'、'.join(text.STAGES)}")
        if c.area not in text.AREAS:
            raise Refused(f"领域“{c.area}”不对，可写：{'、'.join(text.AREAS)}")
    data = _event_data(site)
    if spec.name in ("event", "menu", "series"):
        c.speakers = list(data.speakers) if data else []
        c.venues = list(data.venues) if data else []
    if spec.name == "menu" and not c.speakers:
        raise Refused("还没有主讲人：请先在 content/events/speakers.yml 中登记讲师，再新建讲题")
    if spec.name == "event":
        _event_context(c, args, data)
    if spec.name == "service":
        used = {"".join(ch for ch in chan.number if ch.isdigit())
                for e in site.entries.get("service") or [] for chan in e.item.channels}
        free = (f"0574-6300 0{n}" for n in range(900, 1000) if f"057463000{n}" not in used)
        c.number = next(free, c.number)
    return c


def _event_context(c: text.Context, args: argparse.Namespace, data: Any) -> None:
    if data is None or not data.series:
        raise Refused("还没有活动系列：请先运行 xinyu new 系列 <编号> 新建一个系列，再新建活动")
    c.series_ids = list(data.series)
    if args.series:
        if args.series not in data.series:
            raise Refused(f"系列“{args.series}”不存在，可写：{'、'.join(c.series_ids)}")
        chosen = data.series[args.series].item
    else:
        chosen = next((s.item for s in data.series.values() if s.item.recurrence is None),
                      next(iter(data.series.values())).item)
    c.series = chosen.id
    c.teacher = "教师" in chosen.audiences  # a 教研与培训 series: the template adds its fields
    venue = chosen.venue
    if not venue and not chosen.online:
        if not c.venues:
            raise Refused("这个系列没有默认地点，也还没有登记任何地点：请先在 content/events/venues.yml 中登记")
        venue = c.venue = c.venues[0]
    busy = [(o.start, o.end) for o in data.occurrences
            if venue and o.venue == venue and o.status not in ("cancelled", "postponed")]

    start = dt.datetime.combine(c.today + dt.timedelta(days=28), dt.time(19, 0), TZ)
    while any(a < start + dt.timedelta(minutes=90) and start < b for a, b in busy):
        start += dt.timedelta(days=1)
    c.start = start.replace(tzinfo=None)


TEMPLATES = {
    "lesson": text.lesson, "story": text.story, "guide": text.guide, "service": text.service,
    "event": text.event, "series": text.series, "menu": text.menu_topic, "policy": text.policy,
    "resource": text.resource,
}


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


def write(spec: Spec, c: text.Context, path: Path) -> Written:
    """Write the new entry: a new file (never replacing one), or an item appended to a list."""
    body = text.align(TEMPLATES[spec.name](c))
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
        header = text.HEADERS[spec.list_key]
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


def lock_new_event(w: Written, event_id: str, project: Project) -> None:
    """Register the new event in the calendar sequence lock (only it; other entries untouched)."""
    from ..diagnostics import Diagnostics
    from ..kinds.event.ics import lock_entries, updated_lock
    from ..kinds.event.kind import bundle

    # only the events' own data is loaded: the lock depends on nothing else (no whole-project run)
    data = bundle(project, Diagnostics())
    occ = next((o for o in data.occurrences if o.id == event_id), None) if data else None
    if data is None or occ is None or data.lock_path is None:
        return
    content, changed = updated_lock(dataclasses.replace(data, occurrences=[occ]), lock_entries(data.lock))
    if changed:
        w.extra[data.lock_path] = data.lock_path.read_bytes() if data.lock_path.is_file() else None
        data.lock_path.write_text(content, "utf-8")


class InsertError(Exception):
    """The file's list cannot be appended to as text (a Chinese reason)."""


def insertion(text: str, key: str) -> tuple[int, bool, int]:
    """Where a new item of the top-level block list `key` goes in YAML `text`.

    Returns (offset, blank line between items, indent of the items' dash). The offset is the
    start of the line after the list's last item, so everything around it keeps its bytes.
    """
    import yaml

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
    import yaml

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


