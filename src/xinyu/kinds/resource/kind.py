"""The resource library (资源库): downloadable files that belong to the portal's content.

Files (PDF, PPTX, DOCX, XLSX, MP3, MP4 / WebM with WebVTT captions, images) live under
``content/`` beside what they belong to and are described in a ``resources.yml`` in any folder
(paths relative to that folder). Each file is checked where it is described: it exists inside the
docs dir, its content matches its extension (magic bytes), it is under ``resource_max_mb``, a
video has captions or a transcript. Anything executable anywhere under ``content/`` (``.exe``,
``.bat``, ``.js``, macro-enabled Office files …) is an error, listed or not.
Targets: ``resource:<id>`` (its entry on ``library/index.md``).
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ...diagnostics import Diagnostic, Diagnostics, Level, Loc
from ...model import validate
from ...project import Page, Project, Site
from ...refs import Reference, Target, parse_ref
from ...text.yamlio import load_yaml
from ..base import Kind, Located, Ref
from .model import DATA_NAME, EXECUTABLE, FORMATS, LIBRARY, OOXML, RELATED_SCHEMES, VIDEO, Item, Resource, ResourceFile
from .render import library_page, size_text


def data_files(project: Project) -> list[Path]:
    """Every ``resources.yml`` under the docs dir (symlinked folders not followed)."""
    out = []
    for top, dirs, files in os.walk(project.docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if DATA_NAME in files:
            out.append(Path(top) / DATA_NAME)
    return sorted(out)


def magic_ok(path: Path, ext: str) -> bool:
    """Whether the bytes of `path` are what its extension says (and an Office file has no macros)."""
    with path.open("rb") as fh:
        head = fh.read(16)
    if ext == ".pdf":
        return head.startswith(b"%PDF-")
    if ext in OOXML:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(path) as z:
                names = z.namelist()
        except zipfile.BadZipFile:
            return False
        return "[Content_Types].xml" in names and any(n.startswith(OOXML[ext]) for n in names)
    checks = {
        ".mp3": head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0),
        ".mp4": head[4:8] == b"ftyp", ".webm": head.startswith(b"\x1a\x45\xdf\xa3"),
        ".png": head.startswith(b"\x89PNG\r\n\x1a\n"), ".jpg": head.startswith(b"\xff\xd8\xff"),
        ".jpeg": head.startswith(b"\xff\xd8\xff"), ".gif": head.startswith((b"GIF87a", b"GIF89a")),
        ".webp": head.startswith(b"RIFF") and head[8:12] == b"WEBP",
        ".vtt": head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"),
    }
    if ext == ".txt":
        try:
            path.read_text("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    return checks.get(ext, False)


def has_macros(path: Path) -> bool:
    """An Office file that carries a VBA project, whatever its extension says."""
    try:
        with zipfile.ZipFile(path) as z:
            return any(n.lower().endswith("vbaproject.bin") for n in z.namelist())
    except (zipfile.BadZipFile, OSError):
        return False


def _inside(project: Project, base: Path, rel: str, loc: Loc, diags: Diagnostics) -> Path | None:
    """`rel` under `base`, refused when it leaves the docs dir or passes through a symlink."""
    if rel.startswith(("/", "\\")) or "\\" in rel or ".." in Path(rel).parts:
        diags.error(loc, "resource.outside", f"资源路径“{rel}”必须写成本文件夹下的相对路径",
                    "写成相对于 resources.yml 所在文件夹的路径，例如 files/kejian.pdf，不用 .. 或 /")
        return None
    path = base / rel
    docs = project.docs_dir.resolve()
    probe = path
    while probe != project.docs_dir and probe != probe.parent:
        if probe.is_symlink():
            diags.error(loc, "resource.symlink", f"资源“{rel}”经过符号链接，不会发布",
                        "把文件本身放进 content/ 下，不要用符号链接")
            return None
        probe = probe.parent
    if docs not in path.resolve().parents:
        diags.error(loc, "resource.outside", f"资源“{rel}”不在 content/ 下", "把文件放进 content/ 下")
        return None
    return path


def _check_file(item: Item, path: Path, field: str, project: Project, diags: Diagnostics) -> bool:
    loc = item.entry.loc(field)
    rel = getattr(item.res, field)
    ext = path.suffix.lower()
    if ext in EXECUTABLE:
        diags.error(loc, "resource.executable", f"“{rel}”是可执行文件或带宏的 Office 文件，不能发布",
                    "换成 PDF，或不带宏的 .pptx / .docx / .xlsx")
        return False
    if not path.is_file():
        diags.error(loc, "resource.missing-file", f"资源文件“{rel}”不存在",
                    f"把文件放到 {project.rel(path)}，或改正文件名")
        return False
    if ext not in FORMATS:
        diags.error(loc, "resource.format", f"不支持的文件类型“{ext or rel}”",
                    "可用：" + "、".join(sorted({v for v in FORMATS.values()})))
        return False
    if not magic_ok(path, ext) or (ext in OOXML and has_macros(path)):
        what = "带宏" if ext in OOXML and has_macros(path) else f"内容不是 {FORMATS[ext]}"
        diags.error(loc, "resource.mismatch", f"“{rel}”的扩展名是 {ext}，但文件{what}",
                    "用正确的扩展名重新保存文件（宏会被拒绝：另存为不带宏的格式）")
        return False
    limit = project.settings.resource_max_mb
    size = path.stat().st_size
    if size > limit * 1024 * 1024:
        diags.error(loc, "resource.too-large", f"“{rel}”有 {size_text(size)}，超过上限 {limit:g} MB",
                    "压缩文件（视频降低分辨率或码率），或发布到别处后写 url:；上限见 mkdocs.yml 的 resource_max_mb")
        return False
    return True


def load_items(project: Project, diags: Diagnostics) -> list[Item]:
    """Read every ``resources.yml`` and check each file at its line."""
    items: list[Item] = []
    seen: dict[str, Loc] = {}
    for data in data_files(project):
        doc = load_yaml(data, project.rel(data), diags)
        head = None if doc is None else validate(ResourceFile, doc.data, doc, diags)
        if doc is None or head is None:
            continue
        for i, raw in enumerate(head.resources):
            res = validate(Resource, raw, doc, diags, ("resources", i))
            if res is None:
                continue
            item = Item(Located(res, doc, ("resources", i)))
            if res.id in seen:
                diags.error(item.entry.loc("id"), "resource.duplicate-id",
                            f"资源编号“{res.id}”重复（已在 {seen[res.id]} 定义）", "每个编号只能用一次")
                continue
            seen[res.id] = item.entry.loc("id")
            if not res.file and not res.url:
                diags.error(item.entry.loc("id"), "resource.no-file", f"资源“{res.title}”既没有 file 也没有 url",
                            "写 file:（content/ 下的文件）或 url:（发布的地址）")
            for field in ("file", "captions", "transcript"):
                rel = getattr(res, field)
                if not rel:
                    continue
                path = _inside(project, data.parent, rel, item.entry.loc(field), diags)
                if path is not None:
                    item.claimed.append(path.relative_to(project.docs_dir).as_posix())
                if path is None or not _check_file(item, path, field, project, diags):
                    continue
                uri = path.relative_to(project.docs_dir).as_posix()
                setattr(item, {"file": "file_uri", "captions": "captions_uri", "transcript": "transcript_uri"}[field],
                        uri)
                if field == "file":
                    item.size = path.stat().st_size
            if item.ext in VIDEO and not (item.captions_uri or item.transcript_uri or res.captions or res.transcript):
                diags.error(item.entry.loc("file"), "resource.no-captions",
                            f"视频“{res.title}”没有字幕（.vtt）也没有文字稿",
                            "加上 captions: 同名的 .vtt 字幕文件，或 transcript: 文字稿")
            if res.captions and Path(res.captions).suffix.lower() != ".vtt":
                diags.error(item.entry.loc("captions"), "resource.captions-format", "字幕要用 WebVTT（.vtt）文件",
                            "把字幕另存为 .vtt")
            items.append(item)
    return items


def scan_executables(project: Project, listed: set[str], diags: Diagnostics) -> None:
    """Anything executable under the docs dir, listed or not, is refused (at the file)."""
    for top, dirs, files in os.walk(project.docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(top) / name
            uri = path.relative_to(project.docs_dir).as_posix()
            if uri in listed:
                continue
            ext = path.suffix.lower()
            bad = ext in EXECUTABLE or (ext in OOXML and has_macros(path))
            if bad:
                diags.error(Loc(project.rel(path)), "resource.executable",
                            f"content/ 下不能放可执行文件或带宏的 Office 文件：{name}",
                            "删除它；课件请另存为 PDF 或不带宏的 .pptx / .docx / .xlsx")


class ResourceKind(Kind[Item]):
    """Downloads, media and the library page."""

    name = "resource"

    def sources(self, project: Project) -> list[Path]:
        """The ``resources.yml`` files (never published)."""
        return data_files(project)

    def load(self, project: Project, diags: Diagnostics) -> list[Item]:
        """Every described resource, checked; executables anywhere under content/ refused."""
        items = load_items(project, diags)
        scan_executables(project, {uri for i in items for uri in i.claimed}, diags)
        return items

    def targets(self, entries: list[Item], project: Project) -> Iterable[Target]:
        """``resource:<id>``: its entry on the library page."""
        for i in entries:
            yield Target(f"resource:{i.res.id}", LIBRARY, i.res.title, i.res.id, i.entry.loc("id"), i.res.summary)

    def references(self, entries: list[Item]) -> Iterable[Ref]:
        """What each resource belongs to."""
        for i in entries:
            for n, raw in enumerate(i.res.used_in):
                yield Ref(Reference(raw, i.entry.loc("used_in", n)))

    def validate(self, site: Site) -> None:
        """``related`` names lessons, guide questions, events, series or releases only."""
        for i in self.of(site):
            for n, raw in enumerate(i.res.used_in):
                parts = parse_ref(raw)
                if parts is not None and parts[0] not in RELATED_SCHEMES:
                    site.diags.error(i.entry.loc("used_in", n), "resource.related-kind",
                                     f"used_in 不能引用 {parts[0]}:",
                                     "写 lesson:、guide:指南#问题、event:、series: 或 release:")

    def unsafe(self, entries: list[Item], project: Project) -> Iterable[Any]:
        """Example resources must not be published."""
        for i in entries:
            if i.res.example:
                yield Diagnostic(i.entry.loc("id"), Level.ERROR, "safety.example",
                                 f"资源“{i.res.title}”是示例内容（example: true），不得公开发布",
                                 "换成真实的资源文件后删除 example: true")

    def render(self, site: Site) -> Iterable[Page]:
        """``library/index.md``: everything by type and by 学段."""
        items = self.of(site)
        if items:
            yield Page(LIBRARY, library_page(items, site), items[0].entry.path, "教师资源库")


KIND = ResourceKind()
