"""Golden cases (tests/**/cases/*.yml): files in, diagnostics out, in-process through the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.golden import TESTS, case_files, case_id, load_case, run_case

CASES = case_files()


def test_there_are_cases() -> None:
    assert len(CASES) >= 20, CASES  # a moved folder must not silently collect nothing


@pytest.mark.parametrize("path", CASES, ids=[case_id(p) for p in CASES])
def test_case(path: Path, tmp_path: Path) -> None:
    case = load_case(path)
    got = run_case(case, tmp_path / "proj")
    # Whole texts compared, so pytest prints a line diff of what changed.
    assert "\n".join(got) == "\n".join(case.expect), f"{path.relative_to(TESTS)}: {case.name}"
