"""The file formats of the open-data exports (``data/*.json``, ``data/*.csv``), in one place.

JSON: UTF-8 text, keys sorted, one space of indentation, a trailing newline. CSV: a BOM so Excel
reads it as UTF-8, ``\\n`` line endings. Both depend only on their input, so builds are reproducible.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any


def json_text(doc: Any) -> str:
    """`doc` as an open-data JSON file."""
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A header and rows as an open-data CSV file."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return "\ufeff" + buf.getvalue()
