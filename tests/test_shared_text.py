"""The shared text utilities every kind writes through: one JSON-in-script escaper."""

from __future__ import annotations

import json

from xinyu.mdtext import script_json

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
