"""Search benchmark in a real browser: recall@1, recall@5, MRR and search bytes sent before the first result.

Builds sites, serves each on 127.0.0.1 with gzip for text types (as a static host does), types each
query into the site's own search box in headless Chromium (a fresh browser context per query: cold
cache) and reads the first results. Sites:
- hello-algo: a tiny MkDocs project in a temp dir with our theme and plugin over a copy of
  ../shared/corpus/hello-algo (also copied 4x over, for the byte bound); the same pages with
  Material's own search (lunr, lang zh, jieba) as the baseline;
- demo: the demo portal (preview build), with tests/search/demo-queries.tsv.

Writes bench-results/search.md and the results section of BENCHMARKS.md.
Usage: python scripts/bench_search.py [--only hello|demo] [--no-material] [--no-4x]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_search_support import (  # noqa: E402
    GzipServer,
    Query,
    hello_project,
    load_queries,
    page_key,
    run_queries,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "hello-algo"
HELLO_QUERIES = SHARED / "corpus" / "hello-algo-queries.tsv"
DEMO_QUERIES = ROOT / "tests" / "search" / "demo-queries.tsv"
RESULTS = ROOT / "bench-results" / "search.md"
BENCHMARKS = ROOT / "BENCHMARKS.md"
ADDED_MARK = "# added after tuning"  # demo queries below this line came after the set was frozen
START, END = "<!-- bench-search:start -->", "<!-- bench-search:end -->"


@dataclass
class Run:
    """One engine on one site with one query set."""

    name: str
    engine: str
    queries: list[Query]
    ranks: list[int | None] = field(default_factory=list)
    tops: list[list[str]] = field(default_factory=list)
    bytes_before: list[int] = field(default_factory=list)
    ms: list[float] = field(default_factory=list)

    def recall(self, k: int) -> float:
        return sum(1 for r in self.ranks if r is not None and r <= k) / len(self.ranks)

    def mrr(self) -> float:
        return sum(1 / r for r in self.ranks if r is not None) / len(self.ranks)

    def row(self) -> str:
        kb = [b / 1024 for b in self.bytes_before]
        median_ms = sorted(self.ms)[len(self.ms) // 2]
        return (f"| {self.name} | {self.engine} | {len(self.ranks)} | {self.recall(1):.2f} | {self.recall(5):.2f} | "
                f"{self.mrr():.2f} | {sum(kb) / len(kb):.0f} | {max(kb):.0f} | {median_ms:.0f} |")


def build(project: Path, out: Path, env_extra: dict[str, str] | None = None) -> float:
    """Build a MkDocs project (our plugin included when configured); seconds taken."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    t = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=project,
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"build failed in {project}:\n{proc.stderr[-3000:]}")
    return time.monotonic() - t


def run_pagefind(binary: str, site: Path) -> float:
    """Index a built site with Pagefind (extended: Chinese segmentation), the article only."""
    t = time.monotonic()
    subprocess.run([binary, "--site", str(site), "--root-selector", "article"], check=True, capture_output=True)
    return time.monotonic() - t


