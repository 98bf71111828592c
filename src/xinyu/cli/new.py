"""``xinyu new <类型> <编号>``: write a commented starting entry (templates and writing in `xinyu.editor`)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diagnostics import Level, summary
from ..editor.scaffold import SLUG, existing, find_spec, list_kinds, suggest_id, target_path
from ..project import Project, Site, build_date
from .common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, load_project, usage

if TYPE_CHECKING:
    from ..editor.write import Written
    from ..kinds.base import Kind
    from ..kinds.editorspec import EditorSpec


def configure(p: argparse.ArgumentParser) -> None:
    """Arguments of ``xinyu new``."""
    p.description = "按模板新建一条内容：写出带“填写”注释的草稿文件，不会覆盖已有文件或已用的编号。"
    p.add_argument("kind", nargs="?", metavar="类型",
                   help="教案/lesson、故事/story、指南/guide、热线/服务/service、活动/event、系列/series、"
                        "讲座/menu、政策/policy、资源/resource")
    p.add_argument("id", nargs="?", metavar="编号", help="新条目的编号：小写英文字母、数字和连字符，如 qingxu-tiaoshi")
    p.add_argument("--list", action="store_true", help="列出可以新建的内容类型")
    p.add_argument("--title", metavar="标题", help="标题（不写则留待填写）")
    p.add_argument("--xueduan", metavar="学段",
                   help="教案的学段：小学低段、小学中段、小学高段、初中、高中（默认小学中段）")
    p.add_argument("--lingyu", metavar="领域", help="教案的纲要领域，如 情绪调适（默认）、人际交往")
    p.add_argument("--series", metavar="系列编号", help="活动所属的系列（默认第一个不按规则重复的系列）")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="日期（默认今天，北京时间）")
    p.set_defaults(func=cmd_new, preview=None)


def cmd_new(args: argparse.Namespace, kinds: Sequence[Kind] | None = None) -> int:
    """Write the starting text of one entry; 0 written, 1 content problem, 2 usage error.

    `kinds` defaults to `xinyu.kinds.KINDS` (imported when the command runs: `xinyu --help` stays fast).
    """
    if kinds is None:
        from ..kinds import KINDS  # lazy: startup, xinyu.kinds loads every kind; `xinyu --help` must not

        kinds = KINDS
    if args.list or not args.kind:
        print(list_kinds(kinds))
        return EXIT_OK
    spec = find_spec(args.kind, kinds)
    if spec is None:
        return usage(f"不认识的内容类型“{args.kind}”。\n{list_kinds(kinds)}")
    if not args.id:
        hint = f"，例如 xinyu new {args.kind} {suggest_id('', args.title)}" if args.title else ""
        return usage(f"请写出新{spec.label}的编号（小写英文字母、数字和连字符）{hint}")
    if not SLUG.match(args.id) or len(args.id) > 80:
        return usage(f"编号“{args.id}”不能用：只能用小写英文字母、数字和连字符（不以连字符开头或结尾），"
                      f"它会成为网址的一部分。可以用：{suggest_id(args.id, args.title)}")
    if args.id in spec.reserved:
        return usage(f"编号“{args.id}”是栏目页面的保留名，请换一个，例如 {args.id}-1")

    try:
        today = build_date(args.today)
    except ValueError:
        return usage(f"日期“{args.today}”不对，应写成 YYYY-MM-DD（例如 2026-11-29），且这一天必须存在")
    from ..pipeline import run  # lazy: startup, xinyu.kinds loads every kind; `xinyu --help` must not

    loaded = load_project(args)
    if isinstance(loaded, int):
        return loaded
    _cfg, project = loaded
    project.preview, project.checking = True, True
    site = run(project, render=True, kinds=kinds).site  # rendered: link problems are known before writing
    path = target_path(spec, args.id, project)
    taken = existing(spec, args.id, site, path)
    if taken:
        return usage(taken)
    return write_entry(spec, args, project, site, path, today, kinds)


def write_entry(spec: EditorSpec, args: argparse.Namespace, project: Project, before: Site, path: Path,
                today: dt.date, kinds: Sequence[Kind]) -> int:
    """Fill the template, write it, check the project again, and report (undoing a broken write)."""
    from ..editor.write import (  # lazy: startup, xinyu.kinds loads every kind; `xinyu --help` must not
        Refused,
        after_write,
        context,
        write,
    )
    from ..pipeline import run  # lazy: startup, xinyu.kinds loads every kind; `xinyu --help` must not

    try:
        w = write(spec, context(spec, args, before, today), path)
    except Refused as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        after_write(spec, w, args.id, project)
        after = run(project, render=True, kinds=kinds).site
    except BaseException:
        w.undo()
        raise
    rel = project.rel(path)
    old = {_key(d) for d in before.diags if d.level is not Level.INFO}

    def ours(d: Any) -> bool:
        mine = d.loc.path == rel and (spec.list_key is None or w.first <= d.loc.line <= w.last)
        return mine or (d.level is not Level.INFO and _key(d) not in old)

    found = [d for d in after.diags.sorted() if ours(d)]
    broken = [d for d in found if d.level is Level.ERROR]
    if broken:
        w.undo()
        for d in broken:
            print(d.format())
        print(f"xinyu new：新建的{spec.label}没有通过检查，已撤销，文件保持原样。请把以上信息报告给维护人员。",
              file=sys.stderr)
        return EXIT_CONTENT
    warnings = [d for d in found if d.level is Level.WARNING]
    notes = [d for d in found if d.level is Level.INFO]
    _report(spec, args, w, rel, warnings, notes, summary(after.diags), [project.rel(p) for p in w.extra])
    return EXIT_OK


def _key(d: Any) -> tuple[str, str, str]:
    return d.loc.path, d.code, d.message


def _report(spec: EditorSpec, args: argparse.Namespace, w: Written, rel: str, warnings: list[Any], notes: list[Any],
            total: str, rel_paths: list[str]) -> None:
    how = "新建" if w.before is None else "追加到"
    out = [f"已{how} {rel}：{spec.label} {args.id}（第 {w.first}–{w.last} 行）",
           f"从第 {w.edit} 行开始，把带“填写”的地方改成实际内容：{rel}:{w.edit}",
           f"在其他页面里这样链接它：[{args.title or spec.label}]({spec.scheme}:{args.id})"]
    if spec.next_steps is not None:
        out += spec.next_steps(args.id, rel_paths)
    if warnings:
        out.append("请注意（警告）：")
        out += [f"  {d.format()}" for d in warnings]
    if notes:
        out.append("发布前还须处理（xinyu check --publish 会把它们算作错误）：")
        out += [f"  {d.format()}" for d in notes]
    out.append(f"xinyu check：{total}。预览：xinyu serve")
    print("\n".join(out), file=sys.stderr)
