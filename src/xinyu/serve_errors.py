"""``xinyu serve`` with content errors: a Chinese error page in the browser instead of a hang.

MkDocs' live server keeps serving the last good build (or nothing) when a build fails, so the
browser waits forever. Instead the plugin builds a site whose every page is this error page;
the live server injects its reload script into it, so the real page comes back as soon as the
content is fixed and saved.
"""

from __future__ import annotations

from html import escape
from typing import Any

from mkdocs.structure.files import File, Files

from .diagnostics import Diagnostic, Level


def error_page(diagnostics: list[Diagnostic]) -> str:
    """A self-contained HTML page listing `diagnostics` (errors first) with their hints, escaped."""
    shown = [d for d in diagnostics if d.level is Level.ERROR] + [d for d in diagnostics if d.level is Level.WARNING]
    items = "\n".join(
        f'<li><code>{escape(str(d.loc))}</code> <strong>{escape(d.level.value)}</strong> '
        f"<code>{escape(d.code)}</code> {escape(d.message)}"
        + (f'<br><span class="hint">怎么改：{escape(d.hint)}</span>' if d.hint else "") + "</li>"
        for d in shown
    )
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>内容有误，暂时无法预览</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6; }}
h1 {{ color: #b00020; font-size: 1.5rem; }}
li {{ margin: .6rem 0; }}
code {{ background: #f3f3f3; padding: 0 .2rem; }}
.hint {{ color: #00695c; }}
</style>
</head>
<body>
<h1>内容有误，网站暂时无法预览</h1>
<p>共 {len(shown)} 个问题。按下面的提示修改文件并保存，本页会自动刷新为网站页面。</p>
<ol id="xinyu-errors">
{items}
</ol>
</body>
</html>
"""


def error_files(files: Files, config: Any, diagnostics: list[Diagnostic], page_uris: list[str]) -> Files:
    """The files of a build that shows `error_page` at the home page and at every page's URL."""
    html = error_page(diagnostics)
    out = Files([f for f in files if not f.is_documentation_page() and not f.src_uri.endswith((".yml", ".yaml"))])
    dests = {"index.html"}
    for uri in [f.src_uri for f in files if f.is_documentation_page()] + page_uris:
        if uri.endswith(".md"):
            dests.add(File(uri, None, config.site_dir, config.use_directory_urls).dest_uri)
    for dest in sorted(dests):
        if out.get_file_from_path(dest) is None:
            out.append(File.generated(config, dest, content=html))
    config["nav"] = None  # the pages are gone; no warnings about them
    return out
