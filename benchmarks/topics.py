"""Topic quality on labelled corpora: topic counts, outliers, stability, keyword hygiene.

For each corpus in ../shared/corpora (SIB-200 he+el+en pooled, Banking77 train, the Hebrew
Facebook comments of hebrew-sentiment, the Greek tweets of offenseval-greek) it runs the mining
pipeline with automatic topics, then again on the same posts in another order, and prints:
  - topics found vs the number of true classes (where labels are topics),
  - outlier share,
  - shuffle stability: ARI between the two runs' topics, matched by post,
  - where labels are topics: ARI, NMI and Hungarian-matched accuracy against them, side by side
    with a third run that does not merge linked topics (``topics.merge = false``),
  - keyword hygiene: share of top-10 keywords that are stop words, and share of keyword lists
    holding two forms of one word (a Hebrew word with and without prefixes, a Greek word with and
    without accents or capitals, an English word and its plural).
On Banking77 it also runs ``--topics 77`` and compares with plain k-means (k=77) over the same
embeddings: Hungarian-matched accuracy, NMI and ARI.

Usage:
    .venv/bin/python benchmarks/topics.py [--shared ../shared] [--only sib200,banking77]
    (``--only banking77-k77`` runs only the k=77 comparison)
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

import mining
from mining.embed import embed_texts, get_embedder
from mining.embed.cache import EmbeddingCache
from mining.lang.analyze import TextAnalyzer
from mining.normalize import fold_text

ROOT = Path(__file__).resolve().parents[1]
HEBREW_PREFIXES = "והבכלמש"


def load(shared: Path, name: str) -> pd.DataFrame:
    """Rows with ``text`` and, where the corpus has topic labels, ``label``."""
    corpora = shared / "corpora"
    if name == "sib200":
        frames = [pd.read_csv(corpora / "sib200" / f / f"{p}.tsv", sep="\t", dtype=str)
                  for f in ("heb_Hebr", "ell_Grek", "eng_Latn") for p in ("train", "dev")]
        data = pd.concat(frames, ignore_index=True).rename(columns={"category": "label"})
    elif name == "banking77":
        data = pd.read_csv(corpora / "banking77" / "train.csv", dtype=str).rename(
            columns={"category": "label"})
    elif name == "hebrew-sentiment":
        data = pd.read_csv(corpora / "hebrew-sentiment" / "train.tsv", sep="\t", dtype=str,
                           quoting=3).rename(columns={"comment": "text"})[["text"]]
    elif name == "offenseval-greek":
        data = pd.read_csv(corpora / "offenseval-greek" / "train.tsv", sep="\t", dtype=str,
                           quoting=3).rename(columns={"tweet": "text"})[["text"]]
    data = data.dropna(subset=["text"]).reset_index(drop=True)
    data["row_id"] = [f"r{i}" for i in range(len(data))]
    return data


def run_topics(data: pd.DataFrame, config: mining.Config, tmp: Path, seed: int | None):
    rows = data if seed is None else data.sample(frac=1, random_state=seed)
    path = tmp / f"in-{seed}.csv"
    rows[["row_id", "text"]].to_csv(path, index=False)
    result = mining.run([str(path)], tmp / f"out-{seed}", config.updated("input", id_column="row_id"))
    return result


def duplicate_forms(words: list[str], lang: str) -> bool:
    """Two forms of one word in a keyword list, judged independently of mining's analyzer."""
    for a, b in combinations(words, 2):
        if fold_text(a) == fold_text(b):
            return True
        short, long_ = sorted((a, b), key=len)
        if lang == "he" and long_.endswith(short) and 1 <= len(long_) - len(short) <= 3 \
                and all(c in HEBREW_PREFIXES for c in long_[: len(long_) - len(short)]):
            return True
        if lang == "en" and long_.lower() in (short.lower() + "s", short.lower() + "es"):
            return True
    return False


HEBREW_ENDINGS = ("ים", "ות", "ית", "ה", "ת", "י")
HEBREW_FINALS = str.maketrans("ךםןףץ", "כמנפצ")


def hebrew_inflected_pair(words: list[str]) -> bool:
    """A singular and its plural, or a masculine and its feminine (משלוח/משלוחים, הודעה/הודעות,
    עובד/עובדת) in one Hebrew list, prefixes aside; a deliberately wide net (שיר/שירות too)."""
    def stems(word: str) -> set[str]:
        bare = {word[i:] for i in range(0, 4) if all(c in HEBREW_PREFIXES for c in word[:i])}
        out = set()
        for w in bare:
            out.add(w.translate(HEBREW_FINALS))
            out |= {w[: -len(e)] for e in HEBREW_ENDINGS if w.endswith(e)}
        return {w for w in out if len(w) >= 3}
    forms = [stems(w) for w in words]
    return any(a & b for a, b in combinations(forms, 2))


