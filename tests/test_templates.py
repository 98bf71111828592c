"""Templates any engine can render: every theme override renders alike in Jinja2 and MiniJinja.

MkDocs (and ProperDocs) render ``overrides/`` with Jinja2; Zensical renders them with MiniJinja,
which has no Python method calls on data (``list.append``), immutable lists and autoescaping for
``.html``. Each template is rendered here with both, in a context shaped like Material's (config,
page, lang, base_url, the ``url`` filter); Material's own templates are stand-ins from the loader
(``base.html`` with the blocks our overrides fill, empty icons), so the test needs no theme. Both
engines must succeed and give the same markup (up to how a character reference is spelt), the
crisis bar above all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import minijinja
import pytest
from markupsafe import Markup

from conftest import ROOT

# The theme overrides: overrides/ today, src/xinyu/theme/ once the package carries them.
THEME = next((p for p in (ROOT / "overrides", ROOT / "src" / "xinyu" / "theme") if (p / "main.html").is_file()),
             ROOT / "overrides")
TEMPLATES = sorted(p.relative_to(THEME).as_posix() for p in [*THEME.glob("*.html"), *THEME.glob("partials/*.html")])

# Material's base.html, reduced to the blocks our overrides fill or call super() on.
BASE = """<!doctype html><html><head>
{% block htmltitle %}<title>{{ config.site_name }}</title>{% endblock %}
{% block extrahead %}<meta name="stand-in" content="extrahead">{% endblock %}
</head><body>
{% block header %}<header class="md-header">{% include "partials/source.html" %}</header>{% endblock %}
{% block tabs %}<nav class="md-tabs"></nav>{% endblock %}
{% block container %}<div class="md-container">{% block site_nav %}<nav class="md-nav"></nav>{% endblock %}
<article>{% block content %}{{ page.content }}{% endblock %}</article></div>{% endblock %}
{% block footer %}<footer class="md-footer">{% include "partials/copyright.html" %}</footer>{% endblock %}
{% block scripts %}<script src="assets/javascripts/bundle.js"></script>{% endblock %}
</body></html>"""
CRISIS_BAR = re.compile(r'<aside class="xy-crisis" id="xy-crisis".*?</aside>', re.S)
PRINT_LINE = re.compile(r'<aside class="xy-crisis-print".*?</aside>', re.S)
MARGIN_BOX = re.compile(r"@bottom-center\{content:\"(.*?)\";")


def source(name: str) -> str | None:
    """Our override if there is one, else a stand-in for Material's template, else not found."""
    path = THEME / name
    if ".." not in name.split("/") and path.is_file():
        return path.read_text("utf-8")
    if name == "base.html":
        return BASE
    if name.startswith(".icons/") and name.endswith(".svg"):
        return '<svg viewBox="0 0 24 24"></svg>'
    return None


def url(value: str) -> Markup:
    """The engines' `url` filter on a page one level deep (what the test pages are): a safe URL."""
    return Markup("../" + value)


# Character references that mean the same character: Jinja2's escape writes &#34; and &#39; and
# leaves "/" alone, MiniJinja's writes &quot;, &#x27; and &#x2f;. A browser reads them alike.
SAME_CHAR = {"&quot;": "&#34;", "&#x27;": "&#39;", "&#x2f;": "/"}


def canon(html: str) -> str:
    """`html` with equivalent character references written one way."""
    return re.sub("|".join(SAME_CHAR), lambda m: SAME_CHAR[m.group()], html)


class Lang:
    """Material's `lang` helper: `lang.t(key)` gives the UI string."""

    def t(self, key: str) -> str:
        """The translated string for `key` (a stand-in: the key itself)."""
        return {"action.skip": "跳转至", "source": "前往仓库"}.get(key, key)


def jinja2_render(name: str, ctx: dict[str, Any]) -> str:
    """Render as MkDocs does: Jinja2, no autoescape, the `url` filter."""
    env = jinja2.Environment(loader=jinja2.FunctionLoader(source), auto_reload=False)
    env.filters["url"] = url
    return canon(env.get_template(name).render(**ctx))


def minijinja_render(name: str, ctx: dict[str, Any]) -> str:
    """Render as Zensical does: MiniJinja, autoescape for .html, no Python-compatible methods."""
    env = minijinja.Environment(loader=source, filters={"url": url}, pycompat=False)
    return canon(str(env.render_template(name, **ctx)))


ENGINES: dict[str, Callable[[str, dict[str, Any]], str]] = {"jinja2": jinja2_render, "minijinja": minijinja_render}

