"""The link check against the real demo content, and against an independent checker (LinkChecker).

- Seeded mutations in a COPY of the demo: each broken link or reference is reported by
  `xinyu check` at its exact file, line and column, and nothing else changes.
- LinkChecker (anchor check on) crawling the built demo finds no broken internal link or anchor.
- The hello-algo corpus dropped into a copy of content/: `xinyu check` reports exactly its 506
  missing images, and LinkChecker finds the same broken links in the built HTML.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED, copy_demo
from xinyu.text.anchors import page_url

pytestmark = pytest.mark.slow

LINKCHECKER = Path(sys.executable).with_name("linkchecker")
HELLO_ALGO = SHARED / "corpus" / "hello-algo"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
_DIAG = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<level>错误|警告) (?P<code>\S+) ")

# Build the HTML even with broken links (downgraded to warnings), so an independent checker can
# look at what a broken link becomes; `xinyu build` itself refuses to build them.
LENIENT_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
import xinyu.checks.site as checks
from xinyu.diagnostics import Level
check = checks.check_links
def lenient(site, pages, claimed):
    report = check(site, pages, claimed)
    site.diags.items = [type(d)(d.loc, Level.WARNING, d.code, d.message, d.hint)
                        if d.code.startswith("link.") and d.level is Level.ERROR else d for d in site.diags.items]
    return report
checks.check_links = lenient
cfg = load_config("mkdocs.yml", site_dir=sys.argv[1])
cfg.plugins["xinyu"].config["preview"] = True
cfg.plugins["xinyu"].config["today"] = "2026-11-29"
build(cfg)
"""

# LinkChecker waits 0.1–0.6 s between requests to one host unless the server sends a "LinkChecker"
# header (tests/support.py does) and this rate allows more.
LINKCHECKER_INI = """\
[checking]
maxrequestspersecond=1000
[filtering]
ignore=
  ^mailto:
  ^tel:
  ^sms:
checkextern=0
[output]
[AnchorCheck]
"""


def check(root: Path) -> set[tuple[str, int, int, str]]:
    """Errors and warnings of `xinyu check` as (path, line, column, code)."""
    proc = subprocess.run([sys.executable, "-m", "xinyu.cli", "check", "--today", "2026-11-29"], cwd=root,
                          capture_output=True, text=True, env=ENV, timeout=900)
    assert proc.returncode in (0, 1), proc.stderr
    found = set()
    for line in proc.stdout.splitlines():
        m = _DIAG.match(line)
        if m:
            found.add((m["path"], int(m["line"]), int(m["col"]), m["code"]))
    return found


def mutate(root: Path, rel: str, needle: str, old: str, new: str) -> tuple[str, int, int]:
    """In the first line of `rel` containing `needle`, replace `old` by `new`; return where `new` is."""
    path = root / rel
    lines = path.read_text("utf-8").split("\n")
    for i, line in enumerate(lines):
        if needle in line and old in line:
            col = line.index(old)
            lines[i] = line[:col] + new + line[col + len(old):]
            path.write_text("\n".join(lines), "utf-8")
            return rel, i + 1, col + 1
    pytest.skip(f"demo content changed: no “{needle}” in {rel}")


def append(root: Path, rel: str, text: str, target: str) -> tuple[str, int, int]:
    """Append a line to `rel`; return where `target` sits in it."""
    path = root / rel
    body = path.read_text("utf-8").rstrip("\n") + "\n\n"
    path.write_text(body + text + "\n", "utf-8")
    return rel, body.count("\n") + 1, text.index(target) + 1


