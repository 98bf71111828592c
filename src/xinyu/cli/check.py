"""``xinyu check``: every content rule, without HTML."""

from __future__ import annotations

import argparse
import sys

from ..diagnostics import Diagnostic, Level, grouped_summary, summary
from .common import EXIT_CONTENT, EXIT_OK, load_project
from .mkdocs_msgs import omitted_from_nav


def cmd_check(args: argparse.Namespace) -> int:
    """Validate and resolve everything without rendering HTML."""
    from ..pipeline import run  # lazy: startup, `xinyu --help` does not load MkDocs or the kinds

    loaded = load_project(args)
    if isinstance(loaded, int):
        return loaded
    cfg, project = loaded
    project.preview = not args.publish
    project.checking = True
    # Generated pages are made as Markdown (no HTML) so the links they carry are checked too.
    result = run(project, render=True)
    # What MkDocs itself warns about (and refuses in a publishing build, which is strict).
    result.diagnostics.extend(omitted_from_nav(cfg, [p.src_uri for p in result.site.pages]))
    failing: list[Diagnostic] = result.diagnostics.errors + (result.diagnostics.warnings if args.publish else [])
    if args.publish and failing:
        for line in grouped_summary(result.diagnostics.sorted()):
            print(line)
    for d in result.diagnostics.sorted():
        if d.level is not Level.INFO or args.verbose:
            print(d.format())
    links = result.links
    if links is not None and getattr(args, "external", False):
        for url, locs in sorted(links.external.items()):
            print(f"外部链接 {url}（{len(locs)} 处，首次出现于 {min(locs)}）")
    infos = sum(1 for d in result.diagnostics if d.level is Level.INFO)
    tail = f"；另有 {infos} 条发布前须处理的提示（加 -v 查看，或用 --publish 按发布标准检查）" if infos else ""
    if args.publish and result.diagnostics.warnings:
        tail += "；发布版构建按严格模式进行，警告也会使构建失败"
    if links is not None:
        tail += f"；检查链接 {links.links} 条，外部链接 {len(links.external)} 个未访问（--external 列出）"
    print(f"xinyu check：{summary(result.diagnostics)}{tail}", file=sys.stderr)
    return EXIT_CONTENT if failing else EXIT_OK
