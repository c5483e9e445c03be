"""Sentiment per post: ``sentiment`` (negative / neutral / positive) and ``sentiment_score`` in [-1, 1].

Two shipped heads on multilingual-e5 vectors (after the fixed language offset is removed):
* polarity (negative vs positive), trained on Hebrew Facebook comments (hebrew-sentiment train,
  MIT) together with the English seed complaints and praise, so it knows both opinion in general
  and product feedback; English and Greek reach it through the shared space;
* neutrality (neutral vs opinionated), trained on the English seed posts (questions, requests and
  answers are neutral; complaints and praise are not).
Cue lexicons (positive and negative words and emoji per language) are added to the logits with
``cue_weight``. The score is ``(1 - p_neutral) * (p_positive - p_negative)``; a post whose score
lies within ``±margin`` is ``neutral``.

``score_text_sentiment`` gives a cue-only score for posts that were not embedded (one-word replies
such as "תודה!"), used for the replies a member receives.

Example:
    >>> SentimentScorer().predict(["מעולה, תודה!"], ["he"], vectors)  # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from mining.challenges.cues import score_cues
from mining.challenges.heads import shipped_heads, softmax
from mining.config import ChallengesConfig

DEFAULTS = ChallengesConfig()  # the config holds the defaults

SENTIMENTS = ("negative", "neutral", "positive")


def _label(score: np.ndarray, margin: float) -> np.ndarray:
    return np.where(score <= -margin, "negative", np.where(score >= margin, "positive", "neutral"))


class SentimentScorer(BaseEstimator):
    """Shipped polarity and neutrality heads plus cue lexicons (nothing to fit).

    Args:
        cue_weight: how much the positive/negative cue scores count against the heads' logits.
        margin: scores within ``±margin`` are labelled neutral.
    """

    def __init__(self, cue_weight: float = DEFAULTS.sentiment_cue_weight,
                 margin: float = DEFAULTS.sentiment_margin) -> None:
        self.cue_weight = cue_weight
        self.margin = margin

    def scores(self, texts: list[str], langs, vectors: np.ndarray) -> np.ndarray:
        """``sentiment_score`` per text, in [-1, 1]."""
        if not len(texts):
            return np.zeros(0)
        heads = shipped_heads()
        langs = [str(lang) for lang in langs]
        x = heads.offsets.transform(vectors, langs)
        polarity, neutral = heads.heads["polarity"], heads.heads["neutral"]
        pol = polarity.decision_function(x)
        neu = neutral.decision_function(x)
        if self.cue_weight:
            cues = score_cues(list(texts), langs)
            positive = cues["positive"] + 0.5 * cues["praise"]
            negative = cues["negative"] + 0.5 * cues["complaint"]
            pol[:, list(polarity.classes_).index("positive")] += self.cue_weight * positive
            pol[:, list(polarity.classes_).index("negative")] += self.cue_weight * negative
            neu[:, list(neutral.classes_).index("polar")] += self.cue_weight * np.maximum(positive, negative)
        p = softmax(pol)
        p_pos = p[:, list(polarity.classes_).index("positive")]
        p_neg = p[:, list(polarity.classes_).index("negative")]
        p_neutral = softmax(neu)[:, list(neutral.classes_).index("neutral")]
        return np.clip((1 - p_neutral) * (p_pos - p_neg), -1, 1)

    def polarity(self, texts: list[str], langs, vectors: np.ndarray) -> np.ndarray:
        """``p_positive - p_negative`` of the polarity head alone (for two-class benchmarks)."""
        heads = shipped_heads()
        langs = [str(lang) for lang in langs]
        polarity = heads.heads["polarity"]
        pol = polarity.decision_function(heads.offsets.transform(vectors, langs))
        if self.cue_weight:
            cues = score_cues(list(texts), langs)
            pol[:, list(polarity.classes_).index("positive")] += self.cue_weight * (
                cues["positive"] + 0.5 * cues["praise"])
            pol[:, list(polarity.classes_).index("negative")] += self.cue_weight * (
                cues["negative"] + 0.5 * cues["complaint"])
        p = softmax(pol)
        return p[:, list(polarity.classes_).index("positive")] - p[:, list(polarity.classes_).index("negative")]

    def predict(self, texts: list[str], langs, vectors: np.ndarray) -> pd.DataFrame:
        """``sentiment`` and ``sentiment_score`` per text."""
        texts = ["" if t is None or t is pd.NA else str(t) for t in texts]
        score = self.scores(texts, langs, vectors)
        return pd.DataFrame({"sentiment": pd.array(_label(score, self.margin), dtype="string"),
                             "sentiment_score": np.round(score, 4).astype(float)})


def score_text_sentiment(texts: list[str], langs) -> np.ndarray:
    """Cue-only sentiment score in [-1, 1] for texts without vectors (e.g. one-word replies).

    Example:
        >>> float(score_text_sentiment(["תודה!!"], ["he"])[0]) > 0
        True
    """
    if not len(texts):
        return np.zeros(0)
    cues = score_cues(["" if t is None or t is pd.NA else str(t) for t in texts],
                      [str(lang) for lang in langs])
    positive = cues["positive"] + 0.5 * cues["praise"]
    negative = cues["negative"] + 0.5 * cues["complaint"]
    return np.tanh((positive - negative) / 2)
