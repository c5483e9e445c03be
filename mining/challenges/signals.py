"""Time signals: volume spikes against a trailing baseline, growth and trend per challenge.

Spike test (per period, for the whole corpus and for each challenge): the baseline is the mean and
variance of the previous ``baseline_weeks`` of periods (periods already flagged are left out, so a
wave does not hide its own second day). Two methods:
* ``poisson``: the upper tail probability of the count under a Poisson law with the baseline mean,
  widened to a negative binomial when the baseline varies more than Poisson allows; the tail
  probability is reported as the equivalent normal z-score;
* ``robust_z``: (count - median) / max(1.4826 MAD, sqrt(median), 1).
A period is a spike when its score reaches ``spike_z`` and it holds at least ``spike_min_count``
posts. No period is tested before one week of history exists.

History is only what the input files cover (``period_coverage``): the weeks between two exports of
a group, or before a file begins mid-week, are not quiet weeks but weeks nobody exported, so they
are left out of the baseline rather than counted as zeros (the first week of a second export after
a gap is no spike "against 0.0 expected").

Growth compares the weekly rate of the last ``recent_weeks`` with the ``baseline_weeks`` before,
with one post added to both (so 0 → 2 posts is +200%, not infinite):
``growth = (recent_rate + 1) / (baseline_rate + 1) - 1``.

Example:
    >>> counts = count_periods(posts["created_at"], "day")                       # doctest: +SKIP
    >>> detect_spikes(counts, baseline=28, method="poisson", z=3.5, min_count=5)  # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

AUTO_DAILY_WEEKS = 26  # ``period = "auto"``: days when the posts span at most this many weeks
MIN_BASELINE_WEEKS = 1  # less history before the recent weeks gives no growth
MIN_COVERED = 0.9  # a period the input covers less than this (a file begins mid-week) is no history


def resolve_period(times: pd.Series, period: str) -> str:
    """``day`` or ``week``; ``auto`` picks days for corpora spanning at most 26 weeks."""
    if period in ("day", "week"):
        return period
    times = times.dropna()
    if times.empty:
        return "week"
    return "day" if (times.max() - times.min()) <= pd.Timedelta(weeks=AUTO_DAILY_WEEKS) else "week"


def period_start(times: pd.Series, period: str) -> pd.Series:
    """The start (UTC midnight; Monday for weeks) of each time's period."""
    times = pd.to_datetime(times, utc=True)
    day = times.dt.floor("D")
    if period == "day":
        return day
    return day - pd.to_timedelta(day.dt.day_of_week, unit="D")


def count_periods(times: pd.Series, period: str, start: pd.Timestamp | None = None,
                  end: pd.Timestamp | None = None) -> pd.Series:
    """Posts per period from ``start`` to ``end`` (both period starts), zeros included."""
    starts = period_start(times.dropna(), period)
    step = pd.Timedelta(days=1 if period == "day" else 7)
    if start is None or end is None:
        if starts.empty:
            return pd.Series(dtype="int64")
        start, end = starts.min(), starts.max()
    index = pd.date_range(start, end, freq=step)
    return starts.value_counts().reindex(index, fill_value=0).astype("int64")


def _score(count: float, history: np.ndarray, method: str) -> tuple[float, float]:
    """(baseline level, z-score) of ``count`` against ``history``."""
    if method == "robust_z":
        median = float(np.median(history))
        mad = 1.4826 * float(np.median(np.abs(history - median)))
        return median, (count - median) / max(mad, np.sqrt(median), 1.0)
    mean = float(history.mean())
    var = float(history.var(ddof=1)) if len(history) > 1 else mean
    mean_floor = max(mean, 1.0 / len(history))  # a count seen never before still has some chance
    if var > mean_floor * 1.05:
        # Negative binomial with the baseline's mean and variance (over-dispersed counts).
        p = mean_floor / var
        n = mean_floor * p / (1 - p)
        tail = stats.nbinom.sf(count - 1, n, p)
    else:
        tail = stats.poisson.sf(count - 1, mean_floor)
    return mean, float(stats.norm.isf(max(tail, 1e-300)))


