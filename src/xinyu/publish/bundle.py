"""The offline bundle: the site built for ``file://`` (links end in ``.html``), as a reproducible zip.

For schools without a good connection (送教下乡): unzip anywhere, open ``index.html``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build

from . import attest

README = """\
心育资源门户 · 离线版（{day} 生成）

用法：解压整个压缩包，进入 {folder} 文件夹，用浏览器（Chrome、Edge、360、QQ 浏览器等）
打开 index.html 即可浏览、搜索、打印教案讲义、下载活动日历文件，无需联网。
请勿只复制单个网页文件，页面之间互相引用。

本离线版内容截至生成日期；热线号码和活动安排可能已有变化，联网时请以网站为准。
"""


def bundle_name(day: dt.date) -> str:
    """The zip's file name (and its top folder without ``.zip``): ``xinyu-offline-<date>.zip``."""
    return f"xinyu-offline-{day.isoformat()}.zip"


def non_ascii_names(site_dir: Path) -> list[str]:
    """Paths in `site_dir` that are not plain ASCII (old Windows zip tools garble them)."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if not p.as_posix().isascii())


_FOLDER_LINK = re.compile(r"""(\s(?:href|src)=)(["'])((?:\.{1,2}|[^"':?#]*/)?)(#[^"']*)?\2""")


def link_folders_to_files(site_dir: Path) -> int:
    """Point relative links that name a folder (``services/``, ``..``) at its ``index.html``.

    A directory-style page link (``../x/``) with no such folder index goes to ``../x.html``.

    A browser on file:// shows a folder as a file listing; on a web server the same link works
    either way. Theme templates write folder links by hand, so the bundle fixes them all here.
    Returns how many links were changed.
    """
    changed = 0
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text("utf-8")

        def fix(m: re.Match[str], page: Path = page) -> str:
            nonlocal changed
            path = m.group(3)
            if not path or path.startswith("/"):
                return m.group(0)
            if (page.parent / path / "index.html").is_file():
                new = path + ("" if path.endswith("/") else "/") + "index.html"
            elif path.endswith("/") and path.rstrip("/").split("/")[-1] not in ("", ".", "..") and \
                    (page.parent / (path.rstrip("/") + ".html")).is_file():
                new = path.rstrip("/") + ".html"  # a directory-style page URL: x/ is x.html here
            else:
                return m.group(0)
            changed += 1
            return f"{m.group(1)}{m.group(2)}{new}{m.group(4) or ''}{m.group(2)}"

        new = _FOLDER_LINK.sub(fix, text)
        if new != text:
            page.write_text(new, "utf-8", newline="")
    return changed


def write_zip(site_dir: Path, zip_path: Path, day: dt.date) -> int:
    """Zip `site_dir` into `zip_path` under one top folder; return the number of files.

    Reproducible: entries sorted, every timestamp noon of `day`, fixed permissions. Written to a
    temporary name first, so a failed run leaves no half-written zip.
    """
    folder = zip_path.name.removesuffix(".zip")
    stamp = (day.year, day.month, day.day, 12, 0, 0)
    # Source maps only serve developer tools (they would double the zip's size); the 404 page only
    # a web server shows, and its links are absolute paths that mean nothing on file://.
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and not p.is_symlink() and p.suffix != ".map" and
                   p.relative_to(site_dir).as_posix() != "404.html")
    tmp = zip_path.with_name(f".{zip_path.name}.{os.getpid()}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            entries = [(f"{folder}/README.txt", ("\ufeff" + README.format(day=day, folder=folder)).encode())]
            entries += [(f"{folder}/{p.relative_to(site_dir).as_posix()}", p.read_bytes()) for p in files]
            for name, data in entries:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3
                info.external_attr = 0o644 << 16
                zf.writestr(info, data, compresslevel=9)
        tmp.replace(zip_path)
    finally:
        tmp.unlink(missing_ok=True)
    return len(files) + 1


def build_bundle(cfg: Any, out_dir: Path, day: dt.date) -> tuple[Path | None, list[str]]:
    """Build the site for ``file://`` and zip it into `out_dir`.

    `cfg` is a loaded MkDocs config (its strictness decides whether warnings fail). Returns the
    zip's path, or None and the offending file names if a name is not ASCII. MkDocs' own errors
    propagate.
    """

    # Links must name files, not folders: file:// shows a folder listing, not its index.html.
    cfg.use_directory_urls = False
    # Material's instant navigation loads pages with XHR, which file:// refuses.
    features = cfg.theme.get("features") or []
    cfg.theme["features"] = [f for f in features if not str(f).startswith("navigation.instant")]
    with tempfile.TemporaryDirectory(prefix=".xinyu-bundle-", dir=out_dir) as tmp:
        site_dir = Path(tmp) / "site"
        cfg.site_dir = str(site_dir)
        build(cfg)
        link_folders_to_files(site_dir)
        attest.refresh_pages(site_dir, leave_out=["404.html"])  # the pages the zip holds, as they now are
        bad = non_ascii_names(site_dir)
        if bad:
            return None, bad
        zip_path = out_dir / bundle_name(day)
        write_zip(site_dir, zip_path, day)
    options = cfg.plugins["xinyu"].config if "xinyu" in cfg.plugins else {}
    warning = size_warning(zip_path, float(options.get("bundle_warn_mb") or 200))
    if warning:
        print(warning, file=sys.stderr)
    return zip_path, []


def size_warning(zip_path: Path, limit_mb: float) -> str | None:
    """A Chinese warning line when the zip (pages, downloads and media) is larger than `limit_mb`."""
    size = zip_path.stat().st_size / 1024 / 1024
    if size <= limit_mb:
        return None
    return (f"{zip_path.name}: 警告 bundle.large 离线包有 {size:.1f} MB，超过 {limit_mb:g} MB，"
            "U 盘拷贝和旧电脑打开会很慢（把大的视频改为外链 url:，或压缩资源文件；"
            "上限见 mkdocs.yml 中 xinyu 插件的 bundle_warn_mb）")
