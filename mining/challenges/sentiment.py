"""Sentiment per post: ``sentiment`` (negative / neutral / positive) and ``sentiment_score`` in [-1, 1].

Two shipped heads on multilingual-e5 vectors (after the fixed language offset is removed):
* sentiment (negative / neutral / positive), trained on the English seed posts and the dev split
  of the labelled set of real Hebrew, Greek and English posts (``benchmarks/feedback_devset``);
  it reads the cue scores too (``features.head_inputs``: positive and negative words and emoji per
  language, with negative weights for negations that carry no negativity such as "לא נורא") with
  weights learned from those posts; it decides ``sentiment``;
* polarity (negative vs positive), trained on Hebrew Facebook comments (hebrew-sentiment train,
  MIT; the English seed complaints and praise are weighted 0 since cross-validation inside that
  train split preferred it); used for two-class benchmarks. It reads the vector and the cue scores
  (a polarity head that does not read them gets the cue lexicons added to its logits with
  ``cue_weight``).
The label is the likeliest of the three classes (a post whose score lies within
``±margin`` is ``neutral`` too); the score is ``p_positive - p_negative``.

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
from mining.challenges.features import head_logits
from mining.challenges.heads import shipped_heads, softmax
from mining.config import ChallengesConfig

DEFAULTS = ChallengesConfig()  # the config holds the defaults

SENTIMENTS = ("negative", "neutral", "positive")


class SentimentScorer(BaseEstimator):
    """Shipped sentiment and polarity heads plus cue lexicons (nothing to fit).

    Args:
        cue_weight: how much the positive/negative cue scores count against the logits of a head
            that does not read them itself (the polarity head).
        margin: scores within ``±margin`` are labelled neutral whatever the likeliest class (0: the
            likeliest class decides alone).
    """

    def __init__(self, cue_weight: float = DEFAULTS.sentiment_cue_weight,
                 margin: float = DEFAULTS.sentiment_margin) -> None:
        self.cue_weight = cue_weight
        self.margin = margin

    def proba(self, texts: list[str], langs, vectors: np.ndarray,
              cues: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
        """Probability of each class of ``SENTIMENTS`` per text (head and cues; ``cues``:
        ``score_cues(texts, langs)`` when the caller has it already)."""
        if not len(texts):
            return pd.DataFrame(np.zeros((0, len(SENTIMENTS))), columns=list(SENTIMENTS))
        heads = shipped_heads()
        langs = [str(lang) for lang in langs]
        head = heads.heads["sentiment"]
        cues = score_cues(list(texts), langs) if cues is None else cues
        logits = head_logits(head, list(texts), langs, vectors, heads.offsets, cues)
        classes = list(head.classes_)
        if self.cue_weight and "cues" not in head.inputs:
            positive, negative = _cue_polarity(cues)
            logits[:, classes.index("positive")] += self.cue_weight * positive
            logits[:, classes.index("negative")] += self.cue_weight * negative
        return pd.DataFrame(softmax(logits), columns=classes)[list(SENTIMENTS)]

    def scores(self, texts: list[str], langs, vectors: np.ndarray) -> np.ndarray:
        """``sentiment_score`` per text: ``p_positive - p_negative``, in [-1, 1]."""
        p = self.proba(texts, langs, vectors)
        return np.clip((p["positive"] - p["negative"]).to_numpy(), -1, 1)

    def polarity(self, texts: list[str], langs, vectors: np.ndarray) -> np.ndarray:
        """``p_positive - p_negative`` of the polarity head alone (for two-class benchmarks)."""
        heads = shipped_heads()
        langs = [str(lang) for lang in langs]
        polarity = heads.heads["polarity"]
        cues = score_cues(list(texts), langs)
        pol = head_logits(polarity, list(texts), langs, vectors, heads.offsets, cues)
        if self.cue_weight and "cues" not in polarity.inputs:
            positive, negative = _cue_polarity(cues)
            pol[:, list(polarity.classes_).index("positive")] += self.cue_weight * positive
            pol[:, list(polarity.classes_).index("negative")] += self.cue_weight * negative
        p = softmax(pol)
        return p[:, list(polarity.classes_).index("positive")] - p[:, list(polarity.classes_).index("negative")]

    def predict(self, texts: list[str], langs, vectors: np.ndarray,
                cues: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
        """``sentiment`` (the likeliest class; neutral within ``±margin``) and ``sentiment_score``."""
        texts = ["" if t is None or t is pd.NA else str(t) for t in texts]
        p = self.proba(texts, langs, vectors, cues)
        score = np.clip((p["positive"] - p["negative"]).to_numpy(), -1, 1)
        label = np.asarray(SENTIMENTS, dtype=object)[p.to_numpy().argmax(axis=1)] if len(texts) \
            else np.zeros(0, dtype=object)
        label = np.where(np.abs(score) < self.margin, "neutral", label)
        return pd.DataFrame({"sentiment": pd.array(label, dtype="string"),
                             "sentiment_score": np.round(score, 4).astype(float)})


def _cue_polarity(cues: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Positive and negative cue evidence per text (praise and complaint cues count half)."""
    return cues["positive"] + 0.5 * cues["praise"], cues["negative"] + 0.5 * cues["complaint"]


def score_text_sentiment(texts: list[str], langs) -> np.ndarray:
    """Cue-only sentiment score in [-1, 1] for texts without vectors (e.g. one-word replies).

    Example:
        >>> float(score_text_sentiment(["תודה!!"], ["he"])[0]) > 0
        True
    """
    if not len(texts):
        return np.zeros(0)
    positive, negative = _cue_polarity(score_cues(
        ["" if t is None or t is pd.NA else str(t) for t in texts], [str(lang) for lang in langs]))
    return np.tanh((positive - negative) / 2)