def detect_spikes(counts: pd.Series, baseline: int, method: str = "poisson", z: float = 3.5,
                  min_count: int = 5, min_history: int = 7,
                  coverage: np.ndarray | None = None) -> pd.DataFrame:
    """Score every period of ``counts`` against its trailing ``baseline`` periods.

    ``coverage`` (the share of each period the input covers, from ``period_coverage``; default
    all covered): only periods covered at least ``MIN_COVERED`` are history, and a period with
    no post that nothing covers is not scored.

    Returns one row per period: ``period_start``, ``count``, ``baseline`` (mean, or median for
    ``robust_z``), ``score`` (z; null before ``min_history`` periods exist) and ``spike``.

    Example:
        >>> c = pd.Series([2, 3, 1, 2, 2, 3, 2, 2, 20], index=pd.date_range("2026-01-01", periods=9))
        >>> bool(detect_spikes(c, baseline=7)["spike"].iloc[-1])
        True
    """
    if method not in ("poisson", "robust_z"):
        raise ValueError(f"unknown spike method {method!r}; use 'poisson' or 'robust_z'")
    values = counts.to_numpy(dtype=float)
    covered = np.ones(len(values)) if coverage is None else np.asarray(coverage, dtype=float)
    usable = covered >= MIN_COVERED
    flagged = np.zeros(len(values), dtype=bool)
    level = np.full(len(values), np.nan)
    score = np.full(len(values), np.nan)
    for t in range(len(values)):
        window = np.arange(max(0, t - baseline), t)
        history = values[window[usable[window] & ~flagged[window]]]
        if len(history) < min_history or (covered[t] == 0 and values[t] == 0):
            continue
        level[t], score[t] = _score(values[t], history, method)
        flagged[t] = score[t] >= z and values[t] >= min_count
    return pd.DataFrame({"period_start": counts.index, "count": values.astype(int),
                         "baseline": np.round(level, 3), "score": np.round(score, 2),
                         "spike": flagged})


def period_coverage(times: pd.Series, files: pd.Series, sources: pd.Series, period: str,
                    start: pd.Timestamp, end: pd.Timestamp) -> np.ndarray:
    """The share of each period from ``start`` to ``end`` (period starts) that the input covers.

    A file covers the time from its first post to its last. The files of one source (a chat or
    channel, else the file itself), and files that follow one another without overlapping, are
    one history (two exports of a group, daily dumps): less than a period apart they join, and a
    wider gap between them is covered by none. Histories that run side by side are weighted by
    their posts per period: the years a sparse comments file spans before a busy chat began
    cover a sliver of what the input posts per week, and are no quiet history for the chat's
    first week to be a spike against.
    """
    step = pd.Timedelta(days=1 if period == "day" else 7)
    spans = (pd.DataFrame({"time": pd.to_datetime(times, utc=True), "file": files.fillna(""),
                           "source": sources.fillna("")})
             .dropna(subset=["time"]).groupby(["file", "source"])["time"]
             .agg(["min", "max", "size"]).reset_index().sort_values(["min", "file"]))
    histories: list[dict] = []  # each: its sources, covered intervals and posts
    for source, first, last, n in spans[["source", "min", "max", "size"]].itertuples(index=False):
        history = (next((h for h in histories if source in h["sources"]), None)
                   or next((h for h in histories if h["spans"][-1][1] < first), None))
        if history is None:
            histories.append({"sources": {source}, "spans": [[first, last]], "posts": n})
            continue
        history["sources"].add(source)
        history["posts"] += n
        if first - history["spans"][-1][1] < step:
            history["spans"][-1][1] = max(history["spans"][-1][1], last)
        else:
            history["spans"].append([first, last])
    starts = pd.date_range(start, end, freq=step).as_unit("ns").asi8
    width = step.value
    covered, rates = np.zeros(len(starts)), []
    for history in histories:
        share = np.zeros(len(starts))
        for first, last in history["spans"]:
            overlap = np.minimum(starts + width, last.value) - np.maximum(starts, first.value)
            share += np.clip(overlap / width, 0.0, 1.0)
        periods = max(sum((last - first) / step for first, last in history["spans"]), 1.0)
        rates.append(history["posts"] / periods)
        covered += np.minimum(share, 1.0) * rates[-1]
    return np.minimum(covered / sum(rates), 1.0) if rates else covered


