"""Fail on an import inside a function unless its line says why: ``# lazy: <reason>``.

Imports belong at the top of the module, where the import graph (and `lint-imports`) sees them;
one inside a function hides a dependency, usually to dodge an import cycle. Imports under
``if TYPE_CHECKING:`` are not run and are skipped. Usage: ``check_imports.py [PATH ...]`` (default
``src``); exit status 1 when an import is found, with one ``path:line:`` line per import.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

MESSAGE = "函数内导入：请移到模块顶部，或注明 # lazy: 原因"
MARK = "# lazy:"


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(node: ast.AST, in_function: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    """Imports under `node` that run inside a function body (not under ``if TYPE_CHECKING:``)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _type_checking(child):
            for stmt in child.orelse:  # the else branch runs
                yield from _imports(ast.Module(body=[stmt], type_ignores=[]), in_function)
            continue
        if isinstance(child, (ast.Import, ast.ImportFrom)) and in_function:
            yield child
        yield from _imports(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                     ast.Lambda)))


def offenders(path: Path) -> list[int]:
    """Lines of `path` with a function-level import that has no ``# lazy:`` note."""
    text = path.read_text("utf-8")
    lines = text.splitlines()
    found = []
    for node in _imports(ast.parse(text, str(path)), False):
        end = node.end_lineno or node.lineno
        if not any(MARK in lines[i - 1] for i in range(node.lineno, end + 1)):
            found.append(node.lineno)
    return sorted(found)


def files(args: list[str]) -> Iterator[Path]:
    """The Python files named or under the folders named."""
    for arg in args:
        path = Path(arg)
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def main(argv: list[str] | None = None) -> int:
    """Print every offending import; 1 if there is one, else 0."""
    args = sys.argv[1:] if argv is None else argv
    bad = 0
    for path in files(args or ["src"]):
        for line in offenders(path):
            print(f"{path.as_posix()}:{line}: {MESSAGE}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
