"""The safety checks as a kind: detection, review, safe-messaging findings, tone; the crisis box map.

Runs after every other kind has loaded (``validate`` sees the whole site) and reports through
``unsafe`` what a publishing build must refuse. The crisis box of a page that speaks of a risk
topic without its renderer showing one is added to its Markdown by `box.with_crisis_box`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...diagnostics import Diagnostic, Diagnostics, Level, Loc
from ...project import Project, Site
from ...search.vocab import RISK, RiskVocab, load_risk
from ..base import Kind
from .rules import RULES, Compiled, Finding, find, load_rules
from .texts import Piece, Unit, units

_HELP_LINK = re.compile(r"service:|services/")


@dataclass
class Safety:
    """The kind's single entry: vocabulary, rules, and what `validate` found."""

    vocab: RiskVocab
    rules: list[Compiled]
    boxes: dict[str, list[str]] = field(default_factory=dict)  # page src_uri → topics
    refused: list[Diagnostic] = field(default_factory=list)


def locate(piece: Piece, finding: Finding, lines: dict[str, list[str]], root: Path) -> Loc:
    """The file position of `finding` in `piece`: the line by counting, the column from the file's own line."""
    before = piece.text[: finding.start]
    line = piece.loc.line + before.count("\n")
    col = finding.start - (before.rfind("\n") + 1) + (piece.loc.col if "\n" not in before else 1)
    if piece.loc.path not in lines:
        try:
            lines[piece.loc.path] = (root / piece.loc.path).read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            lines[piece.loc.path] = []
    source = lines[piece.loc.path]
    head = finding.text.split("\n", 1)[0]
    if 0 < line <= len(source) and head and (at := source[line - 1].find(head)) >= 0:
        col = at + 1
    return Loc(piece.loc.path, line, col)


def _review_hint(unit: Unit) -> str:
    if unit.page and unit.page.endswith(".md") and unit.label.startswith("页面“"):
        return ("请具名专业人员审核后在 front matter 写 risk: {reviewed_by: 姓名, reviewed_on: 日期}；"
                "审核后认为不需要热线框时再加 box: false 和 reason")
    where = "问题写在字段块里" if re.match(r"第\d+问", unit.label) else "写在这一条目里，与 title 对齐"
    return f"请具名专业人员审核后填写 review: {{reviewer: 姓名, reviewed_on: 日期}}（{where}）"


def check_unit(unit: Unit, state: Safety, diags: Diagnostics, root: Path, lines: dict[str, list[str]]) -> None:
    """Detection, review, safe-messaging findings and tone for one page or entry."""
    topics = state.vocab.topics_in(unit.text)
    flag = unit.flag
    about = bool(topics) or unit.risk is True or flag is not None
    box = about and (flag.box if flag else True)
    if box and not unit.boxed:
        for page in unit.pages:
            shown = state.boxes.setdefault(page, [])
            shown += [t for t in topics if t not in shown]
    reviewed = unit.reviewed or bool(flag and flag.reviewed_by)
    named = "、".join(topics) or "危机"
    if about and not reviewed and not unit.declared:
        state.refused.append(Diagnostic(
            unit.loc, Level.ERROR, "safety.risk-detected",
            f"{unit.label}谈到{named}，须经具名专业人员审核后才能发布（页面已自动加上求助热线框）", _review_hint(unit)))
    accepted = {a.rule: a for a in (flag.accept if flag else [])}
    known = {c.rule.id for c in state.rules}
    for i, rule_id in enumerate(accepted):
        if rule_id not in known:
            close = difflib.get_close_matches(rule_id, sorted(known), n=1, cutoff=0.5)
            diags.error(unit.loc, "safemsg.accept-unknown", f"risk.accept 第{i + 1}项的规则“{rule_id}”不存在",
                        f"你是不是想写“{close[0]}”？" if close else "规则编号见 content/vocab/safe-messaging.yml")
    for piece in unit.pieces:
        for f in find(piece.text, state.rules, title=piece.title):
            where = locate(piece, f, lines, root)
            ok = accepted.get(f.rule.id)
            if ok:
                diags.add(Diagnostic(where, Level.INFO, f"safemsg.{f.rule.id}",
                                     f"“{f.text}”：{f.rule.message}（已由{ok.reviewer}接受：{ok.reason}）"))
                continue
            diags.warning(where, f"safemsg.{f.rule.id}", f"{unit.label}中的“{f.text}”：{f.rule.message}",
                          f"{f.rule.suggestion}。确需保留时，由审核人在 risk.accept 中写明 "
                          f"{{rule: {f.rule.id}, reason: 理由, reviewer: 姓名}}")
    if box and unit.audience:
        tone(unit, state, diags)


def tone(unit: Unit, state: Safety, diags: Diagnostics) -> None:
    """A risk page for students and parents gives help before detail and ends with a next step."""
    if not (unit.short or "").strip():
        diags.warning(unit.loc, "tone.help-first",
                      f"{unit.label}涉及危机，开头没有简短的回答：读者要先看到热线和几句话的要点，再看详细内容",
                      "在第一个“##”小标题之前写一两句要点（或在 front matter / 字段中写 summary、description）")
    end = unit.ending
    if end is None or unit.links_help or _HELP_LINK.search(end.text):
        return
    norm = end.text.lower()
    if any(w.lower() in norm for w in state.vocab.help):
        return
    tail = end.text.rstrip()
    line = end.loc.line + tail.count("\n")
    diags.warning(Loc(end.loc.path, line, 1), "tone.next-step",
                  f"{unit.label}涉及危机，结尾没有写下一步：读者读完应当知道到哪里求助",
                  "结尾加一段“到哪里求助”（如心理老师、班主任、心理援助热线），或链接到热线与服务（service:…）")


class SafetyKind(Kind[Safety]):
    """Crisis detection and safe messaging over every other kind's texts."""

    name = "safety"

    def sources(self, project: Project) -> list[Path]:
        """The crisis vocabulary and the rules (build input, never published)."""
        return [p for p in (project.docs_dir / RISK, project.docs_dir / RULES) if p.is_file()]

    def load(self, project: Project, diags: Diagnostics) -> list[Safety]:
        """Read the vocabulary and the rules."""
        rel = project.rel(project.docs_dir / RULES)
        return [Safety(load_risk(project.docs_dir, Diagnostics()), load_rules(project.docs_dir, rel, diags))]

    def validate(self, site: Site) -> None:
        """Check every page and entry once every kind is loaded."""
        state = self.state(site)
        if state is None:
            return
        state.boxes, state.refused = {}, []
        lines: dict[str, list[str]] = {}
        for unit in units(site):
            check_unit(unit, state, site.diags, site.project.root, lines)

    def state(self, site: Site) -> Safety | None:
        """The one `Safety` entry (vocabulary, rules, and after `validate` the pages given a box)."""
        found = self.of(site)
        return found[0] if found else None

    def unsafe(self, entries: list[Safety], project: Project) -> Iterable[Diagnostic]:
        """Pages and entries that speak of a risk topic without a named reviewer."""
        return entries[0].refused if entries else ()


KIND = SafetyKind()
