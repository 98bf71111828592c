"""Shared fixtures: tiny real projects in tmp_path, the CLI as a user runs it, the demo site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import xinyu.kinds  # noqa: F401  the kinds register their reference schemes (xinyu.refs)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

MINI_CONFIG = """\
site_name: 测试门户
site_url: https://example.edu.cn/xinyu/
docs_dir: content
theme:
  name: material
  language: zh
  font: false
extra_css:
  - assets/stylesheets/xinyu.css
plugins:
  - xinyu:
      maintainer_email: editor@example.edu.cn
markdown_extensions:
  - attr_list
  - admonition
  - md_in_html
  - tables
  - toc:
      slugify: !!python/name:xinyu.mdtext.slugify
"""

CRISIS = """\
services:
  - id: "12356"
    name: 全国统一心理援助热线
    type: 心理援助
    crisis: 1
    channels:
      - number: "12356"
        hours: {always: true}
    verification:
      verified_on: 2025-01-15
      next_review: 2027-12-31
      verified_by: 测试编辑
      method: 官方公布
      source: 测试
"""


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Write a tiny portal project into tmp_path; `files` maps relative paths to text or bytes."""

    def make(files: dict[str, str | bytes] | None = None, *, config: str = MINI_CONFIG) -> Path:
        root = tmp_path / "proj"
        root.mkdir(exist_ok=True)
        base: dict[str, str | bytes] = {
            "mkdocs.yml": config,
            "content/index.md": "# 首页\n\n欢迎。\n",
            "content/services/national.yml": CRISIS,
        }
        base.update(files or {})
        for rel, content in base.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content) if rel.endswith(".md") else content, "utf-8")
        return root

    return make


def run_xinyu(*args: str, cwd: Path, timeout: float = 900, env: dict[str, str] | None = None,
              **kw: object) -> subprocess.CompletedProcess[str]:
    """Run the `xinyu` command in a project folder, as an editor would (`env` adds variables)."""
    return subprocess.run(
        [sys.executable, "-m", "xinyu.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def xinyu() -> Callable[..., subprocess.CompletedProcess[str]]:
    """`run_xinyu`, for tests that take it as a fixture."""
    return run_xinyu


def copy_demo(dst: Path) -> Path:
    """A copy of the demo project (config, content, guides; the theme comes with the package)."""
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dst / "mkdocs.yml")
    for name in ("content", "guides"):
        shutil.copytree(ROOT / name, dst / name)
    return dst


def tree(path: Path) -> dict[str, bytes]:
    """Every file under `path` with its bytes, for byte-for-byte comparisons."""
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal built once as a preview build, with a fixed build date."""
    out = tmp_path_factory.mktemp("demo") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "xinyu.cli", "build", "--preview", "--today", "2026-11-29", "-d", str(out)],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return out


@pytest.fixture(scope="session")
def demo_bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(zip, index.html): the demo's offline bundle (preview, fixed date), built once and unzipped
    into a folder with spaces and Chinese in its name, as a teacher's USB stick has it."""
    day = "2026-11-29"
    out = tmp_path_factory.mktemp("bundle")
    proc = run_xinyu("bundle", "--preview", "--today", day, "-o", str(out), cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    archive = out / f"xinyu-offline-{day}.zip"
    where = out / "U盘 资料" / "送教下乡"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(where)
    return archive, where / f"xinyu-offline-{day}" / "index.html"


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    from support.servers import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def demo_url(demo_site: Path):  # type: ignore[no-untyped-def]
    """The demo site served on 127.0.0.1 as a static host serves it."""
    from support.servers import serve

    with serve(demo_site) as url:
        yield url
