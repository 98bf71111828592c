"""``xinyu serve``: live preview."""

from __future__ import annotations

import argparse
import os
import sys

from .common import EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Live preview for editors (a preview build unless --publish)."""
    from mkdocs.commands.serve import serve  # lazy: startup, `xinyu --help` does not load MkDocs or the kinds

    os.environ["XINYU_PREVIEW"] = "false" if args.publish else "true"
    print(f"本地预览：http://{args.dev_addr}/（保存修改后自动刷新；内容有误时页面上列出问题；Ctrl+C 结束）",
          file=sys.stderr)
    serve(config_file=args.config_file, open_in_browser=False, dev_addr=args.dev_addr, livereload=True)
    return EXIT_OK