NASTY = 'A&B <热线> "x"'  # a name with every character an engine may escape differently
LINES = [
    {"key": "12356", "name": "全国统一心理援助热线", "display": "12356", "tel": "tel:12356", "hours": "24小时",
     "open": {"always": True}, "local": False},
    {"key": "local", "name": NASTY, "display": "0574-0000000", "tel": "tel:05740000000", "hours": "周一至周五 8:30-17:00",
     "open": {"always": False}, "local": True,
     "fallback": [{"name": "全国统一心理援助热线", "display": "12356", "tel": "tel:12356"}]},
    {"key": "demo", "name": "示例热线", "display": "0000-0000000", "tel": None, "hours": "", "open": None,
     "local": False},
]


def context(*, preview: bool, lines: list[dict[str, Any]], toc: bool = True) -> dict[str, Any]:
    """What Material gives a page template: config, page, lang, base_url."""
    config = {
        "site_name": "心育资源门户", "copyright": "© 示例", "repo_url": "https://git.example.edu.cn/xinyu",
        "repo_name": "xinyu", "theme": {"icon": {"repo": None}},
        "extra": {
            "xinyu": {"preview": preview, "crisis_lines": lines,
                      "crisis_hours": Markup('{"lines": {"local": {"name": "A\\u0026B"}}}') if lines else ""},
            "site_info": {"organiser": "慈溪市教育局（示例）", "contact": "xinyu@example.edu.cn",
                          "icp": "浙ICP备00000000号", "police_record": ""},
        },
    }
    page = {"title": "热线与服务", "meta": {"title": "热线 <与> 服务"}, "is_homepage": False,
            "toc": [{"id": "top", "title": "热线"}] if toc else [], "content": Markup("<p>正文</p>")}
    return {"config": config, "page": page, "lang": Lang(), "base_url": ".."}


CASES = {
    "preview": context(preview=True, lines=LINES),
    "safe": context(preview=False, lines=LINES[:2]),
    "no-lines": context(preview=False, lines=[], toc=False),
}


def test_every_override_is_covered() -> None:
    assert {"main.html", "404.html", "handout.html", "partials/xinyu-crisis.html",
            "partials/xinyu-print-style.html", "partials/xinyu-crisis-print.html"} <= set(TEMPLATES)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("name", TEMPLATES)
def test_jinja2_and_minijinja_render_the_same(name: str, case: str) -> None:
    ctx = CASES[case]
    out = {}
    for engine, render in ENGINES.items():
        try:
            out[engine] = render(name, ctx)
        except (jinja2.TemplateError, minijinja.TemplateError) as exc:
            pytest.fail(f"{engine} cannot render {name}: {exc}")
    assert out["jinja2"] == out["minijinja"]


@pytest.mark.parametrize("name", ["main.html", "404.html", "handout.html"])
def test_every_page_template_has_the_crisis_bar_in_both_engines(name: str) -> None:
    for case, ctx in CASES.items():
        bars = {engine: CRISIS_BAR.findall(render(name, ctx)) for engine, render in ENGINES.items()}
        assert len(bars["jinja2"]) == 1, (name, case)
        assert bars["jinja2"] == bars["minijinja"], (name, case)
        bar = bars["jinja2"][0]
        if case == "no-lines":  # the built-in emergency numbers, still one tap away
            assert 'href="tel:110"' in bar and 'href="tel:120"' in bar
        else:
            assert 'href="tel:12356"' in bar
            assert "A&amp;B &lt;热线&gt; &#34;x&#34;" in bar
        if case == "preview":
            assert '<span class="xy-crisis__tel xy-example-number">0000-0000000（示例号码）</span>' in bar


def test_printed_crisis_line_is_the_same_css_string_in_both_engines() -> None:
    pages = {engine: render("main.html", CASES["preview"]) for engine, render in ENGINES.items()}
    boxes = {engine: MARGIN_BOX.findall(html) for engine, html in pages.items()}
    assert boxes["jinja2"] == boxes["minijinja"] == [
        "心理危机求助：全国统一心理援助热线 12356；A&B \\3c 热线> \\22 x\\22  0574-0000000；"
        "示例热线 0000-0000000（示例号码）。有生命危险请拨打 110 或 120"]
    for html in pages.values():
        assert len(PRINT_LINE.findall(html)) == 1
        assert '<script type="application/json" class="xy-hours-data">{"lines": {"local": {"name": "A\\u0026B"}}}' \
            in html


def test_old_list_append_idiom_fails_in_minijinja() -> None:
    """The check has teeth: the idiom Zensical rejected (issue 18) fails here too."""
    env = minijinja.Environment(templates={"t.html": "{% set parts = [] %}{% set _ = parts.append(1) %}"},
                                pycompat=False)
    with pytest.raises(minijinja.TemplateError, match="append"):
        env.render_template("t.html")


def test_theme_dir_is_found() -> None:
    assert Path(THEME, "main.html").is_file()
