"""A community's main subject as a topic: topics with and without the judge of one subject.

For each run folder given (``mining run`` output: ``posts.parquet`` and ``vectors/aligned.npy``)
and each corpus asked for (``--corpus sib200,hebrew-sentiment,...``: run once here into
``--out``, embeddings from ``--cache``), it fits the topics twice on the run's own aligned
vectors, as the topics stage does: without a judge (``cohesion=None``: a group above 1.5 times
``topics.max_topic_share`` that density cannot split is left out whole, the code before) and with
``topic_model``'s ``Subject`` (such a group kept whole when a word of its own is in most of its
posts). It prints, before → after: topics, the share of analyzed posts in a topic, the groups
kept whole and left out above the cap, each topic's size and label; for a corpus with topic
labels, ARI and NMI against them.

Usage:
    PYTHONPATH=. .venv/bin/python benchmarks/main_subject.py RUN_FOLDER ... \\
        [--corpus sib200,hebrew-sentiment,offenseval-greek,banking77] [--cache DIR] [--out DIR]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

import mining
from mining.embed.vectorfile import open_vectors
from mining.lang import read_in_greek, texts_read
from mining.topics.describe import token_docs
from mining.topics.model import topic_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def corpus_run(name: str, shared: Path, out: Path, cache: str) -> Path:
    """The run folder of corpus ``name`` (``benchmarks/topics.py``'s loader), run once."""
    from topics import load  # benchmarks/topics.py

    folder = out / name
    if not (folder / "posts.parquet").exists():
        data = load(shared, name)
        out.mkdir(parents=True, exist_ok=True)
        data[["row_id", "text"] + (["label"] if "label" in data else [])].to_csv(
            out / f"{name}.csv", index=False)
        config = mining.Config().updated("embedding", cache_dir=cache).updated(
            "input", id_column="row_id")
        mining.run([str(out / f"{name}.csv")], folder, config)
    return folder


def fit_both(folder: Path) -> tuple[pd.DataFrame, dict]:
    """The run's analyzed posts (in the order of its vectors) and the topic models fitted
    without (``before``) and with (``after``) the judge of one subject."""
    posts = pd.read_parquet(folder / "posts.parquet")
    analyzed = posts[posts["analyzed"].fillna(False).to_numpy(dtype=bool)].sort_values(
        "text_norm", kind="stable")  # the order the pipeline embeds and aligns them in
    vectors = np.asarray(open_vectors(folder / "vectors" / "aligned.npy"))
    docs, _ = token_docs(texts_read(analyzed).tolist(), analyzed["lang"].tolist(),
                         read=read_in_greek(analyzed),
                         written=analyzed["text_norm"].fillna("").tolist())
    models = {}
    for name, judged in (("before", False), ("after", True)):
        model = topic_model(mining.Config().topics)
        if not judged:
            model.set_params(cohesion=None)
        models[name] = model.fit(docs, vectors, analyzed["lang"].to_numpy(),
                                 keys=analyzed["text_norm"].tolist(), times=analyzed["created_at"])
    return analyzed, models


def describe(model, analyzed: pd.DataFrame, labels: pd.Series | None) -> str:
    """One line: topics, share in a topic, kept and left out above the cap, sizes and labels."""
    topics = model.topics_
    sizes = np.bincount(topics[topics >= 0]) if (topics >= 0).any() else np.array([], int)
    main = analyzed["lang"].mode().iloc[0] if len(analyzed) else "en"
    named = [f"{n} {' · '.join((model.keywords_.get(t, {}).get(main) or ['-'])[:3])}"
             for t, n in enumerate(sizes)]
    line = (f"{len(sizes)} topics, {np.mean(topics >= 0):.0%} of {len(topics)} posts in one; "
            f"kept whole {model.kept_whole_}, left out {model.left_out_}")
    if labels is not None:
        truth = labels.to_numpy()
        line += (f"; ARI {adjusted_rand_score(truth, topics):.3f} "
                 f"NMI {normalized_mutual_info_score(truth, topics):.3f}")
    return line + "\n      " + "; ".join(named[:12])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--corpus", default="", help="comma-separated corpus names")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", default="~/.cache/mining/embeddings")
    parser.add_argument("--out", type=Path, default=Path("/tmp/main_subject"))
    args = parser.parse_args()
    folders = list(args.folders) + [corpus_run(name, args.shared, args.out, args.cache)
                                    for name in filter(None, args.corpus.split(","))]
    for folder in folders:
        analyzed, models = fit_both(folder)
        labels = None
        source = folder.parent / f"{folder.name}.csv"
        if source.exists() and "label" in pd.read_csv(source, nrows=1):
            truth = pd.read_csv(source, dtype=str).set_index("row_id")["label"]
            labels = analyzed["source_id"].map(truth).fillna("?")
        print(f"== {folder}", flush=True)
        for name, model in models.items():
            print(f"  {name}: {describe(model, analyzed, labels)}", flush=True)


if __name__ == "__main__":
    main()
