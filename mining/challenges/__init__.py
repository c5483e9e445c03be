"""Challenges and community signals: what hurts, how much, how fast it grows, and who helps.

The stage's one entry point is ``analyze_challenges``; the pieces are usable on their own:

* ``FeedbackClassifier``: complaint / question / request / praise / other, with spam and abuse
  flags, in Hebrew, Greek and English (English-trained head + per-language cue lexicons);
* ``SentimentScorer``: negative / neutral / positive and a score in [-1, 1];
* ``ChallengeModel``: clusters of feedback posts across languages (the project's topic model);
* ``detect_spikes``: anomalous periods against a trailing baseline.

Models load lazily (on first use), so importing this package is cheap.

Example:
    >>> from mining.challenges import analyze_challenges                      # doctest: +SKIP
    >>> result = analyze_challenges(analyzed, raw, aligned, config.challenges,
    ...                             all_posts=posts, brand=config.brand)     # doctest: +SKIP
"""
from mining.challenges.analyze import CHALLENGE_POST, ChallengeResult, analyze_challenges
from mining.challenges.clusters import ChallengeModel, challenge_model
from mining.challenges.feedback import FEEDBACK_TYPES, FeedbackClassifier
from mining.challenges.sentiment import SENTIMENTS, SentimentScorer
from mining.challenges.signals import detect_spikes

__all__ = ["CHALLENGE_POST", "ChallengeModel", "ChallengeResult", "challenge_model", "FEEDBACK_TYPES",
           "FeedbackClassifier", "SENTIMENTS", "SentimentScorer", "analyze_challenges",
           "detect_spikes"]
