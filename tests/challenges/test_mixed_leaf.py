"""A group too large to keep and too mixed to keep whole is split into what it holds.

Review 10 (R10-1, P10-2): in small communities HDBSCAN's condensed tree had a leaf above 1.5
times the size cap that held several problems and some chatter (a Telegram week's card payments
with its delivery slots: 32 posts, cap 14); it was left out whole, and the week's problems with
it. ``tests/data/challenges/mixed_leaf.csv`` holds 53 questions of five Banking77 intents
(PolyAI, CC BY 4.0; Casanueva et al., 2020), each 10 to 12 posts, under the cap of 10: density
splits nothing off them, so every post was one leaf and the run had no challenge. The chit-chat
of ``dominant_problem.csv`` is the chat's other posts.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from mining.config import ChallengesConfig

DATA = Path(__file__).parents[1] / "data" / "challenges"


def test_a_leaf_far_over_the_cap_is_split_into_its_problems(cluster_sample):
    chat = pd.read_csv(DATA / "dominant_problem.csv")
    sample = pd.concat([pd.read_csv(DATA / "mixed_leaf.csv"),
                        chat[chat["feedback_type"] == "other"]], ignore_index=True)
    found, model = cluster_sample(sample, ChallengesConfig())
    found = found.dropna(subset=["challenge_id"])
    assert len(model.table_) >= 2
    rates = found.loc[found["subject"] == "exchange_rate", "challenge_id"]
    assert (rates >= 0).all() and rates.nunique() == 1
    inside = found[found["challenge_id"] == rates.iloc[0]]
    assert (inside["subject"] == "exchange_rate").all()
    assert model.fit_["split_above_cap"] == [53] and model.fit_["left_out_above_cap"] == []
