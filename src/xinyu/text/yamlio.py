"""The one YAML loader: keeps line and column, rejects what editors should not write.

It refuses duplicate keys, tab indentation, anchors and aliases (so an alias bomb stops at
the first alias), and any explicit tag such as ``!!python/object``; it never builds Python
objects. Scalars follow YAML 1.2's core schema, so ``08:30`` stays a string (YAML 1.1 would
read ``17:00`` as the integer 1020) and ``no`` is not ``False``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from ..diagnostics import Diagnostics, Loc
from ..safefs import read_source

PathKey = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_KNOWN_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class _CoreResolver(BaseResolver):
    """YAML 1.2 core-schema scalars (plus dates), without YAML 1.1's surprises."""


_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(
        r"""^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}
        |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}
        (?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$""",
        re.X,
    ),
    list("0123456789"),
)


class _AliasRefused(yaml.MarkedYAMLError):
    pass


class _Loader(Reader, Scanner, Parser, Composer, SafeConstructor, _CoreResolver):
    """A composer that refuses anchors and aliases before expanding anything."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        _CoreResolver.__init__(self)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _AliasRefused(None, None, "alias", event.start_mark)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _AliasRefused(None, None, "anchor", event.start_mark)
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


try:  # libyaml: the same parse in C, several times faster on large content sets
    from yaml.cyaml import CBaseLoader as _CEvents
    from yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CParser = None


if _CParser is not None:

    class _FastLoader(_CParser, SafeConstructor, _CoreResolver):  # type: ignore[misc, valid-type]
        """libyaml's parser and composer with our safe constructor and YAML 1.2 scalars."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            _CoreResolver.__init__(self)


def _refuse_anchors(text: str) -> None:
    """Scan the events (in C) and stop at the first anchor or alias, before anything is composed."""
    events = _CEvents(text)
    try:
        while events.check_event():
            event = events.get_event()
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
                raise _AliasRefused(None, None, "alias", event.start_mark)
    finally:
        events.dispose()


def _compose(text: str) -> tuple[Any, Node | None]:
    """(loader, root node) of `text`; raises YAML errors, `_AliasRefused` for anchors and aliases."""
    if _CParser is None:
        loader: Any = _Loader(text)
        return loader, loader.get_single_node()
    if "&" in text or "*" in text:  # an anchor needs "&" and an alias "*": only then scan events
        _refuse_anchors(text)
    loader = _FastLoader(text)
    return loader, loader.get_single_node()


@dataclass
class YamlDoc:
    """Plain data loaded from one YAML file, with the position of every key and value."""

    path: str
    data: Any
    # (line, column) of every value and of every mapping key; `Loc`s are made only when asked for
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def loc(self, key: PathKey = ()) -> Loc:
        """The position of the value at `key`, or of its closest existing parent."""
        key = tuple(key)
        while key not in self.positions and key:
            key = key[:-1]
        line, col = self.positions.get(key, (1, 1))
        return Loc(self.path, line, col)

    def key_loc(self, key: PathKey) -> Loc:
        """The position of the key itself (for unknown keys), else of its value."""
        pos = self.keys.get(tuple(key))
        return Loc(self.path, *pos) if pos else self.loc(key)


