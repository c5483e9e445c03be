"""A name that fills most feedback posts and is not ``brand.terms``: most likely the product the
community is about (a product's own issue tracker: "React" in 257 of 300 issues). Unnamed, it is
every complaint's commonest word, and the challenges stage kept them whole as one problem
("react · js · component", 188 of 188 posts: review 15, R15-20); the run says to name it.

Example:
    >>> texts = ["React crashes on load", "my React hook loops", "React DevTools is blank"] * 7
    >>> unnamed_brand(texts, terms=())
    ('React', 21)
    >>> unnamed_brand(texts, terms=("react",)) is None
    True
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

NAME_SHARE = 0.5  # the name is in at least this share of the feedback posts ...
NAME_POSTS = 20  # ... and in at least this many (a few posts naming one thing is a challenge)
# A name: a word written with a capital letter in most places it occurs, sentences' first words
# among them ("The", "When" are mostly lower case inside sentences; "React" is not).
_WORD = re.compile(r"(?<![\w.@/#-])[^\W\d_][\w'’-]{2,}")


def unnamed_brand(texts: Sequence[str], terms: Iterable[str]) -> tuple[str, int] | None:
    """The name (as mostly written) in at least ``NAME_SHARE`` of ``texts`` and ``NAME_POSTS``
    of them, capitalized in most of its occurrences and none of ``terms``, with its posts."""
    named = {w.casefold() for term in terms for w in term.split()}
    posts: Counter = Counter()
    spellings: dict[str, Counter] = {}
    for text in texts:
        words = _WORD.findall(text)
        posts.update({w.casefold() for w in words})
        for word in words:
            spellings.setdefault(word.casefold(), Counter())[word] += 1
    least = max(NAME_POSTS, NAME_SHARE * len(texts))
    for word, n in posts.most_common():
        if n < least:
            return None
        written = spellings[word]
        capital = sum(c for w, c in written.items() if w[0].isupper())
        if word not in named and capital > sum(written.values()) / 2:
            return written.most_common(1)[0][0], n
    return None
