"""The teacher's print copy of a lesson: its page (``lessons/<id>/print.md``, the handout template)
and the same page as a PDF (``lessons/<id>/handout.pdf``, made by `xinyu.pdf`), linked from the
lesson page with its size."""

from __future__ import annotations

from ...mdtext import attr, esc
from ...pdf import crisis_text, document, made, paper_html
from ...project import Site
from ...refs import relative_link
from ..resource.render import size_text
from ..service.entries import crisis_lines
from .model import LessonEntry, Step
from .urls import handout_uri, page_uri

EXAMPLE_NOTE = ("这是按《中小学心理健康教育指导纲要》格式编写的示例教案，仅供参考，"
                "使用前请结合本校学情调整，并经专业人员审核。")


def procedure(steps: list[Step], duration: int, *, purpose: bool) -> list[str]:
    """The timed procedure as an HTML table whose cells hold Markdown (md_in_html)."""
    head = "<th>环节</th><th>时间</th><th>活动过程</th>" + ("<th>设计意图</th>" if purpose else "")
    out = ['<table class="xy-procedure" markdown="1">', f"<thead><tr>{head}</tr></thead>", '<tbody markdown="1">']
    for step in steps:
        out += [
            '<tr markdown="1">',
            f'<td class="xy-procedure__phase"><strong>{attr(step.phase)}</strong><br>{attr(step.title)}</td>',
            f'<td class="xy-procedure__time">{step.minutes} 分钟</td>',
            '<td class="xy-procedure__body" markdown="block">',
            "",
            step.content.strip(),
            "",
            "</td>",
        ]
        if purpose:
            out.append(f'<td class="xy-procedure__purpose">{attr(step.purpose or "")}</td>')
        out.append("</tr>")
    total = sum(s.minutes for s in steps)
    span = 2 if purpose else 1
    out += ['<tr class="xy-procedure__total">', "<td>合计</td>", f"<td>{total} 分钟</td>",
            f'<td colspan="{span}">课时 {duration} 分钟</td>', "</tr>", "</tbody>", "</table>", ""]
    return out


def handout_page(e: LessonEntry) -> str:
    """The teacher's print copy: the same lesson, compact, rendered with the handout template.

    The crisis line comes from the template (top, end, and every printed page's footer).
    """
    s = e.item
    uri = handout_uri(s.id)
    meta = ["---", "template: handout.html", "search:", "  exclude: true", "---", ""]
    # raw HTML blocks: Markdown is not processed inside, so HTML escaping only
    facts = f"{attr(s.stage)} · {attr(s.grade)}　|　{attr(s.area)}　|　{attr(s.form)}　|　{s.duration} 分钟"
    out = [*meta, f"# {esc(s.title)} {{#handout}}", "", f'<p class="xy-handout__facts">{facts}</p>', ""]
    if s.example:
        out += [f'<p class="xy-handout__example">示例内容：{attr(EXAMPLE_NOTE)}</p>', ""]
    out += ["## 教学目标 {#objectives}", "", *[f"{i}. {esc(o)}" for i, o in enumerate(s.objectives, 1)], ""]
    out += ["## 重难点 {#key-points}", "", f"**重点**：{'；'.join(esc(x) for x in s.key_points)}", "",
            f"**难点**：{'；'.join(esc(x) for x in s.difficult_points)}", ""]
    if s.materials:
        out += ["## 活动准备 {#materials}", "", "；".join(esc(m) for m in s.materials), ""]
    out += ["## 教学过程 {#procedure}", "", *procedure(s.procedure, s.duration, purpose=False)]
    out += ["## 分层与调适 {#differentiation}", "", s.differentiation.strip(), ""]
    out += ["## 评价 {#assessment}", "", s.assessment.strip(), ""]
    out += ["## 敏感话题与转介 {#referral}", "", s.safety.guidance.strip(), "", s.safety.referral.strip(), ""]
    if s.infusion:
        out += ["## 学科渗透 {#infusion}", "", esc(s.infusion_note or ""), ""]
    if e.body.strip():
        out += ["## 附录 {#appendix}", "", e.body.strip(), ""]
    # A Markdown link (not raw HTML) so MkDocs maps it to the right URL in every URL scheme.
    out += [f"设计：{esc(s.author)}（{esc(s.school)}）　许可：{esc(s.licence)}　"
            f"[在线版]({relative_link(uri, page_uri(s.id))}){{ .xy-handout__online }}", "{: .xy-handout__source }", ""]
    return "\n".join(out)


def lesson_pdf_uri(lesson_id: str) -> str:
    """Where a lesson handout's PDF lives: ``lessons/<id>/handout.pdf``."""
    return f"lessons/{lesson_id}/handout.pdf"


def lesson_html(e: LessonEntry, site: Site) -> str:
    """The print handout of a lesson (the same Markdown as its print page) as one HTML document."""
    text = handout_page(e).split("---", 2)[2]  # without the front matter
    body = paper_html(text, ["tables", "attr_list", "md_in_html", "def_list"])
    return document(e.item.title, crisis_text(crisis_lines(site)), body)


def lesson_pdf(site: Site, e: LessonEntry) -> bytes | None:
    """The lesson handout's PDF, or None."""
    return made(site, f"lesson:{e.item.id}", lambda: lesson_html(e, site))


def lesson_item(site: Site, e: LessonEntry, from_uri: str) -> list[str]:
    """The downloads-list line of a lesson's PDF handout ([] without a PDF)."""
    data = lesson_pdf(site, e)
    if not data:
        return []
    link = relative_link(from_uri, lesson_pdf_uri(e.item.id))
    return [f"- 讲义：[{esc(e.item.title)}（打印版）]({link})（PDF · {size_text(len(data))}）"]
