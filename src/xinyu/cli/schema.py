"""``xinyu schema``: JSON Schemas for editors and the VS Code settings that map them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..editor.schema import (
    OUT_DIR,
    SETTINGS,
    SettingsError,
    _read_json,
    dumps,
    merge_extensions,
    merge_settings,
    render,
)
from .common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, load_project

if TYPE_CHECKING:
    from ..kinds.base import Kind


def configure(p: argparse.ArgumentParser) -> None:
    """Arguments of ``xinyu schema``."""
    p.add_argument("-o", "--out", default=OUT_DIR, metavar="目录",
                   help=f"JSON Schema 存放目录（相对项目根目录，默认 {OUT_DIR}/）")
    p.add_argument("--check", action="store_true",
                   help="只检查已有的 schema 和 VS Code 设置是否最新，不写文件（过期时退出码 1）")
    p.set_defaults(func=cmd_schema, preview=None)


def cmd_schema(args: argparse.Namespace, kinds: Sequence[Kind] | None = None) -> int:
    """Write ``schemas/*.schema.json`` and merge ``yaml.schemas`` into ``.vscode/settings.json``.

    The shapes are those of `kinds` (default `xinyu.kinds.KINDS`)."""
    loaded = load_project(args)
    if isinstance(loaded, int):
        return loaded
    _, project = loaded
    root = project.root
    out_rel = Path(args.out).as_posix().strip("/")
    if Path(out_rel).is_absolute() or ".." in Path(out_rel).parts or not out_rel:
        print(f"错误：--out 应是项目内的相对目录，例如 {OUT_DIR}", file=sys.stderr)
        return EXIT_USAGE
    files, mapping = render(project.rel(project.docs_dir), out_rel, kinds)
    settings_path, ext_path = root / SETTINGS, root / ".vscode" / "extensions.json"
    try:
        settings = dumps(merge_settings(_read_json(settings_path), mapping, out_rel), indent=4)
        extensions = dumps(merge_extensions(_read_json(ext_path)), indent=4)
    except SettingsError as exc:
        print(f"错误：{exc}。没有写入任何文件。VS Code 的设置文件里若有注释（//）或末尾多余的逗号，"
              "请删除后重试；或先把这个文件改名备份", file=sys.stderr)
        return EXIT_USAGE
    wanted = {root / out_rel / n: text for n, text in files.items()}
    wanted[settings_path], wanted[ext_path] = settings, extensions
    stale = [p for p, text in wanted.items() if not p.is_file() or p.read_text("utf-8") != text]
    if args.check:
        for p in stale:
            print(f"需要更新：{project.rel(p)}")
        print("xinyu schema --check：" + (f"{len(stale)} 个文件过期，请运行 xinyu schema" if stale else "全部是最新的"),
              file=sys.stderr)
        return EXIT_CONTENT if stale else EXIT_OK
    for p in stale:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(wanted[p], "utf-8", newline="\n")
        print(f"已写入：{project.rel(p)}")
    mapped = sum(len(g) for g in mapping.values())
    print(f"xinyu schema：{len(files)} 个 JSON Schema（{out_rel}/），"
          f"VS Code 设置中 {len(mapping)} 个对应 {mapped} 个文件模式；{len(stale)} 个文件有变化。"
          "教案、家长故事和指南的 .md 信息块无法自动对应，见 docs/editors/autocomplete.md",
          file=sys.stderr)
    return EXIT_OK
