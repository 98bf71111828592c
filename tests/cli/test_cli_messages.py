"""What an editor reads from the xinyu command is Chinese, and check --publish agrees with build."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import MINI_CONFIG, ROOT, copy_demo
from xinyu.text.mkdocsyml import read_mkdocs_yml

SUBCOMMANDS = ["build", "bundle", "check", "lock", "serve", "export", "new", "schema"]
ENGLISH = re.compile(r"usage:|positional arguments|options:|show this help|invalid choice|required|"
                     r"unrecognized|expected one argument|error:|"
                     r"\b(?!(?:YYYY|MM|DD|JSON|YAML|VS|SOURCE_DATE_EPOCH)\b)[A-Z][A-Z_]+\b")  # argparse's metavars


def test_help_of_the_command_and_every_subcommand_is_chinese(xinyu, tmp_path: Path) -> None:
    for args in [["--help"], *[[name, "--help"] for name in SUBCOMMANDS]]:
        proc = xinyu(*args, cwd=tmp_path, timeout=60)
        assert proc.returncode == 0, (args, proc.stderr)
        assert proc.stdout.startswith("用法：xinyu"), (args, proc.stdout)
        assert "显示本帮助并退出" in proc.stdout
        assert not ENGLISH.search(proc.stdout), (args, ENGLISH.search(proc.stdout), proc.stdout)


def test_usage_mistakes_are_explained_in_chinese(xinyu, tmp_path: Path) -> None:
    cases = {
        ("biuld",): "xinyu：错误：参数 命令：无效的选择“biuld”（可选：build、bundle、check",
        ("build", "--today"): "xinyu build：错误：参数 --today：需要一个值",
        ("export",): "xinyu export：错误：缺少必需的参数：目录",
        ("check", "--pubish"): "xinyu：错误：无法识别的参数：--pubish",
    }
    for args, message in cases.items():
        proc = xinyu(*args, cwd=tmp_path, timeout=60)
        assert proc.returncode == 2, args
        assert proc.stderr.startswith("用法：xinyu") and message in proc.stderr, (args, proc.stderr)
        assert not ENGLISH.search(proc.stderr), (args, proc.stderr)


def test_a_failed_first_build_does_not_claim_a_previous_site_was_kept(make_project, xinyu) -> None:
    root = make_project({"content/services/local.yml": "services:\n  - id: a\n    id: b\n"})
    proc = xinyu("build", cwd=root, timeout=300)
    assert proc.returncode == 1 and not (root / "site").exists()
    assert "构建失败，没有写出任何文件（site/ 未创建）" in proc.stderr
    assert "保持不变" not in proc.stderr


NAV_CONFIG = MINI_CONFIG + "validation:\n  omitted_files: warn\nnav:\n  - 首页: index.md\n"


def test_a_page_missing_from_nav_fails_check_publish_and_build_with_the_same_message(make_project, xinyu) -> None:
    root = make_project({"content/about.md": "# 关于\n\n[首页](index.md)\n"}, config=NAV_CONFIG)
    check = xinyu("check", "--publish", cwd=root, timeout=300)
    assert check.returncode == 1
    line = next(x for x in check.stdout.splitlines() if x.startswith("content/about.md:1:1: 警告 nav.omitted"))
    assert line.startswith("content/about.md:1:1: 警告 nav.omitted 这个页面不在 mkdocs.yml 的导航（nav）中")
    assert f"在 mkdocs.yml 第 {NAV_CONFIG.splitlines().index('nav:') + 1} 行的 nav 中加入 about.md" in line
    assert xinyu("check", cwd=root, timeout=300).returncode == 0  # preview builds are not strict
    build = xinyu("build", cwd=root, timeout=300)
    assert build.returncode == 1 and not (root / "site").exists()
    assert line in build.stderr.splitlines()
    assert "not included in the" not in build.stderr and "Aborted" not in build.stderr
    assert "发布版构建按严格模式进行，出现 2 个警告，已中止" in build.stderr  # nav.omitted and link.orphan
    assert xinyu("build", "--preview", cwd=root, timeout=300).returncode == 0


def _summary(text: str) -> list[str]:
    lines = text.splitlines()
    assert lines and lines[0].startswith("发布检查未通过：共 "), text[:2000]
    return lines[: 1 + next(i for i, x in enumerate(lines[1:]) if not re.match(r"\s+\d+ × ", x))]


def test_publishing_the_demo_starts_with_a_summary_grouped_by_code(tmp_path: Path, xinyu) -> None:
    root = copy_demo(tmp_path / "demo")
    build = xinyu("build", "--today", "2026-11-29", cwd=root, timeout=600)
    assert build.returncode == 1
    summary = _summary(build.stderr)
    total = int(re.search(r"共 (\d+) 个问题", summary[0]).group(1))  # type: ignore[union-attr]
    counts = [int(re.match(r"\s+(\d+) ×", x).group(1)) for x in summary[1:]]  # type: ignore[union-attr]
    assert sum(counts) == total and counts == sorted(counts, reverse=True) and len(counts) >= 2
    assert "safety.example" in summary[1] and "下一步：" in summary[1]
    assert total == sum(1 for x in build.stderr.splitlines() if re.match(r"\S+:\d+:\d+: 错误 ", x))
    check = xinyu("check", "--publish", "--today", "2026-11-29", cwd=root, timeout=600)
    assert check.returncode == 1 and _summary(check.stdout) == summary


def test_heading_anchors_have_a_chinese_title(make_project, xinyu) -> None:
    demo, _ = read_mkdocs_yml(ROOT / "mkdocs.yml")
    toc = next(e["toc"] for e in demo["markdown_extensions"] if isinstance(e, dict) and "toc" in e)
    assert toc["permalink"] is True
    config = MINI_CONFIG.replace("  - toc:\n", f"  - toc:\n      permalink: true\n"
                                               f"      permalink_title: {toc['permalink_title']}\n")
    root = make_project({"content/index.md": "# 首页\n\n## 第一节\n\n欢迎。\n"}, config=config)
    assert xinyu("build", cwd=root, timeout=300).returncode == 0
    html = (root / "site/index.html").read_text("utf-8")
    assert 'title="本节链接"' in html and "Permanent link" not in html
    # The exported, plugin-free config keeps it (and adds it where the source config had none).
    (root / "mkdocs.yml").write_text(config.replace(f"      permalink_title: {toc['permalink_title']}\n", ""))
    assert xinyu("export", str(root / "out"), cwd=root, timeout=300).returncode == 0
    exported = yaml.safe_load((root / "out/mkdocs.yml").read_text("utf-8"))
    ext = next(e["toc"] for e in exported["markdown_extensions"] if isinstance(e, dict) and "toc" in e)
    assert ext["permalink_title"] == "本节链接"


def test_mkdocs_own_warnings_reach_the_editor_in_chinese_at_their_line(tmp_path: Path) -> None:
    from xinyu.cli.mkdocs_msgs import Context, translate, translate_abort

    (tmp_path / "content").mkdir()
    (tmp_path / "content/a.md").write_text("# A\n\n见 [旧页](old.md)。\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nnav:\n  - a.md\n", "utf-8")
    ctx = Context(tmp_path, tmp_path / "content", tmp_path / "mkdocs.yml")
    link = translate("Doc file 'a.md' contains a link 'old.md', but the target is not found among documentation "
                     "files.", ctx, 30)
    assert link == ["content/a.md:3:1: 警告 link.missing-page 链接“old.md”指向的文件不存在"
                    "（改成正确的相对链接，或删去这个链接）"]
    nav = translate('The following pages exist in the docs directory, but are not included in the "nav" '
                    "configuration:\n  - b.md\n  - c/d.md", ctx, 30)
    assert nav is not None and [x.split(" ")[0] for x in nav] == ["content/b.md:1:1:", "content/c/d.md:1:1:"]
    assert "第 2 行的 nav" in nav[0]
    assert translate_abort("Aborted with 3 warnings in strict mode!") == \
        "发布版构建按严格模式进行，出现 3 个警告，已中止（警告也须先处理）"
