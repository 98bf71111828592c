"""Other engines: the demo built through the plugin on ProperDocs equals the MkDocs 1.6.1 build;
the exported tree builds on Zensical, and `xinyu verify` refuses that site (no attestation).

ProperDocs (the continuation of MkDocs 1.x) lives in its own venv made by
``scripts/engine_venv.sh`` (default ``.venv-engines``, or ``XINYU_ENGINE_VENV``): its import hook
maps ``mkdocs.*`` to ``properdocs.*`` and must never enter the project's ``.venv``.

The one expected difference, and why: Material writes the engine's name and version into every
page's ``<meta name="generator">`` (``mkdocs-1.6.1`` vs ``mkdocs-ProperDocs 1.6.7``). Because the
attestation hashes the pages, its ``pages`` hashes differ with them; the rest of it is equal.
Every other file (search index, sitemap and its gzip header, feeds, open data, assets) is
byte-identical.

Zensical (``scripts/zensical_venv.sh``, default ``.venv-zensical`` or ``XINYU_ZENSICAL_VENV``) runs
no MkDocs plugin: it builds what ``xinyu export`` wrote. Its pages carry the crisis line (the theme
overrides render in MiniJinja, tests/test_templates.py), its data files, calendars, handbooks and
robots.txt equal MkDocs', but nothing attests that xinyu's checks ran on the site, so verify fails.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, run_xinyu, tree
from xinyu.publish.site import build_epoch

pytestmark = pytest.mark.engines

DAY = "2026-11-29"  # the demo_site fixture's --today
VENV = Path(os.environ.get("XINYU_ENGINE_VENV") or ROOT / ".venv-engines")
PROPERDOCS = VENV / "bin" / "properdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
ATTESTATION = "xinyu-attestation.json"


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built by ProperDocs' own command, preview, with the build date of the MkDocs build."""
    if not PROPERDOCS.is_file():
        pytest.skip(f"no ProperDocs venv at {VENV}: run `bash scripts/engine_venv.sh {VENV}` (or set XINYU_ENGINE_VENV)")
    import datetime as dt

    out = tmp_path_factory.mktemp("properdocs") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XINYU_PREVIEW": "true", "PYTHONPATH": str(ROOT / "src"),
           "SOURCE_DATE_EPOCH": str(build_epoch(dt.date.fromisoformat(DAY)))}  # = --today DAY
    proc = subprocess.run([str(PROPERDOCS), "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return out


def test_properdocs_build_equals_mkdocs_build(properdocs_site: Path, demo_site: Path) -> None:
    mk, pd = tree(demo_site), tree(properdocs_site)
    assert sorted(mk) == sorted(pd), "the two engines wrote different files"
    differing = sorted(rel for rel in mk if mk[rel] != pd[rel])
    # Every HTML page differs in the generator line only, and nothing else differs at all.
    pages = sorted(rel for rel in mk if rel.endswith(".html"))
    assert differing == sorted([*pages, ATTESTATION])
    assert GENERATOR.search(mk["index.html"]).group() == b'<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">'  # type: ignore[union-attr]
    assert GENERATOR.search(pd["index.html"]).group() == b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1">'  # type: ignore[union-attr]
    for rel in pages:
        assert GENERATOR.sub(b"", mk[rel]) == GENERATOR.sub(b"", pd[rel]), rel
    a_mk, a_pd = (json.loads(t[ATTESTATION]) for t in (mk, pd))
    assert set(a_mk.pop("pages")) == set(a_pd.pop("pages")) == set(pages)
    assert a_mk == a_pd  # same checks, same counts, same content hash, same mode and date


def test_properdocs_site_verifies_as_preview(properdocs_site: Path) -> None:
    proc = run_xinyu("verify", str(properdocs_site), cwd=properdocs_site.parent)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "通过（预览版）" in proc.stderr


# --- Zensical: the exported tree, no plugin (scripts/zensical_venv.sh, pinned 0.0.73) ---------------

ZENSICAL_VENV = Path(os.environ.get("XINYU_ZENSICAL_VENV") or ROOT / ".venv-zensical")
ZENSICAL = ZENSICAL_VENV / "bin" / "zensical"


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`xinyu export --preview` of the demo, built by `zensical build --strict`; the site directory."""
    if not ZENSICAL.is_file():
        pytest.skip(f"no Zensical venv at {ZENSICAL_VENV}: run `bash scripts/zensical_venv.sh {ZENSICAL_VENV}` "
                    "(or set XINYU_ZENSICAL_VENV)")
    out = tmp_path_factory.mktemp("zensical") / "export"
    proc = run_xinyu("export", "--preview", "--today", DAY, str(out), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-4000:]
    proc = subprocess.run([str(ZENSICAL), "build", "--strict"], cwd=out, capture_output=True, text=True, timeout=900,
                          env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    return out / "site"


def test_zensical_publishes_the_pages_data_and_feeds_of_the_mkdocs_build(zensical_site: Path,
                                                                          demo_site: Path) -> None:
    mk, zs = tree(demo_site), tree(zensical_site)
    assert sorted(r for r in zs if r.endswith(".html")) == sorted(r for r in mk if r.endswith(".html"))
    # What xinyu makes without an engine is byte-identical: open data, calendars, handbooks, robots.txt.
    neutral = sorted(r for r in mk if r.startswith(("data/", "calendar/")) or r.endswith((".pdf", ".ics"))
                     or r == "robots.txt")
    assert "robots.txt" in neutral and "data/services.json" in neutral and "calendar/all.ics" in neutral
    assert [r for r in neutral if zs.get(r) != mk[r]] == []
    # What only the plugin writes after the build is missing: the attestation and xinyu's search index.
    assert ATTESTATION not in zs and not any(r.startswith("search/") for r in zs)


def test_zensical_site_has_the_crisis_line_but_fails_verify_closed(zensical_site: Path) -> None:
    proc = run_xinyu("verify", str(zensical_site), cwd=zensical_site.parent)
    assert proc.returncode == 1
    errors = [line for line in proc.stdout.splitlines() if " 错误 " in line]
    # The only error: no attestation. Every page has the crisis bar with a number to call.
    assert len(errors) == 1 and "verify.no-attestation" in errors[0], proc.stdout[-3000:]
    assert "这个网站没有经过 xinyu 的检查，不能上传" in proc.stderr
