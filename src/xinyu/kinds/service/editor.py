"""What `xinyu new` and `xinyu schema` know about services: the starting file, its schemas and checks."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...project import Project, Site
from ..editorspec import Check, Context, EditorSpec, Shape, fill, scalar
from .hours import _TIME, SchoolCalendar
from .kind import KIND
from .model import File, Service


def prepare(c: Context, args: argparse.Namespace, site: Site) -> None:
    """An example number no service of the project uses yet."""
    used = {"".join(ch for ch in chan.number if ch.isdigit())
            for e in KIND.of(site) for chan in e.item.channels}
    free = (f"0574-6300 0{n}" for n in range(900, 1000) if f"057463000{n}" not in used)
    c.number = next(free, c.number)


def service(c: Context) -> str:
    """A services file with one entry: an example number, no verification yet."""
    name = scalar(f"{c.title}（示例）") if c.title else fill("服务名称（示例）")
    return f"""# 新的热线与服务条目（由 xinyu new 生成的草稿）。带“填写”的地方都要改。
# 号码是虚构的示例号码（example: true），发布版会拒绝发布：填入拨打核实过的真实号码，
# 删除 example: true，并填写 verification（核实日期、核实人、方式、来源）后才能发布。
services:
  - id: {c.id}
    name: {name}  # 填写：服务名称
    operator: {fill("主办或运营单位")}
    level: 市                 # 网络层级：全国 / 市 / 镇街道 / 村社区 / 学校（镇街道、村社区级要写 parent）
    # parent: 上一级服务的编号
    area: {fill("服务范围，如 浒山街道")}
    type: 心理援助            # 类型：心理援助 / 家庭教育指导 / 青少年服务 / 医院门诊 / 应急
    audience: [家长, 中小学生]  # 填写：服务对象
    topics: []                # 服务内容，如 [家庭教育咨询, 心理咨询]
    summary: {fill("一两句话介绍服务内容")}
    example: true             # 示例号码：核实真实号码后删除这一行
    channels:
      - type: 电话            # 电话 / 热线 / 手机
        number: "{c.number}"  # 填写：核实过的号码（现在是虚构的示例号码）
        hours:                # 服务时间：24 小时写 always: true
          weekly:
            - {{days: 一至五, opens: "08:30", closes: "17:00"}}
    # verification:           # 核实信息（发布前必填）：核实后去掉下面几行开头的 #
    #   verified_on: {c.today.isoformat()}
    #   verified_by: 某某（编辑）
    #   method: 拨打核实
    #   source: 填写：信息来源，如 单位官网、来函
"""



def _path(project: Project, ident: str) -> Path:
    return project.docs_dir / "services" / f"{ident}.yml"


def _files(project: Project) -> list[Path]:
    return sorted((project.docs_dir / "services").glob("*.y*ml"))


_CLOCK: Check = {"pattern": _TIME.pattern}
EDITOR = EditorSpec(
    "service", "热线与服务", ("热线", "服务"), "热线与服务（示例号码，待核实）→ content/services/<编号>.yml",
    reserved=frozenset({"index", "network"}), path=_path, same_kind_files=_files, template=service, prepare=prepare,
    shapes=(
        Shape("service-file", "热线与服务文件", "content/services/ 中的文件：services 列表，每项一条热线或服务",
              ("services/*.yml", "services/*.yaml"), model=File, entries={"services": Service},
              file_name="ServiceFile"),
        Shape("school-calendar", "校历", "content/school-calendar.yml：学年、学期和寒暑假",
              ("school-calendar.yml",), model=SchoolCalendar),
    ),
    checks={**{f"{m}.{f}": _CLOCK for m in ("WeeklyRule", "DateException", "Session") for f in ("opens", "closes")},
            "Service.url": {"pattern": r"^https://"}, "Service.parent": {"pattern": r"^[a-z0-9][a-z0-9-]*$"}},
    search_label="热线", related_title="相关热线与服务", scheme_rank=5, list_rank=4,
)