def test_seeded_mutations_are_each_reported_at_file_and_line(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    before = check(root)
    expected: set[tuple[str, int, int, str]] = set()

    def expect(where: tuple[str, int, int], code: str) -> None:
        expected.add((*where, code))

    # Markdown link targets
    expect(mutate(root, "content/index.md", "](lessons/index.md)", "lessons/index.md", "lessons/idnex.md"),
           "link.missing-page")
    expect(mutate(root, "content/about.md", "](editors/index.md)", "editors/index.md", "editor/index.md"),
           "link.missing-page")
    # anchors
    expect(append(root, "content/editors/index.md", "见[报告错误](../about.md#reprot)。", "../about.md#reprot"),
           "link.unknown-anchor")
    expect(append(root, "content/about.md", "见[上文](#bao-gao-cuo-wu-x)。", "#bao-gao"), "link.unknown-anchor")
    # raw HTML
    expect(append(root, "content/about.md", '<a href="idnex.md">首页</a>', "idnex.md"), "link.missing-page")
    expect(append(root, "content/about.md", '<img src="img/missing.png" alt="">', "img/missing.png"),
           "link.missing-file")
    # typed references in Markdown
    expect(mutate(root, "content/index.md", "](service:jiating-jiaoyu-rexian)", "service:jiating-jiaoyu-rexian",
                  "service:jiating-jiaoyu-rexain"), "ref.unknown")
    expect(mutate(root, "content/index.md", "](service:110)", "service:110", "service:1100"), "ref.unknown")
    # typed references in data (a guide question's YAML block; policies have no related links back)
    expect(mutate(root, "guides/shicao-30wen.md", "policies: [policy:gangyao-2012", "policy:gangyao-2012",
                  "policy:gangyao-2021"), "ref.unknown")
    expect(mutate(root, "guides/jiazhang-goutong.md", "policies: [policy:", "policy:", "policy:x"), "ref.unknown")

    after = check(root)
    assert before <= after, sorted(before - after)
    got = sorted(after - before)
    assert got == sorted(expected), f"unexpected: {sorted(set(got) - expected)}; missing: {sorted(expected - set(got))}"


def linkchecker(site: Path, tmp_path: Path) -> list[tuple[str, str, str]]:
    """Broken internal links and anchors LinkChecker finds crawling `site`: (page URL, link, why)."""
    from support.servers import serve

    if not LINKCHECKER.exists():
        pytest.skip("LinkChecker is not installed (pip install linkchecker==10.6.0, the test extra)")
    # Preview pages say noindex, nofollow; LinkChecker obeys that, so give it a copy without.
    crawl = tmp_path / "crawl"
    shutil.copytree(site, crawl)
    for page in crawl.rglob("*.html"):
        text = page.read_text("utf-8")
        if 'name="robots"' in text:
            page.write_text(text.replace('<meta name="robots" content="noindex, nofollow">', ""), "utf-8")
    ini = tmp_path / "linkchecker.ini"
    ini.write_text(LINKCHECKER_INI, "utf-8")
    with serve(crawl) as url:
        proc = subprocess.run([str(LINKCHECKER), "-f", str(ini), "--no-robots", "--no-status", "-t", "4",
                               "-o", "csv", url], capture_output=True, text=True, timeout=1800, env=ENV)
    rows = [line for line in proc.stdout.splitlines() if not line.startswith("#")]
    broken = []
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        anchor = "Anchor" in (row.get("warningstring") or "")
        if row.get("valid") == "False" or anchor:
            broken.append((row["parentname"].removeprefix(url), row["urlname"], row["result"] if not anchor else "anchor"))  # noqa: E501
    return broken


def test_independent_checker_finds_no_broken_links_in_demo(demo_site: Path, tmp_path: Path) -> None:
    assert linkchecker(demo_site, tmp_path) == []


@pytest.mark.skipif(not HELLO_ALGO.is_dir(), reason=f"needs the shared corpus at {HELLO_ALGO} (CI has it)")
def test_hello_algo_missing_images_agree_with_independent_checker(make_project, tmp_path: Path) -> None:
    # A book dropped into a small portal with no nav (MkDocs then lists every page: the book is
    # browsed through its own tree); the demo's own links are the test above.
    root = make_project()
    before = check(root)
    shutil.copytree(HELLO_ALGO, root / "content" / "hello-algo")
    # The book's raw HTML the HTML policy refuses, fixed as an editor would (same lines): its <id>
    # placeholders shown as text, its bilibili <iframe> removed.
    for page in (root / "content" / "hello-algo").rglob("*.md"):
        text = page.read_text("utf-8")
        fixed = re.sub(r"<iframe [^\n]*?</iframe>", "", text.replace("<id>", "&lt;id&gt;"))
        if fixed != text:
            page.write_text(fixed, "utf-8")
    after = check(root)
    new = after - before
    assert before <= after
    assert {code for *_, code in new} == {"link.missing-file"}
    assert len(new) == 506
    # What xinyu says is broken, as (page URL, link as written) ...
    ours: set[tuple[str, str]] = set()
    for path, line, col, _ in new:
        text = (root / path).read_text("utf-8").split("\n")[line - 1]
        m = re.match(r"\(?<?([^)\s>\"']+)", text[col - 1:])
        assert m, (path, line, col)
        ours.add((page_url(path.removeprefix("content/")), m.group(1)))
    # ... and what LinkChecker finds in the built HTML
    site = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-c", LENIENT_BUILD, str(site)], cwd=root, capture_output=True,
                          text=True, env=ENV, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    theirs = linkchecker(site, tmp_path)
    found = {(page, link) for page, link, _ in theirs}
    assert found == ours, f"only LinkChecker: {sorted(found - ours)[:10]} ({len(found - ours)}); " \
                          f"only xinyu: {sorted(ours - found)[:10]} ({len(ours - found)})"
