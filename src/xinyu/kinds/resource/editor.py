"""What `xinyu new` and `xinyu schema` know about the resource library: the starting entry, its schema."""

from __future__ import annotations

from pathlib import Path

from ...project import Project
from ..editorspec import Context, EditorSpec, Shape, fill
from .model import Resource, ResourceFile


def resource(c: Context) -> str:
    """One entry for the ``resources:`` list of a ``resources.yml`` (a link until the file is there)."""
    return f"""  - id: {c.id}
    title: {c.title_or("资源标题")}  # 填写：资源标题（xinyu new 生成的草稿）
    type: 学习单              # 课件 / 学习单 / 微课视频 / 音频 / 心理剧剧本 / 讲座材料 / 其他
    url: {fill("发布地址；文件放进 content 后改写 file 并删除这一行")}
    # file: files/{c.id}.pdf   # 相对于本 resources.yml 所在文件夹；PDF、PPTX、DOCX、XLSX、MP3、MP4、WebM、图片
    # captions: files/{c.id}.vtt  # 视频必须有 .vtt 字幕，或 transcript: 文字稿
    stages: [初中]            # 学段：幼儿园 / 小学 / 小学低段 / 小学中段 / 小学高段 / 初中 / 高中 / 全学段
    licence: {fill("授权方式，如 CC BY-NC 4.0")}
    author: {fill("作者")}
    # used_in: [lesson:教案编号]  # 所属：lesson:、guide:指南#问题、event:、series:、release:
    example: true             # 示例：发布版拒绝发布；换成真实资源后删除这一行
"""



def _path(project: Project, ident: str) -> Path:
    return project.docs_dir / "library" / "resources.yml"


EDITOR = EditorSpec(
    "resource", "资源", ("资源", "课件", "学习单"),
    "资源库的一个文件（课件、学习单、微课视频……）→ 追加到 content/library/resources.yml",
    path=_path, list_key="resources", template=resource,
    header="# 资源库（由 xinyu new 创建）：文件路径相对于本文件夹。见 docs/editors/teachers.md。\nresources:\n",
    shapes=(Shape("resources-file", "资源库",
                  "content/ 下任一文件夹的 resources.yml：resources 列表，每项一个可下载的文件",
                  ("**/resources.yml",), model=ResourceFile, entries={"resources": Resource},
                  file_name="ResourceFile"),),
    scheme_rank=10, list_rank=9,
)
