"""What `xinyu new` and `xinyu schema` know about events and series: starting text, places, schemas.

A new event is written to its own ``events-<编号>.yml`` at a time that overlaps nothing at its
venue, and registered in the calendar sequence lock; a new series is appended to ``series.yml``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from pathlib import Path

from ...diagnostics import Diagnostics
from ...project import TZ, Project, Site
from ..editorspec import Context, EditorSpec, RefCheck, Refused, Shape, fill
from .ics import lock_entries, updated_lock
from .kind import bundle, data_of
from .load import EventData, _ListFile
from .model import RESERVED, EventIn, Series, Speaker, Venue


def known_people(c: Context, site: Site) -> EventData:
    """Fill the speakers and venues the project has; the events' data."""
    data = data_of(site)
    c.speakers, c.venues = list(data.speakers), list(data.venues)
    return data


def _prepare_series(c: Context, args: argparse.Namespace, site: Site) -> None:
    known_people(c, site)


def _prepare_event(c: Context, args: argparse.Namespace, site: Site) -> None:
    """The series (``--series`` or the first one-off series), its venue, and a free evening four weeks on."""
    data = known_people(c, site)
    if not data.series:
        raise Refused("还没有活动系列：请先运行 xinyu new 系列 <编号> 新建一个系列，再新建活动")
    c.series_ids = list(data.series)
    if args.series:
        if args.series not in data.series:
            raise Refused(f"系列“{args.series}”不存在，可写：{'、'.join(c.series_ids)}")
        chosen = data.series[args.series].item
    else:
        chosen = next((s.item for s in data.series.values() if s.item.recurrence is None),
                      next(iter(data.series.values())).item)
    c.series = chosen.id
    c.teacher = "教师" in chosen.audiences  # a 教研与培训 series: the template adds its fields
    venue = chosen.venue
    if not venue and not chosen.online:
        if not c.venues:
            raise Refused("这个系列没有默认地点，也还没有登记任何地点：请先在 content/events/venues.yml 中登记")
        venue = c.venue = c.venues[0]
    busy = [(o.start, o.end) for o in data.occurrences
            if venue and o.venue == venue and o.status not in ("cancelled", "postponed")]

    start = dt.datetime.combine(c.today + dt.timedelta(days=28), dt.time(19, 0), TZ)
    while any(a < start + dt.timedelta(minutes=90) and start < b for a, b in busy):
        start += dt.timedelta(days=1)
    c.start = start.replace(tzinfo=None)


def lock_new_event(project: Project, event_id: str) -> dict[Path, bytes | None]:
    """Register the new event in the calendar sequence lock (only it; other entries untouched).

    Returns the lock file with its bytes before (None: it is new), or nothing when unchanged.
    """
    # only the events' own data is loaded: the lock depends on nothing else (no whole-project run)
    data = bundle(project, Diagnostics())
    occ = next((o for o in data.occurrences if o.id == event_id), None) if data else None
    if data is None or occ is None or data.lock_path is None:
        return {}
    content, changed = updated_lock(dataclasses.replace(data, occurrences=[occ]), lock_entries(data.lock))
    if not changed:
        return {}
    before = {data.lock_path: data.lock_path.read_bytes() if data.lock_path.is_file() else None}
    data.lock_path.write_text(content, "utf-8")
    return before


def _event_steps(ident: str, others: list[str]) -> list[str]:
    lock = ", ".join(others) or "日历修订号锁定文件"
    return [f"已在 {lock} 登记这场活动；改完活动内容后运行 xinyu lock，再提交"]


def _series_steps(ident: str, others: list[str]) -> list[str]:
    return [f"给这个系列加活动：xinyu new 活动 <编号> --series {ident}"]


def event(c: Context) -> str:
    """An events file with one dated event (its start overlaps nothing at its venue)."""
    assert c.start is not None
    end = c.start + dt.timedelta(minutes=90)
    place = (f"    venue: {c.venue}          # 地点编号（见 content/events/venues.yml）：{'、'.join(c.venues)}；"
             "线上活动改写 online: https://…\n") if c.venue else (
        "    # venue: 地点编号       # 不写则沿用系列的地点（见 content/events/venues.yml）\n")
    speakers = "、".join(c.speakers) or "先在 speakers.yml 中登记"
    return f"""# 新活动（由 xinyu new 生成的草稿）。带“填写”的地方都要改。
# 改完后运行 xinyu lock 更新日历修订号（content/events/sequence.lock.yml），再运行 xinyu check。
# 示例活动（example: true）发布版会拒绝发布：换成真实的时间、地点和主讲人后删除这一行。
events:
  - id: {c.id}
    series: {c.series}          # 所属系列（见 content/events/series.yml）：{'、'.join(c.series_ids)}
    title: {c.title_or("活动标题")}  # 填写：活动标题
    start: {c.start:%Y-%m-%d %H:%M}    # 填写：开始时间（北京时间）
    end: "{end:%H:%M}"               # 填写：结束时间
{place}    # speakers: [主讲人编号]  # 主讲人（见 content/events/speakers.yml）：{speakers}
    # audience: 不写则沿用系列的对象
    # capacity: 名额
    # registration: {{how: 扫码或致电报名, deadline: {(c.start.date() - dt.timedelta(days=2)).isoformat()}}}
{TEACHER_FIELDS if c.teacher else ""}    summary: {fill("一两句话介绍活动")}
    example: true
"""


