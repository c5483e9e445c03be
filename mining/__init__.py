"""mining: an offline feedback-mining toolkit for Hebrew, Greek and English communities.

The public API is small; everything else is private and may change.

Example:
    >>> import mining
    >>> result = mining.run(["corpora/demo"], "reports/demo", mining.Config())  # doctest: +SKIP
    >>> result.topics.head()                                                      # doctest: +SKIP
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Config", "run", "read_inputs", "prepare_posts", "__version__"]


def __getattr__(name: str):
    # Imported on first use so that ``import mining`` stays fast (no pandas, no models).
    if name == "Config":
        from mining.config import Config

        return Config
    if name == "read_inputs":
        from mining.ingest import read_inputs

        return read_inputs
    if name in ("run", "prepare_posts"):
        from mining import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'mining' has no attribute {name!r}")
