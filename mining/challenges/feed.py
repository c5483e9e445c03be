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

from mining.challenges.clusters import ChallengeModel
from mining.schema import CONTENT_FEED
from mining.lang import LANGS



def content_feed(questions: pd.DataFrame, vectors: np.ndarray, answered: pd.Series,
                 challenge_ids: pd.Series, model: ChallengeModel) -> tuple[pd.DataFrame, np.ndarray]:
    """One row per recurring question group (largest first) and the group of each question.

    ``answered`` is boolean per question (null: the source shows no replies); ``challenge_ids`` the
    challenge of each question (the group's most frequent one is reported).
    """
    questions = questions.reset_index(drop=True)
    model.fit(questions, vectors)
    groups = model.labels_
    answered = pd.Series(answered.to_numpy(), dtype="boolean")
    challenge_ids = pd.Series(challenge_ids.to_numpy(), dtype="Int64")
    times = pd.to_datetime(questions["created_at"], utc=True) if "created_at" in questions else None
    rows = []
    for _, described in model.table_.iterrows():
        g = described["topic_id"]
        members = groups == g
        known = answered[members].dropna()
        ids = challenge_ids[members].dropna()
        ids = ids[ids >= 0]
        rows.append({
            "question_group_id": int(g), "label": described["label"], "n_questions": int(members.sum()),
            **{f"n_{lang}": int(described[f"n_{lang}"]) for lang in LANGS},
            **{f"phrasings_{lang}": described[f"quotes_{lang}"] for lang in LANGS},
            "n_answer_known": int(len(known)),
            "n_unanswered": int((~known).sum()) if len(known) else pd.NA,
            "share_unanswered": round(float((~known).mean()), 4) if len(known) else np.nan,
            "challenge_id": int(ids.mode().min()) if len(ids) else pd.NA,
            "first_seen": times[members].min() if times is not None else pd.NaT,
            "last_seen": times[members].max() if times is not None else pd.NaT,
        })
    feed = pd.DataFrame(rows, columns=list(CONTENT_FEED))
    if len(feed):
        feed = feed.sort_values(["n_questions", "question_group_id"], ascending=[False, True])
    feed = feed.astype({"n_unanswered": "Int64", "challenge_id": "Int64"}).reset_index(drop=True)
    return feed, groups
