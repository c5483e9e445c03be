"""One outage, one challenge: challenges whose posts share their problem's word and its day.

A day's outage in a small community is more posts than the challenges' size cap allows one
challenge (``challenges.max_challenge_share``), and the density tree holds no group of them alone:
on the review's 32 login reports of one day among six weeks of app reviews (review 11, R11-10),
the 70 posts around them (24 of them those reports) were split by density into two challenges of
25 and 20, each half login reports and half other complaints, and merging topics
(``mining.topics.merge``) may not pass the cap. What says they are one problem is their word and
their time: the two held "login" or "log" in 44% and 35% of their posts, and every post holding
it was written that day. So two challenges are one when

- a word is held by at least ``BURST_SHARE`` of the posts of each (a word and the words it
  begins, or that begin it, counted as one: "log" and "login", ``same_stem``);
- at least ``BURST_DAY`` of each one's posts holding it were written on one day, the same day,
  and they are ``BURST_POSTS`` posts at least.

A day's problem written in two ways splits otherwise: a card outage's complaints ("My card is
not working") formed a challenge of their own, its questions ("Why isn't my card working?") were
half of the card-activation challenge's posts that day (review 12, R12-14, 5,000 posts). So, too,
the posts of any challenge written on a day that a word of another marks (``BURST_SHARE`` of its
posts hold it, ``BURST_DAY`` of them on that day, ``BURST_POSTS`` at least) join that other
challenge when they hold the word, are ``BURST_POSTS`` at least, and the word is not one their
challenge holds on other days too (``BURST_SHARE`` of its posts of other days): that day, they
wrote of the same thing.

Two challenges sharing a word at other times are two problems (the demo's "Plus" subscription
cancelled and its free delivery; a chat's two groups about the president), and so are two
problems on one day that share no word.

Example:
    >>> docs = ["cant login", "login fails", "log in broken", "login error", "cant log in", "login"]
    >>> days = pd.to_datetime(["2026-10-15"] * 6, utc=True)
    >>> gather_bursts(np.array([0, 0, 0, 1, 1, 1, 1]), docs + ["app slow"], days.append(days[:1]),
    ...               smallest=1, min_posts=5).tolist()
    [0, 0, 0, 0, 0, 0, 1]
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from mining.topics.describe import same_stem

BURST_SHARE = 0.25
BURST_DAY = 0.5
BURST_POSTS = 5


def gather_bursts(topics: np.ndarray, docs: list[str], times: pd.Series | None,
                  smallest: int, min_posts: int = BURST_POSTS) -> np.ndarray:
    """``topics`` (cluster per post, -1: none) with each day's problem in one cluster: of two
    clusters that are one burst by ``docs`` (each post's counting keys) and ``times`` (UTC), the
    posts of the one holding the burst's word less often that hold it join the other; what is
    left of it stays, unless it is below ``smallest`` posts (then it joins whole). Unchanged
    without times."""
    topics = topics.copy()
    if times is None or not len(docs):
        return topics
    days = pd.to_datetime(pd.Series(times), utc=True).dt.floor("D").to_numpy()
    words = [frozenset(d.split()) for d in docs]
    ids = sorted(int(t) for t in np.unique(topics[topics >= 0]))
    common = {t: _common(words, np.flatnonzero(topics == t)) for t in ids}
    for a in ids:
        for b in ids:
            if a >= b or not common[a] or not common[b]:
                continue
            word = _burst_word(days, common[a], common[b], min_posts)
            if word is None:
                continue
            rows_a, rows_b = np.flatnonzero(topics == a), np.flatnonzero(topics == b)
            held_a, held_b = common[a][word], _holding(words, rows_b, word)
            keep, give, moving = ((a, rows_b, held_b) if len(held_a) / len(rows_a)
                                  >= len(held_b) / len(rows_b) else (b, rows_a, held_a))
            topics[give if len(give) - len(moving) < smallest else moving] = keep
            common.update({t: _common(words, np.flatnonzero(topics == t)) for t in (a, b)})
    return _gather_days(topics, words, days, ids, smallest, min_posts)


def _gather_days(topics: np.ndarray, words: list[frozenset], days: np.ndarray, ids: list[int],
                 smallest: int, min_posts: int) -> np.ndarray:
    """Each cluster's posts of another's burst day that hold its burst word, moved to it
    (module docstring)."""
    for a in ids:
        for word, held in sorted(_common(words, np.flatnonzero(topics == a)).items()):
            day = _burst_day(days, held, min_posts)
            if day is None:
                continue
            for b in (t for t in ids if t != a):
                rows_b = np.flatnonzero(topics == b)
                on_day = days[rows_b] == day
                moving = _holding(words, rows_b[on_day], word)
                # not its word on other days too ("card" in card activation): no sign of the day
                if len(moving) >= min_posts and not any(
                        same_stem(word, own) for own in _common(words, rows_b[~on_day])):
                    topics[rows_b if len(rows_b) - len(moving) < smallest else moving] = a
    return topics


def _burst_day(days: np.ndarray, held: np.ndarray, min_posts: int):
    """The day on which ``BURST_DAY`` of the posts ``held`` were written, ``min_posts`` at least
    (None: no such day)."""
    dated = [d for d in days[held] if not pd.isna(d)]
    if not dated:
        return None
    day, n = Counter(dated).most_common(1)[0]
    return day if n >= min_posts and n >= BURST_DAY * len(held) else None


def _common(words: list[frozenset], rows: np.ndarray) -> dict[str, np.ndarray]:
    """The words held, with the words of their stem, by ``BURST_SHARE`` of the posts ``rows``,
    each with the posts holding it. A word in fewer than half that share of the posts is not
    looked at: its stem would need other words to reach the share, and the few read are enough
    at any size."""
    counts = Counter(w for i in rows for w in words[i])
    vocabulary = list(counts)
    found = {}
    for word in (w for w, n in counts.items() if n >= BURST_SHARE / 2 * len(rows)):
        held = _holding(words, rows, word, vocabulary)
        if len(held) >= BURST_SHARE * len(rows):
            found[word] = held
    return found


def _holding(words: list[frozenset], rows: np.ndarray, word: str,
             vocabulary: list[str] | None = None) -> np.ndarray:
    """The posts of ``rows`` holding ``word`` or a word of its stem (``same_stem``) among
    ``vocabulary`` (None: the words of those posts)."""
    if vocabulary is None:
        vocabulary = list({w for i in rows for w in words[i]})
    stem = {v for v in vocabulary if same_stem(word, v)}
    return np.array([i for i in rows if not stem.isdisjoint(words[i])], dtype=int)


def _burst_word(days: np.ndarray, common_a: dict[str, np.ndarray],
                common_b: dict[str, np.ndarray], min_posts: int) -> str | None:
    """A word common to both clusters' posts (``_common``: word -> its posts) that most of each
    wrote on one day (None: none)."""
    for word in sorted(common_a):
        other = next((v for v in sorted(common_b) if same_stem(word, v)), None)
        if other is None:
            continue
        held_a, held_b = common_a[word], common_b[other]
        dated = [d for d in days[np.concatenate([held_a, held_b])] if not pd.isna(d)]
        if not dated:
            continue
        day, n = Counter(dated).most_common(1)[0]
        if (n >= min_posts and (days[held_a] == day).mean() >= BURST_DAY
                and (days[held_b] == day).mean() >= BURST_DAY):
            return word
    return None
