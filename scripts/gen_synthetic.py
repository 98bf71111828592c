#!/usr/bin/env python3
"""Synthetic content at any size, for benchmarks: every kind, with links and references between them.

    python scripts/gen_synthetic.py OUT --items 2000

OUT gets a copy of the demo project (mkdocs.yml, content/, guides/; the theme comes with the package) where each kind's
entries are cloned under new ids until there are about ITEMS entries in all: lessons, stories and
guides (Markdown files), services, policies and one-off events (YAML lists; the event revision lock
is refreshed with ``xinyu lock``). Clones keep the references their originals make, and each cloned
story, lesson body and synthetic page links onward to other clones (typed references, relative
Markdown links with anchors, raw HTML links and images), so the link check has real work to do.
The demo's content is never modified; OUT must not exist or be empty.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xinyu.diagnostics import Diagnostics  # noqa: E402
from xinyu.text.yamlio import parse_yaml  # noqa: E402

# share of the items each kind gets
SHARES = {"lesson": 0.30, "story": 0.15, "guide": 0.15, "service": 0.15, "policy": 0.05, "event": 0.10, "page": 0.10}


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def _load(path: Path) -> Any:
    doc = parse_yaml(path.read_text("utf-8"), path.name, Diagnostics())
    return None if doc is None else doc.data


def _front(text: str) -> tuple[str, str]:
    m = re.match(r"^---\n(.*?\n)---\n", text, re.S)
    return (m.group(1), text[m.end():]) if m else ("", text)


def clone_markdown(folder: Path, n: int, prefix: str, has_id: bool, links: list[str]) -> list[str]:
    """Clone the Markdown files of `folder` into `n` new files; return the new ids (file stems)."""
    originals = sorted(p for p in folder.glob("*.md") if p.name != "index.md" and re.fullmatch(r"[a-z0-9-]+", p.stem))
    made: list[str] = []
    for i in range(n):
        src = originals[i % len(originals)]
        new = f"{prefix}{i + 1:05d}-{src.stem}"[:80]
        text = src.read_text("utf-8")
        if has_id:
            text = re.sub(r"^id: .*$", f"id: {new}", text, count=1, flags=re.M)
        text = re.sub(r"^order: .*$", f"order: {1000 + i}", text, count=1, flags=re.M)
        text = re.sub(r"^title: (.*)$", rf"title: \1（合成 {i + 1}）", text, count=1, flags=re.M)
        if links:
            text = text.rstrip("\n") + "\n\n" + links[i % len(links)] + "\n"
        (folder / f"{new}.md").write_text(text, "utf-8")
        made.append(new)
    return made


def clone_list(path: Path, key: str, n: int, prefix: str, fix: Any = None) -> list[str]:
    """Clone the entries of the YAML list `key` in `path` `n` times in all; return the new ids."""
    data = _load(path)
    if not isinstance(data, dict) or not data.get(key):
        return []
    entries = [e for e in data[key] if isinstance(e, dict) and "id" in e]
    made = []
    for i in range(n):
        entry = dict(entries[i % len(entries)])
        entry["id"] = f"{prefix}{i + 1:05d}-{entry['id']}"[:80]
        entry.pop("crisis", None)
        if fix is not None:
            entry = fix(entry, i)
            if entry is None:
                continue
        data[key].append(entry)
        made.append(entry["id"])
    header = "".join(line + "\n" for line in path.read_text("utf-8").split("\n") if line.startswith("#"))
    path.write_text(header + _dump(data), "utf-8")
    return made


def _shift(value: Any, days: int) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value + dt.timedelta(days=days)
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        day = dt.date.fromisoformat(value[:10]) + dt.timedelta(days=days)
        return day.isoformat() + value[10:]
    return value


def _shift_event(entry: dict[str, Any], i: int) -> dict[str, Any] | None:
    """One-off events only (series sessions follow their recurrence), moved to a free day."""
    if "start" not in entry or "date" in entry:
        return None
    for k in ("start", "end"):
        entry[k] = _shift(entry.get(k), 400 + i)
    for k in ("registration", "deadline", "previous", "status", "rescheduled_from"):
        entry.pop(k, None)
    return entry


def synthetic_pages(docs: Path, n: int, lessons: list[str], services: list[str]) -> None:
    """Hand-written pages linking to each other (with anchors), to clones, with raw HTML and images."""
    folder = docs / "synthetic"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', "utf-8")
    rows = []
    for i in range(n):
        nxt = (i + 1) % n
        lesson = lessons[i % len(lessons)] if lessons else None
        service = services[i % len(services)] if services else None
        body = [
            f"# 合成页面 {i + 1}",
            "",
            "## 第一节 {#di-yi-jie}",
            "",
            f"下一页：[合成页面 {nxt + 1}](page-{nxt:05d}.md#di-er-jie)，返回[目录](index.md)。",
            "",
            "## 第二节",
            "",
            f'<a href="page-{nxt:05d}.md#di-yi-jie">下一页（HTML）</a>',
            "",
            "![示意图](dot.svg)",
            "",
            *([f"相关教案：[教案](lesson:{lesson})"] if lesson else []),
            *([f"相关服务：[服务](service:{service})"] if service else []),
            "",
            "参考：[关于本门户](../about.md)，[教育部](https://www.moe.gov.cn/)。",
        ]
        (folder / f"page-{i:05d}.md").write_text("\n".join(body) + "\n", "utf-8")
        rows.append(f"- [合成页面 {i + 1}](page-{i:05d}.md#di-yi-jie)")
    (folder / "index.md").write_text("# 合成页面\n\n" + "\n".join(rows) + "\n", "utf-8")


def generate(out: Path, items: int) -> dict[str, int]:
    """Write the synthetic project into `out`; return how many entries of each kind were added."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} 已存在且不为空")
    out.mkdir(parents=True, exist_ok=True)
    for name in ("content", "guides"):
        shutil.copytree(ROOT / name, out / name)
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    config = re.sub(r"^nav:\n", "nav:\n  - 合成页面: synthetic/index.md\n", config, count=1, flags=re.M)
    (out / "mkdocs.yml").write_text(config, "utf-8")
    docs = out / "content"
    n = {kind: max(1, int(items * share)) for kind, share in SHARES.items()}
    made: dict[str, list[str]] = {}
    made["service"] = []
    service_files = sorted((docs / "services").glob("*.yml"))
    for j, path in enumerate(service_files):
        share = n["service"] // len(service_files) + (1 if j < n["service"] % len(service_files) else 0)
        made["service"] += clone_list(path, "services", share, f"s{j}x")
    policy = docs / "policies.yml"
    made["policy"] = clone_list(policy, "policies", n["policy"], "p") if policy.exists() else []
    events = sorted((docs / "events").glob("events-*.yml"))
    made["event"] = clone_list(events[0], "events", n["event"] * 3, "e", _shift_event)[: n["event"]] if events else []
    guide_ids = [p.stem for p in sorted((out / "guides").glob("*.md")) if re.fullmatch(r"[a-z0-9-]+", p.stem)]
    questions = 12
    made["guide"] = clone_markdown(out / "guides", max(1, n["guide"] // questions), "g", False, [])
    links = [
        f"延伸阅读：[{g}](guide:{g})，[服务](service:{made['service'][k % len(made['service'])]})。"
        for k, g in enumerate(guide_ids + made["guide"])
    ] if made["service"] else []
    made["lesson"] = clone_markdown(docs / "lessons", n["lesson"], "l", True, [])
    made["story"] = clone_markdown(docs / "stories", n["story"], "st", False,
                                   [f"{line} 相关教案：[教案](lesson:{made['lesson'][k % len(made['lesson'])]})。"
                                    for k, line in enumerate(links)] if made["lesson"] else links)
    synthetic_pages(docs, n["page"], made["lesson"], made["service"])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "xinyu.cli", "lock"], cwd=out, env=env, capture_output=True, check=False)
    counts = {kind: len(ids) for kind, ids in made.items()}
    counts["guide"] = sum(len(re.findall(r"^## .*\{#", (out / "guides" / f"{g}.md").read_text("utf-8"), re.M))
                          for g in made["guide"])  # items are the guides' questions
    counts["page"] = n["page"]
    return counts


def main() -> int:
    """Command line: OUT and --items."""
    p = argparse.ArgumentParser(description="生成任意规模的合成内容（用于性能测试）")
    p.add_argument("out", type=Path)
    p.add_argument("--items", type=int, default=2000, help="条目总数（约数）")
    args = p.parse_args()
    counts = generate(args.out, args.items)
    print(f"已生成 {sum(counts.values())} 个条目：{counts}（{args.out}）", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
