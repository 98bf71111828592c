"""One diagnostic type for the whole project.

Every problem an editor can cause is a `Diagnostic` printed as
``path:line:col: 错误|警告 CODE 中文说明``. Problems are collected in one pass and
reported together; only problems that stop everything raise.
"""

from __future__ import annotations

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
