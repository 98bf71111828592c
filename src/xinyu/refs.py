"""Typed references in two phases: every kind registers its targets, then every reference resolves.

A reference is written ``scheme:id`` or ``scheme:id#fragment`` (``guide:30q#shiyong``,
``lesson:qingxu-tiaoshi``, ``event:…``, ``series:…``, ``service:12356``), in data as in
Markdown link targets. A target knows the Markdown page (``src_uri``) and anchor it becomes,
so a resolved reference is rewritten to a relative link to that page: MkDocs then turns it
into the right URL for either URL scheme, and an exported tree stays valid Markdown.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from .diagnostics import Diagnostics, Loc

# scheme → heading of related entries of that scheme; registered by the kinds (`xinyu.kinds`)
_schemes: dict[str, str] = {}
_REF = re.compile(r"^(?P<scheme>[a-z]+):(?P<id>[a-z0-9][a-z0-9-]*)(?:#(?P<frag>[a-z0-9][a-z0-9-]*))?$")


@dataclass(frozen=True)
class Target:
    """Something a typed reference can point at."""

    key: str  # "lesson:x" or "guide:g#q"
    src_uri: str  # the Markdown page it lives on, e.g. "lessons/x.md"
    title: str
    anchor: str | None = None
    loc: Loc | None = None  # where it is defined
    summary: str | None = None  # a short text for link lists and search


@dataclass(frozen=True)
class Reference:
    """A typed reference as written, with where it was written."""

    raw: str
    loc: Loc


@dataclass(frozen=True)
class Ref:
    """A reference made by data, and the only scheme allowed in its field (None: any).

    `related_of` is the key of the entry whose related list (``related:``, ``related_guides:`` …)
    holds it; the site-wide check of one-way related links reads it.
    """

    ref: Reference
    scheme: str | None = None
    related_of: str | None = None


def schemes() -> tuple[str, ...]:
    """The registered reference schemes, in their order."""
    return tuple(_schemes)


def related_title(scheme: str, default: str) -> str:
    """The heading other pages use when they list related entries of `scheme` (相关教案)."""
    return _schemes.get(scheme) or default


def register_schemes(titles: Mapping[str, str]) -> None:
    """Make the schemes of `titles` (scheme → related heading, or "") the known ones."""
    _schemes.clear()
    _schemes.update(titles)


@contextlib.contextmanager
def schemes_scope(titles: Mapping[str, str]) -> Iterator[None]:
    """Add the schemes of `titles` for the duration of a run; the known ones are restored after."""
    before = dict(_schemes)
    _schemes.update({k: v for k, v in titles.items() if k not in before})
    try:
        yield
    finally:
        register_schemes(before)


def parse_ref(raw: str) -> tuple[str, str, str | None] | None:
    """Split ``scheme:id#frag`` into its parts; None when `raw` is not a typed reference."""
    m = _REF.match(raw.strip())
    if not m or m.group("scheme") not in _schemes:
        return None
    return m.group("scheme"), m.group("id"), m.group("frag")


def is_typed_ref(raw: str) -> bool:
    """True when `raw` uses one of our reference schemes (``lesson:`` …), well formed or not."""
    head = raw.split(":", 1)[0]
    return ":" in raw and head in _schemes


