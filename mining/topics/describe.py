"""The topic table: sizes, keywords, labels and representative quotes per language."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from mining.lang.analyze import Surfaces, TextAnalyzer
from mining.lang import LANGS
from mining.schema import CLUSTER
from mining.topics.model import TopicModel

QUOTE_CHARS = 180
NEAR_DUPLICATE = 0.92  # cosine above which a second quote says nothing new


def token_docs(texts: list[str], langs: list[str], ignore: Iterable[str] = ()
               ) -> tuple[list[str], Surfaces]:
    """Each post as its space-joined counting keys (what the topic vectorizer counts), and the
    surface spellings seen for each key (what keyword lists show).

    ``ignore`` holds words that say nothing about a topic in this corpus, such as the brand's own
    name in its community (``brand.terms``); their keys are left out in every language.
    """
    analyzer = TextAnalyzer().fit(texts, langs)
    ignored = {key for term in ignore for lang in LANGS for key, _ in analyzer.tokens(term, lang)}
    surfaces = Surfaces()
    docs = []
    for text, lang in zip(texts, langs):
        pairs = [(key, surface) for key, surface in analyzer.tokens(text, lang) if key not in ignored]
        surfaces.add(pairs)
        docs.append(" ".join(key for key, _ in pairs))
    return docs, surfaces


def trim(text: str, limit: int = QUOTE_CHARS) -> str:
    """Cut at a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def _quotes(frame: pd.DataFrame, vectors: np.ndarray, centroid: np.ndarray, n: int
            ) -> tuple[list[str], list[str]]:
    """The posts closest to the centroid that are not near-duplicates of each other: their
    trimmed texts and their post ids (reports look up date, author, source and link by id)."""
    order = np.argsort(-(vectors @ centroid), kind="stable")
    chosen: list[int] = []
    for i in order:
        if all(vectors[i] @ vectors[j] < NEAR_DUPLICATE for j in chosen):
            chosen.append(i)
        if len(chosen) == n:
            break
    return ([trim(frame["text_norm"].iloc[i]) for i in chosen],
            [str(frame["post_id"].iloc[i]) for i in chosen])


def describe_topics(posts: pd.DataFrame, vectors: np.ndarray, model: TopicModel,
                    surfaces: Surfaces, n_quotes: int = 3) -> pd.DataFrame:
    """One row per topic. ``posts`` are the analyzed posts, aligned with ``vectors``."""
    topics = model.topics_
    rows = []
    for topic_id in sorted(t for t in set(topics.tolist()) if t >= 0):
        members = topics == topic_id
        row: dict[str, object] = {"topic_id": topic_id, "size": int(members.sum()),
                                  "share": round(float(members.mean()), 4)}
        for lang in LANGS:
            in_lang = members & (posts["lang"].to_numpy() == lang)
            keys = model.keywords_.get(topic_id, {}).get(lang, [])
            words = [" ".join(surfaces.display(k) for k in key.split()) for key in keys]
            row[f"n_{lang}"] = int(in_lang.sum())
            row[f"keywords_{lang}"] = "; ".join(words)
            row[f"label_{lang}"] = " · ".join(words[:3])
            texts, ids = (_quotes(posts[in_lang], vectors[in_lang], model.centroids_[topic_id],
                                  n_quotes) if in_lang.any() else ([], []))
            row[f"quotes_{lang}"] = "\n".join(texts)
            row[f"quote_ids_{lang}"] = ";".join(ids)
        main_lang = max(LANGS, key=lambda lang: row[f"n_{lang}"])
        row["label"] = row[f"label_{main_lang}"] or f"topic {topic_id}"
        rows.append(row)
    return pd.DataFrame(rows, columns=list(CLUSTER))
