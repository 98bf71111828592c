"""Markdown of the resource library: the library page, a page's downloads, media players.

Links to files are relative Markdown links (MkDocs rewrites them for either URL scheme); the
``src`` of a ``<video>`` / ``<audio>`` / ``<track>`` is raw HTML, so it is computed from the page's
URL for the build's URL scheme. Every data value goes through `esc` / `attr`.
"""

from __future__ import annotations

import posixpath

from ...mdtext import attr, esc, slugify
from ...model import ServedStage
from ...project import Site
from ...refs import relative_link
from .model import AUDIO, FORMATS, LIBRARY, TYPES, VIDEO, Item

TYPE_ANCHORS = {"课件": "kejian", "学习单": "xuexidan", "微课视频": "weike-shipin", "音频": "yinpin",
                "心理剧剧本": "xinliju-juben", "讲座材料": "jiangzuo-cailiao", "其他": "qita"}
STAGES: tuple[str, ...] = ServedStage.__args__  # type: ignore[attr-defined]


def size_text(size: int) -> str:
    """``1.2 MB``, ``34 KB`` (1 KB = 1024 bytes)."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def label(item: Item) -> str:
    """``PDF · 1.2 MB`` (or ``外部链接`` for a resource published elsewhere)."""
    if not item.file_uri:
        return "外部链接"
    return f"{FORMATS.get(item.ext, item.ext.lstrip('.').upper())} · {size_text(item.size)}"


def html_src(from_uri: str, file_uri: str, site: Site) -> str:
    """The URL of `file_uri` relative to the page generated from `from_uri` (for raw HTML)."""
    directory = site.project.settings.directory_urls is not False
    name = posixpath.basename(from_uri)
    if directory and name != "index.md" and name != "README.md":
        page_dir = from_uri[: -len(".md")]
    else:
        page_dir = posixpath.dirname(from_uri)
    return posixpath.relpath(file_uri, page_dir or ".")


def link(item: Item, from_uri: str) -> str:
    """``[标题](file)（PDF · 1.2 MB）``, or the outside link."""
    res = item.res
    if item.file_uri:
        text = f"[{esc(res.title)}]({relative_link(from_uri, item.file_uri)})（{label(item)}）"
    elif res.url and res.url.startswith(("https://", "http://")):
        text = f'<a href="{attr(res.url)}">{esc(res.title)}</a>（外部链接）'
    else:
        text = esc(res.title)
    if item.transcript_uri:
        text += f" · [文字稿]({relative_link(from_uri, item.transcript_uri)})"
    return text


def items_for(site: Site, key: str) -> list[Item]:
    """The resources whose ``used_in`` names `key` (``lesson:x``, ``guide:g#q``, ``release:weike-01`` …)."""
    return [i for i in site.entries.get("resource") or [] if key in i.res.used_in]


def media(item: Item, from_uri: str, site: Site) -> str:
    """The browser's own player with its captions track (no third-party player), or ''."""
    if item.ext not in VIDEO | AUDIO or not item.file_uri:
        return ""
    tag = "video" if item.ext in VIDEO else "audio"
    src = attr(html_src(from_uri, item.file_uri, site))
    track = ""
    if item.captions_uri:
        track = (f'<track kind="captions" src="{attr(html_src(from_uri, item.captions_uri, site))}" '
                 'srclang="zh-CN" label="中文字幕" default>')
    size = ' width="640" height="360"' if tag == "video" else ""
    return (f'<{tag} class="xy-media" controls preload="metadata"{size} src="{src}" '
            f'title="{attr(item.res.title)}">{track}'
            f'你的浏览器不能直接播放，请<a href="{src}">下载</a>。</{tag}>')


def downloads(site: Site, key: str, from_uri: str, heading: str = "下载 {#downloads}",
              extra: list[str] | None = None) -> list[str]:
    """A page's 下载 section: `extra` lines, then every resource related to `key`, with type and size."""
    mine = items_for(site, key)
    if not mine and not extra:
        return []
    out = [f"## {heading}", "", *(extra or [])]
    for i in mine:
        out.append(f"- {esc(i.res.type)}：{link(i, from_uri)}")
    return [*out, ""]


def library_page(items: list[Item], site: Site) -> str:
    """``library/index.md``: by type (each entry once, with its anchor), then an index by 学段."""
    out = ["# 教师资源库", "",
           "心理辅导活动课的课件和学习单、微课视频和音频、校园心理剧剧本、讲座材料，可以直接下载；"
           "每一项写明类型、大小和适用学段，并链接到它所属的教案、指南问题、活动或微课。", ""]
    if any(i.res.example for i in items):
        out += ['!!! warning "示例内容"', "    本页资源是为演示门户功能而生成的示例文件。", ""]
    present = [t for t in TYPES if any(i.res.type == t for i in items)]
    out += ["按类型：" + " · ".join(f"[{t}](#{TYPE_ANCHORS[t]})" for t in present), ""]
    stages = [s for s in STAGES if any(s in i.res.stages for i in items)]
    out += ["按学段：" + " · ".join(f"[{s}](#xd-{slugify(s)})" for s in stages), ""]
    for t in present:
        out += [f"## {t} {{#{TYPE_ANCHORS[t]}}}", "", '<ul class="xy-library" markdown>']
        for i in (i for i in items if i.res.type == t):
            res = i.res
            bits = [link(i, LIBRARY), f'<span class="xy-library__stages">{esc("、".join(res.stages))}</span>']
            rel = [f"[{esc(_title(r, site))}]({r})" for r in res.used_in if site.registry.get(r) is not None]
            if rel:
                bits.append("用于：" + "、".join(rel))
            bits.append(f'<span class="xy-library__meta">{esc(res.author)} · {esc(res.licence)}</span>')
            if res.summary:
                bits.append(f"<br>{esc(res.summary)}")
            out.append(f'<li id="{attr(res.id)}" markdown="span">' + " ".join(bits) + "</li>")
        out += ["</ul>", ""]
    out += ["## 按学段 {#xueduan}", ""]
    for s in stages:
        out += [f"### {s} {{#xd-{slugify(s)}}}", ""]
        out += [f"- [{esc(i.res.title)}](#{i.res.id})（{esc(i.res.type)}，{label(i)}）" for i in items
                if s in i.res.stages]
        out.append("")
    return "\n".join(out)


def _title(raw: str, site: Site) -> str:
    target = site.registry.get(raw)
    return target.title if target is not None else raw
