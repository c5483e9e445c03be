"""Charts drawn with matplotlib. Matplotlib 3.11+ lays out right-to-left text (Hebrew) itself."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from mining.report.summary import LANG_NAMES

LANG_COLORS = {"he": "#1f77b4", "el": "#2ca02c", "en": "#ff7f0e"}
MAX_TOPICS = 20


def _short(text: str, limit: int = 45) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def topic_sizes_chart(topics: pd.DataFrame, path: Path) -> Path | None:
    """Horizontal bars of the largest topics, split by language; None when there are no topics."""
    if topics.empty:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    top = topics.nlargest(MAX_TOPICS, "size").iloc[::-1]
    labels = [f"{t}: {_short(label)}" for t, label in zip(top["topic_id"], top["label"])]
    fig, ax = plt.subplots(figsize=(9, 0.38 * len(top) + 1.4), dpi=110)
    left = pd.Series(0, index=top.index)
    for lang, color in LANG_COLORS.items():
        ax.barh(labels, top[f"n_{lang}"], left=left, color=color, label=LANG_NAMES[lang])
        left = left + top[f"n_{lang}"]
    ax.set_xlabel("posts")
    ax.set_title("Topic sizes by language")
    ax.legend(loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
