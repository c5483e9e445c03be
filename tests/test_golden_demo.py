"""Golden tests: the whole pipeline on the demo corpus, with precomputed embeddings.

The demo corpus has an answer key (corpora/demo_answer_key.csv); these tests compare the stable
parts of a run with it: every record accounted for, platform lines set aside, languages, and the
planted challenges found as topics across the three languages.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import mining
from mining.config import Config

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"


def test_embeddings_are_precomputed(demo_run):
    assert demo_run.manifest["embedding"]["computed"] == 0, "run `make golden-embeddings`"


def test_every_record_is_one_row(demo_run, keyed):
    assert (keyed["_merge"] == "both").all(), keyed.loc[keyed["_merge"] != "both", ["file", "source_id"]]
    assert demo_run.posts["post_id"].is_unique
    inputs = demo_run.manifest["inputs"]
    assert sum(f["records"] for f in inputs) == len(demo_run.posts)
    assert all(f["error"] is None for f in inputs)


def test_platform_lines_are_kept_and_set_aside(keyed):
    system = keyed[keyed["noise"] == "system"]
    assert len(system) > 20
    assert (system["skip_reason"] == "system").all()
    media = keyed[keyed["noise"] == "media"]
    assert len(media) > 5
    assert media["skip_reason"].isin(["media", "empty"]).all()
    written = keyed[keyed["noise"] == ""]
    assert written["analyzed"].mean() > 0.9


@pytest.mark.parametrize("lang", ["he", "el", "en"])
def test_each_community_is_mostly_its_language(keyed, lang):
    written = keyed[(keyed["noise"] == "") & (keyed["community_lang"] == lang)]
    assert (written["lang"] == lang).mean() > 0.8


def test_greeklish_is_greek(keyed):
    greeklish = keyed[keyed["greeklish"].fillna(False).astype(bool)]
    assert len(greeklish) > 20
    assert (greeklish["community_lang"] == "el").mean() > 0.9


def test_topic_table_is_sane(demo_run):
    topics = demo_run.topics
    analyzed = demo_run.posts[demo_run.posts["analyzed"]]
    assert 8 <= len(topics) <= 60  # measured: 15 to 20
    assert (analyzed["topic_id"] == -1).mean() <= 0.15
    assert topics["size"].sum() == (analyzed["topic_id"] >= 0).sum()
    assert topics["label"].str.len().gt(0).all()


PLANTED = [f"C0{i}" for i in range(1, 10)] + [f"Q{i}" for i in range(1, 6)] + [f"R{i}" for i in range(1, 5)]

# The thresholds below are set from the spread of 12 runs of the demo: this one, and 11 whose
# embeddings were moved by up to one float32 unit in the last place (``noise`` in
# benchmarks/stability.py). That stands in for a machine whose arithmetic differs where the
# project cannot fix it (README, "The same topics on every machine"): UMAP's layout moves with
# the smallest change, and a theme may then share its topic with a neighbouring one.


def test_planted_themes_are_not_split_by_language(keyed):
    """The topic holding most of a planted theme's posts holds them in all three communities,
    for every theme but at most one."""
    analyzed = keyed[keyed["analyzed"].fillna(False).astype(bool)]
    split = []
    for key in PLANTED:
        posts = analyzed[analyzed["key"] == key]
        best = posts["topic_id"].mode().iloc[0]
        if set(posts.loc[posts["topic_id"] == best, "community_lang"]) != {"he", "el", "en"}:
            split.append(key)
    # measured: no theme split in 11 of the 12 runs; in this one, Q1 (delivery areas): its Hebrew
    # and Greek posts make one topic, its English ones share Q5's. Before chat noise was set aside
    # (12 posts fewer to cluster, none of a planted theme), no theme split in any of the 12.
    assert len(split) <= 1, split


# Themes with vocabulary of their own. Delivery, missing items, substitutions and diet filters
# share theirs and often share a topic; a big theme may also split in two (the crash, and the fix
# that followed), so coverage is asked to be about a third, not most.
DISTINCT = ["C01", "C02", "C05", "C06", "C07", "Q2", "Q5", "R1", "R2", "R3"]


def _in_best_topic(keyed: pd.DataFrame, key: str) -> tuple[float, float, float]:
    """A theme's best topic (the one holding most of its posts): the share of the theme's posts
    it holds, the theme's share of that topic, and the theme's share of all analyzed posts."""
    analyzed = keyed[keyed["analyzed"].fillna(False).astype(bool)]
    posts = analyzed[analyzed["key"] == key]
    best = posts["topic_id"].mode().iloc[0]
    assert best != -1, f"most {key} posts are outliers"
    members = analyzed[analyzed["topic_id"] == best]
    return ((posts["topic_id"] == best).mean(), (members["key"] == key).mean(),
            (analyzed["key"] == key).mean())


@pytest.mark.parametrize("key", DISTINCT)
def test_distinct_planted_theme_is_mostly_one_topic(keyed, key):
    coverage, share, base = _in_best_topic(keyed, key)
    # measured: 0.44 at the least; 0.35 leaves 0.09
    assert coverage >= 0.35
    # measured: 3.5 times its corpus share at the least (4.6 before chat noise was set aside;
    # Q2, when it shares a topic with Q5)
    assert share >= 3 * base


def test_most_distinct_planted_themes_have_a_topic_of_their_own(keyed):
    """Most distinct themes are the majority of their best topic."""
    own = [key for key in DISTINCT if _in_best_topic(keyed, key)[1] >= 0.5]
    # measured: 8 to 10 of the 10 (C05, C06, Q2 and Q5 are the ones that may share); 5 leaves three
    assert len(own) >= 5, own


def test_crash_topic_keywords_read_right_in_each_language(keyed, demo_run):
    crash = keyed[(keyed["key"] == "C02") & keyed["analyzed"].fillna(False).astype(bool)]
    row = demo_run.topics.set_index("topic_id").loc[crash["topic_id"].mode().iloc[0]]
    assert {"קורסת", "נתקעת", "קריסה", "האפליקציה", "העדכון"} & set(row["keywords_he"].split("; "))
    assert {"κρασάρει", "εφαρμογή", "update", "κολλάει"} & set(row["keywords_el"].split("; "))
    assert {"crash", "crashes", "crashing", "update", "android"} & set(row["keywords_en"].split("; "))


def test_run_folder_is_complete(demo_run):
    names = {p.name for p in demo_run.out.iterdir()}
    assert {"posts.parquet", "topics.csv", "challenges.csv", "challenges.xlsx", "spikes.csv",
            "content_feed.csv", "kpis.csv", "report.md", "report.html", "manifest.json",
            "state.npz", "run.log", "volume.png", "challenge_trends.png", "topic_map.png"} <= names
    manifest = json.loads((demo_run.out / "manifest.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in manifest["stages"]] == ["read", "protect", "prepare", "embed", "type",
                                                   "align", "topics", "challenges", "write"]
    html = (demo_run.out / "report.html").read_text(encoding="utf-8")
    assert 'dir="auto"' in html
    # self-contained: no external resource (links inside quoted posts are only text)
    for reference in ('src="http', "src='http", "<link", "@import", "url(http"):
        assert reference not in html


def test_a_second_run_keeps_every_topic_id(demo_run, tmp_path_factory):
    """A weekly re-run over the same posts: nothing re-embedded, every topic keeps its id."""
    config = Config.from_file(ROOT / "corpora" / "demo.toml").updated(
        "embedding", cache_dir=str(ROOT / "tests" / "data" / "embeddings"))
    again = mining.run([str(DEMO)], tmp_path_factory.mktemp("again"), config, previous=demo_run.out)
    assert again.manifest["embedding"]["computed"] == 0
    assert sorted(again.topics["topic_id"]) == sorted(demo_run.topics["topic_id"])
    assert (again.topics["status"] == "continuing").all()
    merged = again.posts.merge(demo_run.posts, on="post_id")
    assert (merged["topic_id_x"] == merged["topic_id_y"]).all()


def test_a_run_folder_loads_back(demo_run):
    loaded = mining.load_run(demo_run.out)
    assert loaded.posts["post_id"].tolist() == demo_run.posts["post_id"].tolist()
    assert loaded.topics["topic_id"].tolist() == demo_run.topics["topic_id"].tolist()
    assert (loaded.challenges.challenges["challenge_id"].tolist()
            == demo_run.challenges.challenges["challenge_id"].tolist())
    for name in ("challenges", "spikes"):
        ours, theirs = getattr(loaded.challenges, name), getattr(demo_run.challenges, name)
        for column in ("challenge_id", "first_seen", "period_start"):
            if column in theirs:
                assert str(ours[column].dtype) == str(theirs[column].dtype), (name, column)


def test_spike_week_is_caught_on_its_first_day_without_false_alarms(demo_run):
    """The demo's planted spike (the 4.2 crash, from Monday 3 August) raises its alarm that day,
    and no other period raises one."""
    spikes = demo_run.challenges.spikes
    alarms = spikes[spikes["alarm"].astype(bool) & spikes["scope"].isin(["all_posts", "complaints"])]
    days = pd.to_datetime(alarms["period_start"], utc=True).dt.date.astype(str).unique().tolist()
    assert days == ["2026-08-03"]


def test_brand_response_time_matches_the_replies(demo_run):
    """The KPI equals the median delay, computed here from the posts, between a member's
    complaint or question and the brand's first direct reply to it."""
    posts = demo_run.posts.dropna(subset=["source_id"])
    by_key = posts.set_index(["source_file", "source_id"])
    replies = posts[posts["author_is_brand"].fillna(False) & posts["parent_id"].notna()]
    delays = {}
    for reply in replies.itertuples(index=False):
        key = (reply.source_file, reply.parent_id)
        if key not in by_key.index:
            continue
        parent = by_key.loc[key]
        if parent["author_is_brand"] or parent["feedback_type"] not in ("complaint", "question"):
            continue
        hours = (reply.created_at - parent["created_at"]).total_seconds() / 3600
        delays[key] = min(hours, delays.get(key, hours))
    kpis = demo_run.challenges.kpis.set_index(["kpi", "scope", "name"])["value"]
    expected = pd.Series(list(delays.values())).median()
    assert abs(kpis[("median_response_hours", "all", "brand")] - expected) < 0.5


def test_the_report_lists_the_spike_of_the_period(demo_run):
    report = (demo_run.out / "report.md").read_text(encoding="utf-8")
    period = report.split("## Spikes in the whole period", 1)[1].split("##", 1)[0]
    assert "Spike in all posts from 2026-08-03" in period
    assert "Spike in complaints from 2026-08-03" in period
