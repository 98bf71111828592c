"""Pages of the directory: the home, one page per service (with its clinic), the network page."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import segno

from ... import crisisline
from ...diagnostics import Loc
from ...mdtext import attr, esc
from ...project import Page, Site
from .data import json_script, jsonld, page_url
from .entries import (
    ServiceEntry,
    always_open,
    channel_key,
    crisis_lines,
    entries_of,
    hours_data,
    hours_payload,
    page_uri,
    status,
)
from .hours import DAY_NAMES, known_years_note, parse_days
from .model import Channel, Service
from .phones import Phone

if TYPE_CHECKING:
    from ..base import Located

NEEDS: tuple[tuple[str, str, str], ...] = (
    ("心理援助", "心理援助", "xin-li-yuan-zhu"),
    ("家庭教育指导", "家庭教育指导", "jia-ting-jiao-yu-zhi-dao"),
    ("青少年", "青少年服务", "qing-shao-nian"),
    ("医院门诊", "医院门诊", "yi-yuan-men-zhen"),
)
LEVEL_TITLES = {"全国": "全国", "市": "市级", "镇街道": "镇（街道）级", "村社区": "村（社区）级", "学校": "学校"}
NETWORK = "services/network.md"


def number_html(phone: Phone, example: bool) -> str:
    """A number as shown on pages: a `tel:` link, or a marked sample without one."""
    return crisisline.number_html(phone.display, phone.tel, example=example)


def badge(e: Located[Service], site: Site) -> str:
    """A visible 示例 / 待核实 / 待复核 mark, or nothing."""
    state = status(e, site.project)
    return f' <span class="xy-badge xy-badge--warn">{state}</span>' if state else ""


def hours_html(ch: Any) -> str:
    """A line's hours as text; 24-hour lines are marked so the open-now column does not repeat it."""
    cls = "xy-hours xy-hours--always" if ch.hours.always else "xy-hours"
    return f'<span class="{cls}">{esc(ch.hours.describe())}</span>'


def open_span(key: str, ch: Channel | None = None, site: Site | None = None) -> str:
    """Where open-now.js writes 开放中 / 已关闭 / 24小时 (empty without JavaScript); for a line whose
    hours are "as published locally", no status but the always-open lines to call instead."""
    if ch is not None and site is not None and ch.hours.local:
        alts = "、".join(f'{esc(a["name"])} {crisisline.number_html(a["display"], a["tel"])}'
                        for a in always_open(crisis_lines(site)))
        return f'<span class="xy-open xy-open--local">时间以当地为准；未接通时可拨打全天开放的{alts}</span>'
    return f'<span class="xy-open" data-xy-open="{attr(key)}"></span>'


def hours_block(site: Site, entries: Iterable[ServiceEntry]) -> str:
    """The hours data of the channels on a page, plus the crisis lines to point to when closed."""
    lines: dict[str, Any] = {}
    for e in entries:
        for i, ch in enumerate(e.item.channels):
            lines[channel_key(e.item.id, i)] = _line(e.item.name, ch.phone, e.item.example, hours_data(e, i, site))
    return json_script(hours_payload(lines, crisis_lines(site)), "application/json", "xy-hours-data")


def _line(name: str, phone: Phone, example: bool, data: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "display": phone.display, "tel": None if example else phone.tel, "open": data}


def cards(table: list[str], variant: str = "lines") -> list[str]:
    """A Markdown table of lines, wrapped so that phones show each row as a card (services.css)."""
    return [f'<div class="xy-cards xy-cards--{variant}" markdown>', "", *table, "", "</div>"]


def rows(entries: Iterable[Located[Service]], site: Site, *, link: bool = True) -> list[str]:
    """Table rows: one per channel (name, number, hours as text, open-now)."""
    out = ["| 名称 | 电话 | 服务时间 | 现在 |", "| --- | --- | --- | --- |"]
    for e in entries:
        s = e.item
        for i, ch in enumerate(s.channels):
            name = f"[{esc(s.name)}](service:{s.id})" if link else esc(s.name)
            if ch.label:
                name += f"（{esc(ch.label)}）"
            out.append(f"| {name}{badge(e, site)} | {number_html(ch.phone, s.example)} | "
                       f"{hours_html(ch)} | {open_span(channel_key(s.id, i), ch, site)} |")
    return out


