"""Safe messaging (issue 20): the rules of content/vocab/safe-messaging.yml, crisis detection of
hand-written pages, and the publishing build refusing an unreviewed one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CRISIS
from xinyu.diagnostics import Diagnostics, Level
from xinyu.kinds.safety.rules import find, load_rules
from xinyu.pipeline import run
from xinyu.project import Project
from xinyu.search.vocab import load_risk

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "content"
RULES = load_rules(DOCS, "content/vocab/safe-messaging.yml", Diagnostics())
PROFESSIONAL = ["学校要做好预防自杀的宣传教育。", "心理教师接受过自杀风险评估的培训。", "本节讲自伤行为的识别与转介。"]

# rule id → (sentences that must trigger it, close sentences that must not)
CASES: dict[str, tuple[list[str], list[str]]] = {
    "method-dose": (
        ["她一次吞下了30片安眠药。", "他服用了20粒地西泮后被送医。", "家里有两瓶百草枯，他喝了一瓶。"],
        ["家中的药品要统一保管，安眠药不要放在孩子能拿到的地方。", "遵医嘱每晚服用1片安眠药。", *PROFESSIONAL],
    ),
    "method-height": (
        ["她从6楼跳下。", "男生从教学楼五层坠楼。", "他跳楼时在18层。"],
        ["心理辅导室设在教学楼三楼。", "跳远成绩是3米2。", *PROFESSIONAL],
    ),
    "method-way": (
        ["他用美工刀割伤了手臂。", "网上有人分享割腕的方法。", "她用围巾勒住了自己。"],
        ["不要向学生描述割腕的细节。", "发现学生手臂上有划痕，要及时关心。", *PROFESSIONAL],
    ),
    "location": (
        ["那座大桥成了自杀圣地。", "学生在学校楼顶跳下。", "这里是有名的轻生地点。"],
        ["楼顶和天台的门要上锁，窗户加装限位器。", "不要在报道中透露自杀地点。", *PROFESSIONAL],
    ),
    "wording-success": (
        ["该生自杀未遂后回到学校。", "自杀成功的案例令人痛心。", "对自杀未遂者要加强关注。"],
        ["对有过自杀行为的学生要加强关注。", "他因自杀身亡。", "学校成功预防了一起危机。", *PROFESSIONAL],
    ),
    "title-sensational": (
        ["震惊！又一名学生出事", "惨剧背后：一名初三学生的最后一天"],
        ["学生有自伤行为，班主任怎么做", "悲伤辅导：当学生失去亲人", *PROFESSIONAL],
    ),
    "single-cause": (
        ["她因为考试失利而自杀。", "只因被老师批评了几句，他就轻生了。", "失恋导致他自杀。"],
        ["因为担心学生自杀，老师及时联系了家长。", "自杀的原因往往是多方面的。", "因为考试失利，他很沮丧，找心理老师聊了聊。",
         *PROFESSIONAL],
    ),
    "romanticising": (
        ["她用死亡换来了解脱。", "两人殉情的故事被传为佳话。", "死了就一了百了。"],
        ["学生说过“死了就一了百了”，这是需要重视的预警信号。", "做完练习，他从焦虑中解脱出来。", *PROFESSIONAL],
    ),
    "normalising": (
        ["今年出现了一股学生自杀潮。", "又一名学生跳楼，家长们议论纷纷。"],
        ["近年青少年自杀率有所上升。", "再一次提醒家长关注孩子的情绪。", *PROFESSIONAL],
    ),
}


def rule_ids(text: str, *, title: bool = False) -> set[str]:
    return {f.rule.id for f in find(text, RULES, title=title)}


def test_every_rule_has_cases() -> None:
    assert {c.rule.id for c in RULES} == set(CASES)


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, (yes, _) in CASES.items() for t in yes])
def test_rule_triggers(rule: str, text: str) -> None:
    assert rule in rule_ids(text, title=True)


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, (_, no) in CASES.items() for t in no])
def test_rule_does_not_trigger(rule: str, text: str) -> None:
    assert rule not in rule_ids(text, title=True)


def test_title_rule_only_reads_titles() -> None:
    assert "title-sensational" not in rule_ids("震惊！又一名学生出事")


@pytest.mark.parametrize("text", PROFESSIONAL)
def test_professional_language_is_about_the_topic(text: str) -> None:
    assert load_risk(DOCS, Diagnostics()).topics_in(text)
    assert rule_ids(text, title=True) == set()


def test_bad_rule_pattern_is_an_error_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "safe-messaging.yml").write_text(
        "rules:\n  - id: x\n    pattern: '(自杀'\n    message: m\n    suggestion: s\n    source: s\n", "utf-8")
    diags = Diagnostics()
    assert load_rules(tmp_path, "content/vocab/safe-messaging.yml", diags) == []
    assert [(d.code, d.loc.line) for d in diags] == [("safemsg.rule-pattern", 3)]


# ---- a tiny site: a hand-written page about 自伤 ----

PAGE = "# 孩子弄伤自己时\n\n家长发现孩子有自伤行为，先保持冷静。\n\n## 怎么做\n\n- 陪伴孩子，联系学校的心理老师。\n"


def tiny(tmp_path: Path, front: str = "") -> Project:
    docs = tmp_path / "content"
    (docs / "vocab").mkdir(parents=True)
    for name in ("risk.yml", "safe-messaging.yml"):
        shutil.copy(DOCS / "vocab" / name, docs / "vocab" / name)
    (docs / "services").mkdir()
    (docs / "services" / "national.yml").write_text(CRISIS, "utf-8")
    (docs / "index.md").write_text("# 首页\n\n[孩子弄伤自己时](help.md)\n", "utf-8")
    (docs / "help.md").write_text(front + PAGE, "utf-8")
    return Project(tmp_path, docs)


def codes(project: Project) -> list[tuple[str, str]]:
    return [(d.code, d.level.value) for d in run(project, render=False).diagnostics
            if d.code.startswith(("safety.", "safemsg.", "tone."))]


def test_page_about_self_harm_is_refused_until_reviewed(tmp_path: Path) -> None:
    assert codes(tiny(tmp_path)) == [("safety.risk-detected", Level.ERROR.value)]
    reviewed = tiny(tmp_path / "r", "---\nrisk: {reviewed_by: 王老师, reviewed_on: 2026-11-20}\n---\n")
    assert codes(reviewed) == []
    preview = tiny(tmp_path / "p")
    preview.preview = True
    assert codes(preview) == [("safety.risk-detected", Level.INFO.value)]


def test_no_box_needs_a_reason(tmp_path: Path) -> None:
    project = tiny(tmp_path, "---\nrisk: {box: false, reviewed_by: 王老师}\n---\n")
    found = run(project, render=False).diagnostics
    assert any(d.loc.path == "content/help.md" and d.loc.line == 2 and "reason" in d.message for d in found)


def test_finding_is_a_warning_at_its_line_until_accepted(tmp_path: Path) -> None:
    project = tiny(tmp_path, "---\nrisk: {reviewed_by: 王老师}\n---\n")
    page = project.docs_dir / "help.md"
    page.write_text(page.read_text("utf-8") + "\n有的孩子因为考试失利而自杀。\n", "utf-8")
    found = [d for d in run(project, render=False).diagnostics if d.code == "safemsg.single-cause"]
    assert [(d.level, d.loc.line, d.loc.col) for d in found] == [(Level.WARNING, 12, 5)]
    assert "多方面" in (found[0].hint or "")
    text = page.read_text("utf-8").replace(
        "王老师}", "王老师, accept: [{rule: single-cause, reason: 引用反例, reviewer: 王老师}]}")
    page.write_text(text, "utf-8")
    assert [d.level for d in run(project, render=False).diagnostics if d.code == "safemsg.single-cause"] == [
        Level.INFO]


def test_tone_next_step(tmp_path: Path) -> None:
    project = tiny(tmp_path, "---\nrisk: {reviewed_by: 王老师}\n---\n")
    page = project.docs_dir / "help.md"
    page.write_text(page.read_text("utf-8").replace("联系学校的心理老师", "多陪陪孩子"), "utf-8")
    assert codes(project) == [("tone.next-step", Level.WARNING.value)]
