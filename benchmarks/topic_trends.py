"""What people talk about now, as a run's report lists its topics: each topic's posts per calendar
week of the export beside its all-time size, its posts of the recent weeks and of their last week
and its trend (review 12, R12-22: in week 5 of a weekly series, a subject of 26, 25, 7, 7, 5 posts
a week was listed first and the one of 2, 1, 12, 26, 17 second).

    PYTHONPATH=. python benchmarks/topic_trends.py RUN_DIR

The topics are printed in the report's order (``mining.report.model.now_first``: a run with a
previous run lists the topics of the recent weeks first); weeks are Monday to Sunday, UTC.
"""
from __future__ import annotations

import sys

import pandas as pd

import mining
from mining.report.model import in_series, now_first


def topic_weeks(folder: str) -> pd.DataFrame:
    """The listed topics in the report's order, with their figures and posts per week."""
    run = mining.load_run(folder)
    analyzed = run.posts[run.posts["analyzed"] & run.posts["topic_id"].fillna(-1).ge(0)]
    weeks = analyzed["created_at"].dt.tz_convert(None).dt.to_period("W-SUN").dt.start_time
    per_week = pd.crosstab(analyzed["topic_id"], weeks.dt.strftime("%m-%d"))
    listed = mining.split_hidden(now_first(run.topics, run.manifest))[0]
    table = listed.set_index("topic_id")[["size", "recent_posts", "last_week_posts", "trend"]]
    table.insert(0, "name", [mining.display_name(row)[:28] for row in listed.itertuples()])
    return table.join(per_week.reindex(table.index).fillna(0).astype(int))


if __name__ == "__main__":
    folder = sys.argv[1]
    print(f"{folder}: {'a weekly series' if in_series(mining.load_run(folder).manifest) else 'a one-off run'}; "
          "posts per week from the week starting on")
    print(topic_weeks(folder).to_string())
