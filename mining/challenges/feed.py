"""Content feed: recurring questions, grouped with their phrasings per language and how often they
went unanswered. These are the FAQ entries and content ideas.

Question posts (not spam, not by the brand) are clustered on aligned vectors by the same
``ChallengeModel`` as challenges, with ``min_question_size`` as the smallest group.

Example:
    >>> feed = content_feed(questions, aligned, links, challenge_ids, model)   # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mining.challenges.answered import THRESHOLD
from mining.challenges.clusters import ChallengeModel
from mining.schema import CONTENT_FEED
from mining.lang import LANGS


def content_feed(questions: pd.DataFrame, vectors: np.ndarray, answered: pd.DataFrame,
                 challenge_ids: pd.Series, model: ChallengeModel) -> tuple[pd.DataFrame, np.ndarray]:
    """One row per recurring question group (largest first) and the group of each question (-1
    for none: the model leaves out a group in which no two questions share a word).

    ``answered`` has per question ``answered`` (boolean; null: the source shows no replies) and
    ``answered_estimate`` (the score of ``mining.challenges.answered`` where it is null);
    ``challenge_ids`` the challenge of each question (the group's most frequent one is reported).
    """
    questions = questions.reset_index(drop=True)
    model.fit(questions, vectors)
    groups = model.labels_.copy()
    estimate = answered["answered_estimate"].to_numpy(dtype=float)
    answered = pd.Series(answered["answered"].to_numpy(), dtype="boolean")
    challenge_ids = pd.Series(challenge_ids.to_numpy(), dtype="Int64")
    times = pd.to_datetime(questions["created_at"], utc=True) if "created_at" in questions else None
    sources = (questions["source"] if "source" in questions else pd.Series(pd.NA, index=questions.index)
               ).astype("string").fillna("input").to_numpy(dtype=object)
    confidence = _confidence(questions)
    rows = []
    for _, described in model.table_.iterrows():
        g = described["topic_id"]
        members = groups == g
        known = answered[members].dropna()
        guessed = estimate[members & answered.isna().to_numpy()]
        guessed = guessed[~np.isnan(guessed)] >= THRESHOLD
        ids = challenge_ids[members].dropna()
        ids = ids[ids >= 0]
        rows.append({
            "question_group_id": int(g), "label": described["label"], "n_questions": int(members.sum()),
            **{f"n_{lang}": int(described[f"n_{lang}"]) for lang in LANGS},
            **_phrasings(described, confidence),
            "n_answer_known": int(len(known)),
            "n_unanswered": int((~known).sum()) if len(known) else pd.NA,
            "share_unanswered": round(float((~known).mean()), 4) if len(known) else np.nan,
            "n_estimated": len(guessed),
            "n_answered_estimate": int(guessed.sum()) if len(guessed) else pd.NA,
            "answered_status": answered_status(known, int(members.sum()), sources[members],
                                               guessed),
            "challenge_id": int(ids.mode().min()) if len(ids) else pd.NA,
            "first_seen": times[members].min() if times is not None else pd.NaT,
            "last_seen": times[members].max() if times is not None else pd.NaT,
        })
    feed = pd.DataFrame(rows, columns=list(CONTENT_FEED))
    if len(feed):
        feed = feed.sort_values(["n_questions", "question_group_id"], ascending=[False, True])
    feed = feed.astype({"n_unanswered": "Int64", "n_answered_estimate": "Int64",
                        "challenge_id": "Int64"}).reset_index(drop=True)
    return feed, groups


def _confidence(questions: pd.DataFrame) -> dict[str, float]:
    """Post id -> how confidently the post was typed a question (none without the columns)."""
    if "post_id" not in questions or "feedback_confidence" not in questions:
        return {}
    return dict(zip(questions["post_id"].astype(str), questions["feedback_confidence"].astype(float)))


def _phrasings(described: pd.Series, confidence: dict[str, float]) -> dict[str, str]:
    """A group's ``phrasings_<lang>`` and their post ids, ``phrasing_ids_<lang>``, in one order."""
    out = {}
    for lang in LANGS:
        out[f"phrasings_{lang}"], out[f"phrasing_ids_{lang}"] = phrasings(
            described[f"quotes_{lang}"], described[f"quote_ids_{lang}"], confidence)
    return out


def phrasings(quotes: str, ids: str, confidence: dict[str, float]) -> tuple[str, str]:
    r"""A group's phrasings (its quotes, one a line, and their post ids, ``;``-joined), the most
    confidently typed question first: the first one shown reads as the question (review 11,
    R11-12: "seems to be working at this stage. Will let you know", typed a question at 0.62,
    came first).

    Example:
        >>> phrasings("Cheers, works now\nHow do I top up?", "a;b", {"a": 0.62, "b": 0.96})
        ('How do I top up?\nCheers, works now', 'b;a')
    """
    if not isinstance(quotes, str) or not isinstance(ids, str):
        return quotes, ids
    lines, keys = quotes.split("\n"), ids.split(";")
    if len(lines) != len(keys):
        return quotes, ids
    order = sorted(range(len(lines)), key=lambda i: -confidence.get(keys[i], 0.0))
    return "\n".join(lines[i] for i in order), ";".join(keys[i] for i in order)


def answered_status(known: pd.Series, asked: int, sources: np.ndarray,
                    guessed: np.ndarray | None = None) -> str:
    """How many of a group's questions went unanswered where it can be known, and how many were
    answered by the estimate where it cannot (``guessed``: answered (estimate) per question
    without reply links that has one), labelled as an estimate.

    WhatsApp exports (and tables without reply columns) carry no reply links: whether a question
    there was answered is not known; what follows it in the chat gives an estimate.

    Example:
        >>> answered_status(pd.Series([], dtype="boolean"), 79, np.array(["whatsapp"] * 79))
        'answered: not known (no reply links in whatsapp)'
        >>> answered_status(pd.Series([], dtype="boolean"), 3, np.array(["whatsapp"] * 3),
        ...                 np.array([True, False, True]))
        'answered (estimate): 2 of 3 (no reply links in whatsapp)'
        >>> answered_status(pd.Series([True, False, False], dtype="boolean"), 5,
        ...                 np.array(["telegram"] * 3 + ["whatsapp"] * 2), np.array([True, True]))
        'unanswered 2 of 3 with replies known; answered (estimate): 2 of 2 without'
    """
    guessed = np.zeros(0, dtype=bool) if guessed is None else guessed
    unknown = asked - len(known) - len(guessed)
    estimated = (f"answered (estimate): {int(guessed.sum())} of {len(guessed)}"
                 + (f", {unknown} not known" if unknown else ""))
    if not len(known):
        where = ", ".join(sorted(set(sources)))
        if len(guessed):
            return f"{estimated} (no reply links in {where})"
        return f"answered: not known (no reply links in {where})"
    unanswered = int((~known).sum())
    if len(known) == asked:
        return f"unanswered {unanswered} of {asked}"
    if len(guessed):
        return f"unanswered {unanswered} of {len(known)} with replies known; {estimated} without"
    return f"unanswered {unanswered} of {len(known)} with replies known ({asked - len(known)} not known)"
