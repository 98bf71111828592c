"""The xinyu command on tiny real projects: check, build (atomic), preview, export."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from conftest import tree

BAD_INPUTS = {
    "broken": (b"services:\n  - id: a\n    name: [unclosed\n", "content/services/bad.yml:4:", "yaml.syntax"),
    "duplicate": (
        b"services:\n  - id: a\n    id: b\n",
        "content/services/bad.yml:3:5: 错误 yaml.duplicate-key",
        "yaml.duplicate-key",
    ),
    "tab": (b"services:\n\t- id: a\n", "content/services/bad.yml:2:1: 错误 yaml.tab", "yaml.tab"),
    "gbk": (
        "services:\n  - id: a\n    name: 家长沙龙\n".encode("gbk"), "content/services/bad.yml:3:", "file.encoding"
    ),
    "alias-bomb": (
        (
            "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
            + "".join(
                f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            )
        ).encode(),
        "content/services/bad.yml:1:4: 错误 yaml.alias",
        "yaml.alias",
    ),
}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def test_each_bad_yaml_fails_check_with_file_and_line(make_project, xinyu) -> None:
    for name, (raw, where, code) in BAD_INPUTS.items():
        root = make_project({"content/services/bad.yml": raw})
        proc = xinyu("check", cwd=root, timeout=60, preexec_fn=_limit_memory)
        assert proc.returncode == 1, (name, proc.stdout, proc.stderr)
        lines = [line for line in proc.stdout.splitlines() if code in line]
        assert lines and lines[0].startswith(where), (name, proc.stdout)


def test_all_problems_are_reported_in_one_pass(make_project, xinyu) -> None:
    root = make_project(
        {
            "content/services/a.yml": "services:\n  - id: a\n    id: b\n",
            "content/services/b.yml": "services:\n  - id: Bad_Id\n    name: 乙\n    type: 心理援助\n"
            "    channels:\n      - number: '12365'\n        hours: {always: true}\n    colour: red\n",
            "content/page.md": "# 页\n\n[热线](service:12365)\n",
        }
    )
    proc = xinyu("check", cwd=root)
    assert proc.returncode == 1
    out = proc.stdout
    assert "content/services/a.yml:3:5: 错误 yaml.duplicate-key" in out
    assert "content/services/b.yml:2:9: 错误 schema.string-pattern-mismatch" in out
    assert "content/services/b.yml:8:5: 错误 schema.extra-forbidden" in out
    assert "content/services/b.yml:6:17: 错误 schema.value-error “12365”不在全国短号码白名单中" in out
    assert "content/page.md:3:6: 错误 ref.unknown" in out and "service:12356" in out


def test_reference_to_missing_id_fails_with_suggestion(make_project, xinyu) -> None:
    root = make_project({"content/help.md": "# 求助\n\n打 [心理援助热线](service:12365)。\n"})
    proc = xinyu("build", "--preview", cwd=root)
    assert proc.returncode == 1
    assert "content/help.md:3:12: 错误 ref.unknown 引用“service:12365”指向不存在的条目（你是不是想引用 service:12356？）" in proc.stderr
    assert not (root / "site").exists()


def test_valid_reference_becomes_working_link(make_project, xinyu) -> None:
    root = make_project({"content/help/index.md": "# 求助\n\n打 [心理援助热线](service:12356)。\n"})
    proc = xinyu("build", cwd=root)
    assert proc.returncode == 0, proc.stderr
    html = (root / "site/help/index.html").read_text("utf-8")
    assert 'href="../services/12356/"' in html
    assert (root / "site/services/12356/index.html").is_file()


def test_failed_build_leaves_previous_site_untouched(make_project, xinyu) -> None:
    root = make_project()
    assert xinyu("build", cwd=root).returncode == 0
    before = tree(root / "site")
    (root / "content/services/national.yml").write_text("services:\n  - id: x\n    id: y\n", "utf-8")
    proc = xinyu("build", cwd=root)
    assert proc.returncode == 1 and "原有的 site/ 保持不变" in proc.stderr
    assert tree(root / "site") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


def test_publishing_refuses_examples_and_preview_marks_them(make_project, xinyu) -> None:
    example = (
        "services:\n  - id: xiao-rexian\n    name: 学校心理热线\n    type: 心理援助\n    example: true\n"
        "    channels:\n      - number: 0574-6300 0001\n        hours: {text: 工作日}\n"
    )
    root = make_project({"content/services/school.yml": example})
    proc = xinyu("build", cwd=root)
    assert proc.returncode == 1
    assert "content/services/school.yml:2:9: 错误 safety.example" in proc.stderr
    proc = xinyu("build", "--preview", cwd=root)
    assert proc.returncode == 0, proc.stderr
    page = (root / "site/services/xiao-rexian/index.html").read_text("utf-8")
    assert "0574-6300 0001（示例号码）" in page and "tel:+86-574-6300" not in page
    for html in (root / "site").rglob("*.html"):
        text = html.read_text("utf-8")
        if "<head" in text:
            assert '<meta name="robots" content="noindex, nofollow">' in text, html
            assert "预览版：含示例内容，不得公开发布" in text, html


def test_source_data_is_not_published(make_project, xinyu) -> None:
    root = make_project({"content/data/notes.yaml": "a: 1\n"})
    proc = xinyu("build", "--preview", cwd=root)  # a YAML file nothing reads is a warning (file.unread)
    assert proc.returncode == 0 and "file.unread" in proc.stderr
    assert not [p for p in (root / "site").rglob("*") if p.suffix in (".yml", ".yaml")]


def test_usage_errors_exit_2(make_project, xinyu, tmp_path: Path) -> None:
    assert xinyu("check", cwd=tmp_path).returncode == 2
    root = make_project({"mkdocs.yml": "site_name: x\ndocs_dir: content\n"})
    proc = xinyu("check", cwd=root)
    assert proc.returncode == 2 and "xinyu" in proc.stderr


def test_a_bad_date_is_a_usage_error_not_a_crash(make_project, xinyu, monkeypatch) -> None:
    root = make_project()
    for command in ("check", "build"):
        proc = xinyu(command, "--today", "2026-13-01", cwd=root)
        assert proc.returncode == 2 and "日期“2026-13-01”无效" in proc.stderr and "Traceback" not in proc.stderr
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "next week")
    proc = xinyu("check", cwd=root)
    assert proc.returncode == 2 and "SOURCE_DATE_EPOCH" in proc.stderr and "Traceback" not in proc.stderr
    assert not (root / "site").exists()


def test_export_builds_with_plain_mkdocs(make_project, xinyu) -> None:
    root = make_project({"content/help.md": "# 求助页\n\n## 打电话\n\n打 [热线](service:12356)，见[下文](#da-dian-hua)。\n"})
    proc = xinyu("export", "out", cwd=root)
    assert proc.returncode == 0, proc.stderr
    config = (root / "out/mkdocs.yml").read_text("utf-8")
    assert "plugins:" not in config or "- xinyu" not in config
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "out/mkdocs.yml", "-d", "built"],
        cwd=root, capture_output=True, text=True, env=env,
    )
    assert build.returncode == 0, build.stderr
    help_html = (root / "out/built/help/index.html").read_text("utf-8")
    assert 'href="../services/12356/"' in help_html and 'id="da-dian-hua"' in help_html
    assert "tel:12356" in help_html  # the crisis line travels in extra.xinyu


def test_a_yaml_file_nothing_reads_is_reported_not_silently_ignored(make_project, xinyu) -> None:
    from conftest import CRISIS

    root = make_project({
        "content/services-extra.yml": CRISIS.replace('"12356"', '"12355"'),  # beside services/, not in it
        "content/services/.drafts/old.yml": "services: []\n",  # hidden folders are the editor's own
    })
    proc = xinyu("check", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert ("content/services-extra.yml:1:1: 警告 file.unread 没有哪个栏目读取这个 YAML 文件：其中的内容不会出现在网站上"
            "（文件名或位置与 content/services/national.yml 相近") in proc.stdout
    assert "old.yml" not in proc.stdout
    # the publishing build does not drop it quietly either
    build = xinyu("build", cwd=root)
    assert build.returncode == 1 and "file.unread" in build.stdout + build.stderr
    (root / "content/services-extra.yml").rename(root / "content/services/extra.yml")
    assert xinyu("build", cwd=root).returncode == 0