@dataclass
class Registry:
    """All targets of a site, keyed by reference text."""

    targets: dict[str, Target] = field(default_factory=dict)
    # anchors that exist on each page, for ``scheme:id#frag`` checks
    anchors: dict[str, set[str]] = field(default_factory=dict)

    def add(self, target: Target, diags: Diagnostics) -> None:
        """Register a target; a second target with the same key is an error at its definition."""
        old = self.targets.get(target.key)
        if old is not None:
            where = f"（已在 {old.loc} 定义）" if old.loc else ""
            diags.error(
                target.loc or Loc("?"),
                "ref.duplicate-id",
                f"编号“{target.key}”重复{where}",
                "每个条目的 id 必须唯一；请改用另一个 id",
            )
            return
        self.targets[target.key] = target
        if target.anchor:
            self.anchors.setdefault(target.src_uri, set()).add(target.anchor)

    def add_anchors(self, src_uri: str, anchors: Iterable[str]) -> None:
        """Record the anchors a page carries besides its targets (e.g. headings)."""
        self.anchors.setdefault(src_uri, set()).update(anchors)

    def get(self, raw: str) -> Target | None:
        """The target a well-formed reference names, ignoring a trailing page fragment."""
        parts = parse_ref(raw)
        if parts is None:
            return None
        scheme, ident, frag = parts
        if frag is not None and f"{scheme}:{ident}#{frag}" in self.targets:
            return self.targets[f"{scheme}:{ident}#{frag}"]
        return self.targets.get(f"{scheme}:{ident}")

    def resolve(self, ref: Reference, diags: Diagnostics, scheme: str | None = None) -> Target | None:
        """Resolve `ref`; report a malformed or unknown reference at its source, with a suggestion.

        `scheme`, when given, is the only scheme allowed here (a `related_lessons` field takes
        only ``lesson:`` references).
        """
        parts = parse_ref(ref.raw)
        if parts is None:
            diags.error(
                ref.loc,
                "ref.malformed",
                f"引用“{ref.raw}”格式不对",
                "应写成 类型:编号 或 类型:编号#锚点，例如 lesson:qingxu-tiaoshi 或 guide:shicao-30wen#fudaoshi-jianshe",
            )
            return None
        kind, ident, frag = parts
        if scheme is not None and kind != scheme:
            diags.error(ref.loc, "ref.wrong-kind", f"这里只能引用 {scheme}: 类型，而“{ref.raw}”是 {kind}:")
            return None
        target = self.get(ref.raw)
        if target is None:
            keys = [k for k in self.targets if k.startswith(kind + ":")]
            wanted = ref.raw.strip()
            close = difflib.get_close_matches(wanted, keys, n=1, cutoff=0.5)
            hint = f"你是不是想引用 {close[0]}？" if close else f"现有的 {kind}: 编号请见内容体检页或运行 xinyu check"
            diags.error(ref.loc, "ref.unknown", f"引用“{wanted}”指向不存在的条目", hint)
            return None
        if frag is not None and target.key != f"{kind}:{ident}#{frag}":
            known = self.anchors.get(target.src_uri, set())
            if frag not in known:
                # fragments that name targets of their own (a guide's questions) are suggestions too
                prefix = f"{kind}:{ident}#"
                named = {k[len(prefix):] for k in self.targets if k.startswith(prefix)}
                close = difflib.get_close_matches(frag, sorted(known | named), n=1, cutoff=0.5)
                suggestion = f"你是不是想引用 {prefix}{close[0]}？" if close else None
                diags.error(ref.loc, "ref.unknown-anchor", f"“{target.title}”页面上没有锚点 #{frag}", suggestion)
                return None
        return target

    def href(self, raw: str, from_uri: str) -> str | None:
        """The relative Markdown link from page `from_uri` to what `raw` names, or None."""
        target = self.get(raw)
        if target is None:
            return None
        parts = parse_ref(raw)
        assert parts is not None
        scheme, ident, frag = parts
        if target.key == f"{scheme}:{ident}#{frag}" or frag is None:
            frag = target.anchor  # the fragment named the target itself
        return relative_link(from_uri, target.src_uri, frag)


def relative_link(from_uri: str, to_uri: str, fragment: str | None = None) -> str:
    """A relative link between two Markdown source paths (``a/b.md`` → ``../c/d.md#x``)."""
    link = "" if from_uri == to_uri else _relpath(to_uri, posixpath.dirname(from_uri))
    return link + (f"#{fragment}" if fragment else "")


@functools.lru_cache(maxsize=65536)
def _relpath(to_uri: str, from_dir: str) -> str:
    """`posixpath.relpath` for two paths inside the docs dir, without asking for the working directory."""
    to_parts = [p for p in posixpath.normpath(to_uri).split("/") if p not in ("", ".")]
    from_parts = [p for p in posixpath.normpath(from_dir or ".").split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(to_parts), len(from_parts)) and to_parts[common] == from_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."
