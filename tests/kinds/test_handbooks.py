"""Print-ready PDF handbooks: every guide as an A4 booklet with contents, page numbers and the crisis line."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT, copy_demo, run_xinyu

pypdf = pytest.importorskip("pypdf")
GUIDES = sorted(p.stem for p in (ROOT / "guides").glob("*.md") if p.stem.lower() != "readme")
BLOCK = """\
import sys


class _NoWeasyPrint:
    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise ImportError("WeasyPrint is not installed (blocked by the test)")
        return None


sys.meta_path.insert(0, _NoWeasyPrint())
"""
LINE = "没有找到 PDF 生成库 WeasyPrint 或中文字体，本次构建不生成实操指南的 PDF 手册"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _pages(path: Path) -> list[str]:
    return [_flat(p.extract_text() or "") for p in pypdf.PdfReader(path).pages]


def _titles(guide: str) -> list[str]:
    from xinyu.kinds.guide.kind import KIND
    from xinyu.pipeline import run
    from xinyu.project import Project

    site = run(Project(ROOT, ROOT / "content", preview=True), render=False, kinds=[KIND]).site
    g = next(g for g in site.entries["guide"] if g.id == guide)
    return [_flat(q.title) for q in g.questions]


@pytest.mark.parametrize("guide", GUIDES)
def test_each_guide_has_a_pdf_with_every_question_in_order_page_numbers_and_the_crisis_line(
        demo_site: Path, guide: str) -> None:
    pages = _pages(demo_site / f"guides/{guide}/{guide}.pdf")
    total = len(pages)
    assert total >= 3
    for n, text in enumerate(pages, 1):
        assert "12356" in text, f"page {n} has no crisis line"
        assert f"第{n}页/共{total}页" in text, f"page {n} has no page number"
    # after the cover and the contents pages (leaders of ten dots or more before a page number)
    body = "".join(p for p in pages[1:] if not p.startswith("目录") and not re.search(r"\.{10,}\d", p))
    at = 0
    for i, title in enumerate(_titles(guide), 1):
        found = body.find(f"第{i}问{title}", at)
        assert found >= 0, f"第{i}问 {title} missing or out of order"
        at = found + 1


def test_the_30_questions_pdf_has_a_contents_page_with_page_numbers(demo_site: Path) -> None:
    pages = _pages(demo_site / "guides/shicao-30wen/shicao-30wen.pdf")
    contents = [p for p in pages if p.startswith("目录")]
    assert contents, "no contents page"
    assert re.search(r"第1问[^.]+\.{5,}(\d+)", contents[0])
    cover = pages[0]
    assert "实操工作30问" in cover and "2026年版" in cover


def test_the_guide_page_links_its_pdf_with_its_size(demo_site: Path) -> None:
    for guide in GUIDES:
        html = (demo_site / f"guides/{guide}/index.html").read_text("utf-8")
        m = re.search(r'<a class="[^"]*xy-pdf-link[^"]*" href="([^"]+)">[^<]*（PDF · ([\d.]+) (KB|MB)）', html)
        assert m and m.group(1) == f"{guide}.pdf", guide


@pytest.fixture(scope="module")
def without_weasyprint(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    base = tmp_path_factory.mktemp("nopdf")
    shim = base / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(BLOCK, "utf-8")
    root = copy_demo(base / "proj")
    env = {"PYTHONPATH": os.pathsep.join([str(shim), *filter(None, [os.environ.get("PYTHONPATH")])])}
    return root, env


def test_without_weasyprint_a_preview_says_so_in_one_line_and_goes_on(without_weasyprint) -> None:  # type: ignore[no-untyped-def]
    root, env = without_weasyprint
    proc = run_xinyu("build", "--preview", "--today", "2026-11-29", cwd=root, env=env)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert out.count(LINE) == 1 and "警告 pdf.unavailable" in out and "Traceback" not in out
    assert (root / "site/guides/shicao-30wen/index.html").is_file()
    assert not list((root / "site/guides").rglob("*.pdf"))
    assert "xy-pdf-link" not in (root / "site/guides/shicao-30wen/index.html").read_text("utf-8")


def test_without_weasyprint_a_publishing_build_refuses_with_the_line_and_what_to_install(without_weasyprint) -> None:  # type: ignore[no-untyped-def]
    root, env = without_weasyprint
    proc = run_xinyu("build", "--today", "2026-11-29", "-d", str(root / "pub"), cwd=root, env=env)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out
    line = next(ln for ln in out.splitlines() if "错误 pdf.unavailable" in ln)
    assert LINE in line and "pip install weasyprint==70.0" in line and "fonts-noto-cjk" in line
    assert not (root / "pub").exists()


def test_every_lesson_handout_has_a_pdf_linked_from_its_page(demo_site: Path) -> None:
    lessons = sorted(p.stem for p in (ROOT / "content/lessons").glob("*.md"))
    assert lessons
    for lesson in lessons:
        pages = _pages(demo_site / f"lessons/{lesson}/handout.pdf")
        assert all("12356" in p and f"第{n}页/共{len(pages)}页" in p for n, p in enumerate(pages, 1)), lesson
        html = (demo_site / f"lessons/{lesson}/index.html").read_text("utf-8")
        assert re.search(r'讲义：<a href="handout\.pdf">[^<]+</a>（PDF · [\d.]+ (KB|MB)）', html), lesson
        assert "教学过程" in "".join(pages)
