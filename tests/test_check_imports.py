"""scripts/check_imports.py: an import inside a function fails `make lint` unless it says why."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "check_imports.py"


def _run(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, paths)], capture_output=True, text=True,
                          encoding="utf-8", check=False)


def test_function_level_import_fails_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import json\n\n\n"
                   "def f():\n    import os\n    import re  # lazy: kept lazy on purpose\n    return os, re\n",
                   "utf-8")
    proc = _run(bad)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [f"{bad.as_posix()}:8: 函数内导入：请移到模块顶部，或注明 # lazy: 原因"]


def test_module_level_and_lazy_imports_pass(tmp_path: Path) -> None:
    ok = tmp_path / "ok.py"
    ok.write_text("import os\n\n\ndef f():\n    import re  # lazy: reason\n    return os, re\n", "utf-8")
    assert _run(ok).returncode == 0


def test_src_has_no_unexplained_function_level_import() -> None:
    proc = _run(ROOT / "src")
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout == ""
