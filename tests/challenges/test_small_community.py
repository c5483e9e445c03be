"""A small community's main problem is a challenge (review 15, R15-1).

``tests/data/challenges/small_greek_group.csv``: the 196 analyzed posts of a Greek Telegram
group of the review (real Greek tweets and dialect posts, a fifth in Greeklish, and real app
reviews behind a Greek or Greeklish opener), typed as its run typed them, ``topic`` the run's
topic (2: "app · update · phone"); ``.npy``: the aligned vectors of its 39 eligible posts. Of
these, 20 were app complaints and 16 TV and political banter: 20% of 39 is below the smallest
challenge (10), so both groups were left out as above the cap and the run had no challenge.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from mining.challenges.clusters import challenge_model
from mining.config import ChallengesConfig

DATA = Path(__file__).parents[1] / "data" / "challenges"
APP_TOPIC = 2


def test_the_main_problem_of_a_small_group_is_a_challenge_and_its_banter_is_not():
    posts = pd.read_csv(DATA / "small_greek_group.csv", parse_dates=["created_at"])
    posts["post_id"] = [f"p{i}" for i in range(len(posts))]
    eligible = posts["eligible"].to_numpy()
    model = challenge_model(ChallengesConfig()).fit(
        posts[eligible], np.load(DATA / "small_greek_group.npy"), background=posts[~eligible])
    assert len(model.table_) == 1
    topics = posts.loc[eligible, "topic"].to_numpy()
    inside = topics[model.labels_ == 0]
    assert len(inside) >= 15 and (inside == APP_TOPIC).mean() >= 0.9
    # the banter (TV shows, politics) is in no challenge
    assert (model.labels_[topics != APP_TOPIC] < 0).mean() >= 0.9