TEACHER_FIELDS = """\
    # kind: 技能培训          # 不写则沿用系列的类型（可写 教研活动、案例督导、技能培训、跨校教研等）
    stages: [全学段]          # 服务的学段：幼儿园、小学、小学低段…高段、初中、高中、全学段
    # areas: [龙山镇]         # 服务的区域（镇街道或片区）
    # hours: 6                # 持证培训：学时
    # cert: C证               # 持证培训：计入 C证 或 B证
    # brings: [lesson:教案编号]  # 送教下乡：带去的课和讲义（lesson:<编号>、resource:<编号>）
"""

def series(c: Context) -> str:
    """One entry for the ``series:`` list of ``content/events/series.yml``."""
    return f"""  - id: {c.id}
    title: {c.title_or("系列名称")}  # 填写：系列名称（xinyu new 生成的草稿）
    kind: 讲座                # 沙龙/讲座/巡讲/其他；教师：教研活动/案例督导/技能培训/跨校教研/送教下乡/持证培训
    audiences: [家长]         # 面向：家长 / 教师 / 学生 / 公众，可写多个；含“教师”的列在“教研与培训”
    organiser: {fill("主办单位")}
    audience: {fill("面向对象，如 小学学生家长")}
    summary: {fill("一两句话介绍这个系列")}
    # venue: 默认地点编号（见 venues.yml）
    # speakers: [主讲人编号]
    example: true             # 示例：发布版拒绝发布；换成真实安排后删除这一行
    # 每月或每周按规则举行的，去掉下面几行开头的 # 并填写；逐场安排的在 events-*.yml 中逐条写活动：
    # recurrence:
    #   freq: monthly
    #   weekday: 六
    #   nth: 3
    #   start_time: "09:30"
    #   end_time: "11:00"
    #   first: {c.today.isoformat()}
    #   last: {c.today.replace(year=c.today.year + 1, day=1).isoformat()}
"""



def _events_file(project: Project, ident: str) -> Path:
    return project.docs_dir / "events" / f"events-{ident}.yml"


def _series_file(project: Project, ident: str) -> Path:
    return project.docs_dir / "events" / "series.yml"


def _events_files(project: Project) -> list[Path]:
    return sorted((project.docs_dir / "events").glob("events*.y*ml"))


def _list_shape(name: str, title: str, file: str, model_name: str, key: str, entry: type[EventIn] | type[Venue]
                | type[Speaker] | type[Series], what: str = "") -> Shape:
    return Shape(name, title, f"content/events/{file}：{key} 列表{what}", (f"events/{file}",), model=_ListFile,
                 entries={key: entry}, file_name=model_name, only=key)


EVENT = EditorSpec(
    "event", "活动", ("活动", "教研", "培训"),
    "一场活动（家长沙龙、讲座；教研、督导、培训用 --series 选教师系列）→ content/events/events-<编号>.yml",
    reserved=frozenset(RESERVED), path=_events_file, same_kind_files=_events_files, template=event,
    prepare=_prepare_event, after_write=lock_new_event, next_steps=_event_steps,
    shapes=(
        _list_shape("event-venues", "活动地点", "venues.yml", "VenuesFile", "venues", Venue),
        _list_shape("event-speakers", "主讲人", "speakers.yml", "SpeakersFile", "speakers", Speaker),
        Shape("event-file", "活动", "content/events/events*.yml：events 列表，每项一场活动",
              ("events/events*.yml", "events/events*.yaml"), model=_ListFile, entries={"events": EventIn},
              file_name="EventsFile", only="events"),
    ),
    checks={"EventIn.topic": RefCheck("menu")},
    search_label="活动", related_title="相关活动", scheme_rank=3, list_rank=5,
)
SERIES = EditorSpec(
    "series", "活动系列", ("系列", "活动系列"), "活动系列 → 追加到 content/events/series.yml",
    path=_series_file, list_key="series", header="# 活动系列（由 xinyu new 创建）。\nseries:\n",
    template=series, prepare=_prepare_series, next_steps=_series_steps,
    shapes=(_list_shape("event-series", "活动系列", "series.yml", "SeriesFile", "series", Series),),
    search_label="活动", related_title="相关活动", scheme_rank=4, list_rank=6,
)
EDITORS = (EVENT, SERIES)
