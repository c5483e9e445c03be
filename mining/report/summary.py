"""The numbers every report shows, computed once from the run's outputs."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

LANG_NAMES = {"he": "Hebrew", "el": "Greek", "en": "English", "other": "Other", "und": "Undetermined"}


@dataclass
class Summary:
    posts: int
    analyzed: int
    topics: int
    outlier_share: float | None
    period: tuple[str, str] | None
    by_language: pd.DataFrame  # language, posts, analyzed
    by_source: pd.DataFrame  # source, file, posts
    skipped: pd.DataFrame  # reason, posts
    topics_note: str | None
    embedding: dict


def summarize(posts: pd.DataFrame, topics: pd.DataFrame, manifest: dict) -> Summary:
    analyzed = posts[posts["analyzed"]]
    by_language = (posts.groupby("lang", dropna=False)
                   .agg(posts=("post_id", "size"), analyzed=("analyzed", "sum"))
                   .reset_index().rename(columns={"lang": "language"}))
    by_language["language"] = by_language["language"].map(lambda c: f"{LANG_NAMES.get(c, c)} ({c})")
    by_source = (posts.groupby(["source", "source_file"]).size().rename("posts").reset_index()
                 .rename(columns={"source_file": "file"}))
    skipped = (posts["skip_reason"].value_counts().rename_axis("reason").rename("posts").reset_index())
    times = posts["created_at"].dropna()
    period = (times.min().date().isoformat(), times.max().date().isoformat()) if len(times) else None
    topic_stage = next((s for s in manifest["stages"] if s["name"] == "topics"), {})
    outliers = float((analyzed["topic_id"] == -1).mean()) if len(analyzed) else None
    return Summary(len(posts), len(analyzed), len(topics), outliers, period, by_language, by_source,
                   skipped, topic_stage.get("not_run"), manifest.get("embedding", {}))
