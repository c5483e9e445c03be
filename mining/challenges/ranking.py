"""The challenge table: every figure per challenge, and the priority score with its parts.

Priority parts, each in [0, 1] and shown in its own column:
* ``priority_volume``: log(1 + posts) / log(1 + posts of the largest challenge);
* ``priority_authors``: log(1 + unique authors) / the same for the challenge with most authors;
* ``priority_negativity``: share of the challenge's posts with negative sentiment;
* ``priority_growth``: growth clipped to [0, 1] (doubling or more counts fully);
* ``priority_engagement``: log(1 + (reactions + replies) per post) / the highest such value.
``priority`` is their weighted mean (weights ``weight_*`` in the config). A part that cannot be
computed (no timestamps: growth; no reactions and no replies: engagement) is left out and the
weights of the others are re-normalized; the notes say so.

Example:
    >>> table = describe_challenges(posts, links, described, spikes, config)   # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mining.challenges.signals import growth_rates, trend
from mining.lang import LANGS

PARTS = ("volume", "authors", "negativity", "growth", "engagement")


def _channels(frame: pd.DataFrame) -> str:
    where = frame["channel"] if "channel" in frame else pd.Series(pd.NA, index=frame.index)
    if "source" in frame:
        where = where.fillna(frame["source"])
    counts = where.fillna("unknown").astype(str).value_counts()
    return "; ".join(f"{name}: {n}" for name, n in counts.items())


def describe_challenges(posts: pd.DataFrame, links: pd.DataFrame, described: pd.DataFrame,
                        spike_counts: dict[int, int], config, end: pd.Timestamp | None,
                        notes: dict[str, str]) -> pd.DataFrame:
    """One row per challenge, highest priority first.

    ``posts`` are the analyzed posts with ``feedback_type``, ``sentiment``, ``sentiment_score`` and
    ``challenge_id``; ``links`` their rows of ``threads.link_replies`` (same order);
    ``described`` the clusterer's table (labels, keywords, quotes per language); ``spike_counts``
    the number of spike periods per challenge; ``end`` the last post time (None: no times).
    """
    cid = posts["challenge_id"].astype("Int64")
    in_challenge = cid.notna() & (cid >= 0)
    if not in_challenge.any():
        return pd.DataFrame(columns=["challenge_id", "label", "n_posts", "priority"])
    has_times = end is not None
    reactions_known = "reactions" in posts and posts["reactions"].notna().any()
    replies_known = bool(links["reply_known"].any())
    times = pd.to_datetime(posts["created_at"], utc=True) if has_times else None
    growth = None
    if has_times:
        growth = growth_rates(times[in_challenge], cid[in_challenge], end, config.recent_weeks,
                              config.baseline_weeks)
        recent_start = end - pd.Timedelta(weeks=config.recent_weeks)
    rows = []
    for _, d in described.iterrows():
        c = int(d["topic_id"])
        m = (in_challenge & (cid == c)).to_numpy()
        frame, link = posts[m], links[m]
        kinds = frame["feedback_type"].value_counts()
        row = {"challenge_id": c, "label": d["label"], "n_posts": int(m.sum()),
               **{f"n_{k}": int(kinds.get(k, 0)) for k in ("complaint", "question", "request")},
               "main_type": kinds.idxmax()}
        for lang in LANGS:
            row[f"n_{lang}"] = int(d[f"n_{lang}"])
        row["n_other_lang"] = row["n_posts"] - sum(row[f"n_{lang}"] for lang in LANGS)
        for field in ("label", "keywords", "quotes", "quote_ids"):
            for lang in LANGS:
                row[f"{field}_{lang}"] = d[f"{field}_{lang}"]
        row["by_channel"] = _channels(frame)
        row["unique_authors"] = int(frame["author"].nunique()) if "author" in frame else pd.NA
        row["first_seen"] = times[m].min() if has_times else pd.NaT
        row["last_seen"] = times[m].max() if has_times else pd.NaT
        row["reactions"] = int(frame["reactions"].fillna(0).sum()) if reactions_known else pd.NA
        row["replies"] = int(link["n_replies"].sum()) if replies_known else pd.NA
        answered = link["answered"].astype("boolean").dropna()
        row["share_answered"] = round(float(answered.mean()), 4) if len(answered) else np.nan
        by_brand = link["answered_by_brand"].astype("boolean").dropna()
        row["share_answered_by_brand"] = round(float(by_brand.mean()), 4) if len(by_brand) else np.nan
        by_member = link["answered_by_member"].astype("boolean").dropna()
        row["share_answered_by_member"] = round(float(by_member.mean()), 4) if len(by_member) else np.nan
        hours = link["first_response_hours"].dropna()
        row["median_response_hours"] = round(float(hours.median()), 2) if len(hours) else np.nan
        row["negativity"] = round(float((frame["sentiment"] == "negative").mean()), 4)
        row["mean_sentiment"] = round(float(frame["sentiment_score"].mean()), 4)
        if growth is not None and c in growth.index:
            g = growth.loc[c]
            row.update(recent_posts=int(g["recent_posts"]), baseline_posts=int(g["baseline_posts"]),
                       growth=float(g["growth"]))
            row["trend"] = trend(row["first_seen"], row["growth"], row["recent_posts"], recent_start,
                                 config.accelerating_growth, config.spike_min_count)
        elif growth is not None:
            row.update(recent_posts=0, baseline_posts=0, growth=0.0, trend="steady")
        else:
            row.update(recent_posts=pd.NA, baseline_posts=pd.NA, growth=np.nan, trend=pd.NA)
        row["spike_periods"] = int(spike_counts.get(c, 0)) if has_times else pd.NA
        engagement = 0.0
        if reactions_known:
            engagement += row["reactions"]
        if replies_known:
            engagement += row["replies"]
        row["engagement_per_post"] = (round(engagement / row["n_posts"], 4)
                                      if reactions_known or replies_known else np.nan)
        rows.append(row)
    table = pd.DataFrame(rows)
    _priority(table, config, notes)
    table = table.sort_values(["priority", "challenge_id"], ascending=[False, True])
    return table.reset_index(drop=True).astype({"unique_authors": "Int64", "reactions": "Int64",
                                                "replies": "Int64", "recent_posts": "Int64",
                                                "baseline_posts": "Int64", "spike_periods": "Int64",
                                                "trend": "string"})


def _log_share(values: pd.Series) -> pd.Series:
    top = np.log1p(values.max())
    return (np.log1p(values) / top).round(4) if top > 0 else values * 0.0


def _priority(table: pd.DataFrame, config, notes: dict[str, str]) -> None:
    table["priority_volume"] = _log_share(table["n_posts"].astype(float))
    table["priority_authors"] = _log_share(table["unique_authors"].astype(float))
    table["priority_negativity"] = table["negativity"].astype(float)
    table["priority_growth"] = table["growth"].astype(float).clip(0, 1).round(4)
    table["priority_engagement"] = _log_share(table["engagement_per_post"].astype(float))
    weights = {part: float(getattr(config, f"weight_{part}")) for part in PARTS}
    used = [p for p in PARTS if weights[p] > 0 and table[f"priority_{p}"].notna().all()]
    missing = [p for p in PARTS if weights[p] > 0 and p not in used]
    if missing:
        notes["priority"] = (f"priority parts not computed and left out: {', '.join(missing)} "
                             "(see the notes on timestamps, reactions and replies)")
    total = sum(weights[p] for p in used)
    score = sum(weights[p] * table[f"priority_{p}"] for p in used) / total if total else np.nan
    table["priority"] = np.round(score, 4)
