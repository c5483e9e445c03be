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
    >>> table, notes = describe_challenges(posts, links, described, spikes, config, end)  # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mining.challenges.signals import growth_rates, trend
from mining.schema import CHALLENGE, empty_frame
from mining.lang import LANGS

PARTS = ("volume", "authors", "negativity", "growth", "engagement")


def _channels(frame: pd.DataFrame) -> str:
    where = frame["channel"] if "channel" in frame else pd.Series(pd.NA, index=frame.index)
    if "source" in frame:
        where = where.fillna(frame["source"])
    counts = where.fillna("unknown").astype(str).value_counts()
    return "; ".join(f"{name}: {n}" for name, n in counts.items())


def describe_challenges(posts: pd.DataFrame, links: pd.DataFrame, described: pd.DataFrame,
                        spike_counts: dict[int, int], config, end: pd.Timestamp | None
                        ) -> tuple[pd.DataFrame, dict[str, str]]:
    """One row per challenge, highest priority first, and notes on the priority parts left out.

    ``posts`` are the analyzed posts with ``feedback_type``, ``sentiment``, ``sentiment_score`` and
    ``challenge_id``; ``links`` their rows of ``threads.link_replies`` (same order);
    ``described`` the clusterer's table (labels, keywords, quotes per language); ``spike_counts``
    the number of spike periods per challenge; ``end`` the last post time (None: no times).
    """
    cid = posts["challenge_id"].astype("Int64")
    in_challenge = (cid.notna() & (cid >= 0)).to_numpy(dtype=bool)
    if not in_challenge.any():
        return empty_frame({c: t for c, t in CHALLENGE.items() if c != "status"}), {}
    known = {"reactions": "reactions" in posts and posts["reactions"].notna().any(),
             "replies": bool(links["reply_known"].any())}
    times = pd.to_datetime(posts["created_at"], utc=True) if end is not None else None
    growth = None if times is None else growth_rates(
        times[in_challenge], cid[in_challenge], end, config.recent_weeks, config.baseline_weeks)
    rows = []
    for _, d in described.iterrows():
        c = int(d["topic_id"])
        m = in_challenge & (cid == c).fillna(False).to_numpy(dtype=bool)
        row = _describe_one(c, d, posts[m], links[m], None if times is None else times[m], known)
        row.update(_trend(c, row, growth, end, config))
        row["spike_periods"] = int(spike_counts.get(c, 0)) if times is not None else pd.NA
        engagement = sum(row[k] for k in ("reactions", "replies") if known[k])
        row["engagement_per_post"] = (round(engagement / row["n_posts"], 4) if any(known.values())
                                      else np.nan)
        rows.append(row)
    table = pd.DataFrame(rows)
    notes = _priority(table, config)
    table = table.sort_values(["priority", "challenge_id"], ascending=[False, True])
    return table.reset_index(drop=True).astype({"unique_authors": "Int64", "reactions": "Int64",
                                                "replies": "Int64", "recent_posts": "Int64",
                                                "baseline_posts": "Int64", "spike_periods": "Int64",
                                                "trend": "string"}), notes


def _share(values: pd.Series, digits: int = 4) -> float:
    values = values.astype("boolean").dropna()
    return round(float(values.mean()), digits) if len(values) else np.nan


def _describe_one(c: int, d: pd.Series, frame: pd.DataFrame, link: pd.DataFrame,
                  times: pd.Series | None, known: dict[str, bool]) -> dict:
    """The row of one challenge but its trend and spikes: sizes, languages, channels, replies."""
    kinds = frame["feedback_type"].value_counts()
    row = {"challenge_id": c, "label": d["label"], "n_posts": len(frame),
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
    row["first_seen"] = times.min() if times is not None else pd.NaT
    row["last_seen"] = times.max() if times is not None else pd.NaT
    row["reactions"] = int(frame["reactions"].fillna(0).sum()) if known["reactions"] else pd.NA
    row["replies"] = int(link["n_replies"].sum()) if known["replies"] else pd.NA
    row["share_answered"] = _share(link["answered"])
    row["share_answered_by_brand"] = _share(link["answered_by_brand"])
    row["share_answered_by_member"] = _share(link["answered_by_member"])
    hours = link["first_response_hours"].dropna()
    row["median_response_hours"] = round(float(hours.median()), 2) if len(hours) else np.nan
    row["negativity"] = round(float((frame["sentiment"] == "negative").mean()), 4)
    row["mean_sentiment"] = round(float(frame["sentiment_score"].mean()), 4)
    return row


def _trend(c: int, row: dict, growth: pd.DataFrame | None, end: pd.Timestamp | None,
           config) -> dict:
    """Recent and baseline posts, growth and trend of one challenge (null without times)."""
    if growth is None:
        return dict(recent_posts=pd.NA, baseline_posts=pd.NA, growth=np.nan, trend=pd.NA)
    if c not in growth.index:
        return dict(recent_posts=0, baseline_posts=0, growth=0.0, trend="steady")
    g = growth.loc[c]
    recent_start = end - pd.Timedelta(weeks=config.recent_weeks)
    out = dict(recent_posts=int(g["recent_posts"]), baseline_posts=int(g["baseline_posts"]),
               growth=float(g["growth"]))
    out["trend"] = trend(row["first_seen"], out["growth"], out["recent_posts"], recent_start,
                         config.accelerating_growth, config.spike_min_count)
    return out


def _log_share(values: pd.Series) -> pd.Series:
    top = np.log1p(values.max())
    return (np.log1p(values) / top).round(4) if top > 0 else values * 0.0


def _priority(table: pd.DataFrame, config) -> dict[str, str]:
    """Add the priority score and its parts to ``table``; notes on the parts left out."""
    table["priority_volume"] = _log_share(table["n_posts"].astype(float))
    table["priority_authors"] = _log_share(table["unique_authors"].astype(float))
    table["priority_negativity"] = table["negativity"].astype(float)
    table["priority_growth"] = table["growth"].astype(float).clip(0, 1).round(4)
    table["priority_engagement"] = _log_share(table["engagement_per_post"].astype(float))
    weights = {part: float(getattr(config, f"weight_{part}")) for part in PARTS}
    used = [p for p in PARTS if weights[p] > 0 and table[f"priority_{p}"].notna().all()]
    missing = [p for p in PARTS if weights[p] > 0 and p not in used]
    notes = {"priority": f"priority parts not computed and left out: {', '.join(missing)} "
                         "(see the notes on timestamps, reactions and replies)"} if missing else {}
    total = sum(weights[p] for p in used)
    score = sum(weights[p] * table[f"priority_{p}"] for p in used) / total if total else np.nan
    table["priority"] = np.round(score, 4)
    return notes
