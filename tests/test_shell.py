"""The site shell as a reader and a publisher meet it: language, crisis line, preview marks, footer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xinyu.publish.site import is_public_site_url

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-29"
# A tiny portal's home page, linking the directory as the demo's does.
HOME = {"content/index.md": "# 首页\n\n欢迎。见[热线与服务](services/index.md)。\n"}

PUBLIC_CONFIG_TAIL = """\
extra:
  site_info:
    organiser: 某某市教育局
    contact: editor@example.edu.cn
    icp: "{icp}"
    police_record: "{police}"
"""


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site."""
    return sorted(p for p in site.rglob("*.html") if "<head" in p.read_text("utf-8", errors="replace")[:2000])


def config_with(site_url: str, icp: str = "", police: str = "") -> str:
    """The test project's mkdocs.yml with another site_url and a site_info footer."""
    from conftest import MINI_CONFIG

    config = MINI_CONFIG.replace("https://example.edu.cn/xinyu/", site_url)
    return config + PUBLIC_CONFIG_TAIL.format(icp=icp, police=police)


# --- the demo portal, built once (preview) ---------------------------------------------------


def test_demo_is_chinese_and_publishes_no_source_data(demo_site: Path) -> None:
    index = (demo_site / "index.html").read_text("utf-8")
    assert re.search(r'<html lang="zh"', index)
    sources = [p.relative_to(demo_site).as_posix() for p in demo_site.rglob("*") if p.suffix in (".yml", ".yaml")]
    assert sources == []


def test_every_demo_page_carries_crisis_line_preview_mark_and_noindex(demo_site: Path) -> None:
    problems = []
    for page in html_pages(demo_site):
        text = page.read_text("utf-8")
        rel = page.relative_to(demo_site).as_posix()
        top = text.split('class="xy-crisis"', 1)
        if len(top) < 2 or 'href="tel:12356"' not in top[1].split("</aside>", 1)[0]:
            problems.append(f"{rel}: no crisis line with tel:12356 at the top")
        if 'class="xy-crisis-print"' not in text:
            problems.append(f"{rel}: no crisis line at the end")
        if '<meta name="robots" content="noindex, nofollow">' not in text:
            problems.append(f"{rel}: no noindex")
        if "预览版：含示例内容，不得公开发布" not in text:
            problems.append(f"{rel}: no preview banner")
    assert problems == []


