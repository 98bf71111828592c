#!/usr/bin/env python3
"""Benchmark: `xinyu check` against a full `xinyu build` of the same synthetic content.

    python scripts/bench_check.py [--items 2000] [--runs 3]

Generates ITEMS synthetic entries (scripts/gen_synthetic.py) in a temporary folder, times
`xinyu check` (best of RUNS) and one full preview build, and writes bench-results/check.md.
The goal: check takes under a tenth of the build. Wall time and CPU time (user + system of the
child process) are both reported; the machine may be shared, so CPU time is the fairer ratio.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from gen_synthetic import generate  # noqa: E402


def timed(args: list[str], cwd: Path, pycache: Path) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(wall seconds, CPU seconds, process) of running the xinyu command in `cwd`.

    Bytecode is cached in `pycache` (outside the tree), as an installed package has it; the first,
    untimed run fills the cache so neither command pays for compiling Python sources.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"NO_MKDOCS_2_WARNING": "1", "PYTHONPYCACHEPREFIX": str(pycache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "xinyu.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc


def main() -> int:
    """Run the benchmark and write bench-results/check.md."""
    p = argparse.ArgumentParser(description="xinyu check 与完整构建的耗时对比")
    p.add_argument("--items", type=int, default=2000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--out", type=Path, default=ROOT / "bench-results" / "check.md")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="xinyu-bench-") as tmp:
        project = Path(tmp) / "site-src"
        counts = generate(project, args.items)
        pycache = Path(tmp) / "pycache"
        timed(["check", "--today", "2026-11-29"], project, pycache)  # warm-up: fills the bytecode cache
        checks = [timed(["check", "--today", "2026-11-29"], project, pycache) for _ in range(args.runs)]
        check_wall = min(c[0] for c in checks)
        check_cpu = min(c[1] for c in checks)
        summary = checks[0][2].stderr.strip().splitlines()[-1] if checks[0][2].stderr.strip() else ""
        build_wall, build_cpu, build = timed(["build", "--preview", "--today", "2026-11-29", "-d", str(Path(tmp) / "site")],  # noqa: E501
                                             project, pycache)
        pages = sum(1 for _ in (Path(tmp) / "site").rglob("*.html")) if build.returncode == 0 else 0
    ratio_wall, ratio_cpu = check_wall / build_wall, check_cpu / build_cpu
    ok = ratio_cpu < 0.1 and ratio_wall < 0.1
    report = f"""# xinyu check vs full build

Synthetic content from `scripts/gen_synthetic.py --items {args.items}`: {sum(counts.values())} entries
({", ".join(f"{k} {v}" for k, v in counts.items())}); the build wrote {pages} HTML files
(build exit status {build.returncode}).

| | wall (s) | CPU (s) |
|---|---:|---:|
| `xinyu check` (best of {args.runs}, after one warm-up run) | {check_wall:.2f} | {check_cpu:.2f} |
| `xinyu build --preview` | {build_wall:.2f} | {build_cpu:.2f} |
| ratio check / build | {ratio_wall:.3f} | {ratio_cpu:.3f} |

Goal: check under 1/10 of the build — **{"met" if ok else "NOT met"}**.

check said: `{summary}`

Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared), Python {platform.python_version()}.
"""
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, "utf-8")
    print(report)
    return 0 if build.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
