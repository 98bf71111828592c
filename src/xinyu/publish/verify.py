"""``xinyu verify SITE_DIR``: is this built site, from whatever engine, safe to upload?

Fails closed: a site is accepted only with xinyu's attestation (attest.py), its pages exactly
as attested, the crisis line on every page, and, for a publishing build, no preview marks and no
example numbers. Reads only the built files: no MkDocs, no mkdocs.yml needed.
Exit status: 0 verified, 1 failed, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics, Loc, summary
from . import attest

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
CRISIS_ID = "xy-crisis"  # theme/partials/xinyu-crisis.html: the bar before the header
PREVIEW_CLASS = "xy-preview"  # the 预览版 banner in the same partial
EXAMPLE_TEXT = "（示例号码）"  # how every generated example number is shown
EXAMPLE_CLASS = "xy-example-number"
REBUILD = "用 xinyu build 重新构建，不要上传这个目录"


@dataclass
class PageMarks:
    """What verify looks for in one HTML page, with the line each was first seen on."""

    crisis: bool = False  # the crisis bar (id="xy-crisis") is there
    crisis_tel: int = 0  # tel: links inside it
    preview: int = 0  # line of the 预览版 banner, 0 if none
    noindex: int = 0  # line of <meta name="robots" content="noindex…">
    example: int = 0  # line of an example number
    _depth: int = field(default=0, repr=False)  # open elements inside the crisis bar


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks = PageMarks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        m, line = self.marks, self.getpos()[0]
        classes = a.get("class", "").split()
        if m._depth:
            if tag not in _VOID:
                m._depth += 1
            if tag == "a" and a.get("href", "").strip().lower().startswith("tel:"):
                m.crisis_tel += 1
        elif a.get("id") == CRISIS_ID and tag not in _VOID:
            m.crisis, m._depth = True, 1
        if PREVIEW_CLASS in classes and not m.preview:
            m.preview = line
        if EXAMPLE_CLASS in classes and not m.example:
            m.example = line
        if tag == "meta" and a.get("name", "").lower() == "robots" and "noindex" in a.get("content", "").lower():
            m.noindex = m.noindex or line

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self.marks._depth and tag not in _VOID:
            self.marks._depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if self.marks._depth and tag not in _VOID:
            self.marks._depth -= 1

    def handle_data(self, data: str) -> None:
        if EXAMPLE_TEXT in data and not self.marks.example:
            self.marks.example = self.getpos()[0] + data[:data.index(EXAMPLE_TEXT)].count("\n")


def scan_page(html: str) -> PageMarks:
    """The crisis bar, preview marks and example numbers found in one page."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    return scan.marks


@dataclass
class Report:
    """The outcome of verifying one site."""

    diagnostics: Diagnostics
    attestation: dict[str, Any] | None
    pages: int

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.diagnostics.errors

    @property
    def preview(self) -> bool:
        """True for a site attested as a preview build."""
        return bool(self.attestation) and self.attestation.get("mode") == "preview"  # type: ignore[union-attr]


def _check_attestation(site: Path, diags: Diagnostics) -> dict[str, Any] | None:
    where = Loc(attest.NAME)
    try:
        data = attest.read(site)
    except (OSError, ValueError) as exc:
        diags.error(where, "verify.bad-attestation", f"构建证明无法读取：{exc}", REBUILD)
        return None
    if data is None:
        diags.error(where, "verify.no-attestation",
                    "没有构建证明 xinyu-attestation.json：这个网站构建时没有运行 xinyu 的检查"
                    "（例如 mkdocs.yml 的 plugins 中去掉了 xinyu，或换用了不运行插件的引擎），"
                    "示例号码和未审核的内容可能在里面", REBUILD)
        return None
    if data.get("mode") not in ("safe", "preview"):
        diags.error(where, "verify.bad-attestation",
                    f"构建证明的 mode 应为 safe 或 preview，而不是“{data.get('mode')}”", REBUILD)
        return None
    checks = data.get("checks") or {}
    if data["mode"] == "safe":
        found = [(checks.get("errors", 1), "个错误"), (checks.get("warnings", 1), "个警告")]
        bad = "、".join(f"{n} {what}" for n, what in found if n)
        if bad:
            diags.error(where, "verify.unclean-build", f"发布版构建时检查发现 {bad}，不能发布",
                        "按 xinyu build 列出的问题逐条修改后重新构建")
        if not data.get("strict"):
            diags.error(where, "verify.not-strict", "发布版没有按严格模式构建（警告没有当作错误）",
                        "用 xinyu build（或引擎的 build --strict）重新构建")
    return data


