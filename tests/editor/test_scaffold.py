"""`xinyu new`: a starting file for each kind that `xinyu check` accepts, never overwriting anything."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import copy_demo, tree
from conftest import run_xinyu as cli
from xinyu.editor.write import insert_item

TODAY = "2026-11-29"

# kind as an editor types it, id, title, the file written, the page it becomes (directory URLs)
NEW = [
    ("教案", "qingxu-tiaoshi-xin", "情绪调适新课", "content/lessons/qingxu-tiaoshi-xin.md",
     "lessons/qingxu-tiaoshi-xin/index.html"),
    ("故事", "yeye-de-wanju", "爷爷做的玩具", "content/stories/yeye-de-wanju.md", "stories/yeye-de-wanju/index.html"),
    ("指南", "xinjiaoshi-shouce", "新教师入门手册", "guides/xinjiaoshi-shouce.md",
     "guides/xinjiaoshi-shouce/index.html"),
    ("热线", "xinli-zixun-zhan", "某街道心理咨询站", "content/services/xinli-zixun-zhan.yml",
     "services/xinli-zixun-zhan/index.html"),
    ("event", "dajiangtang-xin", "家长讲座新场次", "content/events/events-dajiangtang-xin.yml",
     "events/dajiangtang-xin/index.html"),
    ("系列", "fuqin-shalong", "父亲沙龙", "content/events/series.yml", "events/series/fuqin-shalong/index.html"),
    ("讲座", "qinzi-yuedu", "亲子共读的门道", "content/events/menu.yml", "events/menu/index.html"),
    ("policy", "ceshi-wenjian", "某某工作通知", "content/policies.yml", "guides/policies/index.html"),
]
SCHEMES = {"教案": "lesson", "故事": "story", "指南": "guide", "热线": "service", "event": "event",
           "系列": "series", "讲座": "menu", "policy": "policy"}
APPENDED = ("content/events/series.yml", "content/events/menu.yml", "content/policies.yml")


@dataclass
class Scaffolded:
    """The demo copy after `xinyu new` of every kind, and what each step printed."""

    root: Path
    before: dict[str, bytes]  # the appended-to files as they were
    runs: list[subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Scaffolded:
    root = copy_demo(tmp_path_factory.mktemp("scaffold") / "demo")
    before = {rel: (root / rel).read_bytes() for rel in APPENDED}
    runs = [cli("new", kind, ident, "--title", title, "--today", TODAY, cwd=root) for kind, ident, title, *_ in NEW]
    return Scaffolded(root, before, runs)


def test_every_kind_is_written_where_its_kind_reads_it(scaffolded: Scaffolded) -> None:
    for (kind, ident, _title, rel, _page), proc in zip(NEW, scaffolded.runs, strict=True):
        assert proc.returncode == 0, (kind, proc.stderr)
        assert rel in proc.stderr and f"{SCHEMES[kind]}:{ident}" in proc.stderr
        assert "填写" in (scaffolded.root / rel).read_text("utf-8")


def test_the_project_still_checks_and_every_new_entry_can_be_linked(scaffolded: Scaffolded) -> None:
    proc = cli("check", "--today", TODAY, cwd=scaffolded.root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 个错误、0 个警告" in proc.stderr
    # a hand-written page linking every new entry by typed reference: all of them resolve
    links = "\n".join(f"- [{title}]({SCHEMES[kind]}:{ident})" for kind, ident, title, *_ in NEW)
    page = scaffolded.root / "content" / "xin-tiaomu.md"
    page.write_text(f"# 新条目\n\n{links}\n", "utf-8")
    try:
        proc = cli("check", "--today", TODAY, cwd=scaffolded.root)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "ref.unknown" not in proc.stdout
        page.write_text("# 新条目\n\n- [没有的](lesson:qingxu-tiaoshi-xinn)\n", "utf-8")  # the check can fail
        assert cli("check", "--today", TODAY, cwd=scaffolded.root).returncode == 1
    finally:
        page.unlink()


def test_the_publishing_check_refuses_the_drafts(scaffolded: Scaffolded) -> None:
    out = cli("check", "--publish", "--today", TODAY, cwd=scaffolded.root).stdout
    for rel, code in (("content/lessons/qingxu-tiaoshi-xin.md", "safety.example"),
                      ("content/stories/yeye-de-wanju.md", "safety.example"),
                      ("guides/xinjiaoshi-shouce.md", "safety.example-unreviewed"),
                      ("content/services/xinli-zixun-zhan.yml", "safety.example"),
                      ("content/policies.yml", "safety.policy-source"),
                      # unfilled placeholders block publishing even where an entry has no example flag
                      ("content/events/menu.yml", "safety.placeholder"),
                      ("content/lessons/qingxu-tiaoshi-xin.md", "safety.placeholder"),
                      ("guides/xinjiaoshi-shouce.md", "safety.placeholder")):
        assert any(line.startswith(rel + ":") and f"错误 {code}" in line for line in out.splitlines()), (rel, code)


def test_appended_files_keep_every_byte_around_the_new_block(scaffolded: Scaffolded) -> None:
    for rel in APPENDED:
        old, new = scaffolded.before[rel], (scaffolded.root / rel).read_bytes()
        if rel != "content/events/menu.yml":
            assert new.startswith(old), rel  # the list ends the file: a pure append
        # in every file, the new bytes are the old ones with one block of whole lines inserted
        k = next((i for i in range(len(old)) if old[i] != new[i]), len(old))
        k = old.rfind(b"\n", 0, k) + 1
        tail = len(old) - k
        assert new[:k] == old[:k] and new[len(new) - tail:] == old[k:], rel
        assert b"- id: " in new[k:len(new) - tail]
    menu = (scaffolded.root / "content/events/menu.yml").read_text("utf-8")
    assert menu.index("id: qinzi-yuedu") < menu.index("\nexample: true")  # inside topics, not after the list


def test_running_new_twice_is_refused_and_changes_nothing(scaffolded: Scaffolded) -> None:
    files = {**tree(scaffolded.root / "content"), **{f"g/{k}": v for k, v in tree(scaffolded.root / "guides").items()}}
    for kind, ident, _title, rel, _page in NEW:
        proc = cli("new", kind, ident, "--today", TODAY, cwd=scaffolded.root)
        assert proc.returncode == 2, (kind, proc.stderr)
        assert rel in proc.stderr, proc.stderr  # names the file holding the entry
    again = {**tree(scaffolded.root / "content"), **{f"g/{k}": v for k, v in tree(scaffolded.root / "guides").items()}}
    assert again == files


def test_ids_of_existing_entries_are_refused_with_their_line(scaffolded: Scaffolded) -> None:
    for kind, ident, where in (("活动", "shalong-2026-09", "content/events/events-2026-2027.yml:6"),
                               ("热线", "12356", "content/services/national.yml:"),
                               ("讲座", "ruyuan-shiying", "content/events/menu.yml:10"),
                               ("教案", "qingxu-xiao-guaishou", "content/lessons/qingxu-xiao-guaishou.md:")):
        proc = cli("new", kind, ident, cwd=scaffolded.root)
        assert proc.returncode == 2 and where in proc.stderr, proc.stderr


def test_the_preview_build_has_a_page_for_every_new_entry_with_its_title(scaffolded: Scaffolded) -> None:
    site = scaffolded.root / "site"
    proc = cli("build", "--preview", "--today", TODAY, "-d", str(site), cwd=scaffolded.root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for _kind, _ident, title, _rel, page in NEW:
        html = (site / page).read_text("utf-8")
        assert title in html, page
    assert "qinzi-yuedu" in (site / "events/menu/index.html").read_text("utf-8")
    assert "0574-6300 09" in (site / "services/xinli-zixun-zhan/index.html").read_text("utf-8")
    assert "tel:+86-574-6300-09" not in (site / "services/xinli-zixun-zhan/index.html").read_text("utf-8")


def test_bad_ids_and_kinds_are_usage_errors_and_write_nothing(
    make_project: Callable[..., Path], xinyu: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    root = make_project()
    before = tree(root)
    proc = xinyu("new", "教案", "情绪调适", "--title", "情绪调适", cwd=root)
    assert proc.returncode == 2 and "qing-xu-tiao-shi" in proc.stderr
    for args in (("教案", "Qingxu"), ("lesson", "x-"), ("故事", "a_b"), ("食谱", "x"), ("教案", "index"),
                 ("教案", "ok-id", "--xueduan", "大学")):
        proc = xinyu("new", *args, cwd=root)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.startswith("错误："), proc.stderr
    proc = xinyu("new", "讲座", "qinzi", cwd=root)  # no speakers yet: says what to do first
    assert proc.returncode == 2 and "speakers.yml" in proc.stderr
    assert tree(root) == before


def test_list_of_kinds(make_project: Callable[..., Path],
                       xinyu: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    root = make_project()
    for args in (("new",), ("new", "--list")):
        proc = xinyu(*args, cwd=root)
        assert proc.returncode == 0
        for name in ("教案", "故事", "指南", "热线", "活动", "系列", "讲座", "政策"):
            assert name in proc.stdout


def test_a_tiny_project_gets_its_first_policy_and_service_files(
    make_project: Callable[..., Path], xinyu: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    root = make_project()
    assert xinyu("new", "政策", "diyi-wenjian", cwd=root).returncode == 0
    assert xinyu("new", "服务", "zhan", "--title", "某站", cwd=root).returncode == 0
    text = (root / "content/services/zhan.yml").read_text("utf-8")
    assert "example: true" in text and "0574-6300 0900" in text and "\n    verification:" not in text
    proc = xinyu("check", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    publish = xinyu("check", "--publish", cwd=root).stdout
    assert "content/policies.yml:4:12: 错误 safety.placeholder 还有 2 处" in publish
    policies = root / "content/policies.yml"
    policies.write_text(policies.read_text("utf-8").replace("（填写：文件全称，不带书名号）", "某某通知")
                        .replace("（填写：发布机关）", "某某局"), "utf-8")
    publish = xinyu("check", "--publish", cwd=root).stdout
    codes = {line.split()[2] for line in publish.splitlines() if line.startswith("content/policies.yml:")}
    # filled in: of the safety problems only the missing source still blocks publishing
    assert {c for c in codes if c.startswith("safety.")} == {"safety.policy-source"}
    # a broken entry the loader skipped still holds its id
    (root / "content/services/broken.yml").write_text("services:\n  - id: jiu-zhan\n    name: 旧站\n", "utf-8")
    proc = xinyu("new", "服务", "jiu-zhan", cwd=root)
    assert proc.returncode == 2 and "content/services/broken.yml:2" in proc.stderr


def test_insert_item_keeps_layout_and_follows_the_files_indentation() -> None:
    flush = "# c\nitems:\n- id: a\n  x: |\n    text\n# trailing comment\nother: 1"
    new, first = insert_item(flush, "items", "  - id: b\n    x: 1\n")
    assert new == "# c\nitems:\n- id: a\n  x: |\n    text\n- id: b\n  x: 1\n# trailing comment\nother: 1"
    assert first == 6
    spaced = "items:\n  - id: a\n\n  - id: b  # note\n"
    new, first = insert_item(spaced, "items", "  - id: c\n")
    assert new == spaced + "\n  - id: c\n" and first == 6
    no_newline = "items:\n  - {id: a}"
    assert insert_item(no_newline, "items", "  - id: b\n")[0] == "items:\n  - {id: a}\n  - id: b\n"


def test_a_draft_that_breaks_the_check_is_undone(make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import dataclasses

    from xinyu.cli import new as cli_new
    from xinyu.cli.main import parser
    from xinyu.kinds import lesson, policy

    def template(kind: object, text: Callable[..., str]) -> None:  # the kind's spec with another template
        spec = kind.KIND.editors[0]  # type: ignore[attr-defined]
        monkeypatch.setattr(kind.KIND, "editors", (dataclasses.replace(spec, template=text),))  # type: ignore[attr-defined]

    def new(*args: str) -> int:  # in process (no logging set-up), so a template can be replaced
        return cli_new.cmd_new(parser().parse_args(["new", *args]))

    root = make_project({"content/policies.yml": "# 政策文件\npolicies:\n  - id: a\n    title: 甲\n    issuer: 乙\n"
                                                 "    source: 丙\n"})
    before = tree(root)
    monkeypatch.chdir(root)
    # a template whose entry duplicates a field: the check after writing reports it at the new line
    template(policy, lambda c: f"  - id: {c.id}\n    title: 丁\n    title: 戊\n")
    assert new("政策", "b") == 1
    out = capsys.readouterr()
    assert "content/policies.yml:9" in out.out and "已撤销" in out.err
    template(lesson, lambda c: "---\nid: x\n---\n")  # file name ≠ id
    assert new("教案", "y") == 1
    assert tree(root) == before
