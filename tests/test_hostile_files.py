"""Hostile files: symlinks are never read, published or zipped; file-system oddities are
Chinese diagnostics at their path, never a traceback; broken front matter is an error at its line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.golden import xinyu_check
from xinyu import safefs
from xinyu.diagnostics import Diagnostics

SECRET = "root:x:0:0:TOP-SECRET-MARKER:/root:/bin/bash\n"


def _secret(tmp_path: Path) -> Path:
    outside = tmp_path / "outside" / "passwd"
    outside.parent.mkdir(parents=True, exist_ok=True)
    outside.write_text(SECRET, "utf-8")
    return outside


def _leaks(folder: Path) -> list[str]:
    return [p.as_posix() for p in folder.rglob("*") if p.is_file() and b"TOP-SECRET-MARKER" in p.read_bytes()]


def test_symlink_out_of_the_tree_fails_check_build_and_bundle(make_project, xinyu, tmp_path) -> None:
    root = make_project()
    secret = _secret(tmp_path)
    (root / "content/files").mkdir()
    (root / "content/files/passwd.txt").symlink_to(secret)
    (root / "content/mima.md").symlink_to(secret)
    check = xinyu("check", "--publish", "--today", "2026-11-29", cwd=root)
    assert check.returncode == 1, check.stdout
    for path in ("content/files/passwd.txt", "content/mima.md"):
        assert f"{path}:1:1: 错误 file.symlink 是一个符号链接（指向“{secret}”）" in check.stdout
    assert "Traceback" not in check.stdout + check.stderr
    build = xinyu("build", "--today", "2026-11-29", cwd=root)
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert "content/files/passwd.txt:1:1: 错误 file.symlink" in build.stderr
    assert not (root / "site").exists() or not _leaks(root / "site")
    out = tmp_path / "zip"
    out.mkdir()
    bundle = xinyu("bundle", "--today", "2026-11-29", "-o", str(out), cwd=root)
    assert bundle.returncode != 0 and "Traceback" not in bundle.stderr
    assert "content/mima.md:1:1: 错误 file.symlink" in bundle.stdout + bundle.stderr
    assert not _leaks(out) and not list(out.glob("*.zip"))


def test_symlink_inside_the_tree_is_an_error_too(make_project, xinyu) -> None:
    root = make_project({"content/about.md": "# 关于\n\n正文。\n"})
    (root / "content/copy.md").symlink_to("about.md")
    (root / "content/services/copy.yml").symlink_to("national.yml")
    (root / "content/vocab").mkdir()
    (root / "content/vocab/dictionary.txt").symlink_to("../about.md")  # the search vocabulary
    proc = xinyu("build", "--preview", "--today", "2026-11-29", cwd=root)
    assert proc.returncode == 1
    assert "content/copy.md:1:1: 错误 file.symlink 是一个符号链接（指向“about.md”）" in proc.stderr
    assert "content/services/copy.yml:1:1: 错误 file.symlink" in proc.stderr
    assert "content/vocab/dictionary.txt:1:1: 错误 file.symlink" in proc.stderr
    assert not (root / "site").exists()


def test_file_system_oddities_are_diagnostics_not_tracebacks(make_project, xinyu) -> None:
    root = make_project()
    (root / "content/broken.md").symlink_to("nowhere.md")
    (root / "content/loop.md").symlink_to("loop.md")
    (root / "content/up").symlink_to("..")  # a folder loop: MkDocs' own walk would follow it
    (root / "content/x.md").mkdir()
    (root / "content/services/x.yml").mkdir()
    (root / "content/lessons/y.md").mkdir(parents=True)
    (root / "guides").mkdir()
    (root / "guides/z.md").mkdir()
    check = xinyu_check(root, "--today", "2026-11-29")  # in-process: a traceback would fail the test
    out = check.stdout
    assert check.returncode == 1
    assert "content/broken.md:1:1: 错误 file.symlink 是一个失效的符号链接（指向的“nowhere.md”不存在）" in out
    assert "content/loop.md:1:1: 错误 file.symlink 是一个循环的符号链接" in out
    assert "content/up:1:1: 错误 file.symlink" in out
    for folder in ("content/x.md", "content/services/x.yml", "content/lessons/y.md", "guides/z.md"):
        assert f"{folder}:1:1: 错误 file.not-a-file" in out
    build = xinyu("build", "--preview", "--today", "2026-11-29", cwd=root, timeout=120)
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert "content/up:1:1: 错误 file.symlink" in build.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file; test_unreadable_file_is_reported covers it")
def test_chmod_000_file_is_an_error(make_project, xinyu) -> None:
    root = make_project({"content/secret.md": "# 秘密\n"})
    (root / "content/secret.md").chmod(0)
    proc = xinyu_check(root)
    assert "content/secret.md:1:1: 错误 file.unreadable 无法读取这个文件：没有读取权限" in proc.stdout


def test_unreadable_file_is_reported(tmp_path, monkeypatch) -> None:
    # As root a chmod 000 file is still readable: the refusal the kernel gives others is simulated.
    page = tmp_path / "secret.md"
    page.write_text("# 秘密\n", "utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safefs, "open", refuse, raising=False)
    diags = Diagnostics()
    assert safefs.read_source(page, "content/secret.md", diags) is None
    assert [d.format() for d in diags] == [
        "content/secret.md:1:1: 错误 file.unreadable 无法读取这个文件：没有读取权限"
        "（检查文件权限（例如运行 chmod a+r 该文件），或删除这个文件）"]


BROKEN_FRONT_MATTER = {
    "content/a-fullwidth.md": "---\ntitle：全角冒号\n---\n\n正文 A\n",
    "content/b-tab.md": "---\ntitle: 制表符\nhide:\n\t- toc\n---\n\n正文 B\n",
    "content/c-alias.md": "---\na: &a [x, x, x]\nb: [*a, *a, *a]\n---\n\n正文 C\n",
    "content/d-tag.md": "---\ntitle: !!python/object/apply:os.system [echo hi]\n---\n\n正文 D\n",
    "content/e-unclosed.md": "---\ntitle: 没有结束\n\n正文 E\n",
    "content/f-duplicate.md": "---\ntitle: 一\ntitle: 二\n---\n\n正文 F\n",
}


def test_broken_front_matter_is_an_error_at_its_line(make_project, xinyu) -> None:
    root = make_project(dict(BROKEN_FRONT_MATTER))
    proc = xinyu_check(root, "--today", "2026-11-29")
    out = proc.stdout
    assert proc.returncode == 1
    assert "content/a-fullwidth.md:2:6: 错误 yaml.front-matter 信息块里用了全角冒号“：”" in out
    assert "“title: …”" in out
    assert "content/b-tab.md:4:1: 错误 yaml.tab" in out
    assert "content/c-alias.md:2:4: 错误 yaml.alias" in out
    assert "content/d-tag.md:2:8: 错误 yaml.tag 不允许使用 YAML 标签 tag:yaml.org,2002:python/object/apply:os.system" in out
    assert "content/e-unclosed.md:1:1: 错误 yaml.front-matter-unclosed" in out
    assert "content/f-duplicate.md:3:1: 错误 yaml.duplicate-key" in out
    build = xinyu("build", "--preview", "--today", "2026-11-29", cwd=root)
    assert build.returncode == 1 and not (root / "site").exists()  # never published as body text


def test_good_front_matter_still_passes(make_project, xinyu) -> None:
    root = make_project({"content/about.md": "---\ntitle: 关于我们\nhide:\n  - toc\n...\n\n正文。\n"})
    proc = xinyu("build", "--preview", "--today", "2026-11-29", cwd=root)
    assert proc.returncode == 0, proc.stderr
    html = (root / "site/about/index.html").read_text("utf-8")
    assert "<title>关于我们" in html and "hide:" not in html
