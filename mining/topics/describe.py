"""The topic table: sizes, keywords, labels and representative quotes per language."""
from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from mining.lang.analyze import Surfaces, TextAnalyzer
from mining.lang.names import split_spellings
from mining.lang import LANGS
from mining.schema import CLUSTER
from mining.topics.model import TopicModel
from mining.topics.quotes import choose_quotes, clean_quote

QUOTE_CHARS = 180
_PIECES = re.compile(r"[^\W\d_][-‐.·][^\W\d_]")  # letters around a hyphen or dot


def token_docs(texts: list[str], langs: list[str], ignore: Iterable[str] = ()
               ) -> tuple[list[str], Surfaces]:
    """Each post as its space-joined counting keys (what the topic vectorizer counts), and the
    surface spellings seen for each key (what keyword lists show).

    ``ignore`` holds words that say nothing about a topic in this corpus, such as the brand's own
    name in its community (``brand.terms``) or a member's name; their keys are left out in every
    language, and so are the pieces of one spelt with hyphens or dots ("Wo-bbu-ffet" for a
    member Wobbuffet, whose pieces "bbu" and "ffet" were keywords).
    """
    split = split_spellings(ignore)
    if split is not None:
        texts = [split.sub(" ", t) if _PIECES.search(t) else t for t in texts]
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


def _quotes(frame: pd.DataFrame, docs: list[str], vectors: np.ndarray, centroid: np.ndarray,
            n: int) -> tuple[list[str], list[str]]:
    """The trimmed texts and post ids of the quotes ``choose_quotes`` picks (reports look up
    date, author, source and link by id)."""
    texts = [clean_quote(t) for t in frame["text_norm"].fillna("")]
    authors = frame["author"].tolist() if "author" in frame else [None] * len(frame)
    chosen = choose_quotes(texts, docs, authors, vectors, centroid, n, QUOTE_CHARS)
    return ([trim(texts[i]) for i in chosen], [str(frame["post_id"].iloc[i]) for i in chosen])


def describe_topics(posts: pd.DataFrame, vectors: np.ndarray, model: TopicModel,
                    surfaces: Surfaces, docs: list[str], n_quotes: int = 3) -> pd.DataFrame:
    """One row per topic. ``posts`` are the analyzed posts, aligned with ``vectors`` and with
    ``docs``, their counting keys from ``token_docs`` (which measure what a quote says)."""
    topics = model.topics_
    docs_array = np.asarray(docs, dtype=object)
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
            texts, ids = (_quotes(posts[in_lang], docs_array[in_lang].tolist(), vectors[in_lang],
                                  model.centroids_[topic_id], n_quotes)
                          if in_lang.any() else ([], []))
            row[f"quotes_{lang}"] = "\n".join(texts)
            row[f"quote_ids_{lang}"] = ";".join(ids)
        main_lang = max(LANGS, key=lambda lang: row[f"n_{lang}"])
        row["label"] = row[f"label_{main_lang}"] or f"topic {topic_id}"
        rows.append(row)
    return pd.DataFrame(rows, columns=list(CLUSTER))
