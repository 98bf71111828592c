"""Golden cases (tests/**/cases/*.yml): files in, diagnostics out, in-process through the pipeline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_xinyu
from support.golden import TESTS, case_files, case_id, load_case, run_case, write_project, xinyu_check

CASES = case_files()


def test_there_are_cases() -> None:
    assert len(CASES) >= 20, CASES  # a moved folder must not silently collect nothing


@pytest.mark.parametrize("path", CASES, ids=[case_id(p) for p in CASES])
def test_case(path: Path, tmp_path: Path) -> None:
    case = load_case(path)
    got = run_case(case, tmp_path / "proj")
    # Whole texts compared, so pytest prints a line diff of what changed.
    assert "\n".join(got) == "\n".join(case.expect), f"{path.relative_to(TESTS)}: {case.name}"


@pytest.mark.parametrize("args", [("-v", "check", "--today", "2026-11-29"), ("check", "--publish", "--today", "2026-11-29")])
def test_in_process_check_is_the_cli_check(args: tuple[str, ...], tmp_path: Path) -> None:
    # The harness stands in for `xinyu check`: same lines (errors, warnings, notes) and exit status.
    case = load_case(TESTS / "kinds/guide/cases/example-guide-publish.yml")
    root = write_project(tmp_path / "proj", case.files)
    proc = run_xinyu(*args, cwd=root)
    printed = [line for line in proc.stdout.splitlines() if re.match(r"\S.*?:\d+:\d+: (错误|警告|提示) ", line)]
    ours = xinyu_check(root, *[a for a in args if a != "check"])
    assert printed and ours.stdout == "".join(f"{line}\n" for line in printed)
    assert ours.returncode == proc.returncode