_YAML_PROBLEMS = [
    ("found duplicate anchor", "锚点重复"),
    ("mapping values are not allowed", "这里不能出现“键: 值”，可能缺少缩进，或值里的冒号需要加引号"),
    ("did not find expected key", "缩进不一致，或者缺少“- ”或冒号"),
    ("did not find expected ',' or ']'", "方括号列表没有闭合，缺少“]”或逗号"),
    ("did not find expected ',' or '}'", "花括号没有闭合，缺少“}”或逗号"),
    ("found character that cannot start any token", "有不能出现在这里的字符（例如 @ 或 `），请给这个值加引号"),
    ("did not find expected node content", "缺少内容，或有不能出现在这里的字符"),
    ("could not find expected ':'", "找不到冒号“:”，可能是缩进不一致或缺少冒号"),
    ("found character '\\t' that cannot start any token", "发现制表符（Tab），YAML 只能用空格缩进"),
    ("expected <block end>, but found", "缩进不一致"),
    ("found unexpected end of stream", "文件意外结束，可能缺少右引号或右括号"),
    ("found undefined tag handle", "未定义的标签"),
    ("expected a single document", "一个文件只能有一个 YAML 文档（不要用 --- 分隔多个文档）"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("found unknown escape character", "双引号字符串中有未知的转义符，请改用单引号"),
]


def _translate(problem: str | None, context: str | None) -> str:
    text = f"{context or ''} {problem or ''}"
    for english, chinese in _YAML_PROBLEMS:
        if english in text:
            return chinese
    return f"YAML 语法错误：{(problem or context or '').strip()}"


def decode_source(raw: bytes, path: str, diags: Diagnostics) -> str | None:
    """Decode UTF-8 text (a BOM is accepted); report any other encoding at the bad byte's line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "请用编辑器把文件另存为 UTF-8 编码"
        try:
            raw.decode("gb18030")
            hint = "文件看起来是 GBK/GB2312 编码（例如用记事本保存的），" + hint
        except UnicodeDecodeError:
            pass
        diags.error(Loc(path, line, col), "file.encoding", "文件不是 UTF-8 编码，无法读取", hint)
        return None


def parse_yaml(text: str, path: str, diags: Diagnostics, *, line_offset: int = 0) -> YamlDoc | None:
    """Parse `text` into a `YamlDoc`; every problem becomes a diagnostic and returns None.

    `line_offset` shifts reported lines, for YAML front matter inside a Markdown file.
    """
    bad = False
    for number, line in enumerate(text.splitlines() if "\t" in text else (), start=1):
        indent = re.match(r"^[ \t]*", line)
        if indent and "\t" in indent.group(0) and line.strip():
            diags.error(
                Loc(path, number + line_offset, indent.group(0).index("\t") + 1),
                "yaml.tab",
                "行首有制表符（Tab）：YAML 只能用空格缩进",
                "把 Tab 换成两个空格",
            )
            bad = True
    if bad:
        return None
    loader = None
    try:
        loader, node = _compose(text)
    except _AliasRefused as exc:
        mark = exc.problem_mark
        assert mark is not None
        diags.error(
            Loc(path, mark.line + 1 + line_offset, mark.column + 1),
            "yaml.alias",
            "不允许使用 YAML 锚点（&）和别名（*）",
            "请把内容直接写出来；别名会让文件难以审核，也可能被用来制造超大数据",
        )
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        row, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        diags.error(
            Loc(path, row + line_offset, col),
            "yaml.syntax",
            _translate(exc.problem, exc.context),
            "检查这一行及上一行的缩进、冒号和引号",
        )
        return None
    except yaml.YAMLError as exc:  # reader errors such as control characters
        diags.error(Loc(path, 1 + line_offset, 1), "yaml.syntax", f"YAML 无法读取：{exc}")
        return None
    doc = YamlDoc(path, None)
    if node is None:
        return doc
    ok = True

    def pos_of(n: Node) -> tuple[int, int]:
        mark = n.start_mark
        line = mark.line + 1 + line_offset
        if isinstance(n, ScalarNode) and n.style in ("|", ">"):
            line += 1  # block scalar content starts on the next line
        return line, mark.column + 1

    def loc_of(n: Node) -> Loc:
        return Loc(path, *pos_of(n))

    def build(n: Node, key: PathKey) -> Any:
        nonlocal ok
        doc.positions[key] = pos_of(n)
        if n.tag not in _KNOWN_TAGS:
            diags.error(
                loc_of(n),
                "yaml.tag",
                f"不允许使用 YAML 标签 {n.tag}",
                "去掉以 ! 开头的标签，直接写值",
            )
            ok = False
            return None
        if isinstance(n, MappingNode):
            out: dict[Any, Any] = {}
            first: dict[Any, Node] = {}
            for k_node, v_node in n.value:
                if not isinstance(k_node, ScalarNode):
                    diags.error(loc_of(k_node), "yaml.key", "键必须是简单的文字")
                    ok = False
                    continue
                k = k_node.value if k_node.tag == _STR else loader.construct_object(k_node)  # type: ignore[no-untyped-call]
                k = k if isinstance(k, str) else str(k)
                if k in first:
                    diags.error(
                        loc_of(k_node),
                        "yaml.duplicate-key",
                        f"键“{k}”重复（第一次出现在第 {first[k].start_mark.line + 1 + line_offset} 行）",
                        "删除或合并其中一个；否则后一个会悄悄覆盖前一个",
                    )
                    ok = False
                    continue
                first[k] = k_node
                doc.keys[(*key, k)] = pos_of(k_node)
                out[k] = build(v_node, (*key, k))
            return out
        if isinstance(n, SequenceNode):
            return [build(item, (*key, i)) for i, item in enumerate(n.value)]
        if n.tag == _STR:
            return n.value  # what SafeConstructor.construct_yaml_str returns, without its dispatch
        try:
            return loader.construct_object(n)  # type: ignore[no-untyped-call]
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            diags.error(loc_of(n), "yaml.value", f"无法读取这个值：{exc}")
            ok = False
            return None

    doc.data = build(node, ())
    return doc if ok else None


def read_text(file: Path, rel: str, diags: Diagnostics) -> str | None:
    """A source file's text, read the one safe way (`safefs.read_source`: no symlink, no folder) and
    decoded by `decode_source`; None after an error at `rel`."""
    raw = read_source(file, rel, diags)
    return None if raw is None else decode_source(raw, rel, diags)


def load_yaml(file: Path, rel: str, diags: Diagnostics) -> YamlDoc | None:
    """Read and parse one YAML file; `rel` is the path shown to editors."""
    text = read_text(file, rel, diags)
    if text is None:
        return None
    return parse_yaml(text, rel, diags)

