"""Fit on a sample, assign everything: a corpus larger than ``fit_sample`` is clustered on that
many posts, drawn by language and month whatever the input order, and every other post is
assigned to a fitted topic (or stays an outlier); the tables and the manifest describe all posts."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mining.challenges import challenge_model
from mining.config import ChallengesConfig, Config
from mining.pipeline import align_stage, challenges_stage, embed_stage, topics_stage
from mining.runs import Manifest
from mining.topics.sample import sample_rows

ROOT = Path(__file__).resolve().parents[2]

POSTS = pd.DataFrame({
    "text_norm": ["המשלוח לא הגיע כבר שבוע", "האפליקציה קורסת בכל כניסה", "איך מבטלים הזמנה?",
                  "השליח היה אדיב מאוד", "η παραγγελία άργησε δύο ώρες", "δεν δουλεύει η εφαρμογή",
                  "πώς αλλάζω διεύθυνση;", "the app keeps crashing on login",
                  "my order never arrived", "how do I get a refund?", "great service, thanks team",
                  "delivery was late again"],
    "lang": ["he"] * 4 + ["el"] * 3 + ["en"] * 5,
    "created_at": pd.to_datetime(["2025-01-03", "2025-01-20", "2025-02-02", "2025-02-10",
                                  "2025-01-05", "2025-02-07", "2025-02-21", "2025-01-08",
                                  "2025-01-30", "2025-02-01", "2025-02-14", "2025-02-28"], utc=True)})


def test_the_sample_keeps_each_language_and_month_share_in_any_order():
    chosen = sample_rows(POSTS["lang"], POSTS["created_at"], POSTS["text_norm"], 6, seed=42)
    picked = POSTS[chosen]
    # three each of January and February in every language, one per stratum; Greek January's
    # single post takes the one left over (the first of the strata with the largest remainder)
    month = picked["created_at"].dt.month
    assert picked.groupby([picked["lang"], month]).size().to_dict() == {
        (lang, m): 1 for lang in ("el", "en", "he") for m in (1, 2)}
    shuffled = POSTS.sample(frac=1, random_state=7)
    again = sample_rows(shuffled["lang"], shuffled["created_at"], shuffled["text_norm"], 6, seed=42)
    assert set(shuffled["text_norm"][again]) == set(picked["text_norm"])
    other_seed = sample_rows(POSTS["lang"], POSTS["created_at"], POSTS["text_norm"], 6, seed=7)
    assert other_seed.sum() == 6


def test_a_sample_as_large_as_the_corpus_or_zero_takes_every_post():
    for n in (0, len(POSTS), 100):
        assert sample_rows(POSTS["lang"], None, POSTS["text_norm"], n, seed=42).all()


def test_a_large_stratum_gets_its_share_and_a_small_one_is_not_lost():
    """90 Hebrew posts in January and 10 Greek ones in June, a sample of 20: 18 and 2."""
    texts = [f"הודעה מספר {i}" for i in range(90)] + [f"μήνυμα αριθμός {i}" for i in range(10)]
    langs = ["he"] * 90 + ["el"] * 10
    times = pd.to_datetime(["2025-01-15"] * 90 + ["2025-06-15"] * 10, utc=True)
    chosen = sample_rows(langs, times, texts, 20, seed=42)
    assert np.asarray(langs, dtype=object)[chosen].tolist().count("el") == 2
    assert chosen.sum() == 20


@pytest.fixture(scope="module")
def demo_posts(demo_run):
    """The demo run's analyzed posts in the run's canonical order and their aligned vectors (the
    committed embedding cache), as the pipeline computes them."""
    config = Config.from_file(ROOT / "corpora" / "demo.toml")
    config = config.updated("embedding", cache_dir=str(ROOT / "tests" / "data" / "embeddings"))
    analyzed = demo_run.posts[demo_run.posts["analyzed"]].sort_values("text_norm", kind="stable")
    manifest = Manifest()
    raw = embed_stage(analyzed, demo_run.posts, config, manifest, False)[0]
    assert manifest.data["embedding"]["computed"] == 0
    return analyzed, align_stage(analyzed, raw, config, manifest)[0], config, raw


def _topics(analyzed: pd.DataFrame, vectors: np.ndarray, config: Config):
    manifest = Manifest()
    table, ids, _, _ = topics_stage(analyzed, vectors, config, manifest, previous={})
    stage = next(s for s in manifest.data["stages"] if s["name"] == "topics")
    return table, pd.Series(ids, index=analyzed["post_id"].to_numpy()), stage


def test_topics_fit_on_the_sample_and_assign_every_other_post_in_any_order(demo_posts):
    analyzed, vectors, config, _ = demo_posts
    config = config.updated("topics", fit_sample=400)
    table, ids, stage = _topics(analyzed, vectors, config)
    n = len(analyzed)
    assert (stage["fitted_on"], stage["assigned"]) == (400, n - 400)
    assert stage["topics"] == len(table) >= 2
    # sizes count every post, fitted or assigned; outliers stay few (a full fit leaves 0.15 out,
    # this 400-post sample 0.2-0.28 by machine)
    assert table["size"].sum() == int((ids >= 0).sum())
    assert table.set_index("topic_id")["size"].to_dict() == ids[ids >= 0].value_counts().to_dict()
    assert (ids == -1).mean() <= 0.35
    assert (table[["n_he", "n_el", "n_en"]].sum(axis=1) <= table["size"]).all()

    order = np.random.default_rng(3).permutation(n)
    shuffled_table, shuffled_ids, shuffled_stage = _topics(analyzed.iloc[order], vectors[order],
                                                           config)
    assert (shuffled_stage["fitted_on"], shuffled_stage["assigned"]) == (400, n - 400)
    assert shuffled_ids.reindex(ids.index).tolist() == ids.tolist()
    pd.testing.assert_frame_equal(shuffled_table, table)


def test_challenges_fit_on_the_sample_and_describe_every_post(demo_posts):
    analyzed, vectors, config, _ = demo_posts
    posts = analyzed.iloc[::2].reset_index(drop=True)
    model = challenge_model(ChallengesConfig(fit_sample=200)).fit(posts, vectors[::2])
    assert model.fit_ == {"fitted_on": 200, "assigned": len(posts) - 200}
    labels = pd.Series(model.labels_)
    assert model.table_.set_index("topic_id")["size"].to_dict() == \
        labels[labels >= 0].value_counts().to_dict()


def test_the_challenges_stage_says_how_many_posts_it_fitted_and_assigned(demo_run, demo_posts):
    analyzed, vectors, config, raw = demo_posts
    config = config.updated("challenges", fit_sample=100)
    manifest = Manifest()
    found, _, _ = challenges_stage(analyzed, demo_run.posts, raw, vectors, config, manifest, {})
    stage = next(s for s in manifest.data["stages"] if s["name"] == "challenges")
    clustered = int(found.posts["challenge_id"].notna().sum())
    assert clustered > 100
    assert (stage["fitted_on"], stage["assigned"]) == (100, clustered - 100)
    in_challenge = found.posts["challenge_id"].dropna()
    assert found.challenges["n_posts"].sum() == int((in_challenge >= 0).sum())
