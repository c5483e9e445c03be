"""A weekly series of run folders, week by week: its challenges, where each language's posts
went, what the curation notes and the alerts say (review 12, R12-1 and R12-12).

Each ``RUN`` is a run folder (``mining run ... --out RUN``, with ``--previous`` the one before it
for a series, or alone for a fresh run of the same file). Per run it prints the refit decision,
each challenge (stable id, status, generated label, curated name and status, posts, posts per
language), then per language of the analyzed feedback posts how many are in no challenge, in a
challenge where their language writes most posts, and in one where it is a minority, and the
curation notes and alerts of ``manifest.json`` and ``report.md``.

    nice .venv/bin/python benchmarks/weekly_series.py runs/w1 runs/w2 runs/w3 runs/w4 runs/w5
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

from mining.lang import LANGS


def language_homes(posts: pd.DataFrame) -> pd.DataFrame:
    """Per language, the analyzed posts a challenge was made of (``challenge_id`` not null):
    in no challenge (-1), in one where their language is the majority, or a minority."""
    clustered = posts[posts["analyzed"].fillna(False) & posts["challenge_id"].notna()]
    inside = clustered[clustered["challenge_id"] >= 0]
    majority = inside.groupby("challenge_id")["lang"].agg(lambda s: s.value_counts().idxmax())
    home = pd.Series("no challenge", index=clustered.index)
    own = inside["lang"].to_numpy() == majority.reindex(inside["challenge_id"]).to_numpy()
    home[inside.index] = ["its language's" if o else "another language's" for o in own]
    table = pd.crosstab(clustered["lang"], home)
    return table.reindex(columns=["no challenge", "its language's", "another language's"],
                         fill_value=0)


def week(run: Path) -> None:
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    refit = manifest.get("refit", {})
    print(f"== {run.name}: refitted {refit.get('refitted')} ({refit.get('reason', '')[:160]})")
    table = pd.read_csv(run / "challenges.csv")
    columns = ["challenge_id", "status", "label", "curated_name", "curated_status", "n_posts",
               *(f"n_{lang}" for lang in LANGS)]
    print(table[[c for c in columns if c in table]].to_string(index=False))
    print(language_homes(pd.read_parquet(run / "posts.parquet",
                                         columns=["analyzed", "lang", "challenge_id"])).to_string())
    for note in manifest.get("curation", {}).get("notes", []):
        print("curation:", note)
    report = (run / "report.md").read_text(encoding="utf-8")
    alerts = report.split("## Alerts (recent weeks)", 1)[-1].split("\n##", 1)[0]
    for line in alerts.strip().splitlines():
        if line.startswith("- "):
            print("alert:", line[2:][:300])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=Path, nargs="+")
    for run in parser.parse_args().runs:
        week(run)


if __name__ == "__main__":
    main()
