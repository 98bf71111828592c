"""`xinyu init`: a new portal that checks at once, never written over an existing folder; the package
theme under a site's own custom_dir."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from conftest import ROOT, run_xinyu, tree
from xinyu.editor.schema import OUT_DIR, render


def init(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`xinyu init` with no terminal on stdin (no questions asked: options or defaults)."""
    return run_xinyu("init", *args, cwd=cwd, stdin=subprocess.DEVNULL)


def test_init_refuses_a_non_empty_folder_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "已有"
    target.mkdir()
    (target / "笔记.md").write_text("# 我的笔记\n", "utf-8")
    before = tree(tmp_path)
    proc = init("已有", "--name", "某门户", cwd=tmp_path)
    assert proc.returncode == 2
    assert "错误：文件夹" in proc.stderr and "不是空的；xinyu init 不会覆盖已有文件" in proc.stderr
    assert tree(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["已有"]  # no temporary folder left behind
    (tmp_path / "文件").write_text("x", "utf-8")
    proc = init("文件", "--demo", cwd=tmp_path)
    assert proc.returncode == 2 and "已存在且不是文件夹" in proc.stderr
    assert (tmp_path / "文件").read_text("utf-8") == "x"


def test_init_writes_a_portal_that_checks_clean(tmp_path: Path) -> None:
    (tmp_path / "空").mkdir()  # an existing empty folder is fine
    proc = init("空", "--name", "某县心育门户", "--organiser", "某县教育局", "--url", "https://xinyu.moxian.edu.cn",
                cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "已新建门户" in proc.stderr
    root = tmp_path / "空"
    config = (root / "mkdocs.yml").read_text("utf-8")
    assert 'site_name: "某县心育门户"' in config and 'organiser: "某县教育局"' in config
    assert 'site_url: "https://xinyu.moxian.edu.cn/"' in config
    assert not re.search(r"^\s*custom_dir:", config, re.M)  # the theme comes with the package
    # The national lines and the vocabulary are the demo's own files.
    for rel in ("content/services/national.yml", "content/vocab/synonyms.yml", "content/school-calendar.yml"):
        assert (root / rel).read_bytes() == (ROOT / rel).read_bytes(), rel
    for rel in (".editorconfig", ".gitignore", "README.md", ".vscode/extensions.json",
                "content/events/sequence.lock.yml"):
        assert (root / rel).is_file(), rel
    # Schemas and VS Code settings are what `xinyu schema` writes: it finds nothing to update.
    files, _ = render("content", OUT_DIR)
    assert sorted(p.name for p in (root / OUT_DIR).iterdir()) == sorted(files)
    proc = run_xinyu("schema", "--check", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "yaml.schemas" in json.loads((root / ".vscode/settings.json").read_text("utf-8"))
    proc = run_xinyu("check", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "发现 0 个错误、0 个警告" in proc.stderr
    proc = run_xinyu("check", "--publish", cwd=root)
    assert proc.returncode == 1
    assert "content/events/events-shili.yml:" in proc.stdout and "content/policies.yml:3:9: 错误 safety.policy-source" in proc.stdout


def test_init_without_options_or_terminal_uses_the_defaults(tmp_path: Path) -> None:
    proc = init("p", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    config = (tmp_path / "p/mkdocs.yml").read_text("utf-8")
    assert 'site_name: "心理健康教育资源门户"' in config and 'site_url: "http://xinyu.localhost/"' in config


def test_site_custom_dir_wins_over_the_package_theme(make_project, xinyu, tmp_path: Path) -> None:
    from conftest import MINI_CONFIG

    config = MINI_CONFIG.replace("  name: material\n", "  name: material\n  custom_dir: mine\n")
    root = make_project({
        "mine/partials/copyright.html": '<div class="md-copyright">本校自己的页脚</div>\n',
        "mine/assets/stylesheets/xinyu.css": "/* the school's own */\n",
    }, config=config)
    proc = xinyu("build", "--preview", "--today", "2026-11-29", "-d", str(tmp_path / "site"), cwd=root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    home = (tmp_path / "site/index.html").read_text("utf-8")
    assert "本校自己的页脚" in home
    assert 'id="xy-crisis"' in home  # the rest of the package theme still applies
    assert (tmp_path / "site/assets/stylesheets/xinyu.css").read_text("utf-8") == "/* the school's own */\n"
    assert (tmp_path / "site/assets/javascripts/xinyu-search.js").is_file()
