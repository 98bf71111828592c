"""The vocabulary editors extend (content/vocab/): a domain dictionary, synonym groups and the crisis words."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics
from ..text.yamlio import load_yaml, read_text
from .tokens import RUNS, is_cjk, normalize

DICTIONARY = "vocab/dictionary.txt"
SYNONYMS = "vocab/synonyms.yml"
RISK = "vocab/risk.yml"  # crisis words: page detection (xinyu.safety) and the search's crisis card


@dataclass
class Vocab:
    """Domain words (whole-word terms) and synonym groups, normalised."""

    words: list[str] = field(default_factory=list)
    synonyms: list[list[str]] = field(default_factory=list)
    risk: list[str] = field(default_factory=list)  # queries containing one show the crisis lines first


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
    vocab = Vocab(risk=load_risk(docs_dir, diags).words)
    dict_path = docs_dir / DICTIONARY
    if dict_path.is_file() or dict_path.is_symlink():
        rel = f"{docs_dir.name}/{DICTIONARY}"
        text = read_text(dict_path, rel, diags) or ""  # a symlink is an error, never read
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


@dataclass
class RiskVocab:
    """The crisis vocabulary (`vocab/risk.yml`): words by topic, and words that name a next step."""

    topics: dict[str, list[str]] = field(default_factory=dict)
    help: list[str] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        """Every risk word, normalised, longest first (the search shows crisis lines for any of them)."""
        found = {normalize(w) for words in self.topics.values() for w in words}
        return sorted(found, key=lambda w: (-len(w), w))

    def topics_in(self, text: str) -> list[str]:
        """The topics `text` speaks of (a word anywhere in it: 预防自杀 speaks of 自杀)."""
        text = normalize(text)
        return [t for t, words in self.topics.items() if any(normalize(w) in text for w in words)]


def _words(value: object) -> list[str] | None:
    if not isinstance(value, list) or not value or not all(isinstance(w, (str, int)) for w in value):
        return None
    return [str(w).strip() for w in value if str(w).strip()]


def load_risk(docs_dir: Path, diags: Diagnostics) -> RiskVocab:
    """Read `vocab/risk.yml` (``topics: {主题: [词, …]}``, ``help: [词, …]``); a missing file is fine."""
    out = RiskVocab()
    path = docs_dir / RISK
    if not path.is_file():
        return out
    doc = load_yaml(path, f"{docs_dir.name}/{RISK}", diags)
    if doc is None or doc.data is None:
        return out
    data = doc.data
    hint = "写成 topics: 下每行“主题: [词, 词]”，help: [词, 词]"
    if not isinstance(data, dict) or not isinstance(data.get("topics"), dict) or set(data) - {"topics", "help"}:
        diags.error(doc.loc(), "vocab.risk", "危机词表应只有 topics（按主题列出的词）和 help（表示求助的词）", hint)
        return out
    for topic, value in data["topics"].items():
        words = _words(value)
        if words is None:
            diags.error(doc.loc(("topics", topic)), "vocab.risk", f"主题“{topic}”的词应是非空的列表", hint)
            continue
        out.topics[str(topic)] = words
    if "help" in data:
        words = _words(data["help"])
        if words is None:
            diags.error(doc.loc(("help",)), "vocab.risk", "help 应是非空的词语列表", hint)
        else:
            out.help = words
    return out
