"""A challenge's posts of a language few of its posts are in belong to it only when they say
what its other posts say.

Review 12 (R12-3): week 2 of a Hebrew WhatsApp group whose members mix in English app bug
reports (review 12's ``w2``) had challenge "app · open · send" of 10 English app complaints and
5 Hebrew comments on the president, "kept whole as one problem". ``mixed_languages.csv`` lists
that week's 163 analyzed posts as the run typed them, each by its row in ``../shared/corpora``
(Hebrew comments of hebrew-sentiment, English reviews of app-reviews), with its time and author.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from mining.config import ChallengesConfig

SAMPLE = Path(__file__).parents[1] / "data" / "challenges" / "mixed_languages.csv"


@pytest.fixture(scope="module")
def week(shared):
    """The week's posts with their texts read from the corpora."""
    posts = pd.read_csv(SAMPLE)
    texts = {name: pd.read_csv(shared / "corpora" / name, sep="\t" if name.endswith(".tsv") else ",",
                               quoting=csv.QUOTE_NONE if name.endswith(".tsv") else csv.QUOTE_MINIMAL)
             for name in posts["corpus"].unique()}
    column = {name: "comment" if name.endswith(".tsv") else "review" for name in texts}
    return posts.assign(text=[texts[c].loc[r, column[c]] for c, r in zip(posts["corpus"], posts["row"])])


def test_political_comments_leave_an_english_app_challenge(week, cluster_sample):
    found, model = cluster_sample(week, ChallengesConfig())
    found = found.dropna(subset=["challenge_id"])
    inside = found[found["challenge_id"] >= 0]
    app = inside.loc[inside["lang"] == "en", "challenge_id"].mode()[0]
    assert (inside["challenge_id"] == app).sum() >= 10
    assert set(inside.loc[inside["challenge_id"] == app, "lang"]) == {"en"}
    assert model.fit_["other_language_left_out"] > 0