def growth_rates(times: pd.Series, groups: pd.Series, end: pd.Timestamp, recent_weeks: int,
                 baseline_weeks: int, start: pd.Timestamp | None = None) -> pd.DataFrame:
    """Per group: posts in the recent window, in its last week and in the baseline window before
    it, and growth over both.

    ``end`` is the last post time of the corpus; the recent window is the ``recent_weeks`` weeks
    up to it, the baseline the ``baseline_weeks`` weeks before that. ``start``, the corpus's
    first post time (default: the first of ``times``), shortens a baseline the posts do not cover
    to what they cover (``baseline_weeks`` of the result): a community three weeks old has a week
    of baseline, not four weeks of which three were silent. Under ``MIN_BASELINE_WEEKS`` of
    baseline, growth is NaN (no baseline to grow from). ``growth_last_week`` is the last week's
    rate against the same baseline: an outbreak of the last days is spread thin over two weeks.
    ``earlier_rate`` is the group's posts a week from its first post to the recent window (at
    least a week): a problem that died out before the baseline weeks has a thin baseline.
    """
    recent_start = end - pd.Timedelta(weeks=recent_weeks)
    base_start = recent_start - pd.Timedelta(weeks=baseline_weeks)
    frame = pd.DataFrame({"t": pd.to_datetime(times, utc=True), "g": groups}).dropna(subset=["t"])
    start = frame["t"].min() if start is None else start
    covered = max((recent_start - max(base_start, start)) / pd.Timedelta(weeks=1), 0.0)
    windows = {"recent_posts": recent_start, "last_week_posts": end - pd.Timedelta(weeks=1),
               "baseline_posts": base_start}
    counts = {name: frame[(frame["t"] > since) & (frame["t"] <= (
        recent_start if name == "baseline_posts" else end))].groupby("g").size()
        for name, since in windows.items()}
    # every group, also one silent in both windows (growth 0), not only those with posts there
    out = (pd.DataFrame(counts).reindex(pd.Index(frame["g"].dropna().unique()).sort_values())
           .fillna(0).astype(int))
    base_rate = out["baseline_posts"] / covered if covered >= MIN_BASELINE_WEEKS else np.nan
    out["baseline_weeks"] = round(covered, 2)
    out["growth"] = _growth(out["recent_posts"] / recent_weeks, base_rate)
    out["growth_last_week"] = _growth(out["last_week_posts"], base_rate)
    earlier = frame[frame["t"] <= recent_start].groupby("g")["t"].agg(["size", "min"])
    weeks = ((recent_start - earlier["min"]) / pd.Timedelta(weeks=1)).clip(lower=1.0)
    out["earlier_rate"] = (earlier["size"] / weeks).reindex(out.index).fillna(0.0).round(3)
    return out


def _growth(rate: pd.Series, base_rate: pd.Series | float) -> pd.Series:
    """One post a week added to both rates, so 0 → 2 posts is +200%, not infinite."""
    return ((rate + 1) / (base_rate + 1) - 1).round(3)


def trend(first_seen: pd.Timestamp, growth: float, recent_posts: int, recent_start: pd.Timestamp,
          accelerating: float, min_count: int, last_growth: float = np.nan,
          last_posts: int = 0, earlier_rate: float = 0.0) -> str:
    """``new`` (first seen in the recent window), ``accelerating`` (growth ≥ ``accelerating``
    with at least ``min_count`` recent posts, or the same over the last week alone,
    ``last_growth`` on ``last_posts``: an outbreak of the last days), ``rising`` (growth ≥
    ``accelerating`` on fewer recent posts: too few for an alert, and no steady rate either),
    ``declining`` (the same ratio downwards) or ``steady``; a group with no post in the recent
    weeks went quiet, declining, when it had none in the baseline weeks either or the same ratio
    holds against its ``earlier_rate`` (a problem that died out before the baseline weeks). A
    group new or accelerating by the recent weeks whose last week is back at or under the
    baseline rate (no post in it, for a new one) is ``subsiding``: a burst that is over.

    Example:
        >>> start = pd.Timestamp("2026-10-17", tz="UTC")
        >>> trend(pd.Timestamp("2026-06-04", tz="UTC"), 0.6, 9, start, 1.0, 5, 1.6, 7)
        'accelerating'
    """
    if pd.isna(first_seen) or pd.isna(growth):
        return pd.NA
    # a burst of the recent weeks that the last week no longer shows (review 12, R12-20: a
    # one-day outage 11 days before the corpus ended read "accelerating", 1 post in the last week)
    over = pd.notna(last_growth) and last_growth <= 0 and last_posts < recent_posts
    if first_seen > recent_start:
        return "subsiding" if over and last_posts == 0 else "new"
    if recent_posts == 0 and (growth == 0 or _quiet(earlier_rate, accelerating)):
        return "declining"
    if pd.notna(last_growth) and last_growth >= accelerating and last_posts >= min_count:
        return "accelerating"
    if growth >= accelerating:
        return ("rising" if recent_posts < min_count else "subsiding" if over
                else "accelerating")
    if (1 + growth) <= 1 / (1 + accelerating):
        return "declining"
    return "steady"


def _quiet(earlier_rate: float, accelerating: float) -> bool:
    """Whether no recent post is the ``trend`` decline against the group's earlier rate: growth
    from it to 0 posts, (0 + 1) / (earlier_rate + 1), at most 1 / (1 + ``accelerating``)."""
    return earlier_rate >= accelerating


