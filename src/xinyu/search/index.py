"""Build the sharded search index: small JS files the browser loads by `<script>` (works from file://).

Files under ``search/`` in the site:
- ``manifest.js``: shard count, doc count, chunk size, synonyms, dictionary words, crisis words;
- ``t<k>.js``: the postings of every term whose FNV-1a hash mod K is k;
- ``d<k>.js``: url, title, kind, summary and phone numbers of docs k*CHUNK … k*CHUNK+CHUNK-1.
Each file calls ``xinyuSearch.load(name, data)``. Weights are BM25 over title, headings and
body, computed here, so the client only adds numbers.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .extract import extract
from .tokens import dict_terms, fnv1a, terms
from .vocab import Vocab

CHUNK = 24  # docs per metadata chunk
SHARD_BYTES = 12_000  # target raw size of a term shard
HEADING_WEIGHT = 2.5  # a heading word counts as this many body words
TITLE_BONUS = 2.0  # added (times idf) when the term is in the title: outside BM25's saturation
LIST_PENALTY = 0.5  # a page made only of links (an index or list page) keeps half its weights
K1, B = 1.2, 0.75
SUMMARY_CHARS = 120

# Declared kinds that are no content kind; each kind's own label (its scheme → 教案 …) comes from its
# EditorSpec, passed in by the plugin (`labels`): search sits below the kinds.
KIND_LABELS = {"question": "问答", "qa": "问答", "hotline": "热线", "clinic": "门诊", "page": "页面"}
# Where a page lives says what it is, unless it declares ``data-search-kind`` or ``search_kind``.
PATH_KINDS = (
    (re.compile(r"^guides/policies"), "政策"),
    (re.compile(r"^guides/[^/]+/(?!index\.md$)[^/]+\.md$"), "问答"),
    (re.compile(r"^guides/(?!index\.md$)[^/]+(/index)?\.md$"), "指南"),
    (re.compile(r"(^|/)index\.md$"), "栏目"),
    (re.compile(r"^lessons/(area|stage)/"), "栏目"),
    (re.compile(r"^lessons/"), "教案"),
    (re.compile(r"^events/"), "活动"),
    (re.compile(r"^stories/"), "故事"),
    (re.compile(r"^services/network"), "服务"),
    (re.compile(r"^services/"), "热线"),
)
_DIGITS = re.compile(r"\d+")


@dataclass
class PageRecord:
    """One rendered page: where it is served and its article HTML."""

    url: str  # relative to the site root, as MkDocs gives it ("guides/x/" or "guides/x.html")
    src_uri: str
    title: str
    html: str
    meta: dict[str, object] = field(default_factory=dict)


@dataclass
class Doc:
    url: str
    title: str
    kind: str
    summary: str
    tels: list[tuple[str, str]]
    tf: dict[str, float]
    in_title: set[str]
    length: int
    link_ratio: float


def kind_of(record: PageRecord, declared: str, labels: Mapping[str, str] = KIND_LABELS) -> str:
    """The label shown on a result: declared by the page (a kind's name becomes its label), else by where it lives."""
    value = str(record.meta.get("search_kind") or declared or "").strip()
    if value:
        return labels.get(value.lower(), value)
    for pattern, label in PATH_KINDS:
        if pattern.search(record.src_uri):
            return label
    return "页面"


def tel_terms(href: str) -> list[str]:
    """Digit forms of a number: tel:+86-574-6300-0123 or 0574-6300 0123 → 057463000123, 63000123."""
    digits = "".join(_DIGITS.findall(href))
    if digits.startswith("86") and len(digits) > 10:
        digits = "0" + digits[2:]
    return [digits, digits[-8:]] if len(digits) > 8 else ([digits] if digits else [])


def _shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def make_doc(record: PageRecord, vocab: Vocab, labels: Mapping[str, str] = KIND_LABELS) -> Doc:
    """Extract one page and count its weighted terms."""
    ex = extract(record.html)
    title = record.title or ex.h1
    kind = kind_of(record, ex.kind, labels)
    tf: defaultdict[str, float] = defaultdict(float)
    title_terms = {*terms(title), *dict_terms(title, vocab.words)}
    heading_text = " ".join(text for _, text in ex.headings)
    for t in [*terms(heading_text), *dict_terms(heading_text, vocab.words)]:
        tf[t] += HEADING_WEIGHT
    body_terms = [*terms(ex.body), *dict_terms(ex.body, vocab.words)]
    for t in body_terms:
        tf[t] += 1.0
    for href, text in ex.tels:
        numbers = tel_terms(href or text)
        for t in numbers:
            tf[t] += HEADING_WEIGHT
        if kind == "热线":  # a hotline page is about its numbers: they count as its title
            title_terms.update(numbers)
    for t in title_terms:
        tf[t] += 0.0  # a title term is a term of the page even if the body never repeats it
    summary = ex.summary or str(record.meta.get("description") or "") or ex.first_paragraph
    if summary.startswith("简答"):
        summary = summary[2:].lstrip(" ：:")
    facts = " · ".join(ex.facts.values())
    summary = f"{facts}｜{summary}" if facts and summary else facts or summary
    chars = max(1, len(ex.body))
    return Doc(record.url, title, kind, _shorten(summary), ex.tels[:3], tf, title_terms,
               len(body_terms) + len(title_terms), min(1.0, ex.link_chars / chars))


def _js(name: str, data: object) -> str:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f'xinyuSearch.load("{name}",{body});\n'


def build_index(records: list[PageRecord], vocab: Vocab, out_dir: Path,
                labels: Mapping[str, str] | None = None) -> dict[str, int]:
    """Write the index files into `out_dir` (the site's ``search/``); return file sizes by name.

    `labels` maps the kinds' names to their result labels (``lesson`` → 教案), from the kinds' specs.
    """
    known = {**KIND_LABELS, **(labels or {})}
    docs = sorted((make_doc(r, vocab, known) for r in records), key=lambda d: d.url)
    n = len(docs)
    avg = sum(d.length for d in docs) / n if n else 1.0
    postings: dict[str, list[tuple[int, int]]] = {}
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.tf.keys())
    for i, d in enumerate(docs):
        norm = K1 * (1 - B + B * d.length / avg)
        factor = 1 - LIST_PENALTY * d.link_ratio
        for term, f in d.tf.items():
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            in_title = term in d.in_title
            score = idf * factor * (f * (K1 + 1) / (f + norm) + TITLE_BONUS * in_title)
            q = max(1, round(score * 4))
            postings.setdefault(term, []).append((i, q * 2 + in_title))
    encoded: dict[str, list[int]] = {}
    for term, plist in postings.items():
        flat: list[int] = []
        prev = 0
        for i, v in plist:
            flat += [i - prev, v]
            prev = i
        encoded[term] = flat
    total = sum(len(t) * 3 + 4 + sum(len(str(x)) + 1 for x in p) for t, p in encoded.items())
    k = max(1, math.ceil(total / SHARD_BYTES))
    shards: list[dict[str, list[int]]] = [{} for _ in range(k)]
    for term, flat in encoded.items():
        shards[fnv1a(term) % k][term] = flat
    files: dict[str, str] = {}
    for s, shard in enumerate(shards):
        files[f"t{s}.js"] = _js(f"t{s}", shard)
    for c in range(math.ceil(n / CHUNK)):
        part = docs[c * CHUNK : (c + 1) * CHUNK]
        chunk = [[d.url, d.title, d.kind, d.summary, [list(t) for t in d.tels]] for d in part]
        files[f"d{c}.js"] = _js(f"d{c}", chunk)
    version = hashlib.sha256("".join(files[k] for k in sorted(files)).encode()).hexdigest()[:10]
    manifest = {"v": version, "k": k, "n": n, "c": CHUNK, "syn": vocab.synonyms, "dict": vocab.words,
                "risk": vocab.risk}
    files["manifest.js"] = _js("manifest", manifest)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out_dir / name).write_text(text, "utf-8")
    return {name: len(text.encode()) for name, text in files.items()}
