"""Fit on a sample, assign everything: a corpus larger than ``fit_sample`` is clustered on that
many posts, drawn by language and month whatever the input order, and every other post is
assigned to a fitted topic (or stays an outlier); the tables and the manifest describe all posts."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mining.challenges import challenge_model
from mining.config import ChallengesConfig, Config, TopicsConfig
from mining.pipeline import align_stage, challenges_stage, embed_stage, topics_stage
from mining.runs import Manifest
from mining.topics import model as topic_module
from mining.topics.model import topic_model
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
    raw = embed_stage(analyzed, set(), config, manifest, False)[0]
    assert manifest.data["embedding"]["computed"] == 0
    return analyzed, align_stage(analyzed, raw, config, manifest)[0], config, raw


def _topics(analyzed: pd.DataFrame, vectors: np.ndarray, config: Config):
    manifest = Manifest()
    table, ids, _, _ = topics_stage(analyzed, vectors, config, manifest, previous={})
    stage = next(s for s in manifest.data["stages"] if s["name"] == "topics")
    return table, pd.Series(ids, index=analyzed["post_id"].to_numpy()), stage


def test_topics_fit_on_the_sample_and_assign_every_other_post_in_any_order(demo_posts):
    analyzed, vectors, config, _ = demo_posts
    config = config.updated("topics", fit_sample=600)
    table, ids, stage = _topics(analyzed, vectors, config)
    n = len(analyzed)
    assert (stage["fitted_on"], stage["assigned"], stage["fit_sample"]) == (600, n - 600, 600)
    assert stage["topics"] == len(table) >= 2
    # sizes count every post, fitted or assigned; outliers stay few (a full fit leaves 0.15 out,
    # a 400-post sample 0.2-0.28 by machine)
    assert table["size"].sum() == int((ids >= 0).sum())
    assert table.set_index("topic_id")["size"].to_dict() == ids[ids >= 0].value_counts().to_dict()
    assert (ids == -1).mean() <= 0.35
    assert (table[["n_he", "n_el", "n_en"]].sum(axis=1) <= table["size"]).all()

    order = np.random.default_rng(3).permutation(n)
    shuffled_table, shuffled_ids, shuffled_stage = _topics(analyzed.iloc[order], vectors[order],
                                                           config)
    assert (shuffled_stage["fitted_on"], shuffled_stage["assigned"]) == (600, n - 600)
    assert shuffled_ids.reindex(ids.index).tolist() == ids.tolist()
    pd.testing.assert_frame_equal(shuffled_table, table)


def test_challenges_fit_on_the_sample_and_describe_every_post(demo_posts):
    analyzed, vectors, config, _ = demo_posts
    posts = analyzed.iloc[::2].reset_index(drop=True)
    model = challenge_model(ChallengesConfig(fit_sample=600)).fit(posts, vectors[::2])
    # one cluster of 46 greetings in three languages ("finally · shana · tova", "שבת"), no word
    # held by five of its posts, is no challenge
    fit = dict(model.fit_)
    # the demo's posts of a language few of their challenge's posts are in: some left out
    # (README, "Posts of another language in a challenge"); how many moves with the machine
    assert fit.pop("other_language_left_out") < 0.1 * 600
    assert fit == {"fitted_on": 600, "assigned": len(posts) - 600, "fit_sample": 600,
                   "left_out_by_cap": 0, "without_shared_word": 1,
                   "kept_whole_above_cap": [], "left_out_above_cap": [],
                   "split_above_cap": [], "general_talk": [], "moved_to_burst": 0}
    labels = pd.Series(model.labels_)
    assert model.table_.set_index("topic_id")["size"].to_dict() == \
        labels[labels >= 0].value_counts().to_dict()


def test_the_challenges_stage_says_how_many_posts_it_fitted_and_assigned(demo_run, demo_posts,
                                                                          caplog):
    """``challenges.fit_sample = 100`` is below the floor of the challenge clustering (500 with the
    default sizes): the sample is raised to it, the run log says so in one line (and one for the
    recurring questions, whose floor is 250), and no challenge
    holds more than ``max_challenge_share`` of the clustered posts once the others are assigned
    (fitted on 100 posts, one challenge held 73% of the demo's 655)."""
    analyzed, vectors, config, raw = demo_posts
    config = config.updated("challenges", fit_sample=100)
    manifest = Manifest()
    with caplog.at_level("WARNING", logger="mining"):
        found, _, _ = challenges_stage(analyzed, demo_run.posts, raw, vectors, config, manifest, {})
    stage = next(s for s in manifest.data["stages"] if s["name"] == "challenges")
    clustered = int(found.posts["challenge_id"].notna().sum())
    assert clustered > 500
    assert (stage["fitted_on"], stage["assigned"], stage["fit_sample"]) == (500, clustered - 500, 500)
    raised = [r.getMessage() for r in caplog.records if "fit_sample" in r.getMessage()]
    # The recurring questions are clustered the same way (their floor: 250); the stage says so.
    grouped = stage["question_groups"]
    asked = grouped["fitted_on"] + grouped["assigned"]
    assert grouped["fit_sample"] == grouped["fitted_on"] == 250 < asked
    assert raised == [f"challenges.fit_sample = 100 raised to 500, the fewest posts its clustering "
                      f"finds challenges in (README, Fitting on a sample): fitted on 500 of "
                      f"{clustered} posts",
                      f"challenges.fit_sample = 100 raised to 250, the fewest posts its clustering "
                      f"finds recurring questions in (README, Fitting on a sample): fitted on 250 "
                      f"of {asked} posts"]
    in_challenge = found.posts["challenge_id"].dropna()
    assert found.challenges["n_posts"].sum() == int((in_challenge >= 0).sum())
    assert len(found.challenges) >= 5
    assert found.challenges["n_posts"].max() <= ChallengesConfig().max_challenge_share * clustered


def test_a_sample_below_the_floor_is_raised_and_no_topic_passes_the_cap(demo_posts, caplog):
    """``topics.fit_sample = 100`` on the demo's 1,532 posts found 2 topics, the largest holding
    38% of the posts (the cap, ``max_topic_share``, is 20%): HDBSCAN on 100 posts may keep only
    clusters of 10 to 20. Raised to the floor (500), it finds topics as a larger sample does."""
    analyzed, vectors, config, _ = demo_posts
    with caplog.at_level("WARNING", logger="mining"):
        table, ids, stage = _topics(analyzed, vectors, config.updated("topics", fit_sample=100))
    assert (stage["fitted_on"], stage["fit_sample"]) == (500, 500)
    assert sum("topics.fit_sample = 100 raised to 500" in r.getMessage() for r in caplog.records) == 1
    assert len(table) >= 5
    assert table["size"].max() <= config.topics.max_topic_share * len(analyzed)
    assert (ids == -1).mean() <= 0.35


def test_a_corpus_no_larger_than_the_floor_is_fitted_whole(demo_posts, caplog):
    """Fewer posts than the floor: every post is fitted. The log says the sample was raised when
    it would have left posts out (400 of 450), and says nothing when it would not have (300)."""
    analyzed, vectors, config, _ = demo_posts
    config = config.updated("topics", fit_sample=400)
    with caplog.at_level("WARNING", logger="mining"):
        _, _, stage = _topics(analyzed.iloc[:450], vectors[:450], config)
        said = [r.getMessage() for r in caplog.records if "fit_sample" in r.getMessage()]
        caplog.clear()
        _, _, small = _topics(analyzed.iloc[:300], vectors[:300], config)
    assert (stage["fitted_on"], stage["assigned"]) == (450, 0)
    assert said == ["topics.fit_sample = 400 raised to 500, the fewest posts its clustering finds "
                    "topics in (README, Fitting on a sample): fitted on 450 of 450 posts"]
    assert (small["fitted_on"], small["assigned"]) == (300, 0)
    assert not [r for r in caplog.records if "fit_sample" in r.getMessage()]


@pytest.mark.parametrize("settings, floor", [
    ({}, 500),                                      # 10 smallest topics (10) over 0.2
    ({"max_topic_share": 0.5}, 200),
    ({"min_topic_size": 4}, 200),                   # a smaller smallest topic: 10 * 4 / 0.2
    ({"min_topic_size": 40}, 500),                  # a sample's smallest topic is at most 10
    ({"max_topic_share": 1.0, "min_topic_size": 30}, 100),  # 10 * 10 / 1, minimum_posts(30) 60
    ({"n_topics": 7}, 70),                          # k-means: room for 7 topics of 10
])
def test_the_sample_floor_comes_from_the_clustering_sizes(settings, floor):
    model = topic_model(TopicsConfig(fit_sample=100, **settings))
    assert model.sample_floor() == floor
    assert model.sample_size() == max(100, floor)
    assert topic_model(TopicsConfig(fit_sample=0, **settings)).sample_size() == 0
    questions = challenge_model(ChallengesConfig(fit_sample=100), questions=True).topic_model
    assert questions.sample_floor() == 250  # min_question_size 5: 10 * 5 / 0.2


def test_assigned_posts_fill_a_topic_only_up_to_the_cap():
    """The posts left out of the sample go to their nearest topic, the most similar first, while
    it holds less than ``max_topic_share`` of every post; the others stay outliers."""
    model = topic_model(TopicsConfig(max_topic_share=0.2))
    model.centroids_ = {0: np.array([1.0, 0.0]), 1: np.array([0.0, 1.0])}
    model.outlier_similarity_, model.min_cluster_size_ = 0.5, 10  # as a fit sets them
    fitted = np.array([0] * 10 + [1] * 10 + [-1] * 5)  # 25 fitted; 100 posts: a cap of 20
    angles = np.linspace(0.0, 0.5, 75)  # every other post nearest topic 0, the first nearest
    rest = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    topics, capped = model._assign_rest(rest, np.arange(75), fitted, 100)
    assert (topics == 0).sum() == 10 and (topics[:10] == 0).all() and (topics[10:] == -1).all()
    assert capped == 65
    uncapped = topic_model(TopicsConfig(n_topics=2))  # k-means: no cap, as in a full fit
    uncapped.centroids_, uncapped.outlier_similarity_ = model.centroids_, -np.inf
    assert (uncapped._assign_rest(rest, np.arange(75), fitted, 100)[0] == 0).all()


def test_assignment_in_blocks_is_the_assignment_of_every_row_at_once(monkeypatch):
    """``transform`` takes the similarities a block of rows at a time (bounded memory at 100k
    posts); blocks that do not divide the rows give the topics of one product over every row."""
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(103, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    model = topic_model(TopicsConfig())
    model.centroids_ = {t: v / np.linalg.norm(v) for t, v in enumerate(rng.normal(size=(5, 8)))}
    model.outlier_similarity_ = 0.2
    sims = vectors @ np.stack([model.centroids_[t] for t in range(5)]).T
    expected = np.where(sims.max(axis=1) >= 0.2, sims.argmax(axis=1), -1)
    monkeypatch.setattr(topic_module, "ASSIGN_ROWS", 10)
    assert (model.transform(vectors) == expected).all() and (expected == -1).any()


def test_outliers_assigned_by_a_fit_fill_a_topic_only_up_to_the_cap():
    """A fit forces outliers into their nearest topic until at most ``max_outlier_share`` stay
    out: with one topic found, that put 80% of a sample into it. Now the cap holds there too."""
    model = topic_model(TopicsConfig(max_topic_share=0.5, max_outlier_share=0.0))
    model.min_cluster_size_ = 4  # as a fit sets it
    angles = np.linspace(0.0, 0.6, 20)
    emb = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    topics = np.array([0] * 4 + [-1] * 16)
    out, assigned = model._assign_outliers(topics, emb)
    assert (out == 0).sum() == 10 and assigned == 6  # the cap: half of the 20 posts
    assert (out[4:10] == 0).all()  # the most similar outliers first
    kmeans = topic_model(TopicsConfig(n_topics=1, max_outlier_share=0.0))
    assert (kmeans._assign_outliers(topics, emb)[0] == 0).all()  # k-means has no cap
