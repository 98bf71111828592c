"""``xinyu init 目录``: a new portal that builds at once (or, with ``--demo``, a copy of the demo portal).

The starter is the package's ``data/starter`` files (mkdocs.yml commented in Chinese, home and about
pages, a venue and a speaker, .editorconfig, .gitignore, a README for editors), the demo's national
lines, vocabulary and 校历 template, one entry of each kind from ``xinyu new``'s templates (examples
with placeholders: the preview shows every section, the publishing build refuses them) and the JSON
Schemas with VS Code settings of ``xinyu schema``. It never overwrites: a folder that exists and is
not empty is refused (exit 2) before anything is written; the portal is written into a temporary
folder beside the target and renamed into place when complete.

Imported by `xinyu.cli` on every command: only the standard library at the top.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

from .common import EXIT_OK, usage

PACKAGE = Path(__file__).resolve().parent.parent
STARTER = PACKAGE / "data" / "starter"
DEMO_FILES = ("mkdocs.yml", "content", "guides")  # the demo portal, as `--demo` copies it
DEFAULTS = {"name": "心理健康教育资源门户", "organiser": "某某教育局（请填写）", "url": "http://xinyu.localhost/"}
EMAIL = "xinyu-editor@example.edu.cn"
# The demo's files the starter takes as they are (one source: the demo).
FROM_DEMO = ("content/services/national.yml", "content/school-calendar.yml", "content/vocab")
DOTFILES = {"editorconfig": ".editorconfig", "gitignore": ".gitignore"}


def demo_root() -> Path | None:
    """The demo portal: shipped in the wheel (``xinyu/demo``) or, from a source tree, the repository."""
    for root in (PACKAGE / "demo", PACKAGE.parents[1]):
        if all((root / name).exists() for name in DEMO_FILES):
            return root
    return None


def configure(p: argparse.ArgumentParser) -> None:
    """Arguments of ``xinyu init``."""
    p.description = "新建一个门户：生成配置、全国热线、每类内容一条示例，马上可以预览。不会覆盖已有文件。"
    p.add_argument("folder", metavar="目录", help="新门户的文件夹（不存在或为空）")
    p.add_argument("--name", metavar="名称", help=f"门户名称（默认“{DEFAULTS['name']}”）")
    p.add_argument("--organiser", metavar="单位", help="主办单位，显示在页脚")
    p.add_argument("--url", metavar="网址", help="网站发布地址，例如 https://xinyu.example.edu.cn/")
    p.add_argument("--demo", action="store_true", help="复制完整的示例门户（慈溪示例），而不是空白模板")
    p.set_defaults(func=cmd_init, needs_config=False)


def _ask(args: argparse.Namespace) -> dict[str, str]:
    """Name, organiser and URL: the options, else asked when a person is typing, else the defaults."""
    values = {}
    prompts = {"name": "门户名称", "organiser": "主办单位", "url": "网站地址"}
    for key, label in prompts.items():
        value = (getattr(args, key) or "").strip()
        if not value and sys.stdin is not None and sys.stdin.isatty():
            try:
                value = input(f"{label}（直接回车用“{DEFAULTS[key]}”）：").strip()
            except EOFError:
                value = ""
        values[key] = value or DEFAULTS[key]
    if not values["url"].endswith("/"):
        values["url"] += "/"
    return values


def _yaml_str(value: str) -> str:
    """`value` as a YAML double-quoted scalar (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _fill(text: str, values: dict[str, str], yaml: bool) -> str:
    quote = _yaml_str if yaml else (lambda v: v)
    for key, token in (("name", "@@NAME@@"), ("organiser", "@@ORGANISER@@"), ("url", "@@URL@@")):
        text = text.replace(token, quote(values[key]))
    return text.replace("@@EMAIL@@", EMAIL)


def write_starter(dest: Path, values: dict[str, str], today: dt.date) -> None:
    """Write the starter portal into the empty folder `dest`."""
    demo = demo_root()
    if demo is None:
        raise FileNotFoundError("示例门户的文件")
    for src in sorted(STARTER.rglob("*")):
        if src.is_file():
            rel = src.relative_to(STARTER).as_posix()
            out = dest / DOTFILES.get(rel, rel)
            out.parent.mkdir(parents=True, exist_ok=True)
            text = _fill(src.read_text("utf-8"), values, rel.endswith((".yml", ".yaml")))
            out.write_text(text, "utf-8", newline="\n")
    for rel in FROM_DEMO:
        src = demo / rel
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dest / rel)
        else:
            shutil.copyfile(src, dest / rel)
    from .starter import write_entries  # lazy: startup, it loads the editor and every kind

    write_entries(dest, today)


def _refusal(dest: Path) -> str | None:
    if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
        return f"{dest} 已存在且不是文件夹；xinyu init 不会覆盖它，请换一个目录名"
    if dest.is_dir() and any(dest.iterdir()):
        return f"文件夹 {dest} 不是空的；xinyu init 不会覆盖已有文件，请换一个新的目录名或先清空它"
    return None


def cmd_init(args: argparse.Namespace) -> int:
    """Create the portal in a temporary sibling folder, then move it into place."""
    dest = Path(args.folder).expanduser().absolute()
    refused = _refusal(dest)
    if refused:
        return usage(refused)
    values = _ask(args) if not args.demo else {}
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".xinyu-init-", dir=dest.parent))
    try:
        if args.demo:
            demo = demo_root()
            if demo is None:
                return usage("这个 xinyu 安装中没有示例门户：请从源代码仓库安装，或去掉 --demo")
            for name in DEMO_FILES:
                copy = shutil.copytree if (demo / name).is_dir() else shutil.copyfile
                copy(demo / name, staging / name)
        else:
            write_starter(staging, values, dt.date.today())
        refused = _refusal(dest)  # someone wrote there meanwhile
        if refused:
            return usage(refused)
        if dest.is_dir():
            dest.rmdir()
        staging.rename(dest)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    shown = args.folder
    print(f"已新建门户：{dest}", file=sys.stderr)
    print(f"下一步：cd {shown}，运行 xinyu serve 预览（浏览器打开 http://127.0.0.1:8000/）；"
          "标有“示例”的条目换成本地内容后运行 xinyu build 发布", file=sys.stderr)
    return EXIT_OK
