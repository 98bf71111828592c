"""The shared text utilities every kind writes through: one JSON-in-script escaper, one mkdocs.yml reader."""

from __future__ import annotations

import json
from pathlib import Path

from xinyu.mdtext import script_json
from xinyu.mkdocsyml import read_mkdocs_yml

HOSTILE = {"b": "</script><!-- & \u2028 \u2029 >", "a": 1}


def test_script_json_escapes_everything_that_could_end_or_change_the_script() -> None:
    text = script_json(HOSTILE)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == HOSTILE  # still the same JSON value
    assert text.startswith('{"a":1,')  # compact, keys sorted


def test_script_json_keeps_written_key_order_when_asked() -> None:
    text = script_json(HOSTILE, compact=False, sort_keys=False)
    assert text.startswith('{"b": "\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028 \\u2029 \\u003e", "a": 1}')


def test_mkdocs_yml_reader_reads_tags_as_plain_values(tmp_path: Path) -> None:
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_url: !ENV [SITE_URL, 'https://x.example/']\n"
                    "markdown_extensions:\n  - toc:\n      slugify: !!python/name:xinyu.mdtext.slugify\n", "utf-8")
    data, text = read_mkdocs_yml(path)
    assert data["site_url"] == "https://x.example/"  # what MkDocs uses when SITE_URL is unset
    assert data["markdown_extensions"] == [{"toc": {"slugify": None}}]
    assert text is not None and text.startswith("site_url")
    assert read_mkdocs_yml(tmp_path / "missing.yml") == ({}, None)