def directory(site: Site) -> str:
    """The directory home: crisis lines first, then by need."""
    entries = entries_of(site)
    crisis = sorted((e for e in entries if e.item.crisis), key=lambda e: e.item.crisis or 0)
    out = ["# 热线与服务", "",
           "遇到心理困扰、家庭教育难题，或有人有生命危险时，可以在这里找到能帮忙的热线和服务。"
           "每条线路都写明服务时间；“现在”一栏按北京时间显示是否开放。", ""]
    if any(status(e, site.project) for e in entries):
        out += ['!!! warning "示例内容"',
                "    标有“示例”“待核实”的条目号码是虚构的或尚未核实，仅供预览，发布前必须替换为核实过的真实号码。", ""]
    out += ["## 紧急求助 {#crisis}", "", "**有生命危险请立即拨打 110 或 120。**", "", *cards(rows(crisis, site)), ""]
    listed = {e.item.id for e in crisis}
    for title, kind, anchor in NEEDS:
        group = [e for e in entries if e.item.type == kind and e.item.level in ("全国", "市", "学校")]
        out += [f"## {title} {{#{anchor}}}", ""]
        out += [*cards(rows(group, site)), ""] if group else ["暂无条目。", ""]
        listed.update(e.item.id for e in group)
        if kind == "家庭教育指导":
            out += ["各镇（街道）、村（社区）的家庭教育指导服务见[三级服务网络](network.md)。", ""]
    out += ["## 三级服务网络 {#network}", "",
            "市、镇（街道）、村（社区）三级家庭教育指导服务站点：[按层级查看](network.md)。", "",
            "## 开放数据 {#open-data}", "",
            "本目录可下载为 [JSON](../data/services.json)（字段参照 Open Referral HSDS 3.0）"
            "和 [CSV](../data/services.csv)。", "",
            esc(known_years_note(site.project.today)), "",
            hours_block(site, [e for e in entries if e.item.id in listed]), ""]
    return "\n".join(out)


def network(site: Site) -> str:
    """The network page: every service by level, towns and streets with their 村（社区）."""
    entries = entries_of(site)
    out = ["# 三级家庭教育指导服务网络", "",
           "慈溪市依托社区教育服务网络和各校家长学校，构建覆盖城乡的市、镇（街道）、行政村（社区）"
           "三级家庭教育指导服务体系，打造推门可见的家庭教育志愿者“15分钟服务圈”。", ""]
    towns = [e for e in entries if e.item.level == "镇街道"]
    if towns:  # plain anchor links: work without JavaScript, in the offline bundle too
        out += [jump_list("按镇（街道）查找", [(f"at-{e.item.id}", e.item.area or e.item.name) for e in towns]), ""]
    shown: list[ServiceEntry] = []
    for level, anchor in (("市", "shi"), ("镇街道", "zhen-jie-dao"), ("村社区", "cun-she-qu")):
        group = [e for e in entries if e.item.level == level]
        out += [f"## {LEVEL_TITLES[level]} {{#{anchor}}}", ""]
        if not group:
            out += ["暂无条目。", ""]
            continue
        shown += group
        table = ["| 名称 | 服务范围 | 上一级 | 电话 | 服务时间 | 现在 |", "| --- | --- | --- | --- | --- | --- |"]
        for e in group:
            s = e.item
            up = _parent(entries, s.parent) or "—"
            for i, ch in enumerate(s.channels):
                here = f'<span id="at-{attr(s.id)}"></span>' if level == "镇街道" and not i else ""
                table.append(f"| {here}[{esc(s.name)}](service:{s.id}){badge(e, site)} | {esc(s.area or '')} | {up} | "
                             f"{number_html(ch.phone, s.example)} | {hours_html(ch)} | "
                             f"{open_span(channel_key(s.id, i), ch, site)} |")
        out += [*cards(table, "network"), ""]
    out += [hours_block(site, shown), ""]
    return "\n".join(out)


