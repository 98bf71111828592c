"""The starter's example entries, one of each kind, from the kinds' ``xinyu new`` templates
(``Kind.editors``), and the editor support of ``xinyu schema`` (JSON Schemas, VS Code settings)."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
from pathlib import Path

from ..editor.schema import OUT_DIR, SETTINGS, dumps, merge_extensions, merge_settings, render
from ..kinds import KINDS
from ..kinds.editorspec import Context, EditorSpec, align, specs_of
from .lock import cmd_lock

# (scheme, id, file relative to the portal, for teachers): files of one entry, or of a list with its header.
ENTRIES = (
    ("guide", "shili-zhinan", "guides/shili-zhinan.md", False),
    ("lesson", "shili-jiaoan", "content/lessons/shili-jiaoan.md", False),
    ("story", "shili-gushi", "content/stories/shili-gushi.md", False),
    ("service", "shili-fuwu", "content/services/shili-fuwu.yml", False),
    ("series", "shili-xilie", "content/events/series.yml", False),
    ("series", "shili-jiaoyan", "content/events/series.yml", True),
    ("event", "shili-huodong", "content/events/events-shili.yml", False),
    ("event", "shili-peixun", "content/events/events-shili-jiaoyan.yml", True),
    ("menu", "shili-jiangti", "content/events/menu.yml", False),
    ("policy", "shili-zhengce", "content/policies.yml", False),
    ("resource", "shili-ziyuan", "content/library/resources.yml", False),
)
VENUE, SPEAKER = "shili-didian", "shili-jiangshi"  # data/starter/content/events/venues.yml, speakers.yml
SERIES = ("shili-xilie", "shili-jiaoyan")  # the two example series: for parents, for teachers (教研与培训)


def _context(entry_id: str, teacher: bool, today: dt.date) -> Context:
    """What the starter project has: one venue, one speaker, the two series; a teachers' entry is for the second."""
    return Context(id=entry_id, title=None, today=today, venues=[VENUE], speakers=[SPEAKER],
                   series=SERIES[teacher], series_ids=list(SERIES), venue=VENUE, teacher=teacher,
                   start=dt.datetime.combine(today + dt.timedelta(days=28 + 7 * teacher), dt.time(19, 0)))


def _body(spec: EditorSpec, entry_id: str, teacher: bool, today: dt.date) -> str:
    assert spec.template is not None, spec.name
    body = spec.template(_context(entry_id, teacher, today))
    if teacher:  # a series for teachers: listed under 教研与培训
        body = body.replace("kind: 讲座 ", "kind: 教研活动").replace("audiences: [家长]", "audiences: [教师]")
    return align(body)


def write_entries(root: Path, today: dt.date) -> None:
    """Write every example entry and the schemas into the new portal at `root`."""
    specs = {s.scheme: s for s in specs_of(KINDS)}
    for scheme, entry_id, rel, teacher in ENTRIES:
        spec = specs[scheme]
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        body = _body(spec, entry_id, teacher, today)
        if path.exists():
            path.write_text(path.read_text("utf-8") + body, "utf-8", newline="\n")
        else:
            header = spec.header if spec.list_key else ""
            path.write_text(header + body, "utf-8", newline="\n")
    write_schemas(root)
    lock_events(root)


def lock_events(root: Path) -> None:
    """What ``xinyu lock`` writes: the example events registered in ``content/events/sequence.lock.yml``."""
    args = argparse.Namespace(config_file=str(root / "mkdocs.yml"), preview=None, today=None, verbose=False)
    with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(out):
        if cmd_lock(args) != 0:
            raise RuntimeError(out.getvalue())


def write_schemas(root: Path) -> None:
    """What ``xinyu schema`` writes: ``schemas/*.schema.json`` and the VS Code settings and extensions."""
    files, mapping = render("content", OUT_DIR)
    for name, body in files.items():
        (root / OUT_DIR / name).parent.mkdir(parents=True, exist_ok=True)
        (root / OUT_DIR / name).write_text(body, "utf-8", newline="\n")
    (root / SETTINGS).parent.mkdir(parents=True, exist_ok=True)
    (root / SETTINGS).write_text(dumps(merge_settings({}, mapping, OUT_DIR), indent=4), "utf-8", newline="\n")
    (root / ".vscode/extensions.json").write_text(dumps(merge_extensions({}), indent=4), "utf-8", newline="\n")
