"""Tokenisation shared by the indexer and the browser client (`xinyu-search.js` mirrors it).

Index and query use the same rules, so a page whose title is the query always matches:
NFKC (full-width → half-width), lower case, then CJK runs give single characters and
character bigrams (呼吸 is a bigram of 深呼吸), and runs of ASCII letters or digits give whole
tokens (：12356 → 12356). Domain words from the dictionary are extra whole-word terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUNS = re.compile(f"[{_CJK}]+|[a-z0-9]+")
WORD_PREFIX = "w:"


def normalize(text: str) -> str:
    """NFKC and lower case: `：１２３５６` → `:12356`, `Ｃ证` → `c证`."""
    return unicodedata.normalize("NFKC", text).lower()


def is_cjk(run: str) -> bool:
    """Whether a run (as produced by `RUNS`) is Chinese characters."""
    return not ("a" <= run[0] <= "z" or "0" <= run[0] <= "9")


def run_terms(run: str) -> Iterator[str]:
    """Terms of one run: a CJK run gives its characters and bigrams; an ASCII run itself."""
    if not is_cjk(run):
        yield run
        return
    yield from run
    for i in range(len(run) - 1):
        yield run[i : i + 2]


def terms(text: str) -> Iterator[str]:
    """All index terms of `text` (not de-duplicated: counts matter)."""
    for m in RUNS.finditer(normalize(text)):
        yield from run_terms(m.group())


def dict_terms(text: str, words: Iterable[str]) -> Iterator[str]:
    """Whole-word terms for the dictionary words that occur in `text` (once per occurrence)."""
    norm = normalize(text)
    for word in words:
        count = norm.count(word)
        for _ in range(count):
            yield WORD_PREFIX + word


def fnv1a(term: str) -> int:
    """32-bit FNV-1a over UTF-16 code units (JavaScript strings hash the same way)."""
    h = 0x811C9DC5
    data = term.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h