def build_demo(out: Path) -> float:
    """The demo portal, preview build with a fixed date (as the tests build it)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    t = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "xinyu.cli", "build", "--preview", "--today", "2026-11-29",
                           "-d", str(out)], cwd=ROOT, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"demo build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return time.monotonic() - t


def bench(site: Path, run: Run, browser: object, copies: int = 1) -> Run:
    """Serve `site`, run every query of `run` in the browser, fill in the ranks and bytes."""
    with GzipServer(site) as server:
        for q in run.queries:
            found, sent, ms = run_queries(browser, server, run.engine, q.text)
            keys = [page_key(u, server.url, copies) for u in found]
            seen: list[str] = []
            for k in keys:
                if k not in seen:
                    seen.append(k)
            rank = next((i + 1 for i, k in enumerate(seen[:10]) if q.matches(k)), None)
            run.ranks.append(rank)
            run.tops.append(seen[:5])
            run.bytes_before.append(sent)
            run.ms.append(ms)
    return run


def report(runs: list[Run], notes: list[str]) -> str:
    """Markdown: the summary table, then per-query details of each run."""
    lines = ["| site | engine | queries | recall@1 | recall@5 | MRR | search KiB (mean) | search KiB (max) "
             "| ms to first result (median) |",
             "|---|---|---|---|---|---|---|---|---|"]
    lines += [r.row() for r in runs]
    lines += ["", *notes, ""]
    for r in runs:
        misses = [(q, rank, top) for q, rank, top in zip(r.queries, r.ranks, r.tops, strict=True) if rank != 1]
        lines += [f"### {r.name} · {r.engine}: queries not ranked first ({len(misses)})", ""]
        if not misses:
            lines += ["(none)", ""]
            continue
        lines += ["| query | expected | rank | top results |", "|---|---|---|---|"]
        for q, rank, top in misses:
            expected = q.expected.replace("|", " \\| ")
            lines.append(f"| {q.text} | {expected} | {rank or '—'} | {' · '.join(top[:3])} |")
        lines.append("")
    return "\n".join(lines)


def write_benchmarks(text: str) -> None:
    """Replace the generated section of BENCHMARKS.md (the rest of the file is hand-written)."""
    body = BENCHMARKS.read_text("utf-8") if BENCHMARKS.is_file() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in body:
        body += f"\n{START}\n{END}\n"
    head, rest = body.split(START, 1)
    tail = rest.split(END, 1)[1]
    BENCHMARKS.write_text(f"{head}{START}\n{text}\n{END}{tail}", "utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description="搜索基准测试（真实浏览器）")
    ap.add_argument("--only", choices=["hello", "demo"], help="只测一个站点")
    ap.add_argument("--no-material", action="store_true", help="不测 Material 自带搜索（基线）")
    ap.add_argument("--no-4x", action="store_true", help="不测 4 倍语料")
    ap.add_argument("--pagefind", metavar="程序", help="也测 Pagefind（给出 pagefind 可执行文件的路径；不会自动下载）")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    runs: list[Run] = []
    notes: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="xinyu-bench-search-"))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-quic"])
            if args.only != "demo":
                if not CORPUS.is_dir():
                    notes.append(f"hello-algo skipped: {CORPUS} is absent.")
                else:
                    queries = load_queries(HELLO_QUERIES)
                    variants = [("xinyu", 1)]
                    if not args.no_4x:
                        variants.append(("xinyu", 4))
                    if not args.no_material:
                        variants.append(("material", 1))
                    if args.pagefind:
                        variants.append(("pagefind", 1))
                    for engine, copies in variants:
                        proj = hello_project(tmp / f"hello-{engine}-{copies}", CORPUS, ROOT / "src/xinyu/theme",
                                             engine, copies)
                        secs = build(proj, proj / "site")
                        if engine == "pagefind":
                            secs += run_pagefind(args.pagefind, proj / "site")
                        name = "hello-algo" + (f" ×{copies}" if copies > 1 else "")
                        note = _index_note(proj / "site", engine)
                        notes.append(f"- {name} · {engine}: built in {secs:.0f} s; {note}")
                        runs.append(bench(proj / "site", Run(name, engine, queries), browser, copies))
                        print(runs[-1].row(), flush=True)
            if args.only != "hello":
                site = tmp / "demo-site"
                secs = build_demo(site)
                notes.append(f"- demo portal: built in {secs:.0f} s; {_index_note(site, 'xinyu')}")
                demo = bench(site, Run("demo portal (all)", "xinyu", load_queries(DEMO_QUERIES)), browser)
                frozen = len(load_queries(DEMO_QUERIES, until=ADDED_MARK))
                runs.append(Run("demo portal (frozen set)", "xinyu", demo.queries[:frozen], demo.ranks[:frozen],
                                demo.tops[:frozen], demo.bytes_before[:frozen], demo.ms[:frozen]))
                runs.append(demo)
                print(runs[-2].row(), runs[-1].row(), sep="\n", flush=True)
            browser.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = report(runs, notes)
    RESULTS.parent.mkdir(exist_ok=True)
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    RESULTS.write_text(f"# make bench-search ({stamp})\n\n{text}\n", "utf-8")
    write_benchmarks(f"Last run: {stamp} (`make bench-search`; also written to `bench-results/search.md`).\n\n"
                     + text.replace("\n### ", "\n#### ").rstrip() + "\n")
    print(text)


def _index_note(site: Path, engine: str) -> str:
    if engine == "pagefind":
        files = [f for f in (site / "pagefind").rglob("*") if f.is_file()]
        return f"{len(files)} pagefind files, {sum(f.stat().st_size for f in files) / 1024:.0f} KiB in total"
    if engine == "material":
        f = site / "search" / "search_index.json"
        return f"search_index.json {f.stat().st_size / 1024:.0f} KiB raw" if f.is_file() else "no index"
    files = list((site / "search").glob("*.js"))
    return f"{len(files)} index files, {sum(f.stat().st_size for f in files) / 1024:.0f} KiB raw in total"


if __name__ == "__main__":
    main()
