"""``xinyu export DIR``: the generated Markdown and a portable mkdocs.yml for another engine."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..diagnostics import Level, summary
from .common import EXIT_CONTENT, EXIT_OK, load_project, usage


def cmd_export(args: argparse.Namespace) -> int:
    """Write the generated Markdown tree for another engine."""
    from ..publish.export import export  # lazy: startup, `xinyu --help` does not load MkDocs or the kinds

    loaded = load_project(args)
    if isinstance(loaded, int):
        return loaded
    cfg, project = loaded
    out = Path(args.out)
    if out.exists() and any(out.iterdir()) and not args.force:
        return usage(f"目录 {out} 已存在且不为空；换一个目录，或加 --force 覆盖")
    diags = export(project, cfg, out)
    for d in diags.sorted():
        if d.level is not Level.INFO:
            print(d.format())
    if diags.errors:
        print(f"导出失败：{summary(diags)}", file=sys.stderr)
        return EXIT_CONTENT
    print(f"已导出到 {out}（可用 mkdocs build -f {out}/mkdocs.yml 构建）", file=sys.stderr)
    return EXIT_OK
