"""The ``xinyu`` command. Exit status: 0 clean, 1 content errors, 2 usage or environment errors."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from .cli_log import CONTEXT, HANDLER, flush, setup_logging
from .cli_mkdocs import context_of, omitted_from_nav, translate_abort
from .cli_zh import ZhParser
from .diagnostics import Diagnostic, Level, grouped_summary, summary
from .pipeline import run
from .project import Project, build_date

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _load_config(args: argparse.Namespace, **overrides: object):  # type: ignore[no-untyped-def]
    from mkdocs.config import load_config

    cfg = load_config(config_file=args.config_file, **overrides)  # type: ignore[arg-type]
    if "xinyu" not in cfg.plugins:
        raise SystemExit(usage(f"{args.config_file} 的 plugins 中没有 xinyu，无法生成门户内容"))
    plugin = cfg.plugins["xinyu"]
    CONTEXT[0] = context_of(cfg)
    if getattr(args, "preview", None) is not None:
        plugin.config["preview"] = bool(args.preview)
    if getattr(args, "today", None):
        plugin.config["today"] = args.today
    return cfg


def load_project(args: argparse.Namespace) -> tuple[Any, Project] | int:
    """mkdocs.yml and the core's `Project` made from it, or the exit status of a usage error."""
    from mkdocs.exceptions import ConfigurationError, PluginError

    from .plugin import project_from_config

    try:
        cfg = _load_config(args)
        return cfg, project_from_config(cfg, cfg.plugins["xinyu"].config)
    except ConfigurationError as exc:
        return usage(f"配置文件有误：{exc}")
    except PluginError as exc:
        return usage(str(exc))


def usage(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_build(args: argparse.Namespace) -> int:
    """Build into a temporary directory; swap it in only when everything succeeded."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    try:
        cfg = _load_config(args, **_base_url_override(args))
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


def _base_url_override(args: argparse.Namespace) -> dict[str, object]:
    """``site_url`` from ``--base-url`` (normalised, trailing slash), or nothing."""
    from .publish import normalize_base_url

    return {"site_url": normalize_base_url(args.base_url)} if getattr(args, "base_url", None) else {}


def cmd_bundle(args: argparse.Namespace) -> int:
    """Build the offline bundle: a zip that opens from file:// (links end in .html)."""
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    from .bundle import build_bundle

    out_dir = Path(args.out or ".").resolve()
    if not out_dir.is_dir():
        return usage(f"输出目录 {out_dir} 不存在")
    try:
        cfg = _load_config(args, use_directory_urls=False, **_base_url_override(args))
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


def cmd_check(args: argparse.Namespace) -> int:
    """Validate and resolve everything without rendering HTML."""


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


def cmd_lock(args: argparse.Namespace) -> int:
    """Update the events' sequence lock after editing events (SEQUENCE +1 for each changed event)."""

    from .kinds.event.ics import write_lock
    from .kinds.event.kind import data_of

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


def cmd_serve(args: argparse.Namespace) -> int:
    """Live preview for editors (a preview build unless --publish)."""
    from mkdocs.commands.serve import serve

    os.environ["XINYU_PREVIEW"] = "false" if args.publish else "true"
    print(f"本地预览：http://{args.dev_addr}/（保存修改后自动刷新；内容有误时页面上列出问题；Ctrl+C 结束）",
          file=sys.stderr)
    serve(config_file=args.config_file, open_in_browser=False, dev_addr=args.dev_addr, livereload=True)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write the generated Markdown tree for another engine."""

    from .export import export

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


def _date(value: str) -> str:
    """An argparse type: a YYYY-MM-DD date, kept as text (argparse reports the error and exits 2)."""

    try:
        build_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


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
    b.add_argument("--today", metavar="YYYY-MM-DD", type=_date, help="固定构建日期（也可用 SOURCE_DATE_EPOCH）")
    b.add_argument("-d", "--site-dir", metavar="目录", help="输出目录（默认 site/）")
    b.add_argument("--base-url", metavar="网址", help="网站发布地址，例如 https://example.edu.cn/xinyu/")
    b.set_defaults(func=cmd_build)

    bu = sub.add_parser("bundle", help="生成离线包 xinyu-offline-<日期>.zip（解压后打开 index.html，无需联网）")
    bu.add_argument("--preview", action="store_true", default=False, help="预览版：允许示例内容（不得公开分发）")
    bu.add_argument("--today", metavar="YYYY-MM-DD", type=_date, help="固定构建日期（也可用 SOURCE_DATE_EPOCH）")
    bu.add_argument("-o", "--out", metavar="目录", help="离线包存放目录（默认当前目录）")
    bu.add_argument("--base-url", metavar="网址", help="在线网站地址（用于页面中的规范链接）")
    bu.set_defaults(func=cmd_bundle)

    ch = sub.add_parser("check", help="只检查内容和引用，不生成网页（速度快）")
    ch.add_argument("--publish", action="store_true", help="按发布标准检查：示例和未核实内容算作错误")
    ch.add_argument("--today", metavar="YYYY-MM-DD", type=_date, help="固定检查日期")
    ch.add_argument("--external", action="store_true", help="列出所有外部链接（只列出，不访问）")
    ch.set_defaults(func=cmd_check, preview=None)

    lk = sub.add_parser("lock", help="修改活动后运行：更新日历修订号锁定文件 content/events/sequence.lock.yml")
    lk.set_defaults(func=cmd_lock, preview=None)

    s = sub.add_parser("serve", help="本地实时预览（修改内容后自动刷新）")
    s.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="地址:端口", help="监听地址")
    s.add_argument("--publish", action="store_true", help="按发布版预览")
    s.set_defaults(func=cmd_serve)

    e = sub.add_parser("export", help="把生成的 Markdown 和配置导出到目录，供其他引擎构建")
    e.add_argument("out", metavar="目录", help="导出目录")
    e.add_argument("--preview", action="store_true", default=None, help="按预览版导出（允许示例内容）")
    e.add_argument("--today", metavar="YYYY-MM-DD", type=_date, help="固定构建日期")
    e.add_argument("--force", action="store_true", help="目录不为空时也写入")
    e.set_defaults(func=cmd_export)

    # Commands whose arguments live beside their code: each module has configure(parser).
    from . import scaffold, schema

    scaffold.configure(sub.add_parser("new", help="按模板新建一条内容（教案、热线、活动等），不会覆盖已有文件"))
    schema.configure(sub.add_parser("schema",
                                    help="生成编辑器自动补全用的 JSON Schema（VS Code 等编辑 YAML 时提示字段）"))
    from . import verify

    verify.add_parser(sub)  # checks a built site; needs no mkdocs.yml
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``xinyu`` command."""
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
