"""The ``xinyu`` command. Exit status: 0 clean, 1 content errors, 2 usage or environment errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..console import fit_console
from ..publish import verify
from . import build, bundle, check, export, init, lock, new, schema, serve
from .common import EXIT_USAGE, date_arg, usage
from .log import setup_logging
from .zh import ZhParser


def parser() -> argparse.ArgumentParser:
    """The command-line interface, with Chinese help."""
    p = ZhParser(
        prog="xinyu",
        description="心育资源门户生成器：把实操指南、教案、活动日程和热线目录生成为可搜索的静态网站。",
    )
    p.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="配置文件", help="配置文件（默认 mkdocs.yml）")
    p.add_argument("-v", "--verbose", action="store_true", help="显示更多信息")
    sub = p.add_subparsers(dest="command", metavar="命令", required=True)

    b = sub.add_parser("build", help="构建网站（默认为发布版，示例或未核实内容会使构建失败）")
    b.add_argument("--preview", action="store_true", default=False,
                   help="预览版：允许示例内容，每页显示“预览版”横幅并禁止搜索引擎收录")
    b.add_argument("--today", metavar="YYYY-MM-DD", type=date_arg, help="固定构建日期（也可用 SOURCE_DATE_EPOCH）")
    b.add_argument("-d", "--site-dir", metavar="目录", help="输出目录（默认 site/）")
    b.add_argument("--base-url", metavar="网址", help="网站发布地址，例如 https://example.edu.cn/xinyu/")
    b.set_defaults(func=build.cmd_build)

    bu = sub.add_parser("bundle", help="生成离线包 xinyu-offline-<日期>.zip（解压后打开 index.html，无需联网）")
    bu.add_argument("--preview", action="store_true", default=False, help="预览版：允许示例内容（不得公开分发）")
    bu.add_argument("--today", metavar="YYYY-MM-DD", type=date_arg, help="固定构建日期（也可用 SOURCE_DATE_EPOCH）")
    bu.add_argument("-o", "--out", metavar="目录", help="离线包存放目录（默认当前目录）")
    bu.add_argument("--base-url", metavar="网址", help="在线网站地址（用于页面中的规范链接）")
    bu.set_defaults(func=bundle.cmd_bundle)

    ch = sub.add_parser("check", help="只检查内容和引用，不生成网页（速度快）")
    ch.add_argument("--publish", action="store_true", help="按发布标准检查：示例和未核实内容算作错误")
    ch.add_argument("--today", metavar="YYYY-MM-DD", type=date_arg, help="固定检查日期")
    ch.add_argument("--external", action="store_true", help="列出所有外部链接（只列出，不访问）")
    ch.set_defaults(func=check.cmd_check, preview=None)

    lk = sub.add_parser("lock", help="修改活动后运行：更新日历修订号锁定文件 content/events/sequence.lock.yml")
    lk.set_defaults(func=lock.cmd_lock, preview=None)

    s = sub.add_parser("serve", help="本地实时预览（修改内容后自动刷新）")
    s.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="地址:端口", help="监听地址")
    s.add_argument("--publish", action="store_true", help="按发布版预览")
    s.set_defaults(func=serve.cmd_serve)

    e = sub.add_parser("export", help="把生成的 Markdown 和配置导出到目录，供其他引擎构建")
    e.add_argument("out", metavar="目录", help="导出目录")
    e.add_argument("--preview", action="store_true", default=None, help="按预览版导出（允许示例内容）")
    e.add_argument("--today", metavar="YYYY-MM-DD", type=date_arg, help="固定构建日期")
    e.add_argument("--force", action="store_true", help="目录不为空时也写入")
    e.set_defaults(func=export.cmd_export)

    # Commands whose arguments live beside their code: each module has configure(parser).
    new.configure(sub.add_parser("new", help="按模板新建一条内容（教案、热线、活动等），不会覆盖已有文件"))
    schema.configure(sub.add_parser("schema",
                                    help="生成编辑器自动补全用的 JSON Schema（VS Code 等编辑 YAML 时提示字段）"))
    init.configure(sub.add_parser("init", help="新建一个门户（或用 --demo 复制示例门户），不会覆盖已有文件"))
    verify.add_parser(sub)  # checks a built site; needs no mkdocs.yml
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``xinyu`` command."""
    fit_console()  # a GBK console (Windows) replaces what it cannot show instead of crashing
    args = parser().parse_args(argv)
    setup_logging(args.verbose)
    if getattr(args, "needs_config", True) and not Path(args.config_file).is_file():
        return usage(f"找不到配置文件 {args.config_file}：请在门户项目根目录运行，或用 -f 指定")
    try:
        return int(args.func(args))
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
