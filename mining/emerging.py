"""A new problem too small for a challenge: words a run's new feedback posts share that the
earlier posts did not use.

A shop outage posted by six members in fourteen posts on one morning (review 8, R8-11) is below
the smallest challenge (10 posts), and its posts lie near the fitted complaints about the same
game: clustered again among them they make no group of their own. What sets them apart is their
words ("error 503", "skins", "κατάστημα"), which the community had not written before. So a
term (a counting key of the topic keywords: ``token_docs``) is news when

- the run's new posts (those the previous run's model had not seen) use it far more often than
  the earlier posts did: at least that many posts would come by chance with probability below
  ``EMERGING_CHANCE`` under a Poisson law at the earlier posts' rate (half a post added, so that
  a term never written before has a rate);
- its new feedback posts (complaints, questions and requests typed with confidence, as
  challenges take them) and their confirmations (another member's copy of one, or a bare "me
  too": ``agrees_with``) number at least ``EMERGING_POSTS``;
- they are written or confirmed by at least ``EMERGING_MEMBERS`` members.

A group of terms that is a challenge new in this run (at least half of that challenge's posts,
and at least half of the group's posts in it) is no alert: the report names that challenge. One
with half of its posts in a new challenge, but fewer than half of that one's, is its alert: it
names that challenge (``challenge_id``) and quotes its posts there first, and the report gives
the challenge no alert line of its own (review 12, R12-12).

Terms whose posts are mostly the same, or mostly in one topic, are one problem: the alert names
up to three of them and quotes up to three of its posts. Thresholds: README, "Weekly runs" (measured on ordinary weeks of
real chats, where they raise no alert).

Example:
    >>> emerging_problems(analyzed, is_new, feedback, confirmers)  # doctest: +SKIP
    [{'label': '503 · error · shop', 'new_posts': 5, 'confirmations': 4, 'members': 5, ...}]
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import numpy as np
import pandas as pd
from scipy.stats import poisson

from mining.lang import read_in_greek, texts_read
from mining.lang.analyze import WordCache
from mining.topics.describe import token_docs, trim
from mining.topics.quotes import clean_quote

EMERGING_MEMBERS = 3  # fewest members writing or confirming the posts
EMERGING_POSTS = 5  # fewest feedback posts and confirmations
EMERGING_CHANCE = 1e-4  # the term's count by chance at the earlier rate, at most
QUOTES = 3
_BARE = re.compile(r"[\W_]+")  # a text without its punctuation, to quote it once


def emerging_problems(analyzed: pd.DataFrame, is_new: np.ndarray, feedback: np.ndarray,
                      confirmers: list[list[str]], ignore: tuple[str, ...] = (),
                      challenges: tuple[np.ndarray, list[int]] | None = None,
                      words: WordCache | None = None, topics: np.ndarray | None = None
                      ) -> list[dict]:
    """The new problems among ``analyzed`` (rows aligned with ``is_new``: not seen by the
    previous run's model; ``feedback``: the new feedback posts; ``confirmers``: the members who
    confirmed each post), most members first: ``label``, ``terms``, ``new_posts`` (feedback),
    ``confirmations``, ``members``, ``chance`` (of the first term's count) and ``quotes``.
    ``ignore``: words left out (the brand's terms, members' names); ``challenges``: each post's
    challenge id (NaN: none) and the ids new in this run; ``words``: the posts' words an earlier
    run split (``WordCache``): the history is not tokenized again each week; ``topics``: each
    post's topic (-1: none), which joins terms whose posts are mostly in one (``_grouped``)."""
    if not feedback.any() or is_new.all():
        return []
    docs, surfaces = token_docs(texts_read(analyzed).tolist(), analyzed["lang"].astype(str).tolist(),
                                ignore=ignore, read=read_in_greek(analyzed),
                                written=analyzed["text_norm"].fillna("").tolist(), words=words)
    keys = [set(doc.split()) for doc in docs]
    in_feedback = defaultdict(list)
    for row in np.flatnonzero(feedback):
        for key in keys[row]:
            in_feedback[key].append(row)
    authors = analyzed["author"].to_numpy() if "author" in analyzed else np.full(len(docs), None)
    candidates = [(key, rows, _who(rows, authors, confirmers))
                  for key, rows in in_feedback.items()]
    candidates = [c for c in candidates if len(c[2][0]) >= EMERGING_MEMBERS
                  and len(c[1]) + c[2][1] >= EMERGING_POSTS]
    if not candidates:
        return []
    new_rows, old_rows = np.flatnonzero(is_new), np.flatnonzero(~is_new)
    wanted = {key for key, _, _ in candidates}
    new_count = Counter(k for r in new_rows for k in keys[r] if k in wanted)
    old_count = Counter(k for r in old_rows for k in keys[r] if k in wanted)
    rate = {k: (old_count[k] + 0.5) / len(old_rows) for k in wanted}
    chance = {k: float(poisson.sf(new_count[k] - 1, rate[k] * len(new_rows))) for k in wanted}
    news = sorted((c for c in candidates if chance[c[0]] < EMERGING_CHANCE),
                  key=lambda c: (chance[c[0]], c[0]))
    found = []
    for group in _grouped(news, topics):
        home, whole = _new_challenge(group, challenges)
        if not whole:
            found.append(_describe(group, analyzed, (keys, surfaces), chance, confirmers,
                                   (challenges[0] if challenges else None, home)))
    return found


def _new_challenge(terms: list[tuple], challenges: tuple | None) -> tuple[int | None, bool]:
    """The challenge new in this run that holds half of the group's posts (None: none), and
    whether they make half of it too (then it is that challenge: no alert)."""
    if challenges is None:
        return None, False
    ids, new_ids = challenges
    rows = sorted({r for _, term_rows, _ in terms for r in term_rows})
    for challenge in new_ids:
        both = int((ids[rows] == challenge).sum())
        if both * 2 >= len(rows):
            return int(challenge), both * 2 >= int((ids == challenge).sum())
    return None, False


def _who(rows: list[int], authors: np.ndarray, confirmers: list[list[str]]) -> tuple[set, int]:
    """The members who wrote or confirmed ``rows``, and the number of confirmations."""
    confirming = [a for r in rows for a in confirmers[r]]
    written = {a for a in authors[rows].tolist() if isinstance(a, str) and a}
    return written | set(confirming), len(confirming)


def _grouped(news: list[tuple], topics: np.ndarray | None = None) -> list[list[tuple]]:
    """Terms whose feedback posts are mostly those of a stronger term's group join it, and so do
    terms whose posts are mostly in the topic most of the group's first term's posts are in: an
    outage said in other words ("login", "sign in", "password") is one problem, not an alert for
    each (review 13 R13-8: four alerts for one morning's login failures)."""
    groups: list[tuple[set[int], list[tuple], int | None]] = []
    for term in news:
        rows = set(term[1])
        topic = _main_topic(term[1], topics)
        home = next((g for g in groups if len(rows & g[0]) * 2 >= len(rows)
                     or (topic is not None and topic == g[2])), None)
        if home is None:
            groups.append((rows, [term], topic))
        else:
            home[0].update(rows)
            home[1].append(term)
    return [terms for _, terms, _ in groups]


def _main_topic(rows: list[int], topics: np.ndarray | None) -> int | None:
    """The topic that holds at least half of ``rows`` (None: none does, or no topics)."""
    if topics is None or not len(rows):
        return None
    held = pd.Series(topics[rows]).value_counts()
    held = held[held.index >= 0]
    return int(held.index[0]) if len(held) and held.iloc[0] * 2 >= len(rows) else None


def _describe(terms: list[tuple], analyzed: pd.DataFrame, words: tuple, chance: dict,
              confirmers: list[list[str]], home: tuple = (None, None)) -> dict:
    """One alert: the group's terms, its posts and members, and quotes by different members
    (``words``: each post's keys, and their spellings): the posts in the new challenge that
    holds most of them first (``home``: the posts' challenge ids and that one's id, or None),
    then those using its strongest term, then those using most of its terms; a text quoted
    once, whatever its "!!"."""
    keys, surfaces = words
    group = [k for k, _, _ in terms]
    ids, challenge = home
    inside = (ids == challenge) if challenge is not None else np.zeros(len(keys), dtype=bool)
    rows = sorted({r for _, term_rows, _ in terms for r in term_rows},
                  key=lambda r: (not inside[r], group[0] not in keys[r],
                                 -len(keys[r].intersection(group)), r))
    members = set().union(*(who for _, _, (who, _) in terms))
    confirmations = sum(len(confirmers[r]) for r in rows)
    quotes, quoted = [], set()
    texts = [clean_quote(str(t)) for t in analyzed["text_norm"].fillna("")]
    authors = analyzed["author"].to_numpy() if "author" in analyzed else np.full(len(texts), None)
    for row in rows:
        said = _BARE.sub("", texts[row].casefold())
        if len(quotes) < QUOTES and authors[row] not in quoted and said not in quoted:
            quotes.append(trim(texts[row]))
            quoted.update((authors[row], said))
    return {"label": " · ".join(surfaces.display(k) for k, _, _ in terms[:3]),
            "terms": [k for k, _, _ in terms], "new_posts": len(rows),
            "confirmations": confirmations, "members": len(members),
            "chance": float(f"{chance[terms[0][0]]:.2g}"), "quotes": quotes,
            "challenge_id": challenge, "in_challenge": int(inside[rows].sum())}
