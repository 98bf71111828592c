"""Portal search: a sharded index built from the rendered pages, loaded by `xinyu-search.js`.

The MkDocs plugin calls `SearchCollector` from three events: `reset` (on_config), `add`
(on_page_content, the article HTML of each page) and `write` (on_post_build).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

from ..diagnostics import Diagnostics
from .index import PageRecord, build_index
from .vocab import Vocab, load_vocab

__all__ = ["PageRecord", "SearchCollector", "Vocab", "build_index", "load_vocab"]

INDEX_DIR = "search"
VOCAB_DIR = "vocab/"
log = logging.getLogger("mkdocs.plugins.xinyu")


class SearchCollector:
    """Collects the rendered pages of one build and writes the index at its end."""

    def __init__(self, labels: Mapping[str, str] | None = None) -> None:
        self.records: list[PageRecord] = []
        self.vocab = Vocab()
        self.labels = dict(labels or {})  # kind name → result label (the kinds' EditorSpecs)

    def reset(self, docs_dir: Path, diags: Diagnostics) -> None:
        """Start a build: forget pages, read the vocabulary (errors go to `diags`)."""
        self.records = []
        self.vocab = load_vocab(docs_dir, diags)

    def add(self, url: str, src_uri: str, title: str, html: str, meta: dict[str, object]) -> None:
        """Remember one page's article HTML (pages with ``search: exclude`` in front matter are left out)."""
        search_meta = meta.get("search")
        if isinstance(search_meta, dict) and search_meta.get("exclude"):
            return
        self.records.append(PageRecord(url, src_uri, title, html, dict(meta)))

    def write(self, site_dir: Path) -> None:
        """Write the index files into ``site_dir/search/``."""
        sizes = build_index(self.records, self.vocab, site_dir / INDEX_DIR, self.labels)
        log.debug("search index: %d pages, %d files, %d bytes", len(self.records), len(sizes), sum(sizes.values()))
