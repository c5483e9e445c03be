"""The challenge table: every figure per challenge, and the priority score with its parts.

Priority parts, each in [0, 1] and shown in its own column:
* ``priority_volume``: log(1 + posts) / log(1 + posts of the largest challenge);
* ``priority_authors``: log(1 + unique authors) / the same for the challenge with most authors;
  the members who confirmed one of its posts with a bare "me too" (skip reason ``agreement``,
  ``confirmations``) are among its authors, and ``confirmed_by`` counts those who posted none of
  its posts themselves;
* ``priority_negativity``: share of the challenge's posts with negative sentiment;
* ``priority_growth``: growth clipped to [0, 1] (doubling or more counts fully) of a group the
  trend finds growing (``new``, ``accelerating``); none for the others: a ``subsiding`` burst's
  last week is back at or under its baseline, and a ``steady`` or ``rising`` one's change rests
  on too few posts; a ``spiking`` one (a spike alarm in the recent weeks) counts its spike's
  excess over the expected count as a share of its recent posts;
* ``priority_engagement``: log(1 + (reactions + replies) per post) / the highest such value.

A signal that only part of the posts carry (authors, times, reactions or replies: a run mixing a
WhatsApp chat, news headlines without dates and YouTube comments with likes) is computed on the
posts that carry it, and its weight in that challenge's score is multiplied by their share
(``coverage_authors``, ``coverage_growth``, ``coverage_engagement``): six dated comments among 24
posts cannot decide a challenge's growth. With no such post, the part is not known (null, never
0) and left out. ``priority`` is the weighted mean of the parts with these weights (``weight_*``
in the config, times coverage); ``priority_explained`` spells out each part, what it rests on and
what it adds to the score, so the parts' additions sum to ``priority``.

Example:
    >>> table = describe_challenges(posts, links, described, spikes, config)   # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mining.challenges.answered import THRESHOLD
from mining.challenges.signals import group_trends
from mining.schema import CHALLENGE, empty_frame
from mining.lang import LANGS

PARTS = ("volume", "authors", "negativity", "growth", "engagement")


def _channels(frame: pd.DataFrame) -> str:
    where = frame["channel"] if "channel" in frame else pd.Series(pd.NA, index=frame.index)
    if "source" in frame:
        where = where.fillna(frame["source"])
    counts = where.fillna("unknown").astype(str).value_counts()
    return "; ".join(f"{name}: {n}" for name, n in counts.items())


def confirmations(all_posts: pd.DataFrame, posts: pd.DataFrame, brands: set[str] = frozenset()
                  ) -> dict[int, set[str]]:
    """Per challenge, the members who agreed with one of its posts by a bare "me too" (a post of
    ``all_posts`` whose ``agrees_with`` is the ``post_id`` of a post of ``posts`` with that
    ``challenge_id``), the brand's accounts left out. A confirmation of a praise or of a post in
    no challenge counts nowhere.

    Example:
        >>> posts = pd.DataFrame({"post_id": ["a"], "challenge_id": [3]})
        >>> every = pd.DataFrame({"post_id": ["a", "b"], "author": ["m1", "m2"],
        ...                       "agrees_with": [None, "a"]})
        >>> confirmations(every, posts)
        {3: {'m2'}}
    """
    if "agrees_with" not in all_posts or "author" not in all_posts:
        return {}
    cid = pd.Series(posts["challenge_id"].astype("Int64").to_numpy(),
                    index=posts["post_id"].to_numpy())
    cid = cid[cid.notna() & (cid >= 0)]
    cid = cid[~cid.index.duplicated()]
    agreeing = all_posts[all_posts["agrees_with"].notna() & all_posts["author"].notna()
                         & ~all_posts["author"].isin(brands)]
    found: dict[int, set[str]] = {}
    for target, author in zip(agreeing["agrees_with"], agreeing["author"]):
        if target in cid.index:
            found.setdefault(int(cid[target]), set()).add(str(author))
    return found


def describe_challenges(posts: pd.DataFrame, links: pd.DataFrame, described: pd.DataFrame,
                        spike_counts: dict[int, int], config, timed: bool,
                        confirmed: dict[int, set[str]] | None = None,
                        spikes: pd.DataFrame | None = None
                        ) -> tuple[pd.DataFrame, dict[str, str]]:
    """One row per challenge, highest priority first, and notes on the priority parts left out
    or computed on part of the posts.

    ``posts`` are the analyzed posts with ``feedback_type``, ``sentiment``, ``sentiment_score`` and
    ``challenge_id``; ``links`` their rows of ``threads.link_replies`` (same order);
    ``described`` the clusterer's table (labels, keywords, quotes per language); ``spike_counts``
    the number of spike periods per challenge; ``timed`` whether any post has a time;
    ``confirmed`` the members who confirmed each challenge's posts (``confirmations``);
    ``spikes`` the spike periods (``schema.SPIKE``), whose recent alarms make a trend ``spiking``.
    """
    confirmed = confirmed or {}
    cid = posts["challenge_id"].astype("Int64")
    in_challenge = (cid.notna() & (cid >= 0)).to_numpy(dtype=bool)
    if not in_challenge.any():
        return empty_frame({c: t for c, t in CHALLENGE.items() if c != "status"}), {}
    known = _known_signals(posts, links)
    trends = group_trends(posts["created_at"] if timed else None, cid, config)
    if timed and spikes is not None:
        _mark_spiking(trends, spikes, pd.to_datetime(posts["created_at"], utc=True).max(), config)
    rows = []
    for _, d in described.iterrows():
        c = int(d["topic_id"])
        m = in_challenge & (cid == c).fillna(False).to_numpy(dtype=bool)
        row = _describe(d, posts[m], links[m], known[m], confirmed.get(c, set()))
        row.update(trends[c])
        row["spike_periods"] = int(spike_counts.get(c, 0)) if timed else pd.NA
        rows.append(row)
    table = pd.DataFrame(rows)
    notes = _priority(table, config)
    table = table.drop(columns="spike_growth", errors="ignore")
    table = table.sort_values(["priority", "challenge_id"], ascending=[False, True])
    return table.reset_index(drop=True).astype({"unique_authors": "Int64", "confirmed_by": "Int64",
                                                "reactions": "Int64",
                                                "replies": "Int64", "recent_posts": "Int64",
                                                "last_week_posts": "Int64",
                                                "baseline_posts": "Int64", "spike_periods": "Int64",
                                                "trend": "string"}), notes


# the trends a recent spike alarm overrides: not those whose growth already counts, nor a
# subsiding one, a burst whose last week is back at its baseline (a finished outage topped the
# table: review 12, R12-20)
STILL = ("steady", "rising", "declining")


def _mark_spiking(trends: dict[int, dict], spikes: pd.DataFrame, end: pd.Timestamp, config) -> None:
    """Make ``spiking`` the trend of each challenge whose trend is ``STILL`` and that has a spike
    alarm ending in the recent weeks (``config.recent_weeks`` up to ``end``): a one-day card
    outage, 68 posts against about 5.2 expected, was averaged into "steady" over two weeks
    (review 15, R15-17). Its ``spike_growth``, for the priority, is the spike's excess over the
    expected count as a share of the recent weeks' posts: how much of them the burst is."""
    recent = end - pd.Timedelta(weeks=config.recent_weeks)
    alarms = spikes[(spikes["scope"] == "challenge") & spikes["alarm"].astype(bool)].copy()
    starts = pd.to_datetime(alarms["period_start"], utc=True)
    lengths = pd.to_timedelta(alarms["period"].map({"day": "1D", "week": "7D"}))
    alarms = alarms[(starts + lengths).to_numpy() > recent]
    alarms["excess"] = alarms["count"] - alarms["baseline"]
    for _, spike in alarms.sort_values("excess").groupby("challenge_id").tail(1).iterrows():
        row = trends.get(int(spike["challenge_id"]))
        if row is None or pd.isna(row["trend"]) or row["trend"] not in STILL:
            continue
        when = pd.Timestamp(spike["period_start"]).date()
        said = (f"on {when}" if spike["period"] == "day" else f"in the week from {when}")
        row["trend_explained"] = (f"spiking: {int(spike['count'])} posts {said} against about "
                                  f"{spike['baseline']:.1f} expected; over the weeks, "
                                  + row["trend_explained"])
        row["trend"] = "spiking"
        # confirmations count in a spike but are no posts of it: never divide by 0
        row["spike_growth"] = min(1.0, spike["excess"] / max(row["recent_posts"], 1))


