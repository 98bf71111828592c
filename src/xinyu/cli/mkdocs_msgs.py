"""MkDocs' own checks, as diagnostics: what fails a publishing build must reach the editor in Chinese.

Two directions, one text: `omitted_from_nav` lets ``xinyu check --publish`` find the pages MkDocs
will report as missing from ``nav`` (a warning that fails a strict build), and `translate` turns
the English warnings MkDocs logs during ``xinyu build`` into the same ``path:line:col`` lines.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Level, Loc


@dataclass
class Context:
    """Where the project is, to turn MkDocs' docs-dir paths into project paths with lines."""

    root: Path
    docs_dir: Path
    config_file: Path

    def rel(self, docs_uri: str) -> str:
        """A docs-dir path as diagnostics show it (relative to the project root)."""
        path = self.docs_dir / docs_uri
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def line_of(self, docs_uri: str, needle: str) -> int:
        """The first line of the docs file `docs_uri` containing `needle` (1 if none or unreadable)."""
        try:
            lines = (self.docs_dir / docs_uri).read_text("utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError, ValueError):
            return 1
        return next((i for i, text in enumerate(lines, 1) if needle in text), 1)

    def nav_line(self) -> int:
        """The line of ``nav:`` in the config file (1 if there is none)."""
        try:
            lines = self.config_file.read_text("utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            return 1
        return next((i for i, text in enumerate(lines, 1) if re.match(r"nav\s*:", text)), 1)


def context_of(config: Any) -> Context:
    """The `Context` of a loaded MkDocs config."""
    config_file = Path(config.config_file_path).resolve()
    return Context(config_file.parent, Path(config.docs_dir).resolve(), config_file)


def omitted_diagnostic(ctx: Context, docs_uri: str) -> Diagnostic:
    """The one text for a page missing from ``nav``, in ``check --publish`` and in ``build``."""
    return Diagnostic(
        Loc(ctx.rel(docs_uri), 1, 1), Level.WARNING, "nav.omitted",
        "这个页面不在 mkdocs.yml 的导航（nav）中：读者从菜单找不到它，发布版构建会因此失败",
        f"在 {ctx.config_file.name} 第 {ctx.nav_line()} 行的 nav 中加入 {docs_uri}；"
        "有意不放进导航的页面，写进 mkdocs.yml 的 not_in_nav",
    )


def _nav_uris(nav: Any) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav.strip().lstrip("./")
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_uris(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_uris(item)


def omitted_from_nav(config: Any, page_uris: list[str]) -> list[Diagnostic]:
    """Hand-written pages MkDocs will warn about as "not included in the nav" (as a warning)."""
    if config.nav is None or config.validation.nav.omitted_files < logging.WARNING:
        return []
    ctx = context_of(config)
    listed = set(_nav_uris(config.nav))
    out = []
    for uri in sorted(page_uris):
        if uri in listed or any(spec is not None and spec.match_file(uri)
                                for spec in (config.not_in_nav, config.exclude_docs)):
            continue
        out.append(omitted_diagnostic(ctx, uri))
    return out


_OMITTED = re.compile(r'The following pages exist in the docs directory, but are not included in the "nav" '
                      r"configuration:\n(.*)", re.S)
_DOC_LINK = re.compile(r"Doc file '(?P<doc>.+?)' contains (?:a link|an unrecognized relative link|an absolute link) "
                       r"'(?P<url>.+?)'(?P<rest>.*)", re.S)
_NAV_REF = re.compile(r"A reference to '(.+?)' is included in the 'nav' configuration, "
                      r"(which is not found in the documentation files|but this file is excluded)")
_ABORT = re.compile(r"Aborted with (.+) in strict mode!")


def _link_problem(rest: str) -> tuple[str, str]:
    if "not found among documentation files" in rest:
        return "link.missing-page", "指向的文件不存在"
    if "does not contain an anchor" in rest or "no such anchor" in rest:
        return "link.unknown-anchor", "指向的页面中没有这个锚点（#…）"
    if "excluded from the built site" in rest:
        return "link.excluded", "指向的页面不会发布"
    if "absolute link" in rest or rest.startswith(", it was left"):
        return "link.unrecognized", "无法识别（请写成指向 .md 文件的相对链接）"
    return "link.mkdocs", "有问题"


def translate(message: str, ctx: Context | None, level: int) -> list[str] | None:
    """Chinese diagnostic lines for an English MkDocs warning, or None if it is not one we know."""
    lvl = Level.ERROR if level >= logging.ERROR else Level.WARNING if level >= logging.WARNING else Level.INFO
    if (m := _OMITTED.match(message)) and ctx is not None:
        uris = [line.strip()[2:].strip() for line in m.group(1).splitlines() if line.strip().startswith("- ")]
        return [omitted_diagnostic(ctx, uri).format() for uri in uris]
    if (m := _DOC_LINK.match(message)) and ctx is not None:
        doc, url = m.group("doc"), m.group("url")
        code, problem = _link_problem(m.group("rest"))
        loc = Loc(ctx.rel(doc), ctx.line_of(doc, url), 1)
        return [Diagnostic(loc, lvl, code, f"链接“{url}”{problem}", "改成正确的相对链接，或删去这个链接").format()]
    if (m := _NAV_REF.match(message)) and ctx is not None:
        loc = Loc(ctx.config_file.name, ctx.nav_line(), 1)
        return [Diagnostic(loc, lvl, "link.nav-missing", f"导航（nav）中的“{m.group(1)}”在 content/ 中不存在",
                           "改成 content/ 下已有页面的路径，或从 nav 中删去").format()]
    return None


# MkDocs' progress lines an editor sees (``xinyu serve``, ``-v``), in Chinese; the rest keep their words.
_PROGRESS = [
    (re.compile(r"Building documentation\.\.\.$"), "正在构建网站……"),
    (re.compile(r"Cleaning site directory$"), "正在清理输出目录"),
    (re.compile(r"Building documentation to directory: (.+)$"), r"正在构建到目录：\1"),
    (re.compile(r"Documentation built in ([\d.]+) seconds$"), r"构建完成，用时 \1 秒"),
    (re.compile(r"\[[\d:]+\] Serving on (\S+)$"), r"本地预览：\1（保存修改后自动刷新，Ctrl+C 结束）"),
    (re.compile(r"\[[\d:]+\] Detected file changes$"), "发现文件有改动"),
    (re.compile(r"\[[\d:]+\] Reloading browsers$"), "正在刷新浏览器"),
    (re.compile(r"\[[\d:]+\] Browser connected: (\S+)$"), r"浏览器已连接：\1"),
    (re.compile(r"Shutting down\.\.\.$"), "预览已结束"),
]


def translate_progress(message: str) -> str | None:
    """A MkDocs progress line in Chinese, or None if it is not one we know."""
    for pattern, chinese in _PROGRESS:
        if pattern.match(message):
            return pattern.sub(chinese, message)
    return None


def translate_abort(message: str) -> str:
    """MkDocs' reason for stopping a build, in Chinese."""
    if m := _ABORT.match(message):
        counts = m.group(1).replace("warnings", "个警告").replace("warning", "个警告")
        counts = counts.replace("errors", "个错误").replace("error", "个错误").replace(", ", "、")
        return f"发布版构建按严格模式进行，出现 {counts}，已中止（警告也须先处理）"
    if message == "Aborted with a BuildError!":
        return "构建出错，已中止"
    return message
