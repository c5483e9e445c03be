"""Challenges benchmark: feedback type, sentiment, abuse and spam flags, spikes, challenge clusters.

Splits and text preparation are in ``challenge_corpora.py`` (documented there); embeddings are
cached under /tmp/mining-challenges-cache, so a rerun takes about a minute (the first run embeds
~20,000 texts: 20-30 minutes on two cores).

What is measured:
* feedback type, shipped model (nothing from these corpora in it), on the held-out ``test`` halves:
  NLBSE (bug = complaint, feature = request, question = question) and app-reviews (bug report =
  complaint, feature request = request); the prediction is the best of the corpus's classes
  (``restricted``), and also the free five-way prediction (``free``: praise/other count as errors);
  plus ablations (cues only, head only) and an ``adapted`` head refitted on seeds + the ``train``
  half with ``FeedbackClassifier.fit`` (not shipped: these corpora are development-use only);
* sentiment: Hebrew dev negative-vs-positive accuracy and macro-F1 (polarity), and three classes
  with off-topic as neutral; weak signals for English (app-reviews test half: bug reports should be
  negative, ``rating`` reviews mostly positive) and Greek (OffensEval test half: offensive tweets
  should be negative more often than the others);
* abuse flag on OffensEval Greek test half (offensive = positive class), spam and abuse on the demo;
* spikes on the demo corpus (the week-10 wave of C02 from Monday 3 August 2026): delay from the
  wave's first day to the first alarm, and alarms outside the wave week, per scope;
* challenge clusters against the demo's keys (C01-C09, Q1-Q5, R1-R4): ARI, homogeneity,
  completeness. The demo is written by the team: a check, not evidence about real data.

Usage:
    .venv/bin/python benchmarks/challenges.py [--shared ../shared] [--cache DIR]
        [--only nlbse app-reviews sentiment demo]
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import (accuracy_score, adjusted_rand_score, completeness_score, f1_score,
                             homogeneity_score, precision_score, recall_score)

import challenge_corpora as cc
from mining.challenges import FeedbackClassifier, SentimentScorer, analyze_challenges, detect_spikes
from mining.challenges.heads import DATA
from mining.challenges.signals import count_periods
from mining.config import BrandConfig, ChallengesConfig
from mining.embed.align import LanguageAligner

DEMO_TYPES = {"answer": "other", "abuse": "other", "spam": "other"}
BLOCKS = ["nlbse", "app-reviews", "sentiment", "demo"]  # what ``--only`` may choose


def show(name: str, **figures) -> None:
    print(json.dumps({"benchmark": name, **figures}, ensure_ascii=False, default=str), flush=True)


def _restricted(classifier: FeedbackClassifier, data: pd.DataFrame, x: np.ndarray,
                classes: list[str]) -> np.ndarray:
    proba = classifier.predict_proba(data["text"].tolist(), data["lang"].tolist(), x)
    return np.asarray(classes)[proba[classes].to_numpy().argmax(axis=1)]


def feedback_type(name: str, data: pd.DataFrame, cache: Path, classes: list[str],
                  seeds: pd.DataFrame, seed_x: np.ndarray) -> None:
    data = data[data["gold"].notna()].reset_index(drop=True)
    x = cc.embed(data["text"].tolist(), cache)
    test = (data["part"] == "test").to_numpy()
    gold = data["gold"][test]
    figures = {"n_test": int(test.sum())}
    variants = {"shipped": FeedbackClassifier(), "cues_only": FeedbackClassifier(cue_weight=1e3),
                "head_only": FeedbackClassifier(cue_weight=0.0)}
    train = ~test
    adapted = FeedbackClassifier().fit(np.vstack([seed_x, x[train]]),
                                       np.concatenate([seeds["type"], data["gold"][train]]),
                                       ["en"] * (len(seeds) + int(train.sum())))
    variants["adapted_on_train_half"] = adapted
    head_only = FeedbackClassifier(cue_weight=0.0)
    head_only.offsets_, head_only.head_ = adapted.offsets_, adapted.head_
    variants["adapted_on_train_half_head_only"] = head_only
    for label, classifier in variants.items():
        pred = _restricted(classifier, data[test], x[test], classes)
        figures[f"{label}_macro_f1"] = round(f1_score(gold, pred, average="macro"), 3)
    free = FeedbackClassifier().predict(data["text"][test].tolist(), ["en"] * int(test.sum()), x[test])
    figures["shipped_free_macro_f1"] = round(
        f1_score(gold, free["feedback_type"], labels=classes, average="macro"), 3)
    pred = _restricted(FeedbackClassifier(), data[test], x[test], classes)
    figures["shipped_f1_per_class"] = dict(zip(classes, np.round(
        f1_score(gold, pred, labels=classes, average=None), 3).tolist()))
    show(f"feedback_type/{name}", **figures)


def sentiment(cache: Path, shared: Path) -> None:
    scorer = SentimentScorer()
    hebrew = cc.load_hebrew_sentiment(shared)
    dev = hebrew[hebrew["part"] == "dev"].reset_index(drop=True)
    x = cc.embed(dev["text"].tolist(), cache)
    langs = ["he"] * len(dev)
    polar = dev["gold"].isin(["positive", "negative"]).to_numpy()
    pol = scorer.polarity(dev["text"].tolist(), langs, x)
    pred2 = np.where(pol[polar] >= 0, "positive", "negative")
    three = scorer.predict(dev["text"].tolist(), langs, x)["sentiment"].to_numpy()
    gold3 = dev["gold"].replace({"off-topic": "neutral"})
    show("sentiment/hebrew-sentiment-dev", n=len(dev), n_negative_positive=int(polar.sum()),
         neg_vs_pos_accuracy=round(accuracy_score(dev["gold"][polar], pred2), 3),
         neg_vs_pos_macro_f1=round(f1_score(dev["gold"][polar], pred2, average="macro"), 3),
         majority_baseline=round(float((dev["gold"][polar] == "positive").mean()), 3),
         three_class_accuracy=round(accuracy_score(gold3, three), 3),
         three_class_macro_f1=round(f1_score(gold3, three, average="macro"), 3))

    reviews = cc.load_app_reviews(shared)
    reviews = reviews[(reviews["part"] == "test") & reviews["label"].isin(["bug report", "rating"])]
    x = cc.embed(reviews["text"].tolist(), cache)
    found = scorer.predict(reviews["text"].tolist(), ["en"] * len(reviews), x)["sentiment"].to_numpy()
    bug = (reviews["label"] == "bug report").to_numpy()
    show("sentiment/app-reviews-test (weak: labels are not sentiment)",
         bug_report_negative=round(float((found[bug] == "negative").mean()), 3),
         bug_report_positive=round(float((found[bug] == "positive").mean()), 3),
         rating_positive=round(float((found[~bug] == "positive").mean()), 3),
         rating_negative=round(float((found[~bug] == "negative").mean()), 3))

    tweets = cc.load_offenseval_greek(shared)
    tweets = tweets[tweets["part"] == "test"]
    x = cc.embed(tweets["text"].tolist(), cache)
    found = scorer.predict(tweets["text"].tolist(), ["el"] * len(tweets), x)["sentiment"].to_numpy()
    off = tweets["offensive"].to_numpy()
    show("sentiment/offenseval-greek-test (weak: offensive is not the same as negative)",
         offensive_negative=round(float((found[off] == "negative").mean()), 3),
         not_offensive_negative=round(float((found[~off] == "negative").mean()), 3),
         offensive_positive=round(float((found[off] == "positive").mean()), 3),
         not_offensive_positive=round(float((found[~off] == "positive").mean()), 3))

    flags = FeedbackClassifier().predict(tweets["text"].tolist(), ["el"] * len(tweets), x)["is_abusive"]
    flags = flags.to_numpy(dtype=bool)
    show("abuse/offenseval-greek-test", n=len(tweets), offensive_share=round(float(off.mean()), 3),
         precision=round(precision_score(off, flags), 3), recall=round(recall_score(off, flags), 3),
         f1=round(f1_score(off, flags), 3))


def demo(cache: Path) -> None:
    data = cc.load_demo()
    x = cc.embed(data["text_norm"].tolist(), cache)
    aligned = LanguageAligner().fit_transform(x, data["lang"].to_numpy())
    brand = BrandConfig(accounts=["בסקטו - שירות לקוחות", "Basketo Ελλάδα", "Basketo Team"])
    posts = data.drop(columns=["author_is_brand"])
    start = time.perf_counter()
    result = analyze_challenges(posts, x, aligned, ChallengesConfig(), brand=brand)
    seconds = round(time.perf_counter() - start, 1)
    found = data.join(result.posts.drop(columns="post_id"))

    gold = found["gold_type"].replace(DEMO_TYPES)
    per_lang = {lang: round(f1_score(gold[found["community"] == lang],
                                     found["feedback_type"][found["community"] == lang],
                                     average="macro"), 3) for lang in ("he", "el", "en")}
    polar = found["gold_type"].isin(["complaint", "praise"])
    expected = found["gold_type"][polar].map({"complaint": "negative", "praise": "positive"})
    senti = {lang: round(accuracy_score(expected[found["community"][polar] == lang],
                                        found["sentiment"][polar][found["community"][polar] == lang]), 3)
             for lang in ("he", "el", "en")}
    spam, abuse = found["gold_type"] == "spam", found["gold_type"] == "abuse"
    show("demo/posts (check: corpus written by the team)", seconds_whole_stage=seconds,
         feedback_type_macro_f1=per_lang, complaint_praise_sentiment_accuracy=senti,
         spam_recall=round(float(found["is_spam"][spam].mean()), 3),
         spam_false_flags=int(found["is_spam"][~spam].sum()),
         abuse_recall=round(float(found["is_abusive"][abuse].mean()), 3),
         abuse_false_flags=int(found["is_abusive"][~abuse].sum()),
         complaints_flagged_abusive=int(found["is_abusive"][found["gold_type"] == "complaint"].sum()))

    keyed = found["gold_key"].notna() & (found["challenge_id"].fillna(-1) >= 0)
    show("demo/challenges", challenges=len(result.challenges),
         clustered_share_of_keyed_feedback=round(float(
             keyed.sum() / (found["gold_key"].notna() & found["gold_type"].isin(
                 ["complaint", "question", "request"])).sum()), 3),
         ari=round(adjusted_rand_score(found["gold_key"][keyed], found["challenge_id"][keyed]), 3),
         homogeneity=round(homogeneity_score(found["gold_key"][keyed], found["challenge_id"][keyed]), 3),
         completeness=round(completeness_score(found["gold_key"][keyed], found["challenge_id"][keyed]), 3))

    wave = [int(c) for c in result.challenges["challenge_id"]
            if (found["gold_key"][found["challenge_id"] == c] == "C02").mean() > 0.5]
    for method in ("poisson", "robust_z"):
        spikes = result.spikes if method == "poisson" else analyze_challenges(
            posts, x, aligned, ChallengesConfig(spike_method=method), brand=brand).spikes
        _spike_figures(method, spikes, wave, found)
    # The detector alone on the true C02 posts (no clustering errors).
    truth = found[found["gold_key"] == "C02"]
    series = count_periods(truth["created_at"], "day", data["created_at"].min().floor("D"),
                           data["created_at"].max().floor("D"))
    flagged = detect_spikes(series, 28, "poisson", 3.5, 5)
    flagged = flagged[flagged["spike"]]
    _report_alarms("spikes/poisson/C02 posts by key (detector alone)", flagged["period_start"])


def _spike_figures(method: str, spikes: pd.DataFrame, wave: list[int], found: pd.DataFrame) -> None:
    for scope in ("all_posts", "complaints", "C02 challenges", "other challenges"):
        if scope in ("all_posts", "complaints"):
            rows = spikes[spikes["scope"] == scope]
        elif scope == "C02 challenges":
            rows = spikes[spikes["challenge_id"].isin(wave)]
        else:
            rows = spikes[(spikes["scope"] == "challenge") & ~spikes["challenge_id"].isin(wave)]
        _report_alarms(f"spikes/{method}/{scope}", rows["period_start"],
                       challenges=len(wave) if scope == "C02 challenges" else None)


def _report_alarms(name: str, starts: pd.Series, challenges: int | None = None) -> None:
    starts = pd.to_datetime(pd.Series(starts), utc=True)
    inside = (starts >= cc.SPIKE_START) & (starts < cc.SPIKE_END)
    first = starts[inside].min()
    figures = {"delay_days": (first - cc.SPIKE_START).days if pd.notna(first) else None,
               "flagged_days_in_wave_week": int(inside.sum()),
               "false_alarm_days": int((~inside).sum()),
               "false_alarm_dates": sorted(str(d.date()) for d in starts[~inside])}
    if challenges is not None:
        figures["challenges_mostly_C02"] = challenges
    show(name, **figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=cc.SHARED)
    parser.add_argument("--cache", type=Path, default=cc.CACHE)
    parser.add_argument("--only", nargs="+", choices=BLOCKS, default=BLOCKS,
                        help="run these blocks only (all by default), e.g. while a cache is warming")
    args = parser.parse_args()
    seeds = pd.read_csv(DATA / "seed_en.tsv", sep="\t", dtype=str)
    seed_x = cc.embed(seeds["text"].tolist(), args.cache)
    if "nlbse" in args.only:
        feedback_type("nlbse24-issues", cc.load_nlbse(args.shared), args.cache,
                      ["complaint", "question", "request"], seeds, seed_x)
    if "app-reviews" in args.only:
        feedback_type("app-reviews", cc.load_app_reviews(args.shared), args.cache,
                      ["complaint", "request"], seeds, seed_x)
    if "sentiment" in args.only:
        sentiment(args.cache, args.shared)
    if "demo" in args.only:
        demo(args.cache)


if __name__ == "__main__":
    main()
