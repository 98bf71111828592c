"""The starter's example entries, one of each kind, from ``xinyu new``'s templates (`scaffold_text`),
and the editor support of ``xinyu schema`` (JSON Schemas, VS Code settings)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..editor import templates as text

# (kind, id, file relative to the portal): files of one entry, or of a list with its header.
ENTRIES = (
    ("guide", "shili-zhinan", "guides/shili-zhinan.md"),
    ("lesson", "shili-jiaoan", "content/lessons/shili-jiaoan.md"),
    ("story", "shili-gushi", "content/stories/shili-gushi.md"),
    ("service", "shili-fuwu", "content/services/shili-fuwu.yml"),
    ("series", "shili-xilie", "content/events/series.yml"),
    ("series", "shili-jiaoyan", "content/events/series.yml"),
    ("event", "shili-huodong", "content/events/events-shili.yml"),
    ("event", "shili-peixun", "content/events/events-shili-jiaoyan.yml"),
    ("menu", "shili-jiangti", "content/events/menu.yml"),
    ("policy", "shili-zhengce", "content/policies.yml"),
    ("resource", "shili-ziyuan", "content/library/resources.yml"),
)
_TEMPLATES = {"guide": text.guide, "lesson": text.lesson, "story": text.story, "service": text.service,
              "series": text.series, "event": text.event, "menu": text.menu_topic, "policy": text.policy,
              "resource": text.resource}
_LIST_KEY = {"series": "series", "menu": "topics", "policy": "policies", "resource": "resources"}
VENUE, SPEAKER = "shili-didian", "shili-jiangshi"  # data/starter/content/events/venues.yml, speakers.yml


def _context(kind: str, entry_id: str, today: dt.date) -> text.Context:
    c = text.Context(id=entry_id, title=None, today=today, venues=[VENUE], speakers=[SPEAKER])
    if kind == "event":
        teacher = entry_id == "shili-peixun"
        c.series, c.series_ids, c.venue, c.teacher = (
            "shili-jiaoyan" if teacher else "shili-xilie", ["shili-xilie", "shili-jiaoyan"], VENUE, teacher)
        c.start = dt.datetime.combine(today + dt.timedelta(days=28 + 7 * teacher), dt.time(19, 0))
    return c


def _body(kind: str, entry_id: str, today: dt.date) -> str:
    body = _TEMPLATES[kind](_context(kind, entry_id, today))
    if entry_id == "shili-jiaoyan":  # the second series is for teachers: listed under 教研与培训
        body = body.replace("kind: 讲座 ", "kind: 教研活动").replace("audiences: [家长]", "audiences: [教师]")
    return text.align(body)


def write_entries(root: Path, today: dt.date) -> None:
    """Write every example entry and the schemas into the new portal at `root`."""
    for kind, entry_id, rel in ENTRIES:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        body = _body(kind, entry_id, today)
        if path.exists():
            path.write_text(path.read_text("utf-8") + body, "utf-8", newline="\n")
        else:
            header = text.HEADERS[_LIST_KEY[kind]] if kind in _LIST_KEY else ""
            path.write_text(header + body, "utf-8", newline="\n")
    write_schemas(root)
    lock_events(root)


def lock_events(root: Path) -> None:
    """What ``xinyu lock`` writes: the example events registered in ``content/events/sequence.lock.yml``."""
    import argparse
    import contextlib
    import io

    from .lock import cmd_lock

    args = argparse.Namespace(config_file=str(root / "mkdocs.yml"), preview=None, today=None, verbose=False)
    with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(out):
        if cmd_lock(args) != 0:
            raise RuntimeError(out.getvalue())


def write_schemas(root: Path) -> None:
    """What ``xinyu schema`` writes: ``schemas/*.schema.json`` and the VS Code settings and extensions."""
    from ..editor.schema import OUT_DIR, SETTINGS, dumps, merge_extensions, merge_settings, render

    files, mapping = render("content", OUT_DIR)
    for name, body in files.items():
        (root / OUT_DIR / name).parent.mkdir(parents=True, exist_ok=True)
        (root / OUT_DIR / name).write_text(body, "utf-8", newline="\n")
    (root / SETTINGS).parent.mkdir(parents=True, exist_ok=True)
    (root / SETTINGS).write_text(dumps(merge_settings({}, mapping, OUT_DIR), indent=4), "utf-8", newline="\n")
    (root / ".vscode/extensions.json").write_text(dumps(merge_extensions({}), indent=4), "utf-8", newline="\n")
