"""The explorer's search index: the project's own folding and counting keys, computed once here so
that the page only folds the query and looks its words up.

Each post gets the ids of its counting keys (``TextAnalyzer``: Hebrew prefixes stripped where the
corpus attests the rest, Greek folded and stemmed, English lemmatized). The vocabulary maps every
spelling seen, folded the way the page folds a query (``fold_word``), to its key id: a query word
found there matches the posts holding that key (``והאפליקציה`` → ``אפליקציה``, ``ΕΦΑΡΜΟΓΉ`` →
``εφαρμογ``). The page strips Hebrew prefix stacks (``he.PREFIXES``) and English plural endings
from a word it does not find, and falls back to a substring of the folded text. A word in Latin
letters is read as Greeklish too: ``greeklish`` maps the shared spelling (``el.skeleton``) of
every Greek spelling to its key ids, and the page spells the query so (``tilefono`` finds
``τηλέφωνο``, as the analysis reads Greeklish posts).

Example:
    >>> index = search_index(["Η ΕΦΑΡΜΟΓΗ δεν ανοίγει", "η εφαρμογή κολλάει"], ["el", "el"])
    >>> index.vocab["εφαρμογη"] == index.vocab["ανοιγει"]
    False
    >>> index.post_keys[0][0] == index.post_keys[1][0] == index.vocab["εφαρμογη"]
    True
    >>> index.greeklish["evarmogi"] == [index.vocab["εφαρμογη"]]
    True
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from mining.lang import el, he
from mining.lang.analyze import TextAnalyzer
from mining.normalize import fold_text


@dataclass
class SearchIndex:
    vocab: dict[str, int]  # folded spelling (and folded key) -> key id
    post_keys: list[list[int]]  # per post, its key ids, sorted
    prefixes: list[str]  # Hebrew prefix stacks, shortest first
    greeklish: dict[str, list[int]]  # shared spelling of Greek spellings (el.skeleton) -> key ids


def fold_word(word: str) -> str:
    """``fold_text`` with one spelling of geresh and gershayim, as the page folds a query."""
    return fold_text(he.canonical(word))


def search_index(texts: list[str], langs: list[str]) -> SearchIndex:
    """Fit the analyzer on ``texts`` (``text_norm``) and index each post's counting keys."""
    key_ids: dict[str, int] = {}
    spellings: dict[str, Counter] = defaultdict(Counter)
    post_keys = []
    for tokens in TextAnalyzer().fit_tokens(texts, langs):  # each post split once
        ids = set()
        for key, surface in tokens:
            key_id = key_ids.setdefault(key, len(key_ids))
            spellings[fold_word(surface)][key_id] += 1
            ids.add(key_id)
        post_keys.append(sorted(ids))
    vocab = {word: counts.most_common(1)[0][0] for word, counts in spellings.items()}
    for key, key_id in key_ids.items():  # a query may be the key itself (a lemma, a bare word)
        vocab.setdefault(fold_word(key), key_id)
    return SearchIndex(vocab, post_keys, sorted(he.PREFIXES, key=lambda p: (len(p), p)),
                       _greeklish(vocab))


_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")


def _greeklish(vocab: dict[str, int]) -> dict[str, list[int]]:
    """The shared spelling (``el.skeleton``) of each Greek spelling of ``vocab``, and the keys
    of the spellings that share it."""
    found: dict[str, set[int]] = defaultdict(set)
    for word, key_id in vocab.items():
        if _GREEK.search(word):
            found[el.skeleton(word)].add(key_id)
    return {shared: sorted(ids) for shared, ids in found.items()}
