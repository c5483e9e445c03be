"""A recent spike in a challenge's trend and priority (review 15, R15-17), replayed on saved runs.

For each run folder given, re-derives the challenges' trends from its ``posts.parquet`` and
``spikes.csv``, with and without this checkout's ``ranking._mark_spiking``, recomputes the
priority of its ``challenges.csv`` both ways (default challenge settings), and prints the top
five and the challenges whose trend or rank changed.

    PYTHONPATH=. nice .venv/bin/python benchmarks/spiking.py RUN [RUN ...]
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from mining.challenges.ranking import _mark_spiking, _priority
from mining.challenges.signals import group_trends
from mining.config import ChallengesConfig


def _ranked(saved: pd.DataFrame, posts: pd.DataFrame, spikes: pd.DataFrame | None,
            config: ChallengesConfig) -> pd.DataFrame:
    """``saved`` with its trends and priority computed anew, by the spike rule when ``spikes``."""
    trends = group_trends(posts["created_at"], posts["challenge_id"], config)
    if spikes is not None:
        _mark_spiking(trends, spikes, pd.to_datetime(posts["created_at"], utc=True).max(), config)
    table = saved.copy()
    for column in ("trend", "trend_explained", "growth", "spike_growth"):
        table[column] = [trends.get(c, {}).get(column) for c in table["challenge_id"]]
    _priority(table, config)
    return table.sort_values(["priority", "challenge_id"], ascending=[False, True])


def replay(folder: Path) -> None:
    """Print the run's challenges whose trend or rank the spike rule changes, and the top five."""
    config = ChallengesConfig()
    posts = pd.read_parquet(folder / "posts.parquet")
    posts = posts[posts["analyzed"].astype(bool)].reset_index(drop=True)
    spikes = pd.read_csv(folder / "spikes.csv", encoding="utf-8-sig")
    saved = pd.read_csv(folder / "challenges.csv", encoding="utf-8-sig")
    before, after = (_ranked(saved, posts, spikes if marked else None, config)
                     for marked in (False, True))
    print(f"== {folder}")
    old_rank = {c: i + 1 for i, c in enumerate(before["challenge_id"])}
    for rank, row in enumerate(after.itertuples(index=False), 1):
        was = before[before["challenge_id"] == row.challenge_id].iloc[0]
        if row.trend != was["trend"] or rank != old_rank[row.challenge_id] or rank <= 5:
            print(f"{rank}. C-{row.challenge_id:04d} {row.label}: rank {old_rank[row.challenge_id]} -> "
                  f"{rank}, priority {was['priority']:.2f} -> {row.priority:.2f}, trend "
                  f"{was['trend']} -> {row.trend}")
            if row.trend == "spiking":
                print(f"   {row.trend_explained}\n   {row.priority_explained}")


if __name__ == "__main__":
    for path in sys.argv[1:]:
        replay(Path(path))
