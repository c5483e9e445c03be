"""Cross-validation of the feedback-type and sentiment heads on the dev split of the labelled set.

What the settings of ``build_challenge_heads.py`` (inputs, C, weights) are chosen on; the test
split is never read. The dev posts are cut into 5 folds stratified by language and type (seeds 0
and 1); heads are fitted by ``build_challenge_heads.fit_heads`` on the seeds and the other four
folds, and predict the held-out fold as a run does (``FeedbackClassifier`` and ``SentimentScorer``
logic: cue weights added after a head that does not read the cue scores, spam typed ``other``). Printed per language: feedback
macro-F1 over the five types (a type absent from a language's labels and predictions is left out)
and sentiment accuracy, averaged over the two seeds; for the shipped settings and for the heads
that read the vector only (the previous design, cue lexicons added with weight 0.5).

``--errors el errors.tsv`` writes instead each Greek dev post's held-out type and sentiment (fold
seed 0, shipped settings) with the cues it matches, and prints the confusion matrices: the error
analysis behind the cue lexicons.

``--predictions TSV`` writes every dev post's held-out type and sentiment (fold seed 0, shipped
settings, all languages); ``--against TSV`` then compares them with such a file written before a
change and prints, per language, how many posts the change fixes and breaks. ``--seeds N``
averages over fold seeds 0 to N-1 (2 by default; 4 tells a small change from noise).

Usage:
    .venv/bin/python benchmarks/heads_cv.py [--cache DIR] [--seeds N] [--errors LANG TSV]
        [--predictions TSV [--against TSV]]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_challenge_heads as builder  # noqa: E402
from challenge_corpora import CACHE, embed  # noqa: E402

from mining.challenges.cues import match_cues, score_cues  # noqa: E402
from mining.challenges.feedback import FEEDBACK_TYPES  # noqa: E402
from mining.challenges.features import head_logits  # noqa: E402
from mining.challenges.heads import softmax  # noqa: E402
from mining.config import ChallengesConfig  # noqa: E402

DEFAULTS = ChallengesConfig()
VARIANTS = {
    "shipped settings": {},
    "vector only, cue weight 0.5 (before)": {"inputs": (("vector",), ("vector",)),
                                             "cue_weight": 0.5, "sentiment_cue_weight": 0.5},
}


def predict(feedback, sentiment, texts, langs, vectors, offsets, cue_weight, sentiment_cue_weight):
    """Feedback type and sentiment as ``FeedbackClassifier`` and ``SentimentScorer`` decide them."""
    cues = score_cues(texts, langs)
    logits = head_logits(feedback, texts, langs, vectors, offsets, cues)
    for j, name in enumerate(feedback.classes_):
        if name in cues and "cues" not in feedback.inputs:
            logits[:, j] += cue_weight * cues[name]
    proba, classes = softmax(logits), list(feedback.classes_)
    typed = np.asarray(FEEDBACK_TYPES)[proba[:, [classes.index(c) for c in FEEDBACK_TYPES]].argmax(axis=1)]
    typed = np.where(proba[:, classes.index("spam")] >= DEFAULTS.spam_threshold, "other", typed)
    logits = head_logits(sentiment, texts, langs, vectors, offsets, cues)
    classes = list(sentiment.classes_)
    if "cues" not in sentiment.inputs:
        logits[:, classes.index("positive")] += sentiment_cue_weight * (cues["positive"] + 0.5 * cues["praise"])
        logits[:, classes.index("negative")] += sentiment_cue_weight * (cues["negative"] + 0.5 * cues["complaint"])
    return typed, np.asarray(classes)[logits.argmax(axis=1)]


def held_out(posts, vectors, offsets, settings: dict, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each dev post's feedback type and sentiment from heads fitted without its fold: (row numbers
    of the dev posts in ``posts``, types, sentiments)."""
    fit = {k: settings[k] for k in ("inputs", "C") if k in settings}
    dev = np.flatnonzero((posts["origin"] == "dev").to_numpy())
    fixed = np.flatnonzero((posts["origin"] != "dev").to_numpy())
    strata = (posts["lang"] + posts["feedback_type"]).to_numpy()[dev]
    typed, felt = np.empty(len(dev), object), np.empty(len(dev), object)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(dev, strata):
        rows = np.concatenate([fixed, dev[train]])
        feedback, sentiment = builder.fit_heads(posts.iloc[rows], vectors[rows], offsets, **fit)
        held = posts.iloc[dev[test]]
        typed[test], felt[test] = predict(
            feedback, sentiment, held["text"].tolist(), held["lang"].tolist(), vectors[dev[test]],
            offsets, settings.get("cue_weight", DEFAULTS.cue_weight),
            settings.get("sentiment_cue_weight", DEFAULTS.sentiment_cue_weight))
    return dev, typed, felt


