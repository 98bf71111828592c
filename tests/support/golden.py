"""Golden cases: files in, diagnostics out, through the pipeline in-process.

A case is a YAML file under ``tests/**/cases/`` (in the style of mkdocs-literate-nav's test cases)::

    name: what an editor did, and what they must be told
    today: 2026-11-29        # optional: the build date (`--today`); else the clock, as the CLI does
    publish: false           # optional: check by the publishing standard (`xinyu check --publish`)
    files:                   # laid over a tiny valid project (conftest.MINI_CONFIG, a crisis line,
      content/x.yml: |       # an index page); a file set to null is left out, bytes are
        ...                  # written as they are (YAML's !!binary)
    expect:                  # every diagnostic, in `xinyu check`'s order and format, notes included
      - "content/x.yml:3:5: 错误 some.code 说明（提示）"

The run is what ``xinyu check`` does (MkDocs' own `load_config`, the plugin's options, the pipeline
with pages rendered as Markdown, MkDocs' "not in nav" notes) minus the subprocess and the printing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config

from conftest import CRISIS, MINI_CONFIG
from xinyu.cli.mkdocs_msgs import omitted_from_nav
from xinyu.diagnostics import Diagnostic, Level
from xinyu.pipeline import run
from xinyu.plugin import project_from_config

TESTS = Path(__file__).resolve().parents[1]
BASE: dict[str, str] = {
    "mkdocs.yml": MINI_CONFIG,
    "content/index.md": "# 首页\n\n欢迎。\n",
    "content/services/national.yml": CRISIS,
}


@dataclass
class Case:
    """One golden case, read from its YAML file."""

    path: Path
    name: str
    files: dict[str, str | bytes | None]
    expect: list[str]
    today: str | None = None
    publish: bool = False


def case_files(under: Path = TESTS) -> list[Path]:
    """Every case file below `under`, in a stable order."""
    return sorted(under.glob("**/cases/*.yml"))


def case_id(path: Path) -> str:
    """A short test id: the case's folder (its kind) and file name."""
    return f"{path.parent.parent.name}/{path.stem}"


def load_case(path: Path) -> Case:
    """Read a case file; unknown keys are an error, so a typo cannot silently drop an expectation."""
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    unknown = set(data) - {"name", "files", "expect", "today", "publish"}
    assert not unknown, f"{path}: unknown keys {sorted(unknown)}"
    today = data.get("today")
    return Case(path, str(data["name"]), dict(data.get("files") or {}), list(data.get("expect") or []),
                today.isoformat() if isinstance(today, dt.date) else today, bool(data.get("publish", False)))


def write_project(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write the tiny base project with `files` laid over it into `root`."""
    for rel, text in {**BASE, **files}.items():
        if text is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, "utf-8")
    return root


def diagnostics(root: Path, *, today: str | None = None, publish: bool = False) -> list[Diagnostic]:
    """Every diagnostic `xinyu check [--publish] [--today]` finds in the project at `root`, in its order."""
    cfg = load_config(config_file=str(root / "mkdocs.yml"))
    options = cfg.plugins["xinyu"].config
    options["preview"] = not publish
    if today:
        options["today"] = today
    project = project_from_config(cfg, options)
    project.preview = not publish
    project.checking = True
    result = run(project, render=True)
    result.diagnostics.extend(omitted_from_nav(cfg, [p.src_uri for p in result.site.pages]))
    return result.diagnostics.sorted()


def check(root: Path, *, today: str | None = None, publish: bool = False) -> list[str]:
    """The diagnostics of `root` as `xinyu -v check` prints them."""
    return [d.format() for d in diagnostics(root, today=today, publish=publish)]


@dataclass
class Checked:
    """What `xinyu check` prints to stdout (the diagnostics) and its exit status, made in-process."""

    returncode: int
    stdout: str


def xinyu_check(root: Path, *args: str) -> Checked:
    """`xinyu [-v] check [--publish] [--today D]` in `root`, in-process: for tests about diagnostics only.

    The CLI's framing (summary line, --publish's grouped list, --external) is left to the CLI tests.
    """
    rest = list(args)
    verbose = "-v" in rest
    publish = "--publish" in rest
    today = rest[rest.index("--today") + 1] if "--today" in rest else None
    unknown = set(rest) - {"-v", "--publish", "--today", today}
    assert not unknown, f"xinyu_check does not do {sorted(unknown)}: use the CLI"
    found = diagnostics(root, today=today, publish=publish)
    failing = [d for d in found if d.level is Level.ERROR or (publish and d.level is Level.WARNING)]
    shown = [d.format() for d in found if verbose or d.level is not Level.INFO]
    return Checked(1 if failing else 0, "".join(f"{x}\n" for x in shown))


def run_case(case: Case, root: Path) -> list[str]:
    """The diagnostics of `case`, checked in a fresh project at `root`."""
    return check(write_project(root, case.files), today=case.today, publish=case.publish)


class _Literal(yaml.SafeDumper):
    """Multi-line text as YAML block scalars, so a case reads like the files it holds."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Literal.add_representer(str, _str)


def dump_case(data: dict[str, Any]) -> str:
    """A case as YAML text (used when writing new cases; the text must read back equal)."""
    text = yaml.dump(data, Dumper=_Literal, allow_unicode=True, sort_keys=False, width=4096)
    assert yaml.safe_load(text) == data, "case does not round-trip through YAML"
    return text
