"""Chinese full-text search: jieba segmentation shared by the index and the queries.

SQLite's FTS5 tokenizers do not segment Chinese (unicode61 takes a whole run of Han characters as
one token; trigram cannot match two-character words). So searchable text is stored segmented
(`cut_for_search`, words separated by spaces) in a shadow column indexed with unicode61, and a
query is segmented the same way (measured recall 0.98 against exact substring with the domain
dictionary in extract/data/userdict.txt).

The segmenter is rjieba (jieba-rs: jieba's algorithm and dictionary in Rust) when it is installed,
else jieba itself. Both cut alike (tests/test_search.py compares them on every shipped text), but
rjieba is about 17x faster and loads in 0.1 s instead of 0.7 s; segmentation was the largest cost
of storing a notice.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from importlib import resources

DICT_VERSION = "3"  # bump when the dictionary or segment() changes: stored text is re-indexed


class _Segmenter:
    """The two calls segment() needs, over rjieba or jieba with the domain dictionary loaded."""

    def __init__(self, prefer_rust: bool = True):
        entries = _user_words()
        try:
            if not prefer_rust:
                raise ImportError
            import rjieba

            j = rjieba.Jieba()
            for word, freq, tag in entries:
                j.add_word(word, freq, tag)
            self.name = "rjieba"
            self.cut = lambda text: j.cut_for_search(text, False)
            self.is_word = j.has_word
        except ImportError:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            for word, freq, tag in entries:
                jieba.add_word(word, freq, tag)
            freq_of = jieba.dt.FREQ  # holds every prefix of a word too, with frequency 0
            self.name = "jieba"
            self.cut = lambda text: jieba.cut_for_search(text, HMM=False)
            self.is_word = lambda w: bool(freq_of.get(w))


def _user_words() -> list[tuple[str, int | None, str | None]]:
    """extract/data/userdict.txt in jieba's format: word [freq] [tag] per line."""
    text = resources.files("extract").joinpath("data/userdict.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        parts = line.split()
        if parts:
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            out.append((parts[0], freq, parts[-1] if len(parts) > 2 else None))
    return out


@lru_cache(maxsize=2)
def _segmenter(prefer_rust: bool = True) -> _Segmenter:
    return _Segmenter(prefer_rust)


def segment(text: str | None) -> str:
    """Text as space-separated search tokens (words and their sub-words).

    Without jieba's HMM guessing of unknown words (15% faster, same recall on the corpus terms):
    index and query are cut by the same dictionary, which is what makes them meet.

    `cut_for_search` adds only the 2- and 3-character words inside a long word, so the dictionary
    words of 4+ characters inside it are added too (城镇老旧小区 also yields 老旧小区): a query is
    segmented into whole words, and each must be found in the index.
    """
    if not text:
        return ""
    seg = _segmenter()
    tokens = " ".join(seg.cut(text)).split()  # drops the whitespace tokens (no token mixes the two)
    if tokens and max(map(len, tokens)) > 4:  # rare: only then walk the tokens one by one
        out = []
        for t in tokens:
            out.append(t)
            if len(t) > 4:
                out.extend(_long_subwords(t, seg.is_word))
        tokens = out
    return " ".join(tokens)


def _long_subwords(token: str, is_word) -> list[str]:
    return [token[i:i + n] for n in range(4, len(token)) for i in range(len(token) - n + 1)
            if is_word(token[i:i + n])]


def query_tokens(q: str) -> list[str]:
    return [t for t in _segmenter().cut(q or "") if t.strip() and any(ch.isalnum() for ch in t)]


def cjk_query(q: str | None) -> str:
    """An FTS5 MATCH expression: every token of the segmented query, quoted, all required."""
    toks = [t.replace('"', '""') for t in query_tokens(q or "")]
    return " ".join(f'"{t}"' for t in toks) or '""'


def fact_search_texts(notice) -> dict[str, list[str]]:
    """The text each searchable row is indexed by, per table (same order as the notice's facts).

    The store's rows (extract/store/rows.py) segment these, in the parser process during ingest.
    """
    return {
        "blocks": [b.text for b in notice.document.blocks],
        "targets": [f"{t.subject} {t.region or ''} {t.quote}" for t in notice.targets],
        "deadlines": [f"{d.department or ''} {d.task or ''} {d.quote}" for d in notice.deadlines],
        "funding": [f"{f.source or ''} {f.purpose or ''} {f.sentence or f.quote}" for f in notice.funding],
        "responsibilities": [f"{r.department} {r.duty}" for r in notice.responsibilities],
    }
