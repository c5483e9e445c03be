"""Tokens for counting, one interface for every language.

``analyze(text, lang)`` returns the counting keys of a post: spaCy's blank tokenizer for the post's
language, then the folded form (case, niqqud and Greek accents removed), without punctuation,
numbers, links, emoji and the stop words of all three languages. ``Surfaces`` remembers which
original spelling was most frequent for each key, so keywords are shown as people write them.

Example:
    >>> analyze("Η ΕΦΑΡΜΟΓΗ δεν ανοίγει!", "el")
    ['εφαρμογη', 'ανοιγει']
"""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from mining.lang import el, en, he
from mining.normalize import fold_text

STOP_WORDS = he.STOP_WORDS | el.STOP_WORDS | en.STOP_WORDS
_SPACY_LANG = {"he": "he", "el": "el", "en": "en"}


@lru_cache(maxsize=None)
def _tokenizer(lang: str):
    import spacy

    return spacy.blank(_SPACY_LANG.get(lang, "xx")).tokenizer


def _keep(token) -> bool:
    return not (token.is_punct or token.is_space or token.like_num or token.like_url
                or token.like_email) and any(c.isalpha() for c in token.text)


def tokens(text: str, lang: str) -> list[tuple[str, str]]:
    """(key, surface) pairs of the words worth counting in ``text``."""
    pairs = []
    for token in _tokenizer(lang)(text):
        if not _keep(token):
            continue
        key = fold_text(token.text)
        if len(key) >= 2 and key not in STOP_WORDS:
            pairs.append((key, token.text))
    return pairs


def analyze(text: str, lang: str) -> list[str]:
    return [key for key, _ in tokens(text, lang)]


class Surfaces:
    """The most frequent original spelling of each counting key."""

    def __init__(self) -> None:
        self._counts: dict[str, Counter] = defaultdict(Counter)

    def add(self, pairs: list[tuple[str, str]]) -> None:
        for key, surface in pairs:
            self._counts[key][surface] += 1

    def display(self, key: str) -> str:
        counts = self._counts.get(key)
        if not counts:
            return key
        # Prefer a spelling that is not all capitals when it is about as common.
        best = max(counts.items(), key=lambda kv: (kv[1] * (0.5 if kv[0].isupper() else 1), kv[0]))
        return best[0]
