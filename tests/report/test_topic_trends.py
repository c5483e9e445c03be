"""What people talk about now: each topic's posts of the recent weeks and of their last week and
its trend, computed as a challenge's, in topics.csv, the report and the explorer; a weekly
series' report lists the topics of now first (review 12, R12-22: in week 5 of a chat the Topics
table held all-time sizes only, a subject of 26, 25, 7, 7, 5 posts a week first and the one of
2, 1, 12, 26, 17 second)."""
from __future__ import annotations

import copy
import json
import re
import shutil
from html import unescape

import numpy as np
import pandas as pd

import mining
from mining.config import Config
from mining.report import write_reports
from mining.report.model import report_data
from mining.report.markdown import write_markdown
from mining.runs import load_state
from mining.schema import TOPIC_TREND


def _in_series(manifest: dict) -> dict:
    """The manifest of the same run had it continued a previous one (``--previous``)."""
    manifest = copy.deepcopy(manifest)
    manifest["changes"]["previous_run"] = "runs/last-week"
    return manifest


def test_each_topic_counts_its_posts_of_the_recent_weeks_as_a_challenge_does(demo_run):
    analyzed = demo_run.posts[demo_run.posts["analyzed"]]
    end = analyzed["created_at"].max()
    topics = mining.load_run(demo_run.out).topics.set_index("topic_id")  # topics.csv read back
    assert topics["trend"].notna().all()
    for topic, row in topics.iterrows():
        times = analyzed.loc[analyzed["topic_id"] == topic, "created_at"]
        assert row["recent_posts"] == (times > end - pd.Timedelta(weeks=2)).sum()
        assert row["last_week_posts"] == (times > end - pd.Timedelta(weeks=1)).sum()
        assert row["trend_explained"].startswith(f"{row['trend']}: {row['recent_posts']} posts in the 2 weeks")
    # the challenges' own figures, from the same code: a topic and a challenge of the same posts agree
    challenges = demo_run.challenges.challenges
    assert {"recent_posts", "last_week_posts", "trend", "trend_explained"} <= set(challenges)


def test_a_weekly_series_lists_the_topics_of_now_first(demo_run, tmp_path):
    topics = demo_run.topics
    now = topics.sort_values(["recent_posts", "size"], ascending=False, kind="stable")["topic_id"]
    assert now.tolist() != topics["topic_id"].tolist()  # the demo's largest topic is declining
    series = _in_series(demo_run.manifest)
    data = report_data(demo_run.posts, topics, demo_run.challenges, series)
    assert [t.topic_id for t in data.topics] == now.tolist()
    assert data.topics_order.startswith("Ordered by posts in the last 2 weeks")
    once = report_data(demo_run.posts, topics, demo_run.challenges, demo_run.manifest)
    assert [t.topic_id for t in once.topics] == topics["topic_id"].tolist()  # a one-off run: by size
    assert once.topics_order.startswith("Largest first")

    state = load_state(demo_run.out)
    centroids = dict(zip(state["topic_ids"].tolist(), state["topic_centroids"]))
    write_reports(demo_run.posts, topics, demo_run.challenges, series, tmp_path, centroids)
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    first = topics.set_index("topic_id").loc[now.iloc[0]]
    assert "| topic | status | label | posts | last 2 weeks | last week | trend | curation |" in md
    assert re.search(rf"^\| {now.iloc[0]} \| .* \| {first['size']} \| {first['recent_posts']} \| "
                     rf"{first['last_week_posts']} \| {first['trend']} \|", md, flags=re.MULTILINE)
    html = unescape((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert f"{first['recent_posts']} in the last 2 weeks, {first['last_week_posts']} in the last week" in html
    assert f"Trend {first['trend_explained']}" in html
    explorer = json.loads(re.search(r'<script type="application/json">(.*?)</script>', html,
                                    flags=re.DOTALL).group(1))
    assert [t["id"] for t in explorer["topics"]] == now.tolist()
    said = f"{first['recent_posts']} in the recent weeks, {first['last_week_posts']} in the last week"
    assert explorer["topics"][0]["marks"][0] == f"{said}, {first['trend']}"


def test_topics_of_posts_without_times_say_their_trends_are_not_computed(demo_run, tmp_path):
    """A corpus without times (a CSV of texts) keeps the table it had, and says why there is no
    recent column, as the challenges' notes do."""
    from mining.pipeline import with_trends

    posts = demo_run.posts.assign(created_at=pd.Series(pd.NaT, index=demo_run.posts.index,
                                                       dtype="datetime64[ns, UTC]"))
    analyzed = posts[posts["analyzed"]]
    ids = analyzed["topic_id"].fillna(-1).to_numpy(dtype=int)
    config = Config()
    topics = with_trends(demo_run.topics.drop(columns=list(TOPIC_TREND)), analyzed, ids, config)
    assert topics["recent_posts"].isna().all() and topics["trend"].isna().all()
    assert (topics["trend_explained"] == "not known: none of its posts has a time").all()
    data = report_data(posts, topics, demo_run.challenges, _in_series(demo_run.manifest))
    assert [t.topic_id for t in data.topics] == topics["topic_id"].tolist()
    assert data.recent_weeks is None and "not computed" in data.topics_order
    write_markdown(data, tmp_path / "report.md")
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    section = md[md.index("## Topics"):md.index("## Recurring questions")]
    assert "| topic | status | label | posts | curation |" in section
    assert "last week" not in section and "not computed" in section
    assert np.isnan(topics["growth"].astype(float)).all()


def test_a_run_made_before_topics_had_trends_reads_back_with_them_not_known(demo_run, tmp_path):
    from mining.report.tables import read_csv, write_csv

    folder = shutil.copytree(demo_run.out, tmp_path / "old",
                             ignore=shutil.ignore_patterns("vectors", "model", "*.png", "report.*"))
    old = read_csv(folder / "topics.csv").drop(columns=list(TOPIC_TREND))
    write_csv(old, folder / "topics.csv")
    topics = mining.load_run(folder).topics
    assert topics[list(TOPIC_TREND)].isna().all().all() and topics["growth"].dtype == "float64"
    data = report_data(demo_run.posts, topics, demo_run.challenges, _in_series(demo_run.manifest))
    assert [t.topic_id for t in data.topics] == old["topic_id"].tolist()
