"""Reading content files safely: no symlinks, no tracebacks for file-system oddities.

The rule: **any symlink under the docs dir (``content/``) or the guides folder is an error**
(``file.symlink``), whether it points inside the tree, outside it, nowhere, or at itself. It is
never read, never published, never zipped. A folder named like a file (``x.md``) and a file that
cannot be read are errors at their path too. Every loader reads through `read_source`.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .diagnostics import Diagnostic, Diagnostics, Level, Loc

SOURCE_SUFFIXES = (".md", ".yml", ".yaml", ".txt")


def rel_path(path: Path, root: Path) -> str:
    """`path` relative to `root` with forward slashes, never following a symlink at its end."""
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


def _symlink_problem(path: Path) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"是一个循环的符号链接（指向“{target}”，最终又指回自己）"
        return f"是一个失效的符号链接（指向的“{target}”不存在）"
    return f"是一个符号链接（指向“{target}”）"


def symlink_diagnostic(path: Path, rel: str) -> Diagnostic:
    """The one `file.symlink` error for a symlink at `path` (shown as `rel`)."""
    return Diagnostic(
        Loc(rel, 1, 1), Level.ERROR, "file.symlink",
        f"{_symlink_problem(path)}：网站不读取也不发布符号链接，因为它可能把内容目录以外的文件发布出去",
        "删除这个链接，把真正需要的文件复制到这里",
    )


def add_once(diags: Diagnostics, diagnostic: Diagnostic) -> None:
    """Record `diagnostic` unless the same one is already recorded (tree walk and loaders both see files)."""
    if diagnostic not in diags.items:
        diags.add(diagnostic)


def _not_a_file(rel: str) -> Diagnostic:
    return Diagnostic(Loc(rel, 1, 1), Level.ERROR, "file.not-a-file",
                      "这是一个文件夹，但名字像文件（以 .md、.yml 等结尾），无法作为内容读取",
                      "把文件夹改名（去掉扩展名），或把里面的文件移出来")


def _unreadable(rel: str, reason: str) -> Diagnostic:
    return Diagnostic(Loc(rel, 1, 1), Level.ERROR, "file.unreadable", f"无法读取这个文件：{reason}",
                      "检查文件权限（例如运行 chmod a+r 该文件），或删除这个文件")


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹"
    return exc.strerror or type(exc).__name__


def read_source(path: Path, rel: str, diags: Diagnostics) -> bytes | None:
    """The bytes of the content file `path`, or None with an error: a symlink, a folder, unreadable."""
    if path.is_symlink():
        add_once(diags, symlink_diagnostic(path, rel))
        return None
    if path.is_dir():
        add_once(diags, _not_a_file(rel))
        return None
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        add_once(diags, _unreadable(rel, _reason(exc)))
        return None


def check_tree(folder: Path, root: Path, diags: Diagnostics) -> None:
    """Report every symlink, folder named like a source file and unreadable file under `folder`."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for here, dirs, names in os.walk(folder, followlinks=False):
        base = Path(here)
        for name in sorted(dirs):
            path = base / name
            if path.is_symlink():
                add_once(diags, symlink_diagnostic(path, rel_path(path, root)))
            elif name.endswith(SOURCE_SUFFIXES):
                add_once(diags, _not_a_file(rel_path(path, root)))
        for name in sorted(names):
            path = base / name
            if path.is_symlink():
                add_once(diags, symlink_diagnostic(path, rel_path(path, root)))
            elif not os.access(path, os.R_OK):
                add_once(diags, _unreadable(rel_path(path, root), "没有读取权限"))


def linked(path: Path, root: Path) -> bool:
    """Whether `path` or any folder between `root` and it is a symlink (MkDocs follows them).

    A path outside `root` (a theme's own asset) is not ours to judge: False.
    """
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return False
    here = root
    for part in parts:
        here = here / part
        if here.is_symlink():
            return True
    return False


def safe_files(root: Path) -> list[Path]:
    """Every regular file under `root`, without following or listing symlinks."""
    out = []
    for here, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not (Path(here) / d).is_symlink()]
        out += [Path(here) / n for n in names if not (Path(here) / n).is_symlink() and (Path(here) / n).is_file()]
    return sorted(out)