def jump_list(label: str, links: list[tuple[str, str]]) -> str:
    """A row of in-page links (anchor, text) to the parts of a long page."""
    items = "".join(f'<li><a href="#{attr(a)}">{esc(t)}</a></li>' for a, t in links)
    return (f'<nav class="xy-jump" aria-label="{attr(label)}"><span class="xy-jump__label">{esc(label)}：</span>'
            f"<ul>{items}</ul></nav>")


def _parent(entries: list[ServiceEntry], service_id: str | None) -> str:
    """A link to the parent service, or "" (an unknown parent is reported once, at its source line)."""
    name = next((e.item.name for e in entries if e.item.id == service_id), None)
    return f"[{esc(name)}](service:{service_id})" if name else ""


def service_page(e: ServiceEntry, site: Site) -> str:
    """One service: numbers and hours, clinic, where it sits in the network, verification, QR code."""
    s, entries = e.item, entries_of(site)
    out = [f"# {esc(s.name)}", ""]
    state = status(e, site.project)
    if state:
        out += [f'<p class="xy-badges"><span class="xy-badge xy-badge--warn">{state}</span></p>', ""]
    if s.example:
        out += ['!!! warning "示例条目"', "    这是示例数据，号码是虚构的，不是真实号码，发布前必须替换并核实。", ""]
    elif state:
        out += ['!!! warning "待核实"', "    这个条目尚未核实或核实已过期，发布前必须重新拨打核实。", ""]
    if s.summary:
        out += [esc(s.summary), ""]
    out += ["## 联系方式与服务时间 {#contact}", ""]
    table = ["| 方式 | 电话 | 服务时间 | 现在 |", "| --- | --- | --- | --- |"]
    notes = []
    for i, ch in enumerate(s.channels):
        table.append(f"| {esc(ch.label or ch.type)} | {number_html(ch.phone, s.example)} | "
                     f"{hours_html(ch)} | {open_span(channel_key(s.id, i), ch, site)} |")
        if ch.hours.rules_text():
            notes.append(f"- {esc(ch.label or ch.type)}：{esc(ch.hours.rules_text())}")
        if ch.area:
            notes.append(f"- {esc(ch.label or ch.type)}：外地号码（{esc(ch.area)}）")
    out += [*cards(table), "", *notes, "" if notes else ""]
    if any(ch.hours.structured and not ch.hours.always for ch in s.channels):
        out += [esc(known_years_note(site.project.today)), ""]
    if s.clinic:
        out += clinic_section(s)
    out += info_section(e, entries, site)
    url = page_url(s.id, site)
    if url:
        # `xinyu check` renders pages only for their links: a QR code has none and is costly.
        svg = "" if site.project.checking else segno.make(url, error="m").svg_inline(
            scale=3, title=f"{s.name} 页面二维码")
        out += ["## 海报二维码 {#qr}", "", "打印海报时可用下面的二维码，扫码打开本页（查看最新号码和服务时间）。", "",
                f'<figure class="xy-qr">{svg}<figcaption>{esc(url)}</figcaption></figure>', ""]
    out += [jsonld(e, site), "", hours_block(site, [e]), ""]
    return "\n".join(out)