def cross_validate(posts, vectors, offsets, settings: dict, seeds=(0, 1)) -> dict[str, tuple[float, float]]:
    """Per language: (feedback macro-F1, sentiment accuracy), mean over the seeds."""
    found = {lang: [] for lang in ("he", "el", "en")}
    for seed in seeds:
        dev, typed, felt = held_out(posts, vectors, offsets, settings, seed)
        for lang in found:
            mine = (posts["lang"].to_numpy()[dev] == lang)
            gold = posts.iloc[dev[mine]]
            per_type = f1_score(gold["feedback_type"], typed[mine], labels=list(FEEDBACK_TYPES),
                                average=None, zero_division=np.nan)
            found[lang].append((np.nanmean(per_type), accuracy_score(gold["sentiment"], felt[mine])))
    return {lang: tuple(np.mean(v, axis=0)) for lang, v in found.items()}


def write_errors(posts, vectors, offsets, lang: str, path: Path) -> None:
    """The shipped settings' held-out type and sentiment of ``lang``'s dev posts (fold seed 0),
    with the cues each post matches, as TSV, and the confusion matrices: what the error analysis
    reads."""
    dev, typed, felt = held_out(posts, vectors, offsets, {}, seed=0)
    rows = posts.iloc[dev].assign(typed=typed, felt=felt)
    rows = rows[rows["lang"] == lang]
    rows = rows.assign(cues=[json.dumps(match_cues(t, lang), ensure_ascii=False) for t in rows["text"]])
    rows[["text", "feedback_type", "typed", "sentiment", "felt", "cues"]].to_csv(path, sep="\t", index=False)
    print(pd.crosstab(rows["feedback_type"], rows["typed"]), pd.crosstab(rows["sentiment"], rows["felt"]),
          f"wrote {path} ({len(rows)} posts)", sep="\n\n")


def write_predictions(posts, vectors, offsets, path: Path, against: Path | None) -> None:
    """Every dev post's held-out type and sentiment (fold seed 0, shipped settings) as TSV; with
    ``against`` (the same file from before a change), the posts fixed and broken per language."""
    dev, typed, felt = held_out(posts, vectors, offsets, {}, seed=0)
    rows = posts.iloc[dev].assign(typed=typed, felt=felt).reset_index(drop=True)
    rows[["text", "lang", "feedback_type", "typed", "sentiment", "felt"]].to_csv(path, sep="\t", index=False)
    if against is None:
        return
    before = pd.read_csv(against, sep="\t", dtype=str, keep_default_na=False)
    if before["text"].tolist() != rows["text"].tolist():
        raise SystemExit(f"{against}: not the same dev posts in the same order")
    for lang in ("he", "el", "en"):
        mine = (rows["lang"] == lang).to_numpy()
        for found, gold in (("typed", "feedback_type"), ("felt", "sentiment")):
            was = (before[found] == before[gold]).to_numpy()[mine]
            now = (rows[found] == rows[gold]).to_numpy()[mine]
            print(f"{lang} {gold}: fixed {int((~was & now).sum())}, broken {int((was & ~now).sum())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--errors", nargs=2, metavar=("LANG", "TSV"),
                        help="write LANG's held-out predictions (fold seed 0) to TSV and stop")
    parser.add_argument("--seeds", type=int, default=2, help="fold seeds 0 to N-1 (default 2)")
    parser.add_argument("--predictions", type=Path, help="write every dev post's held-out predictions here")
    parser.add_argument("--against", type=Path, help="predictions written before a change: print fixed / broken")
    args = parser.parse_args()
    offsets = builder.fit_offsets(args.cache)
    posts = builder.training_posts()
    vectors = embed(posts["text"].tolist(), args.cache)
    if args.errors:
        with threadpool_limits(limits=1):
            write_errors(posts, vectors, offsets, args.errors[0], Path(args.errors[1]))
        return
    if args.predictions:
        with threadpool_limits(limits=1):
            write_predictions(posts, vectors, offsets, args.predictions, args.against)
    seeds = tuple(range(args.seeds))
    counts = posts[posts["origin"] == "dev"]["lang"].value_counts().to_dict()
    print(f"dev split: {counts} posts; 5 folds x seeds {', '.join(map(str, seeds))}")
    print("| heads | feedback macro-F1 he / el / en | sentiment accuracy he / el / en |")
    print("|---|---|---|")
    for name, settings in VARIANTS.items():
        with threadpool_limits(limits=1):  # as the builder fits
            found = cross_validate(posts, vectors, offsets, settings, seeds)
        feedback = " / ".join(f"{found[lang][0]:.3f}" for lang in ("he", "el", "en"))
        felt = " / ".join(f"{found[lang][1]:.3f}" for lang in ("he", "el", "en"))
        print(f"| {name} | {feedback} | {felt} |", flush=True)


if __name__ == "__main__":
    main()
