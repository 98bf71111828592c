"""``xinyu export``: the generated Markdown tree on disk, buildable without the xinyu plugin.

Typed references become relative ``.md`` links, headings get explicit ``{#id}`` anchors (so the
pinyin slugs survive another engine's slugify), and ``mkdocs.yml`` is rewritten without the
plugin, carrying the crisis lines and build mode in ``extra.xinyu`` for the theme overrides.
Pages the safety checks found speaking of a risk topic carry their crisis box in the file itself.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostics
from ..kinds.safety.box import source_with_crisis_box
from ..mdtext import slugify
from ..pipeline import rewrite_refs, run
from ..project import Project
from ..text.markdown import heading, scan
from ..text.mkdocsyml import read_mkdocs_yml
from ..themedir import export_theme
from .site import write_robots

PERMALINK_TITLE = "本节链接"  # toc's permalink_title (Python-Markdown's default is "Permanent link")
_EXPLICIT_ID = re.compile(r"\{[^}]*#[\w-]+[^}]*\}\s*$")


def explicit_ids(text: str) -> str:
    """Give every ATX heading outside code an explicit ``{#slug}`` unless it has one."""
    out = []
    for _, line, in_code in scan(text):
        h = None if in_code else heading(line)
        if h and not _EXPLICIT_ID.search(h.title):
            line = f"{h.prefix}{'#' * h.level} {h.title} {{#{slugify(h.title)}}}"
        out.append(line)
    return "\n".join(out)


def _portable_config(config_file: Path, extra: dict[str, Any]) -> dict[str, Any]:
    data, _ = read_mkdocs_yml(config_file)
    data["docs_dir"] = "docs"
    data.pop("site_dir", None)
    data["plugins"] = [
        p for p in data.get("plugins", []) if not (p == "xinyu" or (isinstance(p, dict) and "xinyu" in p))
    ]
    exts = []
    for ext in data.get("markdown_extensions", []):
        if isinstance(ext, dict):  # drop options whose value was a !!python/name tag
            ext = {
                k: ({kk: vv for kk, vv in v.items() if vv is not None} if isinstance(v, dict) else v)
                for k, v in ext.items()
            }
            toc = ext.get("toc")
            if isinstance(toc, dict) and toc.get("permalink"):  # the anchor's tooltip, never English
                toc.setdefault("permalink_title", PERMALINK_TITLE)
        exts.append(ext)
    data["markdown_extensions"] = exts
    data.setdefault("extra", {})["xinyu"] = extra
    return data


def export(project: Project, config: Any, out: Path) -> Diagnostics:
    """Write the docs tree (hand-written and generated pages), overrides and mkdocs.yml to `out`."""
    result = run(project)
    diags = result.diagnostics
    if diags.errors:
        return diags
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for path in sorted(project.docs_dir.rglob("*")):
        uri = project.docs_uri(path)
        if path.is_dir() or path.is_symlink() or uri in result.claimed or path.suffix in (".yml", ".yaml"):
            continue
        dest = docs / uri
        dest.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            text = source_with_crisis_box(result.site, uri, path.read_text("utf-8-sig"))
            dest.write_text(explicit_ids(rewrite_refs(text, uri, result.site.registry)), "utf-8")
        else:
            shutil.copyfile(path, dest)
    for page in result.pages:
        dest = docs / page.src_uri
        dest.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(page.content, bytes):
            dest.write_bytes(page.content)
        elif page.src_uri.endswith(".md"):
            boxed = source_with_crisis_box(result.site, page.src_uri, page.content)
            dest.write_text(explicit_ids(boxed), "utf-8")
        else:
            dest.write_text(page.content, "utf-8")
    # Engine-neutral output the plugin writes after the build: robots.txt (a preview keeps crawlers
    # out) goes into the docs, which any engine publishes as they are. Data files and feeds are pages.
    write_robots(docs, project.docs_dir, getattr(config, "site_url", None), project.preview)
    theme = config.theme
    custom = theme.custom_dir if hasattr(theme, "custom_dir") else None
    extra = {"preview": project.preview, "today": project.today.isoformat(), **result.extra}
    data = _portable_config(Path(config.config_file_path), extra)
    export_theme(out, custom, data)  # the package theme, the site's custom_dir on top
    (out / "mkdocs.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return diags