def keyword_hygiene(topics: pd.DataFrame, analyzer: TextAnalyzer) -> dict:
    stop = total = lists = dupes = inflected = 0
    for lang in ("he", "el", "en"):
        for cell in topics[f"keywords_{lang}"].fillna(""):
            words = [w for w in cell.split("; ") if w]
            if not words:
                continue
            lists += 1
            dupes += duplicate_forms(words, lang)
            inflected += lang == "he" and hebrew_inflected_pair(words)
            for word in words:
                keys = [k for k, _ in analyzer.tokens(word, lang)]
                total += 1
                stop += not keys or all(analyzer.is_stop(k) for k in keys)
    return {"stopword_share": round(stop / max(total, 1), 4),
            "lists_with_duplicate_forms": round(dupes / max(lists, 1), 4),
            "hebrew_lists_with_inflected_pair": inflected}


def hungarian_accuracy(truth: np.ndarray, found: np.ndarray) -> float:
    t_ids, t = np.unique(truth, return_inverse=True)
    f_ids, f = np.unique(found, return_inverse=True)
    table = np.zeros((len(f_ids), len(t_ids)))
    np.add.at(table, (f, t), 1)
    rows, cols = linear_sum_assignment(-table)
    return float(table[rows, cols].sum() / len(truth))


def agreement(truth, found) -> dict:
    return {"ari": round(adjusted_rand_score(truth, found), 3),
            "nmi": round(normalized_mutual_info_score(truth, found), 3),
            "accuracy": round(hungarian_accuracy(np.asarray(truth), np.asarray(found)), 3)}


def evaluate(name: str, data: pd.DataFrame, config: mining.Config, tmp: Path) -> dict:
    start = time.perf_counter()
    first = run_topics(data, config, tmp, None)
    second = run_topics(data, config, tmp, seed=7)
    a = first.posts.set_index("source_id")["topic_id"]
    b = second.posts.set_index("source_id")["topic_id"].reindex(a.index)
    analyzed = first.posts.set_index("source_id")["analyzed"].to_numpy()
    both = analyzed & b.notna().to_numpy()  # of exact duplicates, each order keeps another copy
    out = {"corpus": name, "posts": len(data), "analyzed": int(analyzed.sum()),
           "topics": len(first.topics),
           "outlier_share": round(float((a[analyzed] == -1).mean()), 3),
           "shuffle_ari": round(adjusted_rand_score(a[both].astype(int), b[both].astype(int)), 3)}
    if "label" in data:
        labels = data.set_index("row_id")["label"].reindex(a.index)[analyzed]
        out["classes"] = int(labels.nunique())
        out.update(agreement(labels, a[analyzed].astype(int)))
        # The same posts without merging linked topics, side by side.
        unmerged = run_topics(data, config.updated("topics", merge=False), tmp, None)
        u = unmerged.posts.set_index("source_id")["topic_id"].reindex(a.index)[analyzed]
        out["unmerged_topics"] = len(unmerged.topics)
        out.update({f"unmerged_{k}": v for k, v in agreement(labels, u.astype(int)).items()})
    analyzer = TextAnalyzer().fit(first.posts["text_norm"].tolist(), first.posts["lang"].tolist())
    out.update(keyword_hygiene(first.topics, analyzer))
    out["seconds"] = round(time.perf_counter() - start, 1)
    return out


def banking_k77(data: pd.DataFrame, config: mining.Config, tmp: Path) -> list[dict]:
    result = run_topics(data, config.updated("topics", n_topics=77), tmp, seed=None)
    posts = result.posts[result.posts["analyzed"]].set_index("source_id")
    truth = data.set_index("row_id")["label"].reindex(posts.index).to_numpy()
    found = posts["topic_id"].astype(int).to_numpy()
    rows = [{"method": "mining --topics 77", "accuracy": hungarian_accuracy(truth, found),
             "nmi": normalized_mutual_info_score(truth, found),
             "ari": adjusted_rand_score(truth, found), "outliers": float((found == -1).mean())}]
    vectors, _ = embed_texts(posts["text_norm"].tolist(), get_embedder(config.embedding.name),
                             EmbeddingCache(config.embedding.cache_dir))
    kmeans = KMeans(n_clusters=77, n_init=10, random_state=0).fit_predict(vectors)
    rows.append({"method": "k-means k=77 (same embeddings)", "accuracy": hungarian_accuracy(truth, kmeans),
                 "nmi": normalized_mutual_info_score(truth, kmeans),
                 "ari": adjusted_rand_score(truth, kmeans), "outliers": 0.0})
    return [{k: round(v, 3) if isinstance(v, float) else v for k, v in r.items()} for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--only", default="sib200,banking77,hebrew-sentiment,offenseval-greek")
    parser.add_argument("--cache", default="~/.cache/mining/embeddings")
    args = parser.parse_args()
    config = mining.Config().updated("embedding", cache_dir=args.cache)
    for name in args.only.split(","):
        data = load(args.shared, name.removesuffix("-k77"))
        with tempfile.TemporaryDirectory() as tmp:
            if not name.endswith("-k77"):
                print(json.dumps(evaluate(name, data, config, Path(tmp)), ensure_ascii=False), flush=True)
            if name.startswith("banking77"):
                for row in banking_k77(data, config, Path(tmp)):
                    print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
