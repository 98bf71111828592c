"""The HTML policy, in one place: which raw HTML an editor's Markdown may carry.

Plain data text (titles, names, notes …) never carries HTML: renderers escape it with
`mdtext.esc` / `mdtext.attr`. Markdown written by editors — hand-written pages, stories, lesson
appendices and the Markdown fields of data (a lesson's ``procedure[].content`` …, the menu's
``how_to_order``) — may use the allow-list below. Whether a tag and its attributes pass is decided
by nh3 (the ammonia sanitizer) with that allow-list; the stdlib HTML parser only finds where each
tag is. Anything nh3 would remove is an ``html.forbidden`` error at its file:line:col, in every
build (check, preview, publishing). Raw HTML inside code spans and fences is text, not HTML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from html import escape as html_escape
from html.parser import HTMLParser
from typing import Any

import nh3
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE

from .diagnostics import Diagnostics, Loc
from .mdtext import link_targets
from .text.markdown import blank_code_spans, scan

TAGS = {
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "details", "summary", "figure", "figcaption", "img", "picture", "source",
    "div", "span", "p", "a", "abbr", "br", "hr", "sup", "sub", "kbd", "mark", "small", "cite", "q",
    "strong", "em", "b", "i", "u", "s", "del", "ins", "code", "pre", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "time", "wbr",
}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "style", "markdown", "role", "hidden", "align"},
    "a": {"href", "name", "target", "rel", "download", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "srcset", "sizes"},
    "source": {"srcset", "type", "media", "sizes"},
    "td": {"colspan", "rowspan", "align", "headers"},
    "th": {"colspan", "rowspan", "align", "scope", "headers"},
    "col": {"span", "width"},
    "colgroup": {"span"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"datetime", "cite"},
    "ins": {"datetime", "cite"},
}
PREFIXES = {"data-", "aria-"}
# Relative URLs always pass; absolute ones need one of these schemes (no javascript:, vbscript:, data:).
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms", "webcal"}
_BAD_STYLE = re.compile(r"expression\s*\(|javascript:|vbscript:|behavior\s*:|-moz-binding|@import",
                        re.I)
_BAD_MD_SCHEMES = ("vbscript:", "data:")  # javascript: in Markdown links is links.py's link.javascript
# Exactly what Python-Markdown turns into links (their text escaped): anything else in <…> is raw HTML.
_AUTOLINK = re.compile(f"{AUTOLINK_RE}|{AUTOMAIL_RE}")
_AUTOLINK_SCHEME = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*)://")
HINT = ("允许的标签和属性见 content/editors/index.md 的“可以写的 HTML”；"
        "要显示尖括号本身，请写成 &lt; 或放进 `代码` 里")


def _style_filter(tag: str, attr: str, value: str) -> str | None:
    """nh3 attribute filter: a ``style`` that can load or run anything is dropped (so: forbidden)."""
    if attr == "style" and _BAD_STYLE.search(value):
        return None
    return value


def clean(fragment: str) -> str:
    """`fragment` as nh3 leaves it under the policy (what is removed is what is forbidden)."""
    return nh3.clean(fragment, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     generic_attribute_prefixes=PREFIXES, attribute_filter=_style_filter,
                     link_rel=None, strip_comments=False)


def _mask_code(text: str) -> str:
    """`text` with code fences (at any indentation: inside lists, tabs, admonitions) and code spans
    blanked out, positions kept (`text.markdown.scan`)."""
    return "\n".join(" " * len(line) if code else blank_code_spans(line) for _, line, code in scan(text))


def _mask(text: str) -> str:
    """`text` with code (fences, spans) and autolinks blanked out, positions kept.

    (A backslash does not escape ``<`` in Python-Markdown: ``\\<script>`` is raw HTML.)
    """
    return _AUTOLINK.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), _mask_code(text))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str, str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        self.found.append((line, col, tag, self.get_starttag_text() or "", {a: v or "" for a, v in attrs}))

    handle_startendtag = handle_starttag


def start_tags(text: str) -> list[tuple[int, int, str, str, dict[str, str]]]:
    """(line, 0-based column, tag, raw tag text, attribute names) of every start tag in HTML `text`."""
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.found


def _why(tag: str, attr: str, value: str) -> str:
    if attr.startswith("on"):
        return f"<{tag}> 的事件属性 {attr} 会运行脚本"
    if attr in ("href", "src", "srcset", "cite"):
        m = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", re.sub(r"[\x00-\x20]", "", value))
        scheme = f"“{m.group(1).lower()}:”" if m else ""
        return f"<{tag}> 的 {attr} 用了不允许的地址类型{scheme}：只能写相对地址或 http(s)、mailto、tel 地址"
    if attr == "style":
        return f"<{tag}> 的 style 里有 expression(、javascript: 之类会执行代码的写法"
    return f"<{tag}> 的属性 {attr} 不在允许的列表中"


# A table part is only kept by an HTML parser inside its table: give nh3 the context.
_CONTEXT = {"td": "<table><tbody><tr>", "th": "<table><tbody><tr>", "tr": "<table><tbody>",
            "thead": "<table>", "tbody": "<table>", "tfoot": "<table>", "caption": "<table>",
            "colgroup": "<table>", "col": "<table><colgroup>", "source": "<picture>"}


def problems(html: str) -> list[tuple[int, int, str, str]]:
    """(line, 0-based column, raw tag, Chinese reason) for every tag or attribute of `html` the policy refuses."""
    out = []
    for line, col, tag, raw, attrs in start_tags(html):
        if tag not in TAGS:
            out.append((line, col, raw, f"不允许使用 <{tag}> 标签：它可能运行脚本或嵌入站外内容"))
            continue
        kept = {a for found in start_tags(clean(_CONTEXT.get(tag, "") + raw)) if found[2] == tag for a in found[4]}
        for name, value in attrs.items():
            if name not in kept:
                out.append((line, col, raw, _why(tag, name, value)))
    return out


def check_markdown(text: str, start: Loc, diags: Diagnostics, source: list[str] | None = None) -> None:
    """Report raw HTML in editor-written Markdown `text` that the policy refuses (`start`: its first line).

    `source`, the lines of the whole file, gives exact columns for text that sits indented in a
    YAML block scalar (``content: |``).
    """
    if "<" in text:
        for line, col, raw, reason in problems(_mask(text)):
            row = start.line + line - 1
            column = (start.col if line == 1 else 1) + col
            if source and 0 < row <= len(source) and raw in source[row - 1]:
                column = source[row - 1].index(raw) + 1
            diags.error(Loc(start.path, row, column), "html.forbidden", reason, HINT)
    if ":" in text:
        _check_link_schemes(text, start, diags)


def _check_link_schemes(text: str, start: Loc, diags: Diagnostics) -> None:
    """Autolinks with a script scheme, and Markdown links to vbscript: / data: (links.py has javascript:)."""
    hint = "请链接到网站内的页面、文件，或 http(s) 网址"
    for i, row in enumerate(_mask_code(text).split("\n")):
        for m in _AUTOLINK_SCHEME.finditer(row):  # <javascript://%0Aalert(1)> is a live link
            if m.group(1).lower() not in URL_SCHEMES | {"ftp", "ftps"}:
                at = Loc(start.path, start.line + i, (start.col if i == 0 else 1) + m.start())
                diags.error(at, "html.forbidden", f"网址不能以 {m.group(1)}: 开头：它可能运行脚本", hint)
    for ref in link_targets(text, start):
        target = ref.raw.strip().lower()
        if target.startswith(_BAD_MD_SCHEMES):
            diags.error(ref.loc, "html.forbidden",
                        f"链接地址不能以 {target.split(':')[0]}: 开头：它可能运行脚本或藏入任意内容", hint)


# Material writes these front matter values into <head> and the header without escaping them.
META_SHOWN = ("title", "description", "author")
_RAW_META = "_xinyu_raw"


def escape_front_matter(meta: MutableMapping[str, Any]) -> None:
    """Escape a hand-written page's front matter title, description and author in place (data is text).

    Generated pages escape their own values. The unescaped text is kept for `unescaped_meta`.
    """
    raw = {k: meta[k] for k in META_SHOWN if isinstance(meta.get(k), str)}
    meta[_RAW_META] = raw
    for key, value in raw.items():
        meta[key] = html_escape(value, quote=True)


def unescaped_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """A page's front matter as written (before `escape_front_matter`), for the search index."""
    raw: dict[str, Any] = meta.get(_RAW_META, {})
    return {k: v for k, v in meta.items() if k != _RAW_META} | raw
