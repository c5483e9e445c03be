"""Whether a post was answered, estimated from what follows it where the export has no reply links.

WhatsApp exports (and other chats without reply links: ``CHATS``) do not say which message answers
which. In a group chat an answer usually comes soon after the question, from another member. The
rows of a table or a comments export are no conversation (a column of YouTube comments, of tweets):
the next row is no reply, and their questions' answers stay not known. A post without
reply links is *answered (estimate)* when one of the next ``FOLLOWERS`` posts of its chat by other
members, within ``WINDOW_HOURS``, looks like an answer: it is no question itself, is analyzed or
set aside only as a brand reply, a link or a short reaction ("yes it is!"; ``ANSWER_SKIPS``), and
is close enough. A post that names the asker (their pseudonym, or their name where identities
are kept) counts fully; any other counts with a weight that falls with each other member's post
before it (``DECAY``) and with time (halved every ``HALF_LIFE_HOURS``; ``TIME_ONLY_DECAY`` and
``TIME_ONLY_HALF_LIFE_HOURS`` where content is not judged, below). The score is the best
weight; ``THRESHOLD`` decides.

Where the posts' vectors are given (a run gives them), a follower must also read as a reply: an
analyzed follower counts only when its vector is close to the asker's (cosine, centred on the
chat's mean vector, at least ``SIMILARITY``, a level measured on chats whose reply links are
known): a blessing to the president after a complaint about a refund answers nothing. Without
that, every busy chat looked answered: any post by anyone within 12 hours counted (review 5, F6:
86 to 98% "answered" on a customer chat where nobody answered a complaint). A follower that is
itself a complaint still counts when it is close (a second "the parcel is stuck" after "my order
is late" reads as related): leaving complaints out lost more on the measured chats, where a
third of the real answers are typed complaint, than it gained. Measured against reply links that were hidden
(``benchmarks/answered_estimate.py``: the demo's chats; the real exports hold too few); it stays
an estimate and is labelled so wherever it is shown.

Example:
    >>> score = estimate_answered(all_posts, is_question, links["reply_known"])   # doctest: +SKIP
    >>> score >= THRESHOLD                                                       # doctest: +SKIP
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from mining.embed.vectorfile import release

FOLLOWERS = 3  # posts by other members looked at after the question
WINDOW_HOURS = 12.0  # a later post is a new conversation
DECAY = 0.7  # weight kept per other member's post in between (--grid, content judged)
HALF_LIFE_HOURS = 12.0  # weight halved per this many hours of delay (--grid, content judged)
# The same where content is not judged (no vectors, or a chat too small to centre on): time must
# then say more, and these were chosen without content.
TIME_ONLY_DECAY = 0.9
TIME_ONLY_HALF_LIFE_HOURS = 3.0
THRESHOLD = 0.5  # best weight at which a post counts as answered (estimate)
# Cosine at which an analyzed follower reads as a reply to the post, between vectors centred on
# their chat's mean (``benchmarks/answered_estimate.py --similarity``, README). multilingual-e5
# puts any two posts of one language close (two unrelated Hebrew posts score 0.84 to 0.88 raw,
# English ones 0.80 to 0.85); removing what the chat's posts share leaves what one shares with
# another, at one level for every language.
SIMILARITY = 0.075
# Fewer posts with vectors in a chat and its mean is no background to centre on: content is not
# judged there (time and order alone decide).
CENTRE_MIN = 20
# Posts set aside that may still answer: a repeated answer, a link, a short "yes it is!", a
# support desk's canned reply.
ANSWER_SKIPS = ("duplicate", "link_only", "reaction", "brand", "canned")
# Sources whose posts, in time order, are a conversation.
CHATS = frozenset({"whatsapp", "telegram", "discord", "slack", "facebook"})


def conversations(posts: pd.DataFrame) -> pd.Series:
    """One key per conversation: the file, its channel and thread."""
    key = pd.Series("", index=posts.index, dtype="string")
    for column in ("source_file", "channel", "thread_id"):
        if column in posts:
            key = key + "\x1f" + posts[column].astype("string").fillna("")
    return key


def _can_answer(posts: pd.DataFrame, is_question: np.ndarray) -> np.ndarray:
    """Posts that could be an answer: no question, analyzed or set aside for one of
    ``ANSWER_SKIPS`` (platform lines, media, greetings, thanks and laughter answer nothing)."""
    if "skip_reason" not in posts:
        return ~is_question
    reasons = posts["skip_reason"].astype("string")
    kept = (reasons.isna() | reasons.isin(ANSWER_SKIPS)).to_numpy(dtype=bool)
    return ~is_question & kept


def _names_asker(text: str, asker: str) -> bool:
    """Whether ``text`` names ``asker`` as a whole word (a pseudonym, or a name kept as is)."""
    pattern = rf"(?<!\w){re.escape(asker)}(?!\w)"
    return bool(asker) and re.search(pattern, text, re.IGNORECASE) is not None


def estimate_answered(posts: pd.DataFrame, is_question: np.ndarray, reply_known: np.ndarray,
                      vectors: np.ndarray | None = None, vector_rows: np.ndarray | None = None,
                      unit: bool = True) -> np.ndarray:
    """Per post of ``posts`` (in its order): the answered score in [0, 1] from the posts that
    follow it in its chat, NaN where the source has reply links (``reply_known``: the links
    say), is no chat (``CHATS``: a table's next row is no reply) or the post has no time or
    author to order and tell apart.

    Args:
        posts: every post of the run (``author``, ``created_at``; ``text_norm`` or ``text``,
            ``skip_reason``, ``source_file``, ``channel``, ``thread_id`` where present).
        is_question: whether each post is a question (a question does not answer another).
        reply_known: whether each post's source carries reply links, threads or reply counts.
        vectors: each post's vector (unit length; a row of NaN for a post without one: not
            analyzed). Given, an analyzed follower counts only when it is this close to the post
            (``SIMILARITY``, centred on its chat) or names the asker; without, time and order
            alone decide.
        vector_rows: the rows of ``posts`` that ``vectors`` holds, in its order (the others have
            none); without it, ``vectors`` has a row per post. The run passes the analyzed
            posts' vectors alone: no copy of them over every post.
        unit: whether ``vectors`` are unit length; when not, each chat's rows are made so as
            they are read (the run's raw vectors, read from its file: no copy of every one).

    Example:
        >>> times = pd.to_datetime(["2026-01-01 10:00", "2026-01-01 10:05"], utc=True)
        >>> posts = pd.DataFrame({"author": ["a", "b"], "text": ["refund?", "it came today"],
        ...                       "created_at": times})
        >>> float(estimate_answered(posts, np.array([True, False]), np.zeros(2, bool))[0]) >= THRESHOLD
        True
    """
    n = len(posts)
    score = np.full(n, np.nan)
    if not n or "created_at" not in posts or "author" not in posts:
        return score
    times = pd.to_datetime(posts["created_at"], utc=True)
    hours = ((times - pd.Timestamp("1970-01-01", tz="UTC")).dt.total_seconds() / 3600).to_numpy()
    authors = posts["author"].astype("string").fillna("").to_numpy(dtype=object)
    column = "text_norm" if "text_norm" in posts else "text" if "text" in posts else None
    texts = (posts[column].astype("string").fillna("").to_numpy(dtype=object) if column
             else np.full(n, "", dtype=object))
    answers = _can_answer(posts, np.asarray(is_question, dtype=bool))
    place = None  # each post's row in ``vectors`` (-1: none); not unit: made so by ``_centre``
    vectors = np.asarray(vectors, dtype=np.float32) if vectors is not None and unit else vectors
    if vectors is not None and vector_rows is not None:
        place = np.full(n, -1, dtype=np.intp)
        place[np.asarray(vector_rows, dtype=np.intp)] = np.arange(len(vectors))
    chat_source = (posts["source"].isin(CHATS).to_numpy(dtype=bool) if "source" in posts
                   else np.ones(n, dtype=bool))
    order = pd.DataFrame({"chat": conversations(posts).to_numpy(), "hours": hours, "row": np.arange(n)})
    order = order[~np.isnan(hours)].sort_values(["chat", "hours", "row"], kind="stable")
    for _, chat in order.groupby("chat", sort=False):
        rows, at = chat["row"].to_numpy(), chat["hours"].to_numpy()
        centred, local = (_centre(vectors, rows, place, unit) if vectors is not None
                          else (None, None))
        for i, row in enumerate(rows):
            if reply_known[row] or not authors[row] or not chat_source[row]:
                continue
            score[row] = _best_follower(row, rows[i + 1:], at[i + 1:] - at[i], authors, texts,
                                        answers, centred, local)
    return score


def _centre(vectors: np.ndarray, rows: np.ndarray, place: np.ndarray | None = None,
            unit: bool = True) -> tuple[np.ndarray | None, dict[int, int] | None]:
    """The chat's vectors minus their mean, unit length, and each of its posts' row among them
    (a post without a vector has none); None when fewer than ``CENTRE_MIN`` of its posts have
    one. ``rows``: the chat's posts; ``place``: a post's row in ``vectors`` (None: the same row).
    Only the chat's rows are held (a copy over every post for each chat took 1.5 GB a chat at a
    million posts)."""
    at = rows if place is None else place[rows]
    has = at >= 0
    has[has] = ~np.isnan(vectors[at[has], 0])
    if has.sum() < CENTRE_MIN:
        return None, None
    mine = vectors[at[has]]
    release(vectors)  # the run's vectors file: the chat's rows leave memory once copied
    if not unit:  # as the whole matrix was made unit length before, row by row
        lengths = np.linalg.norm(mine, axis=1, keepdims=True)
        mine = (mine / np.where(lengths == 0, 1, lengths)).astype(np.float32, copy=False)
    shifted = mine - mine.mean(axis=0)
    norms = np.linalg.norm(shifted, axis=1, keepdims=True)
    return (shifted / np.where(norms == 0, 1, norms),
            dict(zip(rows[has].tolist(), range(int(has.sum())))))


def _replies(row: int, follower: int, vectors: np.ndarray | None,
             local: dict[int, int] | None) -> bool:
    """Whether ``follower`` reads as a reply to ``row`` by its content: close to it where both
    have vectors (``vectors`` centred on the chat, ``local`` a post's row among them; None where
    content is not judged). A follower without a vector (a brand reply, a link, a short
    reaction) is not judged by content."""
    if vectors is None or row not in local or follower not in local:
        return True
    return float(vectors[local[row]] @ vectors[local[follower]]) >= SIMILARITY


def _best_follower(row: int, later: np.ndarray, delays: np.ndarray, authors: np.ndarray,
                   texts: np.ndarray, answers: np.ndarray, vectors: np.ndarray | None = None,
                   local: dict[int, int] | None = None) -> float:
    """The best weight among the next ``FOLLOWERS`` posts of other members after ``row``
    (``vectors``: the chat's centred ones, ``local`` a post's row among them)."""
    best, seen = 0.0, 0
    for follower, delay in zip(later, delays):
        if delay > WINDOW_HOURS or seen >= FOLLOWERS:
            break
        if authors[follower] == authors[row]:
            continue  # the asker's own follow-up is no answer, and does not count as a turn
        seen += 1
        if not answers[follower]:
            continue
        if _names_asker(texts[follower], authors[row]):
            return 1.0
        if not _replies(row, follower, vectors, local):
            continue
        decay, half_life = ((DECAY, HALF_LIFE_HOURS) if vectors is not None
                            else (TIME_ONLY_DECAY, TIME_ONLY_HALF_LIFE_HOURS))
        weight = decay ** (seen - 1) * 0.5 ** (delay / half_life)
        best = max(best, weight)
    return best
