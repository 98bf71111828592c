"""Property-based: whatever YAML or Markdown an editor writes, the pipeline reports, never crashes.

Generated data files (mappings, lists and scalars keyed by the real schemas' field names, broken
YAML, odd Unicode, undecodable bytes) and generated Markdown (front matter, links, typed
references, raw HTML, guide sections) are written into a tiny project and run through every
loader and the whole pipeline in-process (`xinyu.pipeline.run`, no MkDocs). No exception may escape,
and every diagnostic names a file of the project and a line ≥ 1. Bounded and derandomized.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import pkgutil
import tempfile
from pathlib import Path

import pydantic
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xinyu.kinds
from conftest import CRISIS, MINI_CONFIG
from xinyu.pipeline import run
from xinyu.project import Project, Settings

# Per test; three tests, a run of the core each (≈0.15 s). XINYU_PROPERTY_EXAMPLES=500 for a deeper search.
EXAMPLES = int(os.environ.get("XINYU_PROPERTY_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
RUNS = {"count": 0}


def _schema_fields() -> list[str]:
    """Every field name (and alias) of every pydantic model the kinds define."""
    names: set[str] = set()
    for info in pkgutil.walk_packages(xinyu.kinds.__path__, "xinyu.kinds."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, pydantic.BaseModel):
                names.update(obj.model_fields)
                names.update(f.alias for f in obj.model_fields.values() if f.alias)
    return sorted(names)


FIELDS = _schema_fields()
TOP_KEYS = ["services", "events", "series", "venues", "speakers", "topics", "releases", "policies", "tags",
            "years", "example", "source", "how_to_order"]
YAML_FILES = ["content/services/gen.yml", "content/services/national.yml", "content/events/venues.yml",
              "content/events/speakers.yml", "content/events/series.yml", "content/events/events-2027.yml",
              "content/events/sequence.lock.yml", "content/events/menu.yml", "content/events/weike.yml",
              "content/policies.yml", "content/school-calendar.yml", "content/vocab/tags.yml",
              "content/vocab/synonyms.yml", "content/misc.yml"]
MD_FILES = ["content/lessons/gen.md", "content/stories/gen.md", "guides/gen.md", "content/page.md",
            "content/index.md", "content/sub/deep.md"]
ODD = ["\u200b", "\ufeff", "\u202e", "\u3000", "：", "\t", "\r", "\x00", "\x85", "\u2028", "𝔘", "é", "ﬁ",
       "\\", '"', "'", "#", "&", "*", "!", "|", ">", "%", "@", "`", "{", "}", "[", "]", "<", "-", ":"]
SPECIAL = ["17:00", "08:00-17:00", "17:00–08:00", "24小时", "2026-11-29", "2027-11-20", "2226-06-30", "12356",
           "0574-63000901", "0574-6300 0000转801", "lesson:gen", "guide:gen#q1", "service:12356", "event:x",
           "series:x", "menu:x", "policy:x", "story:gen", "release:weike", "javascript:alert(1)",
           "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "https://example.edu.cn/", "../x.md",
           "初中", "高中", "小学中段", "情绪调适", "导入", "每周", "true", "yes", "~", "null", ".nan", "0x1F"]

text = st.text(st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(ODD)), max_size=16)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.floats(allow_nan=True),
                    st.dates(dt.date(1900, 1, 1), dt.date(2300, 12, 31)), st.sampled_from(SPECIAL), text)
keys = st.one_of(st.sampled_from(FIELDS), st.sampled_from(TOP_KEYS), text)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
                      max_leaves=24)
entries = st.lists(st.dictionaries(st.sampled_from(FIELDS), values, max_size=8), max_size=3)
documents = st.one_of(values, st.dictionaries(st.sampled_from(TOP_KEYS), entries, min_size=1, max_size=3))

BREAKS = [
    lambda t: t[: len(t) // 2], lambda t: "\t" + t, lambda t: t.replace(": ", "：", 1),
    lambda t: t + "  bad: [unclosed\n", lambda t: t + "x: &a [1, 2]\ny: *a\n",
    lambda t: t + "z: !!python/object/apply:os.system ['echo hi']\n", lambda t: (t.splitlines() or [""])[0] + "\n" + t,
    lambda t: "", lambda t: t.replace("\n", "\n\t", 1), lambda t: t + "- a\nb: c\n", lambda t: t + "'\n",
    lambda t: t + "k: v\nk: w\n", lambda t: "---\n" + t + "...\n---\nmore: 1\n",
]


@st.composite
def yaml_text(draw: st.DrawFn) -> str | bytes:
    """A YAML document, valid or broken, as text or (sometimes) undecodable bytes."""
    doc = draw(documents)
    try:
        out = yaml.safe_dump(doc, allow_unicode=draw(st.booleans()), sort_keys=False)
    except (yaml.YAMLError, ValueError):
        out = repr(doc)
    if draw(st.booleans()):
        out = draw(st.sampled_from(BREAKS))(out)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "gbk", "utf-16", "latin-1"]))
    if encoding == "utf-8":
        return out
    return out.encode(encoding, errors="replace")


def _front_matter(draw: st.DrawFn) -> str:
    block = draw(yaml_text())
    block = block.decode("latin-1") if isinstance(block, bytes) else block
    return f"---\n{block}---\n\n" if draw(st.booleans()) else f"---\n{block}\n"


MD_PIECES = [
    "# 标题\n", "## 问题一 {#q1}\n", "## 问题一 {#q1}\n", "```yaml\ncategory: geti\nshort: 简答\n```\n", "```\n",
    "[教案](lesson:gen)\n", "[指南](guide:gen#q1)\n", "[热线](service:12356)\n", "[坏](lesson:)\n", "[x](event:)\n",
    "[页](page.md#nope)\n", "[外](https://example.edu.cn/a)\n", "[j](javascript:alert(1))\n", "[r]: lesson:gen\n",
    "<a href=\"page.md\">页</a>\n", "<img src=\"x.png\" onerror=\"alert(1)\">\n", "<script>alert(1)</script>\n",
    "<details><summary>展开</summary>\n\n内容\n</details>\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "> 引用\n",
    "{#id}\n", "[^1]\n\n[^1]: 脚注\n", "<!-- 注释 -->\n", "![图](missing.png)\n", "\n", "    缩进代码\n",
]


@st.composite
def markdown_text(draw: st.DrawFn) -> str:
    """A Markdown page: optional front matter, then a mix of links, typed refs, raw HTML and text."""
    head = _front_matter(draw) if draw(st.booleans()) else ""
    body = draw(st.lists(st.one_of(st.sampled_from(MD_PIECES), text.map(lambda t: t + "\n")), max_size=12))
    return head + "".join(body)


def _check(files: dict[str, str | bytes], preview: bool) -> None:
    """Write a tiny project with `files`, run the whole pipeline; nothing escapes, every problem is placed."""
    with tempfile.TemporaryDirectory(prefix="xinyu-prop-") as tmp:
        root = Path(tmp)
        base: dict[str, str | bytes] = {"mkdocs.yml": MINI_CONFIG, "content/index.md": "# 首页\n",
                                        "content/services/national.yml": CRISIS}
        for rel, content in {**base, **files}.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        project = Project(root, root / "content", Settings(), preview, dt.date(2026, 11, 29))
        result = run(project)
        RUNS["count"] += 1
        for d in result.diagnostics:
            assert d.loc.path and d.loc.line >= 1, d.format()
            # A file of the project, or the label links.py gives a generated page without a source file.
            assert (root / d.loc.path).exists() or d.loc.path.startswith("（生成页 "), d.format()


@SETTINGS
@given(st.dictionaries(st.sampled_from(YAML_FILES), yaml_text(), min_size=1, max_size=3), st.booleans())
def test_any_yaml_is_reported_never_a_crash(files: dict[str, str | bytes], preview: bool) -> None:
    """Generated YAML in every file a loader reads."""
    _check(dict(files), preview)


@SETTINGS
@given(st.dictionaries(st.sampled_from(MD_FILES), markdown_text(), min_size=1, max_size=3), st.booleans())
def test_any_markdown_is_reported_never_a_crash(files: dict[str, str | bytes], preview: bool) -> None:
    """Generated Markdown as lessons, stories, guides and hand-written pages."""
    _check(dict(files), preview)


@SETTINGS
@given(st.dictionaries(st.sampled_from(YAML_FILES), yaml_text(), max_size=2),
       st.dictionaries(st.sampled_from(MD_FILES), markdown_text(), max_size=2))
def test_yaml_and_markdown_together_are_reported_never_a_crash(yml: dict[str, str | bytes],
                                                               md: dict[str, str | bytes]) -> None:
    """Both at once, so references between broken files are resolved too."""
    _check({**yml, **md}, True)


def test_the_properties_ran(request) -> None:  # type: ignore[no-untyped-def]
    """The property tests above ran their examples (when they ran in this session)."""
    names = {item.name for item in request.session.items}
    if "test_any_yaml_is_reported_never_a_crash" in names:
        assert RUNS["count"] >= EXAMPLES
