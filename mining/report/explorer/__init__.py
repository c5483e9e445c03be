"""The explorer inside ``report.html``: every challenge and topic opens to its posts, with filters,
a search that folds Hebrew, Greek and English as the project does, a map of the posts and charts
that answer a hover. One self-contained HTML fragment: no network, no framework.

Example:
    >>> html = explorer_section(result.posts, result.topics, result.challenges.challenges)  # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mining.report.explorer.data import DEFAULT_LIMIT, explorer_data
from mining.report.explorer.page import explorer_html, explorer_script_hash

__all__ = ["DEFAULT_LIMIT", "explorer_data", "explorer_html", "explorer_script_hash",
           "explorer_section"]


def explorer_section(posts: pd.DataFrame, topics: pd.DataFrame, challenges: pd.DataFrame,
                     vectors: tuple[list[str], np.ndarray] | None = None,
                     limit: int = DEFAULT_LIMIT, post_map: pd.DataFrame | None = None) -> str:
    """The explorer's HTML for a run (see ``explorer_data`` for the arguments)."""
    return explorer_html(explorer_data(posts, topics, challenges, vectors, limit, post_map))
