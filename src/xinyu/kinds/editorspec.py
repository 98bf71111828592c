"""What the editor tools and the reference system know about one kind: its `EditorSpec`.

A kind lists its specs in ``Kind.editors`` (events have two: ``event`` and ``series``). A spec says
the reference scheme, the Chinese names ``xinyu new`` accepts, where a new entry goes and which
files already hold entries, the starting text (a pure function of a `Context`), the JSON Schema
shapes ``xinyu schema`` writes (the pydantic models themselves, with the checks beyond their
types), the search label and the heading other pages use when they list related entries.
`xinyu.editor` and `xinyu.cli` are generic over these specs; no kind name is branched on there.

The template helpers (`fill`, `scalar`, `align`) are here too, for the kinds' templates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..project import Project, Site

if TYPE_CHECKING:
    from .base import Kind

PLACEHOLDER = "（填写：{}）"
_PLAIN = re.compile(r"^[^\x00-\x7f]([^\x00-\x1f:#'\"{}\[\],&*!|>%@`\\]*[^\s:#'\"{}\[\],&*!|>%@`\\])?$")
_COMMENTED = re.compile(r"^(\s*(?:- )?[a-z_]+:(?:.*?\S)?)\s{2,}(# .*)$")


class Refused(Exception):
    """The entry cannot be made in this project (a Chinese reason; exit 2, nothing written)."""


def width(value: str) -> int:
    """Display width in a monospaced editor (Chinese characters count two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


def align(yaml_text: str, column: int = 32) -> str:
    """Line up the ``# …`` comments after ``key: value`` lines at `column` (display width)."""
    out = []
    for line in yaml_text.split("\n"):
        m = _COMMENTED.match(line)
        if m:
            line = m.group(1) + " " * max(2, column - width(m.group(1))) + m.group(2)
        out.append(line)
    return "\n".join(out)


def fill(what: str) -> str:
    """A visible placeholder such as ``（填写：教案标题）``."""
    return PLACEHOLDER.format(what)


def scalar(value: str) -> str:
    """`value` as a YAML scalar: plain when it is safe (Chinese text), else double-quoted."""
    if _PLAIN.match(value) and ": " not in value and " #" not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Context:
    """What a template needs: the id, the title, the date and what the project already has."""

    id: str
    title: str | None
    today: dt.date
    stage: str = "小学中段"  # lesson: its 学段
    area: str = "情绪调适"  # lesson: its 领域
    series: str = ""  # event: its series
    series_ids: list[str] = field(default_factory=list)
    venue: str | None = None  # event: the venue to write (None: the series' own venue applies)
    venues: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    start: dt.datetime | None = None  # event: a start that overlaps nothing at its venue
    number: str = "0574-6300 0900"  # service: an unused fictional number
    teacher: bool = False  # event: its series is for teachers (教研与培训)

    def title_or(self, what: str) -> str:
        """The given title (as a YAML scalar) or a placeholder."""
        return scalar(self.title) if self.title else fill(what)


@dataclass(frozen=True)
class RefCheck:
    """A schema check: the field holds a typed reference (of `scheme` only, or of any registered scheme)."""

    scheme: str | None = None


Check = Mapping[str, Any] | RefCheck


def ref_pattern(scheme: str | None, schemes: Iterable[str]) -> dict[str, str]:
    """The pattern of a typed reference of `scheme` (None: of any of `schemes`)."""
    head = scheme or "(" + "|".join(schemes) + ")"
    return {"pattern": rf"^{head}:[a-z0-9][a-z0-9-]*(#[a-z0-9][a-z0-9-]*)?$"}


@dataclass(frozen=True)
class Shape:
    """One kind of YAML an editor writes (``schemas/<name>.schema.json``) and the files it applies to.

    `model` is the pydantic model the loader applies; `entries` types its ``list[dict]`` fields as
    the loader does (``{"services": Service}``), `only` keeps one key of a shared file model and
    `file_name` names the result. `raw` builds a hand-written schema instead (no model).
    """

    name: str
    title: str
    description: str
    globs: tuple[str, ...] = ()  # relative to the docs dir; empty for front matter and guide blocks
    model: type[BaseModel] | None = None
    entries: Mapping[str, type[BaseModel]] = field(default_factory=dict)
    file_name: str = ""
    only: str = ""
    raw: Callable[[], dict[str, Any]] | None = None


@dataclass(frozen=True)
class EditorSpec:
    """One reference scheme of a kind and everything `xinyu new`, `xinyu schema` and other pages need of it."""

    scheme: str  # ``scheme:id`` in references; also the English name `xinyu new` accepts
    label: str = ""  # Chinese name in messages (教案)
    aliases: tuple[str, ...] = ()  # other names `xinyu new` accepts (教案, 活动课)
    about: str = ""  # the line of `xinyu new --list`
    reserved: frozenset[str] = frozenset()  # ids a new entry cannot take (section pages)
    path: Callable[[Project, str], Path] | None = None  # where entry `id` goes; None: not made by `xinyu new`
    list_key: str | None = None  # set when entries are appended to this list key of one YAML file
    header: str = ""  # the start of that file when `xinyu new` creates it
    same_kind_files: Callable[[Project], list[Path]] | None = None  # files holding entries (file-per-entry kinds)
    template: Callable[[Context], str] | None = None
    prepare: Callable[[Context, argparse.Namespace, Site], None] | None = None  # fill `Context`; may raise Refused
    after_write: Callable[[Project, str], dict[Path, bytes | None]] | None = None  # other files changed (old bytes)
    next_steps: Callable[[str, list[str]], list[str]] | None = None  # extra report lines (id, other files)
    shapes: tuple[Shape, ...] = ()
    checks: Mapping[str, Check] = field(default_factory=dict)  # ``Model.field`` / ``Model.field[]`` → keywords
    search_label: str | None = None  # the label of a search result that declares this kind
    related_title: str | None = None  # heading of related entries of this scheme (相关教案)
    scheme_rank: int = 100  # place in reference patterns (keeps schemas/*.json stable)
    list_rank: int = 100  # place in `xinyu new --list`

    @property
    def name(self) -> str:
        """The English name of the kind in `xinyu new` (the scheme)."""
        return self.scheme

    def check_keywords(self, schemes: Iterable[str]) -> dict[str, dict[str, Any]]:
        """`checks` as JSON Schema keywords; a typed-reference check is a pattern over `schemes`."""
        return {key: ref_pattern(c.scheme, schemes) if isinstance(c, RefCheck) else dict(c)
                for key, c in self.checks.items()}

    @property
    def makeable(self) -> bool:
        """True when `xinyu new` can write an entry of this spec."""
        return self.path is not None and self.template is not None


def specs_of(kinds: Iterable[Kind]) -> list[EditorSpec]:
    """Every spec of `kinds`, ordered by scheme rank (stable)."""
    return sorted((s for k in kinds for s in k.editors), key=lambda s: s.scheme_rank)


def schemes_of(kinds: Iterable[Kind]) -> tuple[str, ...]:
    """The reference schemes of `kinds`, each once."""
    return tuple(dict.fromkeys(s.scheme for s in specs_of(kinds)))


def search_labels(kinds: Iterable[Kind]) -> dict[str, str]:
    """Scheme → the label of its search results, for the search index."""
    return {s.scheme: s.search_label for s in specs_of(kinds) if s.search_label}


def scheme_titles(kinds: Iterable[Kind]) -> dict[str, str]:
    """Scheme → the heading of its related entries on other pages ("" when none), in scheme order:
    what the kinds register into `xinyu.refs`."""
    out: dict[str, str] = {}
    for s in specs_of(kinds):
        out.setdefault(s.scheme, s.related_title or "")
    return out
