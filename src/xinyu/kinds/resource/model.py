"""The resource library's schema and the loaded item: types, formats, a ``resources.yml``, `Item`."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from ...model import Entry, ServedStage, Strict, Text
from ..base import Located

ResourceType = Literal["课件", "学习单", "微课视频", "音频", "心理剧剧本", "讲座材料", "其他"]
TYPES: tuple[str, ...] = ("课件", "学习单", "微课视频", "音频", "心理剧剧本", "讲座材料", "其他")
LIBRARY = "library/index.md"
DATA_NAME = "resources.yml"
# extension → label shown beside the link
FORMATS = {".pdf": "PDF", ".pptx": "PPTX", ".docx": "DOCX", ".xlsx": "XLSX", ".mp3": "MP3", ".mp4": "MP4",
           ".webm": "WebM", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP",
           ".vtt": "WebVTT", ".txt": "TXT"}
VIDEO = {".mp4", ".webm"}
AUDIO = {".mp3"}
OOXML = {".pptx": "ppt/", ".docx": "word/", ".xlsx": "xl/"}
EXECUTABLE = {".exe", ".bat", ".cmd", ".sh", ".js", ".mjs", ".ps1", ".vbs", ".vbe", ".wsf", ".hta", ".msi", ".com",
              ".scr", ".jar", ".dll", ".apk", ".pptm", ".docm", ".xlsm", ".potm", ".dotm", ".xltm", ".ppsm"}
RELATED_SCHEMES = ("lesson", "guide", "event", "series", "release")


class Resource(Entry):
    """One downloadable file (or a link to where it is published)."""

    title: Text
    type: ResourceType
    file: str | None = None  # relative to the folder of its resources.yml
    url: str | None = None  # where it is published (instead of, or besides, a file)
    captions: str | None = None  # .vtt beside a video or audio file
    transcript: str | None = None  # a .txt / .pdf transcript instead of captions
    stages: list[ServedStage] = Field(default_factory=list, min_length=1)  # 学段
    licence: Text
    author: Text
    used_in: list[str] = Field(default_factory=list)  # what it belongs to: lesson: / guide:g#q / event: / release:
    summary: str | None = None


class ResourceFile(Strict):
    """A ``resources.yml``."""

    resources: list[dict[str, Any]] = Field(min_length=1)


@dataclass
class Item:
    """A loaded resource with its located entry and its files (paths relative to the docs dir)."""

    entry: Located[Resource]
    file_uri: str | None = None
    size: int = 0
    captions_uri: str | None = None
    transcript_uri: str | None = None
    claimed: list[str] = dataclass_field(default_factory=list)  # every path it names (docs-relative)

    @property
    def res(self) -> Resource:
        """The validated entry."""
        return self.entry.item

    @property
    def ext(self) -> str:
        """The file's extension, lower case ('' without a file)."""
        return Path(self.file_uri).suffix.lower() if self.file_uri else ""
