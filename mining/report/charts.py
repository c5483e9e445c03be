"""Charts drawn with matplotlib. Matplotlib 3.11+ lays out right-to-left text (Hebrew) itself."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from mining.lang import LANG_NAMES

LANG_COLORS = {"he": "#1f77b4", "el": "#2ca02c", "en": "#ff7f0e"}
MAX_TOPICS = 20


def _short(text: str, limit: int = 45) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _figure(**kwargs):
    """A figure drawn without pyplot, so a run inside Jupyter leaves its charts inline."""
    from matplotlib.figure import Figure

    return Figure(**kwargs)


def volume_chart(posts: pd.DataFrame, spikes: pd.DataFrame | None, path: Path) -> Path | None:
    """Analyzed posts per week and language, with the weeks flagged as spikes shaded.

    ``spikes`` has a ``period_start`` column (UTC timestamps of flagged weeks) or is None.
    """
    timed = posts[posts["analyzed"] & posts["created_at"].notna()]
    if timed.empty:
        return None
    weeks = timed["created_at"].dt.tz_convert(None).dt.to_period("W-SUN").dt.start_time
    counts = timed.groupby([weeks, timed["lang"]]).size().unstack(fill_value=0)
    counts.index = counts.index + pd.Timedelta(days=3.5)  # each week drawn at its middle
    fig = _figure(figsize=(9, 3.6), dpi=110)
    ax = fig.subplots()
    for lang, color in LANG_COLORS.items():
        if lang in counts:
            ax.plot(counts.index, counts[lang], marker="o", ms=3, color=color, label=LANG_NAMES[lang])
    if spikes is not None:
        for start, period in zip(pd.to_datetime(spikes["period_start"], utc=True).dt.tz_convert(None),
                                 spikes["period"]):
            days = 1 if period == "day" else 7
            ax.axvspan(start, start + pd.Timedelta(days=days), color="#d62728", alpha=0.25, lw=0)
    ax.set_ylabel("posts per week")
    ax.set_title("Volume by language" + (" (red: spikes)" if spikes is not None and len(spikes) else ""))
    ax.legend(frameon=False, ncol=3)
    ax.spines[["top", "right"]].set_visible(False)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path)
    return path


def topic_map_chart(topics: pd.DataFrame, centroids: dict, path: Path) -> Path | None:
    """Topics as bubbles placed by their centroids (classical MDS of cosine distances)."""
    if len(topics) < 3:
        return None
    ids = topics["topic_id"].tolist()
    matrix = np.stack([centroids[i] for i in ids])
    distances = np.clip(1 - matrix @ matrix.T, 0, None)
    centre = np.eye(len(ids)) - 1 / len(ids)
    gram = -0.5 * centre @ (distances ** 2) @ centre
    values, vectors = np.linalg.eigh(gram)
    xy = vectors[:, -2:] * np.sqrt(np.maximum(values[-2:], 0))
    fig = _figure(figsize=(8, 6), dpi=110)
    ax = fig.subplots()
    sizes = topics["size"].to_numpy()
    ax.scatter(xy[:, 1], xy[:, 0], s=sizes / sizes.max() * 2500, alpha=0.35, color="#4c72b0")
    for (y, x), topic_id, label in zip(xy, ids, topics["label"]):
        ax.annotate(f"\u200e{topic_id}: {_short(label, 28)}", (x, y), ha="center", va="center",
                    fontsize=7)
    ax.set_title("Topic map (closer = more alike; size = posts)")
    ax.set_xticks([])
    ax.set_yticks([])
    fig.tight_layout()
    fig.savefig(path)
    return path


def topic_sizes_chart(topics: pd.DataFrame, path: Path) -> Path | None:
    """Horizontal bars of the largest topics, split by language; None when there are no topics."""
    if topics.empty:
        return None
    top = topics.nlargest(MAX_TOPICS, "size").iloc[::-1]
    # LRM: the number stays on the left of a Hebrew label (the line is left to right)
    labels = [f"\u200e{t}: {_short(label)}" for t, label in zip(top["topic_id"], top["label"])]
    fig = _figure(figsize=(9, 0.38 * len(top) + 1.4), dpi=110)
    ax = fig.subplots()
    left = pd.Series(0, index=top.index)
    for lang, color in LANG_COLORS.items():
        ax.barh(labels, top[f"n_{lang}"], left=left, color=color, label=LANG_NAMES[lang])
        left = left + top[f"n_{lang}"]
    ax.set_xlabel("posts")
    ax.set_title("Topic sizes by language")
    ax.legend(loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(path)
    return path


def challenge_trends_chart(posts: pd.DataFrame, challenges: pd.DataFrame, spikes: pd.DataFrame,
                           path: Path, top: int = 12) -> Path | None:
    """Small multiples: weekly posts of the highest-priority challenges, spike weeks in red."""
    timed = posts[posts["challenge_id"].fillna(-1).ge(0) & posts["created_at"].notna()]
    if timed.empty or challenges.empty:
        return None
    weeks = timed["created_at"].dt.tz_convert(None).dt.to_period("W-SUN").dt.start_time
    counts = timed.groupby([timed["challenge_id"], weeks]).size()
    all_weeks = pd.date_range(weeks.min(), weeks.max(), freq="7D")
    chosen = challenges.head(top)
    cols = 3
    rows = -(-len(chosen) // cols)
    fig = _figure(figsize=(10, 1.9 * rows), dpi=100)
    axes = fig.subplots(rows, cols, sharex=True, squeeze=False)
    for ax in axes.flat[len(chosen):]:
        ax.set_visible(False)
    for ax, row in zip(axes.flat, chosen.itertuples(index=False)):
        series = counts.get(row.challenge_id, pd.Series(dtype=int)).reindex(all_weeks, fill_value=0)
        ax.bar(series.index, series.to_numpy(), width=6, color="#4c72b0")
        flagged = spikes[(spikes["scope"] == "challenge") & (spikes["challenge_id"] == row.challenge_id)]
        for start in pd.to_datetime(flagged["period_start"], utc=True).dt.tz_convert(None):
            week = start.to_period("W-SUN").start_time
            ax.bar([week], [series.get(week, 0)], width=6, color="#d62728")
        ax.set_title(f"\u200eC-{row.challenge_id:04d} {_short(str(row.label), 30)}", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
    fig.autofmt_xdate()
    fig.suptitle("Challenges by week (red: spike weeks)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path)
    return path
