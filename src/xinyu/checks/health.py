"""The content health page (内容体检) for editors, built only in preview builds.

Not a content kind: the core calls `health_page` after the link check, so the page can list
what the check found (broken links and references, orphans, one-way related links, external
links) next to the review state of every entry (stale reviews, entries past their review date,
entries nobody has reviewed).
"""

from __future__ import annotations

import datetime as dt

from ..diagnostics import Diagnostic, Level
from ..mdtext import esc
from ..project import Page, Site
from ..refs import relative_link
from .links import HEALTH_URI, LinkReport

_LINK_CODES = ("link.", "ref.")


FOLD_AFTER = 10  # a longer list starts folded (its count shows), so a phone can see every section


def _table(rows: list[tuple[str, ...]], head: tuple[str, ...], variant: str = "diag") -> list[str]:
    """A table that phones show as one card per row (portal.css labels the columns by `variant`)."""
    if not rows:
        return ["没有发现问题。", ""]
    out = [f'<div class="xy-stack xy-stack--{variant}" markdown>', "",
           "| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    out += ["", "</div>", ""]
    if len(rows) > FOLD_AFTER:
        out = ['<details class="xy-fold" markdown>', f"<summary>共 {len(rows)} 条，点击展开</summary>", "",
               *out, "</details>", ""]
    return out


def _diag_rows(diags: list[Diagnostic]) -> list[tuple[str, ...]]:
    return [(f"`{esc(d.loc)}`", d.level.value, esc(d.code), esc(d.message), esc(d.hint or "")) for d in diags]


def _reviews(site: Site) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(stale reviews, entries without a reviewer)."""
    stale: list[tuple[str, ...]] = []
    gaps: list[tuple[str, ...]] = []
    days = site.project.settings.review_days
    for _kind, views in sorted(site.views.items()):
        for e in views:
            loc = esc(e.loc)
            if e.review is None:
                gaps.append((esc(e.key), f"`{loc}`", "示例" if e.example else ""))
            elif e.review.reviewed_on + dt.timedelta(days=days) < site.project.today:
                stale.append((esc(e.key), f"`{loc}`", esc(e.review.reviewer), e.review.reviewed_on.isoformat()))
    return stale, gaps


def health_page(site: Site, report: LinkReport) -> Page:
    """The 内容体检 page: link problems, orphans, reviews, external links."""
    diags = site.diags.sorted()
    apart = ("link.orphan", "link.one-way-related")
    links = [d for d in diags if d.code.startswith(_LINK_CODES) and d.code not in apart]
    one_way = [d for d in diags if d.code == "link.one-way-related"]
    overdue = [d for d in diags if "overdue" in d.code or "review" in d.code]
    stale, gaps = _reviews(site)
    errors = sum(1 for d in diags if d.level is Level.ERROR)
    out = [
        "# 内容体检 {#neirong-tijian}",
        "",
        '!!! note "只在预览版中生成"',
        f"    {site.project.today.isoformat()} 的检查结果。页面 {len(report.pages)} 个，检查链接 {report.links} 条；"
        f"错误 {errors} 条，失效链接和引用 {len(links)} 条，孤立页面 {len(report.orphans)} 个，"
        f"外部链接 {len(report.external)} 个（未访问）。",
        "",
        "## 失效的链接和引用 {#shixiao-lianjie}",
        "",
        *_table(_diag_rows(links), ("位置", "级别", "代码", "问题", "建议")),
        "## 孤立页面 {#guli-yemian}",
        "",
        "没有任何页面链接到、也不在导航中的页面。",
        "",
        *([f"- [{esc(u)}]({relative_link(HEALTH_URI, u)})" for u in report.orphans] or ["没有发现问题。"]),
        "",
        "## 单向关联 {#danxiang-guanlian}",
        "",
        *_table(_diag_rows(one_way), ("位置", "级别", "代码", "问题", "建议")),
        "## 已过复核日期 {#guoqi-fuhe}",
        "",
        *_table(_diag_rows(overdue), ("位置", "级别", "代码", "问题", "建议")),
        f"## 复核已超过 {site.project.settings.review_days} 天 {{#fuhe-guojiu}}",
        "",
        *_table(stale, ("条目", "位置", "审核人", "审核日期"), "stale"),
        "## 尚无审核人的条目 {#wu-shenheren}",
        "",
        *_table(gaps, ("条目", "位置", "备注"), "gaps"),
        "## 外部链接 {#waibu-lianjie}",
        "",
        "构建时不访问外部网站；请定期人工抽查这些链接。",
        "",
        *_table([(esc(url), "、".join(f"`{esc(loc)}`" for loc in sorted(set(locs))[:5]))
                 for url, locs in sorted(report.external.items())], ("网址", "出现位置"), "external"),
    ]
    return Page(HEALTH_URI, "\n".join(out) + "\n", None, "内容体检")
