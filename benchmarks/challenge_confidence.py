"""Which typed posts a challenge should be built from: evidence of a problem by confidence.

Types the dev split of the feedback development set (``benchmarks/feedback_devset/labels.tsv``,
real posts labelled by hand, with ``evidence``: would a product team read this post as evidence
of a problem) with the challenges stage's classifier, and for the posts typed complaint, question
or request (the ones clustered into challenges) prints, per ``feedback_confidence`` threshold, how
many are kept, the share that are evidence, the share whose type is right, and per language the
evidence kept, and the recall: of all dev posts labelled evidence, the share kept.
``challenges.min_confidence`` is chosen from this table; re-run it when the
classifier changes. Only the dev split is read: the test split stays for judging.

``--draw second`` keeps only the dev posts of the set's second draw (``he-223``..., ``el-246``...:
SOURCES.md), which heads trained before that draw never saw; ``--draw first`` the others.

Usage:
    nice .venv/bin/python benchmarks/challenge_confidence.py [--draw first|second]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mining.challenges.feedback import CLUSTERED_TYPES, FeedbackClassifier  # noqa: E402
from mining.config import Config  # noqa: E402
from mining.embed import embed_texts, get_embedder  # noqa: E402
from mining.embed.cache import EmbeddingCache  # noqa: E402

THRESHOLDS = (0.0, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
FIRST_DRAW_LAST = {"he": 222, "el": 245}  # the second draw numbers its posts after these


def _second_draw(ids: pd.Series) -> pd.Series:
    lang, number = ids.str.split("-", n=1).str[0], ids.str.split("-", n=1).str[1].astype(int)
    return number > lang.map(FIRST_DRAW_LAST).fillna(float("inf"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--draw", choices=("first", "second"), help="one draw of the dev split")
    args = parser.parse_args()
    labels = pd.read_csv(ROOT / "benchmarks/feedback_devset/labels.tsv", sep="\t", dtype=str,
                         keep_default_na=False)
    labels = labels[labels["split"] == "dev"].reset_index(drop=True)
    if args.draw:
        second = _second_draw(labels["id"])
        labels = labels[second if args.draw == "second" else ~second].reset_index(drop=True)
    config = Config()
    vectors, _ = embed_texts(labels["text"].tolist(), get_embedder(config.embedding.name),
                             EmbeddingCache(config.embedding.cache_dir))
    typed = FeedbackClassifier().predict(labels["text"].tolist(), labels["lang"].tolist(), vectors)
    clustered = typed["feedback_type"].isin(CLUSTERED_TYPES).to_numpy()
    evidence_all = int((labels["evidence"] == "yes").sum())
    print(f"{len(labels)} dev posts, {evidence_all} of them evidence; {clustered.sum()} typed "
          "complaint, question or request")
    print("| min_confidence | kept | evidence (precision) | recall | type right "
          "| evidence kept he / el / en |")
    print("|---|---|---|---|---|---|")
    for threshold in THRESHOLDS:
        kept = clustered & (typed["feedback_confidence"] >= threshold).to_numpy()
        rows = labels[kept]
        evidence = rows["evidence"] == "yes"
        right = (rows["feedback_type"] == typed.loc[kept, "feedback_type"].to_numpy()).mean()
        per_lang = " / ".join(f"{int(evidence[rows['lang'] == lang].sum())} of "
                              f"{int((rows['lang'] == lang).sum())}" for lang in ("he", "el", "en"))
        print(f"| {threshold:.2f} | {kept.sum()} | {evidence.mean():.3f} | "
              f"{evidence.sum() / evidence_all:.3f} | {right:.3f} | {per_lang} |")


if __name__ == "__main__":
    main()
