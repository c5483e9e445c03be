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
before it (``DECAY``) and with time (halved every ``HALF_LIFE_HOURS``). The score is the best
weight; ``THRESHOLD`` decides. Measured against reply links that were hidden
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

FOLLOWERS = 3  # posts by other members looked at after the question
WINDOW_HOURS = 12.0  # a later post is a new conversation
DECAY = 0.9  # weight kept per other member's post in between
HALF_LIFE_HOURS = 3.0  # weight halved per this many hours of delay
THRESHOLD = 0.5  # best weight at which a post counts as answered (estimate)
# Posts set aside that may still answer: a repeated answer, a link, a short "yes it is!".
ANSWER_SKIPS = ("duplicate", "link_only", "reaction", "brand")
# Sources whose posts, in time order, are a conversation.
CHATS = frozenset({"whatsapp", "telegram", "discord", "slack", "facebook"})


def _chats(posts: pd.DataFrame) -> pd.Series:
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


def estimate_answered(posts: pd.DataFrame, is_question: np.ndarray, reply_known: np.ndarray
                      ) -> np.ndarray:
    """Per post of ``posts`` (in its order): the answered score in [0, 1] from the posts that
    follow it in its chat, NaN where the source has reply links (``reply_known``: the links
    say), is no chat (``CHATS``: a table's next row is no reply) or the post has no time or
    author to order and tell apart.

    Args:
        posts: every post of the run (``author``, ``created_at``; ``text_norm`` or ``text``,
            ``skip_reason``, ``source_file``, ``channel``, ``thread_id`` where present).
        is_question: whether each post is a question (a question does not answer another).
        reply_known: whether each post's source carries reply links, threads or reply counts.
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
    chat_source = (posts["source"].isin(CHATS).to_numpy(dtype=bool) if "source" in posts
                   else np.ones(n, dtype=bool))
    order = pd.DataFrame({"chat": _chats(posts).to_numpy(), "hours": hours, "row": np.arange(n)})
    order = order[~np.isnan(hours)].sort_values(["chat", "hours", "row"], kind="stable")
    for _, chat in order.groupby("chat", sort=False):
        rows, at = chat["row"].to_numpy(), chat["hours"].to_numpy()
        for i, row in enumerate(rows):
            if reply_known[row] or not authors[row] or not chat_source[row]:
                continue
            score[row] = _best_follower(row, rows[i + 1:], at[i + 1:] - at[i], authors, texts,
                                        answers)
    return score


def _best_follower(row: int, later: np.ndarray, delays: np.ndarray, authors: np.ndarray,
                   texts: np.ndarray, answers: np.ndarray) -> float:
    """The best weight among the next ``FOLLOWERS`` posts of other members after ``row``."""
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
        weight = DECAY ** (seen - 1) * 0.5 ** (delay / HALF_LIFE_HOURS)
        best = max(best, weight)
    return best
