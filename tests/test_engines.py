"""A second engine: the demo built through the plugin on ProperDocs equals the MkDocs 1.6.1 build.

ProperDocs (the continuation of MkDocs 1.x) lives in its own venv made by
``scripts/engine_venv.sh`` (default ``.venv-engines``, or ``XINYU_ENGINE_VENV``): its import hook
maps ``mkdocs.*`` to ``properdocs.*`` and must never enter the project's ``.venv``.

The one expected difference, and why: Material writes the engine's name and version into every
page's ``<meta name="generator">`` (``mkdocs-1.6.1`` vs ``mkdocs-ProperDocs 1.6.7``). Because the
attestation hashes the pages, its ``pages`` hashes differ with them; the rest of it is equal.
Every other file (search index, sitemap and its gzip header, feeds, open data, assets) is
byte-identical.
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
