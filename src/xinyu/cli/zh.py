"""Chinese for the command line: argparse's own messages and the MkDocs warnings that fail a build.

argparse looks its messages up through ``gettext`` at the moment it prints them; `install()`
gives it a Chinese catalogue (the same mechanism a ``.mo`` file would use), and `ZhParser` /
`ZhFormatter` add what gettext cannot reach: the choice list (Chinese punctuation) and wrapping
by display width (a Chinese character takes two columns).
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys
import unicodedata
from typing import Any, NoReturn

# Every message of Python 3.11+'s argparse an editor can see (developer-only errors stay English).
_CATALOG: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "subcommands": "子命令",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s（运行 xinyu -h 查看用法）",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "参数 %r 不需要值",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令 %(parser_name)r（可选：%(choices)s）",
}


class _Chinese(gettext.NullTranslations):
    """A gettext catalogue held in memory (argparse calls ``gettext`` and ``ngettext``)."""

    def gettext(self, message: str) -> str:
        """The Chinese text of `message`, or `message` itself."""
        return _CATALOG.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """The Chinese text of the singular or plural form (Chinese has one form)."""
        return self.gettext(msgid1 if n == 1 else msgid2)


def install() -> None:
    """Make argparse speak Chinese (it resolves ``_`` and ``ngettext`` when it formats a message)."""
    catalog = _Chinese()
    argparse._ = catalog.gettext  # type: ignore[attr-defined]
    argparse.ngettext = catalog.ngettext  # type: ignore[attr-defined]


def width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_NO_LINE_START = set("，。、；：？！）》”’")


def wrap(text: str, columns: int) -> list[str]:
    """Split `text` into lines of at most `columns` display columns, never inside an ASCII word."""
    lines: list[str] = []
    line = ""
    for token in re.findall(r"[\x21-\x7e]+|\s+|.", " ".join(text.split())):
        if line and width(line + token) > columns and token not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


class ZhFormatter(argparse.HelpFormatter):
    """Help text wrapped by display width, so Chinese lines neither overflow nor break words."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width))

    def _format_action(self, action: argparse.Action) -> str:
        # argparse pads the option column by len(); a Chinese metavar is twice as wide on screen.
        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = width(invocation) - len(invocation)
        head, sep, rest = text.partition(invocation)
        if extra and sep and rest.startswith(" " * (extra + 2)) and not rest.startswith("\n"):
            rest = rest[extra:]
        return head + sep + rest


class ZhParser(argparse.ArgumentParser):
    """An ArgumentParser whose every message is Chinese (sub-commands inherit it)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        install()
        kwargs.setdefault("formatter_class", ZhFormatter)
        super().__init__(*args, **kwargs)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            choices = "、".join(str(c) for c in action.choices)
            raise argparse.ArgumentError(action, f"无效的选择“{value}”（可选：{choices}）")

    def error(self, message: str) -> NoReturn:
        """Print the usage and a Chinese error, exit 2 (as argparse does)."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{message}\n")