def _known_signals(posts: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Per post, whether it carries each partial signal: an author, a time, reactions, replies."""
    author = posts["author"].astype("string") if "author" in posts else pd.Series(
        pd.NA, index=posts.index, dtype="string")
    reactions = posts["reactions"] if "reactions" in posts else pd.Series(pd.NA, index=posts.index)
    return pd.DataFrame({
        "author": (author.notna() & (author.str.strip() != "")).fillna(False).to_numpy(dtype=bool),
        "time": (pd.to_datetime(posts["created_at"], utc=True).notna().to_numpy(dtype=bool)
                 if "created_at" in posts else np.zeros(len(posts), bool)),
        "reactions": reactions.notna().to_numpy(dtype=bool),
        "replies": links["reply_known"].to_numpy(dtype=bool),
    })


def _describe(d: pd.Series, frame: pd.DataFrame, link: pd.DataFrame, known: pd.DataFrame,
              confirmed: set[str] = frozenset()) -> dict:
    """A challenge's counts, texts, authors (with the members who ``confirmed`` its posts),
    answers, sentiment and engagement."""
    kinds = frame["feedback_type"].value_counts()
    n = len(frame)
    row = {"challenge_id": int(d["topic_id"]), "label": d["label"], "n_posts": n,
           **{f"n_{k}": int(kinds.get(k, 0)) for k in ("complaint", "question", "request")},
           "main_type": kinds.idxmax()}
    for lang in LANGS:
        row[f"n_{lang}"] = int(d[f"n_{lang}"])
    row["n_other_lang"] = n - sum(row[f"n_{lang}"] for lang in LANGS)
    for field in ("label", "keywords", "quotes", "quote_ids"):
        for lang in LANGS:
            row[f"{field}_{lang}"] = d[f"{field}_{lang}"]
    row["by_channel"] = _channels(frame)
    has_author = known["author"].to_numpy()
    posting = set(frame.loc[has_author, "author"].astype(str)) if has_author.any() else set()
    row["unique_authors"] = len(posting | confirmed) if has_author.any() or confirmed else pd.NA
    row["confirmed_by"] = len(confirmed - posting) if row["unique_authors"] is not pd.NA else pd.NA
    row["coverage_authors"] = round(float(has_author.mean()), 4)
    row["reactions"] = (int(frame["reactions"].fillna(0).sum()) if known["reactions"].any() else pd.NA)
    row["replies"] = int(link["n_replies"].sum()) if known["replies"].any() else pd.NA
    for column, key in (("share_answered", "answered"), ("share_answered_by_brand", "answered_by_brand"),
                        ("share_answered_by_member", "answered_by_member")):
        answered = link[key].astype("boolean").dropna()
        row[column] = round(float(answered.mean()), 4) if len(answered) else np.nan
    row["share_answered_estimate"] = _estimated_share(link)
    hours = link["first_response_hours"].dropna()
    row["median_response_hours"] = round(float(hours.median()), 2) if len(hours) else np.nan
    row["negativity"] = round(float((frame["sentiment"] == "negative").mean()), 4)
    row["mean_sentiment"] = round(float(frame["sentiment_score"].mean()), 4)
    engaged = (known["reactions"] | known["replies"]).to_numpy()
    row["coverage_engagement"] = round(float(engaged.mean()), 4)
    per_post = (frame["reactions"].fillna(0).to_numpy(dtype=float) * known["reactions"].to_numpy()
                if "reactions" in frame else np.zeros(n))
    per_post = per_post + link["n_replies"].fillna(0).to_numpy(dtype=float) * known["replies"].to_numpy()
    row["engagement_per_post"] = round(float(per_post[engaged].mean()), 4) if engaged.any() else np.nan
    return row


def _estimated_share(link: pd.DataFrame) -> float:
    """Of the posts without reply links that have an estimate, the share answered (estimate)."""
    if "answered_estimate" not in link:
        return np.nan
    unknown = link["answered"].astype("boolean").isna().to_numpy()
    scores = link["answered_estimate"].to_numpy(dtype=float)[unknown]
    scores = scores[~np.isnan(scores)]
    return round(float((scores >= THRESHOLD).mean()), 4) if len(scores) else np.nan


def _log_share(values: pd.Series) -> pd.Series:
    top = np.log1p(values.max())
    return (np.log1p(values) / top).round(4) if top > 0 else values * 0.0


NO_BASELINE = ("the posts begin less than a week before the recent weeks (challenges.recent_weeks), "
               "so there is no baseline to grow from")
COVERAGE = {"authors": "coverage_authors", "growth": "coverage_growth",
            "engagement": "coverage_engagement"}
WHAT = {"authors": "with an author", "growth": "with a time",
        "engagement": "with reactions or replies"}
GROWING = ("new", "accelerating")  # the trends whose growth counts in the priority


def _priority(table: pd.DataFrame, config) -> dict[str, str]:
    """Add the priority score, its parts and their explanation to ``table``; notes on the parts
    left out or partial."""
    table["priority_volume"] = _log_share(table["n_posts"].astype(float))
    table["priority_authors"] = _log_share(pd.to_numeric(table["unique_authors"], errors="coerce")
                                           .astype(float))
    table["priority_negativity"] = table["negativity"].astype(float)
    # Growth counts where the trend finds the group growing (new, accelerating): a subsiding
    # burst's last week is back at its baseline (a finished outage topped the table, review 12
    # R12-20), and a steady or rising one's change rests on a post or two (4 posts against 3 put
    # an 11-post challenge first in a 450-ticket inbox: review 14, R14-16).
    # A spiking one counts its spike's excess instead (``_mark_spiking``).
    growing = table["trend"].isin(GROWING).fillna(False).to_numpy(dtype=bool)
    growth = table["growth"].astype(float).where(growing | table["growth"].isna(), 0.0)
    if "spike_growth" in table:
        growth = table["spike_growth"].astype(float).fillna(growth)
    table["priority_growth"] = growth.clip(0, 1).round(4)
    table["priority_engagement"] = _log_share(table["engagement_per_post"].astype(float))
    weights = pd.DataFrame({p: float(getattr(config, f"weight_{p}")) * (
        table[COVERAGE[p]].astype(float) if p in COVERAGE else 1.0)
        * table[f"priority_{p}"].notna() for p in PARTS}, index=table.index)
    values = table[[f"priority_{p}" for p in PARTS]].fillna(0.0).to_numpy()
    total = weights.sum(axis=1).to_numpy()
    adds = np.divide(weights.to_numpy() * values, total[:, None], out=np.zeros_like(values),
                     where=total[:, None] > 0)
    table["priority"] = np.where(total > 0, adds.sum(axis=1), np.nan).round(4)
    table["priority_explained"] = [_explain(row, adds[i]) for i, row in
                                   enumerate(table.itertuples(index=False))]
    missing = [p for p in PARTS if getattr(config, f"weight_{p}") > 0
               and table[f"priority_{p}"].isna().all()]
    notes = {}
    if "growth" in missing and table["coverage_growth"].gt(0).any():  # times, too short a history
        missing.remove("growth")
        notes["growth"] = f"growth not computed and left out of the priority: {NO_BASELINE}"
    partial = [f"{p} ({table[COVERAGE[p]].mean():.0%} of challenge posts {WHAT[p]})"
               for p in COVERAGE if p not in missing and (table[COVERAGE[p]] < 1).any()
               and not (p == "growth" and "growth" in notes)]
    if missing:
        notes["priority"] = (f"priority parts not computed and left out: {', '.join(missing)} "
                             "(see the notes on timestamps, reactions and replies)")
    if partial:
        notes["priority_partial"] = ("priority parts computed on the posts that carry them and "
                                     "weighted by their share in each challenge: " + ", ".join(partial))
    return notes


def _explain(row, adds: np.ndarray) -> str:
    """Each part: its value, what it rests on when partial, and what it adds to the priority."""
    pieces = []
    for part, add in zip(PARTS, adds):
        value = getattr(row, f"priority_{part}")
        coverage = getattr(row, COVERAGE[part]) if part in COVERAGE else 1.0
        if pd.isna(value) or coverage == 0:
            why = NO_BASELINE if part == "growth" and coverage > 0 else f"no post {WHAT.get(part, 'with it')}"
            pieces.append(f"{part}: not known ({why})")
            continue
        base = (f" on {round(coverage * row.n_posts)} of {row.n_posts} posts {WHAT[part]}"
                if coverage < 1 else "")
        if part == "authors" and pd.notna(row.confirmed_by) and row.confirmed_by:
            base += (f" ({row.unique_authors} members, {row.confirmed_by} of them confirming a "
                     "post with a \"me too\" or its own words)")
        if part == "growth" and row.trend == "spiking":
            base += f" (its spike's excess over the recent weeks' {row.recent_posts} posts)"
        elif part == "growth" and value == 0 and row.growth > 0:  # the trend does not say growing
            base += f" (growth {row.growth:+.2f}, but the trend is {row.trend})"
        pieces.append(f"{part} {value:.2f}{base} → +{add:.2f}")
    return "; ".join(pieces)
