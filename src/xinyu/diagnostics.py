"""One diagnostic type for the whole project.

Every problem an editor can cause is a `Diagnostic` printed as
``path:line:col: 错误|警告 CODE 中文说明``. Problems are collected in one pass and
reported together; only problems that stop everything raise.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    """Severity of a diagnostic; the value is what editors read."""

    ERROR = "错误"
    WARNING = "警告"
    INFO = "提示"


@dataclass(frozen=True, order=True)
class Loc:
    """A position in a source file: path relative to the project root, 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1

    def shifted(self, lines: int, col: int | None = None) -> Loc:
        """Return the location `lines` further down, optionally at another column."""
        return Loc(self.path, self.line + lines, self.col if col is None else col)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """A single problem, found at `loc`, with a stable `code` and a Chinese message."""

    loc: Loc
    level: Level
    code: str
    message: str
    hint: str | None = None

    def format(self) -> str:
        """Render as ``path:line:col: 级别 CODE 说明`` (plus the hint, if any)."""
        text = f"{self.loc}: {self.level.value} {self.code} {self.message}"
        if self.hint:
            text += f"（{self.hint}）"
        return text

    def __str__(self) -> str:
        return self.format()


@dataclass
class Diagnostics:
    """An ordered collection of diagnostics, filled during one pass over the content."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        """Record a diagnostic."""
        self.items.append(diagnostic)

    def error(self, loc: Loc, code: str, message: str, hint: str | None = None) -> None:
        """Record an error: it fails `xinyu check` and every build."""
        self.add(Diagnostic(loc, Level.ERROR, code, message, hint))

    def warning(self, loc: Loc, code: str, message: str, hint: str | None = None) -> None:
        """Record a warning: it is shown, and fails only `mkdocs build --strict`."""
        self.add(Diagnostic(loc, Level.WARNING, code, message, hint))

    def info(self, loc: Loc, code: str, message: str, hint: str | None = None) -> None:
        """Record a note that never fails anything (used for preview builds)."""
        self.add(Diagnostic(loc, Level.INFO, code, message, hint))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Record several diagnostics."""
        self.items.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that fail a build."""
        return [d for d in self.items if d.level is Level.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics that warn."""
        return [d for d in self.items if d.level is Level.WARNING]

    def sorted(self) -> list[Diagnostic]:
        """Diagnostics in file, line, column order, duplicates removed."""
        seen: set[Diagnostic] = set()
        out = []
        for d in sorted(self.items, key=lambda d: (d.loc, d.code)):
            if d not in seen:
                seen.add(d)
                out.append(d)
        return out

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def summary(diagnostics: Diagnostics) -> str:
    """A one-line Chinese summary, e.g. ``发现 3 个错误、1 个警告``."""
    return f"发现 {len(diagnostics.errors)} 个错误、{len(diagnostics.warnings)} 个警告"


_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>错误|警告|提示) (?P<code>\S+) (?P<rest>.*)$")


def log_all(diagnostics: Diagnostics, log: logging.Logger) -> None:
    """Log every diagnostic at its level (the plugin passes MkDocs' logger, so ``--strict`` counts them).

    Preview notes (what publishing would refuse) are many: listed only with -v, counted in one line.
    """
    notes = 0
    for d in diagnostics.sorted():
        if d.level is Level.ERROR:
            log.error(d.format())
        elif d.level is Level.WARNING:
            log.warning(d.format())
        else:
            log.debug(d.format())
            notes += 1
    if notes:
        log.info(f"预览版：另有 {notes} 条发布前须处理的提示（运行 xinyu check --publish 查看）")


def parse(line: str) -> Diagnostic | None:
    """The diagnostic a line printed by `Diagnostic.format` carries (its hint: the closing bracket), or None."""
    m = _LINE.match(line.strip())
    if m is None:
        return None
    message, hint = m["rest"], None
    if message.endswith("）"):  # the hint: the bracket that closes the line, with its own brackets inside
        depth = 0
        for i in range(len(message) - 1, -1, -1):
            depth += {"）": 1, "（": -1}.get(message[i], 0)
            if depth == 0:
                message, hint = message[:i], message[i + 1:-1]
                break
    return Diagnostic(Loc(m["path"], int(m["line"]), int(m["col"])), Level(m["level"]), m["code"], message, hint)


# What a code means and the next step, for the grouped summary (codes not listed use their first message).
NEXT_STEPS: dict[str, tuple[str, str]] = {
    "safety.example": ("示例内容（example: true）不得公开发布", "核实后删去 example: true，或删除这条示例"),
    "safety.example-unreviewed": ("示例问答或教案尚未经专业审核", "专业人员审核后填写 review，或删除示例内容"),
    "safety.risk-unreviewed": ("涉及危机风险的内容尚未经专业审核", "请心理专业人员审核后填写 review"),
    "safety.unreviewed-risk": ("涉及危机风险的内容尚未经专业审核", "请心理专业人员审核后填写 review"),
    "safety.unverified": ("热线或服务尚未核实", "打电话核实后填写 verification（日期、核实人、方式）"),
    "safety.review-overdue": ("核实或审核已过期", "重新核实后更新日期"),
    "safety.placeholder": ("模板中的“（填写：…）”还没有填", "把每处“（填写：…）”换成实际内容"),
    "safety.policy-source": ("政策没有出处", "填写 source（发文机关的网址或文件名）"),
    "event.lock-stale": ("活动已修改，但日历修订号没有更新", "运行 xinyu lock，并提交 sequence.lock.yml"),
    "event.lock-missing": ("新活动还没有登记修订号", "运行 xinyu lock，并提交 sequence.lock.yml"),
    "nav.omitted": ("页面不在导航（nav）中", "在 mkdocs.yml 的 nav 中加入它，或写进 not_in_nav"),
    "site.beian-missing": ("页脚缺少备案号", "在 mkdocs.yml 的 extra.site_info 中填写 icp 和 police_record"),
}


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def grouped_summary(items: Iterable[Diagnostic], title: str = "发布检查未通过") -> list[str]:
    """The summary printed before the full list: one line per code, most frequent first.

    ``发布检查未通过：共 146 个问题`` then ``  76 × safety.example  意思——下一步：做什么``.
    """
    groups: dict[str, list[Diagnostic]] = {}
    for d in items:
        if d.level is not Level.INFO:
            groups.setdefault(d.code, []).append(d)
    total = sum(len(g) for g in groups.values())
    if not total:
        return []
    lines = [f"{title}：共 {total} 个问题，分 {len(groups)} 类（先按下表逐类处理，完整清单在后面）"]
    for code, group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        meaning, step = NEXT_STEPS.get(code, (_clip(group[0].message), _clip(group[0].hint or "见下面每条的说明")))
        where = f"，首见 {min(d.loc for d in group)}"
        lines.append(f"{len(group):5d} × {code}  {meaning}——下一步：{step}{where}")
    return lines
