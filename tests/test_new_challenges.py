"""Weekly runs: a new problem of the week is added as a challenge, an ordinary week adds none.

The demo corpus, replayed as a scheduled job sees it (a table with the same ``post_id`` every
week). The base run lacks a quarter of the posts, drawn at random, and every post of the SMS-code
problem of the answer key (``C01``). The ordinary week brings back the quarter: its feedback posts
are like the fitted ones. The week of the new problem brings back the quarter and the SMS-code
posts: diluted among the others, they pass none of the drift limits, and the reused model used to
scatter them into the fitted challenges or leave them outside every challenge, the report saying
"Same topics and challenges as the last run" (review 5, F14).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mining
from mining.config import Config
from mining.embed import embed_texts, get_embedder
from mining.embed.cache import EmbeddingCache
from mining.increment import load_model, plan_refit
from mining.lang import texts_read
from mining.pipeline import read_posts

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ["post_id", "source_file", "channel", "thread_id", "parent_id", "author", "created_at",
           "text", "reactions", "kind"]
PROBLEM = "C01"  # the answer key's SMS-code problem
HELD_OUT = 0.25  # the share of the other posts the base run lacks


def _config(tmp: Path) -> Config:
    config = Config.from_file(ROOT / "corpora" / "demo.toml")
    config = config.updated("embedding", cache_dir=str(tmp / "embeddings"))
    return config.updated("input", id_column="post_id", text_column="text")


def _week(posts: pd.DataFrame, folder: Path) -> str:
    folder.mkdir()
    posts[COLUMNS].to_csv(folder / "posts.csv", index=False)
    return str(folder)


@pytest.fixture(scope="module")
def weeks(keyed, tmp_path_factory):
    """The base run, the ordinary week (posts only), the week of the new problem (a run)."""
    tmp = tmp_path_factory.mktemp("new_challenges")
    shutil.copytree(ROOT / "tests" / "data" / "embeddings", tmp / "embeddings")
    posts = keyed[(keyed["_merge"] != "right_only") & (keyed["kind"] != "system")]
    posts = posts.reset_index(drop=True)
    problem = posts["key"].eq(PROBLEM).to_numpy()
    rest = np.flatnonzero(~problem)
    held = np.zeros(len(posts), bool)
    held[np.random.default_rng(11).choice(rest, int(HELD_OUT * len(rest)), replace=False)] = True
    config = _config(tmp)
    base = mining.run([_week(posts[~held & ~problem], tmp / "base")], tmp / "base-run", config)
    ordinary = _week(posts[~problem], tmp / "ordinary")
    week = mining.run([_week(posts, tmp / "new")], tmp / "new-run", config, previous=base.out)
    return {"base": base, "week": week, "ordinary": ordinary, "config": config,
            "problem": set(posts.loc[problem, "post_id"])}


def test_a_new_problem_of_the_week_is_added_as_a_challenge(weeks):
    base, week = weeks["base"], weeks["week"]
    refit = week.manifest["refit"]
    # Not refitted: the other challenges keep their ids, labels and posts.
    assert (refit["refitted"], refit["challenges_refitted"]) == (False, False)
    assert refit["reason"].startswith("drift: ") and "form a group of their own" in refit["reason"]
    assert "added as a new challenge" in refit["reason"]
    [added] = refit["added_challenges"]
    assert added["new_posts"] >= 10 and added["authors"] >= 3
    assert added["new_posts"] > 2 * added["fitted_posts"]
    merged = week.posts.merge(base.posts, on="source_id", suffixes=("", "_base"))
    assert merged["challenge_id"].fillna(-9).eq(merged["challenge_id_base"].fillna(-9)).all()
    table = week.challenges.challenges.set_index("challenge_id")
    new = table.index[table["status"].str.startswith("new")].tolist()
    assert len(new) == 1 and set(base.challenges.challenges["challenge_id"]) < set(table.index)
    assert table.loc[new[0], "label"] == added["label"]
    # Most of the problem's posts that are clustered at all are in it (they were scattered).
    problem = week.posts[week.posts["source_id"].isin(weeks["problem"])
                         & week.posts["challenge_id"].notna()]
    assert (problem["challenge_id"] == new[0]).mean() > 0.6
    report = (week.out / "report.md").read_text(encoding="utf-8")
    assert f"New challenges: C-{new[0]:04d}" in report
    assert "Same topics and challenges as the last run" not in report


def test_an_ordinary_week_adds_no_challenge_and_keeps_the_model(weeks):
    """The week's feedback posts are clustered again among the fitted ones (enough of them for
    a challenge), and they mix with them: no group of their own, no refit."""
    config = weeks["config"]
    posts = read_posts([weeks["ordinary"]], config)
    analyzed = posts[posts["analyzed"]]
    vectors, _ = embed_texts(texts_read(analyzed).tolist(), get_embedder(config.embedding.name),
                             EmbeddingCache(config.embedding.cache_dir))  # as the run embeds
    model = load_model(weeks["base"].out)
    plan = plan_refit(model, analyzed, vectors, config, posts)
    assert not plan.refit and not plan.refit_challenges
    assert plan.reason.startswith("the new posts fit the model fitted in run base-run")
    pool = plan.drift["new_challenges"]
    assert pool["new_posts"] >= 5 * pool["smallest"] and pool["groups"]
    assert plan.record()["added_challenges"] == []
    assert sorted(plan.model.challenge_centroids) == sorted(model.challenge_centroids)