def clinic_section(s: Service) -> list[str]:
    """The 分诊点 / 专家工作室: sessions, how to book, 医保."""
    c = s.clinic
    assert c is not None
    out = ["## 专家坐诊与预约 {#clinic}", "",
           f"{esc(c.hospital)}的专家在这里坐诊，每周 {len(c.sessions)} 次。地址：{esc(c.address)}", "",
           '<div class="xy-cards xy-cards--clinic" markdown>', "",
           "| 星期 | 时间 | 坐诊专家 | 说明 |", "| --- | --- | --- | --- |"]
    for x in sorted(c.sessions, key=lambda x: (parse_days(x.day)[0], x.opens)):
        out.append(f"| 周{DAY_NAMES[parse_days(x.day)[0]]} | {esc(x.opens)}–{esc(x.closes)} | "
                   f"{esc(x.doctor or '')} | {esc(x.note or '')} |")
    out += ["", "</div>", "", "### 如何预约 {#booking}", "", esc(c.booking), "",
            "### 医保 {#insurance}", "", esc(c.insurance), ""]
    if c.green_channel:
        out += ["### 绿色诊疗通道 {#green-channel}", "", esc(c.green_channel), ""]
    return out


def info_section(e: Located[Service], entries: list[ServiceEntry], site: Site) -> list[str]:
    """Operator, level and parent, area, audience, and who checked the entry."""
    s = e.item
    out = ["## 服务信息 {#info}", ""]
    if s.operator:
        out.append(f"- 提供方：{esc(s.operator)}")
    level = LEVEL_TITLES[s.level]
    parent = _parent(entries, s.parent)
    if parent:
        level += f"，上一级：{parent}"
    out.append(f"- 层级：{level}" + ("" if s.level in ("全国", "学校") else "（[三级服务网络](network.md)）"))
    children = [c for c in entries if c.item.parent == s.id]
    if children:
        out.append("- 下一级：" + "、".join(f"[{esc(c.item.name)}](service:{c.item.id})" for c in children))
    if s.area:
        out.append(f"- 服务范围：{esc(s.area)}")
    if s.address:
        out.append(f"- 地址：{esc(s.address)}")
    if s.audience:
        out.append(f"- 服务对象：{esc('、'.join(s.audience))}")
    if s.ages and (s.ages.min is not None or s.ages.max is not None):
        lo = "" if s.ages.min is None else f"{s.ages.min} 岁"
        hi = "" if s.ages.max is None else f"{s.ages.max} 岁"
        out.append(f"- 年龄：{lo}至{hi}" if lo and hi else f"- 年龄：{lo or hi}{'以上' if lo else '以下'}")
    if s.topics:
        out.append(f"- 服务内容：{esc('、'.join(s.topics))}")
    if s.url:
        out.append(f"- 网站：<{attr(s.url)}>")
    out += ["", "## 核实信息 {#verification}", ""]
    v = s.verification
    if v and v.verified_on:
        out += [f"- 核实日期：{v.verified_on.isoformat()}（{esc(v.method)}）", f"- 核实人：{esc(v.verified_by)}",
                f"- 来源：{esc(v.source)}"]
    elif v:
        out += [f"- 来源：{esc(v.source)}（{esc(v.method)}）",
                "- 尚未由本地编辑核实：号码和本地的服务时间以当地公布为准，发布前须拨打确认"]
    else:
        out.append("- 尚未核实")
    email = site.project.settings.maintainer_email
    if email:
        subject = quote(f"[报告信息有误] service:{s.id} {s.name}")
        body = quote(f"条目：service:{s.id}（{page_uri(s.id)}）\n有误的内容：\n正确的信息和来源：\n")
        href = f"mailto:{attr(email)}?subject={subject}&amp;body={body}"
        out += ["", f'<a class="xy-report" href="{href}">报告信息有误</a>']
    return [*out, ""]


def service_link_locs(e: Located[Service]) -> dict[str, Loc]:
    """Where the links a service's page takes from its data are written: its website and parent."""
    s = e.item
    locs = {attr(s.url): e.loc("url")} if s.url else {}
    if s.parent:
        locs[f"service:{s.parent}"] = e.loc("parent")
    return locs


def render_pages(site: Site) -> Iterator[Page]:
    """Every page of the directory."""
    entries = entries_of(site)
    for e in entries:
        yield Page(page_uri(e.item.id), service_page(e, site), e.path, e.item.name, service_link_locs(e))
    yield Page("services/index.md", directory(site), None, "热线与服务")
    yield Page(NETWORK, network(site), None, "三级服务网络")
