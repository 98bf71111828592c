"""The content health page (内容体检): in preview builds only, listing what editors must look at."""

from __future__ import annotations

from conftest import MINI_CONFIG

NAV = MINI_CONFIG + "nav:\n  - 首页: index.md\n"

FILES = {
    "content/index.md": "# 首页\n\n[热线](service:12356)，见[教育部](http://www.moe.gov.cn/)和[教育部](https://www.moe.gov.cn/x)。\n",
    "content/lonely.md": "# 没人链接的页面\n",
    "content/services/old.yml": """\
services:
  - id: old-line
    name: 旧热线
    type: 心理援助
    channels:
      - number: "12355"
        hours: {always: true}
    review: {reviewer: 张老师, reviewed_on: 2025-01-01}
    verification:
      verified_on: 2026-11-01
      verified_by: 测试编辑
      method: 官方公布
      source: 测试
""",
}


def test_preview_build_has_health_page_listing_problems(make_project, xinyu) -> None:
    root = make_project(FILES, config=NAV)
    proc = xinyu("build", "--preview", "--today", "2026-11-29", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert "内容体检（失效链接、孤立页面、待复核条目）" in proc.stderr
    page = (root / "site/neirong-tijian/index.html").read_text("utf-8")
    assert "内容体检" in page
    # the orphan, linked so an editor can open it
    assert 'href="../lonely/"' in page
    # the insecure link with the place to fix it, and the external links (listed, never fetched)
    assert "link.http" in page and "content/index.md:3:" in page
    assert "https://www.moe.gov.cn/x" in page
    # a review older than review_days (180) and entries nobody has reviewed
    assert "service:old-line" in page and "2025-01-01" in page
    assert "service:12356" in page


def test_publishing_build_has_no_health_page(make_project, xinyu) -> None:
    root = make_project({"content/index.md": "# 首页\n\n[热线](service:12356)\n"})
    proc = xinyu("build", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert (root / "site/index.html").is_file()
    assert not (root / "site/neirong-tijian").exists()
