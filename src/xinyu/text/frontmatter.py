"""Markdown files with YAML front matter, read by the project's one YAML loader (`yamlio`).

Every Markdown file (hand-written pages, lessons, stories, guides) is split here: a broken
front matter block is an error at its line, never published as body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostics, Loc
from .yamlio import YamlDoc, parse_yaml, read_text

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_OPEN = re.compile(r"\A---[ \t]*\r?\n")


@dataclass
class MarkdownDoc:
    """A Markdown file split into YAML front matter and body."""

    path: str
    meta: YamlDoc
    body: str
    body_line: int  # 1-based line of the body's first line in the file
    text: str = ""  # the whole file, for exact columns inside YAML block scalars


def load_markdown(file: Path, rel: str, diags: Diagnostics) -> MarkdownDoc | None:
    """Read a Markdown file with optional ``---`` YAML front matter, keeping line numbers."""
    text = read_text(file, rel, diags)
    if text is None:
        return None
    return split_markdown(text, rel, diags)


def split_markdown(text: str, rel: str, diags: Diagnostics) -> MarkdownDoc | None:
    """Split Markdown `text` into front matter and body.

    The front matter is read by `parse_yaml` (positions, no duplicate keys, tabs, aliases or tags); a
    block that does not parse, is not ``键: 值`` pairs or is never closed is an error, never body text.
    """
    match = _FRONT.match(text)
    if not match:
        if _OPEN.match(text):
            diags.error(Loc(rel, 1, 1), "yaml.front-matter-unclosed",
                        "文件开头的 YAML 信息块（第一行的 ---）没有结束行：整个文件都会被当成信息块",
                        "在信息块的最后一个“键: 值”后面单独写一行 ---；若第一行本想画分隔线，请改用 ***")
            return None
        return MarkdownDoc(rel, YamlDoc(rel, {}), text, 1, text)
    meta = parse_yaml(match.group(1), rel, diags, line_offset=1)
    if meta is None:
        return None
    if meta.data is None:
        meta.data = {}
    if not isinstance(meta.data, dict):
        _not_a_mapping(match.group(1), meta, rel, diags)
        return None
    body_line = text.count("\n", 0, match.end()) + 1
    return MarkdownDoc(rel, meta, text[match.end():], body_line, text)


def _not_a_mapping(block: str, meta: YamlDoc, rel: str, diags: Diagnostics) -> None:
    """Front matter that parsed, but not as ``键: 值`` pairs (a full-width colon, a list …)."""
    for i, line in enumerate(block.split("\n")):
        col = line.find("：")
        if col >= 0 and ":" not in line.split("：", 1)[0]:
            diags.error(Loc(rel, i + 2, col + 1), "yaml.front-matter",
                        "信息块里用了全角冒号“：”，YAML 不认识，这一块没有被读成“键: 值”",
                        f"把“{line[:col].strip()}：”改成半角冒号加空格，例如“{line[:col].strip()}: …”")
            return
    diags.error(meta.loc(), "yaml.front-matter", "文件开头的信息块应是一行一个“键: 值”",
                "例如“title: 页面标题”；冒号用半角“:”，后面加一个空格")
