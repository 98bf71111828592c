"""The build attestation: proof, written into the site, that xinyu's checks ran on it.

A publishing build (and a preview build, marked so) ends by writing ``xinyu-attestation.json``:
the mode, the xinyu version, the build date, which checks ran and what they found, a hash of the
content inputs and a hash of every HTML page. `xinyu verify` (verify.py) reads it back. Nothing
here imports MkDocs, and nothing depends on the wall clock: identical input, identical bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import __version__
from ..diagnostics import Diagnostic, Level
from ..project import Project

NAME = "xinyu-attestation.json"
FORMAT = "xinyu-attestation/1"
# What the plugin runs on every build, in order (see ARCHITECTURE.md).
CHECKS = ("content", "references", "safety", "links", "site_info", "offsite")
_LEVEL_KEY = {Level.ERROR: "errors", Level.WARNING: "warnings", Level.INFO: "notes"}


def _files_under(root: Path, top: Path) -> Iterable[Path]:
    """Regular files under `top` (or `top` itself), skipping dot-names and links that leave `root`."""
    if top.is_file():
        yield top
        return
    real_root = root.resolve()
    for folder, dirs, files in os.walk(top):  # never descends into linked folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(folder) / name
            if name.startswith(".") or not path.is_file():
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                continue
            yield path


def input_digest(root: Path, tops: Iterable[Path]) -> tuple[str, int]:
    """SHA-256 over the content inputs and how many files it covers.

    Each file contributes its path relative to `root`, its length and its bytes, in sorted path
    order, so a renamed, added or removed file changes the hash as an edited one does.
    """
    found: dict[str, Path] = {}
    for top in tops:
        if top.exists():
            for path in _files_under(root, top):
                rel = os.path.relpath(path, root).replace(os.sep, "/")
                found[rel] = path
    digest = hashlib.sha256()
    for rel in sorted(found):
        data = found[rel].read_bytes()
        digest.update(rel.encode("utf-8") + b"\0" + str(len(data)).encode() + b"\0" + data)
    return digest.hexdigest(), len(found)


def html_pages(site_dir: Path) -> list[str]:
    """Every ``.html`` file of a built site, as sorted site-relative paths."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html") if p.is_file())


def page_digest(path: Path) -> str:
    """SHA-256 of one file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def page_digests(site_dir: Path) -> dict[str, str]:
    """{site-relative path: SHA-256} for every HTML page of a built site."""
    return {rel: page_digest(site_dir / rel) for rel in html_pages(site_dir)}


def check_counts(diagnostics: Iterable[Diagnostic], extra: dict[str, int] | None = None) -> dict[str, Any]:
    """The checks that ran and what they found: totals and counts per diagnostic code.

    `extra` adds warnings found outside the core (``publish.offsite`` after the build).
    """
    per_code: dict[str, Counter[str]] = {}
    for d in diagnostics:
        per_code.setdefault(d.code, Counter())[_LEVEL_KEY[d.level]] += 1
    for code, count in (extra or {}).items():
        if count:
            per_code.setdefault(code, Counter())["warnings"] += count
    totals: Counter[str] = Counter()
    for counter in per_code.values():
        totals.update(counter)
    return {
        "ran": list(CHECKS),
        "errors": totals["errors"], "warnings": totals["warnings"], "notes": totals["notes"],
        "codes": {code: {k: c[k] for k in ("errors", "warnings", "notes") if c[k]}
                  for code, c in sorted(per_code.items())},
    }


def make(*, site_dir: Path, preview: bool, build_date: str, strict: bool, kinds: list[str],
         checks: dict[str, Any], inputs: tuple[str, int], roots: list[str]) -> dict[str, Any]:
    """The attestation of a finished build of `site_dir` (its pages are hashed now)."""
    return {
        "format": FORMAT,
        "generator": "xinyu",
        "xinyu_version": __version__,
        "mode": "preview" if preview else "safe",
        "build_date": build_date,
        "strict": strict,
        "kinds": kinds,
        "checks": checks,
        "inputs": {"sha256": inputs[0], "files": inputs[1], "roots": roots},
        "pages": page_digests(site_dir),
    }


def attest_build(site_dir: Path, project: Project, *, config_file: Path, diagnostics: Iterable[Diagnostic],
                 offsite: int, strict: bool, kinds: list[str]) -> Path:
    """Write xinyu-attestation.json for a finished build: what was checked, the content's hash,
    every page's hash."""
    roots = [config_file, project.docs_dir, project.guides_dir]
    checks = check_counts(diagnostics, {"publish.offsite": offsite})
    return write(site_dir, make(
        site_dir=site_dir, preview=project.preview, build_date=project.today.isoformat(),
        strict=strict, kinds=kinds, checks=checks,
        inputs=input_digest(project.root, roots), roots=[project.rel(p) for p in roots]))


def dump(attestation: dict[str, Any]) -> bytes:
    """The attestation as canonical JSON: sorted keys, UTF-8, one trailing newline."""
    return (json.dumps(attestation, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def write(site_dir: Path, attestation: dict[str, Any]) -> Path:
    """Write the attestation into the site; return its path."""
    path = site_dir / NAME
    path.write_bytes(dump(attestation))
    return path


def read(site_dir: Path) -> dict[str, Any] | None:
    """The site's attestation, or None when there is none. Raises ValueError if it is not one."""
    path = site_dir / NAME
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"不是有效的 JSON：{exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("pages"), dict):
        raise ValueError(f"不是 xinyu 的构建证明（format 应为 {FORMAT}）")
    return data


def refresh_pages(site_dir: Path, leave_out: Iterable[str] = ()) -> bool:
    """Re-hash the pages of an attested site after xinyu itself rewrote them (the offline bundle),
    without the pages in `leave_out` (not shipped). False when the site has no attestation."""
    data = read(site_dir)
    if data is None:
        return False
    skip = set(leave_out)
    data["pages"] = {rel: digest for rel, digest in page_digests(site_dir).items() if rel not in skip}
    write(site_dir, data)
    return True
