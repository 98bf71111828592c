"""xinyu as a package a school installs: a wheel, a fresh virtual environment outside the repository,
`xinyu init` and a build there; the same package builds the demo byte for byte as the repository does.

The wheel is built by pip with build isolation (setuptools and wheel from the package indexes pip is
configured with; no network on this machine, its local index serves them). The fresh venv gets the
wheel with --no-deps; its dependencies come from the test's own environment through a .pth file
(the same pinned versions, nothing downloaded), while xinyu itself is imported from the wheel.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, copy_demo, tree

TODAY = "2026-11-29"
SECTIONS = ("guides", "lessons", "events", "training", "services", "library", "stories")


def _env() -> dict[str, str]:
    """The environment without this repository on the import path (the venv must use the wheel)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the tree (the work tree gets no build/ or egg-info)."""
    base = tmp_path_factory.mktemp("wheel")
    src = base / "tree"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md", "mkdocs.yml"):
        shutil.copy(ROOT / name, src / name)
    for name in ("content", "guides", "src/xinyu"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(base / "dist"), str(src)],
                          capture_output=True, text=True, timeout=600, env=_env())
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (built,) = (base / "dist").glob("xinyu-*.whl")
    return built


@pytest.fixture(scope="module")
def venv_bin(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv outside the repository with the wheel installed; returns its bin/ folder."""
    venv = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300, env=_env())
    py = venv / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # Dependencies (pinned, already installed for the tests) without downloading them again.
    (Path(purelib) / "xinyu-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    proc = subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                          capture_output=True, text=True, timeout=300, env=_env())
    assert proc.returncode == 0, proc.stderr[-3000:]
    where = subprocess.run([str(py), "-c", "import xinyu; print(xinyu.__file__)"], cwd=venv, env=_env(),
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(venv)), where  # xinyu comes from the wheel, not from the repository
    return venv / "bin"


def installed(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The `xinyu` command of the fresh venv, as an editor runs it."""
    return subprocess.run([str(bin_dir / "xinyu"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=900, env=_env(), stdin=subprocess.DEVNULL)


def test_wheel_carries_theme_starter_and_demo(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("xinyu/theme/main.html", "xinyu/theme/partials/xinyu-crisis.html",
                 "xinyu/theme/assets/stylesheets/xinyu.css", "xinyu/theme/assets/javascripts/xinyu-search.js",
                 "xinyu/data/starter/mkdocs.yml", "xinyu/demo/mkdocs.yml", "xinyu/demo/content/services/national.yml"):
        assert name in names
    theme = {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src/xinyu/theme").rglob("*") if p.is_file()}
    assert theme <= names


@pytest.mark.slow
def test_installed_init_then_preview_and_publish(venv_bin: Path, tmp_path: Path) -> None:
    work = tmp_path / "空文件夹"
    work.mkdir()
    proc = installed(venv_bin, "init", "门户", "--name", "某县心育门户", "--organiser", "某县教育局", cwd=work)
    assert proc.returncode == 0, proc.stderr
    portal = work / "门户"
    proc = installed(venv_bin, "build", "--preview", "--today", TODAY, cwd=portal)
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = portal / "site"
    home = (site / "index.html").read_text("utf-8")
    assert 'id="xy-crisis"' in home and "tel:12356" in home and "某县心育门户" in home
    assert "某县教育局" in home  # footer organiser
    for section in SECTIONS:
        assert (site / section / "index.html").is_file(), section
    for page in ("guides/shili-zhinan", "lessons/shili-jiaoan", "stories/shili-gushi", "services/shili-fuwu",
                 "events/shili-huodong", "services/12356"):
        assert (site / page / "index.html").is_file(), page
    for css in ("xinyu.css", "portal.css"):  # theme assets copied and linked although mkdocs.yml lists none
        assert (site / "assets/stylesheets" / css).is_file()
        assert f"assets/stylesheets/{css}" in home
    # The search index: term shards know the crisis line, the documents list the services page.
    terms: dict[str, object] = {}
    for shard in (site / "search").glob("t*.js"):
        terms.update(json.loads(re.match(r'xinyuSearch\.load\("[^"]+",(.*)\);\s*$', shard.read_text("utf-8"), re.S)[1]))
    assert "12356" in terms and "热线" in terms
    docs = "".join(p.read_text("utf-8") for p in (site / "search").glob("d*.js"))
    assert '"services/12356/"' in docs
    # Publishing refuses and names the starter examples at file:line.
    proc = installed(venv_bin, "build", "--today", TODAY, "-d", str(tmp_path / "pub"), cwd=portal)
    assert proc.returncode == 1
    out = proc.stdout + proc.stderr
    for where in ("content/lessons/shili-jiaoan.md:4:5: 错误 safety.example", "guides/shili-zhinan.md:22:1: 错误",
                  "content/services/shili-fuwu.yml:5:9: 错误 safety.example",
                  "content/services/national.yml:20:5: 错误 safety.unverified",
                  "content/stories/shili-gushi.md:1:1: 错误 safety.example"):
        assert where in out
    assert not (tmp_path / "pub").exists()


@pytest.mark.slow
def test_installed_package_builds_the_demo_byte_identical(venv_bin: Path, demo_site: Path, tmp_path: Path) -> None:
    demo = copy_demo(tmp_path / "示例 门户")
    proc = installed(venv_bin, "build", "--preview", "--today", TODAY, "-d", str(tmp_path / "site"), cwd=demo)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert tree(tmp_path / "site") == tree(demo_site)


@pytest.mark.slow
def test_installed_init_demo_copies_the_demo(venv_bin: Path, tmp_path: Path) -> None:
    proc = installed(venv_bin, "init", "demo", "--demo", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert tree(tmp_path / "demo" / "content") == tree(ROOT / "content")
    assert (tmp_path / "demo/mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()
