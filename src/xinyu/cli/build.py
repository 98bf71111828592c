"""``xinyu build``: build into a temporary directory, swap it in only when everything succeeded."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from .common import EXIT_CONTENT, EXIT_OK, base_url_override, mkdocs_config, usage
from .log import HANDLER, flush
from .mkdocs_msgs import translate_abort


def cmd_build(args: argparse.Namespace) -> int:
    """Build into a temporary directory; swap it in only when everything succeeded."""
    from mkdocs.commands.build import build  # lazy: startup, `xinyu --help` does not load MkDocs or the kinds
    from mkdocs.exceptions import (  # lazy: startup, `xinyu --help` does not load MkDocs or the kinds
        Abort,
        BuildError,
        ConfigurationError,
    )

    try:
        cfg = mkdocs_config(args, **base_url_override(args))
    except (ConfigurationError, ValueError) as exc:
        return usage(f"配置文件有误：{exc}" if isinstance(exc, ConfigurationError) else str(exc))
    target = Path(args.site_dir or cfg.site_dir).resolve()
    tmp = target.parent / f".site-tmp-{os.getpid()}"
    old = target.parent / f".site-old-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    cfg.site_dir = str(tmp)
    # The publishing build fails on any warning too: a broken link is not published.
    cfg.strict = not args.preview
    HANDLER.buffer = []
    try:
        build(cfg)
    except (Abort, BuildError, SystemExit) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        flush(HANDLER, "发布检查未通过" if cfg.strict else "构建未通过")
        kept = f"原有的 {target.name}/ 保持不变" if target.exists() else f"没有写出任何文件（{target.name}/ 未创建）"
        print(f"构建失败，{kept}。{translate_abort(str(exc))}", file=sys.stderr)
        return EXIT_CONTENT
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        flush(HANDLER, None)
        raise
    flush(HANDLER, None)
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    mode = "预览版（含示例内容，不得公开发布）" if args.preview else "发布版"
    print(f"已生成{mode}：{target}", file=sys.stderr)
    if args.preview and (target / "neirong-tijian").is_dir():
        health = target / "neirong-tijian" / "index.html"
        print(f"内容体检（失效链接、孤立页面、待复核条目）：{health}", file=sys.stderr)
    return EXIT_OK
