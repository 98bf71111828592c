"""The vocabulary editors extend: a domain dictionary and synonym groups (content/vocab/)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics
from ..safefs import read_source
from ..yamlio import decode_source, load_yaml
from .tokens import RUNS, is_cjk, normalize

DICTIONARY = "vocab/dictionary.txt"
SYNONYMS = "vocab/synonyms.yml"


@dataclass
class Vocab:
    """Domain words (whole-word terms) and synonym groups, normalised."""

    words: list[str] = field(default_factory=list)
    synonyms: list[list[str]] = field(default_factory=list)


def _searchable(word: str) -> bool:
    return bool(RUNS.search(word))


def _whole_word(word: str) -> bool:
    """Whether a dictionary word needs a term of its own: a single ASCII token or a CJK bigram
    is already one; longer Chinese words (心理健康教育) and mixed ones (c证) get whole-word terms."""
    if len(word) < 2 or not _searchable(word):
        return False
    run = RUNS.fullmatch(word)
    return run is None or (is_cjk(word) and len(word) > 2)


def load_vocab(docs_dir: Path, diags: Diagnostics) -> Vocab:
    """Read `vocab/dictionary.txt` (one word a line, `#` comments; jieba's `词 词频 词性` also
    accepted) and `vocab/synonyms.yml` (a list of groups) from the docs dir; missing files are fine."""
    vocab = Vocab()
    dict_path = docs_dir / DICTIONARY
    if dict_path.is_file() or dict_path.is_symlink():
        rel = f"{docs_dir.name}/{DICTIONARY}"
        raw = read_source(dict_path, rel, diags)  # a symlink is an error, never read
        text = (None if raw is None else decode_source(raw, rel, diags)) or ""
        seen: set[str] = set()
        for line in text.splitlines():
            word = normalize(line.split("#", 1)[0].strip().split(" ")[0])
            if word not in seen and _whole_word(word):
                seen.add(word)
                vocab.words.append(word)
    syn_path = docs_dir / SYNONYMS
    if syn_path.is_file() or syn_path.is_symlink():
        rel = f"{docs_dir.name}/{SYNONYMS}"
        doc = load_yaml(syn_path, rel, diags)
        if doc is None or doc.data is None:
            return vocab
        data = doc.data
        if not isinstance(data, list):
            diags.error(doc.loc(), "search.synonyms", "同义词文件应是一个列表，每项是一组同义词",
                        "提示：写成“- [焦虑, 紧张]”，每行一组")
            return vocab
        for i, group in enumerate(data):
            if not isinstance(group, list) or len(group) < 2 or not all(isinstance(w, str) for w in group):
                diags.error(doc.loc((i,)), "search.synonyms", "每组同义词应是至少两个词的列表",
                            "提示：写成“- [焦虑, 紧张]”")
                continue
            words = [normalize(w.strip()) for w in group if _searchable(w)]
            if len(words) >= 2:
                vocab.synonyms.append(words)
    return vocab
