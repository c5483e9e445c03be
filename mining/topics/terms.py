"""Term counts per topic for keywords: words and two- and three-word phrases, one language at a time.

What ``CountVectorizer(token_pattern=r"\\S+", lowercase=False, ngram_range=(1, 3))`` counts over
the posts' counting keys (``token_docs``), summed per topic, built directly: each language's
words get integer codes (a vocabulary of that language's posts), a phrase is coded from its
words' codes, and only the terms that can become a keyword get a column. A phrase is a keyword
only where its topic says it ``PHRASE_MIN_COUNT`` times (``TopicModel._keywords``), so a phrase
the language's posts use fewer times gets no column; it still counts in its topic's total, which
is what BERTopic's class-based TF-IDF divides by. So the scores of the columns kept are the ones
the full count gives, bit for bit, without the vectorizer's string for every phrase of the
corpus (millions at 100k posts), nor a dense row per topic.

Example:
    >>> counts = language_terms(["app crash", "app crash login", "app crash"], np.array([0, 0, 1]),
    ...                         [0, 1], min_phrase_count=3)
    >>> counts.terms, counts.counts.toarray().tolist(), counts.totals.tolist()
    (['app', 'app crash', 'crash', 'login'], [[2, 2, 2, 1], [1, 1, 1, 0]], [9, 3])
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix

EMPTY = "_"  # a post without counting keys, as the vectorizer was given it (never a keyword)


@dataclass
class LanguageTerms:
    """One language's term counts over its topics' posts.

    Attributes:
        terms: the terms kept, sorted as the vectorizer sorts its vocabulary (by string).
        words: each term's number of words.
        counts: topics (rows, in the order given) × terms, how often a topic's posts use a term.
        posts: the same shape, how many of a topic's posts hold a term.
        totals: each topic's count of every term, the ones without a column included.
        distinct: how many distinct terms the topics use, the ones without a column included
            (BERTopic's transformer cannot weigh a single term).
    """

    terms: list[str]
    words: np.ndarray
    counts: csr_matrix
    posts: csr_matrix
    totals: np.ndarray
    distinct: int


def language_terms(docs: list[str], topics: np.ndarray, present: list[int],
                   min_phrase_count: int, max_words: int = 3) -> LanguageTerms:
    """The term counts of ``docs`` (one language's posts, each its space-joined counting keys;
    an empty one counts as ``EMPTY``) per topic of ``present`` (``topics``: each doc's topic,
    docs of other topics ignored); a phrase of two to ``max_words`` words gets a column when the
    docs of ``present`` use it at least ``min_phrase_count`` times."""
    index = {t: i for i, t in enumerate(present)}
    rows = np.array([index.get(int(t), -1) for t in topics], dtype=np.int64)  # doc -> topic row
    ids, owner, vocab = _word_codes(docs, rows)
    strings: list[str] = []
    words: list[int] = []
    columns, holders = [], []
    distinct = 0
    for n, at, code in _phrases(ids, owner, len(vocab), max_words):
        uniques, first, inverse, counts = np.unique(code, return_index=True,
                                                    return_inverse=True, return_counts=True)
        inverse = inverse.ravel()
        distinct += len(uniques)
        keep = counts >= (min_phrase_count if n > 1 else 1)
        column = np.full(len(uniques), -1, dtype=np.int64)
        column[keep] = np.arange(int(keep.sum())) + len(strings)
        strings += [" ".join(vocab[ids[p:p + n]]) for p in at[first[keep]].tolist()]
        words += [n] * int(keep.sum())
        column = column[inverse]
        columns.append(column[column >= 0])
        holders.append(owner[at][column >= 0])
    order = sorted(range(len(strings)), key=strings.__getitem__)  # the vectorizer's order
    renumber = np.empty(len(order), dtype=np.int64)
    renumber[order] = np.arange(len(order))
    counts, posts = _topic_matrices(rows, np.concatenate(holders),
                                    renumber[np.concatenate(columns)], (len(present), len(order)))
    return LanguageTerms(terms=[strings[i] for i in order],
                         words=np.array(words, dtype=np.int64)[np.array(order, dtype=np.int64)],
                         counts=counts, posts=posts,
                         totals=_topic_totals(owner, rows, len(present), max_words),
                         distinct=distinct)


def _word_codes(docs: list[str], rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The code of each word of the docs with a topic row (in order, docs one after another),
    the doc each is in, and the words by code."""
    codes: dict[str, int] = {}
    ids, owner = [], []
    for d in np.flatnonzero(rows >= 0).tolist():
        for word in (docs[d] or EMPTY).split():
            ids.append(codes.setdefault(word, len(codes)))
            owner.append(d)
    return (np.array(ids, dtype=np.int64), np.array(owner, dtype=np.int64),
            np.array(list(codes), dtype=object))


def _phrases(ids: np.ndarray, owner: np.ndarray, n_codes: int, max_words: int):
    """For n = 1 to ``max_words``: n, the positions where an n-word term starts inside one doc,
    and its codes there. A phrase's code is the rank of its first n-1 words' code among theirs,
    times ``n_codes``, plus its last word's code: unique, and small at any vocabulary size."""
    size = len(ids)
    valid, code = np.ones(size, dtype=bool), ids
    for n in range(1, max_words + 1):
        if n > 1:
            last = size - (n - 1)
            rank = np.zeros(size, dtype=np.int64)
            rank[valid] = np.unique(code[valid], return_inverse=True)[1].ravel()
            code, valid = np.full(size, -1, dtype=np.int64), np.zeros(size, dtype=bool)
            if last > 0:  # a phrase inside one doc: its first n-1 words are one too
                valid[:last] = owner[:last] == owner[n - 1:]
                code[:last] = rank[:last] * n_codes + ids[n - 1:]
        at = np.flatnonzero(valid)
        yield n, at, code[at]


def _topic_totals(owner: np.ndarray, rows: np.ndarray, n_topics: int, max_words: int
                  ) -> np.ndarray:
    """Each topic's count of every term: a doc of L words holds L words, L-1 pairs, L-2
    triples."""
    lengths = np.bincount(owner, minlength=len(rows))
    member = rows >= 0
    totals = np.zeros(n_topics, dtype=np.int64)
    for n in range(1, max_words + 1):
        np.add.at(totals, rows[member], np.maximum(lengths[member] - (n - 1), 0))
    return totals


def _topic_matrices(rows: np.ndarray, doc_of: np.ndarray, column_of: np.ndarray,
                    shape: tuple[int, int]) -> tuple[csr_matrix, csr_matrix]:
    """Topics × terms: how often the topic's docs use each term, and how many of them hold it
    (``doc_of`` and ``column_of``: the doc and column of each use)."""
    per_doc = coo_matrix((np.ones(len(column_of), dtype=np.int64), (doc_of, column_of)),
                         shape=(len(rows), shape[1])).tocsr()  # duplicates summed
    member = np.flatnonzero(rows >= 0)
    indicator = csr_matrix((np.ones(len(member), dtype=np.int64), (rows[member], member)),
                           shape=(shape[0], len(rows)))
    counts = (indicator @ per_doc).tocsr()
    per_doc.data[:] = 1
    posts = (indicator @ per_doc).tocsr()
    counts.sort_indices()
    posts.sort_indices()
    return counts, posts


def class_tfidf(terms: LanguageTerms) -> csr_matrix:
    """BERTopic's ``ClassTfidfTransformer`` (its defaults) over the topics' full counts, for the
    columns kept: a count over its topic's total, times ``log(average total / the term's count
    over every topic + 1)``, computed as the transformer computes it, so the scores are equal
    bit for bit. A single term (``distinct`` 1) keeps its counts, as ``_keywords`` always did."""
    counts = terms.counts
    if terms.distinct == 1:
        return csr_matrix(counts, dtype=float)
    average = int(terms.totals.mean())  # integer sums: exact in any order
    df = np.asarray(counts.sum(axis=0)).ravel()
    idf = np.log((average / df) + 1)
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    data = (counts.data.astype(np.float64) / terms.totals[rows].astype(np.float64)) \
        * idf[counts.indices]
    return csr_matrix((data, counts.indices.copy(), counts.indptr.copy()), shape=counts.shape)
