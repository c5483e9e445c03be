"""Integrity of the labelled feedback dev set (benchmarks/feedback_devset/labels.tsv).

The set is what the feedback and sentiment work is judged on, so a broken row (a label outside the
guide's sets, a text that is not its source's, a post from a source that may not be shipped) must
fail here rather than skew a benchmark.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from mining.challenges.feedback import CLUSTERED_TYPES, FEEDBACK_TYPES
from mining.challenges.sentiment import SENTIMENTS
FOLDER = Path(__file__).resolve().parents[1] / "benchmarks" / "feedback_devset"
COLUMNS = ["id", "lang", "source", "source_key", "text", "feedback_type", "sentiment", "evidence",
           "split", "note"]
ALLOWED = {"lang": {"he", "el", "en"}, "feedback_type": set(FEEDBACK_TYPES),
           "sentiment": set(SENTIMENTS), "evidence": {"yes", "no"}, "split": {"dev", "test"}}
# Development use only, or held out to judge: never quoted in a shipped file.
NOT_SHIPPABLE = ("corpora/twcs-sample/", "corpora/app-reviews/", "corpora/nlbse24-issues/",
                 "corpora/hebrew-sentiment/dev.tsv", "corpora/sib200/")


def _select_posts():
    spec = importlib.util.spec_from_file_location("select_posts", FOLDER / "select_posts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SELECT = _select_posts()


@pytest.fixture(scope="module")
def labels() -> pd.DataFrame:
    return SELECT.read_labels(FOLDER / "labels.tsv")


def test_columns_and_unique_ids(labels):
    assert list(labels.columns) == COLUMNS
    assert labels["id"].is_unique
    assert (labels["id"].str[:2] == labels["lang"]).all()


@pytest.mark.parametrize("column", sorted(ALLOWED))
def test_every_label_is_from_the_allowed_set(labels, column):
    outside = labels.loc[~labels[column].isin(ALLOWED[column]), ["id", column]]
    assert outside.empty, outside.to_string()


def test_only_complaints_questions_and_requests_are_evidence(labels):
    wrong = labels[(labels["evidence"] == "yes") & ~labels["feedback_type"].isin(CLUSTERED_TYPES)]
    assert wrong.empty, wrong[["id", "feedback_type"]].to_string()


def test_no_text_is_labelled_twice(labels):
    assert not labels["text"].duplicated().any()
    assert labels["text"].str.strip().ne("").all()


def test_every_language_has_both_splits_as_documented(labels):
    assert set(zip(labels["lang"], labels["split"])) == {
        (lang, split) for lang in ALLOWED["lang"] for split in ALLOWED["split"]}
    pd.testing.assert_series_equal(labels["split"], SELECT.assign_splits(labels), check_names=False)


def test_no_post_comes_from_a_source_that_may_not_be_shipped(labels):
    banned = labels[labels["source_key"].str.startswith(NOT_SHIPPABLE)]
    assert banned.empty, banned[["id", "source_key"]].to_string()


def test_fixture_posts_come_from_mit_or_bsd_exports(labels, shared):
    manifest = pd.read_csv(shared / "fixtures" / "MANIFEST.tsv", sep="\t", dtype=str)
    licence = dict(zip("fixtures/" + manifest["path"], manifest["source (license)"]))
    files = labels["source_key"].str.extract(r"^(fixtures/[^!#]+)")[0].dropna().unique()
    assert len(files) > 0
    for path in files:
        assert "GPL" not in licence[path] and ("MIT" in licence[path] or "BSD" in licence[path]), path


def test_source_keys_point_at_the_same_text(labels, shared):
    found = [SELECT.resolve_key(shared, key) for key in labels["source_key"]]
    different = labels.loc[labels["text"].to_numpy() != pd.Series(found).to_numpy(), ["id", "source_key"]]
    assert different.empty, different.to_string()


def test_the_second_draw_is_the_seeded_one_and_dev_only(labels, shared):
    number = labels["id"].str[3:].astype(int)
    second = labels[(number > labels["lang"].map(SELECT.FIRST_DRAW))
                    & (number <= labels["lang"].map(SELECT.SECOND_DRAW))]
    drawn = SELECT.grown(shared, labels)
    assert drawn["id"].tolist() == second["id"].tolist()
    assert drawn["source_key"].tolist() == second["source_key"].tolist()
    assert (second["split"] == "dev").all()


def test_the_third_draw_is_the_seeded_one_and_dev_only(labels, shared):
    number = labels["id"].str[3:].astype(int)
    third = labels[number > labels["lang"].map(SELECT.SECOND_DRAW).fillna(len(labels))]
    drawn = SELECT.third(shared, labels)
    assert drawn["id"].tolist() == third["id"].tolist()
    assert drawn["source_key"].tolist() == third["source_key"].tolist()
    assert (third["split"] == "dev").all()
