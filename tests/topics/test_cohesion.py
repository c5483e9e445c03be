"""Whether a group of feedback posts above the size cap is one problem, by its words, on the
committed chat sample of ``tests/challenges/test_dominant.py`` (app crashes, political rants
and delivery complaints typed complaint; political talk and chit-chat typed other or praise)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mining.topics.cohesion import Cohesion
from mining.topics.describe import token_docs

SAMPLE = Path(__file__).parents[1] / "data" / "challenges" / "dominant_problem.csv"


@pytest.fixture(scope="module")
def chat():
    sample = pd.read_csv(SAMPLE)
    sample["doc"] = token_docs(sample["text"].tolist(), ["en"] * len(sample))[0]
    feedback = sample["feedback_type"].eq("complaint")
    cohesion = Cohesion.from_docs(sample.loc[feedback, "doc"].tolist(),
                                  sample.loc[~feedback, "doc"].tolist())
    posts = sample[feedback].reset_index(drop=True)
    return posts, cohesion.judge(posts["doc"].tolist())


def _rows(posts, *subjects):
    return np.flatnonzero(posts["subject"].isin(subjects).to_numpy())


def test_the_crash_reports_are_one_problem(chat):
    posts, judge = chat
    crash = _rows(posts, "crash")
    assert judge.one_problem(crash, [crash[:18], crash[18:]])
    assert judge.feedback(crash)


def test_political_rants_are_neither_one_problem_nor_feedback(chat):
    """Their words ("government", "president", "minister") are as much in the chat's other
    posts, typed other, as in the rants typed complaint."""
    posts, judge = chat
    rants = _rows(posts, "politics")
    assert not judge.one_problem(rants, [])
    assert not judge.feedback(rants)


def test_two_problems_are_not_one_even_when_one_word_is_in_most_posts(chat):
    """Crashes with the delivery complaints: "app" is in most of the 48 posts, but in none of
    the delivery sub-cluster's."""
    posts, judge = chat
    crash, delivery = _rows(posts, "crash"), _rows(posts, "delivery")
    both = np.sort(np.concatenate([crash, delivery]))
    assert not judge.one_problem(both, [crash, delivery])
