"""``xinyu lock``: update the calendar sequence lock after editing events."""

from __future__ import annotations

import argparse
import sys

from .common import EXIT_CONTENT, EXIT_OK, load_project, usage


def cmd_lock(args: argparse.Namespace) -> int:
    """Update the events' sequence lock after editing events (SEQUENCE +1 for each changed event)."""
    from ..kinds.event.ics import write_lock  # lazy: startup, `xinyu --help` does not load MkDocs or the kinds
    from ..kinds.event.kind import data_of  # lazy: startup, `xinyu --help` does not load MkDocs or the kinds
    from ..pipeline import run  # lazy: startup, `xinyu --help` does not load MkDocs or the kinds

    loaded = load_project(args)
    if isinstance(loaded, int):
        return loaded
    cfg, project = loaded
    project.preview = True
    result = run(project, render=False)
    data = data_of(result.site)
    if data.lock_path is None:
        return usage("没有 content/events/ 目录，无需更新活动修订号")
    where = project.rel(data.lock_path)
    broken = [d for d in result.diagnostics.errors if d.loc.path == where]
    if broken:  # never rewrite an unreadable lock: its sequences would start again from 0
        for d in broken:
            print(d.format())
        print(f"xinyu lock：{where} 无法读取，请先修复（或从版本库恢复）", file=sys.stderr)
        return EXIT_CONTENT
    changed = write_lock(data)
    for event_id in changed:
        print(f"已更新：{event_id}")
    print(f"xinyu lock：{len(changed)} 个活动的修订号已更新（{where}），请一并提交", file=sys.stderr)
    return EXIT_OK
