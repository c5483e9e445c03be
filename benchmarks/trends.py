"""Trends on a chat made of real posts: an outbreak of the last days, a steady problem, one that
dies out, a small rise (README, "Trends: what recent and baseline mean").

A WhatsApp chat over 22 weeks (June to October 2026) of real banking77 queries, one intent per
problem, among SIB-200 sentences as the community's other talk (three a day), by 40 members:

- ``outbreak``: declined card payments, one post every 12 days, then 16 in the last 5 days;
- ``outbreak on a steady base``: exchange rates, three posts a week, then 6 more in the last
  3 days;
- ``steady``: card arrival, two posts a week throughout;
- ``dies out``: failed top-ups, three a week for 14 weeks, none in the last 8;
- ``small rise``: age limits, one post a fortnight, then 3 in the last 3 days.

The chat runs through ``mining run`` in a fresh process (the code on ``PYTHONPATH``); per
problem, the challenge holding most of its posts, its share of them, its trend and what the trend
rests on (``trend_explained``, when the code writes it).

Usage:
    PYTHONPATH=. nice .venv/bin/python benchmarks/trends.py [--work DIR] [--shared ../shared]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

START, DAYS = pd.Timestamp("2026-06-01"), 152
PROBLEMS = {  # name: (banking77 intent, days of its posts)
    "outbreak": ("declined_card_payment",
                 lambda rng: np.concatenate([np.arange(3, DAYS - 14, 12), DAYS - rng.uniform(0, 5, 16)])),
    "outbreak on a steady base": ("exchange_rate",
                                  lambda rng: np.concatenate([np.arange(0.3, DAYS, 7 / 3),
                                                              DAYS - rng.uniform(0, 3, 6)])),
    "steady": ("card_arrival", lambda rng: np.arange(0.5, DAYS, 3.5)),
    "dies out": ("top_up_failed", lambda rng: np.arange(0.2, 98, 7 / 3)),
    "small rise": ("age_limit",
                   lambda rng: np.concatenate([np.arange(5, DAYS - 14, 14), DAYS - rng.uniform(0, 3, 3)])),
}


def build_chat(shared: Path, path: Path, seed: int = 0) -> pd.DataFrame:
    """Write the chat; return each message's time, text and problem (None: other talk)."""
    rng = np.random.default_rng(seed)
    bank = pd.read_csv(shared / "corpora/banking77/train.csv")
    sib = pd.read_csv(shared / "corpora/sib200/eng_Latn/train.tsv", sep="\t")
    rows = []
    for name, (intent, days) in PROBLEMS.items():
        when = days(rng)
        texts = bank.loc[bank["category"] == intent, "text"].sample(len(when), random_state=seed)
        rows += [(d, t, name) for d, t in zip(when, texts)]
    talk = rng.uniform(0, DAYS, 3 * DAYS)
    rows += [(d, t, None) for d, t in zip(talk, sib["text"].sample(len(talk), replace=True,
                                                                    random_state=seed))]
    chat = pd.DataFrame(rows, columns=["day", "text", "problem"])
    chat["time"] = (START + pd.to_timedelta(np.minimum(chat["day"], DAYS - 0.01), unit="D")).dt.floor("min")
    chat = chat.sort_values("time", kind="stable").reset_index(drop=True)
    chat["text"] = chat["text"].str.replace(r"\s+", " ", regex=True).str.strip()
    members = rng.integers(0, 40, len(chat))
    lines = [f"{t:%d/%m/%Y, %H:%M} - Member {m}: {x}" for t, m, x in zip(chat["time"], members, chat["text"])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return chat


def trends(chat: pd.DataFrame, run: Path) -> pd.DataFrame:
    """Per problem: the challenge holding most of its posts, its share of them, trend and why."""
    posts = pd.read_parquet(run / "posts.parquet", columns=["text", "created_at", "challenge_id"])
    table = pd.read_csv(run / "challenges.csv").set_index("challenge_id")
    found = chat.merge(posts.drop_duplicates("text"), on="text", how="left")
    rows = []
    for name in PROBLEMS:
        ids = found.loc[found["problem"] == name, "challenge_id"].dropna()
        ids = ids[ids >= 0]
        if ids.empty:
            rows.append({"problem": name, "challenge": None})
            continue
        c = int(ids.mode().iloc[0])
        row = table.loc[c]
        rows.append({"problem": name, "challenge": f"C-{c:04d}", "held": f"{(ids == c).sum()} of "
                     f"{(found['problem'] == name).sum()}", "posts": row["n_posts"],
                     "trend": row["trend"], "why": row.get("trend_explained", "-")})
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1] / "../shared")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="trends-"))
    work.mkdir(parents=True, exist_ok=True)
    chat = build_chat(args.shared, work / "WhatsApp Chat with Bank Help.txt")
    subprocess.run([sys.executable, "-m", "mining", "run", str(work / "WhatsApp Chat with Bank Help.txt"),
                    "--out", str(work / "run"), "--quiet"], check=True)
    with pd.option_context("display.max_colwidth", None, "display.width", 250):
        print(trends(chat, work / "run").to_string(index=False))


if __name__ == "__main__":
    main()