OFFSITE = re.compile(
    r"""<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<link\b(?=[^>]*\brel=["']?(?:stylesheet|preconnect|preload|icon|modulepreload|dns-prefetch))"""
    r"""[^>]*\bhref=["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_demo_pages_load_nothing_from_other_hosts(demo_site: Path) -> None:
    offenders = []
    for path in sorted(demo_site.rglob("*")):
        if path.suffix in (".html", ".css") and path.is_file():
            for m in OFFSITE.finditer(path.read_text("utf-8", errors="replace")):
                offenders.append(f"{path.relative_to(demo_site)}: {m.group(0)[:120]}")
    assert offenders == []
    assert "fonts.googleapis" not in (demo_site / "index.html").read_text("utf-8")


def test_heading_anchors_are_stable_ascii(demo_site: Path) -> None:
    bad = []
    for page in html_pages(demo_site):
        for anchor in re.findall(r'<h[1-6][^>]*\bid="([^"]*)"', page.read_text("utf-8")):
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", anchor):
                bad.append(f"{page.relative_to(demo_site)}#{anchor}")
    assert bad == []


def test_home_page_routes_each_reader(demo_site: Path) -> None:
    home = (demo_site / "index.html").read_text("utf-8")
    for word in ("育、防、疏、治", "学校主导", "家庭主体", "社会支持"):
        assert word in home
    article = home.split("<article", 1)[1].split("</article>", 1)[0]
    for section in ("guides/", "lessons/", "events/", "services/", "editors/"):
        assert f'href="{section}"' in article, f"home page does not link {section}"
    for reader in ("心理教师", "家长", "学生", "编辑"):
        assert reader in article


def test_publishing_build_of_demo_refuses_and_names_example_entries(xinyu, tmp_path: Path) -> None:
    out = tmp_path / "site"
    proc = xinyu("build", "--today", TODAY, "-d", str(out), cwd=ROOT)
    assert proc.returncode == 1
    examples = re.findall(r"^(content/\S+?:\d+:\d+): 错误 safety\.example (.*)$", proc.stderr, re.MULTILINE)
    assert examples, proc.stderr[-3000:]
    named = " ".join(message for _, message in examples)
    assert "家庭教育指导服务热线（示例）" in named
    assert not out.exists()


# --- tiny projects -----------------------------------------------------------------------------


EXAMPLE_CRISIS = """\
services:
  - id: xiao-rexian
    name: 学校"心理"热线</style><script>x()</script>
    type: 心理援助
    crisis: 2
    example: true
    channels:
      - number: 0574-6300 0009
        hours: {text: 工作日 8:00–17:00}
"""


def test_crisis_line_comes_from_the_directory(make_project, xinyu) -> None:
    root = make_project({**HOME, "content/services/school.yml": EXAMPLE_CRISIS})
    proc = xinyu("build", "--preview", "--today", TODAY, cwd=root)
    assert proc.returncode == 0, proc.stderr
    page = (root / "site/index.html").read_text("utf-8")
    bar = page.split('class="xy-crisis"', 1)[1].split("</aside>", 1)[0]
    assert '<a class="xy-crisis__tel" href="tel:12356">12356</a>' in bar
    assert "0574-6300 0009（示例号码）" in bar and "tel:+86" not in bar
    assert bar.index("12356") < bar.index("0574-6300 0009")  # ordered by `crisis:`
    # Escaped everywhere, including the CSS string of the print footer.
    assert "<script>x()" not in page
    style = re.search(r'<style media="print">(.*?)</style>', page, re.DOTALL)
    assert style and "@bottom-center" in style.group(1)
    content = re.search(r'content:"((?:[^"\\]|\\.)*)"', style.group(1))
    assert content and "12356" in content.group(1) and "<" not in content.group(1)
    assert "\\22 心理\\22 " in content.group(1) and "0574-6300 0009" in content.group(1)  # quotes escaped


def test_publishing_build_has_no_preview_marks(make_project, xinyu) -> None:
    root = make_project(HOME)
    proc = xinyu("build", "--today", TODAY, cwd=root)
    assert proc.returncode == 0, proc.stderr
    page = (root / "site/index.html").read_text("utf-8")
    assert "noindex" not in page and "预览版" not in page
    assert 'href="tel:12356"' in page


def test_footer_shows_site_info_escaped(make_project, xinyu) -> None:
    config = config_with("http://10.1.2.3/xinyu/", icp="浙ICP备00000000号", police="浙公网安备 33028200000000号")
    config = config.replace("某某市教育局", "某某市教育局<b>")
    root = make_project({**HOME, "mkdocs.yml": config})
    proc = xinyu("build", "--today", TODAY, cwd=root)
    assert proc.returncode == 0, proc.stderr
    page = (root / "site/index.html").read_text("utf-8")
    footer = page.split('class="md-copyright xy-site-info"', 1)[1].split("</footer>", 1)[0]
    assert "主办单位：某某市教育局&lt;b&gt;" in footer
    assert 'href="mailto:editor@example.edu.cn"' in footer
    assert "浙ICP备00000000号" in footer and "浙公网安备 33028200000000号" in footer


def test_front_matter_of_a_hand_written_page_cannot_inject_markup(make_project, xinyu) -> None:
    # Material writes page.meta title / description / author into <head> and the header as they are.
    page = (
        "---\n"
        "title: '关于<script>alert(1)</script>'\n"
        "description: '\"><script>alert(2)</script>'\n"
        "author: '<img src=x onerror=alert(3)>'\n"
        "---\n\n# 关于\n\n正文。\n"
    )
    root = make_project({**HOME, "content/about.md": page})
    proc = xinyu("build", "--preview", "--today", TODAY, cwd=root)
    assert proc.returncode == 0, proc.stderr
    html = (root / "site/about/index.html").read_text("utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert '<meta name="description" content="&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;">' in html or \
        '<meta name="description" content="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;">' in html
    assert "<title>关于&lt;script&gt;alert(1)&lt;/script&gt; - " in html
    # the home page's navigation shows the title as text, not as markup
    assert "<script>alert" not in (root / "site/index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("url", "public"),
    [
        ("https://xinyu.cixi-edu.cn/", True),
        ("http://8.8.8.8/xinyu/", True),
        ("", False),
        ("http://localhost:8000/", False),
        ("http://127.0.0.1/", False),
        ("http://192.168.10.5/xinyu/", False),
        ("http://10.0.0.8/", False),
        ("http://[::1]/", False),
        ("http://xinyu/", False),
        ("http://xinyu.school.local/", False),
        ("https://portal.intranet/", False),
        ("https://xinyu.example.edu.cn/", False),
        ("https://example.com/", False),
        ("file:///srv/site/", False),
    ],
)
def test_public_site_url(url: str, public: bool) -> None:
    assert is_public_site_url(url) is public


def test_public_site_without_beian_numbers_warns(make_project, xinyu) -> None:
    root = make_project({**HOME, "mkdocs.yml": config_with("https://xinyu.cixi-edu.cn/", icp="浙ICP备00000000号")})
    proc = xinyu("build", "--today", TODAY, cwd=root)
    assert "警告 site.beian-missing" in proc.stderr and "公网安备案号" in proc.stderr
    assert "ICP备案号和" not in proc.stderr  # the ICP number is there
    assert re.search(r"^mkdocs\.yml:\d+:1: 警告 site\.beian-missing", proc.stderr, re.MULTILINE)
    assert proc.returncode == 1  # the publishing build treats warnings as errors
    # A preview build of the same site, or an intranet site, does not warn.
    assert "site.beian-missing" not in xinyu("build", "--preview", "--today", TODAY, cwd=root).stderr


def test_public_site_with_beian_numbers_and_intranet_site_publish(make_project, xinyu) -> None:
    full = config_with("https://xinyu.cixi-edu.cn/", icp="浙ICP备00000000号", police="浙公网安备 33028200000000号")
    root = make_project({**HOME, "mkdocs.yml": full})
    proc = xinyu("build", "--today", TODAY, cwd=root)
    assert proc.returncode == 0 and "site.beian-missing" not in proc.stderr, proc.stderr
    (root / "mkdocs.yml").write_text(config_with("http://xinyu.school.lan/"), "utf-8")
    proc = xinyu("build", "--today", TODAY, cwd=root)
    assert proc.returncode == 0 and "site.beian-missing" not in proc.stderr, proc.stderr


def test_repository_link_makes_no_api_call(make_project, xinyu) -> None:
    from conftest import MINI_CONFIG

    config = MINI_CONFIG + "repo_url: https://git.example.edu.cn/xinyu/portal\nrepo_name: 门户源码\n"
    root = make_project({**HOME, "mkdocs.yml": config})
    proc = xinyu("build", "--preview", "--today", TODAY, cwd=root)
    assert proc.returncode == 0, proc.stderr
    page = (root / "site/index.html").read_text("utf-8")
    assert 'href="https://git.example.edu.cn/xinyu/portal"' in page  # the link is there …
    assert 'data-md-component="source"' not in page  # … but Material's script does not query the host's API
