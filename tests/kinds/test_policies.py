"""The policies data file: citations with 文号, a page with anchors, no publishing without a source."""

from __future__ import annotations

from pathlib import Path

from kinds.guide.test_guides import POLICIES
from xinyu.kinds.policy import KIND as POLICY
from xinyu.pipeline import run
from xinyu.project import Project, Settings

ROOT = Path(__file__).resolve().parents[2]

# The guides tests' policies file (the 纲要) plus a law without a 文号.
GOOD = POLICIES + """\
  - id: jingshen-weishengfa
    title: 中华人民共和国精神卫生法
    issuer: 全国人民代表大会常务委员会
    source: 国家法律法规数据库
"""

NO_SOURCE = GOOD + """\
  - id: mou-wenjian
    title: 某个还没找到原文的文件
    issuer: 某部门
"""


def test_policy_page_and_reference_from_a_hand_written_page(make_project, xinyu) -> None:
    page = "# 依据\n\n见[纲要](policy:gangyao-2012)和[精神卫生法](policy:jingshen-weishengfa)。\n"
    root = make_project({"content/policies.yml": GOOD, "content/yiju.md": page})
    proc = xinyu("build", "--preview", cwd=root)
    assert proc.returncode == 0, proc.stderr
    html = (root / "site/yiju/index.html").read_text("utf-8")
    assert 'href="../guides/policies/#gangyao-2012"' in html
    listing = (root / "site/guides/policies/index.html").read_text("utf-8")
    assert 'id="gangyao-2012"' in listing and "教基一〔2012〕15号" in listing
    # no 文号 was given for the law, and none is invented
    law = listing[listing.index('id="jingshen-weishengfa"'):]
    assert "文号" not in law[: law.index("</ul>")]
    assert not (root / "site/policies.yml").exists()


def test_demo_policies_have_sources_and_only_known_numbers() -> None:
    project = Project(ROOT, ROOT / "content", Settings(), preview=False)
    result = run(project, render=False)
    policies = result.site.entries["policy"]
    assert {"gangyao-2012", "weichengnianren-baohufa", "jingshen-weishengfa", "jiating-jiaoyu-cujinfa"} <= {
        e.item.id for e in policies
    }
    assert not list(POLICY.unsafe(policies, project))
    numbers = {e.item.id: e.item.number for e in policies if e.item.number}
    # the only 文号 the demo cites is the one known for certain
    assert numbers == {"gangyao-2012": "教基一〔2012〕15号"}