def _check_pages(site: Path, data: dict[str, Any] | None, diags: Diagnostics) -> int:
    attested: dict[str, str] = data["pages"] if data else {}
    pages = attest.html_pages(site)
    safe = bool(data) and data.get("mode") == "safe"  # type: ignore[union-attr]
    for rel in sorted(set(attested) - set(pages)):
        diags.error(Loc(rel), "verify.page-missing", "构建证明中的这个网页不见了", REBUILD)
    for rel in pages:
        path = site / rel
        if data is not None:
            if rel not in attested:
                diags.error(Loc(rel), "verify.page-added", "这个网页是构建之后加进来的，没有经过 xinyu 的检查", REBUILD)
            elif attest.page_digest(path) != attested[rel]:
                diags.error(Loc(rel), "verify.page-changed", "这个网页在构建之后被改过，与构建证明不符",
                            "不要手工修改 site/ 中的文件：改 content/ 后重新构建")
        marks = scan_page(path.read_text("utf-8", errors="replace"))
        if not marks.crisis or not marks.crisis_tel:
            what = "没有心理危机求助栏" if not marks.crisis else "求助栏里没有可以拨打的号码（tel: 链接）"
            diags.error(Loc(rel), "verify.no-crisis-line", f"页面{what}",
                        "每页顶部都必须有 id=\"xy-crisis\" 的求助热线"
                        "（xinyu 主题的 partials/xinyu-crisis.html，由 xinyu 插件加入）；"
                        "检查主题覆盖和热线目录后重新构建")
        if safe:
            if marks.preview:
                diags.error(Loc(rel, marks.preview), "verify.preview-mark", "发布版的页面上有“预览版”横幅", REBUILD)
            if marks.noindex:
                diags.error(Loc(rel, marks.noindex), "verify.noindex", "发布版的页面禁止搜索引擎收录（noindex）",
                            REBUILD)
            if marks.example:
                diags.error(Loc(rel, marks.example), "verify.example-number", "发布版的页面上有示例号码",
                            "把示例号码换成核实过的真实号码后重新构建")
    return len(pages)


def verify(site: Path) -> Report:
    """Check a built site: attestation present and matching, crisis line everywhere, no preview marks."""
    diags = Diagnostics()
    data = _check_attestation(site, diags)
    pages = _check_pages(site, data, diags)
    if not pages:
        diags.error(Loc(site.name or str(site)), "verify.no-pages", "目录里没有网页（.html）",
                    "SITE_DIR 应是构建输出的目录，例如 site/")
    return Report(diags, data, pages)


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``xinyu verify`` on the CLI's sub-command parsers."""
    v = sub.add_parser("verify", help="上传前检查构建好的网站：有构建证明、网页未被改动、每页有求助热线、"
                                      "发布版无预览标记和示例号码")
    v.add_argument("site_dir", metavar="网站目录", help="构建输出的目录，例如 site/")
    v.add_argument("--publish", action="store_true", help="只接受发布版：预览版也算失败（上传脚本用）")
    v.set_defaults(func=run, needs_config=False)
    return v


def run(args: argparse.Namespace) -> int:
    """Run ``xinyu verify``; print every problem, then one summary line."""
    site = Path(args.site_dir)
    if not site.is_dir():
        print(f"错误：网站目录 {site} 不存在", file=sys.stderr)
        return EXIT_USAGE
    report = verify(site)
    for d in report.diagnostics.sorted():
        print(d.format())
    data = report.attestation or {}
    about = f"{report.pages} 个网页，xinyu {data.get('xinyu_version', '?')}，构建日期 {data.get('build_date', '?')}"
    if not report.ok:
        why = "；这个网站没有经过 xinyu 的检查" if data == {} else ""
        print(f"xinyu verify：未通过，{summary(report.diagnostics)}{why}，不能上传", file=sys.stderr)
        return EXIT_FAILED
    if report.preview:
        if getattr(args, "publish", False):
            print(f"xinyu verify：未通过：这是预览版（{about}），含示例内容，不得公开发布；"
                  "用 xinyu build（不加 --preview）构建发布版", file=sys.stderr)
            return EXIT_FAILED
        print(f"xinyu verify：通过（预览版）：{about}；构建证明与网页一致，每页都有求助热线。"
              "预览版含示例内容，只能内部预览，不得公开发布", file=sys.stderr)
        return EXIT_OK
    print(f"xinyu verify：通过（发布版）：{about}；构建证明与网页一致，每页都有求助热线，"
          "没有预览标记和示例号码", file=sys.stderr)
    return EXIT_OK
