"""Safe-messaging rules: read from ``content/vocab/safe-messaging.yml`` and applied to text (pure functions)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...diagnostics import Diagnostics
from ...model import validate
from ...text.yamlio import load_yaml
from .model import Rule, RuleFile

RULES = "vocab/safe-messaging.yml"  # under the docs dir


@dataclass(frozen=True)
class Compiled:
    """A rule with its patterns compiled."""

    rule: Rule
    pattern: re.Pattern[str]
    exclude: re.Pattern[str] | None


@dataclass(frozen=True)
class Finding:
    """Where a rule matched in a text: offsets into that text and the matched words."""

    rule: Rule
    start: int
    end: int
    text: str


def compile_rules(rules: list[Rule]) -> tuple[list[Compiled], list[tuple[int, str, str]]]:
    """Compile each rule; return the compiled rules and (index, field, error) for patterns that do not compile."""
    out: list[Compiled] = []
    bad: list[tuple[int, str, str]] = []
    for i, rule in enumerate(rules):
        done: dict[str, re.Pattern[str]] = {}
        for field in ("pattern", "exclude"):
            source = getattr(rule, field)
            if not source:
                continue
            try:
                done[field] = re.compile(source)
            except re.error as exc:
                bad.append((i, field, str(exc)))
        if "pattern" in done and len(done) == 1 + bool(rule.exclude):
            out.append(Compiled(rule, done["pattern"], done.get("exclude")))
    return out, bad


def load_rules(docs_dir: Path, rel: str, diags: Diagnostics) -> list[Compiled]:
    """The rules of ``vocab/safe-messaging.yml`` under `docs_dir` (none when the file does not exist)."""
    path = docs_dir / RULES
    if not path.is_file():
        return []
    doc = load_yaml(path, rel, diags)
    if doc is None:
        return []
    parsed = validate(RuleFile, doc.data, doc, diags)
    if parsed is None:
        return []
    seen: set[str] = set()
    for i, rule in enumerate(parsed.rules):
        if rule.id in seen:
            diags.error(doc.loc(("rules", i, "id")), "safemsg.rule-duplicate", f"规则编号“{rule.id}”重复",
                        "每条规则用不同的编号")
        seen.add(rule.id)
    compiled, bad = compile_rules(parsed.rules)
    for i, field, error in bad:
        diags.error(doc.loc(("rules", i, field)), "safemsg.rule-pattern", f"规则的正则表达式写得不对：{error}",
                    "检查括号是否成对，特殊字符（. * ? + ( ) [ ] |）前是否需要加 \\")
    return compiled


def find(text: str, rules: list[Compiled], *, title: bool = False) -> list[Finding]:
    """Every place in `text` where a rule matches (title-only rules only when `title`), in text order.

    A match that lies inside a match of the rule's ``exclude`` pattern does not count.
    """
    out = []
    for c in rules:
        if c.rule.scope == "title" and not title:
            continue
        spans = [m.span() for m in c.exclude.finditer(text)] if c.exclude else []
        for m in c.pattern.finditer(text):
            if m.end() == m.start():
                continue
            if any(s <= m.start() and m.end() <= e for s, e in spans):
                continue
            out.append(Finding(c.rule, m.start(), m.end(), m.group()))
    return sorted(out, key=lambda f: (f.start, f.rule.id))
