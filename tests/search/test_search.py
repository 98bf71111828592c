"""The search index: tokens shared with the browser, vocabulary files, what a result carries, sharding."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from xinyu.diagnostics import Diagnostics
from xinyu.kinds import KINDS
from xinyu.kinds.editorspec import search_labels
from xinyu.search import PageRecord, build_index, load_vocab
from xinyu.search.tokens import fnv1a, terms

CLIENT = ROOT / "src/xinyu/theme" / "assets" / "javascripts" / "xinyu-search.js"


def load_js(path: Path) -> object:
    """The data of one index file (`xinyuSearch.load("name", data);`)."""
    m = re.match(r'xinyuSearch\.load\("[^"]+",(.*)\);\s*$', path.read_text("utf-8"), re.S)
    assert m, path
    return json.loads(m.group(1))


def test_words_inside_compounds_and_numbers_after_full_width_colon() -> None:
    assert "呼吸" in set(terms("每天练习深呼吸"))
    assert "12356" in set(terms("心理援助热线：１２３５６"))
    assert {"c", "证"} <= set(terms("Ｃ证"))


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_browser_client_shards_terms_like_the_indexer() -> None:
    source = CLIENT.read_text("utf-8")
    fn = re.search(r"function fnv1a\(term\) \{.*?\n  \}", source, re.S)
    assert fn
    words = ["呼吸", "12356", "w:心理辅导活动课", "c证", "𠮷野"]
    script = fn.group(0) + f"\nconsole.log(JSON.stringify({json.dumps(words)}.map(fnv1a)));"
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [fnv1a(w) for w in words]


def test_vocabulary_files(tmp_path: Path) -> None:
    vocab_dir = tmp_path / "content" / "vocab"
    vocab_dir.mkdir(parents=True)
    (vocab_dir / "dictionary.txt").write_text("# 注释\n心理辅导活动课\nＣ证\n呼吸\n家校共育 5 n\n", "utf-8")
    (vocab_dir / "synonyms.yml").write_text("- [焦虑, 紧张]\n- [厌学, 不想上学]\n", "utf-8")
    diags = Diagnostics()
    vocab = load_vocab(tmp_path / "content", diags)
    assert not diags.items
    # Two-character words are bigrams already; longer and mixed words become whole-word terms.
    assert vocab.words == ["心理辅导活动课", "c证", "家校共育"]
    assert vocab.synonyms == [["焦虑", "紧张"], ["厌学", "不想上学"]]


def test_bad_synonym_group_is_reported_at_its_line(tmp_path: Path) -> None:
    vocab_dir = tmp_path / "content" / "vocab"
    vocab_dir.mkdir(parents=True)
    (vocab_dir / "synonyms.yml").write_text("- [焦虑, 紧张]\n- 厌学\n", "utf-8")
    diags = Diagnostics()
    load_vocab(tmp_path / "content", diags)
    [error] = diags.errors
    assert error.code == "search.synonyms"
    assert (error.loc.path, error.loc.line) == ("content/vocab/synonyms.yml", 2)


QUESTION = """<h1 id="q">第19问　发现学生手臂有划痕，应该怎么处理？</h1>
<p><a href="../">实操30问</a> › <a href="../#weiji">危机识别与干预</a></p>
<div class="admonition warning"><p class="admonition-title">示例内容</p><p>本页为示例。</p></div>
<div class="admonition abstract"><p class="admonition-title">简答</p><p>先照顾伤口和安全，再私下谈话。</p></div>
<h2 id="a">解答</h2><p>自伤常常是学生应对强烈痛苦的一种方式。</p><pre><code>不索引的代码</code></pre>
"""
SERVICE = """<h1>全国统一心理援助热线</h1><p>面向公众的心理援助热线。</p>
<table><tr><td>热线</td><td><a class="xy-tel" href="tel:12356">12356</a></td></tr></table>"""
EVENT = """<h1>考前焦虑：家长先稳住</h1><table><tbody>
<tr><td>时间</td><td>2027年5月15日 09:30–11:00</td></tr><tr><td>地点</td><td>301 家长活动室</td></tr>
</tbody></table><p>家长的焦虑会传染，孩子的紧张也需要被看见。</p>"""


def test_results_carry_kind_short_answer_key_facts_and_numbers(tmp_path: Path) -> None:
    records = [
        PageRecord("guides/g/q/", "guides/g/q.md", "第19问　发现学生手臂有划痕，应该怎么处理？", QUESTION),
        PageRecord("services/12356/", "services/12356.md", "全国统一心理援助热线", SERVICE),
        PageRecord("events/e/", "events/e.md", "考前焦虑：家长先稳住", EVENT),
        PageRecord("about/", "about.md", "关于", "<p>自己声明类型的页面。</p><div data-search-kind='lesson'></div>"),
    ]
    build_index(records, load_vocab(tmp_path, Diagnostics()), tmp_path / "search", search_labels(KINDS))
    docs = {row[0]: row for row in load_js(tmp_path / "search" / "d0.js")}  # type: ignore[union-attr]
    assert docs["guides/g/q/"][2:4] == ["问答", "先照顾伤口和安全，再私下谈话。"]
    assert docs["services/12356/"][2] == "热线"
    assert docs["services/12356/"][4] == [["tel:12356", "12356"]]
    assert docs["events/e/"][2] == "活动"
    assert docs["events/e/"][3].startswith("2027年5月15日 09:30–11:00 · 301 家长活动室｜家长的焦虑")
    assert docs["about/"][2] == "教案"
    shards = [load_js(p) for p in (tmp_path / "search").glob("t*.js")]
    all_terms = {t for s in shards for t in s}  # type: ignore[union-attr]
    assert {"划痕", "12356", "呼吸"} & all_terms == {"划痕", "12356"}
    assert "代码" not in all_terms  # code blocks are not indexed


def test_index_is_sharded_and_shards_stay_small_as_the_site_grows(tmp_path: Path) -> None:
    text = "心理健康教育要面向全体学生，关注个别差异。家校共育，家长沙龙每月一期。" * 3

    def build(n: int, out: Path) -> list[int]:
        records = [PageRecord(f"p{i}/", f"p{i}.md", f"第{i}页 主题{i * 7919 % 1000}", f"<p>{text}编号{i}</p>")
                   for i in range(n)]
        build_index(records, load_vocab(tmp_path, Diagnostics()), out)
        return [p.stat().st_size for p in out.glob("t*.js")]

    small, large = build(100, tmp_path / "a"), build(400, tmp_path / "b")
    assert len(large) > 2 * len(small)
    assert max(large) < 3 * max(small)


def test_build_writes_the_index_and_keeps_the_vocabulary_out_of_the_site(make_project, xinyu) -> None:
    root = make_project({
        "content/vocab/dictionary.txt": "心理辅导活动课\n",
        "content/vocab/synonyms.yml": "- [焦虑, 紧张]\n",
        "content/lesson.md": "# 心理辅导活动课\n\n练习深呼吸，缓解考前焦虑。\n",
    })
    proc = xinyu("build", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = root / "site"
    manifest = load_js(site / "search" / "manifest.js")
    assert manifest["dict"] == ["心理辅导活动课"] and manifest["syn"] == [["焦虑", "紧张"]]  # type: ignore[index]
    assert not (site / "vocab").exists()


def test_bad_synonyms_fail_the_build_with_file_and_line(make_project, xinyu) -> None:
    root = make_project({"content/vocab/synonyms.yml": "- [焦虑, 紧张]\n- 厌学\n"})
    proc = xinyu("build", cwd=root)
    assert proc.returncode != 0
    assert "content/vocab/synonyms.yml:2:" in proc.stdout + proc.stderr
