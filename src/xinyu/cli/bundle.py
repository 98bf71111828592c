"""``xinyu bundle``: the offline zip."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..project import build_date
from .common import EXIT_CONTENT, EXIT_OK, base_url_override, mkdocs_config, usage
from .mkdocs_msgs import translate_abort


def cmd_bundle(args: argparse.Namespace) -> int:
    """Build the offline bundle: a zip that opens from file:// (links end in .html)."""
    from mkdocs.exceptions import (  # lazy: startup, `xinyu --help` does not load MkDocs or the kinds
        Abort,
        BuildError,
        ConfigurationError,
    )

    from ..publish.bundle import build_bundle  # lazy: startup, `xinyu --help` does not load MkDocs or the kinds

    out_dir = Path(args.out or ".").resolve()
    if not out_dir.is_dir():
        return usage(f"输出目录 {out_dir} 不存在")
    try:
        cfg = mkdocs_config(args, use_directory_urls=False, **base_url_override(args))
    except (ConfigurationError, ValueError) as exc:
        return usage(f"配置文件有误：{exc}" if isinstance(exc, ConfigurationError) else str(exc))
    cfg.strict = not args.preview
    day = build_date(cfg.plugins["xinyu"].config.get("today"))
    try:
        zip_path, bad = build_bundle(cfg, out_dir, day)
    except (Abort, BuildError, SystemExit) as exc:
        print(f"离线包生成失败：{translate_abort(str(exc))}", file=sys.stderr)
        return EXIT_CONTENT
    if zip_path is None:
        for name in bad:
            print(f"{name}: 错误 bundle.non-ascii-name 文件名含非 ASCII 字符，旧版 Windows 解压后会乱码"
                  "（请把文件改名为英文、数字和连字符）")
        print("离线包生成失败：有文件名不是 ASCII", file=sys.stderr)
        return EXIT_CONTENT
    mode = "预览版（含示例内容，不得公开发布）" if args.preview else "发布版"
    size = zip_path.stat().st_size / 1024 / 1024
    print(f"已生成{mode}离线包：{zip_path}（{size:.1f} MB；解压后用浏览器打开其中的 index.html）", file=sys.stderr)
    return EXIT_OK