def explain_trend(name, counts: pd.Series | None, end: pd.Timestamp | None, recent_weeks: int,
                  timed: int, n_posts: int) -> str:
    """What ``name`` (a ``trend``) rests on, in words: the windows and their posts (``counts``:
    a row of ``growth_rates``; None when the group has no post with a time), and on how many of
    the ``n_posts`` posts (``timed``) when only some carry a time.

    Example:
        >>> counts = pd.Series({"recent_posts": 9, "last_week_posts": 7, "baseline_posts": 6,
        ...                     "baseline_weeks": 4.0})
        >>> said = explain_trend("accelerating", counts, pd.Timestamp("2026-10-31", tz="UTC"),
        ...                      2, 30, 30)
        >>> said.split(" against ")
        ['accelerating: 9 posts in the 2 weeks from 2026-10-17 to 2026-10-31 (7 of them in the last week)', '6 in the 4 weeks before (1.5 a week)']
    """
    if counts is None or end is None:
        return "not known: none of its posts has a time"
    recent, last, base = (int(counts[c]) for c in ("recent_posts", "last_week_posts",
                                                   "baseline_posts"))
    since = (end - pd.Timedelta(weeks=recent_weeks)).date()
    said = (f"{recent or 'no'} posts in the {recent_weeks} weeks from {since} to {end.date()}"
            + (f" ({last} of them in the last week)" if recent_weeks > 1 and recent else ""))
    weeks = float(counts["baseline_weeks"])
    if pd.isna(name):
        said = (f"not known: {said}, and the posts begin {weeks * 7:.0f} days before them, less "
                f"than a week of baseline to compare with")
    else:
        said = f"{name}: {said} against {base} in the {weeks:g} weeks before ({base / weeks:.1f} a week)"
        said += "; too few posts for an alert (challenges.spike_min_count)" if name == "rising" else ""
        said += (f", and {counts['earlier_rate']:.1f} a week from its first post to the recent weeks"
                 if name == "declining" and recent == 0 and base else "")
    return said + (f"; on the {timed} of its {n_posts} posts with a time" if timed < n_posts else "")


def group_trends(times: pd.Series | None, groups: pd.Series, config) -> dict[int, dict]:
    """Per group of ``groups`` (an id ≥ 0; null or -1: in none): first and last seen, the posts
    of the recent weeks, of their last week and of the baseline, growth, ``trend`` and
    ``trend_explained``; the one way challenges and topics get them. ``times`` are every post's
    (null: none; None: the corpus has no times), so the corpus's first and last post set the
    windows; ``config`` gives ``recent_weeks``, ``baseline_weeks``, ``accelerating_growth`` and
    ``spike_min_count`` (``ChallengesConfig``).

    Example:
        >>> times = pd.Series(pd.date_range("2026-09-01", periods=60, freq="D", tz="UTC"))
        >>> groups = pd.Series([0] * 50 + [1] * 10)
        >>> from mining.config import ChallengesConfig
        >>> {g: row["trend"] for g, row in group_trends(times, groups, ChallengesConfig()).items()}
        {0: 'declining', 1: 'new'}
    """
    ids = groups.astype("Int64").reset_index(drop=True)  # paired by position, not by index
    member = (ids.notna() & (ids >= 0)).to_numpy(dtype=bool)
    times = None if times is None else pd.to_datetime(times, utc=True).reset_index(drop=True)
    end = times.max() if times is not None and times.notna().any() else None
    growth = None if end is None else growth_rates(
        times[member], ids[member], end, config.recent_weeks, config.baseline_weeks,
        start=times.min())
    found = {}
    for group in sorted(ids[member].unique()):
        m = member & (ids == group).fillna(False).to_numpy(dtype=bool)
        found[int(group)] = _trend_figures(None if end is None else times[m], int(m.sum()),
                                           growth, int(group), end, config)
    return found


def _trend_figures(times: pd.Series | None, n_posts: int, growth: pd.DataFrame | None,
                   group: int, end: pd.Timestamp | None, config) -> dict:
    """One group's first and last seen, growth and trend (with what it rests on), from its
    ``n_posts`` posts' ``times`` (None: the corpus has none)."""
    timed = times.dropna() if times is not None else pd.Series(dtype="datetime64[ns, UTC]")
    out = {"first_seen": timed.min() if len(timed) else pd.NaT,
           "last_seen": timed.max() if len(timed) else pd.NaT,
           "coverage_growth": round(len(timed) / n_posts, 4),
           "recent_posts": pd.NA, "last_week_posts": pd.NA, "baseline_posts": pd.NA,
           "growth": np.nan, "trend": pd.NA}
    g = growth.loc[group] if growth is not None and group in growth.index else None
    if g is not None:
        out.update(recent_posts=int(g["recent_posts"]), last_week_posts=int(g["last_week_posts"]),
                   baseline_posts=int(g["baseline_posts"]), growth=float(g["growth"]))
        out["trend"] = trend(out["first_seen"], out["growth"], out["recent_posts"],
                             end - pd.Timedelta(weeks=config.recent_weeks),
                             config.accelerating_growth, config.spike_min_count,
                             g["growth_last_week"], out["last_week_posts"], g["earlier_rate"])
    out["trend_explained"] = explain_trend(out["trend"], g, end, config.recent_weeks, len(timed),
                                           n_posts)
    return out
